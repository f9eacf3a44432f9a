// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Stowaway {

/**
 * Where a sync stands, as a plain value the engine hands out a few times a second (never
 * once per file): the CLI draws it as a progress bar, the desktop app as a bar with rate
 * and ETA. Totals grow while the dependency closure is still being discovered.
 */
struct SyncProgress
{
    enum class Phase {
        Starting,    ///< reading the upstream's config.json
        Selecting,   ///< asking the API for the popular crates
        Resolving,   ///< fetching index files and following dependencies
        Downloading, ///< fetching .crate files
        Done,
        Failed,
        Cancelled,
    };

    Phase phase = Phase::Starting;
    qint64 indexFilesDone = 0;
    qint64 indexFilesTotal = 0; ///< known so far
    qint64 filesDone = 0;       ///< .crate files stored
    qint64 filesFailed = 0;
    qint64 filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1;    ///< -1 while unknown
    double bytesPerSecond = 0; ///< smoothed
    qint64 etaSeconds = -1;    ///< -1 while it cannot be estimated
    QString currentItem;       ///< e.g. "serde 1.0.195"
    // Cloning or fetching a git index (phase Starting): objects and bytes received.
    qint64 indexObjectsDone = 0;
    qint64 indexObjectsTotal = 0;
    qint64 indexBytesReceived = 0;

    bool operator==(const SyncProgress &) const = default;

    /// "resolving", "downloading", … for plain-text output.
    static QString phaseName(Phase phase);
};

} // namespace Stowaway

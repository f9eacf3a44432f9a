// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Stowaway {

/// What a mirror holds, as counted in its state (never by walking the tree).
struct MirrorSummary
{
    qint64 crates = 0;           ///< crates with at least one stored version
    qint64 versions = 0;         ///< stored, verified versions
    qint64 bytes = 0;            ///< total size of the stored .crate files
    QString upstream;            ///< the upstream index URL from mirror.toml
    QDateTime lastSync;          ///< end of the last successful sync; invalid if never
    qint64 versionsKnown = 0;    ///< versions listed in the fetched index files, stored or not
    QStringList removedUpstream; ///< crates deleted upstream that the mirror keeps
    /// Estimate of the mirror holding every known version: versionsKnown × the mean stored
    /// .crate size; 0 while nothing is stored. After `sync --all` of a git index,
    /// versionsKnown is the whole index, so this is the size of a full mirror.
    qint64 projectedFullBytes = 0;

    /// The mean size of a stored .crate, the basis of every size estimate; 0 before any.
    qint64 meanCrateBytes() const { return versions > 0 ? bytes / versions : 0; }
};

} // namespace Stowaway

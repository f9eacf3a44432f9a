// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "closureresolver.h"
#include "resolverplan.h"
#include "targetfilter.h"
#include "tlstrust.h"
#include "upstreamproxy.h"
#include "versionpolicy.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Stowaway {

/// What one `sync` is asked to do. A plain value, filled by the CLI or the desktop app.
struct SyncRequest
{
    QString upstream;         ///< sparse+URL/ (already validated), or a git index URL or path
    QString contact;          ///< for the User-Agent
    QList<SyncRoot> roots;    ///< named crates and lockfile pins given this time
    int popular = 0;          ///< add the N most downloaded crates
    bool includeSaved = true; ///< also sync the mirror's saved selection
    VersionPolicy policy;
    TargetFilter platforms;
    bool devDeps = false;
    int jobs = 16;
    bool dryRun = false; ///< plan only: no downloads, nothing written
    /// A private upstream's token, sent as `Authorization` to the index's host only (the
    /// index files, config.json, and downloads from that host); empty: none.
    QByteArray authorization;
    /// Extra certificate authorities for the upstream's TLS (mirror.toml cainfo, --cainfo).
    TlsTrust tls;
    /// The proxy each upstream request goes through (mirror.toml proxy, --proxy, else the
    /// environment's https_proxy and friends).
    UpstreamProxy proxy;
    /// Git index upstreams only: mirror every version of every crate (remembered, so a later
    /// sync with includeSaved keeps doing so).
    bool all = false;
};

/// One crate version that could not be stored, and why.
struct SyncFailure
{
    QString name;
    QString version;
    QString reason;
};

/// How a sync ended. A plain value.
struct SyncResult
{
    enum class Outcome { Ok, Failed, Unreachable, Cancelled, DiskFull };
    Outcome outcome = Outcome::Ok;
    QString message;   ///< one line for the user when not Ok
    ResolverPlan plan; ///< every version the selection needs
    QList<SyncFailure> failures;
    int indexFilesFetched = 0;   ///< 200s
    int indexFilesUnchanged = 0; ///< 304s
    int indexLinesSkipped = 0;   ///< unparseable or future-schema lines
    int alreadyStored = 0;       ///< planned versions the mirror already had
    int downloaded = 0;
    qint64 bytesDownloaded = 0;
    qint64 elapsedMs = 0;
    QString indexCommit; ///< git upstreams: the commit synced from
    /// Every crate of a git index was synced (--all): @c plan then lists only a dry run's
    /// versions, a real sync counts them in downloaded and alreadyStored.
    bool fullMirror = false;
    bool fullComparison = false; ///< --all: no usable marker, every index file was compared
    QStringList removedUpstream; ///< crates the upstream deleted that the mirror keeps
    QStringList warnings;        ///< one line each, e.g. not enough disk for a full mirror
};

} // namespace Stowaway

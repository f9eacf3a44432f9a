// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "retrypolicy.h"
#include "tlstrust.h"
#include "upstreamproxy.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Stowaway {

/// One `.crate` to download: where from and what its bytes must hash to.
struct CrateJob
{
    QString name;
    QString version;
    QString url;
    QString cksum;            ///< SHA-256, lower-case hex, from the index line
    qint64 expectedSize = -1; ///< bytes, or -1 when unknown

    QString key() const { return name + QLatin1Char('@') + version; }
};

/// Settings of a CrateDownloader; the defaults suit crates.io.
struct CrateDownloaderOptions
{
    QString partialDir;         ///< where `.part` files live; see CrateDownloader::partialDir()
    QByteArray userAgent;       ///< e.g. "stowaway/0.1.0 (admin@example.org)"
    int jobs = 16;              ///< transfers at once
    int stallTimeoutMs = 30000; ///< no byte for this long: abort and retry
    /// Attempts, backoff and the longest Retry-After honoured; a longer one fails the file.
    RetryPolicy retry;
    qint64 diskMarginBytes = 64LL * 1024 * 1024; ///< free space kept beyond each file
    /// Try HTTP/2 on http:// hosts (h2c upgrade). Off by default: until the first answer of a
    /// new connection is complete Qt sends nothing else on it, so a stalled first download
    /// would hold the others. HTTPS hosts negotiate HTTP/2 while connecting either way.
    bool allowCleartextHttp2 = false;
    /// fsync each verified part before downloaded(). Turn off only when the receiver makes
    /// the files durable itself before relying on them (MirrorStore::putCrateFiles() does,
    /// with one sync for a whole batch).
    bool syncParts = true;
    /// After this many files in a row could not reach the upstream at all, the queue is
    /// given up (each queued file fails with one message) instead of every file being
    /// retried against a server that is gone. 0 never gives up.
    int unreachableLimit = 3;
    /// Sent as `Authorization` to downloads from `authorizationHost` only (never to a CDN or
    /// any other host a `dl` template or a redirect points at); empty: none.
    QByteArray authorization;
    QString authorizationHost;
    TlsTrust tls; ///< extra CAs for the download hosts' TLS certificates
    /// The proxy of the downloader's own extra QNetworkAccessManagers (the one it is given
    /// already has its proxy set by its owner).
    UpstreamProxy proxy;
};

/// A snapshot of a CrateDownloader's progress, cheap to take a few times a second.
struct CrateDownloadStats
{
    qint64 bytesReceived = 0; ///< over the network, every attempt counted
    int queued = 0;
    int inFlight = 0; ///< started and not finished (waiting to retry included)
    int done = 0;
    int failed = 0;
    QStringList current; ///< "name version" of the transfers in flight
};

} // namespace Stowaway

Q_DECLARE_METATYPE(Stowaway::CrateJob)

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cratejob.h"
#include "diskspace.h"

#include <QList>
#include <QObject>
#include <QSet>

#include <deque>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace Stowaway {

class CrateTransfer;
class MirrorLayout;

/**
 * Downloads `.crate` files, `options.jobs` at a time, through a QNetworkAccessManager the
 * caller owns. Each body streams into `{partialDir}/{name}-{version}.crate.part` while being
 * hashed; nothing is decompressed (the checksum is over the bytes as served). A part left by
 * an interrupted run is resumed with a Range request (206 appends, 200 or 416 starts over)
 * and the checksum always covers the whole file.
 *
 * Retries (`options.retry`, a RetryPolicy): exponential backoff with jitter up to
 * `maxAttempts`; 429/503 wait at least Retry-After (longer than `maxRetryAfter` fails the
 * file, naming the wait, instead of stalling the sync); 401/403/404/410/451 are final; a
 * transfer without a byte for `stallTimeoutMs` is aborted and retried; a checksum mismatch
 * deletes the part and is retried once.
 *
 * Results: downloaded() hands over a verified file, fsynced unless `options.syncParts` is
 * off (pass it to MirrorStore::putCrateFile(s)(), which take ownership and sync it);
 * failed() after the retries; finished() when nothing is queued or in flight. Before each
 * file the free space of the partial folder is checked; when it runs short everything stops
 * and diskFull() is emitted (then finished()).
 * Progress is polled with stats(), never signalled per chunk.
 *
 * Thread affinity: lives on the thread of the QNetworkAccessManager; no threads of its own.
 */
class CrateDownloader final : public QObject
{
    Q_OBJECT
public:
    /// `nam` must outlive the downloader.
    CrateDownloader(QNetworkAccessManager *nam, CrateDownloaderOptions options,
                    QObject *parent = nullptr);
    ~CrateDownloader() override;

    /// `<mirror>/tmp/partial`: a subfolder MirrorStore::open() does not clean (it removes
    /// only stale `*.tmp` files directly in tmp/), on the mirror's volume.
    static QString partialDir(const MirrorLayout &layout);
    /// Removes every `.crate.part` file in `dir` whose name is not in `keep`; returns how
    /// many were removed. Only when no transfer runs (parts in use would be lost).
    static int pruneParts(const QString &dir, const QSet<QString> &keep);

    /// Queues a file; one already queued or in flight (same name and version) is ignored.
    void enqueue(const CrateJob &job);
    void enqueue(const QList<CrateJob> &jobs);
    /// Drops the queue and aborts the transfers; their parts stay for a later resume. Emits
    /// finished() (queued) unless idle already; no failed() for the dropped jobs.
    void cancel();

    CrateDownloadStats stats() const;
    bool isIdle() const { return m_queue.empty() && m_active.isEmpty(); }
    const CrateDownloaderOptions &options() const { return m_options; }
    /// The QNetworkAccessManagers transfers are spread over: 1 until an answer shows the
    /// upstream speaks HTTP/1.x, then enough for `jobs` connections (Qt opens at most 6 per
    /// host and manager). Over HTTP/2 one manager multiplexes every transfer on one
    /// connection, which costs less than several (fewer TLS handshakes and network threads).
    int networkManagers() const { return int(m_extraNams.size()) + 1; }

Q_SIGNALS:
    void downloaded(const Stowaway::CrateJob &job, const QString &verifiedTempPath, qint64 bytes);
    void failed(const Stowaway::CrateJob &job, const QString &reason);
    void diskFull(const QString &message);
    void finished();

private:
    void pump();
    bool enoughSpace(const CrateJob &job, QString *message);
    void onTransferDone(CrateTransfer *transfer, int outcome, const QString &detail, qint64 size);
    void stopAll();
    void giveUpQueue(const QString &lastError);

    QNetworkAccessManager *nextNetworkManager();
    /// After the first answer: adds the managers HTTP/1.x needs for `jobs` connections.
    void adaptToProtocol(int httpVersion);

    QNetworkAccessManager *m_nam;
    /// Qt opens at most 6 HTTP/1.1 connections per host and manager; over HTTP/1.x more jobs
    /// than that get managers of their own so that `jobs` transfers really run at once.
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_extraNams;
    bool m_protocolKnown = false;
    std::size_t m_nextNam = 0;
    CrateDownloaderOptions m_options;
    std::deque<CrateJob> m_queue;
    QList<CrateTransfer *> m_active;
    QSet<QString> m_keys; // queued or in flight
    qint64 m_bytesFinished = 0;
    int m_done = 0;
    int m_failed = 0;
    quint64 m_epoch = 0; // bumped by stopAll()
    DiskSpace m_space;   // of partialDir, asked before each transfer starts
    bool m_partialDirMade = false;
    int m_unreachableInRow = 0; // transfers that could not reach the upstream, in a row
};

} // namespace Stowaway

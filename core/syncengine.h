// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorstore.h"
#include "rateestimator.h"
#include "registryconfig.h"
#include "syncprogress.h"
#include "syncrequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Stowaway {

class CrateDownloader;
class CrateStoreQueue;
struct CrateStoreBatch;
class FullMirrorQueue;
class GitIndexSource;
class IndexSource;
class MirrorStore;
class PopularCrates;
class LocalPopularCrates;
struct CrateJob;
struct GitIndexChanges;
struct GitTransferProgress;
struct IndexFetch;
class IndexLine;
struct PopularCrate;

/**
 * Runs one sync: reads the upstream's config.json, asks the API for the popular crates when
 * requested, fetches index files (conditionally, from the ETags kept in the state) while
 * the ClosureResolver discovers dependencies, and downloads every version the resolver keeps
 * that the mirror lacks as soon as it is kept (a kept version stays kept, so downloads need
 * not wait for the whole closure); the sync ends once the closure is complete and every
 * download is stored. A dry run stops after the plan and writes nothing.
 *
 * Writes are batched and done by a CrateStoreWorker on a thread of its own (with its own
 * MirrorStore on the same folder), in the order they are handed over: fetched index files
 * (every 512 files, and with every batch of downloads, so a crate's versions are known before
 * its files arrive), the sync's selection, and downloaded files (every second or 512 files).
 * Whatever is pending when the sync ends, fails or is cancelled is stored too, and finished()
 * waits for the worker. A file counts as done once stored; each stored batch is published to
 * the served index at once. The engine's own store is only read while the worker writes.
 *
 * The index comes from an IndexSource: IndexClient for a sparse upstream, GitIndexSource for
 * a git one (a bare clone in the mirror's git/ folder, fetched first). With a git upstream
 * and `all`, no closure is resolved: the engine asks the source which crate files changed
 * since the last commit every version of which was stored (the marker, kept in the state),
 * stores those files, and downloads every version the state knows but does not hold — the
 * new lines of changed files plus whatever failed before. The marker moves to the new tip
 * only when nothing is left to download. Crates whose file disappeared are kept and marked
 * as removed upstream.
 *
 * Progress is a SyncProgress emitted a few times a second (never per file); the end is one
 * finished(SyncResult). When the upstream can't be reached the mirror is left exactly as it
 * was. Lives on the thread of the store and the QNetworkAccessManager (both owned by the
 * caller and outliving the engine); the store worker's thread is its own and ends with the
 * sync.
 */
class SyncEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)
public:
    SyncEngine(MirrorStore &store, QNetworkAccessManager &nam, QObject *parent = nullptr);
    ~SyncEngine() override;

    /// Starts; finished() follows exactly once. Not re-entrant: one sync per engine at a time.
    void start(const SyncRequest &request);
    /// Stops downloads and index fetches; finished() follows with Outcome::Cancelled.
    void cancel();
    /// True from start() until finished() (also while the last downloads are being stored).
    bool isRunning() const { return m_running || m_finishing; }
    SyncProgress progress() const { return m_progress; }

    /// Shorter retries and stall timeouts for tests (the defaults suit crates.io).
    void setFastRetriesForTests(bool fast) { m_fastRetries = fast; }
    /// Versions per page of a full mirror's download queue (default 10,000).
    void setQueuePageSizeForTests(int size) { m_queuePageSize = size; }

Q_SIGNALS:
    void progressChanged(const Stowaway::SyncProgress &progress);
    void finished(const Stowaway::SyncResult &result);

private:
    void onConfig(const RegistryConfig &config);
    void onTransferProgress(const GitTransferProgress &progress);
    void onChanges(const GitIndexChanges &changes);
    /// --all: every changed index file is in; store them and queue the downloads.
    void maybeIndexed();
    QString markerValue() const;
    /// --all --dry-run: adds the versions of @p lines the mirror does not hold to the plan.
    void planUnstored(const QList<IndexLine> &lines);
    void onConfigFailed(const QString &message, bool unreachable);
    void onPopular(const QList<PopularCrate> &crates);
    void startResolving();
    void requestIndexFiles();
    void onIndexFetched(const IndexFetch &fetch);
    void maybeResolved();
    /// The closure is complete: downloads what is left and lets the sync finish.
    void startDownloads();
    /// Queues the versions the resolver kept since the last call (skipping stored ones).
    void downloadNewlyKept();
    /// Hands @p jobs (not empty) to the downloader, made on first use.
    void startJobs(const QList<CrateJob> &jobs);
    /// --all: queues the next page of the FullMirrorQueue; false when it is exhausted.
    bool enqueueNextPage();
    void onDownloaded(const CrateJob &job, const QString &tempPath, qint64 bytes);
    void onDownloadFailed(const CrateJob &job, const QString &reason);
    void onDiskFull(const QString &message);
    /// Hands the pending index files to the store worker (errors come to onStored()); a
    /// full mirror (--all) stores them here and now, since its queue is read from the state.
    /// False with the store's message when storing here failed.
    bool flushIndexFiles(QString *error);
    /// Hands the pending downloads to the store worker (started on first use); @p last also
    /// settles what the batches published (see MirrorStore::settleServed()).
    void flushCrates(bool last = false);
    /// A batch is stored: counts it, and the ones the store refused become failures.
    void onStored(const CrateStoreBatch &batch);
    void maybeFinished();
    void saveSelection();
    /// Ranks from the local git index instead; @p why says what went wrong with the API.
    void popularFromLocalIndex(const QString &why);
    /// Stops taking new work; completeFinish() follows once no batch is being stored.
    void finish(SyncResult::Outcome outcome, const QString &message = {});
    void completeFinish();
    void publishProgress();

    MirrorStore &m_store;
    QNetworkAccessManager &m_nam;
    SyncRequest m_request;
    SyncResult m_result;
    SyncProgress m_progress;
    bool m_running = false;
    bool m_fastRetries = false;
    int m_queuePageSize = 10000;
    bool m_downloading = false;
    qint64 m_runId = -1;
    RegistryConfig m_config;
    std::unique_ptr<ClosureResolver> m_resolver;
    std::unique_ptr<IndexSource> m_index;
    GitIndexSource *m_git = nullptr;          ///< m_index when the upstream is a git index
    bool m_all = false;                       ///< mirror every crate of the git index
    QStringList m_removed;                    ///< crates whose index file the upstream deleted
    std::unique_ptr<FullMirrorQueue> m_queue; ///< --all: what is left to download
    std::unique_ptr<PopularCrates> m_popular;
    /// Git upstreams: the reverse-dependency ranking when the downloads API is out of reach.
    std::unique_ptr<LocalPopularCrates> m_localPopular;
    std::unique_ptr<CrateDownloader> m_downloader;
    QList<SyncRoot> m_roots;
    int m_indexInFlight = 0;
    QList<UpstreamIndexFile> m_pendingIndex;
    QList<CrateFileItem> m_pendingCrates;
    QList<qint64> m_pendingBytes; ///< bytes of each of m_pendingCrates
    QTimer m_flushTimer;
    std::unique_ptr<CrateStoreQueue> m_storeQueue; ///< to the store worker, in order
    bool m_finishing = false;                      ///< finish() waits for the batches in flight
    SyncResult::Outcome m_finishOutcome = SyncResult::Outcome::Ok;
    QString m_finishMessage;
    QString m_tokenHost; // the only host request.authorization is sent to
    QTimer m_progressTimer;
    QElapsedTimer m_clock;
    RateEstimator m_rate;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncengine.h"

#include "syncrequestbuilder.h"

#include "cratedownloader.h"
#include "cratestorequeue.h"
#include "cratetransfer.h"
#include "downloadurl.h"
#include "fullmirrorqueue.h"
#include "gitindex.h"
#include "gitindexsource.h"
#include "indexclient.h"
#include "indexline.h"
#include "localpopularcrates.h"
#include "mirrorstore.h"
#include "popularcrates.h"
#include "upstreamurl.h"
#include "useragent.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSet>

#include <utility>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcSync, "stowaway.sync")

namespace {
constexpr int ProgressIntervalMs = 250;
constexpr int FlushIntervalMs = 1000;
constexpr int FlushItems = 512;
// State keys: the last git commit every version of which is stored ("<commit> <url>"), and
// whether the mirror follows the whole git index.
const QString SyncedMarkerKey = QStringLiteral("git.synced");
const QString AllMarkerKey = QStringLiteral("git.all");

RetryPolicy fastRetries()
{
    RetryPolicy fast;
    fast.firstDelay = std::chrono::milliseconds(20);
    fast.jitter = std::chrono::milliseconds(20);
    fast.maxDelay = std::chrono::milliseconds(200);
    fast.maxRetryAfter = std::chrono::milliseconds(2000);
    return fast;
}
} // namespace

SyncEngine::SyncEngine(MirrorStore &store, QNetworkAccessManager &nam, QObject *parent)
    : QObject(parent), m_store(store), m_nam(nam)
{
    m_storeQueue = std::make_unique<CrateStoreQueue>(m_store.layout());
    connect(m_storeQueue.get(), &CrateStoreQueue::stored, this, &SyncEngine::onStored);
    m_progressTimer.setInterval(ProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &SyncEngine::publishProgress);
    m_flushTimer.setInterval(FlushIntervalMs);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flushCrates(); });
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::start(const SyncRequest &request)
{
    Q_ASSERT(!m_running);
    m_request = request;
    m_tokenHost.clear();
    m_result = {};
    m_progress = {};
    m_rate = RateEstimator();
    m_roots.clear();
    m_indexInFlight = 0;
    m_downloading = false;
    m_runId = -1;
    m_pendingIndex.clear();
    m_pendingCrates.clear();
    m_pendingBytes.clear();
    m_finishing = false;
    m_downloader.reset();
    m_popular.reset();
    m_localPopular.reset();
    m_resolver.reset();
    m_index.reset();
    m_git = nullptr;
    m_queue.reset();
    m_removed.clear();
    m_running = true;
    m_clock.start();
    m_progressTimer.start();

    QString error;
    request.proxy.applyTo(m_nam);
    if (GitIndex::isGitUpstream(request.upstream)) {
        auto git =
            std::make_unique<GitIndexSource>(m_store.layout().gitIndexDir(), request.upstream);
        git->setProxyUrl(request.proxy.proxyUrlFor(QUrl(request.upstream)));
        m_git = git.get();
        connect(m_git, &GitIndexSource::transferProgress, this, &SyncEngine::onTransferProgress);
        connect(m_git, &GitIndexSource::changesReady, this, &SyncEngine::onChanges);
        connect(m_git, &GitIndexSource::usingLocalCopy, this, [this](const QString &message) {
            m_result.warnings.append(
                tr("%1 The index was read from the copy fetched before, at commit %2.")
                    .arg(message, QString::fromLatin1(m_git->tip().left(12))));
        });
        connect(m_git, &GitIndexSource::changesFailed, this,
                [this](const QString &message) { finish(SyncResult::Outcome::Failed, message); });
        m_index = std::move(git);
        m_all = request.all ||
                (request.includeSaved && m_store.syncMarker(AllMarkerKey) == QLatin1String("1"));
    } else {
        if (request.all) {
            finish(SyncResult::Outcome::Failed,
                   tr("--all needs a git index upstream, which lists every crate; use "
                      "--upstream https://github.com/rust-lang/crates.io-index"));
            return;
        }
        const auto upstream = UpstreamUrl::parse(request.upstream, &error);
        if (!upstream) {
            finish(SyncResult::Outcome::Failed, error);
            return;
        }
        auto client =
            std::make_unique<IndexClient>(m_nam, *upstream, UserAgent::string(request.contact));
        if (m_fastRetries)
            client->setRetryPolicy(fastRetries());
        client->setAuthorization(request.authorization);
        client->setTlsTrust(request.tls);
        client->setProxyNote(request.proxy.describeFor(upstream->baseUrl()));
        m_tokenHost = upstream->baseUrl().host();
        m_index = std::move(client);
        m_all = false;
    }
    connect(m_index.get(), &IndexSource::configReady, this, &SyncEngine::onConfig);
    connect(m_index.get(), &IndexSource::configFailed, this, &SyncEngine::onConfigFailed);
    connect(m_index.get(), &IndexSource::indexFetched, this, &SyncEngine::onIndexFetched);
    if (!request.dryRun) {
        m_runId = m_store.beginSyncRun(&error);
        if (m_runId < 0) {
            finish(SyncResult::Outcome::Failed, error);
            return;
        }
    }
    publishProgress();
    m_index->fetchConfig();
}

void SyncEngine::cancel()
{
    if (!m_running)
        return;
    if (m_downloader)
        m_downloader->cancel();
    finish(SyncResult::Outcome::Cancelled, tr("The sync was cancelled; what was stored is kept."));
}

void SyncEngine::onConfig(const RegistryConfig &config)
{
    m_config = config;
    if (m_all) {
        m_result.indexCommit = QString::fromLatin1(m_git->tip());
        m_progress.phase = SyncProgress::Phase::Resolving;
        const QString marker = m_store.syncMarker(SyncedMarkerKey);
        const QByteArray from = marker.section(QLatin1Char(' '), 1, -1) == m_git->url()
                                    ? marker.section(QLatin1Char(' '), 0, 0).toLatin1()
                                    : QByteArray();
        m_git->listChanges(from);
        return;
    }
    m_roots = m_request.roots;
    if (m_request.includeSaved)
        m_roots += SyncRequestBuilder::savedRoots(m_store.selection());
    if (m_request.popular <= 0) {
        startResolving();
        return;
    }
    if (!config.hasApi()) {
        if (m_git) {
            popularFromLocalIndex(tr("the upstream's config.json names no web API"));
            return;
        }
        finish(SyncResult::Outcome::Failed,
               tr("The upstream's config.json names no web API, so --popular cannot ask which "
                  "crates are popular. Name the crates with --crate or --lockfile instead."));
        return;
    }
    m_progress.phase = SyncProgress::Phase::Selecting;
    m_popular =
        std::make_unique<PopularCrates>(m_nam, config.api, UserAgent::string(m_request.contact));
    m_popular->setTlsTrust(m_request.tls);
    connect(m_popular.get(), &PopularCrates::topReady, this, &SyncEngine::onPopular);
    connect(m_popular.get(), &PopularCrates::failed, this, [this](const QString &message) {
        if (m_git)
            popularFromLocalIndex(message);
        else
            finish(SyncResult::Outcome::Failed, message);
    });
    m_popular->fetchTop(m_request.popular);
}

void SyncEngine::onConfigFailed(const QString &message, bool unreachable)
{
    QString text = message;
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    text += tr(" The mirror is unchanged.");
    finish(unreachable ? SyncResult::Outcome::Unreachable : SyncResult::Outcome::Failed, text);
}

void SyncEngine::onTransferProgress(const GitTransferProgress &progress)
{
    m_progress.indexObjectsDone = progress.receivedObjects;
    m_progress.indexObjectsTotal = progress.totalObjects;
    m_progress.indexBytesReceived = progress.receivedBytes;
}

void SyncEngine::onChanges(const GitIndexChanges &changes)
{
    if (!m_running)
        return;
    m_result.fullComparison = changes.full;
    m_removed = changes.removed;
    QList<GitIndexEntry> toRead;
    if (changes.full) {
        // No usable marker (first sync, another upstream, or a clone made anew): compare the
        // tip's blob ids with the ETags of what is stored; only files that differ are read.
        const QHash<QString, QString> etags = m_store.crateEtags();
        QSet<QString> present;
        present.reserve(changes.present.size());
        for (const GitIndexEntry &entry : changes.present) {
            present.insert(entry.name);
            if (etags.value(entry.name) != QLatin1String(entry.blobId))
                toRead.append(entry);
        }
        for (auto it = etags.cbegin(); it != etags.cend(); ++it) {
            if (!present.contains(it.key()))
                m_removed.append(it.key());
        }
    } else {
        toRead = changes.present;
    }
    qCDebug(lcSync) << "git index" << changes.from << "->" << changes.to << ":" << toRead.size()
                    << "files to read," << m_removed.size() << "removed"
                    << (changes.full ? "(full comparison)" : "");
    for (const GitIndexEntry &entry : std::as_const(toRead)) {
        ++m_indexInFlight;
        ++m_progress.indexFilesTotal;
        m_index->fetch(entry.name);
    }
    maybeIndexed();
}

void SyncEngine::maybeIndexed()
{
    if (!m_running || m_downloading || m_indexInFlight > 0)
        return;
    if (m_request.dryRun) {
        // Plus what earlier syncs could not store, except crates deleted upstream.
        m_result.plan.versions +=
            FullMirrorQueue::unstoredPlan(m_store, m_result.plan.versions, m_removed);
        finish(m_result.failures.isEmpty() ? SyncResult::Outcome::Ok : SyncResult::Outcome::Failed);
        return;
    }
    QString error;
    if (!flushIndexFiles(&error) || !m_store.setRemovedUpstream(m_removed, true, &error) ||
        (m_request.all && !m_store.setSyncMarker(AllMarkerKey, QStringLiteral("1"), &error))) {
        finish(SyncResult::Outcome::Failed, error);
        return;
    }
    // The queue: every version the state knows and does not hold — the new lines of the
    // files just stored, and what earlier syncs could not store — a page at a time. Crates
    // deleted upstream are not asked for again; what is stored of them stays.
    m_queue = std::make_unique<FullMirrorQueue>(m_store, m_config.dl, m_queuePageSize);
    if (const QString warning = m_queue->diskWarning(); !warning.isEmpty())
        m_result.warnings.append(warning);
    m_downloading = true;
    m_progress.phase = SyncProgress::Phase::Downloading;
    m_progress.currentItem.clear();
    m_progress.filesTotal = m_queue->total();
    if (!enqueueNextPage())
        maybeFinished();
}

bool SyncEngine::enqueueNextPage()
{
    while (m_queue && !m_queue->atEnd()) {
        int adopted = 0;
        const QList<CrateJob> jobs = m_queue->next(&adopted);
        m_result.alreadyStored += adopted;
        m_progress.filesTotal -= adopted;
        if (!jobs.isEmpty()) {
            startJobs(jobs);
            return true;
        }
    }
    return false;
}

void SyncEngine::planUnstored(const QList<IndexLine> &lines)
{
    for (const IndexLine &line : lines) {
        const auto record = m_store.version(line.name, line.vers);
        if (record && record->state == QLatin1String("stored") && record->cksum == line.cksum)
            continue;
        m_result.plan.versions.append(
            {line.name, line.vers, line.cksum, line.yanked, QStringLiteral("all"), {}});
    }
}

QString SyncEngine::markerValue() const
{
    return m_result.indexCommit + QLatin1Char(' ') + m_git->url();
}

void SyncEngine::popularFromLocalIndex(const QString &why)
{
    m_result.warnings.append(
        tr("Popular crates ranked by reverse dependencies in the local git index, because the "
           "downloads ranking could not be had (%1).")
            .arg(why));
    m_localPopular =
        std::make_unique<LocalPopularCrates>(m_store.layout().gitIndexDir(), m_git->tip());
    connect(m_localPopular.get(), &LocalPopularCrates::topReady, this, &SyncEngine::onPopular);
    connect(m_localPopular.get(), &LocalPopularCrates::failed, this,
            [this, why](const QString &message) {
                finish(SyncResult::Outcome::Failed,
                       tr("--popular failed: %1; and %2").arg(why, message));
            });
    m_localPopular->fetchTop(m_request.popular);
}

void SyncEngine::onPopular(const QList<PopularCrate> &crates)
{
    for (const PopularCrate &crate : crates) {
        SyncRoot root;
        root.name = crate.name;
        root.reason = QStringLiteral("popular");
        root.detail = QStringLiteral("rank %1").arg(crate.rank);
        m_request.roots.append(root); // saved with the selection
        m_roots.append(root);
    }
    startResolving();
}

void SyncEngine::startResolving()
{
    m_progress.phase = SyncProgress::Phase::Resolving;
    m_resolver = std::make_unique<ClosureResolver>(
        ResolverOptions{m_request.policy, m_request.platforms, m_request.devDeps});
    for (const SyncRoot &root : std::as_const(m_roots))
        m_resolver->addRoot(root);
    requestIndexFiles();
    maybeResolved();
}

void SyncEngine::requestIndexFiles()
{
    const MirrorLayout &layout = m_store.layout();
    for (const QString &name : m_resolver->takeNewNames()) {
        QByteArray etag;
        QByteArray lastModified;
        // Revalidate only what we still have a copy of; otherwise fetch it whole.
        if (const auto crate = m_store.crate(name);
            crate && QFile::exists(layout.upstreamIndexFile(name))) {
            etag = crate->etag.toUtf8();
            lastModified = crate->lastModified.toUtf8();
        }
        ++m_indexInFlight;
        ++m_progress.indexFilesTotal;
        m_index->fetch(name, etag, lastModified);
    }
}

void SyncEngine::onIndexFetched(const IndexFetch &fetch)
{
    if (!m_running)
        return;
    --m_indexInFlight;
    ++m_progress.indexFilesDone;
    m_progress.currentItem = fetch.name;
    QString error;
    switch (fetch.status) {
    case IndexFetch::Status::Ok: {
        const IndexLine::FileLines parsed = IndexLine::parseFile(fetch.bytes);
        m_result.indexLinesSkipped += parsed.skipped;
        for (const QString &problem : parsed.problems)
            qCInfo(lcSync) << fetch.name << problem;
        if (!m_request.dryRun) {
            m_pendingIndex.append({fetch.name, fetch.bytes, QString::fromUtf8(fetch.etag),
                                   QString::fromUtf8(fetch.lastModified)});
            if (m_pendingIndex.size() >= FlushItems && !flushIndexFiles(&error)) {
                finish(SyncResult::Outcome::Failed, error);
                return;
            }
        }
        ++m_result.indexFilesFetched;
        if (m_resolver)
            m_resolver->provide(fetch.name, parsed.lines);
        else if (m_request.dryRun) // --all --dry-run: the versions this file would add
            planUnstored(parsed.lines);
        break;
    }
    case IndexFetch::Status::NotModified: {
        QFile file(m_store.layout().upstreamIndexFile(fetch.name));
        if (!file.open(QIODevice::ReadOnly)) {
            // The copy went away between the request and now: fetch it whole.
            ++m_indexInFlight;
            --m_progress.indexFilesDone;
            m_index->fetch(fetch.name);
            return;
        }
        const IndexLine::FileLines parsed = IndexLine::parseFile(file.readAll());
        m_result.indexLinesSkipped += parsed.skipped;
        ++m_result.indexFilesUnchanged;
        if (m_resolver)
            m_resolver->provide(fetch.name, parsed.lines);
        break;
    }
    case IndexFetch::Status::NotFound:
        if (m_resolver)
            m_resolver->provideMissing(fetch.name,
                                       tr("the upstream has no crate named %1 (HTTP %2)")
                                           .arg(fetch.name)
                                           .arg(fetch.httpStatus));
        break;
    case IndexFetch::Status::Failed:
        m_result.failures.append({fetch.name, QString(), fetch.error});
        if (m_resolver)
            m_resolver->provideMissing(fetch.name, fetch.error);
        break;
    }
    if (m_all) {
        maybeIndexed();
        return;
    }
    requestIndexFiles();
    // Versions the closure keeps are final: download them while it grows.
    downloadNewlyKept();
    maybeResolved();
}

void SyncEngine::maybeResolved()
{
    if (!m_running || m_downloading || !m_resolver->isClosed() || m_indexInFlight > 0)
        return;
    m_result.plan = m_resolver->plan();
    if (m_request.dryRun) {
        finish(m_result.failures.isEmpty() ? SyncResult::Outcome::Ok : SyncResult::Outcome::Failed);
        return;
    }
    // The selection goes to the store worker ahead of the last index files.
    saveSelection();
    // Every index file goes to the store worker before the first download does: a crate's
    // versions are known to the state before its files arrive there.
    QString error;
    if (!flushIndexFiles(&error)) {
        finish(SyncResult::Outcome::Failed, error);
        return;
    }
    startDownloads();
}

void SyncEngine::startDownloads()
{
    // The closure is complete: from here on an idle downloader means the sync is done.
    m_downloading = true;
    m_progress.phase = SyncProgress::Phase::Downloading;
    m_progress.currentItem.clear();
    downloadNewlyKept();
    Q_EMIT progressChanged(m_progress); // the phase changed: say so now, not on the next tick
    if (!m_downloader || m_downloader->isIdle())
        maybeFinished();
}

void SyncEngine::downloadNewlyKept()
{
    if (!m_resolver || m_request.dryRun || !m_running)
        return;
    const QList<PlannedVersion> versions = m_resolver->takeNewlyKept();
    if (versions.isEmpty())
        return;
    int stored = 0;
    QList<CrateJob> jobs;
    for (const PlannedVersion &planned : m_store.versionsToFetch(versions, &stored)) {
        CrateJob job;
        job.name = planned.name;
        job.version = planned.version;
        job.cksum = planned.cksum;
        job.url = DownloadUrl::expand(m_config.dl, planned.name, planned.version, planned.cksum);
        jobs.append(job);
    }
    m_result.alreadyStored += stored;
    m_progress.filesTotal += jobs.size();
    if (!jobs.isEmpty())
        startJobs(jobs);
}

void SyncEngine::startJobs(const QList<CrateJob> &jobs)
{
    if (m_downloader) {
        m_downloader->enqueue(jobs);
        return;
    }
    CrateDownloaderOptions options;
    options.partialDir = CrateDownloader::partialDir(m_store.layout());
    options.userAgent = UserAgent::string(m_request.contact);
    options.jobs = m_request.jobs;
    // Not on plain http: there Qt holds a new connection's other requests until the first
    // answer is complete (see CrateTransfer::attempt), and one stall would hold them all.
    options.allowCleartextHttp2 = false;
    options.syncParts = false; // putCrateFiles() syncs each batch with one call
    options.authorization = m_request.authorization;
    options.authorizationHost = m_tokenHost;
    options.tls = m_request.tls;
    options.proxy = m_request.proxy;
    if (m_fastRetries) {
        options.retry = fastRetries();
        options.stallTimeoutMs = 1000;
    }
    m_downloader = std::make_unique<CrateDownloader>(&m_nam, options);
    connect(m_downloader.get(), &CrateDownloader::downloaded, this, &SyncEngine::onDownloaded);
    connect(m_downloader.get(), &CrateDownloader::failed, this, &SyncEngine::onDownloadFailed);
    connect(m_downloader.get(), &CrateDownloader::diskFull, this, &SyncEngine::onDiskFull);
    connect(m_downloader.get(), &CrateDownloader::finished, this, &SyncEngine::maybeFinished);
    m_downloader->enqueue(jobs);
}

void SyncEngine::onDownloaded(const CrateJob &job, const QString &tempPath, qint64 bytes)
{
    if (!m_running)
        return; // the part stays in the partial folder; the next sync resumes it
    // The transfer hashed the file as it arrived and reports it only when that matched.
    m_pendingCrates.append({job.name, job.version, tempPath, job.cksum, bytes});
    m_pendingBytes.append(bytes);
    // An idle store worker gets the files at once; a busy one gets what piled up when it is
    // done (onStored), so batches follow its pace and the last one, which the end of the
    // sync waits for, stays small.
    if (m_pendingCrates.size() >= FlushItems || m_storeQueue->inFlight() == 0)
        flushCrates();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

bool SyncEngine::flushIndexFiles(QString *error)
{
    if (m_pendingIndex.isEmpty())
        return true;
    if (m_all) {
        // A full mirror's download queue is read back from the state: store them now.
        const QList<UpstreamIndexFile> files = std::exchange(m_pendingIndex, {});
        QStringList errors;
        if (m_store.putUpstreamIndexes(files, &errors))
            return true;
        *error = errors.join(QLatin1Char('\n'));
        return false;
    }
    CrateStoreBatch batch;
    batch.indexFiles = std::exchange(m_pendingIndex, {});
    m_storeQueue->send(std::move(batch)); // failures come back in onStored()
    return true;
}

void SyncEngine::flushCrates(bool last)
{
    m_flushTimer.stop();
    if (m_pendingCrates.isEmpty()) {
        if (last)
            m_storeQueue->settle();
        return;
    }
    CrateStoreBatch batch;
    // Index files still pending go first: the versions of these crates may be among them.
    if (!m_all)
        batch.indexFiles = std::exchange(m_pendingIndex, {});
    batch.items = std::exchange(m_pendingCrates, {});
    batch.bytes = std::exchange(m_pendingBytes, {});
    // Every batch is published as soon as it is stored: the worker does it off this thread,
    // and cargo sees new versions within a second of their download.
    batch.publish = true;
    batch.settle = last; // the end of the sync: everything served becomes durable
    m_storeQueue->send(std::move(batch));
}

void SyncEngine::onStored(const CrateStoreBatch &batch)
{
    if (!batch.indexErrors.isEmpty()) {
        const QString error = batch.indexErrors.join(QLatin1Char('\n'));
        if (m_running) {
            finish(SyncResult::Outcome::Failed, error);
        } else if (m_finishing) {
            if (m_finishOutcome == SyncResult::Outcome::Ok ||
                m_finishOutcome == SyncResult::Outcome::Cancelled)
                m_finishOutcome = SyncResult::Outcome::Failed;
            m_finishMessage =
                m_finishMessage.isEmpty() ? error : m_finishMessage + QLatin1Char('\n') + error;
        }
    }
    QSet<QString> failed;
    for (const CrateFileFailure &failure : batch.failures) {
        failed.insert(failure.name.toLower() + QLatin1Char('@') + failure.version);
        m_result.failures.append({failure.name, failure.version, failure.error});
        ++m_progress.filesFailed;
    }
    for (qsizetype i = 0; i < batch.items.size(); ++i) {
        const CrateFileItem &item = batch.items[i];
        if (failed.contains(item.name.toLower() + QLatin1Char('@') + item.version))
            continue;
        ++m_result.downloaded;
        m_result.bytesDownloaded += batch.bytes.value(i);
        ++m_progress.filesDone;
        m_progress.bytesDone += batch.bytes.value(i);
    }
    if (!batch.publishError.isEmpty())
        qCWarning(lcSync) << batch.publishError; // stays marked; finish() tries again
    if (m_storeQueue->inFlight() == 0 && !m_pendingCrates.isEmpty())
        flushCrates(); // what arrived while that batch was being stored
    if (m_storeQueue->inFlight() > 0)
        return;
    if (m_finishing)
        completeFinish();
    else if (m_running && m_downloading && (!m_downloader || m_downloader->isIdle()))
        maybeFinished();
}

void SyncEngine::onDownloadFailed(const CrateJob &job, const QString &reason)
{
    if (!m_running)
        return;
    m_result.failures.append({job.name, job.version, reason});
    ++m_progress.filesFailed;
}

void SyncEngine::onDiskFull(const QString &message)
{
    finish(SyncResult::Outcome::DiskFull, message);
}

void SyncEngine::maybeFinished()
{
    // Before the closure is complete an idle downloader only means it caught up.
    if (!m_running || !m_downloading || (m_downloader && !m_downloader->isIdle()))
        return;
    flushCrates();
    if (m_storeQueue->inFlight() > 0)
        return;            // onStored() comes back once the last batch is stored and counted
    if (enqueueNextPage()) // --all: the next page of the queue
        return;
    if (!m_request.dryRun) {
        // Every planned file was tried: parts of anything else (crates no longer wanted, an
        // older run's leftovers) would never be resumed. The failed ones' parts stay.
        QSet<QString> keep;
        for (const SyncFailure &failure : std::as_const(m_result.failures))
            keep.insert(CrateTransfer::partFileName(failure.name, failure.version));
        CrateDownloader::pruneParts(CrateDownloader::partialDir(m_store.layout()), keep);
    }
    if (m_result.failures.isEmpty()) {
        // Every version of the new tip is stored: the next sync diffs from here.
        QString error;
        if (m_all && !m_store.setSyncMarker(SyncedMarkerKey, markerValue(), &error)) {
            finish(SyncResult::Outcome::Failed, error);
            return;
        }
        finish(SyncResult::Outcome::Ok);
        return;
    }
    finish(SyncResult::Outcome::Failed,
           tr("%n crate(s) could not be stored; run sync again to retry them.", nullptr,
              int(m_result.failures.size())));
}

void SyncEngine::saveSelection()
{
    QList<SelectionEntry> roots;
    for (const SyncRoot &root : std::as_const(m_request.roots))
        roots.append({root.name, root.reason, root.detail, {}});
    // Written by the store worker, in turn with the files it stores: two writers would wait
    // on each other for the state's lock.
    CrateStoreBatch batch;
    batch.task = [roots, plan = m_result.plan](MirrorStore &store) {
        QString error;
        if (!store.saveSyncSelection(roots, plan, &error))
            qCWarning(lcSync) << error;
    };
    m_storeQueue->send(std::move(batch));
}

void SyncEngine::finish(SyncResult::Outcome outcome, const QString &messageText)
{
    if (!m_running)
        return;
    m_running = false; // from here on nothing new starts; late downloads keep their parts
    m_finishing = true;
    m_finishOutcome = outcome;
    m_finishMessage = messageText;
    if (m_downloader)
        m_downloader->cancel(); // downloads started before the closure was complete
    if (m_index)
        m_index->abortAll();
    if (m_popular)
        m_popular->abort();
    // Whatever was fetched and verified is kept, however the sync ends.
    QString error;
    if (!flushIndexFiles(&error)) {
        if (outcome == SyncResult::Outcome::Ok || outcome == SyncResult::Outcome::Cancelled)
            m_finishOutcome = SyncResult::Outcome::Failed;
        m_finishMessage = messageText.isEmpty() ? error : messageText + QLatin1Char('\n') + error;
    }
    flushCrates(true);
    if (m_storeQueue->inFlight() == 0)
        completeFinish();
}

void SyncEngine::completeFinish()
{
    m_finishing = false;
    m_storeQueue->stop();
    SyncResult::Outcome outcome = m_finishOutcome;
    QString message = m_finishMessage;
    QString error;
    // The files are stored either way; ones not published stay marked for the next open().
    if (!m_store.publishDirty(&error)) {
        if (outcome == SyncResult::Outcome::Ok || outcome == SyncResult::Outcome::Cancelled)
            outcome = SyncResult::Outcome::Failed;
        message = message.isEmpty() ? error : message + QLatin1Char('\n') + error;
        error.clear();
    }
    m_progressTimer.stop();
    m_result.outcome = outcome;
    m_result.message = message;
    m_result.elapsedMs = m_clock.elapsed();
    m_result.fullMirror = m_all;
    if (m_git)
        m_result.removedUpstream = m_store.removedUpstreamCrates();
    if (m_runId >= 0) {
        const QString status =
            outcome == SyncResult::Outcome::Ok
                ? QStringLiteral("ok")
                : (outcome == SyncResult::Outcome::Cancelled ? QStringLiteral("cancelled")
                                                             : QStringLiteral("failed"));
        SyncRunCounts counts;
        counts.versions = m_result.downloaded;
        counts.bytes = m_result.bytesDownloaded;
        QSet<QString> crates;
        for (const PlannedVersion &planned : std::as_const(m_result.plan.versions))
            crates.insert(planned.name.toLower());
        counts.crates = m_all ? m_store.summary().crates : crates.size();
        if (!m_store.finishSyncRun(m_runId, status, counts, message, &error))
            qCWarning(lcSync) << error;
    }
    publishProgress();
    m_progress.phase =
        outcome == SyncResult::Outcome::Ok
            ? SyncProgress::Phase::Done
            : (outcome == SyncResult::Outcome::Cancelled ? SyncProgress::Phase::Cancelled
                                                         : SyncProgress::Phase::Failed);
    Q_EMIT progressChanged(m_progress);
    Q_EMIT finished(m_result);
}

void SyncEngine::publishProgress()
{
    SyncProgress next = m_progress;
    if (m_downloader) {
        const CrateDownloadStats stats = m_downloader->stats();
        m_rate.sample(m_clock.elapsed(), stats.bytesReceived);
        next.bytesPerSecond = m_rate.bytesPerSecond();
        if (!stats.current.isEmpty())
            next.currentItem = stats.current.constFirst();
        // Sizes are not in the index: estimate the total from the files so far.
        if (next.filesDone >= 5 && next.filesTotal > 0) {
            next.bytesTotal = next.bytesDone * next.filesTotal / next.filesDone;
            next.etaSeconds =
                m_rate.etaSeconds(std::max<qint64>(0, next.bytesTotal - stats.bytesReceived));
        }
    }
    if (next == m_progress && m_running)
        return;
    m_progress = next;
    Q_EMIT progressChanged(m_progress);
}

} // namespace Stowaway

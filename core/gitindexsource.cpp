// SPDX-License-Identifier: GPL-3.0-or-later
#include "gitindexsource.h"

#include "indexpath.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcGitSource, "stowaway.gitsource")

namespace {
constexpr int ReadBatch = 256;
constexpr int ProgressIntervalMs = 100;
} // namespace

GitIndexSource::GitIndexSource(QString repositoryPath, QString url, QObject *parent)
    : IndexSource(parent)
    , m_path(std::move(repositoryPath))
    , m_url(std::move(url))
    , m_index(std::make_unique<GitIndex>())
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    qRegisterMetaType<GitTransferProgress>();
    qRegisterMetaType<GitIndexChanges>();
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &GitIndexSource::finishTask);
}

GitIndexSource::~GitIndexSource()
{
    m_cancel->store(true);
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

QString GitIndexSource::crateNameOfPath(const QString &path)
{
    const QString name = path.section(QLatin1Char('/'), -1);
    if (!IndexPath::isValidCrateName(name) || IndexPath::relativePath(name) != path)
        return {};
    return name;
}

void GitIndexSource::fetchConfig()
{
    Q_ASSERT(!m_busy);
    m_busy = true;
    struct Result
    {
        QByteArray tip;
        QByteArray config;
        QString error;
        QString stale; ///< why the fetch failed when an earlier copy is used
    };
    auto result = std::make_shared<Result>();
    const auto cancel = m_cancel;
    GitIndex *index = m_index.get();
    const QPointer<GitIndexSource> self(this);
    m_done = [this, result] {
        if (!result->error.isEmpty()) {
            Q_EMIT configFailed(result->error, true);
            return;
        }
        QString error;
        const auto config = RegistryConfig::parse(result->config, &error);
        if (!config) {
            Q_EMIT configFailed(
                tr("The git index %1 has a config.json Stowaway cannot read: %2").arg(m_url, error),
                false);
            return;
        }
        m_tip = result->tip;
        if (!result->stale.isEmpty())
            Q_EMIT usingLocalCopy(result->stale);
        Q_EMIT configReady(*config);
    };
    m_watcher.setFuture(QtConcurrent::run([=, path = m_path, url = m_url, proxy = m_proxyUrl] {
        if (!index->isOpen() && !index->open(path, &result->error))
            return;
        QElapsedTimer clock;
        clock.start();
        qint64 lastPost = -ProgressIntervalMs;
        const auto progress = [&](const GitTransferProgress &value) {
            const bool last = value.indexedObjects == value.totalObjects &&
                              value.indexedDeltas == value.totalDeltas;
            if (last || clock.elapsed() - lastPost >= ProgressIntervalMs) {
                lastPost = clock.elapsed();
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, value] {
                        if (self)
                            Q_EMIT self->transferProgress(value);
                    },
                    Qt::QueuedConnection);
            }
            return !cancel->load();
        };
        if (!index->fetch(url, progress, &result->error, proxy)) {
            // Offline, or the upstream is down: an earlier copy of the same index will do.
            if (cancel->load() || index->tip().isEmpty() || index->lastFetchedUrl() != url)
                return;
            result->stale = std::exchange(result->error, {});
        }
        result->tip = index->tip();
        const auto file =
            index->readFile(result->tip, QStringLiteral("config.json"), &result->error);
        if (!file) {
            if (result->error.isEmpty())
                result->error = tr("The git index %1 has no config.json at its tip; is it a "
                                   "cargo registry index?")
                                    .arg(url);
            return;
        }
        result->config = file->bytes;
    }));
}

void GitIndexSource::fetch(const QString &name, const QByteArray &etag, const QByteArray &)
{
    m_queue.push_back({name, etag});
    if (!m_readsScheduled && !m_busy) {
        m_readsScheduled = true;
        QMetaObject::invokeMethod(this, &GitIndexSource::pumpReads, Qt::QueuedConnection);
    }
}

void GitIndexSource::pumpReads()
{
    m_readsScheduled = false;
    if (m_busy || m_queue.empty())
        return;
    m_busy = true;
    QList<Request> batch;
    while (!m_queue.empty() && batch.size() < ReadBatch) {
        batch.append(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    auto results = std::make_shared<QList<IndexFetch>>();
    m_done = [this, results] {
        for (const IndexFetch &fetch : std::as_const(*results))
            Q_EMIT indexFetched(fetch);
    };
    GitIndex *index = m_index.get();
    m_watcher.setFuture(QtConcurrent::run([index, results, batch, tip = m_tip, url = m_url] {
        results->reserve(batch.size());
        for (const Request &request : batch) {
            IndexFetch fetch;
            fetch.name = request.name;
            fetch.attempts = 1;
            const QString path = IndexPath::relativePath(request.name);
            QString error;
            auto file = path.isEmpty() ? std::nullopt : index->readFile(tip, path, &error);
            if (file) {
                fetch.etag = file->blobId;
                if (!request.etag.isEmpty() && request.etag == file->blobId) {
                    fetch.status = IndexFetch::Status::NotModified;
                    fetch.httpStatus = 304;
                } else {
                    fetch.status = IndexFetch::Status::Ok;
                    fetch.httpStatus = 200;
                    fetch.bytes = std::move(file->bytes);
                }
            } else if (error.isEmpty()) {
                fetch.status = IndexFetch::Status::NotFound;
                fetch.httpStatus = 404;
            } else {
                fetch.error = tr("%1 (git index %2)").arg(error, url);
            }
            results->append(std::move(fetch));
        }
    }));
}

void GitIndexSource::listChanges(const QByteArray &fromCommit)
{
    Q_ASSERT(!m_busy && !m_tip.isEmpty());
    m_busy = true;
    auto result = std::make_shared<GitIndexChanges>();
    auto error = std::make_shared<QString>();
    m_done = [this, result, error] {
        if (error->isEmpty())
            Q_EMIT changesReady(*result);
        else
            Q_EMIT changesFailed(*error);
    };
    GitIndex *index = m_index.get();
    const auto cancel = m_cancel;
    m_watcher.setFuture(QtConcurrent::run([=, tip = m_tip] {
        result->to = tip;
        if (!fromCommit.isEmpty() && index->hasCommit(fromCommit)) {
            const auto changes = index->changedFiles(fromCommit, tip, error.get());
            if (!changes)
                return;
            result->from = fromCommit;
            for (const GitChange &change : changes->files) {
                const QString name = crateNameOfPath(change.path);
                if (name.isEmpty())
                    continue;
                if (change.kind == GitChange::Kind::Deleted)
                    result->removed.append(name);
                else
                    result->present.append({name, change.newBlobId});
            }
            return;
        }
        if (!fromCommit.isEmpty())
            qCDebug(lcGitSource) << "commit" << fromCommit
                                 << "is gone from the clone; comparing every file";
        result->full = true;
        index->forEachFile(
            tip,
            [&](const GitFile &file) {
                const QString name = crateNameOfPath(file.path);
                if (!name.isEmpty())
                    result->present.append({name, file.blobId});
                return !cancel->load();
            },
            false, error.get());
    }));
}

void GitIndexSource::abortAll()
{
    m_queue.clear();
    m_done = nullptr;
    if (m_busy) {
        // The running task sees the flag (a transfer stops at its next progress call); later
        // tasks get a fresh one.
        m_cancel->store(true);
        m_cancel = std::make_shared<std::atomic_bool>(false);
    }
}

void GitIndexSource::finishTask()
{
    m_busy = false;
    if (const auto done = std::exchange(m_done, nullptr))
        done();
    if (!m_busy && !m_queue.empty() && !m_readsScheduled)
        pumpReads();
}

} // namespace Stowaway

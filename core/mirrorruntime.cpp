// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorruntime.h"

#include "mirrorserver.h"
#include "mirrorstore.h"
#include "synclock.h"
#include "syncworker.h"

#include <QLoggingCategory>
#include <QThread>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcRuntime, "stowaway.runtime", QtInfoMsg)

MirrorRuntime::MirrorRuntime(MirrorStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_server(std::make_unique<MirrorServer>(store.layout()))
    , m_thread(std::make_unique<QThread>())
    , m_worker(new SyncWorker(store.layout()))
    , m_lock(std::make_unique<SyncLock>(store.layout()))
{
    m_thread->setObjectName(QStringLiteral("stowaway-sync"));
    m_worker->moveToThread(m_thread.get());
    connect(m_worker, &SyncWorker::progressChanged, this, [this](const SyncProgress &progress) {
        if (m_syncState == SyncState::Idle || m_syncState == SyncState::External)
            return; // a late report of a sync already over
        m_progress = progress;
        Q_EMIT progressChanged(progress);
    });
    connect(m_worker, &SyncWorker::finished, this, &MirrorRuntime::onWorkerFinished);
    m_thread->start();
    m_server->setSummary(m_store.summary());
}

MirrorRuntime::~MirrorRuntime()
{
    // The worker's store, engine and network manager die on their own thread.
    QMetaObject::invokeMethod(m_worker, &SyncWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
    m_server->stop();
}

void MirrorRuntime::setListenAddress(const ListenAddress &address)
{
    m_listen = address;
}

void MirrorRuntime::setLanToken(const LanToken &token)
{
    m_server->router().setToken(token);
}

bool MirrorRuntime::startServer()
{
    QString error;
    std::optional<ListenAddress> listen = m_listen;
    if (!listen)
        listen = ListenAddress::parse(m_store.config().listen(), &error);
    if (!listen) {
        setServerState(ServerState::Failed,
                       m_store.layout().configFile() + QStringLiteral(": ") + error);
        return false;
    }
    if (!listen->isLoopback() && m_server->router().token().value().isEmpty()) {
        m_server->stop();
        setServerState(ServerState::Failed,
                       tr("LAN sharing is on (%1) but its token is not available from the "
                          "keychain; unlock the keychain and start the server again, or turn "
                          "LAN sharing off in Settings")
                           .arg(listen->toString()));
        return false;
    }
    m_server->setSummary(m_store.summary());
    if (!m_server->start(*listen, m_store.config().maxConnections(), &error)) {
        qCWarning(lcRuntime) << "server:" << error;
        setServerState(ServerState::Failed, error);
        return false;
    }
    qCInfo(lcRuntime) << "serving on" << m_server->bound().localUrl();
    setServerState(ServerState::Running);
    return true;
}

void MirrorRuntime::stopServer()
{
    m_server->stop();
    setServerState(ServerState::Stopped);
}

QString MirrorRuntime::serverUrl() const
{
    if (m_server->isRunning())
        return m_server->bound().localUrl();
    if (m_listen)
        return m_listen->localUrl();
    const auto configured = ListenAddress::parse(m_store.config().listen(), nullptr);
    return configured ? configured->localUrl() : ListenAddress().localUrl();
}

bool MirrorRuntime::isSyncing() const
{
    return m_syncState == SyncState::Running || m_syncState == SyncState::Pausing ||
           m_syncState == SyncState::Cancelling || m_syncState == SyncState::External;
}

bool MirrorRuntime::startSync(const SyncOverrides &overrides)
{
    QString error;
    if (isSyncing())
        error = tr("a sync is already running; wait for it to finish or pause it");
    else if (m_planning)
        error = tr("the estimate of the next sync is still being made; try again in a moment");
    else if (overrides.roots.isEmpty() && overrides.popular == 0 && m_store.selection().isEmpty())
        error = tr("nothing to sync yet: choose crates first (Crates page, or `stowaway sync "
                   "--crate NAME`)");
    else if (!overrides.dryRun && !m_lock->tryLock(&error))
        error = error.isEmpty() ? tr("another sync is running") : error;
    if (!error.isEmpty()) {
        SyncResult result;
        result.outcome = SyncResult::Outcome::Failed;
        result.message = error;
        Q_EMIT syncFinished(result);
        return false;
    }
    m_lastRequest = overrides;
    SyncOverrides run = overrides;
    if (run.authorization.isEmpty())
        run.authorization = m_upstreamToken;
    m_progress = {};
    setSyncState(SyncState::Running);
    Q_EMIT progressChanged(m_progress);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, run, fast = m_fastRetries] { worker->run(run, fast); },
        Qt::QueuedConnection);
    return true;
}

void MirrorRuntime::pause()
{
    if (m_syncState != SyncState::Running)
        return;
    setSyncState(SyncState::Pausing);
    QMetaObject::invokeMethod(m_worker, &SyncWorker::cancel, Qt::QueuedConnection);
}

bool MirrorRuntime::resume()
{
    if (m_syncState != SyncState::Paused && m_syncState != SyncState::Idle)
        return false;
    return startSync(m_lastRequest);
}

void MirrorRuntime::cancel()
{
    if (m_syncState == SyncState::Paused) {
        setSyncState(SyncState::Idle);
        return;
    }
    if (m_syncState != SyncState::Running && m_syncState != SyncState::Pausing)
        return;
    setSyncState(SyncState::Cancelling);
    QMetaObject::invokeMethod(m_worker, &SyncWorker::cancel, Qt::QueuedConnection);
}

bool MirrorRuntime::planSync()
{
    if (isSyncing() || m_planning)
        return false;
    m_planning = true;
    SyncOverrides overrides;
    overrides.dryRun = true;
    overrides.authorization = m_upstreamToken;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, overrides, fast = m_fastRetries] { worker->run(overrides, fast); },
        Qt::QueuedConnection);
    return true;
}

void MirrorRuntime::onWorkerFinished(const SyncResult &result)
{
    if (m_planning) {
        m_planning = false;
        Q_EMIT planReady(result);
        return;
    }
    m_lock->unlock();
    const bool paused =
        m_syncState == SyncState::Pausing && result.outcome == SyncResult::Outcome::Cancelled;
    refreshSummary();
    if (paused) {
        m_progress.phase = SyncProgress::Phase::Cancelled;
        setSyncState(SyncState::Paused);
        return;
    }
    m_lastResult = result;
    setSyncState(SyncState::Idle);
    Q_EMIT syncFinished(result);
}

void MirrorRuntime::showExternalProgress(const SyncProgress &progress)
{
    if (m_syncState != SyncState::Idle && m_syncState != SyncState::Paused &&
        m_syncState != SyncState::External)
        return; // this app's own sync has the lock; nothing else can be running
    m_progress = progress;
    setSyncState(SyncState::External);
    Q_EMIT progressChanged(progress);
}

void MirrorRuntime::showExternalFinished(const SyncResult &result)
{
    if (m_syncState != SyncState::External)
        return;
    m_lastResult = result;
    refreshSummary();
    setSyncState(SyncState::Idle);
    Q_EMIT syncFinished(result);
}

void MirrorRuntime::setSyncState(SyncState state)
{
    if (m_syncState == state)
        return;
    m_syncState = state;
    Q_EMIT syncStateChanged(state);
}

void MirrorRuntime::setServerState(ServerState state, const QString &error)
{
    m_serverError = error;
    m_serverState = state;
    Q_EMIT serverStateChanged(state);
}

void MirrorRuntime::refreshSummary()
{
    m_server->setSummary(m_store.summary());
    Q_EMIT summaryChanged();
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lantoken.h"
#include "listenaddress.h"
#include "syncprogress.h"
#include "syncrequest.h"
#include "syncrequestbuilder.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QThread;

namespace Stowaway {

class MirrorServer;
class MirrorStore;
class SyncLock;
class SyncWorker;

/**
 * The service the desktop app drives: the mirror's HTTP server and its syncs.
 *
 * The server (MirrorServer) accepts on the runtime's thread and serves from its own worker
 * threads. Syncs run on a worker QThread the runtime owns, with their own MirrorStore and
 * QNetworkAccessManager (SyncWorker), so the thread of the runtime (the UI thread) never
 * waits for the network or the disk. A sync holds the mirror's sync lock (SyncLock), which
 * `stowaway sync` takes too.
 *
 * pause() stops the sync but keeps the partial downloads; resume() starts the same request
 * again and the downloads continue with Range requests. A sync run elsewhere (the CLI) can be
 * shown through showExternalProgress() / showExternalFinished(): the signals then report it
 * as if it were the runtime's own.
 *
 * Does not own the MirrorStore it is given (the UI thread's: layout, settings, summary); it
 * must outlive the runtime. Create, use and destroy on one thread (the UI thread).
 */
class MirrorRuntime final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MirrorRuntime)
public:
    enum class ServerState { Stopped, Running, Failed };
    enum class SyncState {
        Idle,       ///< no sync
        Running,    ///< this app's sync
        Pausing,    ///< pause() asked, waiting for the engine to stop
        Paused,     ///< stopped by pause(); resume() continues
        Cancelling, ///< cancel() asked
        External,   ///< a sync run by another process (the CLI), shown here
    };

    explicit MirrorRuntime(MirrorStore &store, QObject *parent = nullptr);
    ~MirrorRuntime() override;

    MirrorStore &store() { return m_store; }

    // --- server ---
    /// Where startServer() listens; default: `server.listen` from mirror.toml.
    void setListenAddress(const ListenAddress &address);
    /// The LAN sharing token (empty: none). Takes effect at once; a server on an address
    /// other than loopback starts only with one (LAN sharing never serves without it).
    void setLanToken(const LanToken &token);
    /// A private upstream's token (from the keychain), sent with every later sync's
    /// requests to the index's host; empty: none.
    void setUpstreamToken(const QByteArray &token) { m_upstreamToken = token; }
    QByteArray upstreamToken() const { return m_upstreamToken; }
    /// Starts (or restarts) the server; false with serverError() set on failure.
    bool startServer();
    void stopServer();
    ServerState serverState() const { return m_serverState; }
    bool isServerRunning() const { return m_serverState == ServerState::Running; }
    /// `http://127.0.0.1:27428` while running, else the configured address's URL.
    QString serverUrl() const;
    /// One line when serverState() is Failed ("… the port is already in use …").
    QString serverError() const { return m_serverError; }

    // --- sync ---
    /// Starts a sync of the saved selection plus `overrides`; false (and syncFinished with
    /// Outcome::Failed) when one is already running, another process holds the sync lock,
    /// or there is nothing to sync (no selection and no crates in `overrides`).
    bool startSync(const SyncOverrides &overrides = {});
    /// Stops the sync, keeping partial downloads; state Paused once it has stopped.
    void pause();
    /// Starts the paused (or last) request again.
    bool resume();
    /// Stops the sync; syncFinished() follows with Outcome::Cancelled.
    void cancel();
    SyncState syncState() const { return m_syncState; }
    bool isSyncing() const;
    /// Plans a sync of the saved selection without downloading (a dry run on the worker;
    /// the sync state and progress stay as they are); planReady() follows. False while a
    /// sync or another plan runs.
    bool planSync();
    bool isPlanning() const { return m_planning; }
    /// The latest progress of the running (or last) sync.
    SyncProgress progress() const { return m_progress; }
    std::optional<SyncResult> lastResult() const { return m_lastResult; }

    // --- a sync run by another process ---
    void showExternalProgress(const Stowaway::SyncProgress &progress);
    void showExternalFinished(const Stowaway::SyncResult &result);

    /// Shorter retries and stall timeouts for tests.
    void setFastRetriesForTests(bool fast) { m_fastRetries = fast; }

Q_SIGNALS:
    void serverStateChanged(Stowaway::MirrorRuntime::ServerState state);
    void syncStateChanged(Stowaway::MirrorRuntime::SyncState state);
    void progressChanged(const Stowaway::SyncProgress &progress);
    void syncFinished(const Stowaway::SyncResult &result);
    /// The dry run planSync() asked for ended (its plan, or why it failed).
    void planReady(const Stowaway::SyncResult &result);
    /// The mirror's counts may have changed (a sync ended): read store().summary() again.
    void summaryChanged();

private:
    void setSyncState(SyncState state);
    void setServerState(ServerState state, const QString &error = {});
    void onWorkerFinished(const SyncResult &result);
    void refreshSummary();

    MirrorStore &m_store;
    std::unique_ptr<MirrorServer> m_server;
    std::optional<ListenAddress> m_listen;
    ServerState m_serverState = ServerState::Stopped;
    QString m_serverError;

    std::unique_ptr<QThread> m_thread;
    SyncWorker *m_worker = nullptr; // lives on m_thread; deleted in the destructor
    std::unique_ptr<SyncLock> m_lock;
    SyncOverrides m_lastRequest;
    SyncState m_syncState = SyncState::Idle;
    SyncProgress m_progress;
    std::optional<SyncResult> m_lastResult;
    bool m_fastRetries = false;
    QByteArray m_upstreamToken;
    bool m_planning = false; // planSync()'s dry run is on the worker
};

} // namespace Stowaway

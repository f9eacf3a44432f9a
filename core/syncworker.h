// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorlayout.h"
#include "syncprogress.h"
#include "syncrequest.h"
#include "syncrequestbuilder.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace Stowaway {

class MirrorStore;
class SyncEngine;

/**
 * The sync side of MirrorRuntime, living on the runtime's worker thread: owns that thread's
 * MirrorStore (opened on first use, on the worker thread), its QNetworkAccessManager and
 * one SyncEngine at a time. Call run(), cancel() and shutdown() on the worker thread only
 * (MirrorRuntime queues them there); signals arrive queued on the runtime's thread.
 */
class SyncWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)
public:
    explicit SyncWorker(MirrorLayout layout);
    ~SyncWorker() override;

    /// Builds the request from mirror.toml and `overrides` and starts; finished() follows
    /// exactly once (with Outcome::Failed when the store or the request is unusable).
    void run(const Stowaway::SyncOverrides &overrides, bool fastRetriesForTests);
    /// Stops the running sync (partial downloads stay in tmp/partial for the next one).
    void cancel();
    /// Destroys the engine, the store and the network manager (on this thread).
    void shutdown();

Q_SIGNALS:
    void progressChanged(const Stowaway::SyncProgress &progress);
    void finished(const Stowaway::SyncResult &result);

private:
    void fail(const QString &message);

    MirrorLayout m_layout;
    std::unique_ptr<MirrorStore> m_store;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<SyncEngine> m_engine;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cratestoreworker.h"
#include "mirrorlayout.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace Stowaway {

/**
 * The sync's way to its CrateStoreWorker: starts the worker's thread on the first batch,
 * hands batches over in order, counts the ones not answered yet, and stops the thread.
 *
 * Lives on the sync engine's thread; stored() arrives there, one per send(), in order.
 */
class CrateStoreQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CrateStoreQueue)
public:
    explicit CrateStoreQueue(MirrorLayout layout, QObject *parent = nullptr);
    ~CrateStoreQueue() override;

    /// Hands @p batch to the worker (its thread started on first use); stored() answers.
    void send(CrateStoreBatch batch);
    /// Sends a batch that only settles the served files published so far (see
    /// MirrorStore::settleServed()), unless the worker never started (nothing to settle).
    void settle();
    /// Batches handed over and not answered yet.
    int inFlight() const { return m_inFlight; }
    /// Ends the worker's thread, waiting for it (call when nothing is in flight: it is idle).
    void stop();

Q_SIGNALS:
    /// A batch is done; inFlight() already counts it out.
    void stored(const Stowaway::CrateStoreBatch &batch);

private:
    MirrorLayout m_layout;
    std::unique_ptr<QThread> m_thread;
    CrateStoreWorker *m_worker = nullptr; ///< lives on m_thread
    int m_inFlight = 0;
};

} // namespace Stowaway

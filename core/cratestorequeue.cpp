// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratestorequeue.h"

namespace Stowaway {

CrateStoreQueue::CrateStoreQueue(MirrorLayout layout, QObject *parent)
    : QObject(parent), m_layout(std::move(layout))
{}

CrateStoreQueue::~CrateStoreQueue()
{
    stop();
}

void CrateStoreQueue::send(CrateStoreBatch batch)
{
    if (!m_thread) {
        m_thread = std::make_unique<QThread>();
        m_thread->setObjectName(QStringLiteral("stowaway-store"));
        m_worker = new CrateStoreWorker(m_layout);
        m_worker->moveToThread(m_thread.get());
        connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
        connect(m_worker, &CrateStoreWorker::stored, this, [this](const CrateStoreBatch &done) {
            --m_inFlight;
            Q_EMIT stored(done);
        });
        m_thread->start();
    }
    ++m_inFlight;
    CrateStoreWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, batch = std::move(batch)]() mutable { worker->store(std::move(batch)); },
        Qt::QueuedConnection);
}

void CrateStoreQueue::settle()
{
    if (!m_thread)
        return;
    CrateStoreBatch batch;
    batch.settle = true;
    send(std::move(batch));
}

void CrateStoreQueue::stop()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_worker = nullptr;
    m_inFlight = 0;
}

} // namespace Stowaway

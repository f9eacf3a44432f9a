// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratestoreworker.h"

#include <QCoreApplication>

namespace Stowaway {

CrateStoreWorker::CrateStoreWorker(MirrorLayout layout) : m_layout(std::move(layout))
{
    qRegisterMetaType<CrateStoreBatch>();
}

CrateStoreWorker::~CrateStoreWorker() = default;

void CrateStoreWorker::store(CrateStoreBatch batch)
{
    QString error;
    if (!m_store) {
        auto store = std::make_unique<MirrorStore>(m_layout);
        if (store->open(&error)) {
            m_store = std::move(store);
        } else {
            // Nothing could be stored: every file fails with the reason. The parts stay in
            // the partial folder, and the next sync stores them without downloading again.
            const QString message =
                QCoreApplication::translate("Stowaway::CrateStoreWorker",
                                            "cannot open the mirror to store downloads: %1")
                    .arg(error);
            for (qsizetype i = 0; i < batch.indexFiles.size(); ++i)
                batch.indexErrors.append(message);
            for (const CrateFileItem &item : std::as_const(batch.items))
                batch.failures.append({item.name, item.version, message});
            Q_EMIT stored(batch);
            return;
        }
    }
    if (batch.task)
        batch.task(*m_store);
    // Published batches are served at once and made durable by the next one (or the settling
    // batch at the end): one sync and one commit less per batch.
    if (!batch.indexFiles.isEmpty() || !batch.items.isEmpty())
        m_store->storeBatch(batch.indexFiles, batch.items,
                            batch.publish ? MirrorStore::ServedUpdate::Visible
                                          : MirrorStore::ServedUpdate::Deferred,
                            &batch.indexErrors, &batch.failures, &batch.publishError);
    if (batch.settle && !m_store->settleServed(&error))
        batch.publishError = error;
    Q_EMIT stored(batch);
}

} // namespace Stowaway

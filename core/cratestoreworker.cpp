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
    if (!batch.indexFiles.isEmpty())
        m_store->putUpstreamIndexes(batch.indexFiles, &batch.indexErrors);
    if (!batch.items.isEmpty())
        m_store->putCrateFiles(batch.items, &batch.failures, MirrorStore::ServedUpdate::Deferred);
    if (batch.publish && !m_store->publishDirty(&error))
        batch.publishError = error;
    Q_EMIT stored(batch);
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorlayout.h"
#include "mirrorstore.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Stowaway {

/// Index files and downloaded files handed to a CrateStoreWorker in one go, and what became
/// of them. The index files are stored first, so the versions of the crates that follow are
/// known to the state when they arrive.
struct CrateStoreBatch
{
    /// Other writes that must not race the worker for the state's write lock (the sync's
    /// selection); runs first, on the worker's store. Reports its own problems.
    std::function<void(MirrorStore &store)> task;
    QList<UpstreamIndexFile> indexFiles;
    QList<CrateFileItem> items;
    QList<qint64> bytes;  ///< bytes of each item, carried through for the caller's counts
    bool publish = false; ///< serve what the batch stored at once (made durable by the next)
    bool settle = false;  ///< last batch: make every served file it and earlier ones wrote durable
    // Filled in by the worker:
    QStringList indexErrors;          ///< one per index file that could not be stored
    QList<CrateFileFailure> failures; ///< items the store refused (the rest are stored)
    QString publishError;             ///< empty unless publishing was asked for and failed
};

/**
 * Stores fetched index files and downloaded .crate files on a thread of its own, so that
 * hashing, fsync, renames and the state commits overlap with the transfers.
 *
 * The worker owns a second MirrorStore on the same mirror folder, opened on first use on the
 * worker's thread (SQLite connections belong to the thread that opened them); the mirror's
 * state database takes writers one at a time, and the sync engine makes no other writes
 * while batches are in flight. Batches are stored in the order they arrive and each one is
 * answered with stored(). Lives on its thread (moveToThread by the owner); delete it there
 * (QThread::finished -> deleteLater).
 */
class CrateStoreWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CrateStoreWorker)
public:
    explicit CrateStoreWorker(MirrorLayout layout);
    ~CrateStoreWorker() override;

    /// Stores @p batch (call through a queued invocation); stored() follows.
    void store(Stowaway::CrateStoreBatch batch);

Q_SIGNALS:
    void stored(const Stowaway::CrateStoreBatch &batch);

private:
    MirrorLayout m_layout;
    std::unique_ptr<MirrorStore> m_store;
};

} // namespace Stowaway

Q_DECLARE_METATYPE(Stowaway::CrateStoreBatch)

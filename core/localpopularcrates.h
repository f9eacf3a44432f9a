// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "popularcrate.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace Stowaway {

/**
 * The "top N" list without the network, for when the downloads API cannot be reached: the
 * crates of a local git index ranked by how many crates depend on them (LocalIndex::popular,
 * one streaming scan of the whole index, seconds at crates.io's size). The same signals as
 * PopularCrates, so the sync engine can switch to it.
 *
 * The scan runs on a QtConcurrent pool thread with its own GitIndex on @p repositoryPath
 * (two GitIndex instances may share a folder); signals arrive on the owner's thread.
 * Destroying it while a scan runs waits for the scan to see the cancel flag and stop.
 */
class LocalPopularCrates final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalPopularCrates)
public:
    LocalPopularCrates(QString repositoryPath, QByteArray commit, QObject *parent = nullptr);
    ~LocalPopularCrates() override;

    /// Starts ranking; topReady() or failed() follows (never both).
    void fetchTop(int n);
    bool isRunning() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    /// Most depended-on first; `downloads` holds the number of dependent crates.
    void topReady(const QList<Stowaway::PopularCrate> &crates);
    void failed(const QString &message);

private:
    struct Outcome
    {
        std::optional<QList<PopularCrate>> crates;
        QString error;
    };

    const QString m_path;
    const QByteArray m_commit;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace Stowaway

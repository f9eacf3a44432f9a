// SPDX-License-Identifier: GPL-3.0-or-later
#include "localpopularcrates.h"

#include "gitindex.h"
#include "localindex.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Stowaway {

LocalPopularCrates::LocalPopularCrates(QString repositoryPath, QByteArray commit, QObject *parent)
    : QObject(parent), m_path(std::move(repositoryPath)), m_commit(std::move(commit))
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = m_watcher.result();
        if (outcome.crates)
            Q_EMIT topReady(*outcome.crates);
        else
            Q_EMIT failed(outcome.error);
    });
}

LocalPopularCrates::~LocalPopularCrates()
{
    m_cancel->store(true);
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void LocalPopularCrates::fetchTop(int n)
{
    if (m_watcher.isRunning())
        return;
    m_watcher.setFuture(QtConcurrent::run([path = m_path, commit = m_commit, n, cancel = m_cancel] {
        Outcome outcome;
        GitIndex git;
        QString error;
        if (!git.open(path, &error)) {
            outcome.error = tr("Cannot rank crates from the local git index: %1").arg(error);
            return outcome;
        }
        LocalIndex local(git, commit);
        local.setCancelFlag(cancel.get());
        outcome.crates = local.popular(n, &error);
        if (!outcome.crates)
            outcome.error = tr("Cannot rank crates from the local git index: %1").arg(error);
        return outcome;
    }));
}

} // namespace Stowaway

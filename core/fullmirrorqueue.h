// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cratejob.h"
#include "resolverplan.h"

#include <QList>
#include <QString>

namespace Stowaway {

class MirrorStore;

/**
 * The download queue of a full mirror (`sync --all` of a git index): every version the state
 * knows and does not hold — new lines of changed index files, and whatever earlier syncs could
 * not store — except those of crates deleted upstream. Handed out a page at a time, straight
 * from the state, so that two million versions never sit in memory at once; each version is
 * handed out at most once per queue, so a failure is not retried within the same sync.
 *
 * A .crate already in place with the right checksum (a run killed between moving files into
 * place and recording them) is adopted, not downloaded. Lives on the store's thread; the
 * store must outlive the queue.
 */
class FullMirrorQueue final
{
public:
    /// @p downloadTemplate: config.json's `dl`.
    FullMirrorQueue(MirrorStore &store, QString downloadTemplate, int pageSize = 10000);

    /// Versions queued when the queue was made.
    qint64 total() const { return m_total; }
    bool atEnd() const { return m_atEnd; }
    /// The next jobs; empty only at the end. @p adopted counts the files found in place and
    /// recorded as stored instead.
    QList<CrateJob> next(int *adopted);
    /// One line when the queue, at the mean size of the stored .crate files, will not fit on
    /// the mirror's volume; empty otherwise (or when nothing is stored to measure by).
    QString diskWarning() const;
    /// The same from the figures: @p queued versions at @p meanBytes each against
    /// @p availableBytes free.
    static QString diskWarning(qint64 queued, qint64 meanBytes, qint64 availableBytes);
    /// What a dry run of a full mirror plans besides @p planned (the new lines): every version
    /// the state holds no file of, except those of the crates in @p removedUpstream; read a
    /// page at a time. Reason "all".
    static QList<PlannedVersion> unstoredPlan(const MirrorStore &store,
                                              const QList<PlannedVersion> &planned,
                                              const QStringList &removedUpstream);

private:
    MirrorStore &m_store;
    const QString m_template;
    const int m_pageSize;
    qint64 m_total = 0;
    qint64 m_lastId = 0;
    bool m_atEnd = false;
};

} // namespace Stowaway

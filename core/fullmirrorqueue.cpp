// SPDX-License-Identifier: GPL-3.0-or-later
#include "fullmirrorqueue.h"

#include "datasize.h"
#include "diskspace.h"

#include "downloadurl.h"
#include "mirrorstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

namespace Stowaway {

FullMirrorQueue::FullMirrorQueue(MirrorStore &store, QString downloadTemplate, int pageSize)
    : m_store(store)
    , m_template(std::move(downloadTemplate))
    , m_pageSize(std::max(1, pageSize))
    , m_total(store.unstoredVersionCount())
    , m_atEnd(m_total == 0)
{}

QList<CrateJob> FullMirrorQueue::next(int *adopted)
{
    *adopted = 0;
    QList<CrateJob> jobs;
    while (jobs.isEmpty() && !m_atEnd) {
        const QList<VersionRecord> page = m_store.unstoredVersions(m_lastId, m_pageSize, &m_lastId);
        m_atEnd = page.size() < m_pageSize;
        QList<CrateFileItem> inPlace;
        for (const VersionRecord &record : page) {
            if (QFile::exists(m_store.layout().crateFile(record.crate, record.version))) {
                inPlace.append({record.crate, record.version, {}});
                continue;
            }
            jobs.append(
                {record.crate, record.version,
                 DownloadUrl::expand(m_template, record.crate, record.version, record.cksum),
                 record.cksum});
        }
        if (inPlace.isEmpty())
            continue;
        const QList<CrateFileItem> notAdopted = m_store.adoptCrateFiles(inPlace);
        *adopted += int(inPlace.size() - notAdopted.size());
        for (const CrateFileItem &item : notAdopted) {
            if (const auto record = m_store.version(item.name, item.version))
                jobs.append(
                    {record->crate, record->version,
                     DownloadUrl::expand(m_template, record->crate, record->version, record->cksum),
                     record->cksum});
        }
    }
    return jobs;
}

QString FullMirrorQueue::diskWarning() const
{
    const MirrorSummary summary = m_store.summary();
    if (summary.meanCrateBytes() <= 0)
        return {};
    return diskWarning(m_total, summary.meanCrateBytes(),
                       DiskSpace::query(m_store.layout().root()));
}

QString FullMirrorQueue::diskWarning(qint64 queued, qint64 meanBytes, qint64 availableBytes)
{
    const qint64 needed = queued * meanBytes;
    if (queued <= 0 || availableBytes < 0 || needed <= availableBytes)
        return {};
    const QLocale locale(QLocale::English);
    return QCoreApplication::translate(
               "Stowaway::FullMirrorQueue",
               "The remaining %1 versions need about %2 and the mirror's volume has %3 free: the "
               "sync will stop before the disk fills. Free space or move the mirror (--mirror) "
               "to a larger volume.")
        .arg(locale.toString(queued), DataSize::format(needed, locale),
             DataSize::format(availableBytes, locale));
}

QList<PlannedVersion> FullMirrorQueue::unstoredPlan(const MirrorStore &store,
                                                    const QList<PlannedVersion> &planned,
                                                    const QStringList &removedUpstream)
{
    QSet<QString> known;
    for (const PlannedVersion &version : planned)
        known.insert(version.name.toLower() + QLatin1Char('@') + version.version);
    QSet<QString> removed;
    for (const QString &name : removedUpstream)
        removed.insert(name.toLower());
    QList<PlannedVersion> plan;
    qint64 lastId = 0;
    for (QList<VersionRecord> page;
         !(page = store.unstoredVersions(lastId, 10000, &lastId)).isEmpty();) {
        for (const VersionRecord &record : std::as_const(page)) {
            if (!removed.contains(record.crate.toLower()) &&
                !known.contains(record.crate.toLower() + QLatin1Char('@') + record.version))
                plan.append({record.crate,
                             record.version,
                             record.cksum,
                             record.yanked,
                             QStringLiteral("all"),
                             {}});
        }
    }
    return plan;
}

} // namespace Stowaway

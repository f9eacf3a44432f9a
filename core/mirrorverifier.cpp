// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorverifier.h"
#include "filehash.h"

#include "atomicfile.h"
#include "indexpath.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace Stowaway {

namespace {} // namespace

MirrorVerifier::MirrorVerifier(const MirrorLayout &layout, MirrorState &state,
                               ServedIndexWriter &served, QString quarantineDir)
    : m_layout(layout), m_state(state), m_served(served), m_quarantineDir(std::move(quarantineDir))
{}

VerifyReport MirrorVerifier::run(bool repair, const Progress &progress)
{
    VerifyReport report;
    report.repair = repair;
    if (!m_state.isOpen()) {
        report.error = MirrorVerifier::tr("the mirror is not open");
        return report;
    }
    const QList<VersionRecord> stored = m_state.versionsInStates({QStringLiteral("stored")});
    QList<VersionRecord> missing;
    QList<VersionRecord> corrupt;
    QList<qsizetype> missingProblems;
    QList<qsizetype> corruptProblems;
    for (const VersionRecord &record : stored) {
        const QString path = m_layout.crateFile(record.crate, record.version);
        ++report.checked;
        if (!QFileInfo::exists(path)) {
            ++report.missing;
            missing.append(record);
            missingProblems.append(report.problems.size());
            report.problems.append(
                {VerifyProblem::Kind::MissingFile, record.crate, record.version, path,
                 MirrorVerifier::tr("the state says stored, the file is gone"), false});
        } else if (const QString actual = FileHash::sha256Hex(path); actual != record.cksum) {
            ++report.corrupt;
            corrupt.append(record);
            corruptProblems.append(report.problems.size());
            report.problems.append(
                {VerifyProblem::Kind::CorruptFile, record.crate, record.version, path,
                 actual.isEmpty()
                     ? MirrorVerifier::tr("the file cannot be read")
                     : MirrorVerifier::tr("expected sha256 %1, found %2").arg(record.cksum, actual),
                 false});
        } else {
            ++report.ok;
        }
        if (progress)
            progress(report.checked, stored.size());
    }
    if (repair) {
        // State first (the served files follow), then the damaged files leave crates/.
        QString problem;
        if (markVersions(missing, QStringLiteral("missing"), &problem)) {
            for (qsizetype index : std::as_const(missingProblems))
                report.problems[index].repaired = true;
        } else {
            report.error = problem;
        }
        if (report.error.isEmpty() && markVersions(corrupt, QStringLiteral("corrupt"), &problem)) {
            for (qsizetype index : std::as_const(corruptProblems)) {
                VerifyProblem &entry = report.problems[index];
                entry.repaired = quarantine(entry.path, entry.crate, entry.version, &problem);
                if (!entry.repaired)
                    report.error = problem;
            }
        } else if (report.error.isEmpty()) {
            report.error = problem;
        }
    }
    checkStrayFiles(report, repair);
    checkServedFiles(report, repair);
    report.awaitingDownload =
        m_state.versionsInStates({QStringLiteral("missing"), QStringLiteral("corrupt")}).size();
    return report;
}

void MirrorVerifier::checkStrayFiles(VerifyReport &report, bool repair)
{
    const QString root = m_layout.cratesDir();
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QStringList parts = QDir(root).relativeFilePath(path).split(QLatin1Char('/'));
        std::optional<VersionRecord> record;
        if (parts.size() == 2 && parts[1].startsWith(parts[0] + QLatin1Char('-')) &&
            parts[1].endsWith(QLatin1String(".crate"))) {
            const QString versionText =
                parts[1].mid(parts[0].size() + 1, parts[1].size() - parts[0].size() - 7);
            record = m_state.version(parts[0], versionText);
        }
        const bool rightPath = record && m_layout.crateFile(record->crate, record->version) == path;
        if (rightPath && record->state == QLatin1String("stored"))
            continue; // hashed above
        if (rightPath && FileHash::sha256Hex(path) == record->cksum) {
            ++report.adoptable;
            VerifyProblem problem{
                VerifyProblem::Kind::AdoptableFile,
                record->crate,
                record->version,
                path,
                MirrorVerifier::tr("a good copy of a %1 version; it can be adopted")
                    .arg(record->state),
                false};
            if (repair) {
                QString error;
                bool ok = m_state.beginTransaction(&error) &&
                          m_state.setVersionStored(record->crateId, record->version,
                                                   QFileInfo(path).size(), &error) &&
                          m_state.setServedDirty(record->crateId, true, &error) &&
                          m_state.commit(&error);
                if (!ok)
                    m_state.rollback();
                const std::optional<CrateRecord> crate = m_state.crate(record->crate);
                ok = ok && crate && m_served.regenerate(*crate, &error);
                problem.repaired = ok;
                if (!ok)
                    report.error = error;
            }
            report.problems.append(problem);
            continue;
        }
        ++report.stray;
        report.problems.append(
            {VerifyProblem::Kind::StrayFile, record ? record->crate : QString(),
             record ? record->version : QString(), path,
             record
                 ? MirrorVerifier::tr("its checksum does not match %1 %2; left alone")
                       .arg(record->crate, record->version)
                 : MirrorVerifier::tr("no version in the mirror's state has this file name; left "
                                      "alone"),
             false});
    }
}

void MirrorVerifier::checkServedFiles(VerifyReport &report, bool repair)
{
    QSet<QString> known;
    const QList<CrateRecord> crates = m_state.crates();
    for (const CrateRecord &crate : crates) {
        const QString upstreamPath = m_layout.upstreamIndexFile(crate.name);
        if (!QFile::exists(upstreamPath) &&
            (!crate.etag.isEmpty() || !crate.lastModified.isEmpty())) {
            // Without the file, a conditional request would get 304 and never restore it.
            ++report.upstreamMissing;
            VerifyProblem problem{
                VerifyProblem::Kind::UpstreamIndexMissing,
                crate.name,
                QString(),
                upstreamPath,
                MirrorVerifier::tr("the upstream index file is gone; the next sync "
                                   "must fetch it in full"),
                false};
            if (repair) {
                QString error;
                problem.repaired = m_state.clearValidators(crate.id, &error);
                if (!problem.repaired)
                    report.error = error;
            }
            report.problems.append(problem);
        }
        const QString path = m_layout.servedIndexFile(crate.name);
        known.insert(path);
        const ServedIndexWriter::Status status = m_served.status(crate);
        if (status == ServedIndexWriter::Status::UpToDate) {
            QString error;
            if (repair && crate.servedDirty && !m_state.setServedDirty(crate.id, false, &error))
                report.error = error;
            continue;
        }
        ++report.servedOutOfDate;
        VerifyProblem problem{VerifyProblem::Kind::ServedOutOfDate,
                              crate.name,
                              QString(),
                              path,
                              status == ServedIndexWriter::Status::NothingToServe
                                  ? MirrorVerifier::tr("served, but no version of it is stored")
                              : status == ServedIndexWriter::Status::NotServed
                                  ? MirrorVerifier::tr("not served, but versions of it are stored")
                                  : MirrorVerifier::tr("does not match the stored versions"),
                              false};
        if (repair) {
            QString error;
            problem.repaired = m_served.regenerate(crate, &error);
            if (!problem.repaired)
                report.error = error;
        }
        report.problems.append(problem);
    }
    const QString root = m_layout.servedIndexDir();
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        if (known.contains(path) || relative == QLatin1String("config.json"))
            continue;
        ++report.servedOutOfDate;
        VerifyProblem problem{
            VerifyProblem::Kind::ServedOutOfDate,
            IndexPath::crateNameFromPath(relative),
            QString(),
            path,
            MirrorVerifier::tr("served, but the mirror's state has no such crate"),
            false};
        if (repair) {
            QString error;
            problem.repaired = AtomicFile::remove(path, &error);
            if (!problem.repaired)
                report.error = error;
        }
        report.problems.append(problem);
    }
}

bool MirrorVerifier::markVersions(const QList<VersionRecord> &records, const QString &state,
                                  QString *error)
{
    if (records.isEmpty())
        return true;
    if (!m_state.beginTransaction(error))
        return false;
    QSet<QString> crates;
    for (const VersionRecord &record : records) {
        if (!m_state.setVersionState(record.crateId, record.version, state, error) ||
            !m_state.setServedDirty(record.crateId, true, error)) {
            m_state.rollback();
            return false;
        }
        crates.insert(record.crate);
    }
    if (!m_state.commit(error)) {
        m_state.rollback();
        return false;
    }
    for (const QString &name : std::as_const(crates)) {
        const std::optional<CrateRecord> crate = m_state.crate(name);
        if (!crate || !m_served.regenerate(*crate, error))
            return false;
    }
    return true;
}

bool MirrorVerifier::quarantine(const QString &path, const QString &crate, const QString &version,
                                QString *error)
{
    QString target = m_quarantineDir + QLatin1Char('/') + crate + QLatin1Char('-') + version +
                     QStringLiteral(".crate");
    if (QFileInfo::exists(target))
        target += QLatin1Char('.') +
                  QString::number(QDateTime::currentMSecsSinceEpoch()); // keep earlier copies
    return AtomicFile::rename(path, target, error);
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorstore.h"

#include "atomicfile.h"
#include "indexline.h"
#include "indexpath.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcStore, "stowaway.store")

namespace {

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

/// SHA-256 of a file in lower-case hex, or empty when it cannot be read.
QString hashFile(const QString &path, qint64 *size = nullptr)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    if (size)
        *size = file.size();
    return QString::fromLatin1(hash.result().toHex());
}

QByteArray readFile(const QString &path, bool *exists = nullptr)
{
    QFile file(path);
    const bool opened = file.open(QIODevice::ReadOnly);
    if (exists)
        *exists = opened;
    return opened ? file.readAll() : QByteArray();
}

} // namespace

MirrorStore::MirrorStore(MirrorLayout layout) : m_layout(std::move(layout)) {}

MirrorStore::~MirrorStore() = default;

QString MirrorStore::quarantineDir() const
{
    return m_layout.root() + QStringLiteral("/quarantine");
}

bool MirrorStore::open(QString *error)
{
    if (m_layout.root().isEmpty())
        return setError(error, QStringLiteral("no mirror folder given — pass --mirror DIR"));
    for (const QString &dir : {m_layout.root(), m_layout.cratesDir(), m_layout.upstreamIndexDir(),
                               m_layout.servedIndexDir(), m_layout.tempDir()}) {
        if (!AtomicFile::makePath(dir, error))
            return false;
    }
    const int stale = AtomicFile::removeStaleTemps(m_layout.tempDir());
    if (stale > 0)
        qCInfo(lcStore) << "removed" << stale << "temp files left by an interrupted run";
    if (!m_config.load(m_layout.configFile(), m_layout.tempDir(), error))
        return false;
    if (!m_state.open(m_layout.stateDatabase(), error))
        return false;
    // Finish writes a kill interrupted between the state commit and the served file.
    return publishDirty(error);
}

bool MirrorStore::publishDirty(QString *error)
{
    return regenerateMany(m_state.dirtyCrates(), error);
}

bool MirrorStore::setConfig(const MirrorConfig &config, QString *error)
{
    for (const QString &problem : {MirrorConfig::checkUpstream(config.upstream()),
                                   MirrorConfig::checkListen(config.listen()),
                                   MirrorConfig::checkVersions(config.versions()),
                                   MirrorConfig::checkSchedule(config.schedule())}) {
        if (!problem.isEmpty())
            return setError(error, problem);
    }
    m_config = config;
    return m_config.save(m_layout.configFile(), m_layout.tempDir(), error);
}

bool MirrorStore::putUpstreamIndex(const QString &name, const QByteArray &fileBytes,
                                   const QString &etag, const QString &lastModified, QString *error)
{
    QStringList errors;
    if (putUpstreamIndexes({UpstreamIndexFile{name, fileBytes, etag, lastModified}}, &errors))
        return true;
    return setError(error, errors.join(QLatin1Char('\n')));
}

bool MirrorStore::putUpstreamIndexes(const QList<UpstreamIndexFile> &files, QStringList *errors)
{
    struct Parsed
    {
        const UpstreamIndexFile *file;
        IndexLine::FileLines parsed;
        QString spelling;
    };
    bool allStored = true;
    const auto fail = [&](const QString &message) {
        allStored = false;
        if (errors)
            errors->append(message);
        return false;
    };
    QList<Parsed> valid;
    for (const UpstreamIndexFile &file : files) {
        if (!IndexPath::isValidCrateName(file.name)) {
            fail(QStringLiteral("%1 is not a valid crate name").arg(file.name));
            continue;
        }
        Parsed entry{&file, IndexLine::parseFile(file.bytes), file.name};
        if (entry.parsed.skipped > 0)
            qCInfo(lcStore) << "index file of" << file.name << "has" << entry.parsed.skipped
                            << "lines we skip:" << entry.parsed.problems.value(0);
        for (const IndexLine &line : entry.parsed.lines) {
            if (line.name.compare(file.name, Qt::CaseInsensitive) == 0) {
                entry.spelling = line.name;
                break;
            }
        }
        valid.append(std::move(entry));
    }
    if (valid.isEmpty())
        return allStored;
    // 1. mark the served files dirty (a kill after 2 must still refresh yank flags from the
    // new files), 2. the files (the state's etag must never describe a file we have not
    // saved), 3. the versions and etags, 4. the served files.
    QString error;
    bool ok = m_state.beginTransaction(&error);
    for (qsizetype i = 0; ok && i < valid.size(); ++i) {
        if (const std::optional<CrateRecord> known = m_state.crate(valid[i].file->name))
            ok = m_state.setServedDirty(known->id, true, &error);
    }
    if (!ok || !m_state.commit(&error)) {
        m_state.rollback();
        return fail(error);
    }
    QStringList temps;
    const auto dropTemps = [&temps](qsizetype from) {
        for (qsizetype i = from; i < temps.size(); ++i)
            QFile::remove(temps[i]);
    };
    for (const Parsed &entry : std::as_const(valid)) {
        const QString temp =
            AtomicFile::writeTempUnsynced(m_layout.tempDir(), entry.file->bytes, &error);
        if (temp.isEmpty()) {
            dropTemps(0);
            return fail(error);
        }
        temps.append(temp);
    }
    if (!AtomicFile::sync(temps, m_layout.root(), &error)) {
        dropTemps(0);
        return fail(error);
    }
    QStringList dirs;
    for (qsizetype i = 0; i < valid.size(); ++i) {
        if (!AtomicFile::renameUnsynced(temps[i], m_layout.upstreamIndexFile(valid[i].file->name),
                                        &dirs, &error)) {
            dropTemps(i);
            return fail(error);
        }
    }
    if (!AtomicFile::sync(dirs, m_layout.root(), &error))
        return fail(error);
    ok = m_state.beginTransaction(&error);
    for (const Parsed &entry : std::as_const(valid)) {
        if (!ok)
            break;
        const qint64 crateId =
            m_state.upsertCrate(entry.spelling, entry.file->etag, entry.file->lastModified, &error);
        ok = crateId >= 0;
        for (const IndexLine &line : entry.parsed.lines) {
            if (!ok)
                break;
            if (line.name.compare(entry.file->name, Qt::CaseInsensitive) != 0)
                continue; // a line of another crate has no business in this file
            ok = m_state.upsertVersion(crateId, line.vers, line.cksum, line.yanked, &error);
        }
        ok = ok && m_state.setServedDirty(crateId, true, &error);
    }
    if (!ok || !m_state.commit(&error)) {
        m_state.rollback();
        return fail(error);
    }
    QStringList names;
    for (const Parsed &entry : std::as_const(valid))
        names.append(entry.spelling);
    if (!regenerateMany(crateRecords(names), &error))
        return fail(error);
    return allStored;
}

QString MirrorStore::newTempFile(QString *error) const
{
    return AtomicFile::createTemp(m_layout.tempDir(), error);
}

bool MirrorStore::putCrate(const QString &name, const QString &version, const QByteArray &bytes,
                           QString *error)
{
    const std::optional<VersionRecord> record = m_state.version(name, version);
    if (!record)
        return setError(error, QStringLiteral("cannot store %1 %2: the mirror's index has no "
                                              "such version — fetch its index file first")
                                   .arg(name, version));
    const QString actual =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (actual != record->cksum)
        return setError(error, QStringLiteral("the download of %1 %2 is damaged: expected "
                                              "sha256 %3, got %4 — it was not stored")
                                   .arg(name, version, record->cksum, actual));
    const QString tempPath = AtomicFile::writeTempUnsynced(m_layout.tempDir(), bytes, error);
    if (tempPath.isEmpty())
        return false;
    QList<CrateFileFailure> failures;
    storeVerified({Verified{*record, tempPath, bytes.size()}}, &failures);
    return failures.isEmpty() || setError(error, failures.constFirst().error);
}

bool MirrorStore::putCrateFile(const QString &name, const QString &version, const QString &tempPath,
                               QString *error)
{
    QList<CrateFileFailure> failures;
    return putCrateFiles({CrateFileItem{name, version, tempPath}}, &failures) ||
           setError(error, failures.value(0).error);
}

bool MirrorStore::putCrateFiles(const QList<CrateFileItem> &items,
                                QList<CrateFileFailure> *failures, ServedUpdate update)
{
    QList<CrateFileFailure> failed;
    QList<Verified> good;
    for (const CrateFileItem &item : items) {
        const std::optional<VersionRecord> record = m_state.version(item.name, item.version);
        if (!record) {
            QFile::remove(item.tempPath);
            failed.append({item.name, item.version,
                           QStringLiteral("cannot store %1 %2: the mirror's index has no "
                                          "such version — fetch its index file first")
                               .arg(item.name, item.version)});
            continue;
        }
        qint64 size = 0;
        const QString actual = hashFile(item.tempPath, &size);
        if (actual != record->cksum) {
            QFile::remove(item.tempPath);
            failed.append({item.name, item.version,
                           actual.isEmpty()
                               ? QStringLiteral("cannot read the download %1").arg(item.tempPath)
                               : QStringLiteral("the download of %1 %2 is damaged: expected "
                                                "sha256 %3, got %4 — it was not stored")
                                     .arg(item.name, item.version, record->cksum, actual)});
            continue;
        }
        good.append({*record, item.tempPath, size});
    }
    storeVerified(good, &failed, update);
    const bool allStored = failed.isEmpty();
    if (failures)
        failures->append(failed);
    return allStored;
}

void MirrorStore::storeVerified(const QList<Verified> &files, QList<CrateFileFailure> *failures,
                                ServedUpdate update)
{
    if (files.isEmpty())
        return;
    const auto failAll = [failures](const QList<Verified> &list, const QString &message) {
        for (const Verified &file : list)
            failures->append({file.record.crate, file.record.version, message});
    };
    // 1. files durable, 2. renamed into place, durable, 3. one state commit (+ dirty),
    // 4. the served files, 5. dirty cleared.
    QString error;
    QStringList temps;
    for (const Verified &file : files)
        temps.append(file.tempPath);
    if (!AtomicFile::sync(temps, m_layout.root(), &error)) {
        for (const QString &temp : std::as_const(temps))
            QFile::remove(temp);
        return failAll(files, error);
    }
    QStringList dirs;
    QList<Verified> placed;
    for (const Verified &file : files) {
        if (AtomicFile::renameUnsynced(file.tempPath,
                                       m_layout.crateFile(file.record.crate, file.record.version),
                                       &dirs, &error)) {
            placed.append(file);
        } else {
            QFile::remove(file.tempPath);
            failures->append({file.record.crate, file.record.version, error});
        }
    }
    // Past this point a failure leaves good files in place, unrecorded: verify adopts them.
    if (!AtomicFile::sync(dirs, m_layout.root(), &error))
        return failAll(placed, error);
    bool ok = m_state.beginTransaction(&error);
    QStringList names;
    QSet<qint64> dirty;
    for (const Verified &file : std::as_const(placed)) {
        ok = ok &&
             m_state.setVersionStored(file.record.crateId, file.record.version, file.size, &error);
        if (ok && !dirty.contains(file.record.crateId)) {
            ok = m_state.setServedDirty(file.record.crateId, true, &error);
            dirty.insert(file.record.crateId);
            names.append(file.record.crate);
        }
    }
    if (!ok || !m_state.commit(&error)) {
        m_state.rollback();
        return failAll(placed, error);
    }
    if (update == ServedUpdate::Deferred)
        return; // dirty until publishDirty()
    if (!regenerateMany(crateRecords(names), &error))
        failAll(placed, error); // stored, but served only after the next open() finishes it
}

QList<CrateFileItem> MirrorStore::adoptCrateFiles(const QList<CrateFileItem> &items)
{
    QList<CrateFileItem> rest;
    QList<Verified> found;
    for (const CrateFileItem &item : items) {
        const std::optional<VersionRecord> record = m_state.version(item.name, item.version);
        const QString path =
            record ? m_layout.crateFile(record->crate, record->version) : QString();
        qint64 size = 0;
        if (record && record->state != QLatin1String("stored") && QFile::exists(path) &&
            hashFile(path, &size) == record->cksum) {
            found.append({*record, path, size}); // "moved" onto itself: a no-op rename
        } else {
            rest.append(item);
        }
    }
    QList<CrateFileFailure> failures;
    storeVerified(found, &failures);
    for (const CrateFileFailure &failure : std::as_const(failures))
        rest.append({failure.name, failure.version, {}});
    return rest;
}

QList<CrateRecord> MirrorStore::crateRecords(const QStringList &names) const
{
    QList<CrateRecord> records;
    QSet<qint64> seen;
    for (const QString &name : names) {
        if (const std::optional<CrateRecord> record = m_state.crate(name);
            record && !seen.contains(record->id)) {
            seen.insert(record->id);
            records.append(*record);
        }
    }
    return records;
}

std::optional<CrateRecord> MirrorStore::crate(const QString &name) const
{
    return m_state.crate(name);
}

std::optional<VersionRecord> MirrorStore::version(const QString &name, const QString &version) const
{
    return m_state.version(name, version);
}

QByteArray MirrorStore::expectedServed(const CrateRecord &crate, bool *sameAsUpstream) const
{
    if (sameAsUpstream)
        *sameAsUpstream = false;
    const QHash<QString, QString> stored = m_state.storedVersions(crate.id);
    if (stored.isEmpty())
        return {};
    const QByteArray upstreamBytes = readFile(m_layout.upstreamIndexFile(crate.name));
    const IndexLine::FileLines upstream = IndexLine::parseFile(upstreamBytes);
    QByteArray served;
    for (const IndexLine &line : upstream.lines) {
        // The cksum check keeps a line out whose file was verified against another cksum.
        if (stored.value(line.vers) == line.cksum &&
            line.name.compare(crate.name, Qt::CaseInsensitive) == 0)
            served += line.raw + '\n';
    }
    if (sameAsUpstream)
        *sameAsUpstream = !served.isEmpty() && served == upstreamBytes;
    return served;
}

bool MirrorStore::regenerate(const CrateRecord &crate, QString *error)
{
    return regenerateMany({crate}, error);
}

bool MirrorStore::regenerateMany(const QList<CrateRecord> &crates, QString *error)
{
    if (crates.isEmpty())
        return true;
    // Inside a write transaction, so writers in other processes cannot interleave between
    // reading the stored versions and replacing the served files.
    if (!m_state.beginTransaction(error))
        return false;
    struct Write
    {
        QString temp;
        QString path;
    };
    QList<Write> writes;
    QStringList removals;
    bool ok = true;
    for (const CrateRecord &crate : crates) {
        const QString path = m_layout.servedIndexFile(crate.name);
        bool whole = false; // every upstream line is served: share the upstream file's inode
        const QByteArray expected = expectedServed(crate, &whole);
        bool exists = false;
        const QByteArray current = readFile(path, &exists);
        if (expected.isEmpty()) {
            if (exists)
                removals.append(path);
        } else if (!exists || current != expected) {
            // The upstream file is only ever replaced by a rename, never changed in place,
            // so a link keeps serving exactly these bytes until the next regeneration.
            const QString temp =
                whole ? AtomicFile::linkTempUnsynced(m_layout.tempDir(),
                                                     m_layout.upstreamIndexFile(crate.name),
                                                     expected, error)
                      : AtomicFile::writeTempUnsynced(m_layout.tempDir(), expected, error);
            if (temp.isEmpty()) {
                ok = false;
                break;
            }
            writes.append({temp, path});
        }
    }
    QStringList temps;
    for (const Write &write : std::as_const(writes))
        temps.append(write.temp);
    ok = ok && AtomicFile::sync(temps, m_layout.root(), error);
    QStringList dirs;
    qsizetype renamed = 0;
    while (ok && renamed < writes.size()) {
        ok = AtomicFile::renameUnsynced(writes[renamed].temp, writes[renamed].path, &dirs, error);
        if (ok)
            ++renamed;
    }
    for (qsizetype i = renamed; i < writes.size(); ++i)
        QFile::remove(writes[i].temp); // the ones not renamed (failure only)
    for (const QString &path : std::as_const(removals)) {
        QFile file(path);
        if (!ok)
            break;
        if (!file.remove() && file.exists()) {
            ok = setError(error, QStringLiteral("cannot remove %1: %2 — check the folder's "
                                                "permissions and run again")
                                     .arg(path, file.errorString()));
        }
        dirs.append(QFileInfo(path).absolutePath());
    }
    ok = ok && AtomicFile::sync(dirs, m_layout.root(), error);
    for (const CrateRecord &crate : crates)
        ok = ok && m_state.setServedDirty(crate.id, false, error);
    ok = ok && m_state.commit(error);
    if (!ok)
        m_state.rollback(); // the crates stay dirty; the next open tries again
    return ok;
}

bool MirrorStore::regenerateServedIndex(const QString &name, QString *error)
{
    const std::optional<CrateRecord> record = m_state.crate(name);
    if (!record)
        return setError(error, QStringLiteral("the mirror has no crate %1").arg(name));
    return regenerate(*record, error);
}

MirrorSummary MirrorStore::summary() const
{
    MirrorSummary summary;
    summary.crates = m_state.storedCrateCount();
    summary.versions = m_state.storedVersionCount();
    summary.bytes = m_state.storedBytes();
    summary.upstream = m_config.upstream();
    summary.lastSync = m_state.lastSuccessfulSync();
    summary.versionsKnown = m_state.versionCount();
    summary.removedUpstream = m_state.removedUpstreamCrates();
    if (summary.versions > 0)
        summary.projectedFullBytes = summary.versionsKnown * (summary.bytes / summary.versions);
    return summary;
}

bool MirrorStore::addToSelection(const QString &name, const QString &reason, const QString &detail,
                                 QString *error)
{
    return m_state.addToSelection(name, reason, detail, error);
}

bool MirrorStore::addToSelection(const QList<SelectionEntry> &entries, QString *error)
{
    if (entries.isEmpty())
        return true;
    if (!m_state.beginTransaction(error))
        return false;
    QString first;
    for (const SelectionEntry &entry : entries) {
        QString problem;
        if (!m_state.addToSelection(entry.name, entry.reason, entry.detail, &problem) &&
            first.isEmpty())
            first = problem;
    }
    if (!m_state.commit(error)) {
        m_state.rollback();
        return false;
    }
    return first.isEmpty() || setError(error, first);
}

QList<SelectionEntry> MirrorStore::selection() const
{
    return m_state.selection();
}

QList<CrateListEntry> MirrorStore::crateList() const
{
    return m_state.crateList();
}

bool MirrorStore::clearSelection(const QString &reason, QString *error)
{
    return m_state.clearSelection(reason, error);
}

bool MirrorStore::removeFromSelection(const QString &name, QString *error, int *removed)
{
    return m_state.removeFromSelection(name, error, removed);
}

QList<SelectionEntry> MirrorStore::selectionOf(const QString &name) const
{
    return m_state.selectionOf(name);
}

qint64 MirrorStore::beginSyncRun(QString *error)
{
    return m_state.beginSyncRun(error);
}

bool MirrorStore::finishSyncRun(qint64 id, const QString &status, const SyncRunCounts &counts,
                                const QString &errorText, QString *error)
{
    static const QStringList statuses{QStringLiteral("ok"), QStringLiteral("failed"),
                                      QStringLiteral("cancelled")};
    if (!statuses.contains(status))
        return setError(error, QStringLiteral("unknown sync run status %1").arg(status));
    return m_state.finishSyncRun(id, status, counts, errorText, error);
}

bool MirrorStore::markVersions(const QList<VersionRecord> &records, const QString &state,
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
        if (!crate || !regenerate(*crate, error))
            return false;
    }
    return true;
}

bool MirrorStore::quarantine(const QString &path, const QString &crate, const QString &version,
                             QString *error)
{
    QString target = quarantineDir() + QLatin1Char('/') + crate + QLatin1Char('-') + version +
                     QStringLiteral(".crate");
    if (QFileInfo::exists(target))
        target += QLatin1Char('.') +
                  QString::number(QDateTime::currentMSecsSinceEpoch()); // keep earlier copies
    return AtomicFile::rename(path, target, error);
}

VerifyReport MirrorStore::verify(bool repair, const Progress &progress)
{
    VerifyReport report;
    report.repair = repair;
    if (!isOpen()) {
        report.error = QStringLiteral("the mirror is not open");
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
            report.problems.append({VerifyProblem::Kind::MissingFile, record.crate, record.version,
                                    path, QStringLiteral("the state says stored, the file is gone"),
                                    false});
        } else if (const QString actual = hashFile(path); actual != record.cksum) {
            ++report.corrupt;
            corrupt.append(record);
            corruptProblems.append(report.problems.size());
            report.problems.append(
                {VerifyProblem::Kind::CorruptFile, record.crate, record.version, path,
                 actual.isEmpty()
                     ? QStringLiteral("the file cannot be read")
                     : QStringLiteral("expected sha256 %1, found %2").arg(record.cksum, actual),
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

void MirrorStore::checkStrayFiles(VerifyReport &report, bool repair)
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
        if (rightPath && hashFile(path) == record->cksum) {
            ++report.adoptable;
            VerifyProblem problem{
                VerifyProblem::Kind::AdoptableFile,
                record->crate,
                record->version,
                path,
                QStringLiteral("a good copy of a %1 version; it can be adopted").arg(record->state),
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
                ok = ok && crate && regenerate(*crate, &error);
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
             record ? QStringLiteral("its checksum does not match %1 %2; left alone")
                          .arg(record->crate, record->version)
                    : QStringLiteral("no version in the mirror's state has this file name; left "
                                     "alone"),
             false});
    }
}

void MirrorStore::checkServedFiles(VerifyReport &report, bool repair)
{
    QSet<QString> known;
    const QList<CrateRecord> crates = m_state.crates();
    for (const CrateRecord &crate : crates) {
        const QString upstreamPath = m_layout.upstreamIndexFile(crate.name);
        if (!QFile::exists(upstreamPath) &&
            (!crate.etag.isEmpty() || !crate.lastModified.isEmpty())) {
            // Without the file, a conditional request would get 304 and never restore it.
            ++report.upstreamMissing;
            VerifyProblem problem{VerifyProblem::Kind::UpstreamIndexMissing,
                                  crate.name,
                                  QString(),
                                  upstreamPath,
                                  QStringLiteral("the upstream index file is gone; the next sync "
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
        const QByteArray expected = expectedServed(crate);
        bool exists = false;
        const QByteArray current = readFile(path, &exists);
        const bool upToDate = expected.isEmpty() ? !exists : exists && current == expected;
        if (upToDate) {
            QString error;
            if (repair && crate.servedDirty && !m_state.setServedDirty(crate.id, false, &error))
                report.error = error;
            continue;
        }
        ++report.servedOutOfDate;
        VerifyProblem problem{
            VerifyProblem::Kind::ServedOutOfDate,
            crate.name,
            QString(),
            path,
            expected.isEmpty() ? QStringLiteral("served, but no version of it is stored")
            : !exists          ? QStringLiteral("not served, but versions of it are stored")
                               : QStringLiteral("does not match the stored versions"),
            false};
        if (repair) {
            QString error;
            problem.repaired = regenerate(crate, &error);
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
        VerifyProblem problem{VerifyProblem::Kind::ServedOutOfDate,
                              IndexPath::crateNameFromPath(relative),
                              QString(),
                              path,
                              QStringLiteral("served, but the mirror's state has no such crate"),
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

} // namespace Stowaway

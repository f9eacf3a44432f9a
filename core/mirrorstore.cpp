// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorstore.h"

#include "filehash.h"

#include "atomicfile.h"
#include "indexline.h"
#include "indexpath.h"
#include "mirrorverifier.h"

#include <QCryptographicHash>
#include <QFile>
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
        return setError(error, MirrorStore::tr("no mirror folder given — pass --mirror DIR"));
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
    return m_served.regenerate(m_state.dirtyCrates(), error);
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
            fail(MirrorStore::tr("%1 is not a valid crate name").arg(file.name));
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
    if (!m_served.regenerate(crateRecords(names), &error))
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
        return setError(error, MirrorStore::tr("cannot store %1 %2: the mirror's index has no "
                                               "such version — fetch its index file first")
                                   .arg(name, version));
    const QString actual =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (actual != record->cksum)
        return setError(error, MirrorStore::tr("the download of %1 %2 is damaged: expected "
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
                           MirrorStore::tr("cannot store %1 %2: the mirror's index has no "
                                           "such version — fetch its index file first")
                               .arg(item.name, item.version)});
            continue;
        }
        // A hash the caller computed while writing the file spares reading it again.
        qint64 size = item.size;
        const QString actual = (!item.sha256.isEmpty() && item.size >= 0)
                                   ? item.sha256.toLower()
                                   : FileHash::sha256Hex(item.tempPath, &size);
        if (actual != record->cksum) {
            QFile::remove(item.tempPath);
            failed.append({item.name, item.version,
                           actual.isEmpty()
                               ? MirrorStore::tr("cannot read the download %1").arg(item.tempPath)
                               : MirrorStore::tr("the download of %1 %2 is damaged: expected "
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
    if (!m_served.regenerate(crateRecords(names), &error))
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
            FileHash::sha256Hex(path, &size) == record->cksum) {
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

QList<PlannedVersion> MirrorStore::versionsToFetch(const QList<PlannedVersion> &versions,
                                                   int *alreadyStored)
{
    // Returns QString, not auto: a QStringBuilder would outlive the toLower() it refers to.
    const auto key = [](const QString &name, const QString &version) -> QString {
        return name.toLower() + QLatin1Char('@') + version;
    };
    QList<PlannedVersion> fetch;
    QList<CrateFileItem> inPlace;
    QHash<QString, PlannedVersion> inPlacePlanned;
    *alreadyStored = 0;
    for (const PlannedVersion &planned : versions) {
        const std::optional<VersionRecord> record = m_state.version(planned.name, planned.version);
        if (record && record->state == QLatin1String("stored") && record->cksum == planned.cksum) {
            ++*alreadyStored;
        } else if (record && QFile::exists(m_layout.crateFile(record->crate, record->version))) {
            // A run killed between moving files into place and recording them left them there.
            inPlace.append({planned.name, planned.version, {}});
            inPlacePlanned.insert(key(planned.name, planned.version), planned);
        } else {
            fetch.append(planned);
        }
    }
    if (inPlace.isEmpty())
        return fetch;
    const QList<CrateFileItem> notAdopted = adoptCrateFiles(inPlace);
    *alreadyStored += int(inPlace.size() - notAdopted.size());
    for (const CrateFileItem &item : notAdopted)
        fetch.append(inPlacePlanned.value(key(item.name, item.version)));
    return fetch;
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

bool MirrorStore::regenerateServedIndex(const QString &name, QString *error)
{
    const std::optional<CrateRecord> record = m_state.crate(name);
    if (!record)
        return setError(error, MirrorStore::tr("the mirror has no crate %1").arg(name));
    return m_served.regenerate(*record, error);
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
    summary.projectedFullBytes = summary.versionsKnown * summary.meanCrateBytes();
    return summary;
}

bool MirrorStore::addToSelection(const QString &name, const QString &reason, const QString &detail,
                                 QString *error)
{
    return m_state.addToSelection(name, reason, detail, error);
}

bool MirrorStore::saveSyncSelection(const QList<SelectionEntry> &roots, const ResolverPlan &plan,
                                    QString *error)
{
    QSet<QString> seen;
    for (const SelectionEntry &root : roots)
        seen.insert(root.name.toLower());
    QList<SelectionEntry> dependencies;
    for (const PlannedVersion &planned : plan.versions) {
        if (planned.reason != QLatin1String("dependency") || seen.contains(planned.name.toLower()))
            continue;
        seen.insert(planned.name.toLower());
        dependencies.append({planned.name, planned.reason, planned.detail, {}});
    }
    // Each step is tried even when one before failed; the first failure is reported.
    QString rootsError;
    QString clearError;
    QString dependenciesError;
    const bool rootsOk = addToSelection(roots, &rootsError);
    const bool clearOk = clearSelection(QStringLiteral("dependency"), &clearError);
    const bool dependenciesOk = addToSelection(dependencies, &dependenciesError);
    if (rootsOk && clearOk && dependenciesOk)
        return true;
    return setError(error, !rootsOk ? rootsError : (!clearOk ? clearError : dependenciesError));
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
        return setError(error, MirrorStore::tr("unknown sync run status %1").arg(status));
    return m_state.finishSyncRun(id, status, counts, errorText, error);
}

VerifyReport MirrorStore::verify(bool repair, const Progress &progress)
{
    return MirrorVerifier(m_layout, m_state, m_served, quarantineDir()).run(repair, progress);
}

} // namespace Stowaway

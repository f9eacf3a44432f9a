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
    // The folders of a new mirror are made first, then their entries synced in one go.
    QStringList changedDirs;
    for (const QString &dir : {m_layout.root(), m_layout.cratesDir(), m_layout.upstreamIndexDir(),
                               m_layout.servedIndexDir(), m_layout.tempDir()}) {
        if (!AtomicFile::makePathUnsynced(dir, &changedDirs, error))
            return false;
    }
    if (!AtomicFile::sync(changedDirs, m_layout.root(), error))
        return false;
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
    QStringList problems;
    QString servedError;
    const bool ok = storeBatch(files, {}, ServedUpdate::Now, &problems, nullptr, &servedError);
    if (!servedError.isEmpty())
        problems.append(servedError);
    if (errors)
        errors->append(problems);
    return ok && problems.isEmpty();
}

bool MirrorStore::storeBatch(const QList<UpstreamIndexFile> &files,
                             const QList<CrateFileItem> &items, ServedUpdate update,
                             QStringList *indexErrors, QList<CrateFileFailure> *failures,
                             QString *servedError)
{
    const MirrorBatchWriter::Result result = m_batch.write(files, items, &m_unsettled);
    if (indexErrors)
        indexErrors->append(result.indexErrors);
    if (failures)
        failures->append(result.failures);
    bool ok = result.indexErrors.isEmpty() && result.failures.isEmpty();
    if (result.touched.isEmpty() || update == ServedUpdate::Deferred)
        return ok;
    const QList<CrateRecord> &records = result.touched;
    QString error;
    if (update == ServedUpdate::Now) {
        ok = m_served.regenerate(records, &error) && ok;
        if (error.isEmpty()) {
            for (const CrateRecord &record : records)
                m_unsettled.crateIds.remove(record.id); // synced and clean already
        }
    } else {
        QStringList toSync;
        ok = m_served.publish(records, &toSync, &error) && ok;
        if (error.isEmpty()) {
            m_unsettled.paths.append(toSync);
            for (const CrateRecord &record : records)
                m_unsettled.crateIds.insert(record.id);
        }
    }
    if (!error.isEmpty() && servedError)
        *servedError = error; // stored, but served only after the next open() finishes it
    return ok;
}

bool MirrorStore::settleServed(QString *error)
{
    if (m_unsettled.isEmpty())
        return true;
    const MirrorBatchWriter::Result result = m_batch.write({}, {}, &m_unsettled);
    return result.error.isEmpty() || setError(error, result.error);
}

QString MirrorStore::newTempFile(QString *error) const
{
    return AtomicFile::createTemp(m_layout.tempDir(), error);
}

bool MirrorStore::putCrate(const QString &name, const QString &version, const QByteArray &bytes,
                           QString *error)
{
    const QString tempPath = AtomicFile::writeTempUnsynced(m_layout.tempDir(), bytes, error);
    if (tempPath.isEmpty())
        return false;
    const QString sha256 =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    QList<CrateFileFailure> failures;
    return putCrateFiles({CrateFileItem{name, version, tempPath, sha256, bytes.size()}},
                         &failures) ||
           setError(error, failures.value(0).error);
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
    QString servedError;
    storeBatch({}, items, update, nullptr, &failed, &servedError);
    if (!servedError.isEmpty()) {
        // Stored, but served only after the next open() finishes it: report them all.
        QSet<QString> reported;
        for (const CrateFileFailure &failure : std::as_const(failed))
            reported.insert(failure.name.toLower() + QLatin1Char('@') + failure.version);
        for (const CrateFileItem &item : items) {
            if (!reported.contains(item.name.toLower() + QLatin1Char('@') + item.version))
                failed.append({item.name, item.version, servedError});
        }
    }
    const bool allStored = failed.isEmpty();
    if (failures)
        failures->append(failed);
    return allStored;
}

QList<CrateFileItem> MirrorStore::adoptCrateFiles(const QList<CrateFileItem> &items)
{
    QList<CrateFileItem> rest;
    QList<CrateFileItem> found;
    for (const CrateFileItem &item : items) {
        const std::optional<VersionRecord> record = m_state.version(item.name, item.version);
        const QString path =
            record ? m_layout.crateFile(record->crate, record->version) : QString();
        qint64 size = 0;
        if (record && record->state != QLatin1String("stored") && QFile::exists(path)) {
            const QString sha256 = FileHash::sha256Hex(path, &size);
            if (sha256 == record->cksum) {
                // "Moved" onto itself: a no-op rename, then recorded like any download.
                found.append({record->crate, record->version, path, sha256, size});
                continue;
            }
        }
        rest.append(item);
    }
    QList<CrateFileFailure> failures;
    storeBatch({}, found, ServedUpdate::Now, nullptr, &failures);
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
    // One read transaction for all the lookups (one lock, not one per version).
    const bool reading = m_state.beginRead(nullptr);
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
    if (reading)
        m_state.commit(nullptr);
    if (inPlace.isEmpty())
        return fetch;
    const QList<CrateFileItem> notAdopted = adoptCrateFiles(inPlace);
    *alreadyStored += int(inPlace.size() - notAdopted.size());
    for (const CrateFileItem &item : notAdopted)
        fetch.append(inPlacePlanned.value(key(item.name, item.version)));
    return fetch;
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

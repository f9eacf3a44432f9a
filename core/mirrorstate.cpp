// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorstate.h"

#include "indexpath.h"
#include "sqlstatements.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcState, "stowaway.state")

namespace {

const char *const schemaV1[] = {
    "CREATE TABLE crates ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " canonical_name TEXT NOT NULL,"
    " upstream_etag TEXT NOT NULL DEFAULT '',"
    " upstream_last_modified TEXT NOT NULL DEFAULT '',"
    " fetched_at TEXT,"
    " served_dirty INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX crates_canonical ON crates(canonical_name)",
    "CREATE TABLE versions ("
    " id INTEGER PRIMARY KEY,"
    " crate_id INTEGER NOT NULL REFERENCES crates(id) ON DELETE CASCADE,"
    " version TEXT NOT NULL,"
    " cksum TEXT NOT NULL,"
    " size INTEGER NOT NULL DEFAULT -1,"
    " yanked INTEGER NOT NULL DEFAULT 0,"
    " state TEXT NOT NULL DEFAULT 'known'"
    "  CHECK (state IN ('known', 'stored', 'corrupt', 'missing')),"
    " stored_at TEXT,"
    " UNIQUE (crate_id, version))",
    "CREATE INDEX versions_state ON versions(state)",
    "CREATE TABLE selection ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL COLLATE NOCASE,"
    " reason TEXT NOT NULL CHECK (reason IN ('popular', 'named', 'lockfile', 'dependency')),"
    " detail TEXT NOT NULL DEFAULT '',"
    " added_at TEXT NOT NULL,"
    " UNIQUE (name, reason, detail))",
    "CREATE TABLE sync_runs ("
    " id INTEGER PRIMARY KEY,"
    " started_at TEXT NOT NULL,"
    " finished_at TEXT,"
    " status TEXT NOT NULL DEFAULT 'running'"
    "  CHECK (status IN ('running', 'ok', 'failed', 'cancelled')),"
    " crates INTEGER NOT NULL DEFAULT 0,"
    " versions INTEGER NOT NULL DEFAULT 0,"
    " bytes INTEGER NOT NULL DEFAULT 0,"
    " error TEXT NOT NULL DEFAULT '')",
};

// Version 2: crates deleted upstream (kept, reported) and a key/value table for sync markers.
const char *const schemaV2[] = {
    "ALTER TABLE crates ADD COLUMN removed_upstream INTEGER NOT NULL DEFAULT 0",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
};

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

/// A NOT NULL text column: a null QString binds as SQL NULL, so bind "" instead.
QVariant nonNull(const QString &text)
{
    return text.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(text);
}

VersionRecord versionFrom(const QSqlQuery &query)
{
    VersionRecord record;
    record.crateId = query.value(0).toLongLong();
    record.crate = query.value(1).toString();
    record.version = query.value(2).toString();
    record.cksum = query.value(3).toString();
    record.size = query.value(4).toLongLong();
    record.yanked = query.value(5).toBool();
    record.state = query.value(6).toString();
    return record;
}

CrateRecord crateFrom(const QSqlQuery &query)
{
    CrateRecord record;
    record.id = query.value(0).toLongLong();
    record.name = query.value(1).toString();
    record.etag = query.value(2).toString();
    record.lastModified = query.value(3).toString();
    record.fetchedAt = MirrorState::fromText(query.value(4).toString());
    record.servedDirty = query.value(5).toBool();
    return record;
}

const QString crateColumns = QStringLiteral(
    "SELECT id, name, upstream_etag, upstream_last_modified, fetched_at, served_dirty "
    "FROM crates ");
const QString versionColumns =
    QStringLiteral("SELECT v.crate_id, c.name, v.version, v.cksum, v.size, v.yanked, v.state "
                   "FROM versions v JOIN crates c ON c.id = v.crate_id ");

} // namespace

MirrorState::MirrorState()
    : m_connection(QStringLiteral("stowaway-state-%1").arg(reinterpret_cast<quintptr>(this), 0, 16))
    , m_statements(std::make_unique<SqlStatements>(m_connection))
{}

MirrorState::~MirrorState()
{
    close();
}

QString MirrorState::toText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QDateTime MirrorState::fromText(const QString &text)
{
    if (text.isEmpty())
        return {};
    return QDateTime::fromString(text, Qt::ISODate).toUTC();
}

bool MirrorState::open(const QString &path, QString *error)
{
    close();
    m_path = path;
    // The connection's handles must be gone before close() removes it, hence the lambda.
    const auto connect = [this, &path, error] {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open())
            return setError(error, MirrorState::tr("cannot open the mirror state %1: %2 — check "
                                                   "that the folder is writable")
                                       .arg(path, db.lastError().text()));
        QSqlQuery query(db);
        for (const char *pragma :
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
            if (!query.exec(QString::fromLatin1(pragma)))
                return setError(error, MirrorState::tr("cannot open the mirror state %1: %2 — if "
                                                       "it is damaged, move it away")
                                           .arg(path, query.lastError().text()));
        }
        return true;
    };
    if (!connect() || !migrate(error)) {
        close();
        return false;
    }
    return true;
}

void MirrorState::close()
{
    m_statements->clear();
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool MirrorState::isOpen() const
{
    return QSqlDatabase::contains(m_connection) &&
           QSqlDatabase::database(m_connection, false).isOpen();
}

bool MirrorState::migrate(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return setError(error, MirrorState::tr("cannot read the mirror state %1: %2 — if it is "
                                               "damaged, move it away and run sync again")
                                   .arg(m_path, query.lastError().text()));
    const int current = query.value(0).toInt();
    if (current > schemaVersion)
        return setError(error, MirrorState::tr("the mirror state %1 was written by a newer "
                                               "stowaway (schema %2, this one knows %3) — update "
                                               "stowaway")
                                   .arg(m_path)
                                   .arg(current)
                                   .arg(schemaVersion));
    if (current == schemaVersion)
        return true;
    if (!beginTransaction(error))
        return false;
    if (current < 1) {
        for (const char *statement : schemaV1) {
            if (!query.exec(QString::fromLatin1(statement))) {
                setError(error, MirrorState::tr("cannot create the mirror state %1: %2")
                                    .arg(m_path, query.lastError().text()));
                rollback();
                return false;
            }
        }
    }
    if (current < 2) {
        for (const char *statement : schemaV2) {
            if (!query.exec(QString::fromLatin1(statement))) {
                setError(error, MirrorState::tr("cannot update the mirror state %1: %2")
                                    .arg(m_path, query.lastError().text()));
                rollback();
                return false;
            }
        }
    }
    // Later schema versions add their steps here: if (current < 3) { ... }
    if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(schemaVersion))) {
        setError(error, query.lastError().text());
        rollback();
        return false;
    }
    return commit(error);
}

bool MirrorState::beginTransaction(QString *error)
{
    // IMMEDIATE takes the write lock now, so a busy database waits here, not at commit.
    return m_statements->exec(QStringLiteral("BEGIN IMMEDIATE"), {}, error);
}

bool MirrorState::beginRead(QString *error)
{
    // DEFERRED: a read snapshot that never blocks the writer (WAL); end it with commit().
    return m_statements->exec(QStringLiteral("BEGIN DEFERRED"), {}, error);
}

bool MirrorState::commit(QString *error)
{
    return m_statements->exec(QStringLiteral("COMMIT"), {}, error);
}

void MirrorState::rollback()
{
    m_statements->exec(QStringLiteral("ROLLBACK"), {}, nullptr);
}

std::optional<CrateRecord> MirrorState::crate(const QString &name) const
{
    std::optional<CrateRecord> result;
    m_statements->select(crateColumns + QStringLiteral("WHERE name = ?"), {name},
                         [&result](const QSqlQuery &row) {
                             result = crateFrom(row);
                             return false;
                         });
    return result;
}

QList<CrateRecord> MirrorState::crates() const
{
    QList<CrateRecord> result;
    m_statements->select(crateColumns + QStringLiteral("ORDER BY name"), {},
                         [&result](const QSqlQuery &row) {
                             result.append(crateFrom(row));
                             return true;
                         });
    return result;
}

QList<CrateRecord> MirrorState::dirtyCrates() const
{
    QList<CrateRecord> result;
    m_statements->select(crateColumns + QStringLiteral("WHERE served_dirty <> 0 ORDER BY name"), {},
                         [&result](const QSqlQuery &row) {
                             result.append(crateFrom(row));
                             return true;
                         });
    return result;
}

qint64 MirrorState::upsertCrate(const QString &name, const QString &etag,
                                const QString &lastModified, QString *error)
{
    if (!m_statements->exec(
            QStringLiteral("INSERT INTO crates (name, canonical_name, upstream_etag, "
                           "upstream_last_modified, fetched_at) VALUES (?, ?, ?, ?, ?) "
                           "ON CONFLICT (name) DO UPDATE SET name = excluded.name, "
                           "upstream_etag = excluded.upstream_etag, "
                           "upstream_last_modified = excluded.upstream_last_modified, "
                           "fetched_at = excluded.fetched_at, removed_upstream = 0"),
            {name, IndexPath::canonicalName(name), nonNull(etag), nonNull(lastModified),
             toText(QDateTime::currentDateTimeUtc())},
            error))
        return -1;
    qint64 id = -1;
    m_statements->select(QStringLiteral("SELECT id FROM crates WHERE name = ?"), {name},
                         [&id](const QSqlQuery &row) {
                             id = row.value(0).toLongLong();
                             return false;
                         });
    return id;
}

bool MirrorState::setServedDirty(qint64 crateId, bool dirty, QString *error)
{
    return m_statements->exec(QStringLiteral("UPDATE crates SET served_dirty = ? WHERE id = ?"),
                              {dirty ? 1 : 0, crateId}, error);
}

bool MirrorState::clearValidators(qint64 crateId, QString *error)
{
    return m_statements->exec(
        QStringLiteral("UPDATE crates SET upstream_etag = '', upstream_last_modified = '' "
                       "WHERE id = ?"),
        {crateId}, error);
}

bool MirrorState::upsertVersion(qint64 crateId, const QString &version, const QString &cksum,
                                bool yanked, QString *error)
{
    return m_statements->exec(
        QStringLiteral(
            "INSERT INTO versions (crate_id, version, cksum, yanked) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (crate_id, version) DO UPDATE SET yanked = excluded.yanked, "
            "state = CASE WHEN versions.cksum <> excluded.cksum "
            "AND versions.state <> 'known' THEN 'missing' ELSE versions.state END, "
            "cksum = excluded.cksum"),
        {crateId, version, cksum, yanked ? 1 : 0}, error);
}

std::optional<VersionRecord> MirrorState::version(const QString &crateName,
                                                  const QString &versionText) const
{
    std::optional<VersionRecord> result;
    m_statements->select(versionColumns + QStringLiteral("WHERE c.name = ? AND v.version = ?"),
                         {crateName, versionText}, [&result](const QSqlQuery &row) {
                             result = versionFrom(row);
                             return false;
                         });
    return result;
}

QHash<QString, QString> MirrorState::storedVersions(qint64 crateId) const
{
    QHash<QString, QString> result;
    // "+state": look the crate up by its (crate_id, version) index. Without the plus SQLite
    // picks the state index and walks every stored version of the mirror for each crate.
    m_statements->select(QStringLiteral("SELECT version, cksum FROM versions WHERE crate_id = ? "
                                        "AND +state = 'stored'"),
                         {crateId}, [&result](const QSqlQuery &row) {
                             result.insert(row.value(0).toString(), row.value(1).toString());
                             return true;
                         });
    return result;
}

QList<VersionRecord> MirrorState::versionsInStates(const QStringList &states) const
{
    QList<VersionRecord> result;
    QStringList marks(states.size(), QStringLiteral("?"));
    QVariantList binds;
    for (const QString &state : states)
        binds.append(state);
    m_statements->select(versionColumns +
                             QStringLiteral("WHERE v.state IN (%1) ORDER BY c.name, v.version")
                                 .arg(marks.join(QLatin1Char(','))),
                         binds, [&result](const QSqlQuery &row) {
                             result.append(versionFrom(row));
                             return true;
                         });
    return result;
}

bool MirrorState::setVersionStored(qint64 crateId, const QString &version, qint64 size,
                                   QString *error)
{
    int changed = 0;
    if (!m_statements->exec(
            QStringLiteral("UPDATE versions SET state = 'stored', size = ?, stored_at = ? "
                           "WHERE crate_id = ? AND version = ?"),
            {size, toText(QDateTime::currentDateTimeUtc()), crateId, version}, error, &changed))
        return false;
    return changed == 1 ||
           setError(error, MirrorState::tr("version %1 is not in the mirror state").arg(version));
}

bool MirrorState::setVersionState(qint64 crateId, const QString &version, const QString &state,
                                  QString *error)
{
    return m_statements->exec(
        QStringLiteral("UPDATE versions SET state = ? WHERE crate_id = ? AND version = ?"),
        {state, crateId, version}, error);
}

qint64 MirrorState::scalar(const QString &sql) const
{
    qint64 value = 0;
    m_statements->select(sql, {}, [&value](const QSqlQuery &row) {
        value = row.value(0).toLongLong();
        return false;
    });
    return value;
}

qint64 MirrorState::storedCrateCount() const
{
    return scalar(QStringLiteral("SELECT COUNT(DISTINCT crate_id) FROM versions "
                                 "WHERE state = 'stored'"));
}

qint64 MirrorState::storedVersionCount() const
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM versions WHERE state = 'stored'"));
}

qint64 MirrorState::storedBytes() const
{
    return scalar(QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM versions "
                                 "WHERE state = 'stored'"));
}

bool MirrorState::addToSelection(const QString &name, const QString &reason, const QString &detail,
                                 QString *error)
{
    static const QStringList reasons{QStringLiteral("popular"), QStringLiteral("named"),
                                     QStringLiteral("lockfile"), QStringLiteral("dependency")};
    if (!IndexPath::isValidCrateName(name))
        return setError(error, MirrorState::tr("%1 is not a valid crate name").arg(name));
    if (!reasons.contains(reason))
        return setError(error, MirrorState::tr("unknown selection reason %1 (use one of %2)")
                                   .arg(reason, reasons.join(QStringLiteral(", "))));
    return m_statements->exec(
        QStringLiteral("INSERT INTO selection (name, reason, detail, "
                       "added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"),
        {name, reason, nonNull(detail), toText(QDateTime::currentDateTimeUtc())}, error);
}

namespace {
bool appendSelectionEntry(QList<SelectionEntry> *list, const QSqlQuery &row)
{
    list->append({row.value(0).toString(), row.value(1).toString(), row.value(2).toString(),
                  MirrorState::fromText(row.value(3).toString())});
    return true;
}
} // namespace

QList<SelectionEntry> MirrorState::selection() const
{
    QList<SelectionEntry> result;
    m_statements->select(
        QStringLiteral("SELECT name, reason, detail, added_at FROM selection "
                       "ORDER BY name COLLATE NOCASE, id"),
        {}, [&result](const QSqlQuery &row) { return appendSelectionEntry(&result, row); });
    return result;
}

bool MirrorState::clearSelection(const QString &reason, QString *error)
{
    return m_statements->exec(QStringLiteral("DELETE FROM selection WHERE reason = ?"), {reason},
                              error);
}

bool MirrorState::removeFromSelection(const QString &name, QString *error, int *removed)
{
    int count = 0;
    // Canonical comparison (lower case, '_' for '-'), as IndexPath::canonicalName().
    const bool ok =
        m_statements->exec(QStringLiteral("DELETE FROM selection WHERE reason != 'dependency' AND "
                                          "replace(lower(name), '-', '_') = ?"),
                           {IndexPath::canonicalName(name)}, error, &count);
    if (removed)
        *removed = ok ? count : 0;
    return ok;
}

QList<SelectionEntry> MirrorState::selectionOf(const QString &name) const
{
    QList<SelectionEntry> result;
    m_statements->select(QStringLiteral("SELECT name, reason, detail, added_at FROM selection "
                                        "WHERE replace(lower(name), '-', '_') = ? ORDER BY id"),
                         {IndexPath::canonicalName(name)}, [&result](const QSqlQuery &row) {
                             return appendSelectionEntry(&result, row);
                         });
    return result;
}

QList<CrateListEntry> MirrorState::crateList() const
{
    // v: version counts per crate; s: one row per selected name, its strongest reason first
    // (window function), with the best popular rank over all of its entries.
    static const QString sql = QStringLiteral(
        "WITH v AS (SELECT crate_id, COUNT(*) AS known,"
        "  SUM(state = 'stored') AS held,"
        "  SUM(CASE WHEN state = 'stored' AND size > 0 THEN size ELSE 0 END) AS bytes"
        "  FROM versions GROUP BY crate_id),"
        " ranked AS (SELECT name, reason, detail,"
        "  ROW_NUMBER() OVER (PARTITION BY name COLLATE NOCASE ORDER BY"
        "   CASE reason WHEN 'named' THEN 0 WHEN 'lockfile' THEN 1 WHEN 'popular' THEN 2"
        "   ELSE 3 END, id) AS n,"
        "  MIN(CASE WHEN reason = 'popular' AND detail LIKE 'rank %'"
        "   THEN CAST(substr(detail, 6) AS INTEGER) END)"
        "   OVER (PARTITION BY name COLLATE NOCASE) AS best_rank"
        "  FROM selection),"
        " s AS (SELECT name, reason, detail, best_rank FROM ranked WHERE n = 1)"
        " SELECT c.name, 1, COALESCE(v.known, 0), COALESCE(v.held, 0), COALESCE(v.bytes, 0),"
        "  COALESCE(s.reason, ''), COALESCE(s.detail, ''), COALESCE(s.best_rank, 0)"
        "  FROM crates c LEFT JOIN v ON v.crate_id = c.id"
        "  LEFT JOIN s ON s.name = c.name COLLATE NOCASE"
        " UNION ALL"
        " SELECT s.name, 0, 0, 0, 0, s.reason, s.detail, COALESCE(s.best_rank, 0) FROM s"
        "  WHERE NOT EXISTS (SELECT 1 FROM crates c WHERE c.name = s.name COLLATE NOCASE)"
        " ORDER BY 1 COLLATE NOCASE");
    QList<CrateListEntry> result;
    m_statements->select(sql, {}, [&result](const QSqlQuery &query) {
        CrateListEntry entry;
        entry.name = query.value(0).toString();
        entry.canonicalName = IndexPath::canonicalName(entry.name);
        entry.indexed = query.value(1).toInt() != 0;
        entry.versionsKnown = query.value(2).toInt();
        entry.versionsStored = query.value(3).toInt();
        entry.storedBytes = query.value(4).toLongLong();
        entry.reason = query.value(5).toString();
        entry.detail = query.value(6).toString();
        entry.rank = query.value(7).toInt();
        result.append(std::move(entry));
        return true;
    });
    return result;
}

qint64 MirrorState::beginSyncRun(QString *error)
{
    qint64 id = -1;
    if (!m_statements->exec(QStringLiteral("INSERT INTO sync_runs (started_at) VALUES (?)"),
                            {toText(QDateTime::currentDateTimeUtc())}, error, nullptr, &id))
        return -1;
    return id;
}

bool MirrorState::finishSyncRun(qint64 id, const QString &status, const SyncRunCounts &counts,
                                const QString &errorText, QString *error)
{
    int changed = 0;
    if (!m_statements->exec(
            QStringLiteral("UPDATE sync_runs SET finished_at = ?, status = ?, crates = ?, "
                           "versions = ?, bytes = ?, error = ? WHERE id = ?"),
            {toText(QDateTime::currentDateTimeUtc()), status, counts.crates, counts.versions,
             counts.bytes, nonNull(errorText), id},
            error, &changed))
        return false;
    return changed == 1 || setError(error, MirrorState::tr("there is no sync run %1").arg(id));
}

QDateTime MirrorState::lastSuccessfulSync() const
{
    QDateTime result;
    m_statements->select(
        QStringLiteral("SELECT MAX(finished_at) FROM sync_runs WHERE status = 'ok'"), {},
        [&result](const QSqlQuery &row) {
            result = fromText(row.value(0).toString());
            return false;
        });
    return result;
}

bool MirrorState::setRemovedUpstream(const QStringList &names, bool removed, QString *error)
{
    if (names.isEmpty())
        return true;
    if (!beginTransaction(error))
        return false;
    for (const QString &name : names) {
        if (!m_statements->exec(
                QStringLiteral("UPDATE crates SET removed_upstream = ? WHERE name = ?"),
                {removed ? 1 : 0, name}, error)) {
            rollback();
            return false;
        }
    }
    return commit(error);
}

QStringList MirrorState::removedUpstreamCrates() const
{
    QStringList names;
    m_statements->select(
        QStringLiteral("SELECT name FROM crates WHERE removed_upstream = 1 ORDER BY name"), {},
        [&names](const QSqlQuery &row) {
            names.append(row.value(0).toString());
            return true;
        });
    return names;
}

QHash<QString, QString> MirrorState::crateEtags() const
{
    QHash<QString, QString> etags;
    m_statements->select(QStringLiteral("SELECT name, upstream_etag FROM crates"), {},
                         [&etags](const QSqlQuery &row) {
                             etags.insert(row.value(0).toString().toLower(),
                                          row.value(1).toString());
                             return true;
                         });
    return etags;
}

qint64 MirrorState::versionCount() const
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM versions"));
}

QString MirrorState::meta(const QString &key) const
{
    QString value;
    m_statements->select(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key},
                         [&value](const QSqlQuery &row) {
                             value = row.value(0).toString();
                             return false;
                         });
    return value;
}

bool MirrorState::setMeta(const QString &key, const QString &value, QString *error)
{
    if (value.isEmpty())
        return m_statements->exec(QStringLiteral("DELETE FROM meta WHERE key = ?"), {key}, error);
    return m_statements->exec(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON "
                                             "CONFLICT (key) DO UPDATE SET value = excluded.value"),
                              {key, value}, error);
}

QList<VersionRecord> MirrorState::unstoredVersions(qint64 afterId, int limit, qint64 *lastId) const
{
    QList<VersionRecord> result;
    m_statements->select(
        QStringLiteral("SELECT v.crate_id, c.name, v.version, v.cksum, v.size, v.yanked, "
                       "v.state, v.id FROM versions v JOIN crates c ON c.id = v.crate_id "
                       "WHERE v.state IN ('known', 'missing', 'corrupt') AND "
                       "c.removed_upstream = 0 AND v.id > ? ORDER BY v.id LIMIT ?"),
        {afterId, limit}, [&result, lastId](const QSqlQuery &row) {
            result.append(versionFrom(row));
            *lastId = row.value(7).toLongLong();
            return true;
        });
    return result;
}

qint64 MirrorState::unstoredVersionCount() const
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM versions v JOIN crates c ON "
                                 "c.id = v.crate_id WHERE v.state IN ('known', 'missing', "
                                 "'corrupt') AND c.removed_upstream = 0"));
}

} // namespace Stowaway

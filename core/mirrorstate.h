// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Stowaway {

class SqlStatements;

/// One crate row of the state.
struct CrateRecord
{
    qint64 id = -1;
    QString name;             ///< spelling from the index (original case)
    QString etag;             ///< of the upstream index file, for conditional requests
    QString lastModified;     ///< ditto
    QDateTime fetchedAt;      ///< when the upstream index file was saved
    bool servedDirty = false; ///< the served index file may not match the state yet
};

/// One version row of the state. `state` is "known", "stored", "corrupt" or "missing".
struct VersionRecord
{
    qint64 crateId = -1;
    QString crate;
    QString version;
    QString cksum;
    qint64 size = -1; ///< bytes of the stored .crate; -1 when never stored
    bool yanked = false;
    QString state;
};

/// Why a crate is in the mirror's selection.
struct SelectionEntry
{
    QString name;
    QString reason; ///< "popular", "named", "lockfile" or "dependency"
    QString detail; ///< e.g. "rank 12", "Cargo.lock at /x", "needed by serde 1.0.1"
    QDateTime addedAt;
};

/// One crate as the crates list shows it: every crate the state knows (fetched index files)
/// and every selected name, with its version counts and the strongest selection reason.
struct CrateListEntry
{
    QString name;          ///< spelling from the index, or from the selection if not fetched yet
    QString canonicalName; ///< IndexPath::canonicalName(name)
    bool indexed = false;  ///< the upstream index file has been fetched
    int versionsKnown = 0; ///< versions listed upstream
    int versionsStored = 0;
    qint64 storedBytes = 0; ///< sum of the stored .crate sizes
    /// Strongest reason the crate is selected (named, lockfile, popular, dependency in that
    /// order); empty when not selected. `detail` belongs to that reason.
    QString reason;
    QString detail;
    int rank = 0; ///< popular rank from a "rank N" popular entry; 0 when none
};

/// Totals of one sync run.
struct SyncRunCounts
{
    qint64 crates = 0;
    qint64 versions = 0;
    qint64 bytes = 0;
};

/**
 * The mirror's state in SQLite (QtSql, QSQLITE driver): crates, versions, the selection and
 * sync runs. Schema version in `PRAGMA user_version`, migrated by open(). WAL journal,
 * `synchronous=FULL` (a commit is on disk before we rewrite the served index that depends
 * on it, so even a power cut cannot leave the served index ahead of the state), foreign
 * keys on, 10 s busy timeout so several processes can share a mirror.
 *
 * Thread affinity: a QSqlDatabase connection belongs to the thread that opened it. Each
 * MirrorState opens its own uniquely named connection; create, use and destroy it on one
 * thread. Other threads (the server's) must not call it; they open their own if needed.
 * Low-level: MirrorStore keeps files and state consistent; use that instead.
 */
class MirrorState final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::MirrorState)

public:
    static constexpr int schemaVersion = 2;

    MirrorState();
    ~MirrorState();
    MirrorState(const MirrorState &) = delete;
    MirrorState &operator=(const MirrorState &) = delete;

    /// Opens (creating if needed) and migrates the database at `path`.
    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const;

    bool beginTransaction(QString *error);
    /// A read-only transaction: many lookups under one lock and one snapshot. Ends with
    /// commit(); keep it short, a snapshot held open keeps the WAL from being reset.
    bool beginRead(QString *error);
    bool commit(QString *error);
    void rollback();

    // Crates. Names compare case-insensitively (cargo lower-cases index paths).
    std::optional<CrateRecord> crate(const QString &name) const;
    QList<CrateRecord> crates() const;
    /// Inserts or updates a crate row (name spelling, etag, last-modified, fetched_at = now);
    /// returns its id or -1.
    qint64 upsertCrate(const QString &name, const QString &etag, const QString &lastModified,
                       QString *error);
    bool setServedDirty(qint64 crateId, bool dirty, QString *error);
    /// Forgets the etag and last-modified, so the next fetch is unconditional.
    bool clearValidators(qint64 crateId, QString *error);
    QList<CrateRecord> dirtyCrates() const;

    // Versions.
    /// New versions become "known"; existing ones keep their state and take the new yanked
    /// flag. If upstream's cksum changed, a stored copy no longer counts ("missing").
    bool upsertVersion(qint64 crateId, const QString &version, const QString &cksum, bool yanked,
                       QString *error);
    std::optional<VersionRecord> version(const QString &crate, const QString &version) const;
    /// The stored versions of a crate, each with the cksum its file was verified against.
    QHash<QString, QString> storedVersions(qint64 crateId) const;
    /// Every version whose state is one of `states`, ordered by crate and version.
    QList<VersionRecord> versionsInStates(const QStringList &states) const;
    bool setVersionStored(qint64 crateId, const QString &version, qint64 size, QString *error);
    bool setVersionState(qint64 crateId, const QString &version, const QString &state,
                         QString *error);

    // Counts, always from the state.
    qint64 storedCrateCount() const;
    qint64 storedVersionCount() const;
    qint64 storedBytes() const;

    // Selection.
    bool addToSelection(const QString &name, const QString &reason, const QString &detail,
                        QString *error);
    QList<SelectionEntry> selection() const;
    /// Removes every entry with this reason (e.g. "dependency" before recomputing them).
    bool clearSelection(const QString &reason, QString *error);
    /// Removes the entries that select `name` on their own ("popular", "named", "lockfile"),
    /// matching any spelling cargo treats as the same crate; "dependency" entries stay (each
    /// sync recomputes them). `removed` gets the number of entries removed.
    bool removeFromSelection(const QString &name, QString *error, int *removed = nullptr);
    /// The selection entries of one crate (any spelling cargo treats as equal), oldest first.
    QList<SelectionEntry> selectionOf(const QString &name) const;

    /// Every crate and selected name, ordered by name (case-insensitive); one SQL query.
    QList<CrateListEntry> crateList() const;

    // Sync runs.
    qint64 beginSyncRun(QString *error);
    bool finishSyncRun(qint64 id, const QString &status, const SyncRunCounts &counts,
                       const QString &errorText, QString *error);
    QDateTime lastSuccessfulSync() const;

    // Crates deleted upstream: kept with their stored versions, and reported. Writing a
    // crate's index file again (upsertCrate) clears the mark. One transaction of its own.
    bool setRemovedUpstream(const QStringList &names, bool removed, QString *error);
    QStringList removedUpstreamCrates() const;
    /// Every crate's upstream ETag (a git blob id for git upstreams), by lower-cased name.
    QHash<QString, QString> crateEtags() const;
    /// Versions the state knows in any state (every line of every fetched index file).
    qint64 versionCount() const;
    /// Up to @p limit versions not stored (known, missing or corrupt) of crates not removed
    /// upstream, in row order after row @p afterId; @p lastId gets the last row's id. Pages
    /// through millions of rows without holding them all.
    QList<VersionRecord> unstoredVersions(qint64 afterId, int limit, qint64 *lastId) const;
    qint64 unstoredVersionCount() const;

    /// Small named values (sync markers); an empty value removes the key.
    QString meta(const QString &key) const;
    bool setMeta(const QString &key, const QString &value, QString *error);

    static QString toText(const QDateTime &time);
    static QDateTime fromText(const QString &text);

private:
    bool migrate(QString *error);
    qint64 scalar(const QString &sql) const;

    QString m_connection;
    QString m_path;
    std::unique_ptr<SqlStatements> m_statements; ///< prepared once per connection
};

} // namespace Stowaway

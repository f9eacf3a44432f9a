// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorlayout.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <atomic>
#include <string>

#include <memory>
#include <mutex>
#include <vector>

namespace Stowaway {

/**
 * Serves a git-backed mirror's index files straight from the object database: the crate's
 * blob at the synced commit (the `git.synced` marker a full git sync records in the state),
 * keeping only the lines of versions the state has stored with that very checksum, bytes
 * unchanged. The ETag is the blob id plus a hash of the kept versions, so it changes when
 * upstream changes the file and when one more version becomes stored, without hashing the
 * body.
 *
 * Anything it cannot answer (no git clone, no synced marker, a crate the synced commit does
 * not have — deleted upstream but still stored — or nothing stored) is Unavailable: the
 * caller then serves the served-index file on disk as for any mirror.
 *
 * Answers are kept in memory (bounded) and reused while the state database and its WAL are
 * unchanged (size and modification time, two stats per request): every commit to the
 * state — a version stored, a new synced commit — changes them, so a cached answer is never
 * stale; any change at all drops the answers computed before it.
 *
 * Thread-safe: lookup() runs on the server's worker threads at once. Each concurrent lookup
 * borrows a reader from a pool — its own libgit2 repository handle and its own read-only
 * SQLite connection (the sqlite3 C API, since a QtSql connection is bound to the thread
 * that opened it) — so no handle is ever used by two threads at a time. The pool grows to
 * the number of threads that looked up at once; everything is released in the destructor.
 */
class GitServedIndex final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::GitServedIndex)

public:
    struct Lookup
    {
        enum class Status {
            Served,      ///< `bytes` and `etag` hold the answer
            Unavailable, ///< serve from the files instead (see the class comment)
            Failed,      ///< the clone or the state could not be read; `error` says why
        };
        Status status = Status::Unavailable;
        QByteArray bytes;
        QByteArray etag; ///< quoted strong entity tag
        QByteArray commit;
        QString error;
    };

    explicit GitServedIndex(MirrorLayout layout);
    ~GitServedIndex();
    Q_DISABLE_COPY_MOVE(GitServedIndex)

    /// The served index file of @p crateName (a valid crate name, any case).
    Lookup lookup(const QString &crateName);

    /// The synced-commit marker's state key.
    static QString syncedMarkerKey() { return QStringLiteral("git.synced"); }

    /// Answers kept in memory (bounded by @p bytes); 0 turns the cache off.
    void setCacheLimit(qint64 bytes);
    /// Lookups answered from memory, and lookups that read the clone and the state.
    quint64 cacheHits() const { return m_hits.load(std::memory_order_relaxed); }
    quint64 cacheMisses() const { return m_misses.load(std::memory_order_relaxed); }

private:
    struct Reader;
    struct Cached
    {
        QByteArray fingerprint;
        Lookup lookup;
    };
    std::unique_ptr<Reader> takeReader(QString *error);
    void giveBack(std::unique_ptr<Reader> reader);
    Lookup compute(const QString &crateName, const QString &path);
    QByteArray stateFingerprint() const;

    const MirrorLayout m_layout;
    const std::string m_statePath;
    const std::string m_walPath;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Reader>> m_idle;

    std::mutex m_cacheMutex;
    QHash<QString, Cached> m_cache; ///< by index path
    qint64 m_cacheBytes = 0;
    qint64 m_cacheLimit = qint64(64) * 1024 * 1024;
    std::atomic<quint64> m_hits{0};
    std::atomic<quint64> m_misses{0};
};

} // namespace Stowaway

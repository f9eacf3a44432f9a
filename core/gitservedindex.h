// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorlayout.h"

#include <QByteArray>
#include <QString>

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
 * Thread-safe: lookup() runs on the server's worker threads at once. Each concurrent lookup
 * borrows a reader from a pool — its own libgit2 repository handle and its own read-only
 * SQLite connection (the sqlite3 C API, since a QtSql connection is bound to the thread
 * that opened it) — so no handle is ever used by two threads at a time. The pool grows to
 * the number of threads that looked up at once; everything is released in the destructor.
 */
class GitServedIndex final
{
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

private:
    struct Reader;
    std::unique_ptr<Reader> takeReader(QString *error);
    void giveBack(std::unique_ptr<Reader> reader);

    const MirrorLayout m_layout;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Reader>> m_idle;
};

} // namespace Stowaway

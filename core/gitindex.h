// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

struct git_repository;

namespace Stowaway {

/// Where a clone or fetch stands (libgit2's indexer counters). A plain value.
struct GitTransferProgress
{
    qint64 totalObjects = 0;
    qint64 receivedObjects = 0;
    qint64 indexedObjects = 0;
    qint64 localObjects = 0;
    qint64 totalDeltas = 0;
    qint64 indexedDeltas = 0;
    qint64 receivedBytes = 0;

    friend bool operator==(const GitTransferProgress &, const GitTransferProgress &) = default;
};

/// One file of a commit's tree: its path ("se/rd/serde", "config.json"), its blob id (40 hex
/// digits) and, when asked for, its bytes.
struct GitFile
{
    QString path;
    QByteArray blobId;
    QByteArray bytes;
};

/// One path that differs between two trees. Renames are not detected: a moved file is a
/// Deleted and an Added entry. A blob id is empty on the side where the file does not exist.
struct GitChange
{
    enum class Kind { Added, Modified, Deleted };
    Kind kind = Kind::Modified;
    QString path;
    QByteArray oldBlobId;
    QByteArray newBlobId;
};

/// What changed between two commits: the index files, and separately whether config.json did.
struct GitChanges
{
    QList<GitChange> files; ///< sorted by path; config.json is never among them
    bool configChanged = false;
};

/**
 * A bare git repository holding a copy of a registry's git index (crates.io-index layout:
 * config.json at the root, crate files under 1/ 2/ 3/x/ ab/cd/). No working tree is ever
 * checked out: files are read straight from the object database.
 *
 * fetch() brings the upstream's branches into `refs/remotes/origin/<branch>` with forced refspecs,
 * so a history the upstream rewrote (crates.io squashes its index now and then) replaces the
 * old one; the upstream's HEAD lands in `refs/remotes/origin/HEAD`, which tip() resolves (or,
 * failing that, origin/master, then origin/main).
 *
 * Commit and blob ids are 40 hex digits. Owns its libgit2 handles (released in the
 * destructor); movable, not copyable. Every call blocks, a fetch for minutes: use it from a
 * worker thread (QtConcurrent::run or a worker QObject), never from the UI thread. One
 * instance must not be used from two threads at once; two instances on the same folder may.
 */
class GitIndex final
{
public:
    /// Return false to cancel the transfer.
    using ProgressCallback = std::function<bool(const GitTransferProgress &)>;
    /// Return false to stop the walk (forEachFile() then returns true: it was not an error).
    using FileCallback = std::function<bool(const GitFile &)>;

    GitIndex();
    ~GitIndex();
    GitIndex(GitIndex &&other) noexcept;
    GitIndex &operator=(GitIndex &&other) noexcept;
    GitIndex(const GitIndex &) = delete;
    GitIndex &operator=(const GitIndex &) = delete;

    /// Opens the bare repository at @p path, creating it (and its parent folders) when absent.
    bool open(const QString &path, QString *error);
    bool isOpen() const { return m_repo != nullptr; }
    const QString &path() const { return m_path; }

    /// Fetches every branch and HEAD from @p url (a URL libgit2 understands: https://, file://,
    /// or a local path) with forced updates. @p progress may be empty. @p proxyUrl: an http
    /// proxy (http://[user:password@]host:port) the fetch goes through; empty: direct.
    bool fetch(const QString &url, const ProgressCallback &progress, QString *error,
               const QString &proxyUrl = {});

    /// The commit id of the upstream's default branch, or empty before the first fetch.
    QByteArray tip() const;
    /// The URL of the last successful fetch (kept in the repository's config), so a copy
    /// fetched from another upstream is not mistaken for this one's; empty before any.
    QString lastFetchedUrl() const;
    /// True when @p commit names a commit present in the object database.
    bool hasCommit(const QByteArray &commit) const;
    /// True when @p ancestor is @p descendant or one of its ancestors.
    bool isAncestor(const QByteArray &ancestor, const QByteArray &descendant) const;

    /// The file at @p path in @p commit's tree. nullopt with @p error left empty when the file
    /// does not exist; nullopt with @p error set when the commit can't be read.
    std::optional<GitFile> readFile(const QByteArray &commit, const QString &path,
                                    QString *error) const;
    /// The bytes of blob @p blobId, nullopt when there is no such blob.
    std::optional<QByteArray> readBlob(const QByteArray &blobId) const;

    /// The tree-to-tree difference between @p from and @p to. An empty @p from stands for the
    /// empty tree, so every file of @p to is Added.
    std::optional<GitChanges> changedFiles(const QByteArray &from, const QByteArray &to,
                                           QString *error) const;

    /// Calls @p callback for every file of @p commit's tree in path order (config.json
    /// included), one at a time: with @p withContent the blob is read just for that call, so
    /// memory does not grow with the tree.
    bool forEachFile(const QByteArray &commit, const FileCallback &callback, bool withContent,
                     QString *error) const;

    /// True when @p upstream names a git index rather than a sparse one: no `sparse+` prefix,
    /// and a local path, a file:// URL, a URL ending in `.git`, or crates.io's git index URL.
    static bool isGitUpstream(const QString &upstream);

private:
    struct RepoDeleter
    {
        void operator()(git_repository *repo) const;
    };

    std::unique_ptr<git_repository, RepoDeleter> m_repo;
    QString m_path;
};

} // namespace Stowaway

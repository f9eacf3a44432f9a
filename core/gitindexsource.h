// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gitindex.h"
#include "indexsource.h"

#include <QFutureWatcher>
#include <QList>
#include <QStringList>

#include <atomic>
#include <deque>
#include <memory>

namespace Stowaway {

/// One crate index file of a git index tree: the crate name (from the file name, lower case)
/// and its blob id.
struct GitIndexEntry
{
    QString name;
    QByteArray blobId;
};

/// What GitIndexSource::listChanges() found. A plain value.
struct GitIndexChanges
{
    QByteArray from; ///< the commit compared against; empty for a full listing
    QByteArray to;   ///< the tip
    /// True when @c present lists every crate file of the tip (no usable @c from commit), so
    /// the caller compares it against what it stores; false for a tree-to-tree diff, where
    /// @c present holds the added and modified files and @c removed the deleted ones.
    bool full = false;
    QList<GitIndexEntry> present;
    QStringList removed;
};

/**
 * The git flavour of IndexSource: keeps a bare clone of a git index (GitIndex) at a folder
 * of the mirror and answers from its object database. fetchConfig() clones or fetches (forced
 * refspecs; transferProgress() reports objects and bytes) and reads config.json at the new
 * tip, which then stays the commit every later read uses. fetch() reads a crate's file at
 * that tip: Ok with the blob id as the ETag, NotModified when the caller's ETag is that blob
 * id, NotFound (httpStatus 404, as a sparse index would say) when the tip has no such file.
 * listChanges() says which crate files differ from an earlier commit.
 *
 * Every libgit2 call runs on a QtConcurrent pool thread, one task at a time; signals arrive
 * on the owner's thread. Destroying the source (or abortAll()) cancels a running transfer
 * and waits for the task to end.
 */
class GitIndexSource final : public IndexSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GitIndexSource)
public:
    /// @p repositoryPath: the bare clone (created when absent); @p url: the upstream.
    GitIndexSource(QString repositoryPath, QString url, QObject *parent = nullptr);
    ~GitIndexSource() override;

    /// The proxy fetches go through, as a URL for libgit2 (UpstreamProxy::proxyUrlFor());
    /// empty: direct. Set before fetchConfig().
    void setProxyUrl(const QString &url) { m_proxyUrl = url; }

    void fetchConfig() override;
    void fetch(const QString &name, const QByteArray &etag = {},
               const QByteArray &lastModified = {}) override;
    void abortAll() override;

    /// Lists the crate files that differ between @p fromCommit and the tip (changesReady()),
    /// or every crate file of the tip when @p fromCommit is empty or no longer in the clone.
    /// Only after configReady().
    void listChanges(const QByteArray &fromCommit);

    /// The commit reads come from; empty before configReady().
    QByteArray tip() const { return m_tip; }
    const QString &url() const { return m_url; }

    /// The crate name an index path stands for ("se/rd/serde" → "serde"); empty for files
    /// that are not crate index files (config.json, README.md, folders that break cargo's
    /// path rules).
    static QString crateNameOfPath(const QString &path);

Q_SIGNALS:
    void transferProgress(const Stowaway::GitTransferProgress &progress);
    /// The fetch failed but an earlier copy from the same upstream exists: fetchConfig()
    /// goes on with that copy's tip (configReady() follows). @p message says why.
    void usingLocalCopy(const QString &message);
    void changesReady(const Stowaway::GitIndexChanges &changes);
    void changesFailed(const QString &message);

private:
    struct Request
    {
        QString name;
        QByteArray etag;
    };
    /// Runs @p work on the pool unless a task is running; then @p done on this thread.
    void pumpReads();
    void finishTask();

    const QString m_path;
    const QString m_url;
    QString m_proxyUrl;
    std::unique_ptr<GitIndex> m_index; ///< used only by the running task
    QByteArray m_tip;
    std::deque<Request> m_queue;
    QFutureWatcher<void> m_watcher;
    std::function<void()> m_done; ///< what to do on this thread when the task ends
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_busy = false;
    bool m_readsScheduled = false;
};

} // namespace Stowaway

Q_DECLARE_METATYPE(Stowaway::GitTransferProgress)
Q_DECLARE_METATYPE(Stowaway::GitIndexChanges)

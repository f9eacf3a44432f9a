// SPDX-License-Identifier: GPL-3.0-or-later
#include "gitindex.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QUrl>

#include <git2.h>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcGitIndex, "stowaway.gitindex")

namespace {

// One owner type per libgit2 handle; each frees with its own function.
template <typename T, void (*Free)(T *)> struct Freer
{
    void operator()(T *handle) const { Free(handle); }
};
template <typename T, void (*Free)(T *)> using Owned = std::unique_ptr<T, Freer<T, Free>>;

using Commit = Owned<git_commit, git_commit_free>;
using Tree = Owned<git_tree, git_tree_free>;
using TreeEntry = Owned<git_tree_entry, git_tree_entry_free>;
using Blob = Owned<git_blob, git_blob_free>;
using Diff = Owned<git_diff, git_diff_free>;
using Remote = Owned<git_remote, git_remote_free>;
using Reference = Owned<git_reference, git_reference_free>;
using Config = Owned<git_config, git_config_free>;

QString tr(const char *text)
{
    return QCoreApplication::translate("Stowaway::GitIndex", text);
}

/// libgit2's message for the last failed call, one line.
QString lastError()
{
    const git_error *error = git_error_last();
    if (!error || !error->message)
        return QCoreApplication::translate("Stowaway::GitIndex", "unknown libgit2 error");
    return QString::fromUtf8(error->message).trimmed();
}

QByteArray hex(const git_oid *oid)
{
    char buffer[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(buffer, sizeof buffer, oid);
    return QByteArray(buffer);
}

bool parseOid(const QByteArray &text, git_oid *oid)
{
    return text.size() == GIT_OID_HEXSZ &&
           git_oid_fromstrn(oid, text.constData(), GIT_OID_HEXSZ) == 0;
}

constexpr auto ConfigFile = "config.json";
constexpr auto UrlKey = "stowaway.upstream"; ///< in the clone's git config

} // namespace

void GitIndex::RepoDeleter::operator()(git_repository *repo) const
{
    git_repository_free(repo);
}

GitIndex::GitIndex()
{
    git_libgit2_init();
}

GitIndex::~GitIndex()
{
    m_repo.reset();
    git_libgit2_shutdown();
}

GitIndex::GitIndex(GitIndex &&other) noexcept
    : m_repo(std::move(other.m_repo)), m_path(std::move(other.m_path))
{
    git_libgit2_init();
}

GitIndex &GitIndex::operator=(GitIndex &&other) noexcept
{
    m_repo = std::move(other.m_repo);
    m_path = std::move(other.m_path);
    return *this;
}

bool GitIndex::open(const QString &path, QString *error)
{
    m_repo.reset();
    m_path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const QByteArray native = QFile::encodeName(QDir::toNativeSeparators(m_path));
    git_repository *repo = nullptr;
    if (QFileInfo::exists(m_path + QStringLiteral("/HEAD"))) {
        if (git_repository_open_bare(&repo, native.constData()) != 0) {
            *error = tr("Could not open the git index copy at %1: %2. Delete that folder and "
                        "sync again to clone the index anew.")
                         .arg(QDir::toNativeSeparators(m_path), lastError());
            return false;
        }
    } else {
        if (!QDir().mkpath(m_path) || git_repository_init(&repo, native.constData(), 1) != 0) {
            *error = tr("Could not create a git repository at %1: %2. Check that the folder is "
                        "writable.")
                         .arg(QDir::toNativeSeparators(m_path), lastError());
            return false;
        }
    }
    m_repo.reset(repo);
    return true;
}

bool GitIndex::fetch(const QString &url, const ProgressCallback &progress, QString *error,
                     const QString &proxyUrl)
{
    Q_ASSERT(m_repo);
    const QString shownProxy = QUrl(proxyUrl).toDisplayString(QUrl::RemovePassword);
    if (!proxyUrl.isEmpty()) {
        // libgit2 1.5 tunnels https fetches through an http proxy with CONNECT, and nothing
        // else: a plain http fetch would go direct (libgit2/libgit2#5650), a SOCKS proxy
        // is not understood. Say so rather than bypass the proxy the user chose.
        if (QUrl(proxyUrl).scheme() != QLatin1String("http")) {
            *error = tr("The git index %1 cannot be fetched through the proxy %2: git fetches "
                        "go only through http:// proxies. Give an http:// proxy, or set the "
                        "proxy to none.")
                         .arg(url, shownProxy);
            return false;
        }
        if (QUrl(url).scheme() != QLatin1String("https")) {
            *error = tr("The git index %1 cannot be fetched through the proxy %2: only https:// "
                        "git fetches go through a proxy. Use the index's https:// URL, or set "
                        "the proxy to none.")
                         .arg(url, shownProxy);
            return false;
        }
    }
    QString location = url;
    if (location.startsWith(QLatin1String("file://")))
        location = QUrl(location).toLocalFile(); // libgit2 wants a plain path for local repos
    git_remote *rawRemote = nullptr;
    if (git_remote_create_anonymous(&rawRemote, m_repo.get(), location.toUtf8().constData()) != 0) {
        *error = tr("%1 is not a git URL libgit2 understands: %2").arg(url, lastError());
        return false;
    }
    const Remote remote(rawRemote);

    struct Payload
    {
        const ProgressCallback *callback;
        bool cancelled;
    } payload{&progress, false};
    git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
    options.update_fetchhead = 0;
    // Never libgit2's own guess (git config http.proxy): the sync decided (UpstreamProxy).
    const QByteArray proxy = proxyUrl.toUtf8();
    options.proxy_opts.type = proxy.isEmpty() ? GIT_PROXY_NONE : GIT_PROXY_SPECIFIED;
    options.proxy_opts.url = proxy.isEmpty() ? nullptr : proxy.constData();
    options.callbacks.payload = &payload;
    options.callbacks.transfer_progress = [](const git_indexer_progress *stats, void *data) {
        auto *p = static_cast<Payload *>(data);
        if (!*p->callback)
            return 0;
        GitTransferProgress value;
        value.totalObjects = stats->total_objects;
        value.receivedObjects = stats->received_objects;
        value.indexedObjects = stats->indexed_objects;
        value.localObjects = stats->local_objects;
        value.totalDeltas = stats->total_deltas;
        value.indexedDeltas = stats->indexed_deltas;
        value.receivedBytes = qint64(stats->received_bytes);
        p->cancelled = !(*p->callback)(value);
        return p->cancelled ? -1 : 0;
    };
    // Forced: an upstream that squashed its history replaces ours.
    const char *specs[] = {"+refs/heads/*:refs/remotes/origin/*", "+HEAD:refs/remotes/origin/HEAD"};
    const git_strarray refspecs{const_cast<char **>(specs), 2};
    if (git_remote_fetch(remote.get(), &refspecs, &options, "stowaway: fetch") != 0) {
        *error = payload.cancelled ? tr("The fetch from %1 was cancelled.").arg(url)
                 : proxy.isEmpty()
                     ? tr("Could not fetch the git index from %1: %2. Check the URL and the "
                          "network, then sync again.")
                           .arg(url, lastError())
                     : tr("Could not fetch the git index from %1 through the proxy %2: %3. "
                          "Check the URL, the proxy and the network, then sync again.")
                           .arg(url, shownProxy, lastError());
        return false;
    }
    if (tip().isEmpty()) {
        *error = tr("%1 has no branch to mirror (no HEAD, master or main).").arg(url);
        return false;
    }
    git_config *rawConfig = nullptr;
    if (git_repository_config(&rawConfig, m_repo.get()) == 0) {
        const Config config(rawConfig);
        if (git_config_set_string(config.get(), UrlKey, url.toUtf8().constData()) != 0)
            qCWarning(lcGitIndex) << "could not record the upstream URL:" << lastError();
    }
    return true;
}

QString GitIndex::lastFetchedUrl() const
{
    git_config *rawConfig = nullptr;
    if (!m_repo || git_repository_config_snapshot(&rawConfig, m_repo.get()) != 0)
        return {};
    const Config config(rawConfig);
    const char *value = nullptr;
    if (git_config_get_string(&value, config.get(), UrlKey) != 0)
        return {};
    return QString::fromUtf8(value);
}

QByteArray GitIndex::tip() const
{
    if (!m_repo)
        return {};
    for (const char *name :
         {"refs/remotes/origin/HEAD", "refs/remotes/origin/master", "refs/remotes/origin/main"}) {
        git_oid oid;
        if (git_reference_name_to_id(&oid, m_repo.get(), name) == 0)
            return hex(&oid);
    }
    return {};
}

bool GitIndex::hasCommit(const QByteArray &commit) const
{
    git_oid oid;
    git_commit *raw = nullptr;
    if (!m_repo || !parseOid(commit, &oid) || git_commit_lookup(&raw, m_repo.get(), &oid) != 0)
        return false;
    git_commit_free(raw);
    return true;
}

bool GitIndex::isAncestor(const QByteArray &ancestor, const QByteArray &descendant) const
{
    git_oid a;
    git_oid d;
    if (!m_repo || !parseOid(ancestor, &a) || !parseOid(descendant, &d))
        return false;
    if (git_oid_equal(&a, &d))
        return hasCommit(ancestor);
    return git_graph_descendant_of(m_repo.get(), &d, &a) == 1;
}

namespace {
/// The root tree of @p commit (hex), or null with @p error set.
Tree commitTree(git_repository *repo, const QByteArray &commit, QString *error)
{
    git_oid oid;
    if (!parseOid(commit, &oid)) {
        *error = QCoreApplication::translate("Stowaway::GitIndex", "%1 is not a commit id")
                     .arg(QString::fromLatin1(commit));
        return {};
    }
    git_commit *rawCommit = nullptr;
    if (git_commit_lookup(&rawCommit, repo, &oid) != 0) {
        *error =
            QCoreApplication::translate("Stowaway::GitIndex", "The git index has no commit %1: %2")
                .arg(QString::fromLatin1(commit), lastError());
        return {};
    }
    const Commit owned(rawCommit);
    git_tree *tree = nullptr;
    if (git_commit_tree(&tree, owned.get()) != 0) {
        *error = QCoreApplication::translate("Stowaway::GitIndex",
                                             "Could not read the tree of commit %1: %2")
                     .arg(QString::fromLatin1(commit), lastError());
        return {};
    }
    return Tree(tree);
}
} // namespace

std::optional<GitFile> GitIndex::readFile(const QByteArray &commit, const QString &path,
                                          QString *error) const
{
    error->clear();
    const Tree tree = commitTree(m_repo.get(), commit, error);
    if (!tree)
        return std::nullopt;
    git_tree_entry *rawEntry = nullptr;
    if (git_tree_entry_bypath(&rawEntry, tree.get(), path.toUtf8().constData()) != 0)
        return std::nullopt; // no such file
    const TreeEntry entry(rawEntry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB)
        return std::nullopt;
    GitFile file;
    file.path = path;
    file.blobId = hex(git_tree_entry_id(entry.get()));
    auto bytes = readBlob(file.blobId);
    if (!bytes) {
        *error = tr("The git index is missing blob %1 of %2: %3")
                     .arg(QString::fromLatin1(file.blobId), path, lastError());
        return std::nullopt;
    }
    file.bytes = std::move(*bytes);
    return file;
}

std::optional<QByteArray> GitIndex::readBlob(const QByteArray &blobId) const
{
    git_oid oid;
    git_blob *raw = nullptr;
    if (!m_repo || !parseOid(blobId, &oid) || git_blob_lookup(&raw, m_repo.get(), &oid) != 0)
        return std::nullopt;
    const Blob blob(raw);
    return QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.get())),
                      qsizetype(git_blob_rawsize(blob.get())));
}

std::optional<GitChanges> GitIndex::changedFiles(const QByteArray &from, const QByteArray &to,
                                                 QString *error) const
{
    Tree oldTree;
    if (!from.isEmpty()) {
        oldTree = commitTree(m_repo.get(), from, error);
        if (!oldTree)
            return std::nullopt;
    }
    const Tree newTree = commitTree(m_repo.get(), to, error);
    if (!newTree)
        return std::nullopt;
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.flags = GIT_DIFF_SKIP_BINARY_CHECK; // ids and paths only, never file contents
    git_diff *rawDiff = nullptr;
    if (git_diff_tree_to_tree(&rawDiff, m_repo.get(), oldTree.get(), newTree.get(), &options) !=
        0) {
        *error = tr("Could not compare commits %1 and %2 of the git index: %3")
                     .arg(QString::fromLatin1(from), QString::fromLatin1(to), lastError());
        return std::nullopt;
    }
    const Diff diff(rawDiff);
    GitChanges changes;
    const size_t count = git_diff_num_deltas(diff.get());
    changes.files.reserve(qsizetype(count));
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
        GitChange change;
        switch (delta->status) {
        case GIT_DELTA_ADDED:
            change.kind = GitChange::Kind::Added;
            change.path = QString::fromUtf8(delta->new_file.path);
            change.newBlobId = hex(&delta->new_file.id);
            break;
        case GIT_DELTA_DELETED:
            change.kind = GitChange::Kind::Deleted;
            change.path = QString::fromUtf8(delta->old_file.path);
            change.oldBlobId = hex(&delta->old_file.id);
            break;
        case GIT_DELTA_MODIFIED:
        case GIT_DELTA_TYPECHANGE:
            change.kind = GitChange::Kind::Modified;
            change.path = QString::fromUtf8(delta->new_file.path);
            change.oldBlobId = hex(&delta->old_file.id);
            change.newBlobId = hex(&delta->new_file.id);
            break;
        default:
            continue;
        }
        if (change.path == QLatin1String(ConfigFile)) {
            changes.configChanged = true;
            continue;
        }
        changes.files.append(std::move(change));
    }
    return changes;
}

bool GitIndex::forEachFile(const QByteArray &commit, const FileCallback &callback, bool withContent,
                           QString *error) const
{
    const Tree tree = commitTree(m_repo.get(), commit, error);
    if (!tree)
        return false;
    struct Walk
    {
        const GitIndex *self;
        const FileCallback *callback;
        bool withContent;
        QString failure;
        bool stopped;
    } walk{this, &callback, withContent, {}, false};
    const int rc = git_tree_walk(
        tree.get(), GIT_TREEWALK_PRE,
        [](const char *root, const git_tree_entry *entry, void *data) {
            auto *w = static_cast<Walk *>(data);
            if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
                return 0; // descend into trees
            GitFile file;
            file.path = QString::fromUtf8(root) + QString::fromUtf8(git_tree_entry_name(entry));
            file.blobId = hex(git_tree_entry_id(entry));
            if (w->withContent) {
                auto bytes = w->self->readBlob(file.blobId);
                if (!bytes) {
                    w->failure = tr("The git index is missing blob %1 of %2")
                                     .arg(QString::fromLatin1(file.blobId), file.path);
                    return -1;
                }
                file.bytes = std::move(*bytes);
            }
            if ((*w->callback)(file))
                return 0;
            w->stopped = true;
            return -1;
        },
        &walk);
    if (rc < 0 && !walk.failure.isEmpty()) {
        *error = walk.failure;
        return false;
    }
    if (rc < 0 && !walk.stopped) {
        *error = tr("Could not walk the tree of commit %1: %2")
                     .arg(QString::fromLatin1(commit), lastError());
        return false;
    }
    return true;
}

bool GitIndex::isGitUpstream(const QString &upstream)
{
    if (upstream.startsWith(QLatin1String("sparse+")) ||
        upstream.startsWith(QLatin1String("registry+")))
        return false; // cargo's source-id spelling: UpstreamUrl explains it
    if (upstream.startsWith(QLatin1String("file://")) || upstream.startsWith(QLatin1Char('/')) ||
        upstream.startsWith(QLatin1String("./")) || upstream.startsWith(QLatin1String("../")) ||
        upstream.startsWith(QLatin1String("git://")) ||
        upstream.startsWith(QLatin1String("ssh://")))
        return true;
    const QUrl url(upstream);
    if (url.isRelative() || url.scheme().size() == 1) // a relative path, or C:\ on Windows
        return true;
    const QString path = url.path();
    if (path.endsWith(QLatin1String(".git")) || path.endsWith(QLatin1String(".git/")))
        return true;
    return url.host() == QLatin1String("github.com") &&
           path.startsWith(QLatin1String("/rust-lang/crates.io-index"));
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "testgitupstream.h"

#include "indexpath.h"
#include "testregistry.h"

#include <QDir>
#include <QUrl>

#include <git2.h>

namespace Stowaway::Testing {

namespace {

QString lastError()
{
    const git_error *error = git_error_last();
    return error && error->message ? QString::fromUtf8(error->message) : QStringLiteral("?");
}

template <typename T, void (*Free)(T *)> struct Freer
{
    void operator()(T *handle) const { Free(handle); }
};
template <typename T, void (*Free)(T *)> using Owned = std::unique_ptr<T, Freer<T, Free>>;

QByteArray hex(const git_oid &oid)
{
    char buffer[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(buffer, sizeof buffer, &oid);
    return QByteArray(buffer);
}

constexpr auto Master = "refs/heads/master";

} // namespace

void TestGitUpstream::RepoDeleter::operator()(git_repository *repo) const
{
    git_repository_free(repo);
}

TestGitUpstream::TestGitUpstream(QString dir) : m_dir(std::move(dir))
{
    git_libgit2_init();
}

TestGitUpstream::~TestGitUpstream()
{
    m_repo.reset();
    git_libgit2_shutdown();
}

bool TestGitUpstream::init(QString *error)
{
    git_repository *repo = nullptr;
    if (!QDir().mkpath(m_dir) ||
        git_repository_init(&repo, QFile::encodeName(m_dir).constData(), 1) != 0) {
        *error = QStringLiteral("git init %1: %2").arg(m_dir, lastError());
        return false;
    }
    m_repo.reset(repo);
    git_repository_set_head(repo, Master); // unborn until the first commit
    return true;
}

QString TestGitUpstream::url() const
{
    return QUrl::fromLocalFile(m_dir).toString();
}

QByteArray TestGitUpstream::head() const
{
    git_oid oid;
    if (git_reference_name_to_id(&oid, m_repo.get(), Master) != 0)
        return {};
    return hex(oid);
}

QByteArray TestGitUpstream::commitFiles(const QHash<QString, std::optional<QByteArray>> &files,
                                        const QString &message, QString *error)
{
    git_index *rawIndex = nullptr;
    if (git_index_new(&rawIndex) != 0) {
        *error = lastError();
        return {};
    }
    const Owned<git_index, git_index_free> index(rawIndex);
    git_oid headId;
    if (git_reference_name_to_id(&headId, m_repo.get(), Master) == 0) {
        git_commit *commit = nullptr;
        git_tree *tree = nullptr;
        if (git_commit_lookup(&commit, m_repo.get(), &headId) != 0 ||
            git_commit_tree(&tree, commit) != 0 || git_index_read_tree(index.get(), tree) != 0) {
            *error = lastError();
            return {};
        }
        git_tree_free(tree);
        git_commit_free(commit);
    }
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QByteArray path = it.key().toUtf8();
        if (!it.value()) {
            git_index_remove(index.get(), path.constData(), 0);
            continue;
        }
        git_index_entry entry{};
        entry.mode = GIT_FILEMODE_BLOB;
        entry.path = path.constData();
        if (git_blob_create_from_buffer(&entry.id, m_repo.get(), it.value()->constData(),
                                        size_t(it.value()->size())) != 0 ||
            git_index_add(index.get(), &entry) != 0) {
            *error = QStringLiteral("add %1: %2").arg(it.key(), lastError());
            return {};
        }
    }
    git_oid treeId;
    if (git_index_write_tree_to(&treeId, index.get(), m_repo.get()) != 0) {
        *error = lastError();
        return {};
    }
    return commitTree(hex(treeId), true, message, error);
}

QByteArray TestGitUpstream::commitTree(const QByteArray &treeHex, bool withParent,
                                       const QString &message, QString *error)
{
    git_oid treeId;
    git_oid_fromstr(&treeId, treeHex.constData());
    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, m_repo.get(), &treeId) != 0) {
        *error = lastError();
        return {};
    }
    const Owned<git_tree, git_tree_free> tree(rawTree);
    git_commit *rawParent = nullptr;
    git_oid headId;
    if (withParent && git_reference_name_to_id(&headId, m_repo.get(), Master) == 0 &&
        git_commit_lookup(&rawParent, m_repo.get(), &headId) != 0) {
        *error = lastError();
        return {};
    }
    const Owned<git_commit, git_commit_free> parent(rawParent);
    git_signature *rawSignature = nullptr;
    git_signature_now(&rawSignature, "Test Registry", "registry@example.invalid");
    const Owned<git_signature, git_signature_free> signature(rawSignature);
    const git_commit *parents[] = {parent.get()};
    git_oid commitId;
    if (git_commit_create(&commitId, m_repo.get(), nullptr, signature.get(), signature.get(),
                          nullptr, message.toUtf8().constData(), tree.get(), parent ? 1 : 0,
                          parents) != 0) {
        *error = lastError();
        return {};
    }
    git_reference *ref = nullptr;
    if (git_reference_create(&ref, m_repo.get(), Master, &commitId, 1, "test") != 0) {
        *error = lastError();
        return {};
    }
    git_reference_free(ref);
    return hex(commitId);
}

QByteArray TestGitUpstream::publish(const TestRegistry &registry, const QString &baseUrl,
                                    const QStringList &names, const QString &message,
                                    QString *error)
{
    QHash<QString, std::optional<QByteArray>> files;
    files.insert(QStringLiteral("config.json"), TestRegistry::configJson(baseUrl));
    for (const QString &name : names.isEmpty() ? registry.crateNames() : names)
        files.insert(IndexPath::relativePath(name), registry.indexFile(name));
    return commitFiles(files, message, error);
}

QByteArray TestGitUpstream::yank(const QString &name, const QString &version, QString *error)
{
    const QString path = IndexPath::relativePath(name);
    QList<QByteArray> lines = file(path).split('\n');
    const QByteArray needle = "\"vers\":\"" + version.toUtf8() + '"';
    bool found = false;
    for (QByteArray &line : lines) {
        if (line.contains(needle) && line.contains("\"yanked\":false")) {
            line.replace("\"yanked\":false", "\"yanked\":true");
            found = true;
        }
    }
    if (!found) {
        *error = QStringLiteral("no unyanked %1 %2 in the index").arg(name, version);
        return {};
    }
    return commitFiles({{path, lines.join('\n')}},
                       QStringLiteral("Yanking crate `%1#%2`").arg(name, version), error);
}

QByteArray TestGitUpstream::removeCrate(const QString &name, QString *error)
{
    return commitFiles({{IndexPath::relativePath(name), std::nullopt}},
                       QStringLiteral("Delete crate `%1`").arg(name), error);
}

QByteArray TestGitUpstream::squash(const QString &message, QString *error)
{
    git_oid headId;
    git_commit *rawCommit = nullptr;
    if (git_reference_name_to_id(&headId, m_repo.get(), Master) != 0 ||
        git_commit_lookup(&rawCommit, m_repo.get(), &headId) != 0) {
        *error = lastError();
        return {};
    }
    const Owned<git_commit, git_commit_free> commit(rawCommit);
    return commitTree(hex(*git_commit_tree_id(commit.get())), false, message, error);
}

QByteArray TestGitUpstream::file(const QString &path) const
{
    git_oid headId;
    git_commit *commit = nullptr;
    git_tree *tree = nullptr;
    git_tree_entry *entry = nullptr;
    git_blob *blob = nullptr;
    QByteArray bytes;
    if (git_reference_name_to_id(&headId, m_repo.get(), Master) == 0 &&
        git_commit_lookup(&commit, m_repo.get(), &headId) == 0 &&
        git_commit_tree(&tree, commit) == 0 &&
        git_tree_entry_bypath(&entry, tree, path.toUtf8().constData()) == 0 &&
        git_blob_lookup(&blob, m_repo.get(), git_tree_entry_id(entry)) == 0) {
        bytes = QByteArray(static_cast<const char *>(git_blob_rawcontent(blob)),
                           qsizetype(git_blob_rawsize(blob)));
    }
    git_blob_free(blob);
    git_tree_entry_free(entry);
    git_tree_free(tree);
    git_commit_free(commit);
    return bytes;
}

} // namespace Stowaway::Testing

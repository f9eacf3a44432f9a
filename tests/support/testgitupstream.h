// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

struct git_repository;

namespace Stowaway::Testing {

class TestRegistry;

/**
 * A bare git repository playing a registry's git index (crates.io-index layout) for tests:
 * every change is one commit on `master`, and HEAD points at `master`, as on crates.io.
 * Downloads are not served from here: config.json's `dl` points wherever the test says
 * (a loopback TestUpstream serving the registry folder).
 *
 * History steps: commitFiles() (the low-level form: paths to bytes, nullopt deletes),
 * publish() (index files of named crates from a TestRegistry), yank(), removeCrate(), and
 * squash() (a new parentless commit with the current tree, forced onto `master`, as
 * crates.io squashes its index). Each returns the new commit id (40 hex digits), empty with
 * @c *error set on failure. Blocking libgit2 calls; use from one thread.
 */
class TestGitUpstream final
{
public:
    explicit TestGitUpstream(QString dir);
    ~TestGitUpstream();
    TestGitUpstream(const TestGitUpstream &) = delete;
    TestGitUpstream &operator=(const TestGitUpstream &) = delete;

    /// Creates the bare repository (HEAD → refs/heads/master, no commit yet).
    bool init(QString *error);
    const QString &path() const { return m_dir; }
    /// `file://` URL of the repository.
    QString url() const;
    /// The commit `master` points at, empty before the first commit.
    QByteArray head() const;

    /// One commit on top of `master` changing @p files (nullopt: delete the path).
    QByteArray commitFiles(const QHash<QString, std::optional<QByteArray>> &files,
                           const QString &message, QString *error);
    /// Writes config.json with `dl` under @p baseUrl (TestRegistry::configJson) and the
    /// index file of each crate in @p names (all of @p registry's crates when empty).
    QByteArray publish(const TestRegistry &registry, const QString &baseUrl,
                       const QStringList &names, const QString &message, QString *error);
    /// Rewrites the index line of @p name @p version with `"yanked":true`.
    QByteArray yank(const QString &name, const QString &version, QString *error);
    /// Deletes the index file of @p name.
    QByteArray removeCrate(const QString &name, QString *error);
    /// Replaces the whole history by one parentless commit holding the current tree.
    QByteArray squash(const QString &message, QString *error);
    /// The bytes of @p path at `master`, empty when absent.
    QByteArray file(const QString &path) const;

private:
    struct RepoDeleter
    {
        void operator()(git_repository *repo) const;
    };
    QByteArray commitTree(const QByteArray &treeId, bool withParent, const QString &message,
                          QString *error);

    QString m_dir;
    std::unique_ptr<git_repository, RepoDeleter> m_repo;
};

} // namespace Stowaway::Testing

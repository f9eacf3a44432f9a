// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "testcrate.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <deque>

namespace Stowaway::Testing {

/**
 * A synthetic crates registry for tests and benchmarks: real `.crate` files and index
 * lines in crates.io's exact format, written as a static sparse registry folder
 * (`index/config.json`, `index/<cargo path>`, `crates/{name}/{name}-{version}.crate`)
 * that any static web server can serve to cargo.
 *
 * Declare versions in publish order with addVersion() and its fluent helpers; finish
 * declaring a version before reading its bytes (crate files are built on first use and
 * cached). Deterministic: the same declarations give byte-identical files. Not
 * thread-safe; use from one thread.
 */
class TestRegistry final
{
public:
    /// Declares `name` `version` (publish order matters: index lines keep it). The
    /// reference stays valid for the registry's lifetime. Its constant defaults to a
    /// number derived from the name and version.
    TestCrate &addVersion(const QString &name, const QString &version);

    /// Crate names in order of first publication.
    QStringList crateNames() const;
    /// Versions of `name` in publish order (exact name, case-sensitive).
    QList<const TestCrate *> versions(const QString &name) const;
    const TestCrate *find(const QString &name, const QString &version) const;
    int versionCount() const { return int(m_crates.size()); }

    /// The `.crate` bytes of one version; empty when it is not declared.
    QByteArray crateFile(const QString &name, const QString &version) const;
    /// SHA-256 hex of crateFile().
    QString checksum(const QString &name, const QString &version) const;
    /// One index line (no trailing newline) in crates.io's key order.
    QByteArray indexLine(const TestCrate &crate) const;
    /// The whole index file of `name`: one `\n`-terminated line per version.
    QByteArray indexFile(const QString &name) const;
    /// `index/config.json` for a registry reachable at `baseUrl` (no trailing slash).
    static QByteArray configJson(const QString &baseUrl);
    /// Stores every crate and version into the mirror folder through MirrorStore, as a sync
    /// would: index files first, then each .crate. False with `*error` set on failure.
    bool fillMirror(const QString &mirrorDir, QString *error) const;
    /// Writes the static registry folder. False with `*error` set on an I/O failure.
    bool writeRegistry(const QString &dir, const QString &baseUrl, QString *error) const;

    /// The highest non-yanked version of `name` matching `req` (caret, tilde, `=`,
    /// comparison and `*` requirements; pre-releases only when the requirement names
    /// one), or nullptr.
    const TestCrate *resolve(const QString &name, const QString &req) const;
    /// What `value()` of that version returns on this host with `features` enabled,
    /// assuming every dependency resolves to resolve()'s answer.
    quint64 expectedValue(const TestCrate &crate, const QStringList &features = {},
                          bool defaultFeatures = true) const;
    /// What a project generated with these dependencies prints after `value=`.
    quint64 expectedProjectValue(const QList<TestDependency> &deps) const;
    /// Writes `Cargo.toml` and `src/main.rs` of a binary project into `dir`.
    static bool writeProject(const QString &dir, const QString &package,
                             const QList<TestDependency> &deps, QString *error);

    /// The dependencies a preset suggests for a project that uses it.
    const QList<TestDependency> &rootDependencies() const { return m_rootDependencies; }
    void setRootDependencies(const QList<TestDependency> &deps) { m_rootDependencies = deps; }

    /// About ten crates covering cargo's corner cases: a diamond, a renamed dependency,
    /// a build dependency, `cfg(windows)` and `cfg(unix)` dependencies, an optional
    /// dependency behind a `dep:` feature, a yanked version, an upper-case name, build
    /// metadata (`+meta`) and a pre-release.
    static TestRegistry small();
    /// `count` crates in layers; each crate above layer 0 depends on 2–4 crates of lower
    /// layers, every crate has `versionsPerCrate` versions, and the root dependencies
    /// (the top layer) pull in every crate.
    static TestRegistry layered(int count, int versionsPerCrate = 3);

private:
    static QString key(const QString &name, const QString &version);
    quint64 valueOf(const TestCrate &crate, const QStringList &features, bool defaultFeatures,
                    QHash<QString, quint64> &memo) const;

    std::deque<TestCrate> m_crates;
    QList<TestDependency> m_rootDependencies;
    mutable QHash<QString, QByteArray> m_crateFiles;
};

} // namespace Stowaway::Testing

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Stowaway::Testing {

/// One dependency of a synthetic crate, as it appears in Cargo.toml and in the index line.
struct TestDependency
{
    QString name = {};                       ///< Package name on the registry.
    QString req = {};                        ///< Semver requirement, e.g. `^1.0`.
    QString kind = QStringLiteral("normal"); ///< `normal`, `build` or `dev`.
    QString target = {}; ///< Empty for every platform, else e.g. `cfg(windows)`.
    bool optional = false;
    QString rename = {};       ///< Alias used in Cargo.toml and code; empty: none.
    QStringList features = {}; ///< Features enabled on the dependency.
    bool defaultFeatures = true;

    /// The name the dependent uses: the alias when renamed, else the package name.
    QString alias() const { return rename.isEmpty() ? name : rename; }
    /// The identifier Rust code uses for it (`-` becomes `_`).
    QString rustName() const;
    /// The `cfg(...)` predicate of `target` without the `cfg(` wrapper, empty when the
    /// target is empty or a target triple (code does not reference triple-only deps).
    QString cfgPredicate() const;
};

/**
 * One published version of a synthetic crate. Built with the fluent helpers and owned
 * by TestRegistry; the generated `lib.rs` exposes `pub fn value() -> u64` returning
 * `constant` plus the values of every dependency that is active on the host.
 */
struct TestCrate
{
    QString name = {};
    QString version = {};
    QList<TestDependency> deps = {};
    QMap<QString, QStringList> features = {}; ///< Feature table; `dep:` entries need index v2.
    bool yanked = false;
    QString links = {};
    quint64 constant = 1;    ///< This version's own term in `value()`.
    qint64 payloadBytes = 0; ///< Size of an incompressible `data/payload.bin`, 0 for none.

    TestCrate &dependsOn(const QString &package, const QString &req);
    TestCrate &buildDependsOn(const QString &package, const QString &req);
    TestCrate &devDependsOn(const QString &package, const QString &req);
    TestCrate &targetDependsOn(const QString &target, const QString &package, const QString &req);
    /// An optional normal dependency; it counts in `value()` only when `feature` is on.
    /// With an empty `feature` the implicit feature named after the dependency is used,
    /// otherwise `feature = ["dep:<package>"]` is declared (index schema v2).
    TestCrate &optionallyDependsOn(const QString &package, const QString &req,
                                   const QString &feature = {});
    TestCrate &renamedDependsOn(const QString &alias, const QString &package, const QString &req);
    TestCrate &withDependency(const TestDependency &dependency);
    TestCrate &withFeature(const QString &feature, const QStringList &enables);
    TestCrate &withConstant(quint64 value);
    TestCrate &withLinks(const QString &linksName);
    TestCrate &withPayload(qint64 bytes);
    TestCrate &yank();

    /// The feature whose activation turns `dep` on: the explicit feature listing
    /// `dep:<alias>`, else the implicit feature `<alias>`. Empty for non-optional deps.
    QString activatingFeature(const TestDependency &dep) const;
    /// True when the index line needs `"v":2` and `features2` (some entry uses `dep:` or `?/`).
    bool needsFeatures2() const;
    /// True when the package has a build script (build dependencies or `links`).
    bool hasBuildScript() const;
};

} // namespace Stowaway::Testing

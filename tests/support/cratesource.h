// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "testcrate.h"

#include <QByteArray>

namespace Stowaway::Testing {

/**
 * Writes the source of synthetic crates: manifests, a `lib.rs` that compiles and calls
 * every dependency that is active on the host, a `build.rs` for build dependencies, and
 * the packaged `.crate`. Also writes binary projects that depend on such crates.
 *
 * Pure functions of their arguments (deterministic bytes), safe on any thread.
 */
class CrateSource final
{
public:
    /// `Cargo.toml` as packaged (the normalised manifest cargo reads from a registry).
    static QByteArray manifest(const TestCrate &crate);
    /// `Cargo.toml.orig`: the manifest as its author wrote it.
    static QByteArray originalManifest(const TestCrate &crate);
    /// `src/lib.rs` with `pub fn value() -> u64`.
    static QByteArray libSource(const TestCrate &crate);
    /// `build.rs`, empty when the crate has no build script.
    static QByteArray buildScript(const TestCrate &crate);
    /// Deterministic incompressible bytes (`payloadBytes` of them).
    static QByteArray payload(const TestCrate &crate);
    /// The `.crate` file: every entry under `{name}-{version}/`.
    static QByteArray crateFile(const TestCrate &crate);

    /// `Cargo.toml` of a binary package named `package` with `deps` as dependencies.
    static QByteArray projectManifest(const QString &package, const QList<TestDependency> &deps);
    /// `src/main.rs` printing `value=<sum of the dependencies' value()>`.
    static QByteArray projectMain(const QList<TestDependency> &deps);

private:
    static QByteArray dependencyTables(const QList<TestDependency> &deps);
    static QByteArray valueStatements(const TestCrate *crate, const QList<TestDependency> &deps,
                                      const QString &kind);
};

} // namespace Stowaway::Testing

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "closureresolver.h"
#include "mirrorstate.h"

#include <QList>
#include <QString>

#include <optional>

namespace Stowaway {

/**
 * What a Cargo.lock adds to a mirror's selection: each crates.io package as a root pinned
 * to its exact version, reason "lockfile", detail "=VERSION from ABSOLUTE_PATH" (the form
 * SyncEngine reads the saved selection back with). Packages of other registries are
 * counted, not selected. `stowaway sync --lockfile` and the Crates page's import both use
 * it, so the saved selection is the same whichever way a lockfile came in. A plain value.
 */
class LockFileSelection final
{
public:
    /// Reads and parses `path` (LockFile::load()); std::nullopt with LockFile's message
    /// ("… this does not look like a Cargo.lock") when it is not a lockfile.
    static std::optional<LockFileSelection> load(const QString &path, QString *error);

    /// The absolute path the details name.
    const QString &path() const { return m_path; }
    /// One root per crates.io package, in the lockfile's order (name, version).
    const QList<SyncRoot> &roots() const { return m_roots; }
    /// The roots as selection entries (name, "lockfile", detail) for MirrorStore.
    QList<SelectionEntry> entries() const;
    /// Packages from registries other than crates.io (not mirrored).
    int foreignPackages() const { return m_foreign; }

private:
    QString m_path;
    QList<SyncRoot> m_roots;
    int m_foreign = 0;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "lockfileselection.h"

#include "lockfile.h"

#include <QFileInfo>

namespace Stowaway {

std::optional<LockFileSelection> LockFileSelection::load(const QString &path, QString *error)
{
    const auto lock = LockFile::load(path, error);
    if (!lock)
        return std::nullopt;
    LockFileSelection selection;
    selection.m_path = QFileInfo(path).absoluteFilePath();
    for (const LockFile::Package &package : lock->registryPackages()) {
        if (!LockFile::isCratesIo(package.source))
            continue;
        SyncRoot root;
        root.name = package.name;
        root.exactVersion = package.version;
        root.reason = QStringLiteral("lockfile");
        root.detail =
            QLatin1Char('=') + package.version + QStringLiteral(" from ") + selection.m_path;
        selection.m_roots.append(root);
    }
    selection.m_foreign = int(lock->foreignRegistryPackages().size());
    return selection;
}

QList<SelectionEntry> LockFileSelection::entries() const
{
    QList<SelectionEntry> result;
    result.reserve(m_roots.size());
    for (const SyncRoot &root : m_roots)
        result.append({root.name, root.reason, root.detail, {}});
    return result;
}

} // namespace Stowaway

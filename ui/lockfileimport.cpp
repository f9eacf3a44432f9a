// SPDX-License-Identifier: GPL-3.0-or-later
#include "lockfileimport.h"

#include "lockfileselection.h"

#include <QFileInfo>

namespace Stowaway {

LockFileImport LockFileImport::read(const QStringList &paths)
{
    LockFileImport result;
    for (const QString &path : paths) {
        QString error;
        const auto lock = LockFileSelection::load(path, &error);
        const QString fileName = QFileInfo(path).fileName();
        if (!lock) {
            result.problems << tr("%1 was not imported: %2. Pick the Cargo.lock file in a "
                                  "project's folder (next to Cargo.toml); `cargo "
                                  "generate-lockfile` writes one.")
                                   .arg(fileName, error);
            continue;
        }
        if (lock->roots().isEmpty()) {
            result.problems << tr("%1 uses no crates from crates.io, so there is nothing to add.")
                                   .arg(fileName);
            continue;
        }
        result.entries += lock->entries();
        result.imported << fileName;
    }
    return result;
}

QString LockFileImport::summary() const
{
    QStringList lines;
    if (!entries.isEmpty())
        lines << tr("Added %n crate version(s) from %1 to the selection; the next sync fetches "
                    "them.",
                    "", int(entries.size()))
                     .arg(imported.join(QStringLiteral(", ")));
    lines += problems;
    return lines.join(QLatin1Char('\n'));
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorstate.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace Stowaway {

/**
 * Cargo.lock files on their way into the saved selection, for the Crates page: read() parses
 * each file with LockFileSelection (as `sync --lockfile` does) and collects the selection
 * entries and, for each file that could not be used, a message saying what happened and
 * what to pick instead. Writing the entries is the caller's (MirrorStore::addToSelection()).
 * A plain value; read() touches only the given files, so any thread may call it.
 */
class LockFileImport final
{
    Q_DECLARE_TR_FUNCTIONS(LockFileImport)
public:
    static LockFileImport read(const QStringList &paths);

    /// Every crates.io package of the usable files, reason "lockfile", exact versions.
    QList<SelectionEntry> entries;
    /// File names of the usable files.
    QStringList imported;
    /// One message per file that was not used (or, after writing, per write problem).
    QStringList problems;

    /// The lines to show: what was added (when anything was), then the problems.
    QString summary() const;
};

} // namespace Stowaway

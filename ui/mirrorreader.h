// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorlayout.h"
#include "mirrorstate.h"
#include "missjournal.h"

#include <QList>
#include <QString>

namespace Stowaway {

/// What the Crates and Disk usage pages read from a mirror in one go. A plain value.
struct MirrorReading
{
    QList<CrateListEntry> crates;
    QList<MissJournal::Crate> misses; ///< empty unless asked for
    QString error;                    ///< for the user; empty when the read worked
};

/**
 * Reads a mirror's crate list (and optionally its miss journal) on whatever thread calls
 * read(): it opens a state connection of its own for the call (MirrorStore's connection
 * belongs to the UI thread), so the pages run it through QtConcurrent::run and a
 * QFutureWatcher and the UI thread never waits on SQLite. Read-only; SQLite's WAL lets it
 * read while a sync writes.
 */
class MirrorReader final
{
public:
    static MirrorReading read(const MirrorLayout &layout, bool withMisses);
};

} // namespace Stowaway

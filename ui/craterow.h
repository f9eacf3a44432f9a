// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

namespace Stowaway {

/// One line of the Crates page: a crate the index knows, a selected name, or a name cargo
/// asked for that the mirror lacked. A plain value; CratesModel holds a list of them.
struct CrateRow
{
    /// Why the crate is selected (the strongest reason when there are several).
    enum class Reason { None, Popular, Named, Lockfile, Dependency };

    QString name;          ///< spelling from the index
    QString canonicalName; ///< lower case, `_` for `-` (IndexPath::canonicalName); the key
    bool selected = false;
    Reason reason = Reason::None;
    QString reasonDetail; ///< e.g. "rank 12", "Cargo.lock at /x", "needed by serde 1.0.1"
    int versionsHeld = 0;
    int versionsKnown = 0;
    qint64 bytes = 0;    ///< stored .crate bytes
    int rank = 0;        ///< popular rank, 1 = most downloaded; 0 = unranked
    bool missed = false; ///< cargo asked for it and the mirror lacked it

    /// "popular", "named", "lockfile", "dependency" as the state stores them; None otherwise.
    static Reason reasonFromString(QStringView text)
    {
        if (text == u"popular")
            return Reason::Popular;
        if (text == u"named")
            return Reason::Named;
        if (text == u"lockfile")
            return Reason::Lockfile;
        if (text == u"dependency")
            return Reason::Dependency;
        return Reason::None;
    }

    friend bool operator==(const CrateRow &, const CrateRow &) = default;
};

} // namespace Stowaway

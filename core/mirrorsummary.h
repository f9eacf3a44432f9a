// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace Stowaway {

/// What a mirror holds, as counted in its state (never by walking the tree).
struct MirrorSummary
{
    qint64 crates = 0;   ///< crates with at least one stored version
    qint64 versions = 0; ///< stored, verified versions
    qint64 bytes = 0;    ///< total size of the stored .crate files
    QString upstream;    ///< the upstream index URL from mirror.toml
    QDateTime lastSync;  ///< end of the last successful sync; invalid if never
};

} // namespace Stowaway

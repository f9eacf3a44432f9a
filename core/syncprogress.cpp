// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncprogress.h"

namespace Stowaway {

QString SyncProgress::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Starting:
        return QStringLiteral("starting");
    case Phase::Selecting:
        return QStringLiteral("selecting");
    case Phase::Resolving:
        return QStringLiteral("resolving");
    case Phase::Downloading:
        return QStringLiteral("downloading");
    case Phase::Done:
        return QStringLiteral("done");
    case Phase::Failed:
        return QStringLiteral("failed");
    case Phase::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace Stowaway

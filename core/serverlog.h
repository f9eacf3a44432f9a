// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace Stowaway {

/// "stowaway.server": listening, refused connections and hostile requests.
Q_DECLARE_LOGGING_CATEGORY(lcServer)

} // namespace Stowaway

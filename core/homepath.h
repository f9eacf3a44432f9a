// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Stowaway {

/// Paths as messages show them to a person: under the home folder as `~/…`.
class HomePath final
{
public:
    /// `/home/ana/.cargo/config.toml` → `~/.cargo/config.toml`; other paths absolute, with
    /// the platform's separators.
    static QString display(const QString &path);
};

} // namespace Stowaway

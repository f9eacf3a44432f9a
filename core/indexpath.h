// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Stowaway {

/**
 * Cargo's naming rules for crates and index files.
 *
 * Pure functions, safe on any thread. Cargo lower-cases a crate name before it
 * builds the index path, so `relativePath("Serde")` is `se/rd/serde`.
 */
class IndexPath final
{
public:
    /// True when `name` is a name cargo can ask for: 1..64 ASCII letters, digits, `-` or `_`.
    static bool isValidCrateName(QStringView name);

    /// The index path of a crate, lower-cased as cargo requests it: `1/a`, `2/ab`,
    /// `3/a/abc`, `ab/cd/abcd…`. Empty when the name is not valid.
    static QString relativePath(QStringView name);

    /// Parses an index request path (relative to the index root, no leading slash) and
    /// returns the crate name it asks for, or an empty string if the path does not follow
    /// cargo's layout exactly (wrong prefix directories, upper case, bad characters).
    static QString crateNameFromPath(QStringView path);

    /// Cargo's name comparison: ASCII case-insensitive, `-` and `_` equal.
    static QString canonicalName(QStringView name);

    /// True for a version string that is safe in a file name and looks like semver
    /// (`1.2.3`, `1.0.0-rc.1`, `0.5.2+5.3.0-patched`).
    static bool isValidVersion(QStringView version);
};

} // namespace Stowaway

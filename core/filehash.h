// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Stowaway {

/**
 * The SHA-256 of a file as cargo's index writes checksums: lower-case hex. Streams the file
 * (never all in memory). Any thread.
 */
class FileHash final
{
public:
    /// Empty when the file cannot be read; `size` gets its length when given.
    static QString sha256Hex(const QString &path, qint64 *size = nullptr);
};

} // namespace Stowaway

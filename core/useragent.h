// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStringView>

namespace Stowaway {

/**
 * The User-Agent every Stowaway HTTP client sends upstream:
 * `stowaway/0.1.0 (+alice@example.com)`. crates.io asks crawlers to name themselves and
 * give a way to reach them (and answers 403 without a User-Agent), so the contact from
 * mirror.toml goes into the comment; without one the string says where to set it.
 *
 * Pure function, safe on any thread.
 */
class UserAgent final
{
public:
    /// The header value for @p contact (an e-mail address or URL; may be empty). Characters
    /// that do not belong in a header comment (controls, parentheses, backslash, non-ASCII)
    /// are dropped, so the result is always a valid header value.
    static QByteArray string(QStringView contact);
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Stowaway {

/**
 * Validates an HTTP/1.1 request-target and splits it into a decoded path and a raw query.
 * Only origin-form ("/path?query") is accepted: we are not a proxy. The path is
 * percent-decoded exactly once and refused when the decoded form could escape the
 * served tree or smuggle bytes: "." or ".." segments, empty segments ("//"), backslashes,
 * NUL and other control characters, '%' left after decoding (double encoding), and
 * invalid UTF-8. '+' stays '+'. Pure functions, thread-safe.
 */
class RequestTarget final
{
public:
    /// Returns true and fills @p path and @p query when @p target is acceptable; otherwise
    /// returns false and sets @p reason to a short English explanation (the answer is 400).
    static bool parse(QByteArrayView target, QString *path, QByteArray *query, QByteArray *reason);

    /// Decodes %XX escapes once. Returns false on a malformed escape.
    static bool percentDecode(QByteArrayView in, QByteArray *out);
};

} // namespace Stowaway

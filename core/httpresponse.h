// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace Stowaway {

/**
 * One HTTP response as a value. The body is always complete in memory (index files are
 * small; crate files are at most ~10 MB and are shared implicitly from a cache).
 * Content-Length and Date are added by the connection, never set here.
 */
struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers; ///< names lower-cased
    QByteArray body;
    /// Close the connection after this response (hostile or broken requests).
    bool closeConnection = false;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;

    /// A short text/plain error response whose body says what happened.
    static HttpResponse error(int status, const QByteArray &message);
    /// The reason phrase for a status code ("Not Found").
    static QByteArray reasonPhrase(int status);
};

} // namespace Stowaway

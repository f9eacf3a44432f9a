// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <utility>

namespace Stowaway {

/**
 * One parsed HTTP request, the same for HTTP/1.1 and HTTP/2. A plain value: the
 * connection fills it in, a RequestHandler reads it.
 */
struct HttpRequest
{
    QByteArray method; ///< "GET", "HEAD", …
    QByteArray target; ///< the raw request-target as received
    QString path;      ///< percent-decoded path ("/index/se/rd/serde"); `+` stays `+`
    QByteArray query;  ///< raw query string without '?', possibly empty
    QList<std::pair<QByteArray, QByteArray>> headers; ///< names lower-cased, values trimmed
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    QHostAddress localAddress;
    quint16 localPort = 0;
    int versionMajor = 1;
    int versionMinor = 1;

    /// First value of a header (name compared case-insensitively), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    /// Number of times a header occurs.
    int headerCount(QByteArrayView name) const;
    bool isHead() const { return method == "HEAD"; }
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"

#include <QByteArray>
#include <QHostAddress>

namespace Stowaway {

/**
 * Validation of the Host header (or HTTP/2 :authority) before it is put into a URL that
 * cargo or a browser will follow. Accepts only `reg-name | IPv4 | [IPv6]` with an optional
 * `:port` (1–65535); a reg-name is letters, digits, `-` and `.` in labels of 1–63
 * characters. Everything else (userinfo, paths, quotes, spaces, non-ASCII, control
 * characters, IPv6 zone ids) is rejected.
 *
 * Pure functions, safe on any thread.
 */
class HostHeader final
{
public:
    /// Longest accepted value: a 253-character name plus `:65535`.
    static constexpr qsizetype MaxLength = 259;

    /// The value lower-cased when it is a valid host[:port], else a null QByteArray.
    static QByteArray validated(QByteArrayView value);

    /// The request's host when it carries exactly one Host header and that is valid.
    static QByteArray fromRequest(const HttpRequest &request);

    /// `address:port` for a URL (`[::1]:8080`, IPv4-mapped addresses as IPv4).
    static QByteArray fromAddress(const QHostAddress &address, quint16 port);
};

} // namespace Stowaway

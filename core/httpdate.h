// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace Stowaway {

/**
 * Formats points in time the way HTTP and the access log need them, in UTC, without
 * locale or QDateTime overhead. Pure functions; callers cache the result per second.
 */
class HttpDate final
{
public:
    /// RFC 9110 IMF-fixdate: "Sat, 21 Nov 2026 05:24:00 GMT".
    static QByteArray imfFixdate(qint64 secsSinceEpoch);
    /// Common Log Format time: "21/Nov/2026:05:24:00 +0000".
    static QByteArray commonLogTime(qint64 secsSinceEpoch);
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpdate.h"

#include <ctime>

namespace Stowaway {

namespace {

constexpr const char *kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::tm utc(qint64 secsSinceEpoch)
{
    const std::time_t t = static_cast<std::time_t>(secsSinceEpoch);
    std::tm parts{};
    gmtime_r(&t, &parts);
    return parts;
}

void appendTwoDigits(QByteArray &out, int value)
{
    out.append(char('0' + value / 10));
    out.append(char('0' + value % 10));
}

void appendClock(QByteArray &out, const std::tm &parts)
{
    appendTwoDigits(out, parts.tm_hour);
    out.append(':');
    appendTwoDigits(out, parts.tm_min);
    out.append(':');
    appendTwoDigits(out, parts.tm_sec);
}

} // namespace

QByteArray HttpDate::imfFixdate(qint64 secsSinceEpoch)
{
    const std::tm parts = utc(secsSinceEpoch);
    QByteArray out;
    out.reserve(29);
    out.append(kDays[parts.tm_wday]).append(", ");
    appendTwoDigits(out, parts.tm_mday);
    out.append(' ').append(kMonths[parts.tm_mon]).append(' ');
    out.append(QByteArray::number(parts.tm_year + 1900)).append(' ');
    appendClock(out, parts);
    out.append(" GMT");
    return out;
}

QByteArray HttpDate::commonLogTime(qint64 secsSinceEpoch)
{
    const std::tm parts = utc(secsSinceEpoch);
    QByteArray out;
    out.reserve(26);
    appendTwoDigits(out, parts.tm_mday);
    out.append('/').append(kMonths[parts.tm_mon]).append('/');
    out.append(QByteArray::number(parts.tm_year + 1900)).append(':');
    appendClock(out, parts);
    out.append(" +0000");
    return out;
}

} // namespace Stowaway

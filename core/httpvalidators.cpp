// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpvalidators.h"

#include <QCryptographicHash>

namespace Stowaway {

namespace {

constexpr const char *DayNames[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char *LongDayNames[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};
constexpr const char *MonthNames[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Days since 1970-01-01 for a proleptic Gregorian date (month 1..12).
qint64 daysFromCivil(qint64 year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const qint64 yearOfEra = year - era * 400;
    const int shiftedMonth = month > 2 ? month - 3 : month + 9;
    const qint64 dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// A tiny cursor over the date text; every read fails softly.
struct Cursor
{
    QByteArrayView text;
    qsizetype pos = 0;
    bool ok = true;

    bool literal(QByteArrayView expected)
    {
        if (ok && text.sliced(pos).startsWith(expected))
            pos += expected.size();
        else
            ok = false;
        return ok;
    }
    int number(int minDigits, int maxDigits)
    {
        int value = 0;
        int digits = 0;
        while (ok && pos < text.size() && digits < maxDigits && text[pos] >= '0' &&
               text[pos] <= '9') {
            value = value * 10 + (text[pos] - '0');
            ++pos;
            ++digits;
        }
        if (digits < minDigits)
            ok = false;
        return value;
    }
    int month()
    {
        for (int i = 0; ok && i < 12; ++i) {
            if (text.sliced(pos).startsWith(QByteArrayView(MonthNames[i]))) {
                pos += 3;
                return i + 1;
            }
        }
        ok = false;
        return 0;
    }
    void time(int &hour, int &minute, int &second)
    {
        hour = number(2, 2);
        literal(":");
        minute = number(2, 2);
        literal(":");
        second = number(2, 2);
    }
    bool atEnd() const { return ok && pos == text.size(); }
};

std::optional<qint64> toEpoch(qint64 year, int month, int day, int hour, int minute, int second)
{
    static constexpr int MonthDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > MonthDays[month - 1] || hour > 23 ||
        minute > 59 || second > 60)
        return std::nullopt;
    return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

} // namespace

std::optional<qint64> HttpValidators::parseDate(QByteArrayView value)
{
    int hour = 0, minute = 0, second = 0;
    // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
    for (const char *name : DayNames) {
        Cursor c{value};
        if (!c.literal(name) || !c.literal(", "))
            continue;
        const int day = c.number(2, 2);
        c.literal(" ");
        const int month = c.month();
        c.literal(" ");
        const int year = c.number(4, 4);
        c.literal(" ");
        c.time(hour, minute, second);
        c.literal(" GMT");
        if (c.atEnd())
            return toEpoch(year, month, day, hour, minute, second);
    }
    // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
    for (const char *name : LongDayNames) {
        Cursor c{value};
        if (!c.literal(name) || !c.literal(", "))
            continue;
        const int day = c.number(2, 2);
        c.literal("-");
        const int month = c.month();
        c.literal("-");
        const int shortYear = c.number(2, 2);
        c.literal(" ");
        c.time(hour, minute, second);
        c.literal(" GMT");
        if (c.atEnd())
            return toEpoch(shortYear < 70 ? 2000 + shortYear : 1900 + shortYear, month, day, hour,
                           minute, second);
    }
    // asctime: Sun Nov  6 08:49:37 1994
    for (const char *name : DayNames) {
        Cursor c{value};
        if (!c.literal(name) || !c.literal(" "))
            continue;
        const int month = c.month();
        c.literal(" ");
        if (c.ok && c.pos < value.size() && value[c.pos] == ' ')
            ++c.pos;
        const int day = c.number(1, 2);
        c.literal(" ");
        c.time(hour, minute, second);
        c.literal(" ");
        const int year = c.number(4, 4);
        if (c.atEnd())
            return toEpoch(year, month, day, hour, minute, second);
    }
    return std::nullopt;
}

QByteArray HttpValidators::strongEtag(QByteArrayView content)
{
    const QByteArray digest = QCryptographicHash::hash(content, QCryptographicHash::Sha256);
    return '"' + digest.first(16).toHex() + '"';
}

bool HttpValidators::noneMatchMatches(QByteArrayView fieldValue, QByteArrayView etag)
{
    // Weak comparison: the opaque tags are equal, whether or not either is weak.
    QByteArrayView ours = etag;
    if (ours.startsWith("W/"))
        ours = ours.sliced(2);
    qsizetype pos = 0;
    const qsizetype size = fieldValue.size();
    while (pos < size) {
        const char c = fieldValue[pos];
        if (c == ' ' || c == '\t' || c == ',') {
            ++pos;
            continue;
        }
        if (c == '*')
            return true;
        if (fieldValue.sliced(pos).startsWith("W/"))
            pos += 2;
        if (pos >= size || fieldValue[pos] != '"')
            return false; // malformed: stop here, nothing further can be trusted
        const qsizetype close = fieldValue.indexOf('"', pos + 1);
        if (close < 0)
            return false;
        if (fieldValue.sliced(pos, close - pos + 1) == ours)
            return true;
        pos = close + 1;
    }
    return false;
}

bool HttpValidators::isNotModified(const HttpRequest &request, QByteArrayView etag,
                                   qint64 mtimeSecs)
{
    bool sawNoneMatch = false;
    for (const auto &[name, value] : request.headers) {
        if (name.compare("if-none-match", Qt::CaseInsensitive) != 0)
            continue;
        sawNoneMatch = true;
        if (noneMatchMatches(value, etag))
            return true;
    }
    if (sawNoneMatch)
        return false;
    if (request.headerCount("if-modified-since") != 1)
        return false;
    const std::optional<qint64> since = parseDate(request.header("if-modified-since"));
    return since && mtimeSecs <= *since;
}

} // namespace Stowaway

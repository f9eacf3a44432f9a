// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncschedule.h"

#include <algorithm>

namespace Stowaway {

SyncSchedule SyncSchedule::daily(QTime time)
{
    return SyncSchedule(Kind::Daily, QTime(time.hour(), time.minute()), 0);
}

SyncSchedule SyncSchedule::every(int hours)
{
    return SyncSchedule(Kind::Interval, QTime(), std::clamp(hours, 1, MaxHours));
}

std::optional<SyncSchedule> SyncSchedule::parse(QStringView text, QString *error)
{
    const QStringView value = text.trimmed();
    if (value == u"off")
        return off();
    if (value.startsWith(u"daily:")) {
        const QTime time = QTime::fromString(value.mid(6).toString(), QStringLiteral("HH:mm"));
        if (time.isValid())
            return daily(time);
    } else if (value.startsWith(u"every:") && value.endsWith(u'h')) {
        bool ok = false;
        const int hours = value.mid(6).chopped(1).toInt(&ok);
        if (ok && hours >= 1 && hours <= MaxHours)
            return every(hours);
    }
    if (error)
        *error = QStringLiteral("\"%1\" is not a sync schedule: use \"off\", \"daily:HH:MM\" "
                                "(24-hour local time, like \"daily:03:30\") or \"every:Nh\" "
                                "with N from 1 to %2 (like \"every:6h\")")
                     .arg(value.toString())
                     .arg(MaxHours);
    return std::nullopt;
}

QString SyncSchedule::toString() const
{
    switch (m_kind) {
    case Kind::Off:
        break;
    case Kind::Daily:
        return QStringLiteral("daily:") + m_time.toString(QStringLiteral("HH:mm"));
    case Kind::Interval:
        return QStringLiteral("every:%1h").arg(m_hours);
    }
    return QStringLiteral("off");
}

QDateTime SyncSchedule::slotOn(QDate date, const QTimeZone &zone) const
{
    const QDateTime slot(date, m_time, zone);
    if (slot.isValid() && slot.time() == m_time && slot.date() == date) {
        // A time that happens twice (daylight saving ends): the first one, so a sync at the
        // first is not followed by another at the second.
        for (const qint64 shift : {3600, 1800}) {
            const QDateTime earlier = slot.addSecs(-shift);
            if (earlier.time() == m_time && earlier.date() == date)
                return earlier;
        }
        return slot;
    }
    // The wall-clock time does not exist that day (a daylight-saving gap): run at the
    // first instant after the gap, found by stepping in elapsed time from before it.
    QDateTime probe(
        date, m_time.addSecs(-3 * 3600) < m_time ? m_time.addSecs(-3 * 3600) : QTime(0, 0), zone);
    while (probe.date() == date && probe.time() < m_time)
        probe = probe.addSecs(60);
    return probe;
}

QDateTime SyncSchedule::nextRun(const QDateTime &lastSync, const QDateTime &now,
                                const QTimeZone &zone) const
{
    switch (m_kind) {
    case Kind::Off:
        return {};
    case Kind::Interval:
        if (!lastSync.isValid())
            return now;
        return std::max(lastSync.addSecs(qint64(m_hours) * 3600), now);
    case Kind::Daily:
        break;
    }
    // The first slot strictly after the reference instant; a past one is due now.
    const QDateTime reference = (lastSync.isValid() ? lastSync : now).toTimeZone(zone);
    QDateTime slot = slotOn(reference.date(), zone);
    if (slot <= reference)
        slot = slotOn(reference.date().addDays(1), zone);
    return std::max(slot, now);
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

#include <optional>

namespace Stowaway {

/**
 * When the app syncs on its own (mirror.toml's `sync.schedule`):
 *
 * - `off`: never (the default; syncs only when asked);
 * - `daily:HH:MM`: once a day at that local wall-clock time;
 * - `every:Nh`: N hours (1 to 168) after the last successful sync.
 *
 * nextRun() is pure: it takes the last successful sync and "now" and never reads a clock,
 * so the runtime arms a timer with it and tests feed it any instant. A run that was
 * missed (the machine slept through it) is due at once, exactly once: the next run is
 * never earlier than `now`, and never twice for one daily slot.
 * A plain value, safe on any thread.
 */
class SyncSchedule final
{
public:
    enum class Kind { Off, Daily, Interval };

    static constexpr int MaxHours = 168;

    SyncSchedule() = default;
    static SyncSchedule off() { return SyncSchedule(); }
    /// Daily at `time` (seconds are dropped).
    static SyncSchedule daily(QTime time);
    /// Every `hours` hours (1 to MaxHours).
    static SyncSchedule every(int hours);

    /// Parses `off`, `daily:HH:MM` or `every:Nh`; std::nullopt with `error` set otherwise.
    static std::optional<SyncSchedule> parse(QStringView text, QString *error = nullptr);
    /// The spelling parse() reads back: `off`, `daily:03:30`, `every:6h`.
    QString toString() const;

    Kind kind() const { return m_kind; }
    /// The time of a daily schedule; invalid otherwise.
    QTime time() const { return m_time; }
    /// The hours of an interval schedule; 0 otherwise.
    int hours() const { return m_hours; }

    /// The next time a sync should start, never before `now`; invalid for `off`.
    /// `lastSync` is the end of the last successful sync (invalid: never synced).
    /// Daily: the first slot at the set local time (in `zone`) after the last sync, or
    /// after `now` when it never synced; a slot that falls into a daylight-saving gap runs
    /// at the gap's end, one that happens twice runs at the first. Interval: `hours` after the last
    /// sync in elapsed time (daylight saving changes nothing), or `now` when it never synced.
    QDateTime nextRun(const QDateTime &lastSync, const QDateTime &now,
                      const QTimeZone &zone = QTimeZone::systemTimeZone()) const;

    bool operator==(const SyncSchedule &) const = default;

private:
    SyncSchedule(Kind kind, QTime time, int hours) : m_kind(kind), m_time(time), m_hours(hours) {}
    /// The slot of `date` in `zone`: the earlier one when the time repeats (daylight saving
    /// ends), the end of the gap when it falls into one (daylight saving starts).
    QDateTime slotOn(QDate date, const QTimeZone &zone) const;

    Kind m_kind = Kind::Off;
    QTime m_time;
    int m_hours = 0;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncschedule.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Stowaway {

/**
 * Fires due() when the sync schedule says a sync should start, for the desktop app.
 *
 * The next run comes from SyncSchedule::nextRun() (the schedule's rules, daylight saving
 * included); the timer is re-armed at most an hour ahead so that a suspended laptop or a
 * changed clock is noticed within the hour rather than trusted for days. After due() the
 * caller reports the sync's end with setLastSync(); until then nothing fires again.
 *
 * Lives on the thread it was made on (the UI thread); owns nothing but its timer.
 */
class SyncScheduler final : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    explicit SyncScheduler(QObject *parent = nullptr);

    void setSchedule(const SyncSchedule &schedule);
    SyncSchedule schedule() const { return m_schedule; }
    /// When the last sync ended (invalid: never); re-arms the timer.
    void setLastSync(const QDateTime &lastSync);
    /// The next run, or an invalid QDateTime when the schedule is off or a run is pending.
    QDateTime nextRun() const;
    /// For tests: the current time and the longest single wait.
    void setClockForTests(Clock clock, int maxWaitMs);

Q_SIGNALS:
    /// A sync should start now.
    void due();

private:
    void arm();
    void check();

    SyncSchedule m_schedule;
    QDateTime m_lastSync;
    QTimer m_timer;
    Clock m_clock;
    int m_maxWaitMs = 60 * 60 * 1000;
    bool m_pending = false; // due() fired, setLastSync() not called since
};

} // namespace Stowaway

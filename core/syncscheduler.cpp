// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncscheduler.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcScheduler, "stowaway.schedule")

namespace Stowaway {

SyncScheduler::SyncScheduler(QObject *parent)
    : QObject(parent), m_clock([] { return QDateTime::currentDateTime(); })
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SyncScheduler::check);
}

void SyncScheduler::setSchedule(const SyncSchedule &schedule)
{
    m_schedule = schedule;
    m_pending = false;
    arm();
}

void SyncScheduler::setLastSync(const QDateTime &lastSync)
{
    m_lastSync = lastSync;
    m_pending = false;
    arm();
}

QDateTime SyncScheduler::nextRun() const
{
    if (m_pending)
        return {};
    return m_schedule.nextRun(m_lastSync, m_clock());
}

void SyncScheduler::setClockForTests(Clock clock, int maxWaitMs)
{
    m_clock = std::move(clock);
    m_maxWaitMs = maxWaitMs;
    arm();
}

void SyncScheduler::arm()
{
    m_timer.stop();
    const QDateTime next = nextRun();
    if (!next.isValid())
        return;
    const qint64 wait = std::clamp<qint64>(m_clock().msecsTo(next), 0, m_maxWaitMs);
    qCDebug(lcScheduler) << "next sync" << next << "checking again in" << wait << "ms";
    m_timer.start(int(wait));
}

void SyncScheduler::check()
{
    const QDateTime next = nextRun();
    if (!next.isValid())
        return;
    if (m_clock() < next) {
        arm(); // woke early (the hourly re-check, or the clock moved back)
        return;
    }
    qCInfo(lcScheduler) << "scheduled sync due" << next;
    m_pending = true;
    Q_EMIT due();
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncscheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace Stowaway;

class TestSyncScheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firesWhenDue_data();
    void firesWhenDue();
    void onceUntilTheSyncEnds();
};

void TestSyncScheduler::firesWhenDue_data()
{
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<QDateTime>("lastSync");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<bool>("dueAtOnce");
    QTest::addColumn<int>("advanceMinutes"); // then it must be due (0: stays quiet)
    const QDateTime noon(QDate(2026, 11, 21), QTime(12, 0));
    QTest::newRow("off never fires") << "off" << noon.addDays(-30) << noon << false << 0;
    QTest::newRow("every 1h, synced 2 h ago")
        << "every:1h" << noon.addSecs(-7200) << noon << true << 0;
    QTest::newRow("every 1h, synced 30 min ago")
        << "every:1h" << noon.addSecs(-1800) << noon << false << 31;
    QTest::newRow("every 6h, never synced") << "every:6h" << QDateTime() << noon << true << 0;
    QTest::newRow("daily 03:00 before the slot")
        << "daily:03:00" << noon.addDays(-1).addSecs(-8 * 3600)
        << QDateTime(QDate(2026, 11, 21), QTime(2, 58)) << false << 3;
    QTest::newRow("daily 03:00, yesterday's run missed")
        << "daily:03:00" << noon.addDays(-2) << noon << true << 0;
}

void TestSyncScheduler::firesWhenDue()
{
    QFETCH(QString, schedule);
    QFETCH(QDateTime, lastSync);
    QFETCH(QDateTime, now);
    QFETCH(bool, dueAtOnce);
    QFETCH(int, advanceMinutes);
    QDateTime clock = now;
    SyncScheduler scheduler;
    scheduler.setClockForTests([&clock] { return clock; }, 20);
    QSignalSpy due(&scheduler, &SyncScheduler::due);
    scheduler.setSchedule(*SyncSchedule::parse(schedule));
    scheduler.setLastSync(lastSync);
    if (dueAtOnce) {
        QVERIFY(due.wait(2000));
        QCOMPARE(due.size(), 1);
        return;
    }
    QVERIFY(!due.wait(150)); // several re-checks, none due
    if (advanceMinutes == 0) {
        QVERIFY(!scheduler.nextRun().isValid());
        return;
    }
    QVERIFY(scheduler.nextRun() > clock);
    clock = clock.addSecs(advanceMinutes * 60);
    QVERIFY(due.wait(2000));
    QCOMPARE(due.size(), 1);
}

void TestSyncScheduler::onceUntilTheSyncEnds()
{
    QDateTime clock(QDate(2026, 11, 21), QTime(12, 0));
    SyncScheduler scheduler;
    scheduler.setClockForTests([&clock] { return clock; }, 20);
    QSignalSpy due(&scheduler, &SyncScheduler::due);
    scheduler.setSchedule(SyncSchedule::every(1));
    scheduler.setLastSync(clock.addSecs(-4000));
    QVERIFY(due.wait(2000));
    // The sync runs: however long it takes, no second due().
    QVERIFY(!scheduler.nextRun().isValid());
    clock = clock.addSecs(3 * 3600);
    QVERIFY(!due.wait(150));
    QCOMPARE(due.size(), 1);
    // It ended: the next one is an hour after it.
    scheduler.setLastSync(clock);
    QCOMPARE(scheduler.nextRun(), clock.addSecs(3600));
    clock = clock.addSecs(3601);
    QVERIFY(due.wait(2000));
    QCOMPARE(due.size(), 2);
}

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "tst_syncscheduler.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncschedule.h"

#include <QTest>

using namespace Stowaway;

namespace {
/// ISO 8601 with an offset ("2026-03-29T03:00:00+02:00"); empty means invalid (never).
QDateTime at(const QString &text)
{
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODate);
}
} // namespace

class TestSyncSchedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void rejects_data();
    void rejects();
    void nextRun_data();
    void nextRun();
    void nextRunIsNeverBeforeNow();
};

void TestSyncSchedule::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QTime>("time");
    QTest::addColumn<int>("hours");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("off") << "off" << int(SyncSchedule::Kind::Off) << QTime() << 0 << "off";
    QTest::newRow("daily") << "daily:03:30" << int(SyncSchedule::Kind::Daily) << QTime(3, 30) << 0
                           << "daily:03:30";
    QTest::newRow("daily midnight")
        << " daily:00:00 " << int(SyncSchedule::Kind::Daily) << QTime(0, 0) << 0 << "daily:00:00";
    QTest::newRow("every hour") << "every:1h" << int(SyncSchedule::Kind::Interval) << QTime() << 1
                                << "every:1h";
    QTest::newRow("every week") << "every:168h" << int(SyncSchedule::Kind::Interval) << QTime()
                                << 168 << "every:168h";
}

void TestSyncSchedule::parse()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QTime, time);
    QFETCH(int, hours);
    QFETCH(QString, canonical);
    const auto schedule = SyncSchedule::parse(text);
    QVERIFY(schedule);
    QCOMPARE(int(schedule->kind()), kind);
    QCOMPARE(schedule->time(), time);
    QCOMPARE(schedule->hours(), hours);
    QCOMPARE(schedule->toString(), canonical);
    QCOMPARE(SyncSchedule::parse(schedule->toString()), schedule);
}

void TestSyncSchedule::rejects_data()
{
    QTest::addColumn<QString>("text");
    for (const char *bad :
         {"", "daily", "daily:", "daily:24:00", "daily:3:30", "daily:03:30:00", "every:0h",
          "every:169h", "every:6", "every:h", "every:-1h", "hourly", "Off"})
        QTest::newRow(bad) << QString::fromLatin1(bad);
}

void TestSyncSchedule::rejects()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!SyncSchedule::parse(text, &error));
    QVERIFY2(error.contains(QLatin1String("daily:HH:MM")), qPrintable(error));
}

void TestSyncSchedule::nextRun_data()
{
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<QString>("lastSync");
    QTest::addColumn<QString>("now");
    QTest::addColumn<QString>("expected");
    // Europe/Berlin: CET +01:00, CEST +02:00; 2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00.
    QTest::newRow("off") << "off"
                         << "2026-06-01T04:00:00+02:00"
                         << "2026-06-02T10:00:00+02:00"
                         << "";
    QTest::newRow("daily, later today") << "daily:03:30"
                                        << "2026-06-01T04:00:00+02:00"
                                        << "2026-06-02T01:00:00+02:00"
                                        << "2026-06-02T03:30:00+02:00";
    QTest::newRow("daily, time already passed today, missed: due now")
        << "daily:03:30"
        << "2026-06-01T04:00:00+02:00"
        << "2026-06-02T10:00:00+02:00"
        << "2026-06-02T10:00:00+02:00";
    QTest::newRow("daily, already ran today: tomorrow") << "daily:03:30"
                                                        << "2026-06-02T03:31:00+02:00"
                                                        << "2026-06-02T10:00:00+02:00"
                                                        << "2026-06-03T03:30:00+02:00";
    QTest::newRow("daily, ran before today's slot, slot still ahead")
        << "daily:23:00"
        << "2026-06-02T08:00:00+02:00"
        << "2026-06-02T10:00:00+02:00"
        << "2026-06-02T23:00:00+02:00";
    QTest::newRow("daily, never synced, time passed today: tomorrow")
        << "daily:03:30"
        << ""
        << "2026-06-02T10:00:00+02:00"
        << "2026-06-03T03:30:00+02:00";
    QTest::newRow("daily, never synced, time ahead today") << "daily:03:30"
                                                           << ""
                                                           << "2026-06-02T01:00:00+02:00"
                                                           << "2026-06-02T03:30:00+02:00";
    QTest::newRow("daily, week offline: due now, once") << "daily:03:30"
                                                        << "2026-05-20T04:00:00+02:00"
                                                        << "2026-06-02T10:00:00+02:00"
                                                        << "2026-06-02T10:00:00+02:00";
    QTest::newRow("daily midnight, synced at midnight: next midnight")
        << "daily:00:00"
        << "2026-06-02T00:00:00+02:00"
        << "2026-06-02T00:00:05+02:00"
        << "2026-06-03T00:00:00+02:00";
    QTest::newRow("daily, last sync in another offset") << "daily:03:30"
                                                        << "2026-06-01T23:00:00Z"
                                                        << "2026-06-02T01:00:00Z"
                                                        << "2026-06-02T03:30:00+02:00";
    QTest::newRow("daily, slot in the spring-forward gap runs at the gap's end")
        << "daily:02:30"
        << "2026-03-28T03:00:00+01:00"
        << "2026-03-28T12:00:00+01:00"
        << "2026-03-29T03:00:00+02:00";
    QTest::newRow("daily, after the gap day the slot is back") << "daily:02:30"
                                                               << "2026-03-29T03:00:00+02:00"
                                                               << "2026-03-29T12:00:00+02:00"
                                                               << "2026-03-30T02:30:00+02:00";
    QTest::newRow("daily, fall-back: the first 02:30") << "daily:02:30"
                                                       << "2026-10-24T03:00:00+02:00"
                                                       << "2026-10-24T12:00:00+02:00"
                                                       << "2026-10-25T02:30:00+02:00";
    QTest::newRow("daily, fall-back: not again at the second 02:30") << "daily:02:30"
                                                                     << "2026-10-25T02:40:00+02:00"
                                                                     << "2026-10-25T02:35:00+01:00"
                                                                     << "2026-10-26T02:30:00+01:00";
    QTest::newRow("every 6h") << "every:6h"
                              << "2026-06-02T01:00:00+02:00"
                              << "2026-06-02T02:00:00+02:00"
                              << "2026-06-02T07:00:00+02:00";
    QTest::newRow("every 6h across spring-forward is 6 elapsed hours")
        << "every:6h"
        << "2026-03-29T00:00:00+01:00"
        << "2026-03-29T01:00:00+01:00"
        << "2026-03-29T07:00:00+02:00";
    QTest::newRow("every 6h, overdue: now") << "every:6h"
                                            << "2026-06-01T01:00:00+02:00"
                                            << "2026-06-02T02:00:00+02:00"
                                            << "2026-06-02T02:00:00+02:00";
    QTest::newRow("every 6h, never synced: now") << "every:6h"
                                                 << ""
                                                 << "2026-06-02T02:00:00+02:00"
                                                 << "2026-06-02T02:00:00+02:00";
}

void TestSyncSchedule::nextRun()
{
    QFETCH(QString, schedule);
    QFETCH(QString, lastSync);
    QFETCH(QString, now);
    QFETCH(QString, expected);
    const QTimeZone berlin("Europe/Berlin");
    QVERIFY(berlin.isValid());
    const auto parsed = SyncSchedule::parse(schedule);
    QVERIFY(parsed);
    const QDateTime next = parsed->nextRun(at(lastSync), at(now), berlin);
    QCOMPARE(next.isValid(), !expected.isEmpty());
    if (next.isValid())
        QCOMPARE(next.toUTC(), at(expected).toUTC());
}

void TestSyncSchedule::nextRunIsNeverBeforeNow()
{
    const QTimeZone berlin("Europe/Berlin");
    const QDateTime last = at(QStringLiteral("2026-01-01T00:00:00+01:00"));
    for (const SyncSchedule &schedule :
         {SyncSchedule::daily(QTime(5, 0)), SyncSchedule::every(1), SyncSchedule::every(30)}) {
        // Every 7 hours for a year, including both daylight-saving changes.
        for (QDateTime now = last; now < last.addDays(365); now = now.addSecs(7 * 3600)) {
            const QDateTime next = schedule.nextRun(last, now, berlin);
            QVERIFY(next >= now);
            QVERIFY(next <= std::max(now, last.addDays(2)));
        }
    }
}

QTEST_GUILESS_MAIN(TestSyncSchedule)
#include "tst_syncschedule.moc"

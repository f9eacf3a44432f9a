// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrypolicy.h"

#include <QTest>

using namespace Stowaway;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoffDoublesWithJitter_data();
    void backoffDoublesWithJitter();
    void retryAfter_data();
    void retryAfter();
};

void TestRetryPolicy::backoffDoublesWithJitter_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("base");
    QTest::addColumn<int>("max");
    QTest::addColumn<int>("low");
    QTest::addColumn<int>("high");
    QTest::newRow("first") << 1 << 500 << 30000 << 500 << 750;
    QTest::newRow("second") << 2 << 500 << 30000 << 1000 << 1500;
    QTest::newRow("third") << 3 << 500 << 30000 << 2000 << 3000;
    QTest::newRow("capped") << 10 << 500 << 4000 << 4000 << 6000;
    QTest::newRow("huge attempt stays capped") << 1000 << 500 << 4000 << 4000 << 6000;
    QTest::newRow("zero base") << 3 << 0 << 4000 << 0 << 0;
}

void TestRetryPolicy::backoffDoublesWithJitter()
{
    QFETCH(int, attempt);
    QFETCH(int, base);
    QFETCH(int, max);
    QFETCH(int, low);
    QFETCH(int, high);
    QSet<int> seen;
    for (int i = 0; i < 200; ++i) {
        const int delay = RetryPolicy::backoffMs(attempt, base, max);
        QVERIFY2(delay >= low && delay <= high, qPrintable(QString::number(delay)));
        seen.insert(delay);
    }
    QVERIFY(low == high || seen.size() > 1); // jitter varies
}

void TestRetryPolicy::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expected"); // -1: none
    QTest::newRow("seconds") << QByteArray("7") << 7;
    QTest::newRow("spaces") << QByteArray(" 120 ") << 120;
    QTest::newRow("zero") << QByteArray("0") << 0;
    QTest::newRow("empty") << QByteArray() << -1;
    QTest::newRow("negative") << QByteArray("-5") << -1;
    QTest::newRow("garbage") << QByteArray("soon") << -1;
    QTest::newRow("date 90 s ahead") << QByteArray("Sat, 21 Nov 2026 06:01:30 GMT") << 90;
    QTest::newRow("date in the past") << QByteArray("Sat, 21 Nov 2026 05:00:00 GMT") << 0;
}

void TestRetryPolicy::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(int, expected);
    const QDateTime now(QDate(2026, 11, 21), QTime(6, 0, 0), Qt::UTC);
    const auto seconds = RetryPolicy::retryAfterSeconds(value, now);
    if (expected < 0) {
        QVERIFY(!seconds);
    } else {
        QVERIFY(seconds);
        QCOMPARE(*seconds, expected);
    }
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrypolicy.h"

#include <QTest>

using namespace Stowaway;
using ms = std::chrono::milliseconds;

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retryable_data();
    void retryable();
    void delay_data();
    void delay();
    void parseRetryAfter_data();
    void parseRetryAfter();
};

void TestRetryPolicy::retryable_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retry");
    QTest::newRow("200") << 200 << false;
    QTest::newRow("304") << 304 << false;
    QTest::newRow("403") << 403 << false;
    QTest::newRow("404") << 404 << false;
    QTest::newRow("408") << 408 << true;
    QTest::newRow("429") << 429 << true;
    QTest::newRow("500") << 500 << true;
    QTest::newRow("503") << 503 << true;
    QTest::newRow("599") << 599 << true;
    QTest::newRow("600") << 600 << false;
}

void TestRetryPolicy::retryable()
{
    QFETCH(int, status);
    QFETCH(bool, retry);
    QCOMPARE(RetryPolicy::isRetryableStatus(status), retry);
}

void TestRetryPolicy::delay_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("retryAfterMs"); // -1: none
    QTest::addColumn<int>("expectedMs");
    // Defaults: 500 ms doubling, up to 1000 ms jitter, capped at 10 s, Retry-After up to 60 s.
    QTest::newRow("first retry, no jitter") << 1 << 0.0 << -1 << 500;
    QTest::newRow("first retry, half jitter") << 1 << 0.5 << -1 << 1000;
    QTest::newRow("second retry doubles") << 2 << 0.0 << -1 << 1000;
    QTest::newRow("third retry doubles again") << 3 << 0.25 << -1 << 2250;
    QTest::newRow("capped") << 10 << 0.9 << -1 << 10000;
    QTest::newRow("huge retry count stays capped") << 1000 << 0.0 << -1 << 10000;
    QTest::newRow("retry-after longer than backoff wins") << 1 << 0.0 << 3000 << 3000;
    QTest::newRow("retry-after shorter than backoff loses") << 3 << 0.0 << 100 << 2000;
    QTest::newRow("retry-after is capped") << 1 << 0.0 << 3600000 << 60000;
    QTest::newRow("retry-after zero") << 1 << 0.0 << 0 << 500;
}

void TestRetryPolicy::delay()
{
    QFETCH(int, retry);
    QFETCH(double, random);
    QFETCH(int, retryAfterMs);
    QFETCH(int, expectedMs);
    RetryPolicy policy;
    const std::optional<ms> after =
        retryAfterMs < 0 ? std::nullopt : std::optional<ms>(ms{retryAfterMs});
    QCOMPARE(policy.delay(retry, random, after).count(), qint64(expectedMs));
}

void TestRetryPolicy::parseRetryAfter_data()
{
    const qint64 now = 1795305600; // Sun, 22 Nov 2026 00:00:00 GMT
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("expectedMs"); // -1: nothing
    QTest::newRow("seconds") << QByteArray("1") << now << qint64(1000);
    QTest::newRow("zero") << QByteArray("0") << now << qint64(0);
    QTest::newRow("padded") << QByteArray(" 120 ") << now << qint64(120000);
    QTest::newRow("date in the future")
        << QByteArray("Sun, 22 Nov 2026 00:00:30 GMT") << now << qint64(30000);
    QTest::newRow("date in the past")
        << QByteArray("Sat, 21 Nov 2026 23:00:00 GMT") << now << qint64(0);
    QTest::newRow("empty") << QByteArray() << now << qint64(-1);
    QTest::newRow("negative") << QByteArray("-5") << now << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << now << qint64(-1);
    QTest::newRow("fraction") << QByteArray("1.5") << now << qint64(-1);
}

void TestRetryPolicy::parseRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, now);
    QFETCH(qint64, expectedMs);
    const auto parsed = RetryPolicy::parseRetryAfter(value, now);
    if (expectedMs < 0) {
        QVERIFY(!parsed);
    } else {
        QVERIFY(parsed);
        QCOMPARE(parsed->count(), expectedMs);
    }
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"

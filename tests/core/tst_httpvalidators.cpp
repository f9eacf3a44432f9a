// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpdate.h"
#include "httpvalidators.h"

#include <QDateTime>
#include <QTest>

using namespace Stowaway;

class TestHttpValidators : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatDate_data();
    void formatDate();
    void parseDate_data();
    void parseDate();
    void noneMatch_data();
    void noneMatch();
    void etag();
};

void TestHttpValidators::formatDate_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::newRow("epoch") << QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
    QTest::newRow("rfc example") << QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
    QTest::newRow("leap day") << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59), Qt::UTC);
    QTest::newRow("before epoch") << QDateTime(QDate(1969, 12, 31), QTime(1, 2, 3), Qt::UTC);
    QTest::newRow("far future") << QDateTime(QDate(2400, 3, 1), QTime(0, 0, 1), Qt::UTC);
    QTest::newRow("now") << QDateTime::currentDateTimeUtc().addMSecs(0);
}

void TestHttpValidators::formatDate()
{
    QFETCH(QDateTime, time);
    const qint64 secs = time.toSecsSinceEpoch();
    const QByteArray expected = QLocale::c()
                                    .toString(QDateTime::fromSecsSinceEpoch(secs, Qt::UTC),
                                              QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                                    .toLatin1();
    QCOMPARE(HttpDate::imfFixdate(secs), expected);
    QCOMPARE(HttpValidators::parseDate(expected), std::optional<qint64>(secs));
}

void TestHttpValidators::parseDate_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("secs"); // -1: invalid
    QTest::newRow("imf-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT")
                                 << qint64(784111777);
    QTest::newRow("rfc 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << qint64(784111777);
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << qint64(784111777);
    QTest::newRow("asctime two-digit day")
        << QByteArray("Sun Nov 16 08:49:37 1994") << qint64(784111777 + 10 * 86400);
    QTest::newRow("rfc 850 after 2000")
        << QByteArray("Monday, 01-Jan-24 00:00:00 GMT") << qint64(1704067200);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("garbage") << QByteArray("yesterday") << qint64(-1);
    QTest::newRow("trailing junk") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT x") << qint64(-1);
    QTest::newRow("not gmt") << QByteArray("Sun, 06 Nov 1994 08:49:37 CET") << qint64(-1);
    QTest::newRow("bad month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << qint64(-1);
    QTest::newRow("day 32") << QByteArray("Sun, 32 Nov 1994 08:49:37 GMT") << qint64(-1);
    QTest::newRow("hour 24") << QByteArray("Sun, 06 Nov 1994 24:49:37 GMT") << qint64(-1);
    QTest::newRow("one-digit day") << QByteArray("Sun, 6 Nov 1994 08:49:37 GMT") << qint64(-1);
    QTest::newRow("lower case") << QByteArray("sun, 06 nov 1994 08:49:37 gmt") << qint64(-1);
}

void TestHttpValidators::parseDate()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, secs);
    const std::optional<qint64> parsed = HttpValidators::parseDate(text);
    if (secs < 0)
        QVERIFY(!parsed.has_value());
    else
        QCOMPARE(parsed, std::optional<qint64>(secs));
}

void TestHttpValidators::noneMatch_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact") << QByteArray("\"abc\"") << true;
    QTest::newRow("weak") << QByteArray("W/\"abc\"") << true;
    QTest::newRow("star") << QByteArray("*") << true;
    QTest::newRow("list") << QByteArray("\"x\", \"abc\"") << true;
    QTest::newRow("list with tabs") << QByteArray("\"x\",\t W/\"abc\"") << true;
    QTest::newRow("other") << QByteArray("\"abd\"") << false;
    QTest::newRow("unquoted") << QByteArray("abc") << false;
    QTest::newRow("prefix") << QByteArray("\"ab\"") << false;
    QTest::newRow("longer") << QByteArray("\"abcd\"") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("unterminated") << QByteArray("\"abc") << false;
    QTest::newRow("garbage before match") << QByteArray("junk, \"abc\"") << false;
}

void TestHttpValidators::noneMatch()
{
    QFETCH(QByteArray, field);
    QFETCH(bool, matches);
    QCOMPARE(HttpValidators::noneMatchMatches(field, "\"abc\""), matches);
}

void TestHttpValidators::etag()
{
    const QByteArray tag = HttpValidators::strongEtag("hello");
    // SHA-256("hello") starts 2cf24dba5fb0a30e26e83b2ac5b9e29e.
    QCOMPARE(tag, QByteArray("\"2cf24dba5fb0a30e26e83b2ac5b9e29e\""));
    QVERIFY(HttpValidators::strongEtag("hello!") != tag);
}

QTEST_GUILESS_MAIN(TestHttpValidators)
#include "tst_httpvalidators.moc"

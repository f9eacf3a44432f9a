// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpdate.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

using namespace Stowaway;

class TestHttpDate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formats_data();
    void formats();
    void agreesWithQDateTime();
};

void TestHttpDate::formats_data()
{
    QTest::addColumn<qint64>("secs");
    QTest::addColumn<QByteArray>("imf");
    QTest::addColumn<QByteArray>("clf");
    QTest::newRow("epoch") << qint64(0) << QByteArray("Thu, 01 Jan 1970 00:00:00 GMT")
                           << QByteArray("01/Jan/1970:00:00:00 +0000");
    QTest::newRow("RFC 9110 example")
        << qint64(784111777) << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT")
        << QByteArray("06/Nov/1994:08:49:37 +0000");
    QTest::newRow("leap day") << qint64(1709164800) << QByteArray("Thu, 29 Feb 2024 00:00:00 GMT")
                              << QByteArray("29/Feb/2024:00:00:00 +0000");
}

void TestHttpDate::formats()
{
    QFETCH(qint64, secs);
    QFETCH(QByteArray, imf);
    QFETCH(QByteArray, clf);
    QCOMPARE(HttpDate::imfFixdate(secs), imf);
    QCOMPARE(HttpDate::commonLogTime(secs), clf);
}

void TestHttpDate::agreesWithQDateTime()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(now, Qt::UTC);
    QCOMPARE(QString::fromLatin1(HttpDate::imfFixdate(now)),
             QLocale::c().toString(utc, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")));
}

QTEST_GUILESS_MAIN(TestHttpDate)
#include "tst_httpdate.moc"

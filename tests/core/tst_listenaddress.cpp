// SPDX-License-Identifier: GPL-3.0-or-later
#include "listenaddress.h"

#include <QTest>

using namespace Stowaway;

class TestListenAddress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
};

void TestListenAddress::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("url");
    QTest::newRow("ipv4") << "127.0.0.1:27428" << true << "127.0.0.1:27428"
                          << "http://127.0.0.1:27428";
    QTest::newRow("ipv6") << "[::1]:8080" << true << "[::1]:8080"
                          << "http://[::1]:8080";
    QTest::newRow("any ipv4") << "0.0.0.0:27428" << true << "0.0.0.0:27428"
                              << "http://127.0.0.1:27428";
    QTest::newRow("any ipv6") << "[::]:27428" << true << "[::]:27428"
                              << "http://[::1]:27428";
    QTest::newRow("localhost") << "localhost:9000" << true << "127.0.0.1:9000"
                               << "http://127.0.0.1:9000";
    QTest::newRow("bare port") << "9000" << true << "127.0.0.1:9000"
                               << "http://127.0.0.1:9000";
    QTest::newRow("port zero") << "127.0.0.1:0" << true << "127.0.0.1:0"
                               << "http://127.0.0.1:0";
    QTest::newRow("spaces trimmed") << " 127.0.0.1:80 " << true << "127.0.0.1:80"
                                    << "http://127.0.0.1:80";
    QTest::newRow("empty") << "" << false << ""
                           << "";
    QTest::newRow("port too big") << "127.0.0.1:65536" << false << ""
                                  << "";
    QTest::newRow("port not a number") << "127.0.0.1:http" << false << ""
                                       << "";
    QTest::newRow("host name") << "example.com:80" << false << ""
                               << "";
    QTest::newRow("ipv6 without brackets") << "::1:80" << false << ""
                                           << "";
    QTest::newRow("ipv6 unclosed") << "[::1:80" << false << ""
                                   << "";
    QTest::newRow("ipv6 without port") << "[::1]" << false << ""
                                       << "";
    QTest::newRow("scope id") << "[fe80::1%eth0]:80" << false << ""
                              << "";
}

void TestListenAddress::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    QFETCH(QString, url);
    QString error;
    const auto parsed = ListenAddress::parse(text, &error);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid) {
        QVERIFY(error.contains(QLatin1String("ADDRESS:PORT")));
        return;
    }
    QCOMPARE(parsed->toString(), canonical);
    QCOMPARE(parsed->localUrl(), url);
}

QTEST_GUILESS_MAIN(TestListenAddress)
#include "tst_listenaddress.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostheader.h"

#include <QTest>

using namespace Stowaway;

class TestHostHeader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validated_data();
    void validated();
    void fromRequest();
    void fromAddress_data();
    void fromAddress();
};

void TestHostHeader::validated_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("name") << QByteArray("example.com") << QByteArray("example.com");
    QTest::newRow("lowered") << QByteArray("EXAMPLE.com:443") << QByteArray("example.com:443");
    QTest::newRow("single label") << QByteArray("nas") << QByteArray("nas");
    QTest::newRow("digits in name") << QByteArray("1e100.net") << QByteArray("1e100.net");
    QTest::newRow("ipv4") << QByteArray("10.1.2.3:80") << QByteArray("10.1.2.3:80");
    QTest::newRow("ipv6") << QByteArray("[FE80::1]:80") << QByteArray("[fe80::1]:80");
    QTest::newRow("longest") << QByteArray(QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.' +
                                           QByteArray(63, 'c') + '.' + QByteArray(61, 'd') +
                                           ":65535")
                             << QByteArray(QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.' +
                                           QByteArray(63, 'c') + '.' + QByteArray(61, 'd') +
                                           ":65535");
    QTest::newRow("name too long")
        << QByteArray(QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.' + QByteArray(63, 'c') +
                      '.' + QByteArray(62, 'd'))
        << QByteArray();
    QTest::newRow("ipv4 octet 256") << QByteArray("10.1.2.256") << QByteArray();
    QTest::newRow("ipv4 five parts") << QByteArray("10.1.2.3.4") << QByteArray();
    QTest::newRow("port 6 digits") << QByteArray("nas:000080") << QByteArray();
    QTest::newRow("tab") << QByteArray("nas\t") << QByteArray();
    QTest::newRow("ipv6 too long") << QByteArray("[" + QByteArray(50, '1') + "]") << QByteArray();
    QTest::newRow("empty brackets") << QByteArray("[]") << QByteArray();
}

void TestHostHeader::validated()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(HostHeader::validated(value), expected);
}

void TestHostHeader::fromRequest()
{
    HttpRequest request;
    QVERIFY(HostHeader::fromRequest(request).isNull());
    request.headers = {{"host", "nas:8080"}};
    QCOMPARE(HostHeader::fromRequest(request), QByteArray("nas:8080"));
    request.headers.append(std::pair<QByteArray, QByteArray>("Host", "nas:8080"));
    QVERIFY(HostHeader::fromRequest(request).isNull());
}

void TestHostHeader::fromAddress_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("ipv4") << "192.168.1.9" << 14000 << QByteArray("192.168.1.9:14000");
    QTest::newRow("ipv6") << "::1" << 80 << QByteArray("[::1]:80");
    QTest::newRow("mapped") << "::ffff:10.0.0.1" << 80 << QByteArray("10.0.0.1:80");
    QTest::newRow("scoped") << "fe80::1%1" << 80 << QByteArray("[fe80::1]:80");
    QTest::newRow("no port") << "10.0.0.1" << 0 << QByteArray("10.0.0.1");
    QTest::newRow("null") << "" << 14000 << QByteArray("127.0.0.1:14000");
}

void TestHostHeader::fromAddress()
{
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QByteArray, expected);
    const QByteArray host = HostHeader::fromAddress(QHostAddress(address), quint16(port));
    QCOMPARE(host, expected);
    QCOMPARE(HostHeader::validated(host), expected);
}

QTEST_GUILESS_MAIN(TestHostHeader)
#include "tst_hostheader.moc"

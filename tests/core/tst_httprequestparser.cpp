// SPDX-License-Identifier: GPL-3.0-or-later
#include "httprequestparser.h"

#include <QTest>

using namespace Stowaway;
using Result = HttpRequestParser::Result;

class TestHttpRequestParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesByteByByte();
    void stopsAfterEachPipelinedRequest();
    void keepAliveRules_data();
    void keepAliveRules();
    void rejectsBodilessOtherMethodsWith405();
    void recognisesH2cUpgrade_data();
    void recognisesH2cUpgrade();
    void continuesAfterAnUpgradeRequest();
    void errorsCarryStatusAndReason_data();
    void errorsCarryStatusAndReason();
    void logsTheRequestLine();

private:
    ServerOptions m_limits;
};

void TestHttpRequestParser::parsesByteByByte()
{
    HttpRequestParser parser(m_limits);
    const QByteArray bytes = "GET /index/se/rd/serde?x=1 HTTP/1.1\r\nHost: localhost\r\n"
                             "User-Agent:   cargo/1.80  \r\nAccept-Encoding: gzip\r\n\r\n";
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        qsizetype used = 0;
        const Result result = parser.feed(bytes.constData() + i, 1, &used);
        QCOMPARE(used, qsizetype(1));
        if (i + 1 < bytes.size()) {
            QCOMPARE(result, Result::NeedMore);
            QVERIFY(parser.inMessage());
        } else {
            QCOMPARE(result, Result::Request);
        }
    }
    QVERIFY(!parser.inMessage());
    const HttpRequest &request = parser.request();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QStringLiteral("/index/se/rd/serde"));
    QCOMPARE(request.query, QByteArray("x=1"));
    QCOMPARE(request.headers.size(), 3);
    QCOMPARE(request.headers.at(1).first, QByteArray("user-agent"));
    QCOMPARE(request.headers.at(1).second, QByteArray("cargo/1.80"));
    QCOMPARE(request.header("accept-encoding"), QByteArray("gzip"));
    QVERIFY(parser.keepAlive());
    QVERIFY(!parser.upgradeRequested());
    QCOMPARE(parser.rejectStatus(), 0);
}

void TestHttpRequestParser::stopsAfterEachPipelinedRequest()
{
    HttpRequestParser parser(m_limits);
    const QByteArray first = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray second = "HEAD /b HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray partial = "GET /c HTT";
    const QByteArray bytes = first + second + partial;
    qsizetype used = 0;
    QCOMPARE(parser.feed(bytes.constData(), bytes.size(), &used), Result::Request);
    QCOMPARE(used, first.size());
    QCOMPARE(parser.request().path, QStringLiteral("/a"));
    qsizetype offset = used;
    QCOMPARE(parser.feed(bytes.constData() + offset, bytes.size() - offset, &used),
             Result::Request);
    QCOMPARE(used, second.size());
    QVERIFY(parser.request().isHead());
    QCOMPARE(parser.request().path, QStringLiteral("/b"));
    offset += used;
    QCOMPARE(parser.feed(bytes.constData() + offset, bytes.size() - offset, &used),
             Result::NeedMore);
    QCOMPARE(used, partial.size());
    QVERIFY(parser.inMessage());
}

void TestHttpRequestParser::keepAliveRules_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("HTTP/1.1 default") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << true;
    QTest::newRow("HTTP/1.1 close")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") << false;
    QTest::newRow("HTTP/1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("HTTP/1.0 keep-alive")
        << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true;
}

void TestHttpRequestParser::keepAliveRules()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, keepAlive);
    HttpRequestParser parser(m_limits);
    qsizetype used = 0;
    QCOMPARE(parser.feed(bytes.constData(), bytes.size(), &used), Result::Request);
    QCOMPARE(parser.keepAlive(), keepAlive);
}

void TestHttpRequestParser::rejectsBodilessOtherMethodsWith405()
{
    HttpRequestParser parser(m_limits);
    const QByteArray bytes =
        "DELETE /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n";
    qsizetype used = 0;
    QCOMPARE(parser.feed(bytes.constData(), bytes.size(), &used), Result::Request);
    QCOMPARE(parser.rejectStatus(), 405);
    QCOMPARE(parser.request().method, QByteArray("DELETE"));
    QCOMPARE(parser.feed(bytes.constData() + used, bytes.size() - used, &used), Result::Request);
    QCOMPARE(parser.rejectStatus(), 0);
}

void TestHttpRequestParser::recognisesH2cUpgrade_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<bool>("upgrade");
    QTest::newRow("curl's upgrade") << QByteArray("Connection: Upgrade, HTTP2-Settings\r\n"
                                                  "Upgrade: h2c\r\nHTTP2-Settings: AAMA\r\n")
                                    << true;
    QTest::newRow("case and spacing do not matter")
        << QByteArray("connection: http2-settings ,upgrade\r\nupgrade: H2C\r\n"
                      "http2-settings: AAMA\r\n")
        << true;
    QTest::newRow("no HTTP2-Settings")
        << QByteArray("Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n") << false;
    QTest::newRow("two HTTP2-Settings")
        << QByteArray("Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                      "HTTP2-Settings: AAMA\r\nHTTP2-Settings: AAMA\r\n")
        << false;
    QTest::newRow("Connection lacks HTTP2-Settings")
        << QByteArray("Connection: Upgrade\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMA\r\n") << false;
    QTest::newRow("websocket is not h2c")
        << QByteArray("Connection: Upgrade, HTTP2-Settings\r\nUpgrade: websocket\r\n"
                      "HTTP2-Settings: AAMA\r\n")
        << false;
}

void TestHttpRequestParser::recognisesH2cUpgrade()
{
    QFETCH(QByteArray, headers);
    QFETCH(bool, upgrade);
    HttpRequestParser parser(m_limits);
    const QByteArray bytes = "GET / HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
    qsizetype used = 0;
    QCOMPARE(parser.feed(bytes.constData(), bytes.size(), &used), Result::Request);
    QCOMPARE(used, bytes.size());
    QCOMPARE(parser.upgradeRequested(), upgrade);
}

void TestHttpRequestParser::continuesAfterAnUpgradeRequest()
{
    HttpRequestParser parser(m_limits);
    const QByteArray bytes = "GET /up HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                             "Upgrade: foo\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n";
    qsizetype used = 0;
    QCOMPARE(parser.feed(bytes.constData(), bytes.size(), &used), Result::Request);
    QCOMPARE(parser.request().path, QStringLiteral("/up"));
    QCOMPARE(parser.feed(bytes.constData() + used, bytes.size() - used, &used), Result::Request);
    QCOMPARE(parser.request().path, QStringLiteral("/next"));
}

void TestHttpRequestParser::errorsCarryStatusAndReason_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reasonPart");
    QTest::newRow("traversal") << QByteArray("GET /../x HTTP/1.1\r\nHost: x\r\n\r\n") << 400
                               << QByteArray("'..'");
    QTest::newRow("long target") << "GET /" + QByteArray(17000, 'a') + " HTTP/1.1\r\n"
                                 << 414 << QByteArray("too long");
    QTest::newRow("big headers") << "GET / HTTP/1.1\r\nX: " + QByteArray(17000, 'a') << 431
                                 << QByteArray("too large");
    QTest::newRow("version") << QByteArray("GET / HTTP/2.0\r\nHost: x\r\n\r\n") << 505
                             << QByteArray("HTTP/1.0 and HTTP/1.1");
    QTest::newRow("no Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400 << QByteArray("Host");
    QTest::newRow("smuggling") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                                             "Transfer-Encoding: chunked\r\n\r\n")
                               << 400 << QByteArray("");
    QTest::newRow("syntax") << QByteArray("GET / HTTP/1.1\r\nBad Header\r\n\r\n") << 400
                            << QByteArray("");
}

void TestHttpRequestParser::errorsCarryStatusAndReason()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QByteArray, reasonPart);
    HttpRequestParser parser(m_limits);
    qsizetype used = 0;
    QCOMPARE(parser.feed(bytes.constData(), bytes.size(), &used), Result::Error);
    QCOMPARE(used, bytes.size());
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorReason().isEmpty());
    QVERIFY2(parser.errorReason().contains(reasonPart), parser.errorReason().constData());
}

void TestHttpRequestParser::logsTheRequestLine()
{
    HttpRequestParser parser(m_limits);
    QVERIFY(parser.requestLineForLog().isEmpty());
    const QByteArray bytes = "GET /" + QByteArray(2000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
    qsizetype used = 0;
    QCOMPARE(parser.feed(bytes.constData(), bytes.size(), &used), Result::Request);
    const QByteArray line = parser.requestLineForLog();
    QVERIFY(line.startsWith("GET /aaa"));
    QVERIFY(line.endsWith("..."));
    QCOMPARE(line.size(), qsizetype(4 + 1024 + 3));
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"

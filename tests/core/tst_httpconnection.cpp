// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpserver.h"
#include "httptestclient.h"
#include "protocolupgrader.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

#include <memory>

using namespace Stowaway;
using namespace StowawayTest;

namespace {

// Remembers the last request it saw.
class RecordingHandler final : public RequestHandler
{
public:
    HttpResponse handle(const HttpRequest &request) override
    {
        QMutexLocker lock(&mutex);
        last = request;
        ++calls;
        HttpResponse response;
        response.body = request.path.toUtf8();
        return response;
    }
    QMutex mutex;
    HttpRequest last;
    int calls = 0;
};

// A stand-in for Http2Session: echoes what it receives, upper-cased, and records it.
class EchoSession final : public ProtocolSession
{
public:
    EchoSession(std::function<void(const QByteArray &)> writeOut, QByteArray *received)
        : m_writeOut(std::move(writeOut)), m_received(received)
    {}
    bool receive(const QByteArray &bytes) override
    {
        *m_received += bytes;
        m_writeOut(bytes.toUpper());
        return !bytes.contains("FATAL");
    }
    bool wantsClose() const override { return false; }

private:
    std::function<void(const QByteArray &)> m_writeOut;
    QByteArray *m_received;
};

class FakeUpgrader final : public ProtocolUpgrader
{
public:
    std::unique_ptr<ProtocolSession> startHttp2(RequestHandler &, const HttpRequest *request,
                                                const QByteArray &settings,
                                                std::function<void(const QByteArray &)> writeOut,
                                                std::function<void()>) override
    {
        ++starts;
        upgradePath = request ? request->path : QStringLiteral("(prior knowledge)");
        settingsSeen = settings;
        if (decline)
            return nullptr;
        writeOut("SERVER-PREFACE;"); // must come after the 101 head
        return std::make_unique<EchoSession>(std::move(writeOut), &received);
    }
    bool decline = false;
    int starts = 0;
    QString upgradePath;
    QByteArray settingsSeen;
    QByteArray received; // touched on the worker thread; read after the client saw the echo
};

// A byte array from a literal that may contain NUL bytes.
template <qsizetype N> QByteArray raw(const char (&bytes)[N])
{
    return QByteArray(bytes, N - 1);
}

const QByteArray kUpgradeRequest = "GET /up HTTP/1.1\r\nHost: localhost\r\n"
                                   "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                                   "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n";

} // namespace

class TestHttpConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void hostileRequestsAreRefused_data();
    void hostileRequestsAreRefused();
    void safeTargetsReachTheHandler_data();
    void safeTargetsReachTheHandler();
    void requestIsFilledIn();
    void upgradeIsIgnoredWithoutUpgrader();
    void upgradeHandsOverToHttp2();
    void declinedUpgradeIsAnsweredAsHttp11();
    void priorKnowledgeHandsOverToHttp2();
    void priorKnowledgeWithoutUpgraderIsRefused();

private:
    TestHandler m_handler;
};

void TestHttpConnection::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("stowaway.server.warning=false\n"
                                                    "stowaway.server.info=false"));
}

void TestHttpConnection::hostileRequestsAreRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    const QByteArray host = " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    auto get = [&](const QByteArray &target) -> QByteArray { return "GET " + target + host; };
    auto withHeaders = [](const QByteArray &headers) -> QByteArray {
        return "GET /small HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n";
    };

    // Path traversal in every encoding.
    QTest::newRow("dot-dot segment") << get("/../etc/passwd") << 400;
    QTest::newRow("dot-dot deeper in the path") << get("/index/../../etc/passwd") << 400;
    QTest::newRow("trailing dot-dot") << get("/index/..") << 400;
    QTest::newRow("single dot segment") << get("/./small") << 400;
    QTest::newRow("encoded dots") << get("/%2e%2e/etc/passwd") << 400;
    QTest::newRow("upper-case encoded dots and slash") << get("/%2E%2E%2Fetc%2Fpasswd") << 400;
    QTest::newRow("dots with encoded slash") << get("/..%2fetc/passwd") << 400;
    QTest::newRow("half-encoded dots") << get("/.%2e/etc/passwd") << 400;
    QTest::newRow("double-encoded dots") << get("/%252e%252e/etc/passwd") << 400;
    QTest::newRow("overlong UTF-8 dots") << get("/%c0%ae%c0%ae/etc/passwd") << 400;
    QTest::newRow("backslash") << get("/index\\..\\secret") << 400;
    QTest::newRow("encoded backslash") << get("/index%5c..%5csecret") << 400;
    QTest::newRow("double slash") << get("//etc/passwd") << 400;
    QTest::newRow("encoded slash making a double slash") << get("/index/%2fetc") << 400;
    // Bytes that must never reach a file name.
    QTest::newRow("encoded NUL") << get("/small%00.txt") << 400;
    QTest::newRow("encoded control character") << get("/small%01") << 400;
    QTest::newRow("encoded newline") << get("/small%0d%0aX-Injected:%20yes") << 400;
    QTest::newRow("invalid UTF-8") << get("/caf%ff") << 400;
    QTest::newRow("malformed escape") << get("/a%zz") << 400;
    QTest::newRow("truncated escape") << get("/a%2") << 400;
    QTest::newRow("raw NUL in target") << raw("GET /sm\0all HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("NUL in header value")
        << raw("GET /small HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n") << 400;
    QTest::newRow("NUL in header name")
        << raw("GET /small HTTP/1.1\r\nHost: x\r\nX\0A: b\r\n\r\n") << 400;
    QTest::newRow("fragment in target") << get("/small#frag") << 400;
    // Not a proxy.
    QTest::newRow("absolute-form target") << get("http://evil.example/x") << 400;
    QTest::newRow("authority-form CONNECT") << QByteArray("CONNECT evil.example:443" + host) << 400;
    QTest::newRow("asterisk-form OPTIONS") << QByteArray("OPTIONS *" + host) << 400;
    // Size limits.
    QTest::newRow("target over 16 KiB") << get('/' + QByteArray(20000, 'a')) << 414;
    QTest::newRow("one header over 16 KiB")
        << withHeaders("X-Big: " + QByteArray(20000, 'b') + "\r\n") << 431;
    QTest::newRow("headers far beyond any limit")
        << withHeaders("X-Big: " + QByteArray(200000, 'b') + "\r\n") << 431;
    QByteArray many;
    for (int i = 0; i < 150; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many header fields") << withHeaders(many) << 431;
    // Request smuggling and bodies.
    QTest::newRow("Content-Length and Transfer-Encoding")
        << withHeaders("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") << 400;
    QTest::newRow("two different Content-Length values")
        << withHeaders("Content-Length: 0\r\nContent-Length: 5\r\n") << 400;
    QTest::newRow("two equal Content-Length values")
        << withHeaders("Content-Length: 0\r\nContent-Length: 0\r\n") << 400;
    QTest::newRow("Transfer-Encoding other than chunked")
        << withHeaders("Transfer-Encoding: gzip\r\n") << 400;
    QTest::newRow("chunked body on GET")
        << QByteArray("GET /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\nhello\r\n0\r\n\r\n")
        << 400;
    QTest::newRow("Content-Length body on GET")
        << QByteArray("GET /small HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello") << 400;
    QTest::newRow("body on HEAD")
        << QByteArray("HEAD /small HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc") << 400;
    QTest::newRow("POST with a body")
        << QByteArray("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello") << 405;
    // Versions and framing.
    QTest::newRow("HTTP/2.0 in an HTTP/1 request line")
        << QByteArray("GET /small HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("HTTP/1.2") << QByteArray("GET /small HTTP/1.2\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("HTTP/3 without minor version")
        << QByteArray("GET /small HTTP/3\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("HTTP/0.9 request line") << QByteArray("GET /small\r\n\r\n") << 505;
    QTest::newRow("missing Host on HTTP/1.1")
        << QByteArray("GET /small HTTP/1.1\r\nUser-Agent: x\r\n\r\n") << 400;
    QTest::newRow("two Host headers") << withHeaders("Host: other\r\n") << 400;
    QTest::newRow("lower-case method") << QByteArray("get /small" + host) << 400;
    QTest::newRow("unknown method") << QByteArray("BREW /small" + host) << 400;
    QTest::newRow("TLS handshake on the plain port")
        << raw("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03") << 400;
    QTest::newRow("binary garbage") << QByteArray(64, '\xff') << 400;
}

void TestHttpConnection::hostileRequestsAreRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    HttpServer server(m_handler, ServerOptions{});
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    const int callsBefore = m_handler.calls.load();

    HttpTestClient attacker;
    QVERIFY(attacker.connectTo(server.serverAddress(), server.serverPort()));
    attacker.sendRaw(request);
    QVERIFY(attacker.waitForResponses(1));
    QCOMPARE(attacker.responses().first().status, status);
    QCOMPARE(attacker.responses().first().header("connection"), QByteArray("close"));
    QVERIFY(!attacker.responses().first().body.isEmpty()); // says what went wrong
    QVERIFY(attacker.waitForDisconnected());
    QCOMPARE(m_handler.calls.load(), callsBefore); // the handler never saw it

    // The server keeps serving everyone else.
    HttpTestClient next;
    QVERIFY(next.connectTo(server.serverAddress(), server.serverPort()));
    next.get("/small");
    QVERIFY(next.waitForResponses(1));
    QCOMPARE(next.responses().first().status, 200);
    QCOMPARE(next.responses().first().body, QByteArray("hello"));
}

void TestHttpConnection::safeTargetsReachTheHandler_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("echo");
    QTest::newRow("plain path") << QByteArray("/index/se/rd/serde")
                                << QByteArray("/index/se/rd/serde");
    QTest::newRow("plus stays plus") << QByteArray("/a+b") << QByteArray("/a+b");
    QTest::newRow("encoded plus decodes to plus") << QByteArray("/a%2Bb") << QByteArray("/a+b");
    QTest::newRow("encoded space decodes once") << QByteArray("/a%20b") << QByteArray("/a b");
    QTest::newRow("UTF-8 is decoded") << QByteArray("/caf%C3%A9") << QByteArray("/caf\xc3\xa9");
    QTest::newRow("query is kept raw")
        << QByteArray("/q?x=%2F..%2F&y=+") << QByteArray("/q?x=%2F..%2F&y=+");
    QTest::newRow("dots inside a name") << QByteArray("/a..b/.c/d.") << QByteArray("/a..b/.c/d.");
    QTest::newRow("trailing slash") << QByteArray("/index/") << QByteArray("/index/");
    QTest::newRow("root") << QByteArray("/") << QByteArray("/");
}

void TestHttpConnection::safeTargetsReachTheHandler()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, echo);
    HttpServer server(m_handler, ServerOptions{});
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    HttpTestClient client;
    QVERIFY(client.connectTo(server.serverAddress(), server.serverPort()));
    client.get(target);
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().status, 200);
    QCOMPARE(client.responses().first().body, echo);
}

void TestHttpConnection::requestIsFilledIn()
{
    RecordingHandler handler;
    HttpServer server(handler, ServerOptions{});
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    HttpTestClient client;
    QVERIFY(client.connectTo(server.serverAddress(), server.serverPort()));
    client.sendRaw("GET /index/3/a/abc?v=1 HTTP/1.1\r\nHOST:  localhost:8080 \r\n"
                   "User-Agent: cargo/1.80\r\nX-Twice: a\r\nX-Twice: b\r\n\r\n");
    QVERIFY(client.waitForResponses(1));
    QMutexLocker lock(&handler.mutex);
    const HttpRequest &request = handler.last;
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.target, QByteArray("/index/3/a/abc?v=1"));
    QCOMPARE(request.path, QStringLiteral("/index/3/a/abc"));
    QCOMPARE(request.query, QByteArray("v=1"));
    QCOMPARE(request.versionMajor, 1);
    QCOMPARE(request.versionMinor, 1);
    QCOMPARE(request.headers.first().first, QByteArray("host"));
    QCOMPARE(request.header("host"), QByteArray("localhost:8080"));
    QCOMPARE(request.header("user-agent"), QByteArray("cargo/1.80"));
    QCOMPARE(request.headerCount("x-twice"), 2);
    QCOMPARE(request.peerAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(request.peerPort, client.socket()->localPort());
    QCOMPARE(request.localAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(request.localPort, server.serverPort());
}

void TestHttpConnection::upgradeIsIgnoredWithoutUpgrader()
{
    HttpServer server(m_handler, ServerOptions{});
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    HttpTestClient client;
    QVERIFY(client.connectTo(server.serverAddress(), server.serverPort()));
    // Two upgrade requests and a plain one, pipelined: all answered as HTTP/1.1.
    client.sendRaw(kUpgradeRequest + kUpgradeRequest + "GET /small HTTP/1.1\r\nHost: x\r\n\r\n",
                   {false, false, false});
    QVERIFY(client.waitForResponses(3));
    QCOMPARE(client.responses().at(0).status, 200);
    QCOMPARE(client.responses().at(0).body, QByteArray("/up"));
    QCOMPARE(client.responses().at(1).body, QByteArray("/up"));
    QCOMPARE(client.responses().at(2).body, QByteArray("hello"));
}

void TestHttpConnection::upgradeHandsOverToHttp2()
{
    FakeUpgrader upgrader;
    HttpServer server(m_handler, ServerOptions{});
    server.setProtocolUpgrader(&upgrader);
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    HttpTestClient client;
    QVERIFY(client.connectTo(server.serverAddress(), server.serverPort()));
    client.sendRaw(kUpgradeRequest + "preface-and-frames");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().status, 101);
    QCOMPARE(client.responses().first().header("upgrade"), QByteArray("h2c"));
    QTRY_COMPARE_WITH_TIMEOUT(client.leftover(), QByteArray("SERVER-PREFACE;PREFACE-AND-FRAMES"),
                              5000);
    QCOMPARE(upgrader.starts, 1);
    QCOMPARE(upgrader.upgradePath, QStringLiteral("/up"));
    QCOMPARE(upgrader.settingsSeen, QByteArray("AAMAAABkAAQAoAAAAAIAAAAA"));
    QCOMPARE(upgrader.received, QByteArray("preface-and-frames"));
    // A fatal protocol error closes the connection.
    client.sendRaw("FATAL");
    QVERIFY(client.waitForDisconnected());
}

void TestHttpConnection::declinedUpgradeIsAnsweredAsHttp11()
{
    FakeUpgrader upgrader;
    upgrader.decline = true;
    HttpServer server(m_handler, ServerOptions{});
    server.setProtocolUpgrader(&upgrader);
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    HttpTestClient client;
    QVERIFY(client.connectTo(server.serverAddress(), server.serverPort()));
    client.sendRaw(kUpgradeRequest + "GET /small HTTP/1.1\r\nHost: x\r\n\r\n", {false, false});
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses().at(0).status, 200);
    QCOMPARE(client.responses().at(0).body, QByteArray("/up"));
    QCOMPARE(client.responses().at(1).body, QByteArray("hello"));
    QCOMPARE(upgrader.starts, 1);
}

void TestHttpConnection::priorKnowledgeHandsOverToHttp2()
{
    FakeUpgrader upgrader;
    HttpServer server(m_handler, ServerOptions{});
    server.setProtocolUpgrader(&upgrader);
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QTcpSocket client;
    QByteArray received;
    connect(&client, &QTcpSocket::readyRead, &client, [&] { received += client.readAll(); });
    client.connectToHost(server.serverAddress(), server.serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, 5000);
    // The preface split over two writes must still be recognised.
    client.write("PRI * HTTP/2.0\r\n");
    client.flush();
    QTest::qWait(50);
    client.write("\r\nSM\r\n\r\nframes");
    QTRY_COMPARE_WITH_TIMEOUT(
        received, QByteArray("SERVER-PREFACE;PRI * HTTP/2.0\r\n\r\nSM\r\n\r\nFRAMES"), 5000);
    QCOMPARE(upgrader.upgradePath, QStringLiteral("(prior knowledge)"));
}

void TestHttpConnection::priorKnowledgeWithoutUpgraderIsRefused()
{
    HttpServer server(m_handler, ServerOptions{});
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    HttpTestClient client;
    QVERIFY(client.connectTo(server.serverAddress(), server.serverPort()));
    client.sendRaw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().status, 400);
    QVERIFY(client.waitForDisconnected());
}

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "tst_httpconnection.moc"

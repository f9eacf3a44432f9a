// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpserver.h"
#include "httptestclient.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Stowaway;
using namespace StowawayTest;

class TestHttpServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void listenPicksAFreePort();
    void busyPortSaysWhatToDo();
    void keepAliveServesSeveralRequests();
    void pipelinedRequestsAreAnsweredInOrder();
    void pipelinedLargeBodiesRespectBackpressure();
    void headSendsLengthWithoutBody();
    void otherMethodsAre405();
    void responseCarriesDateServerAndLength();
    void handlerHeadersCannotSplitTheResponse();
    void throwingHandlerGets500();
    void http10ClosesUnlessKeepAlive_data();
    void http10ClosesUnlessKeepAlive();
    void connectionCloseIsHonoured_data();
    void connectionCloseIsHonoured();
    void slowHeadGets408();
    void idleKeepAliveIsClosedSilently();
    void silentNewConnectionIsClosedAfterHeaderTimeout();
    void clientThatNeverReadsIsDropped();
    void connectionCapAnswers503();
    void manyConcurrentClients();
    void servesIpv6Loopback();
    void curlFetchesOverHttp11();
    void closeDropsConnections();

private:
    std::unique_ptr<HttpServer> startServer(ServerOptions options = {});
    TestHandler m_handler;
};

void TestHttpServer::initTestCase()
{
    // Refusals are expected in these tests; keep the output readable.
    QLoggingCategory::setFilterRules(QStringLiteral("stowaway.server.warning=false\n"
                                                    "stowaway.server.critical=false\n"
                                                    "stowaway.server.info=false"));
}

std::unique_ptr<HttpServer> TestHttpServer::startServer(ServerOptions options)
{
    if (options.address.isNull())
        options.address = QHostAddress(QHostAddress::LocalHost);
    auto server = std::make_unique<HttpServer>(m_handler, options);
    QString error;
    if (!server->listen(&error)) {
        qWarning() << error;
        return nullptr;
    }
    return server;
}

void TestHttpServer::listenPicksAFreePort()
{
    auto server = startServer();
    QVERIFY(server);
    QVERIFY(server->isListening());
    QVERIFY(server->serverPort() != 0);
    QCOMPARE(server->serverAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(server->activeConnections(), 0);
}

void TestHttpServer::busyPortSaysWhatToDo()
{
    auto first = startServer();
    QVERIFY(first);
    ServerOptions options;
    options.port = first->serverPort();
    HttpServer second(m_handler, options);
    QString error;
    QVERIFY(!second.listen(&error));
    QVERIFY2(error.contains(QLatin1String("already in use")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("--listen")), qPrintable(error));
    QVERIFY(error.contains(QString::number(options.port)));
}

void TestHttpServer::keepAliveServesSeveralRequests()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    for (int i = 0; i < 5; ++i) {
        client.get("/item/" + QByteArray::number(i));
        QVERIFY(client.waitForResponses(i + 1));
        QCOMPARE(client.responses().last().status, 200);
        QCOMPARE(client.responses().last().body, "/item/" + QByteArray::number(i));
        QVERIFY(client.responses().last().header("connection").isNull());
    }
    QVERIFY(!client.disconnected());
    QCOMPARE(server->activeConnections(), 1);
}

void TestHttpServer::pipelinedRequestsAreAnsweredInOrder()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    QByteArray batch;
    QList<bool> heads;
    for (int i = 0; i < 50; ++i) {
        batch += "GET /p/" + QByteArray::number(i) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        heads.append(false);
    }
    client.sendRaw(batch, heads);
    QVERIFY(client.waitForResponses(50));
    QTest::qWait(50); // nothing extra may follow
    QCOMPARE(client.responses().size(), 50);
    QVERIFY(client.leftover().isEmpty());
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(client.responses().at(i).status, 200);
        QCOMPARE(client.responses().at(i).body, "/p/" + QByteArray::number(i));
    }
}

void TestHttpServer::pipelinedLargeBodiesRespectBackpressure()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    QByteArray batch;
    QList<bool> heads;
    for (int i = 0; i < 8; ++i) {
        batch +=
            "GET /big HTTP/1.1\r\nHost: localhost\r\n\r\nGET /small HTTP/1.1\r\nHost: x\r\n\r\n";
        heads << false << false;
    }
    client.sendRaw(batch, heads);
    QVERIFY(client.waitForResponses(16, 10000));
    const QByteArray big = TestHandler::bigBody();
    for (int i = 0; i < 16; i += 2) {
        QCOMPARE(client.responses().at(i).body.size(), big.size());
        QVERIFY(client.responses().at(i).body == big);
        QCOMPARE(client.responses().at(i + 1).body, QByteArray("hello"));
    }
}

void TestHttpServer::headSendsLengthWithoutBody()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    client.sendRaw("HEAD /big HTTP/1.1\r\nHost: localhost\r\n\r\n", {true});
    client.get("/small");
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses().at(0).status, 200);
    QCOMPARE(client.responses().at(0).header("content-length"), QByteArray("1048576"));
    QVERIFY(client.responses().at(0).body.isEmpty());
    // If the HEAD response had carried a body, this would not parse as "hello".
    QCOMPARE(client.responses().at(1).body, QByteArray("hello"));
}

void TestHttpServer::otherMethodsAre405()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    const int callsBefore = m_handler.calls.load();
    client.sendRaw("DELETE /small HTTP/1.1\r\nHost: localhost\r\n\r\n"
                   "OPTIONS /small HTTP/1.1\r\nHost: localhost\r\n\r\n",
                   {false, false});
    QVERIFY(client.waitForResponses(2));
    for (const ParsedResponse &response : client.responses()) {
        QCOMPARE(response.status, 405);
        QCOMPARE(response.header("allow"), QByteArray("GET, HEAD"));
    }
    QCOMPARE(m_handler.calls.load(), callsBefore);
    client.get("/small"); // a 405 without a body keeps the connection
    QVERIFY(client.waitForResponses(3));
    QCOMPARE(client.responses().at(2).status, 200);
}

void TestHttpServer::responseCarriesDateServerAndLength()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    client.get("/small");
    QVERIFY(client.waitForResponses(1));
    const ParsedResponse &response = client.responses().first();
    QCOMPARE(response.header("content-length"), QByteArray("5"));
    QCOMPARE(response.header("server"), QByteArray("stowaway/" STOWAWAY_VERSION));
    QCOMPARE(response.header("content-type"), QByteArray("text/plain"));
    static const QRegularExpression imfFixdate(QStringLiteral(
        R"(^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$)"));
    const QString date = QString::fromLatin1(response.header("date"));
    QVERIFY2(imfFixdate.match(date).hasMatch(), qPrintable(date));
}

void TestHttpServer::handlerHeadersCannotSplitTheResponse()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    client.get("/split");
    client.get("/small");
    QVERIFY(client.waitForResponses(2));
    const ParsedResponse &response = client.responses().first();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("split"));
    QVERIFY(response.header("x-evil").isNull());
    QVERIFY(response.header("set-cookie").isNull());
    QCOMPARE(response.header("x-fine"), QByteArray("kept"));
    QCOMPARE(client.responses().at(1).body, QByteArray("hello"));
}

void TestHttpServer::throwingHandlerGets500()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    client.get("/throw");
    client.get("/small");
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses().at(0).status, 500);
    QCOMPARE(client.responses().at(1).status, 200); // the connection survives
}

void TestHttpServer::http10ClosesUnlessKeepAlive_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("closes");
    QTest::newRow("HTTP/1.0 closes by default")
        << QByteArray("GET /small HTTP/1.0\r\n\r\n") << true;
    QTest::newRow("HTTP/1.0 with keep-alive stays open")
        << QByteArray("GET /small HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << false;
}

void TestHttpServer::http10ClosesUnlessKeepAlive()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, closes);
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    client.sendRaw(request);
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().status, 200);
    QCOMPARE(client.responses().first().body, QByteArray("hello"));
    if (closes) {
        QCOMPARE(client.responses().first().header("connection"), QByteArray("close"));
        QVERIFY(client.waitForDisconnected());
    } else {
        QCOMPARE(client.responses().first().header("connection"), QByteArray("keep-alive"));
        client.sendRaw(request);
        QVERIFY(client.waitForResponses(2));
        QVERIFY(!client.disconnected());
    }
}

void TestHttpServer::connectionCloseIsHonoured_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("client asks with Connection: close")
        << QByteArray("GET /small HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                      "GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
    QTest::newRow("handler asks with closeConnection")
        << QByteArray("GET /close HTTP/1.1\r\nHost: x\r\n\r\n"
                      "GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
}

void TestHttpServer::connectionCloseIsHonoured()
{
    QFETCH(QByteArray, request);
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    client.sendRaw(request, {false, false});
    QVERIFY(client.waitForResponses(1));
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.responses().size(), 1); // the pipelined second request is not answered
    QCOMPARE(client.responses().first().status, 200);
    QCOMPARE(client.responses().first().header("connection"), QByteArray("close"));
    QTRY_COMPARE_WITH_TIMEOUT(server->activeConnections(), 0, 5000);
}

void TestHttpServer::slowHeadGets408()
{
    ServerOptions options;
    options.headerTimeout = std::chrono::milliseconds(300);
    auto server = startServer(options);
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    client.sendRaw("GET /small HTTP/1.1\r\nHost: localhost\r\nX-Slow: "); // never finished
    QElapsedTimer timer;
    timer.start();
    QVERIFY(client.waitForResponses(1, 3000));
    QVERIFY(timer.elapsed() >= 250);
    QCOMPARE(client.responses().first().status, 408);
    QCOMPARE(client.responses().first().header("connection"), QByteArray("close"));
    QVERIFY(client.waitForDisconnected(3000));
}

void TestHttpServer::idleKeepAliveIsClosedSilently()
{
    ServerOptions options;
    options.idleTimeout = std::chrono::milliseconds(300);
    auto server = startServer(options);
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    client.get("/small");
    QVERIFY(client.waitForResponses(1));
    QVERIFY(client.waitForDisconnected(3000));
    QCOMPARE(client.responses().size(), 1);
    QVERIFY(client.leftover().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(server->activeConnections(), 0, 3000);
}

void TestHttpServer::silentNewConnectionIsClosedAfterHeaderTimeout()
{
    ServerOptions options;
    options.headerTimeout = std::chrono::milliseconds(300);
    auto server = startServer(options);
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(client.waitForDisconnected(3000)); // not the 30 s idle timeout
    QVERIFY(timer.elapsed() >= 250);
    QVERIFY(client.responses().isEmpty());
    QVERIFY(client.leftover().isEmpty());
}

void TestHttpServer::clientThatNeverReadsIsDropped()
{
    ServerOptions options;
    options.writeTimeout = std::chrono::milliseconds(400);
    auto server = startServer(options);
    QVERIFY(server);
    QTcpSocket client;
    client.setReadBufferSize(1); // Qt stops reading from the kernel: the client "never reads"
    client.connectToHost(server->serverAddress(), server->serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, 5000);
    QByteArray batch;
    for (int i = 0; i < 40; ++i)
        batch += "GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n";
    client.write(batch);
    QTRY_COMPARE_WITH_TIMEOUT(server->activeConnections(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(server->activeConnections(), 0, 8000);
}

void TestHttpServer::connectionCapAnswers503()
{
    ServerOptions options;
    options.maxConnections = 2;
    auto server = startServer(options);
    QVERIFY(server);
    HttpTestClient first, second, third;
    for (HttpTestClient *client : {&first, &second}) {
        QVERIFY(client->connectTo(server->serverAddress(), server->serverPort()));
        client->get("/small");
        QVERIFY(client->waitForResponses(1));
        QCOMPARE(client->responses().first().status, 200);
    }
    QCOMPARE(server->activeConnections(), 2);
    QVERIFY(third.connectTo(server->serverAddress(), server->serverPort()));
    third.get("/small");
    QVERIFY(third.waitForResponses(1));
    QCOMPARE(third.responses().first().status, 503);
    QCOMPARE(third.responses().first().header("connection"), QByteArray("close"));
    QVERIFY(third.waitForDisconnected());
    QCOMPARE(server->activeConnections(), 2);

    // Once a slot frees up, new clients are served again.
    first.socket()->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(server->activeConnections(), 1, 5000);
    HttpTestClient fourth;
    QVERIFY(fourth.connectTo(server->serverAddress(), server->serverPort()));
    fourth.get("/small");
    QVERIFY(fourth.waitForResponses(1));
    QCOMPARE(fourth.responses().first().status, 200);
}

void TestHttpServer::manyConcurrentClients()
{
    constexpr int kClients = 32;
    constexpr int kRequests = 20;
    auto server = startServer();
    QVERIFY(server);
    std::vector<std::unique_ptr<HttpTestClient>> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<HttpTestClient>());
        clients.back()->socket()->connectToHost(server->serverAddress(), server->serverPort());
    }
    // Every client keeps one request in flight and sends the next when it is answered.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(),
                                         [](const auto &c) {
                                             return c->socket()->state() ==
                                                    QAbstractSocket::ConnectedState;
                                         }),
                             5000);
    std::vector<int> sent(kClients, 1);
    for (int i = 0; i < kClients; ++i)
        clients[i]->get("/c/" + QByteArray::number(i) + "/0");
    const bool done = QTest::qWaitFor(
        [&] {
            bool all = true;
            for (int i = 0; i < kClients; ++i) {
                HttpTestClient &client = *clients[i];
                const int answered = int(client.responses().size());
                if (answered == sent[i] && sent[i] < kRequests) {
                    client.get("/c/" + QByteArray::number(i) + '/' + QByteArray::number(sent[i]));
                    ++sent[i];
                }
                all = all && answered == kRequests;
            }
            return all;
        },
        15000);
    QVERIFY(done);
    for (int i = 0; i < kClients; ++i) {
        const auto &responses = clients[i]->responses();
        QCOMPARE(responses.size(), kRequests);
        for (int r = 0; r < kRequests; ++r) {
            QCOMPARE(responses.at(r).status, 200);
            QCOMPARE(responses.at(r).body,
                     "/c/" + QByteArray::number(i) + '/' + QByteArray::number(r));
        }
    }
    QCOMPARE(server->activeConnections(), kClients);
}

void TestHttpServer::servesIpv6Loopback()
{
    ServerOptions options;
    options.address = QHostAddress(QHostAddress::LocalHostIPv6);
    auto server = startServer(options);
    QVERIFY2(server, "::1 is expected to be available on the test machine");
    HttpTestClient client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHostIPv6), server->serverPort()));
    client.sendRaw("GET /v6 HTTP/1.1\r\nHost: [::1]\r\n\r\n");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().status, 200);
    QCOMPARE(client.responses().first().body, QByteArray("/v6"));
}

void TestHttpServer::curlFetchesOverHttp11()
{
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    QVERIFY2(!curl.isEmpty(), "curl is part of the test toolchain (scripts/setup.sh)");
    auto server = startServer();
    QVERIFY(server);
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(server->serverPort());
    // --http2 on a cleartext URL makes curl try an h2c upgrade; without an upgrader the
    // server must answer plain HTTP/1.1, and a second URL reuses the connection.
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(curl, {QStringLiteral("-sS"), QStringLiteral("--http2"),
                         QStringLiteral("--max-time"), QStringLiteral("10"), QStringLiteral("-w"),
                         QStringLiteral("|%{http_code}|%{num_connects}\n"),
                         base + QStringLiteral("/small"), base + QStringLiteral("/big")});
    QVERIFY(finished.wait(15000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray out = process.readAllStandardOutput();
    QVERIFY(out.startsWith("hello|200|1\n"));
    QVERIFY(out.endsWith("|200|0\n")); // the second transfer reused the connection
    QCOMPARE(out.size(), qsizetype(12 + 1024 * 1024 + 7));
}

void TestHttpServer::closeDropsConnections()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient client;
    QVERIFY(client.connectTo(server->serverAddress(), server->serverPort()));
    client.get("/small");
    QVERIFY(client.waitForResponses(1));
    server->close();
    QVERIFY(!server->isListening());
    QVERIFY(client.waitForDisconnected());
    QTRY_COMPARE_WITH_TIMEOUT(server->activeConnections(), 0, 5000);
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"

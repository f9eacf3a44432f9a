// SPDX-License-Identifier: GPL-3.0-or-later
#include "http2session.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <map>

using namespace Stowaway;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype BigSize = 3 * 1024 * 1024;

QByteArray bigBody()
{
    QByteArray body(BigSize, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char('a' + (i * 7 + i / 1000) % 26);
    return body;
}

/// Serves /small, /big and echoes every other path; remembers the requests it saw.
class TestHandler : public RequestHandler
{
public:
    HttpResponse handle(const HttpRequest &request) override
    {
        {
            QMutexLocker lock(&m_mutex);
            m_requests.append(request);
        }
        HttpResponse response;
        if (request.method != "GET" && request.method != "HEAD") {
            response = HttpResponse::error(405, "Only GET and HEAD are allowed.");
            response.setHeader("allow", "GET, HEAD");
        } else if (request.path == u"/small") {
            response.body = QByteArray(100, 's');
            // Connection-specific fields must never reach an HTTP/2 client.
            response.setHeader("connection", "keep-alive");
            response.setHeader("transfer-encoding", "chunked");
            response.setHeader("X-Test", "small");
        } else if (request.path == u"/big") {
            response.body = m_big;
        } else if (request.path == u"/close") {
            response.body = "bye";
            response.closeConnection = true;
        } else {
            response.body =
                request.path.toUtf8() + '\n' + request.query + '\n' + request.header("host") + '\n';
        }
        response.setHeader("content-type", "text/plain");
        return response;
    }

    QList<HttpRequest> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_requests.clear();
    }
    const QByteArray m_big = bigBody();

private:
    mutable QMutex m_mutex;
    QList<HttpRequest> m_requests;
};

/// The test's stand-in for the HTTP/1.1 connection: reads the first request head by hand and
/// hands the connection to Http2Session (upgrade or prior knowledge). Lives on its own thread.
class Harness : public QObject
{
    Q_OBJECT
public:
    explicit Harness(RequestHandler &handler) : m_handler(handler) {}

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, &Harness::accept);
        return m_server->listen(QHostAddress::LocalHost) ? m_server->serverPort() : 0;
    }
    void stop() { qDeleteAll(findChildren<QTcpSocket *>()); }

    std::atomic<int> connections{0};
    std::atomic<int> upgrades{0};
    std::atomic<int> priorKnowledge{0};
    std::atomic<int> failures{0};

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            ++connections;
            socket->setParent(this);
            auto *buffer = new QByteArray;
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QObject::destroyed, socket, [buffer] { delete buffer; });
            connect(socket, &QTcpSocket::readyRead, socket,
                    [this, socket, buffer] { readHead(socket, *buffer); });
        }
    }

    void readHead(QTcpSocket *socket, QByteArray &buffer)
    {
        buffer += socket->readAll();
        const auto preface = Http2Session::matchClientPreface(buffer);
        if (preface == Http2Session::PrefaceMatch::NeedMoreBytes)
            return;
        if (preface == Http2Session::PrefaceMatch::Yes) {
            ++priorKnowledge;
            Http2Session *session = adopt(socket);
            if (!session->startWithPriorKnowledge())
                ++failures;
            feed(socket, session, std::exchange(buffer, {}));
            return;
        }
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        HttpRequest request = parseHead(buffer.first(end));
        request.peerAddress = socket->peerAddress();
        request.peerPort = socket->peerPort();
        request.localAddress = socket->localAddress();
        request.localPort = socket->localPort();
        const QByteArray rest = buffer.sliced(end + 4);
        buffer.clear();
        if (!Http2Session::isUpgradeRequest(request)) {
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        ++upgrades;
        socket->write(Http2Session::switchingProtocolsResponse());
        Http2Session *session = adopt(socket);
        if (!session->startFromUpgrade(request, request.header("http2-settings")))
            ++failures;
        if (!rest.isEmpty())
            feed(socket, session, rest);
    }

    Http2Session *adopt(QTcpSocket *socket)
    {
        disconnect(socket, &QTcpSocket::readyRead, socket, nullptr);
        auto *session = new Http2Session(
            m_handler, [socket](const QByteArray &bytes) { socket->write(bytes); }, socket);
        session->setEndpoints(socket->peerAddress(), socket->peerPort(), socket->localAddress(),
                              socket->localPort());
        connect(socket, &QTcpSocket::readyRead, session,
                [this, socket, session] { feed(socket, session, socket->readAll()); });
        connect(socket, &QTcpSocket::bytesWritten, session, [socket, session] {
            if (socket->bytesToWrite() == 0)
                session->resumeSending();
        });
        connect(session, &Http2Session::closeRequested, socket, &QTcpSocket::disconnectFromHost);
        return session;
    }

    void feed(QTcpSocket *socket, Http2Session *session, const QByteArray &bytes)
    {
        if (!session->receive(bytes)) {
            ++failures;
            socket->disconnectFromHost();
        }
    }

    static HttpRequest parseHead(const QByteArray &head)
    {
        HttpRequest r;
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        r.method = requestLine.value(0);
        r.target = requestLine.value(1);
        r.path = QString::fromUtf8(QByteArray::fromPercentEncoding(r.target.split('?').first()));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers.append({lines[i].first(colon).trimmed().toLower(),
                                  lines[i].sliced(colon + 1).trimmed()});
        }
        return r;
    }

    RequestHandler &m_handler;
    QTcpServer *m_server = nullptr;
};

struct Frame
{
    int type = -1;
    int flags = 0;
    int streamId = 0;
    QByteArray payload;
};

/// Splits bytes written by the session into frames (RFC 9113 §4.1).
QList<Frame> parseFrames(const QByteArray &bytes)
{
    QList<Frame> frames;
    qsizetype at = 0;
    while (at + 9 <= bytes.size()) {
        const auto byte = [&](qsizetype i) { return int(quint8(bytes.at(at + i))); };
        const qsizetype length = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        Frame f;
        f.type = byte(3);
        f.flags = byte(4);
        f.streamId = ((byte(5) & 0x7f) << 24) | (byte(6) << 16) | (byte(7) << 8) | byte(8);
        f.payload = bytes.mid(at + 9, length);
        frames.append(f);
        at += 9 + length;
    }
    return frames;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestHttp2Session : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void clientPreface_data();
    void clientPreface();
    void isUpgradeRequest_data();
    void isUpgradeRequest();
    void switchingProtocols();
    void garbageIsFatal_data();
    void garbageIsFatal();
    void shutdownSendsGoaway();
    void upgradeAnswersStreamOne_data();
    void upgradeAnswersStreamOne();

    void curlUpgrade();
    void curlPriorKnowledge();
    void head_data();
    void head();
    void bigBody_data();
    void bigBody();
    void nghttpMultiplexed();
    void paths_data();
    void paths();
    void requestBodies_data();
    void requestBodies();
    void oversizedHeaders();

private:
    Run run(const QString &program, const QStringList &args);
    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
    }

    TestHandler m_handler;
    QThread m_thread;
    Harness *m_harness = nullptr;
    quint16 m_port = 0;
    QString m_curl;
    QString m_nghttp;
    QTemporaryDir m_dir;
};

void TestHttp2Session::initTestCase()
{
    m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    m_nghttp = QStandardPaths::findExecutable(QStringLiteral("nghttp"));
    QVERIFY2(!m_curl.isEmpty(), "curl is missing: install it (scripts/setup.sh does).");
    QVERIFY2(!m_nghttp.isEmpty(), "nghttp is missing: install nghttp2-client.");
    QVERIFY(m_dir.isValid());
    m_harness = new Harness(m_handler);
    m_harness->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_harness, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_harness, [this] { return m_harness->listen(); }, Qt::BlockingQueuedConnection, &m_port);
    QVERIFY(m_port != 0);
}

void TestHttp2Session::cleanupTestCase()
{
    QMetaObject::invokeMethod(m_harness, &Harness::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    QVERIFY(m_thread.wait(5000));
}

void TestHttp2Session::init()
{
    m_handler.clear();
    m_harness->connections = 0;
    m_harness->upgrades = 0;
    m_harness->priorKnowledge = 0;
    m_harness->failures = 0;
}

Run TestHttp2Session::run(const QString &program, const QStringList &args)
{
    QProcess process;
    process.start(program, args);
    Run result;
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(1000);
        qWarning() << program << args << "did not finish within 10 s";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestHttp2Session::clientPreface_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("match");
    const QByteArray preface = Http2Session::ClientPreface.toByteArray();
    QTest::newRow("empty") << QByteArray() << int(Http2Session::PrefaceMatch::NeedMoreBytes);
    QTest::newRow("start") << preface.first(5) << int(Http2Session::PrefaceMatch::NeedMoreBytes);
    QTest::newRow("whole") << preface << int(Http2Session::PrefaceMatch::Yes);
    QTest::newRow("with frames") << preface + QByteArray(9, '\0')
                                 << int(Http2Session::PrefaceMatch::Yes);
    QTest::newRow("http/1.1") << QByteArray("GET / HTTP/1.1\r\n")
                              << int(Http2Session::PrefaceMatch::No);
    QTest::newRow("PRI but not h2")
        << QByteArray("PRI * HTTP/1.1") << int(Http2Session::PrefaceMatch::No);
}

void TestHttp2Session::clientPreface()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, match);
    QCOMPARE(Http2Session::ClientPreface.size(), 24);
    QCOMPARE(int(Http2Session::matchClientPreface(bytes)), match);
}

void TestHttp2Session::isUpgradeRequest_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("minor");
    QTest::addColumn<QByteArray>("connection");
    QTest::addColumn<QByteArray>("upgrade");
    QTest::addColumn<QByteArray>("settings");
    QTest::addColumn<QByteArray>("contentLength");
    QTest::addColumn<bool>("expected");
    // What curl 7.88 sends: max concurrent streams 100, initial window 32 MiB, no push.
    const QByteArray curl = "AAMAAABkAAQCAAAAAAIAAAAA";
    const QByteArray conn = "Upgrade, HTTP2-Settings";
    QTest::newRow("curl") << QByteArray("GET") << 1 << conn << QByteArray("h2c") << curl
                          << QByteArray() << true;
    QTest::newRow("head") << QByteArray("HEAD") << 1 << conn << QByteArray("h2c") << curl
                          << QByteArray() << true;
    QTest::newRow("empty settings") << QByteArray("GET") << 1 << conn << QByteArray("h2c")
                                    << QByteArray("") << QByteArray() << true;
    QTest::newRow("case and spaces")
        << QByteArray("GET") << 1 << QByteArray("keep-alive ,http2-settings,  UPGRADE")
        << QByteArray("websocket, H2C") << curl << QByteArray("0") << true;
    QTest::newRow("post") << QByteArray("POST") << 1 << conn << QByteArray("h2c") << curl
                          << QByteArray() << false;
    QTest::newRow("http/1.0") << QByteArray("GET") << 0 << conn << QByteArray("h2c") << curl
                              << QByteArray() << false;
    QTest::newRow("body") << QByteArray("GET") << 1 << conn << QByteArray("h2c") << curl
                          << QByteArray("5") << false;
    QTest::newRow("h2 over tls") << QByteArray("GET") << 1 << conn << QByteArray("h2") << curl
                                 << QByteArray() << false;
    QTest::newRow("no settings token") << QByteArray("GET") << 1 << QByteArray("Upgrade")
                                       << QByteArray("h2c") << curl << QByteArray() << false;
    QTest::newRow("no upgrade token") << QByteArray("GET") << 1 << QByteArray("HTTP2-Settings")
                                      << QByteArray("h2c") << curl << QByteArray() << false;
    QTest::newRow("settings not base64url") << QByteArray("GET") << 1 << conn << QByteArray("h2c")
                                            << QByteArray("AAMA*AAB") << QByteArray() << false;
    QTest::newRow("settings not 6n bytes") << QByteArray("GET") << 1 << conn << QByteArray("h2c")
                                           << QByteArray("AAMAAA") << QByteArray() << false;
}

void TestHttp2Session::isUpgradeRequest()
{
    QFETCH(QByteArray, method);
    QFETCH(int, minor);
    QFETCH(QByteArray, connection);
    QFETCH(QByteArray, upgrade);
    QFETCH(QByteArray, settings);
    QFETCH(QByteArray, contentLength);
    QFETCH(bool, expected);
    HttpRequest r;
    r.method = method;
    r.versionMinor = minor;
    r.headers = {{"host", "127.0.0.1"},
                 {"connection", connection},
                 {"upgrade", upgrade},
                 {"http2-settings", settings}};
    if (!contentLength.isNull())
        r.headers.append({"content-length", contentLength});
    QCOMPARE(Http2Session::isUpgradeRequest(r), expected);
    if (expected) {
        r.headers.append({"http2-settings", settings});
        QVERIFY2(!Http2Session::isUpgradeRequest(r), "two HTTP2-Settings headers are invalid");
    }
}

void TestHttp2Session::switchingProtocols()
{
    QCOMPARE(Http2Session::switchingProtocolsResponse(),
             QByteArray("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                        "Upgrade: h2c\r\n\r\n"));
}

void TestHttp2Session::garbageIsFatal_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray preface = Http2Session::ClientPreface.toByteArray();
    QTest::newRow("oversized frame after preface") << preface + QByteArray(64, '\xff');
    QTest::newRow("DATA instead of SETTINGS")
        << preface + QByteArray::fromHex("000004000100000001") + "abcd";
    QTest::newRow("HTTP/1.1 instead of preface") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
}

void TestHttp2Session::garbageIsFatal()
{
    QFETCH(QByteArray, bytes);
    QByteArray written;
    Http2Session session(m_handler, [&written](const QByteArray &b) { written += b; });
    QSignalSpy closeSpy(&session, &Http2Session::closeRequested);
    QVERIFY(session.startWithPriorKnowledge());
    QVERIFY(written.size() >= 9);
    QCOMPARE(written.at(3), '\x04'); // the server preface is a SETTINGS frame
    QVERIFY(!session.wantsClose());
    const qsizetype before = written.size();
    QVERIFY(!session.receive(bytes));
    QVERIFY(session.wantsClose());
    QCOMPARE(closeSpy.size(), 1);
    QVERIFY(!session.receive(QByteArray(9, '\0')));
    if (bytes.startsWith(Http2Session::ClientPreface)) {
        // A protocol error is answered with GOAWAY (type 7) carrying a non-zero error code.
        const QByteArray answer = written.sliced(before);
        QVERIFY(answer.size() >= 17);
        QCOMPARE(answer.at(3), '\x07');
        QVERIFY(answer.sliced(13, 4) != QByteArray(4, '\0'));
    }
    QVERIFY(m_handler.requests().isEmpty());
}

void TestHttp2Session::shutdownSendsGoaway()
{
    QByteArray written;
    Http2Session session(m_handler, [&written](const QByteArray &b) { written += b; });
    QSignalSpy closeSpy(&session, &Http2Session::closeRequested);
    QVERIFY(session.startWithPriorKnowledge());
    const qsizetype before = written.size();
    session.shutdown();
    const QByteArray goaway = written.sliced(before);
    QCOMPARE(goaway.size(), 17);
    QCOMPARE(goaway.at(3), '\x07');
    QCOMPARE(goaway.sliced(13, 4), QByteArray(4, '\0')); // NO_ERROR
    QVERIFY(session.wantsClose());
    QCOMPARE(closeSpy.size(), 1);
}

void TestHttp2Session::upgradeAnswersStreamOne_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("bodySize");
    QTest::addColumn<bool>("goaway");
    QTest::newRow("GET") << QByteArray("GET") << "/small" << 100 << false;
    QTest::newRow("HEAD") << QByteArray("HEAD") << "/small" << 0 << false;
    QTest::newRow("closeConnection") << QByteArray("GET") << "/close" << 3 << true;
}

void TestHttp2Session::upgradeAnswersStreamOne()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, bodySize);
    QFETCH(bool, goaway);
    HttpRequest request;
    request.method = method;
    request.target = path.toUtf8();
    request.path = path;
    request.headers = {{"host", "127.0.0.1:1"},
                       {"connection", "Upgrade, HTTP2-Settings"},
                       {"upgrade", "h2c"},
                       {"http2-settings", "AAMAAABkAAQAAQAAAAIAAAAA"}};
    QVERIFY(Http2Session::isUpgradeRequest(request));
    QByteArray written;
    Http2Session session(m_handler, [&written](const QByteArray &b) { written += b; });
    QVERIFY(session.startFromUpgrade(request, request.header("http2-settings")));
    // So far only the server preface: SETTINGS and the connection WINDOW_UPDATE.
    for (const Frame &f : parseFrames(written))
        QCOMPARE(f.streamId, 0);
    QVERIFY(m_handler.requests().isEmpty());

    // Stream 1 is answered when the client's preface arrives (its SETTINGS in the same read).
    QVERIFY(session.receive(Http2Session::ClientPreface.toByteArray() +
                            QByteArray::fromHex("000000040000000000")));
    QCOMPARE(m_handler.requests().size(), 1);
    QCOMPARE(m_handler.requests().first().method, method);
    QCOMPARE(m_handler.requests().first().versionMajor, 2);
    const QList<Frame> frames = parseFrames(written);
    QVERIFY(frames.size() >= 3);
    QCOMPARE(frames.first().type, 4); // server preface: SETTINGS
    QCOMPARE(frames.first().streamId, 0);
    int headers = 0;
    int goaways = 0;
    int settingsAcks = 0;
    QByteArray body;
    bool ended = false;
    for (const Frame &f : frames) {
        if (f.type == 1 && f.streamId == 1) {
            ++headers;
            ended = f.flags & 0x1;
        } else if (f.type == 0 && f.streamId == 1) {
            body += f.payload;
            ended = f.flags & 0x1;
        } else if (f.type == 7) {
            ++goaways;
        } else if (f.type == 4 && (f.flags & 0x1)) {
            ++settingsAcks;
        }
    }
    QCOMPARE(headers, 1);
    QVERIFY(ended);
    QCOMPARE(body.size(), bodySize);
    QCOMPARE(settingsAcks, 1);
    QCOMPARE(goaways, goaway ? 1 : 0);
    QCOMPARE(session.wantsClose(), goaway);
}

void TestHttp2Session::curlUpgrade()
{
    const Run r = run(
        m_curl, {QStringLiteral("--http2"), QStringLiteral("-sv"), QStringLiteral("-w"),
                 QStringLiteral("\n%{http_version} %{http_code}"), url(QStringLiteral("/small"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray(100, 's') + "\n2 200");
    QVERIFY2(r.err.contains("> Upgrade: h2c"), r.err.constData());
    QVERIFY2(r.err.contains("< HTTP/1.1 101 Switching Protocols"), r.err.constData());
    QVERIFY2(r.err.contains("< HTTP/2 200"), r.err.constData());
    QVERIFY2(r.err.contains("< content-length: 100"), r.err.constData());
    QVERIFY2(r.err.contains("< x-test: small"), r.err.constData());
    QVERIFY2(r.err.contains("< server: stowaway/" STOWAWAY_VERSION), r.err.constData());
    QVERIFY2(r.err.contains("< date: "), r.err.constData());
    QVERIFY(!r.err.contains("< connection:"));
    QVERIFY(!r.err.contains("< transfer-encoding:"));
    QCOMPARE(m_harness->upgrades.load(), 1);
    QCOMPARE(m_harness->failures.load(), 0);

    // Stream 1 is the upgrade request itself, stripped of its HTTP/1.1 connection fields.
    const QList<HttpRequest> requests = m_handler.requests();
    QCOMPARE(requests.size(), 1);
    const HttpRequest &request = requests.first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QStringLiteral("/small"));
    QCOMPARE(request.versionMajor, 2);
    QCOMPARE(request.peerAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(request.localPort, m_port);
    QCOMPARE(request.header("host"), QByteArray("127.0.0.1:") + QByteArray::number(m_port));
    QVERIFY(request.header("upgrade").isNull());
    QVERIFY(request.header("http2-settings").isNull());
    QVERIFY(request.header("connection").isNull());
}

void TestHttp2Session::curlPriorKnowledge()
{
    const Run r =
        run(m_curl,
            {QStringLiteral("--http2-prior-knowledge"), QStringLiteral("-s"), QStringLiteral("-w"),
             QStringLiteral("\n%{http_version} %{http_code}"), url(QStringLiteral("/small"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray(100, 's') + "\n2 200");
    QCOMPARE(m_harness->priorKnowledge.load(), 1);
    QCOMPARE(m_harness->upgrades.load(), 0);
    const QList<HttpRequest> requests = m_handler.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().peerAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(requests.first().header("host"),
             QByteArray("127.0.0.1:") + QByteArray::number(m_port));
    QCOMPARE(requests.first().headerCount("host"), 1);
}

void TestHttp2Session::head_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("length");
    QTest::newRow("upgrade small") << "--http2"
                                   << "/small" << 100;
    QTest::newRow("prior knowledge small") << "--http2-prior-knowledge"
                                           << "/small" << 100;
    QTest::newRow("prior knowledge big") << "--http2-prior-knowledge"
                                         << "/big" << int(BigSize);
}

void TestHttp2Session::head()
{
    QFETCH(QString, mode);
    QFETCH(QString, path);
    QFETCH(int, length);
    const Run r = run(m_curl, {mode, QStringLiteral("-sI"), QStringLiteral("-w"),
                               QStringLiteral("%{http_version} %{size_download}"), url(path)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const qsizetype h2 = r.out.indexOf("HTTP/2 200");
    QVERIFY2(h2 == 0 || (h2 > 0 && r.out.startsWith("HTTP/1.1 101 ")), r.out.constData());
    const QByteArray headers = r.out.sliced(h2);
    QVERIFY2(headers.contains(QByteArray("content-length: " + QByteArray::number(length) + "\r\n")),
             r.out.constData());
    QVERIFY2(headers.endsWith("\r\n\r\n2 0"), r.out.constData());
    const QList<HttpRequest> requests = m_handler.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("HEAD"));
}

void TestHttp2Session::bigBody_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("args");
    // nghttp's default windows are 64 KiB, so the 3 MiB body needs ~48 WINDOW_UPDATEs;
    // -w/-W 14 shrink them to 16 KiB.
    QTest::newRow("curl upgrade") << "curl" << QStringList{u"--http2"_s, u"-sv"_s};
    QTest::newRow("curl prior knowledge")
        << "curl" << QStringList{u"--http2-prior-knowledge"_s, u"-s"_s};
    QTest::newRow("nghttp upgrade, 64 KiB windows") << "nghttp" << QStringList{u"-u"_s};
    QTest::newRow("nghttp prior knowledge, 16 KiB windows")
        << "nghttp" << QStringList{u"-w"_s, u"14"_s, u"-W"_s, u"14"_s};
}

void TestHttp2Session::bigBody()
{
    QFETCH(QString, program);
    QFETCH(QStringList, args);
    const QString file =
        m_dir.filePath(QStringLiteral("big-%1").arg(QString::fromUtf8(QTest::currentDataTag())));
    if (program == u"curl")
        args << QStringLiteral("-o") << file;
    args << url(QStringLiteral("/big"));
    const Run r = run(program == u"curl" ? m_curl : m_nghttp, args);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QByteArray body = r.out;
    if (program == u"curl") {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        body = f.readAll();
    }
    QCOMPARE(body.size(), BigSize);
    QCOMPARE(QCryptographicHash::hash(body, QCryptographicHash::Sha256),
             QCryptographicHash::hash(m_handler.m_big, QCryptographicHash::Sha256));
    QCOMPARE(m_harness->connections.load(), 1);
    QCOMPARE(m_harness->failures.load(), 0);
}

void TestHttp2Session::nghttpMultiplexed()
{
    // More requests than SETTINGS_MAX_CONCURRENT_STREAMS (128): the client must queue.
    constexpr int Count = 150;
    QStringList args{QStringLiteral("-u"), QStringLiteral("-n"), QStringLiteral("-s")};
    for (int i = 0; i < Count; ++i)
        args << url(QStringLiteral("/index/%1/crate%2").arg(i % 7).arg(i));
    args << url(QStringLiteral("/big"));
    const Run r = run(m_nghttp, args);
    QVERIFY2(r.exitCode == 0, r.err.constData());

    // Stats rows: " id  responseEnd requestStart  process code size request path"
    static const QRegularExpression row(
        QStringLiteral(R"(^\s*(\d+)\s+\+\S+\s+\+\S+\s+\S+\s+(\d{3})\s+(\S+)\s+(\S+)\s*$)"),
        QRegularExpression::MultilineOption);
    QSet<QString> paths;
    int ok = 0;
    for (auto it = row.globalMatch(QString::fromUtf8(r.out)); it.hasNext();) {
        const auto m = it.next();
        paths.insert(m.captured(4));
        if (m.captured(2) == u"200")
            ++ok;
    }
    QCOMPARE(ok, Count + 1);
    QCOMPARE(paths.size(), Count + 1);
    QVERIFY(paths.contains(QStringLiteral("/big")));
    QCOMPARE(m_harness->connections.load(), 1);
    QCOMPARE(m_harness->upgrades.load(), 1);
    QCOMPARE(m_harness->failures.load(), 0);
    QCOMPARE(m_handler.requests().size(), Count + 1);
}

void TestHttp2Session::paths_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("plain") << "/index/se/rd/serde" << QByteArray("/index/se/rd/serde")
                           << QByteArray();
    QTest::newRow("%2B is plus") << "/dl/a%2Bb/1.0.0%2Bmeta" << QByteArray("/dl/a+b/1.0.0+meta")
                                 << QByteArray();
    QTest::newRow("plus stays plus") << "/dl/a+b" << QByteArray("/dl/a+b") << QByteArray();
    QTest::newRow("decoded once") << "/dl/a%252B" << QByteArray("/dl/a%2B") << QByteArray();
    QTest::newRow("query split, not decoded")
        << "/echo/x?v=1%2B2&w" << QByteArray("/echo/x") << QByteArray("v=1%2B2&w");
    QTest::newRow("encoded slash") << "/a%2Fb" << QByteArray("/a/b") << QByteArray();
    QTest::newRow("traversal") << "/index/../../etc/passwd" << QByteArray("/index/../../etc/passwd")
                               << QByteArray();
    QTest::newRow("encoded traversal")
        << "/index/%2e%2e/%2E%2E/x" << QByteArray("/index/../../x") << QByteArray();
    QTest::newRow("utf-8") << "/caf%C3%A9" << QByteArray("/caf\xc3\xa9") << QByteArray();
}

void TestHttp2Session::paths()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    const Run r = run(m_curl, {QStringLiteral("--http2-prior-knowledge"), QStringLiteral("-s"),
                               QStringLiteral("--path-as-is"), url(target)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_port);
    QCOMPARE(r.out, path + '\n' + query + '\n' + host + '\n');
    const QList<HttpRequest> requests = m_handler.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().target, target.toUtf8());
}

void TestHttp2Session::requestBodies_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("handled");
    QTest::newRow("POST reaches the handler") << "POST" << 405 << 1;
    QTest::newRow("PUT reaches the handler") << "PUT" << 405 << 1;
    QTest::newRow("GET with a body is refused") << "GET" << 400 << 0;
}

void TestHttp2Session::requestBodies()
{
    QFETCH(QString, method);
    QFETCH(int, status);
    QFETCH(int, handled);
    const Run r =
        run(m_curl,
            {QStringLiteral("--http2-prior-knowledge"), QStringLiteral("-s"), QStringLiteral("-X"),
             method, QStringLiteral("--data-binary"), QString(100000, QLatin1Char('x')),
             QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
             QStringLiteral("%{http_version} %{http_code}"), url(QStringLiteral("/small"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, "2 " + QByteArray::number(status));
    QCOMPARE(m_handler.requests().size(), handled);
    QCOMPARE(m_harness->failures.load(), 0);
}

void TestHttp2Session::oversizedHeaders()
{
    const QString big = QStringLiteral("x-big: ") + QString(20000, QLatin1Char('b'));
    const Run r =
        run(m_curl,
            {QStringLiteral("--http2-prior-knowledge"), QStringLiteral("-s"), QStringLiteral("-H"),
             big, QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
             QStringLiteral("%{http_version} %{http_code}"), url(QStringLiteral("/small"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("2 431"));
    QVERIFY(m_handler.requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestHttp2Session)
#include "tst_http2session.moc"

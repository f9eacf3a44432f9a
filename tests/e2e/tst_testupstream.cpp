// SPDX-License-Identifier: GPL-3.0-or-later
// TestUpstream: every path it serves, every fault, the API's pagination, 304 and Range,
// and the stowaway-testupstream tool. The server runs on its own thread, so this test
// talks to it with blocking sockets (every wait bounded).
#include "cratearchive.h"
#include "indexpath.h"
#include "testregistry.h"
#include "testupstream.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

struct RawResponse
{
    int status = 0;
    QByteArray head;
    QByteArray body; // whatever arrived after the head
    bool complete = false;
    bool timedOut = false;
    QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// One request on a fresh connection; reads until the response is complete, the peer closes
// or resets, or `timeoutMs` pass without a byte.
RawResponse fetch(quint16 port, const QByteArray &target, const QByteArray &extraHeaders = {},
                  int timeoutMs = 3000, const QByteArray &method = "GET")
{
    RawResponse response;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000))
        return response;
    socket.write(method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " +
                 "stowaway-test\r\n" + extraHeaders + "\r\n");
    socket.waitForBytesWritten(3000);
    QByteArray data;
    qsizetype headEnd = -1;
    qint64 length = -1;
    for (;;) {
        if (headEnd >= 0 && (method == "HEAD" || length >= 0) &&
            data.size() - headEnd - 4 >= (method == "HEAD" ? 0 : length)) {
            response.complete = true;
            break;
        }
        if (!socket.waitForReadyRead(timeoutMs)) {
            response.error = socket.error();
            response.timedOut = socket.error() == QAbstractSocket::SocketTimeoutError;
            data += socket.readAll();
            break;
        }
        data += socket.readAll();
        if (headEnd < 0 && (headEnd = data.indexOf("\r\n\r\n")) >= 0) {
            response.head = data.left(headEnd);
            response.status = response.head.mid(9, 3).toInt();
            const QByteArray value = response.header("content-length");
            length = value.isEmpty() ? 0 : value.toLongLong();
        }
    }
    if (headEnd >= 0) {
        response.head = data.left(headEnd);
        response.status = response.head.mid(9, 3).toInt();
        response.body = data.mid(headEnd + 4);
        if (method != "HEAD")
            response.complete = response.complete || response.body.size() == length;
    } else {
        response.head = data;
    }
    return response;
}

QByteArray crateTarget(const QString &name, const QString &version)
{
    return QStringLiteral("/crates/%1/%1-%2.crate").arg(name, version).toUtf8();
}

} // namespace

class TestTestUpstream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void servesConfigIndexAndCrates();
    void indexRevalidates();
    void rangeRequests();
    void faults_data();
    void faults();
    void resetIsARealReset();
    void stallsKeepTheConnectionQuiet();
    void indexFaults();
    void faultPatternsAndCounts();
    void apiPaginates_data();
    void apiPaginates();
    void apiRecordsAgentAndTime();
    void keepAlive();
    void tool();

private:
    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::layered(25, 2);
    std::unique_ptr<TestUpstream> m_upstream;
    QString m_crate; // a crate of the registry and its first version
    QString m_version;
    QByteArray m_crateBytes;
};

void TestTestUpstream::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(
        m_registry.writeRegistry(m_dir.path(), QStringLiteral("http://example.invalid"), &error),
        qPrintable(error));
    m_crate = m_registry.crateNames().first();
    m_version = m_registry.versions(m_crate).first()->version;
    m_crateBytes = m_registry.crateFile(m_crate, m_version);
}

void TestTestUpstream::init()
{
    m_upstream = std::make_unique<TestUpstream>(m_dir.path());
    QString error;
    QVERIFY2(m_upstream->start(0, &error), qPrintable(error));
    QVERIFY(m_upstream->port() != 0);
}

void TestTestUpstream::servesConfigIndexAndCrates()
{
    const RawResponse config = fetch(m_upstream->port(), "/index/config.json");
    QCOMPARE(config.status, 200);
    const QJsonObject object = QJsonDocument::fromJson(config.body).object();
    QCOMPARE(object.value(u"dl").toString(),
             m_upstream->baseUrl() + QStringLiteral("/crates/{crate}/{crate}-{version}.crate"));
    QCOMPARE(object.value(u"api").toString(), m_upstream->baseUrl());

    m_upstream->setRewriteConfig(false);
    QCOMPARE(fetch(m_upstream->port(), "/index/config.json").body,
             TestRegistry::configJson(QStringLiteral("http://example.invalid")));

    const QByteArray indexTarget = "/index/" + IndexPath::relativePath(m_crate).toUtf8();
    const RawResponse index = fetch(m_upstream->port(), indexTarget);
    QCOMPARE(index.status, 200);
    QCOMPARE(index.body, m_registry.indexFile(m_crate));

    const RawResponse crate = fetch(m_upstream->port(), crateTarget(m_crate, m_version));
    QCOMPARE(crate.status, 200);
    QCOMPARE(crate.body, m_crateBytes);
    const RawResponse download =
        fetch(m_upstream->port(),
              QStringLiteral("/crates/%1/%2/download").arg(m_crate, m_version).toUtf8());
    QCOMPARE(download.status, 200);
    QCOMPARE(download.body, m_crateBytes);

    m_upstream->setRedirectDownloads(true);
    const RawResponse redirect =
        fetch(m_upstream->port(),
              QStringLiteral("/crates/%1/%2/download").arg(m_crate, m_version).toUtf8());
    QCOMPARE(redirect.status, 302);
    QCOMPARE(redirect.header("location"),
             m_upstream->baseUrl().toUtf8() + crateTarget(m_crate, m_version));

    const RawResponse head =
        fetch(m_upstream->port(), crateTarget(m_crate, m_version), {}, 3000, "HEAD");
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("content-length").toLongLong(), m_crateBytes.size());
    QVERIFY(head.body.isEmpty());

    QCOMPARE(fetch(m_upstream->port(), crateTarget(m_crate, QStringLiteral("9.9.9"))).status, 404);
    QCOMPARE(fetch(m_upstream->port(), "/index/../index/config.json").status, 400);
    QCOMPARE(m_upstream->requestCount(QString::fromUtf8(crateTarget(m_crate, m_version))), 2);
    QCOMPARE(
        m_upstream->requestCount(QStringLiteral("/crates/%1/%2/download").arg(m_crate, m_version)),
        2);
}

void TestTestUpstream::indexRevalidates()
{
    const QByteArray target = "/index/" + IndexPath::relativePath(m_crate).toUtf8();
    const RawResponse first = fetch(m_upstream->port(), target);
    const QByteArray etag = first.header("etag");
    const QByteArray lastModified = first.header("last-modified");
    QVERIFY(!etag.isEmpty());
    QVERIFY(!lastModified.isEmpty());
    const RawResponse byEtag = fetch(m_upstream->port(), target, "If-None-Match: " + etag + "\r\n");
    QCOMPARE(byEtag.status, 304);
    QVERIFY(byEtag.body.isEmpty());
    QCOMPARE(byEtag.header("etag"), etag);
    const RawResponse byDate =
        fetch(m_upstream->port(), target, "If-Modified-Since: " + lastModified + "\r\n");
    QCOMPARE(byDate.status, 304);
    const RawResponse stale = fetch(m_upstream->port(), target, "If-None-Match: \"other\"\r\n");
    QCOMPARE(stale.status, 200);
    QCOMPARE(stale.body, m_registry.indexFile(m_crate));
}

void TestTestUpstream::rangeRequests()
{
    const QByteArray target = crateTarget(m_crate, m_version);
    const qint64 size = m_crateBytes.size();
    const RawResponse tail = fetch(m_upstream->port(), target, "Range: bytes=100-\r\n");
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.body, m_crateBytes.mid(100));
    QCOMPARE(tail.header("content-range"),
             "bytes 100-" + QByteArray::number(size - 1) + '/' + QByteArray::number(size));
    const RawResponse middle = fetch(m_upstream->port(), target, "Range: bytes=10-19\r\n");
    QCOMPARE(middle.status, 206);
    QCOMPARE(middle.body, m_crateBytes.mid(10, 10));
    const RawResponse beyond =
        fetch(m_upstream->port(), target, "Range: bytes=" + QByteArray::number(size) + "-\r\n");
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.header("content-range"), "bytes */" + QByteArray::number(size));

    m_upstream->setRangeSupported(false);
    const RawResponse ignored = fetch(m_upstream->port(), target, "Range: bytes=100-\r\n");
    QCOMPARE(ignored.status, 200);
    QCOMPARE(ignored.body, m_crateBytes);
    QVERIFY(ignored.header("accept-ranges").isEmpty());
}

void TestTestUpstream::faults_data()
{
    QTest::addColumn<UpstreamFault>("fault");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    using Kind = UpstreamFault::Kind;
    QTest::newRow("500") << UpstreamFault::status(500) << 500 << QByteArray();
    QTest::newRow("404") << UpstreamFault::status(404) << 404 << QByteArray();
    QTest::newRow("429") << UpstreamFault::tooManyRequests(7) << 429 << QByteArray("7");
    QTest::newRow("503") << UpstreamFault::serviceUnavailable(2) << 503 << QByteArray("2");
    QTest::newRow("truncated") << UpstreamFault::of(Kind::TruncatedBody) << 200 << QByteArray();
    QTest::newRow("wrong checksum")
        << UpstreamFault::of(Kind::WrongChecksum) << 200 << QByteArray();
    QTest::newRow("gzip") << UpstreamFault::of(Kind::GzipEncoded) << 200 << QByteArray();
}

void TestTestUpstream::faults()
{
    QFETCH(UpstreamFault, fault);
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    const QByteArray target = crateTarget(m_crate, m_version);
    m_upstream->addFault(QString::fromUtf8(target), fault);
    const RawResponse response = fetch(m_upstream->port(), target);
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("retry-after"), retryAfter);
    using Kind = UpstreamFault::Kind;
    switch (fault.kind) {
    case Kind::TruncatedBody:
        QCOMPARE(response.header("content-length").toLongLong(), m_crateBytes.size());
        QCOMPARE(response.body, m_crateBytes.left(m_crateBytes.size() / 2));
        QVERIFY(!response.complete);
        QCOMPARE(response.error, QAbstractSocket::RemoteHostClosedError);
        break;
    case Kind::WrongChecksum:
        QCOMPARE(response.body.size(), m_crateBytes.size());
        QVERIFY(response.body != m_crateBytes);
        break;
    case Kind::GzipEncoded:
        QCOMPARE(response.header("content-encoding"), QByteArray("gzip"));
        QCOMPARE(response.body, CrateArchive::gzip(m_crateBytes));
        QVERIFY(response.body != m_crateBytes);
        break;
    default:
        QVERIFY(response.complete);
        QVERIFY(response.body != m_crateBytes);
    }
    // "always": the second request is as faulty as the first.
    QCOMPARE(fetch(m_upstream->port(), target).status, status);
}

void TestTestUpstream::resetIsARealReset()
{
    const QByteArray target = crateTarget(m_crate, m_version);
    m_upstream->addFault(QString::fromUtf8(target),
                         UpstreamFault::of(UpstreamFault::Kind::ConnectionReset, 1, 0));
    m_upstream->addFault(QString::fromUtf8(target),
                         UpstreamFault::of(UpstreamFault::Kind::ConnectionReset, 1, 1));
    const RawResponse midHead = fetch(m_upstream->port(), target);
    QCOMPARE(midHead.status, 0); // never a whole head
    QVERIFY(!midHead.complete);
    QCOMPARE(midHead.error, QAbstractSocket::RemoteHostClosedError);
    const RawResponse midBody = fetch(m_upstream->port(), target);
    QCOMPARE(midBody.status, 200);
    QVERIFY(!midBody.complete);
    QVERIFY(midBody.body.size() < m_crateBytes.size());
    QCOMPARE(midBody.error, QAbstractSocket::RemoteHostClosedError);
    QCOMPARE(fetch(m_upstream->port(), target).body, m_crateBytes);
}

void TestTestUpstream::stallsKeepTheConnectionQuiet()
{
    const QByteArray target = crateTarget(m_crate, m_version);
    m_upstream->addFault(QString::fromUtf8(target),
                         UpstreamFault::of(UpstreamFault::Kind::Stall, 1, 0));
    m_upstream->addFault(QString::fromUtf8(target),
                         UpstreamFault::of(UpstreamFault::Kind::Stall, 1, 1));
    QElapsedTimer clock;
    clock.start();
    const RawResponse partial = fetch(m_upstream->port(), target, {}, 500);
    QVERIFY(partial.timedOut);
    QVERIFY(clock.elapsed() >= 450);
    QCOMPARE(partial.status, 200);
    QCOMPARE(partial.body, m_crateBytes.left(m_crateBytes.size() / 2));
    const RawResponse silent = fetch(m_upstream->port(), target, {}, 500);
    QVERIFY(silent.timedOut);
    QVERIFY(silent.head.isEmpty());
    QCOMPARE(fetch(m_upstream->port(), target).body, m_crateBytes);
}

void TestTestUpstream::indexFaults()
{
    const QByteArray target = "/index/" + IndexPath::relativePath(m_crate).toUtf8();
    m_upstream->addFault(QString::fromUtf8(target),
                         UpstreamFault::of(UpstreamFault::Kind::MalformedLines, 1));
    m_upstream->addFault(QString::fromUtf8(target),
                         UpstreamFault::of(UpstreamFault::Kind::FutureSchemaLines, 1));
    const QByteArray original = m_registry.indexFile(m_crate);
    const int lines = int(original.count('\n'));
    const auto check = [&](const QByteArray &body, bool wantFuture) {
        QCOMPARE(int(body.count('\n')), lines + 1);
        int bad = 0, future = 0;
        for (const QByteArray &line : body.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
            if (error.error != QJsonParseError::NoError)
                ++bad;
            else if (object.value(u"v").toInt() == 3)
                ++future;
            else
                QVERIFY(original.contains(line));
        }
        QCOMPARE(bad, wantFuture ? 0 : 1);
        QCOMPARE(future, wantFuture ? 1 : 0);
    };
    const RawResponse malformed = fetch(m_upstream->port(), target);
    check(malformed.body, false);
    const RawResponse future = fetch(m_upstream->port(), target);
    check(future.body, true);
    QVERIFY(malformed.header("etag") != future.header("etag"));
    QCOMPARE(fetch(m_upstream->port(), target).body, original);
}

void TestTestUpstream::faultPatternsAndCounts()
{
    m_upstream->addFault(QStringLiteral("/crates/*"), UpstreamFault::status(500, 2));
    m_upstream->addFault(QStringLiteral("re:^/index/.*/") + m_crate + QLatin1Char('$'),
                         UpstreamFault::status(503, 1));
    const QByteArray target = crateTarget(m_crate, m_version);
    QCOMPARE(fetch(m_upstream->port(), target).status, 500);
    QCOMPARE(fetch(m_upstream->port(), target).status, 500);
    QCOMPARE(fetch(m_upstream->port(), target).status, 200);
    const QByteArray index = "/index/" + IndexPath::relativePath(m_crate).toUtf8();
    QCOMPARE(fetch(m_upstream->port(), "/index/config.json").status, 200);
    QCOMPARE(fetch(m_upstream->port(), index).status, 503);
    QCOMPARE(fetch(m_upstream->port(), index).status, 200);
    m_upstream->addFault(QString::fromUtf8(index), UpstreamFault::status(500));
    m_upstream->clearFaults();
    QCOMPARE(fetch(m_upstream->port(), index).status, 200);
}

void TestTestUpstream::apiPaginates_data()
{
    QTest::addColumn<bool>("seek");
    QTest::newRow("page") << false;
    QTest::newRow("seek") << true;
}

void TestTestUpstream::apiPaginates()
{
    QFETCH(bool, seek);
    const QString favourite = m_registry.crateNames().last();
    m_upstream->setDownloads(favourite, 1'000'000'000);
    QByteArray target =
        "/api/v1/crates?sort=downloads&per_page=10" + QByteArray(seek ? "&seek=" : "&page=1");
    QStringList names;
    qint64 previous = std::numeric_limits<qint64>::max();
    int pages = 0;
    while (pages < 10) {
        const RawResponse response = fetch(m_upstream->port(), target);
        QCOMPARE(response.status, 200);
        ++pages;
        const QJsonObject object = QJsonDocument::fromJson(response.body).object();
        for (const QJsonValue &value : object.value(u"crates").toArray()) {
            const QJsonObject crate = value.toObject();
            names.append(crate.value(u"name").toString());
            const qint64 downloads = crate.value(u"downloads").toInteger();
            QVERIFY(downloads <= previous);
            previous = downloads;
            const QString maxVersion = crate.value(u"max_version").toString();
            QCOMPARE(maxVersion, m_registry.versions(names.last()).last()->version);
        }
        const QJsonObject meta = object.value(u"meta").toObject();
        QCOMPARE(meta.value(u"total").toInteger(), m_registry.crateNames().size());
        if (meta.value(u"next_page").isNull())
            break;
        target = "/api/v1/crates" + meta.value(u"next_page").toString().toUtf8();
        QCOMPARE(target.contains("seek="), seek);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(names.first(), favourite);
    QStringList sorted = names;
    sorted.sort();
    QStringList expected = m_registry.crateNames();
    expected.sort();
    QCOMPARE(sorted, expected);
}

void TestTestUpstream::apiRecordsAgentAndTime()
{
    const auto before = QDateTime::currentDateTimeUtc();
    fetch(m_upstream->port(), "/api/v1/crates?sort=downloads&per_page=5&page=1");
    QTest::qSleep(50);
    fetch(m_upstream->port(), "/api/v1/crates?sort=downloads&per_page=5&page=2");
    const QList<UpstreamRequest> log = m_upstream->requests();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log[0].header("user-agent"), QByteArray("stowaway-test"));
    QCOMPARE(log[0].path, QByteArray("/api/v1/crates"));
    QVERIFY(log[1].target.endsWith("page=2"));
    QVERIFY(log[1].msecs - log[0].msecs >= 45);
    QVERIFY(log[0].time >= before.addSecs(-1));
    // The default ranking puts the crates with the deepest dependency trees first.
    const QJsonArray top =
        QJsonDocument::fromJson(fetch(m_upstream->port(), "/api/v1/crates?per_page=1&page=1").body)
            .object()
            .value(u"crates")
            .toArray();
    const QString first = top.first().toObject().value(u"name").toString();
    const QStringList roots = [this] {
        QStringList names;
        for (const TestDependency &dep : m_registry.rootDependencies())
            names.append(dep.name);
        return names;
    }();
    QVERIFY2(roots.contains(first), qPrintable(first));
    m_upstream->clearLog();
    QVERIFY(m_upstream->requests().isEmpty());
}

void TestTestUpstream::keepAlive()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_upstream->port());
    QVERIFY(socket.waitForConnected(3000));
    const QByteArray request =
        "GET " + crateTarget(m_crate, m_version) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    socket.write(request + request);
    QByteArray data;
    QElapsedTimer clock;
    clock.start();
    while (data.count("HTTP/1.1 200") < 2 || !data.endsWith(m_crateBytes)) {
        QVERIFY(clock.elapsed() < 5000);
        socket.waitForReadyRead(500);
        data += socket.readAll();
    }
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_upstream->openConnections(), 1);
    socket.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream->openConnections(), 0, 3000);
    QVERIFY(m_upstream->peakConnections() >= 1);
}

void TestTestUpstream::tool()
{
    const QString binary = QFileInfo(qEnvironmentVariable("STOWAWAY_BIN")).absolutePath() +
                           QStringLiteral("/stowaway-testupstream");
    QVERIFY2(QFileInfo::exists(binary), qPrintable(binary));
    QProcess process;
    process.start(binary, {QStringLiteral("--registry"), m_dir.path(), QStringLiteral("--fault"),
                           QStringLiteral("re:^/crates/.*:status:502:1"), QStringLiteral("--fault"),
                           QStringLiteral("/index/config.json:too-many-requests:4")});
    QVERIFY(process.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 5000);
    const QString url = QString::fromUtf8(process.readLine()).trimmed();
    QVERIFY2(url.startsWith(QStringLiteral("http://127.0.0.1:")), qPrintable(url));
    const quint16 port = quint16(url.section(QLatin1Char(':'), -1).toUInt());
    const QByteArray target = crateTarget(m_crate, m_version);
    QCOMPARE(fetch(port, target).status, 502);
    QCOMPARE(fetch(port, target).body, m_crateBytes);
    const RawResponse config = fetch(port, "/index/config.json");
    QCOMPARE(config.status, 429);
    QCOMPARE(config.header("retry-after"), QByteArray("4"));
    process.kill();
    QVERIFY(process.waitForFinished(5000));

    QProcess bad;
    bad.start(binary, {QStringLiteral("--registry"), m_dir.path(), QStringLiteral("--fault"),
                       QStringLiteral("/x:explode")});
    QVERIFY(bad.waitForFinished(5000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(bad.readAllStandardError().contains("unknown fault"));
}

QTEST_GUILESS_MAIN(TestTestUpstream)
#include "tst_testupstream.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "http2upgrader.h"
#include "httpserver.h"
#include "indexclient.h"
#include "requesthandler.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <zlib.h>

#include <memory>

using namespace Stowaway;
using Status = IndexFetch::Status;

namespace {

const QByteArray kAgent = "stowaway/test (+tests@example.invalid)";
const QByteArray kSerdeBody =
    R"({"name":"serde","vers":"1.0.0","deps":[],"cksum":"00","features":{}})"
    "\n";
const QByteArray kModified = "Sat, 21 Nov 2026 05:00:00 GMT";

QByteArray gzip(const QByteArray &data)
{
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&stream, uLong(data.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

/// What the test upstream saw of one request.
struct Seen
{
    QString path;
    QByteArray ifNoneMatch;
    QByteArray ifModifiedSince;
    QByteArray cargoProtocol;
    QByteArray accept;
    QByteArray userAgent;
    int version = 0;
    qint64 atMs = 0;
};

/// A canned sparse upstream under /index/. Thread-safe: the server calls it from its workers.
class Upstream final : public RequestHandler
{
public:
    Upstream() { m_clock.start(); }

    HttpResponse handle(const HttpRequest &request) override
    {
        Seen seen{request.path,
                  request.header("if-none-match"),
                  request.header("if-modified-since"),
                  request.header("cargo-protocol"),
                  request.header("accept"),
                  request.header("user-agent"),
                  request.versionMajor,
                  0};
        int count = 0;
        {
            QMutexLocker lock(&m_mutex);
            seen.atMs = m_clock.elapsed();
            m_seen.append(seen);
            count = ++m_counts[request.path];
        }
        const QString name = request.path.section(QLatin1Char('/'), -1);
        HttpResponse response;
        response.setHeader("content-type", "text/plain");
        if (request.path == QLatin1String("/index/config.json")) {
            response.setHeader("content-type", "application/json");
            response.body = R"({"dl":"http://127.0.0.1:1/crates","api":"http://127.0.0.1:1"})";
        } else if (request.path == QLatin1String("/bad/config.json")) {
            response.body = "<html>oops</html>";
        } else if (name == QLatin1String("serde")) {
            if (seen.ifNoneMatch == "\"v1\"")
                return withValidators(HttpResponse{304, {}, {}, false}, true, true);
            response.body = kSerdeBody;
            return withValidators(response, true, true);
        } else if (name == QLatin1String("olddate")) {
            if (seen.ifModifiedSince == kModified)
                return withValidators(HttpResponse{304, {}, {}, false}, false, true);
            response.body = "old\n";
            return withValidators(response, false, true);
        } else if (name == QLatin1String("noetag304")) {
            return HttpResponse{304, {}, {}, false};
        } else if (name == QLatin1String("missing")) {
            return HttpResponse::error(404, "no such crate");
        } else if (name == QLatin1String("gone")) {
            return HttpResponse::error(410, "gone");
        } else if (name == QLatin1String("legal")) {
            return HttpResponse::error(451, "unavailable for legal reasons");
        } else if (name == QLatin1String("forbidden")) {
            return HttpResponse::error(403, "go away");
        } else if (name == QLatin1String("flaky")) {
            if (count == 1)
                return HttpResponse::error(500, "boom");
            response.body = "flaky recovered\n";
        } else if (name == QLatin1String("busy")) {
            if (count == 1) {
                HttpResponse busy = HttpResponse::error(429, "slow down");
                busy.setHeader("retry-after", "1");
                return busy;
            }
            response.body = "busy recovered\n";
        } else if (name == QLatin1String("broken")) {
            return HttpResponse::error(503, "down for maintenance");
        } else if (name == QLatin1String("gzipped")) {
            response.setHeader("content-encoding", "gzip");
            response.body = gzip(QByteArray(kSerdeBody).repeated(50));
        } else if (name == QLatin1String("stall")) {
            QThread::msleep(600);
            response.body = "late\n";
        } else if (request.path.startsWith(QLatin1String("/index/"))) {
            response.body = name.toUtf8() + '\n';
        } else {
            return HttpResponse::error(404, "not here");
        }
        return response;
    }

    QList<Seen> seen() const
    {
        QMutexLocker lock(&m_mutex);
        return m_seen;
    }
    QList<Seen> seenFor(const QString &path) const
    {
        QList<Seen> out;
        for (const Seen &seen : this->seen()) {
            if (seen.path == path)
                out.append(seen);
        }
        return out;
    }

private:
    static HttpResponse withValidators(HttpResponse response, bool etag, bool modified)
    {
        if (etag)
            response.setHeader("etag", "\"v1\"");
        if (modified)
            response.setHeader("last-modified", kModified);
        return response;
    }

    mutable QMutex m_mutex;
    QElapsedTimer m_clock;
    QList<Seen> m_seen;
    QHash<QString, int> m_counts;
};

IndexFetch onlyResult(const QSignalSpy &spy)
{
    return spy.isEmpty() ? IndexFetch{} : spy.first().first().value<IndexFetch>();
}

} // namespace

class TestIndexClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void configReady();
    void configNotJson();
    void config404SaysCheckUpstream();
    void configUnreachableIsOneLine();
    void okCarriesValidatorsAndCargoHeaders();
    void etagWinsOverLastModified();
    void changedFileIsOkToConditionalRequest();
    void lastModifiedAloneRevalidates();
    void notFound_data();
    void notFound();
    void serverErrorIsRetried();
    void tooManyRequestsHonoursRetryAfter();
    void persistentErrorFailsAfterRetries();
    void unconditional304IsAnError();
    void forbiddenIsNotRetried();
    void invalidNameFailsWithoutRequest();
    void connectionRefusedIsRetriedThenFails();
    void stalledTransferTimesOut();
    void gzipIsDecompressed();
    void sameNameIsFetchedOnce();
    void threeHundredWithLimit32();
    void h2cIsUsedWhenOffered();
    void http11ServerStillWorks();
    void abortAllEmitsNothing();
    void receiverMayAbortOrDelete();

private:
    std::unique_ptr<HttpServer> startServer(bool h2c);
    std::unique_ptr<IndexClient> makeClient(const QString &base = QStringLiteral("index"));
    IndexFetch fetchOne(IndexClient &client, const QString &name, const QByteArray &etag = {},
                        const QByteArray &modified = {});

    std::unique_ptr<Upstream> m_upstream;
    std::unique_ptr<Http2Upgrader> m_upgrader;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestIndexClient::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("stowaway.server.info=false"));
}

void TestIndexClient::init()
{
    m_upstream = std::make_unique<Upstream>();
    m_upgrader = std::make_unique<Http2Upgrader>();
    m_server = startServer(true);
    QVERIFY(m_server);
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestIndexClient::cleanup()
{
    m_nam.reset();
    m_server.reset();
    m_upgrader.reset();
    m_upstream.reset();
}

std::unique_ptr<HttpServer> TestIndexClient::startServer(bool h2c)
{
    auto server = std::make_unique<HttpServer>(*m_upstream, ServerOptions{});
    if (h2c)
        server->setProtocolUpgrader(m_upgrader.get());
    QString error;
    if (!server->listen(&error)) {
        qWarning() << error;
        return nullptr;
    }
    return server;
}

std::unique_ptr<IndexClient> TestIndexClient::makeClient(const QString &base)
{
    const auto url = UpstreamUrl::parse(
        QStringLiteral("sparse+http://127.0.0.1:%1/%2/").arg(m_server->serverPort()).arg(base),
        nullptr);
    auto client = std::make_unique<IndexClient>(*m_nam, *url, kAgent);
    RetryPolicy fast;
    fast.maxAttempts = 3;
    fast.firstDelay = std::chrono::milliseconds(10);
    fast.jitter = std::chrono::milliseconds(10);
    client->setRetryPolicy(fast);
    return client;
}

IndexFetch TestIndexClient::fetchOne(IndexClient &client, const QString &name,
                                     const QByteArray &etag, const QByteArray &modified)
{
    QSignalSpy spy(&client, &IndexClient::indexFetched);
    QSignalSpy idle(&client, &IndexClient::idle);
    client.fetch(name, etag, modified);
    if (!QTest::qWaitFor([&] { return !idle.isEmpty(); }, 10000))
        return {};
    if (spy.size() != 1)
        return {};
    return onlyResult(spy);
}

void TestIndexClient::configReady()
{
    auto client = makeClient();
    QSignalSpy ready(client.get(), &IndexClient::configReady);
    QSignalSpy failed(client.get(), &IndexClient::configFailed);
    client->fetchConfig();
    QVERIFY(ready.wait(5000));
    QCOMPARE(failed.size(), 0);
    const auto config = ready.first().first().value<RegistryConfig>();
    QCOMPARE(config.dl, QString("http://127.0.0.1:1/crates"));
    QCOMPARE(config.api, QString("http://127.0.0.1:1"));
    const QList<Seen> seen = m_upstream->seenFor("/index/config.json");
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().userAgent, kAgent);
    QCOMPARE(seen.first().cargoProtocol, QByteArray("version=1"));
    QVERIFY(seen.first().ifNoneMatch.isNull());
}

void TestIndexClient::configNotJson()
{
    auto client = makeClient(QStringLiteral("bad"));
    QSignalSpy failed(client.get(), &IndexClient::configFailed);
    client->fetchConfig();
    QVERIFY(failed.wait(5000));
    const QString message = failed.first().at(0).toString();
    QVERIFY2(message.contains("not valid JSON"), qPrintable(message));
    QVERIFY2(message.contains("--upstream"), qPrintable(message));
    QCOMPARE(failed.first().at(1).toBool(), false);
}

void TestIndexClient::config404SaysCheckUpstream()
{
    auto client = makeClient(QStringLiteral("nothing"));
    QSignalSpy failed(client.get(), &IndexClient::configFailed);
    client->fetchConfig();
    QVERIFY(failed.wait(5000));
    const QString message = failed.first().at(0).toString();
    QVERIFY2(message.contains("HTTP 404"), qPrintable(message));
    QVERIFY2(message.contains("sparse index"), qPrintable(message));
    QCOMPARE(failed.first().at(1).toBool(), false);
    QCOMPARE(m_upstream->seen().size(), 1); // a 404 is not retried
}

void TestIndexClient::configUnreachableIsOneLine()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 deadPort = probe.serverPort();
    probe.close();
    const auto url = UpstreamUrl::parse(
        QStringLiteral("sparse+http://127.0.0.1:%1/index/").arg(deadPort), nullptr);
    IndexClient client(*m_nam, *url, kAgent);
    QSignalSpy failed(&client, &IndexClient::configFailed);
    QElapsedTimer clock;
    clock.start();
    client.fetchConfig();
    QVERIFY(failed.wait(5000));
    QVERIFY2(clock.elapsed() < 2000, "a refused connection must fail at once, not after retries");
    const QString message = failed.first().at(0).toString();
    QVERIFY2(message.startsWith("Cannot reach the upstream index sparse+http://127.0.0.1:"),
             qPrintable(message));
    QVERIFY2(message.contains("refused", Qt::CaseInsensitive), qPrintable(message));
    QVERIFY(!message.contains(QLatin1Char('\n')));
    QCOMPARE(failed.first().at(1).toBool(), true);
}

void TestIndexClient::okCarriesValidatorsAndCargoHeaders()
{
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, "serde");
    QCOMPARE(result.status, Status::Ok);
    QCOMPARE(result.name, QString("serde"));
    QCOMPARE(result.bytes, kSerdeBody);
    QCOMPARE(result.etag, QByteArray("\"v1\""));
    QCOMPARE(result.lastModified, kModified);
    QCOMPARE(result.httpStatus, 200);
    QCOMPARE(result.attempts, 1);
    QVERIFY(result.error.isEmpty());

    const QList<Seen> seen = m_upstream->seenFor("/index/se/rd/serde");
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().cargoProtocol, QByteArray("version=1"));
    QCOMPARE(seen.first().accept, QByteArray("text/plain"));
    QCOMPARE(seen.first().userAgent, kAgent);
    QVERIFY(seen.first().ifNoneMatch.isNull());
    QVERIFY(seen.first().ifModifiedSince.isNull());
}

void TestIndexClient::etagWinsOverLastModified()
{
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, "serde", "\"v1\"", kModified);
    QCOMPARE(result.status, Status::NotModified);
    QCOMPARE(result.httpStatus, 304);
    QVERIFY(result.bytes.isEmpty());
    QCOMPARE(result.etag, QByteArray("\"v1\""));
    const QList<Seen> seen = m_upstream->seenFor("/index/se/rd/serde");
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().ifNoneMatch, QByteArray("\"v1\""));
    QVERIFY2(seen.first().ifModifiedSince.isNull(), "never both conditionals, like cargo");
}

void TestIndexClient::changedFileIsOkToConditionalRequest()
{
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, "serde", "\"v0\"");
    QCOMPARE(result.status, Status::Ok);
    QCOMPARE(result.bytes, kSerdeBody);
    QCOMPARE(result.etag, QByteArray("\"v1\""));
    QCOMPARE(m_upstream->seenFor("/index/se/rd/serde").first().ifNoneMatch, QByteArray("\"v0\""));
}

void TestIndexClient::lastModifiedAloneRevalidates()
{
    auto client = makeClient();
    const IndexFetch first = fetchOne(*client, "olddate");
    QCOMPARE(first.status, Status::Ok);
    QVERIFY(first.etag.isEmpty());
    QCOMPARE(first.lastModified, kModified);

    const IndexFetch second = fetchOne(*client, "olddate", first.etag, first.lastModified);
    QCOMPARE(second.status, Status::NotModified);
    QCOMPARE(second.lastModified, kModified);
    const QList<Seen> seen = m_upstream->seenFor("/index/ol/dd/olddate");
    QCOMPARE(seen.size(), 2);
    QVERIFY(seen.at(1).ifNoneMatch.isNull());
    QCOMPARE(seen.at(1).ifModifiedSince, kModified);
}

void TestIndexClient::notFound_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("status");
    QTest::newRow("404") << "missing" << 404;
    QTest::newRow("410") << "gone" << 410;
    QTest::newRow("451") << "legal" << 451;
}

void TestIndexClient::notFound()
{
    QFETCH(QString, name);
    QFETCH(int, status);
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, name);
    QCOMPARE(result.status, Status::NotFound);
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.attempts, 1);
    QCOMPARE(m_upstream->seen().size(), 1);
}

void TestIndexClient::serverErrorIsRetried()
{
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, "flaky");
    QCOMPARE(result.status, Status::Ok);
    QCOMPARE(result.bytes, QByteArray("flaky recovered\n"));
    QCOMPARE(result.attempts, 2);
    QCOMPARE(m_upstream->seenFor("/index/fl/ak/flaky").size(), 2);
}

void TestIndexClient::tooManyRequestsHonoursRetryAfter()
{
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, "busy");
    QCOMPARE(result.status, Status::Ok);
    QCOMPARE(result.attempts, 2);
    const QList<Seen> seen = m_upstream->seenFor("/index/bu/sy/busy");
    QCOMPARE(seen.size(), 2);
    const qint64 gap = seen.at(1).atMs - seen.at(0).atMs;
    QVERIFY2(gap >= 950,
             qPrintable(QString("retried after %1 ms despite Retry-After: 1").arg(gap)));
}

void TestIndexClient::persistentErrorFailsAfterRetries()
{
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, "broken");
    QCOMPARE(result.status, Status::Failed);
    QCOMPARE(result.httpStatus, 503);
    QCOMPARE(result.attempts, 3);
    QCOMPARE(m_upstream->seenFor("/index/br/ok/broken").size(), 3);
    QVERIFY2(result.error.contains("HTTP 503"), qPrintable(result.error));
    QVERIFY2(result.error.contains("3 attempt"), qPrintable(result.error));
    QVERIFY2(result.error.contains("broken"), qPrintable(result.error));
}

void TestIndexClient::unconditional304IsAnError()
{
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, "noetag304");
    QCOMPARE(result.status, Status::Failed);
    QCOMPARE(result.httpStatus, 304);
    QCOMPARE(result.attempts, 1);
    QVERIFY2(result.error.contains("no cached copy"), qPrintable(result.error));
}

void TestIndexClient::forbiddenIsNotRetried()
{
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, "forbidden");
    QCOMPARE(result.status, Status::Failed);
    QCOMPARE(result.httpStatus, 403);
    QCOMPARE(result.attempts, 1);
    QVERIFY2(result.error.contains("HTTP 403"), qPrintable(result.error));
}

void TestIndexClient::invalidNameFailsWithoutRequest()
{
    auto client = makeClient();
    QSignalSpy spy(client.get(), &IndexClient::indexFetched);
    client->fetch("../etc/passwd");
    QCOMPARE(spy.size(), 0); // never emitted from inside fetch()
    QVERIFY(spy.wait(2000));
    const IndexFetch result = onlyResult(spy);
    QCOMPARE(result.status, Status::Failed);
    QVERIFY2(result.error.contains("not a valid crate name"), qPrintable(result.error));
    QCOMPARE(m_upstream->seen().size(), 0);
    QCOMPARE(client->pendingCount(), 0);
}

void TestIndexClient::connectionRefusedIsRetriedThenFails()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 deadPort = probe.serverPort();
    probe.close();
    const auto url = UpstreamUrl::parse(
        QStringLiteral("sparse+http://127.0.0.1:%1/index/").arg(deadPort), nullptr);
    IndexClient client(*m_nam, *url, kAgent);
    RetryPolicy fast;
    fast.maxAttempts = 2;
    fast.firstDelay = std::chrono::milliseconds(10);
    fast.jitter = std::chrono::milliseconds(0);
    client.setRetryPolicy(fast);
    const IndexFetch result = fetchOne(client, "serde");
    QCOMPARE(result.status, Status::Failed);
    QCOMPARE(result.attempts, 2);
    QCOMPARE(result.httpStatus, 0);
    QVERIFY2(result.error.contains("refused", Qt::CaseInsensitive), qPrintable(result.error));
}

void TestIndexClient::stalledTransferTimesOut()
{
    auto client = makeClient();
    RetryPolicy once;
    once.maxAttempts = 1;
    client->setRetryPolicy(once);
    client->setTransferTimeout(std::chrono::milliseconds(150));
    const IndexFetch result = fetchOne(*client, "stall");
    QCOMPARE(result.status, Status::Failed);
    QVERIFY2(result.error.contains("timed out"), qPrintable(result.error));
}

void TestIndexClient::gzipIsDecompressed()
{
    auto client = makeClient();
    const IndexFetch result = fetchOne(*client, "gzipped");
    QCOMPARE(result.status, Status::Ok);
    QCOMPARE(result.bytes, QByteArray(kSerdeBody).repeated(50));
}

void TestIndexClient::sameNameIsFetchedOnce()
{
    auto client = makeClient();
    QSignalSpy spy(client.get(), &IndexClient::indexFetched);
    QSignalSpy idle(client.get(), &IndexClient::idle);
    client->fetch("Serde");
    client->fetch("serde");
    QCOMPARE(client->pendingCount(), 1);
    QVERIFY(idle.wait(5000));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(onlyResult(spy).name, QString("Serde"));
    QCOMPARE(m_upstream->seenFor("/index/se/rd/serde").size(), 1);
}

void TestIndexClient::threeHundredWithLimit32()
{
    auto client = makeClient();
    QCOMPARE(client->maxConcurrent(), 32);
    int maxInFlight = 0;
    QSet<QString> names;
    connect(client.get(), &IndexClient::indexFetched, this, [&](const IndexFetch &result) {
        maxInFlight = std::max(maxInFlight, client->inFlightCount());
        if (result.status == Status::Ok && result.bytes == result.name.toUtf8() + '\n')
            names.insert(result.name);
    });
    QSignalSpy idle(client.get(), &IndexClient::idle);
    for (int i = 0; i < 300; ++i)
        client->fetch(QStringLiteral("conc%1").arg(i, 3, 10, QLatin1Char('0')));
    QCOMPARE(client->inFlightCount(), 32);
    QCOMPARE(client->pendingCount(), 300);
    QVERIFY(idle.wait(20000));
    QCOMPARE(idle.size(), 1);
    QCOMPARE(names.size(), 300);
    QVERIFY(maxInFlight <= 32);
    QCOMPARE(client->pendingCount(), 0);
    QCOMPARE(m_upstream->seen().size(), 300);
}

void TestIndexClient::h2cIsUsedWhenOffered()
{
    auto client = makeClient();
    int http2 = 0;
    connect(client.get(), &IndexClient::indexFetched, this,
            [&](const IndexFetch &result) { http2 += result.http2 ? 1 : 0; });
    QSignalSpy idle(client.get(), &IndexClient::idle);
    for (int i = 0; i < 50; ++i)
        client->fetch(QStringLiteral("multi%1").arg(i));
    QVERIFY(idle.wait(10000));
    // Qt 6.4 sends `Upgrade: h2c` on the first request and multiplexes the rest over it.
    QCOMPARE(http2, 50);
    for (const Seen &seen : m_upstream->seen())
        QCOMPARE(seen.version, 2);
}

void TestIndexClient::http11ServerStillWorks()
{
    m_server = startServer(false);
    QVERIFY(m_server);
    auto client = makeClient();
    int http2 = 0;
    int ok = 0;
    connect(client.get(), &IndexClient::indexFetched, this, [&](const IndexFetch &result) {
        http2 += result.http2 ? 1 : 0;
        ok += result.status == Status::Ok ? 1 : 0;
    });
    QSignalSpy idle(client.get(), &IndexClient::idle);
    for (int i = 0; i < 20; ++i)
        client->fetch(QStringLiteral("plain%1").arg(i));
    QVERIFY(idle.wait(10000));
    QCOMPARE(ok, 20);
    QCOMPARE(http2, 0);
    for (const Seen &seen : m_upstream->seen())
        QCOMPARE(seen.version, 1);
}

void TestIndexClient::abortAllEmitsNothing()
{
    auto client = makeClient();
    QSignalSpy spy(client.get(), &IndexClient::indexFetched);
    QSignalSpy idle(client.get(), &IndexClient::idle);
    for (int i = 0; i < 40; ++i)
        client->fetch(QStringLiteral("abort%1").arg(i));
    client->fetch("busy"); // a retry timer is pending after the first answer
    client->abortAll();
    QCOMPARE(client->pendingCount(), 0);
    QCOMPARE(client->inFlightCount(), 0);
    QTest::qWait(300);
    QCOMPARE(spy.size(), 0);
    QCOMPARE(idle.size(), 0);
}

void TestIndexClient::receiverMayAbortOrDelete()
{
    // A sync that gives up on the first failure aborts from inside the result slot...
    auto client = makeClient();
    int results = 0;
    QSignalSpy idle(client.get(), &IndexClient::idle);
    connect(client.get(), &IndexClient::indexFetched, this, [&](const IndexFetch &) {
        ++results;
        client->abortAll();
    });
    for (int i = 0; i < 10; ++i)
        client->fetch(QStringLiteral("first%1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(results, 1, 5000);
    QTest::qWait(200);
    QCOMPARE(results, 1);
    QCOMPARE(idle.size(), 0);

    // ...and one that is done deletes the client there.
    auto doomed = makeClient();
    IndexClient *raw = doomed.get();
    int deletedAfter = 0;
    connect(raw, &IndexClient::indexFetched, this, [&](const IndexFetch &) {
        ++deletedAfter;
        doomed.reset();
    });
    for (int i = 0; i < 10; ++i)
        raw->fetch(QStringLiteral("second%1").arg(i));
    QTRY_VERIFY_WITH_TIMEOUT(!doomed, 5000);
    QTest::qWait(200);
    QCOMPARE(deletedAfter, 1);
}

QTEST_GUILESS_MAIN(TestIndexClient)
#include "tst_indexclient.moc"

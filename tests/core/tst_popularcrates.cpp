// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpserver.h"
#include "popularcrates.h"
#include "requesthandler.h"
#include "useragent.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Stowaway;
using namespace std::chrono_literals;

namespace {

constexpr int kTotal = 350; // three pages of 100 and one of 50

QString crateName(int index)
{
    return QStringLiteral("crate%1").arg(index, 3, 10, QLatin1Char('0'));
}

struct Seen
{
    QString path;
    QUrlQuery query;
    QByteArray userAgent;
    qint64 atMs = 0;
};

/// A crates.io-like `/api/v1/crates` under several prefixes, each with its own behaviour.
class CratesApi final : public RequestHandler
{
public:
    CratesApi() { m_clock.start(); }

    HttpResponse handle(const HttpRequest &request) override
    {
        Seen seen{request.path, QUrlQuery(QString::fromLatin1(request.query)),
                  request.header("user-agent"), 0};
        int count = 0;
        {
            QMutexLocker lock(&m_mutex);
            seen.atMs = m_clock.elapsed();
            m_seen.append(seen);
            count = int(m_seen.size());
        }
        const QString mode = request.path.section(QLatin1Char('/'), 1, 1);
        if (!request.path.endsWith(QLatin1String("/api/v1/crates")))
            return HttpResponse::error(404, "no such endpoint");
        if (mode == QLatin1String("forbidden")) {
            HttpResponse response;
            response.status = 403;
            response.setHeader("content-type", "application/json");
            response.body = R"({"errors":[{"detail":"We require that all requests include a )"
                            R"(`User-Agent` header."}]})";
            return response;
        }
        if (mode == QLatin1String("garbage"))
            return page("this is not json");
        if (mode == QLatin1String("flaky") && count == 1)
            return HttpResponse::error(503, "try again");
        if (mode == QLatin1String("tooLarge")) {
            HttpResponse response = HttpResponse::error(400, "");
            response.body = R"({"errors":[{"detail":"cannot request more than 100 items"}]})";
            return response;
        }

        const int perPage = std::min(seen.query.queryItemValue("per_page").toInt(), 100);
        int offset = 0;
        if (seen.query.hasQueryItem("seek"))
            offset = QByteArray::fromBase64(seen.query.queryItemValue("seek").toLatin1()).toInt();
        else if (seen.query.hasQueryItem("page"))
            offset = (seen.query.queryItemValue("page").toInt() - 1) * perPage;
        QJsonArray crates;
        for (int i = offset; i < std::min(offset + perPage, kTotal); ++i) {
            crates.append(QJsonObject{{"id", crateName(i)},
                                      {"name", crateName(i)},
                                      {"downloads", qint64(5000000000) - i * 1000},
                                      {"max_version", "1.0.0"}});
        }
        const int next = offset + perPage;
        QJsonValue nextPage = QJsonValue::Null;
        if (next < kTotal) {
            if (mode == QLatin1String("seek")) {
                nextPage = QStringLiteral("?per_page=%1&sort=downloads&seek=%2")
                               .arg(perPage)
                               .arg(QString::fromLatin1(QByteArray::number(next).toBase64()));
            } else if (mode == QLatin1String("away")) {
                nextPage = QStringLiteral("http://elsewhere.invalid/api/v1/crates?page=2");
            } else if (mode == QLatin1String("greedy")) {
                nextPage =
                    QStringLiteral("?page=%1&per_page=1000&sort=downloads").arg(next / perPage + 1);
            } else {
                nextPage = QStringLiteral("?page=%1&per_page=%2&sort=downloads")
                               .arg(next / perPage + 1)
                               .arg(perPage);
            }
        }
        const QJsonObject body{
            {"crates", crates},
            {"meta", QJsonObject{{"total", kTotal}, {"next_page", nextPage}, {"prev_page", {}}}}};
        return page(QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    QList<Seen> seen() const
    {
        QMutexLocker lock(&m_mutex);
        return m_seen;
    }

private:
    static HttpResponse page(const QByteArray &body)
    {
        HttpResponse response;
        response.setHeader("content-type", "application/json");
        response.body = body;
        return response;
    }

    mutable QMutex m_mutex;
    QElapsedTimer m_clock;
    QList<Seen> m_seen;
};

} // namespace

class TestPopularCrates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void walksPagesUntilTheEnd();
    void stopsAtN_data();
    void stopsAtN();
    void defaultIntervalKeepsOneSecond();
    void followsSeekPages();
    void perPageIsCappedAt100();
    void forbiddenSaysSetContact();
    void unreadablePageFails();
    void badRequestShowsDetail();
    void serverErrorIsRetriedPolitely();
    void nextPageMayNotLeaveTheApi();
    void noApiSaysUseCrate();
    void zeroIsEmpty();
    void abortEmitsNothing();

private:
    std::unique_ptr<PopularCrates> makeClient(const QString &mode,
                                              std::chrono::milliseconds interval = 200ms);
    QString apiBase(const QString &mode) const;

    std::unique_ptr<CratesApi> m_api;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    const QByteArray m_agent = UserAgent::string(u"tests@example.invalid");
};

void TestPopularCrates::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("stowaway.server.info=false"));
}

void TestPopularCrates::init()
{
    m_api = std::make_unique<CratesApi>();
    m_server = std::make_unique<HttpServer>(*m_api, ServerOptions{});
    QString error;
    QVERIFY2(m_server->listen(&error), qPrintable(error));
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestPopularCrates::cleanup()
{
    m_nam.reset();
    m_server.reset();
    m_api.reset();
}

QString TestPopularCrates::apiBase(const QString &mode) const
{
    return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_server->serverPort()).arg(mode);
}

std::unique_ptr<PopularCrates> TestPopularCrates::makeClient(const QString &mode,
                                                             std::chrono::milliseconds interval)
{
    auto client = std::make_unique<PopularCrates>(*m_nam, apiBase(mode), m_agent);
    client->setRequestInterval(interval);
    RetryPolicy fast;
    fast.firstDelay = 10ms;
    fast.jitter = 0ms;
    client->setRetryPolicy(fast);
    return client;
}

void TestPopularCrates::walksPagesUntilTheEnd()
{
    auto client = makeClient("pages");
    QSignalSpy ready(client.get(), &PopularCrates::topReady);
    QSignalSpy progress(client.get(), &PopularCrates::progress);
    client->fetchTop(1000);
    QVERIFY(ready.wait(10000));
    const auto crates = ready.first().first().value<QList<PopularCrate>>();
    QCOMPARE(crates.size(), kTotal); // next_page became null after the partial page
    for (int i = 0; i < kTotal; ++i) {
        QCOMPARE(crates.at(i).name, crateName(i));
        QCOMPARE(crates.at(i).rank, i + 1);
        QCOMPARE(crates.at(i).downloads, qint64(5000000000) - i * 1000);
    }
    QCOMPARE(progress.size(), 4);
    QCOMPARE(progress.last().at(0).toInt(), kTotal);
    QCOMPARE(progress.last().at(1).toInt(), 1000);

    const QList<Seen> seen = m_api->seen();
    QCOMPARE(seen.size(), 4);
    QCOMPARE(client->requestCount(), 4);
    QCOMPARE(seen.first().query.queryItemValue("sort"), QString("downloads"));
    for (int i = 0; i < seen.size(); ++i) {
        QCOMPARE(seen.at(i).path, QString("/pages/api/v1/crates"));
        QCOMPARE(seen.at(i).query.queryItemValue("per_page"), QString("100"));
        QCOMPARE(seen.at(i).userAgent, m_agent);
        if (i > 0) {
            const qint64 gap = seen.at(i).atMs - seen.at(i - 1).atMs;
            QVERIFY2(gap >= 200, qPrintable(QString("requests %1 ms apart").arg(gap)));
        }
    }
    QVERIFY(m_agent.startsWith("stowaway/" STOWAWAY_VERSION " (+tests@example.invalid)"));
}

void TestPopularCrates::stopsAtN_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("perPage");
    QTest::newRow("10 asks for a page of 10") << 10 << 1 << "10";
    QTest::newRow("100 is one page") << 100 << 1 << "100";
    QTest::newRow("101 needs two") << 101 << 2 << "100";
    QTest::newRow("150") << 150 << 2 << "100";
    QTest::newRow("300 is exactly three") << 300 << 3 << "100";
}

void TestPopularCrates::stopsAtN()
{
    QFETCH(int, n);
    QFETCH(int, requests);
    QFETCH(QString, perPage);
    auto client = makeClient("pages");
    QSignalSpy ready(client.get(), &PopularCrates::topReady);
    client->fetchTop(n);
    QVERIFY(ready.wait(10000));
    const auto crates = ready.first().first().value<QList<PopularCrate>>();
    QCOMPARE(crates.size(), n);
    QCOMPARE(crates.last().name, crateName(n - 1));
    QCOMPARE(crates.last().rank, n);
    QTest::qWait(300); // no further request sneaks out afterwards
    QCOMPARE(m_api->seen().size(), requests);
    for (const Seen &seen : m_api->seen())
        QCOMPARE(seen.query.queryItemValue("per_page"), perPage);
}

void TestPopularCrates::defaultIntervalKeepsOneSecond()
{
    PopularCrates client(*m_nam, apiBase("pages"), m_agent);
    QCOMPARE(client.requestInterval(), PopularCrates::kMinimumInterval);
    QCOMPARE(PopularCrates::kMinimumInterval, 1000ms);
    QSignalSpy ready(&client, &PopularCrates::topReady);
    client.fetchTop(150);
    QVERIFY(ready.wait(10000));
    const QList<Seen> seen = m_api->seen();
    QCOMPARE(seen.size(), 2);
    const qint64 gap = seen.at(1).atMs - seen.at(0).atMs;
    QVERIFY2(gap >= 1000, qPrintable(QString("requests %1 ms apart").arg(gap)));
}

void TestPopularCrates::followsSeekPages()
{
    auto client = makeClient("seek");
    QSignalSpy ready(client.get(), &PopularCrates::topReady);
    client->fetchTop(250);
    QVERIFY(ready.wait(10000));
    const auto crates = ready.first().first().value<QList<PopularCrate>>();
    QCOMPARE(crates.size(), 250);
    for (int i = 0; i < 250; ++i)
        QCOMPARE(crates.at(i).name, crateName(i));
    const QList<Seen> seen = m_api->seen();
    QCOMPARE(seen.size(), 3);
    QVERIFY(!seen.at(0).query.hasQueryItem("seek"));
    QVERIFY(seen.at(1).query.hasQueryItem("seek"));
    QVERIFY(seen.at(2).query.hasQueryItem("seek"));
    QCOMPARE(seen.at(2).path, QString("/seek/api/v1/crates"));
}

void TestPopularCrates::perPageIsCappedAt100()
{
    auto client = makeClient("greedy");
    QSignalSpy ready(client.get(), &PopularCrates::topReady);
    client->fetchTop(200);
    QVERIFY(ready.wait(10000));
    const QList<Seen> seen = m_api->seen();
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen.at(1).query.queryItemValue("per_page"), QString("100"));
    QCOMPARE(ready.first().first().value<QList<PopularCrate>>().size(), 200);
}

void TestPopularCrates::forbiddenSaysSetContact()
{
    auto client = makeClient("forbidden");
    QSignalSpy failed(client.get(), &PopularCrates::failed);
    QSignalSpy ready(client.get(), &PopularCrates::topReady);
    client->fetchTop(50);
    QVERIFY(failed.wait(10000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains("HTTP 403"), qPrintable(message));
    QVERIFY2(message.contains("User-Agent"), qPrintable(message));
    QVERIFY2(message.contains("contact in mirror.toml"), qPrintable(message));
    QVERIFY2(message.contains(QString::fromLatin1(m_agent)), qPrintable(message));
    QCOMPARE(m_api->seen().size(), 1); // not retried
    QCOMPARE(ready.size(), 0);
    QVERIFY(!client->isRunning());
}

void TestPopularCrates::unreadablePageFails()
{
    auto client = makeClient("garbage");
    QSignalSpy failed(client.get(), &PopularCrates::failed);
    client->fetchTop(50);
    QVERIFY(failed.wait(10000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains("cannot read"), qPrintable(message));
    QVERIFY2(message.contains("not JSON"), qPrintable(message));
}

void TestPopularCrates::badRequestShowsDetail()
{
    auto client = makeClient("tooLarge");
    QSignalSpy failed(client.get(), &PopularCrates::failed);
    client->fetchTop(50);
    QVERIFY(failed.wait(10000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains("HTTP 400: cannot request more than 100 items"), qPrintable(message));
}

void TestPopularCrates::serverErrorIsRetriedPolitely()
{
    auto client = makeClient("flaky");
    QSignalSpy ready(client.get(), &PopularCrates::topReady);
    client->fetchTop(100);
    QVERIFY(ready.wait(10000));
    QCOMPARE(ready.first().first().value<QList<PopularCrate>>().size(), 100);
    const QList<Seen> seen = m_api->seen();
    QCOMPARE(seen.size(), 2);
    const qint64 gap = seen.at(1).atMs - seen.at(0).atMs;
    QVERIFY2(gap >= 200, qPrintable(QString("retry came %1 ms after the 503").arg(gap)));
}

void TestPopularCrates::nextPageMayNotLeaveTheApi()
{
    auto client = makeClient("away");
    QSignalSpy failed(client.get(), &PopularCrates::failed);
    client->fetchTop(200);
    QVERIFY(failed.wait(10000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains("leads away"), qPrintable(message));
    QCOMPARE(m_api->seen().size(), 1);
}

void TestPopularCrates::noApiSaysUseCrate()
{
    PopularCrates client(*m_nam, QString(), m_agent);
    QSignalSpy failed(&client, &PopularCrates::failed);
    client.fetchTop(10);
    QCOMPARE(failed.size(), 0); // never from inside fetchTop()
    QVERIFY(failed.wait(2000));
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains("no web API"), qPrintable(message));
    QVERIFY2(message.contains("--crate"), qPrintable(message));

    PopularCrates ftp(*m_nam, QStringLiteral("ftp://example.invalid"), m_agent);
    QSignalSpy ftpFailed(&ftp, &PopularCrates::failed);
    ftp.fetchTop(10);
    QVERIFY(ftpFailed.wait(2000));
    QVERIFY(ftpFailed.first().first().toString().contains("not an http(s) URL"));
}

void TestPopularCrates::zeroIsEmpty()
{
    auto client = makeClient("pages");
    QSignalSpy ready(client.get(), &PopularCrates::topReady);
    client->fetchTop(0);
    QVERIFY(ready.wait(2000));
    QVERIFY(ready.first().first().value<QList<PopularCrate>>().isEmpty());
    QCOMPARE(m_api->seen().size(), 0);
}

void TestPopularCrates::abortEmitsNothing()
{
    auto client = makeClient("pages");
    QSignalSpy ready(client.get(), &PopularCrates::topReady);
    QSignalSpy failed(client.get(), &PopularCrates::failed);
    QSignalSpy progress(client.get(), &PopularCrates::progress);
    client->fetchTop(300);
    QVERIFY(progress.wait(5000)); // first page in, the gate holds the second
    client->abort();
    QVERIFY(!client->isRunning());
    QTest::qWait(500);
    QCOMPARE(ready.size(), 0);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(m_api->seen().size(), 1);
}

QTEST_GUILESS_MAIN(TestPopularCrates)
#include "tst_popularcrates.moc"

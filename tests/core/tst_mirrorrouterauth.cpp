// SPDX-License-Identifier: GPL-3.0-or-later
// MirrorRouter with a LAN token: 401 without it or with a wrong one, 200 with it.
#include "lantoken.h"
#include "mirrorlayout.h"
#include "mirrorrouter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace Stowaway;
using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

const QByteArray Token = QByteArrayLiteral("stw_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo");
const QByteArray SerdeIndex =
    QByteArrayLiteral("{\"name\":\"serde\",\"vers\":\"1.0.0\",\"deps\":[],\"cksum\":\"00\"}\n");
const QByteArray CrateBytes = QByteArrayLiteral("not really gzip, but served as is");

HttpRequest request(const QByteArray &method, const QString &path, const Headers &headers)
{
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.target = path.toUtf8();
    r.headers = headers;
    r.localAddress = QHostAddress(QHostAddress::LocalHost);
    r.localPort = 27428;
    r.peerAddress = QHostAddress(QStringLiteral("192.168.1.77"));
    r.peerPort = 50000;
    return r;
}

} // namespace

class TestMirrorRouterAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void withToken_data();
    void withToken();
    void unauthorizedSaysHowToLogIn();
    void configJsonSaysAuthRequired();
    void noTokenServesAsBefore_data();
    void noTokenServesAsBefore();
    void setTokenSwitchesWhileServing();

private:
    MirrorRouter *makeRouter(const QByteArray &token);

    QTemporaryDir m_dir;
    QString m_root;
    std::unique_ptr<MirrorRouter> m_router;
};

MirrorRouter *TestMirrorRouterAuth::makeRouter(const QByteArray &token)
{
    MirrorRouterOptions options;
    options.token = LanToken(token);
    m_router.reset();
    m_router = std::make_unique<MirrorRouter>(
        MirrorLayout(m_root), [] { return MirrorSummary{}; }, nullptr, options);
    return m_router.get();
}

void TestMirrorRouterAuth::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_root = m_dir.filePath(QStringLiteral("mirror"));
    const QList<std::pair<QString, QByteArray>> files{
        {QStringLiteral("index/se/rd/serde"), SerdeIndex},
        {QStringLiteral("crates/serde/serde-1.0.0.crate"), CrateBytes}};
    for (const auto &[relative, bytes] : files) {
        const QString path = m_root + QLatin1Char('/') + relative;
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
}

void TestMirrorRouterAuth::withToken_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Headers>("auth");
    QTest::addColumn<int>("status");

    const QList<std::pair<const char *, QString>> paths{
        {"config.json", QStringLiteral("/index/config.json")},
        {"index file", QStringLiteral("/index/se/rd/serde")},
        {"crate", QStringLiteral("/crates/serde/serde-1.0.0.crate")},
        {"crate download", QStringLiteral("/crates/serde/1.0.0/download")},
        {"missing index file", QStringLiteral("/index/to/ki/tokio")},
        {"home page", QStringLiteral("/")},
        {"home page by name", QStringLiteral("/index.html")},
        {"unknown path", QStringLiteral("/api/v1/crates")},
    };
    const QList<std::tuple<const char *, Headers, bool>> auths{
        {"no Authorization", {}, false},
        {"empty Authorization", {{"authorization", ""}}, false},
        {"wrong token", {{"authorization", "stw_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmgh"}}, false},
        {"wrong token as Bearer",
         {{"authorization", "Bearer stw_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmgh"}},
         false},
        {"token in Basic", {{"authorization", "Basic " + Token}}, false},
        {"token twice", {{"authorization", Token}, {"authorization", Token}}, false},
        {"right token, raw", {{"authorization", Token}}, true},
        {"right token, Bearer", {{"authorization", "Bearer " + Token}}, true},
    };
    for (const auto &[pathName, path] : paths) {
        for (const auto &[authName, headers, good] : auths) {
            // Without the token nothing is revealed, not even whether a path exists.
            int status = 401;
            if (good)
                status =
                    path.contains(QLatin1String("tokio")) || path.startsWith(u"/api") ? 404 : 200;
            for (const QByteArray &method : {QByteArray("GET"), QByteArray("HEAD")}) {
                Headers all = headers;
                all.append(std::pair<QByteArray, QByteArray>("host", "192.168.1.20:27428"));
                QTest::addRow("%s %s, %s", method.constData(), pathName, authName)
                    << method << path << all << status;
            }
        }
    }
    QTest::newRow("robots.txt needs no token") << QByteArray("GET") << QStringLiteral("/robots.txt")
                                               << Headers{{"host", "192.168.1.20:27428"}} << 200;
}

void TestMirrorRouterAuth::withToken()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(Headers, auth);
    QFETCH(int, status);
    MirrorRouter *router = makeRouter(Token);
    const HttpResponse response = router->handle(request(method, path, auth));
    QCOMPARE(response.status, status);
    if (status == 401) {
        QVERIFY(!response.body.contains(SerdeIndex));
        QVERIFY(!response.body.contains(CrateBytes));
        QVERIFY(!response.body.contains(Token));
    }
    if (status == 200 && path == QLatin1String("/index/se/rd/serde") && method == "GET")
        QCOMPARE(response.body, SerdeIndex);
    if (status == 200 && path.endsWith(QLatin1String(".crate")) && method == "GET")
        QCOMPARE(response.body, CrateBytes);
}

void TestMirrorRouterAuth::unauthorizedSaysHowToLogIn()
{
    MirrorRouter *router = makeRouter(Token);
    HttpResponse response = router->handle(
        request("GET", QStringLiteral("/index/config.json"), {{"host", "192.168.1.20:27428"}}));
    QCOMPARE(response.status, 401);
    QCOMPARE(response.header("www-authenticate"),
             QByteArray("Cargo login_url=\"http://192.168.1.20:27428/\""));
    QCOMPARE(response.header("cache-control"), QByteArray("no-store"));
    QVERIFY2(response.body.contains("token"), response.body.constData());
    // A Host that is not a valid host name never reaches the header.
    response = router->handle(
        request("GET", QStringLiteral("/index/se/rd/serde"), {{"host", "evil\"host"}}));
    QCOMPARE(response.status, 401);
    QCOMPARE(response.header("www-authenticate"),
             QByteArray("Cargo login_url=\"http://127.0.0.1:27428/\""));
}

void TestMirrorRouterAuth::configJsonSaysAuthRequired()
{
    MirrorRouter *router = makeRouter(Token);
    const HttpResponse response =
        router->handle(request("GET", QStringLiteral("/index/config.json"),
                               {{"host", "192.168.1.20:27428"}, {"authorization", Token}}));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("{\"dl\":\"http://192.168.1.20:27428/crates/{crate}/"
                                       "{crate}-{version}.crate\",\"api\":\"http://"
                                       "192.168.1.20:27428\",\"auth-required\":true}\n"));
}

void TestMirrorRouterAuth::noTokenServesAsBefore_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<Headers>("headers");
    QTest::newRow("config.json") << "/index/config.json" << Headers{{"host", "127.0.0.1:1"}};
    QTest::newRow("index") << "/index/se/rd/serde" << Headers{};
    QTest::newRow("crate") << "/crates/serde/serde-1.0.0.crate" << Headers{};
    QTest::newRow("crate with a stray Authorization")
        << "/crates/serde/serde-1.0.0.crate" << Headers{{"authorization", "whatever"}};
    QTest::newRow("home page") << "/" << Headers{};
}

void TestMirrorRouterAuth::noTokenServesAsBefore()
{
    QFETCH(QString, path);
    QFETCH(Headers, headers);
    MirrorRouter *router = makeRouter({});
    const HttpResponse response = router->handle(request("GET", path, headers));
    QCOMPARE(response.status, 200);
    QVERIFY(!response.body.contains("auth-required"));
}

void TestMirrorRouterAuth::setTokenSwitchesWhileServing()
{
    // The desktop app turns LAN sharing on and off while server threads are answering.
    MirrorRouter *router = makeRouter({});
    const HttpRequest withToken =
        request("GET", QStringLiteral("/index/se/rd/serde"), {{"authorization", Token}});
    const HttpRequest without = request("GET", QStringLiteral("/index/se/rd/serde"), {});
    std::atomic<bool> stop{false};
    std::atomic<int> bad{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (int n = 0; n < 20000 && !stop; ++n) {
                // With the right token the answer is 200 whatever the switch says.
                if (router->handle(withToken).status != 200)
                    ++bad;
                const int status = router->handle(without).status;
                if (status != 200 && status != 401)
                    ++bad;
            }
        });
    }
    for (int i = 0; i < 200; ++i) {
        router->setToken(LanToken(i % 2 ? Token : QByteArray()));
        std::this_thread::yield();
    }
    stop = true;
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(bad.load(), 0);
    router->setToken(LanToken(Token));
    QCOMPARE(router->token().value(), Token);
    QCOMPARE(router->handle(without).status, 401);
    router->setToken(LanToken());
    QCOMPARE(router->handle(without).status, 200);
}

QTEST_APPLESS_MAIN(TestMirrorRouterAuth)
#include "tst_mirrorrouterauth.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// `stowaway sync` through a real forward proxy (tinyproxy on loopback): CONNECT tunnels to an
// HTTPS upstream, absolute-form GETs to an HTTP one, proxy credentials, no_proxy, a proxy that
// is down, the saved setting (none / env), and a git fetch sent through the proxy.
#include "e2etools.h"
#include "testregistry.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway::Testing;

class TestSyncProxy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void throughTheProxy_data();
    void throughTheProxy();
    void credentials_data();
    void credentials();
    void direct_data();
    void direct();
    void proxyDownLeavesMirrorAlone();
    void noneAndEnvAreRemembered();
    void gitFetch_data();
    void gitFetch();

private:
    RunResult sync(const QString &mirror, const QStringList &arguments,
                   const QStringList &environment = {});
    QString newMirror() { return m_dir.filePath(QStringLiteral("mirror-%1").arg(++m_mirrors)); }
    /// Starts tinyproxy (asking for @p basicAuth when given) in a folder of its own and, when
    /// given, the test upstream (over TLS when @p tls); false with @p error set.
    bool startProxyAndUpstream(BackgroundServer &proxy, BackgroundServer *upstream, bool tls,
                               const QString &basicAuth, QString *error);
    /// --upstream for @p server, https:// when @p tls.
    static QString upstreamArg(const BackgroundServer &server, bool tls);
    QStringList tlsArguments() const;

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::small();
    QString m_registryDir;
    QString m_crate; ///< one root with a few dependencies
    int m_mirrors = 0;
    int m_proxies = 0;
};

RunResult TestSyncProxy::sync(const QString &mirror, const QStringList &arguments,
                              const QStringList &environment)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                             "no_proxy", "NO_PROXY"})
        env.remove(QLatin1String(name));
    for (const QString &assignment : environment)
        env.insert(assignment.section(QLatin1Char('='), 0, 0),
                   assignment.section(QLatin1Char('='), 1));
    return runProcess(stowawayBinary(),
                      QStringList{QStringLiteral("--mirror"), mirror, QStringLiteral("sync"),
                                  QStringLiteral("--no-progress")} +
                          arguments,
                      {}, env, 120000);
}

bool TestSyncProxy::startProxyAndUpstream(BackgroundServer &proxy, BackgroundServer *upstream,
                                          bool tls, const QString &basicAuth, QString *error)
{
    const QString dir = m_dir.filePath(QStringLiteral("proxy-%1").arg(++m_proxies));
    QDir().mkpath(dir);
    return proxy.startTinyproxy(dir, basicAuth, error) &&
           (!upstream || upstream->startTestUpstream(m_registryDir,
                                                     tls ? tlsArguments() : QStringList(), error));
}

QString TestSyncProxy::upstreamArg(const BackgroundServer &server, bool tls)
{
    QString url = server.url();
    if (tls)
        url.replace(QLatin1String("http://"), QLatin1String("https://"));
    return QStringLiteral("--upstream=sparse+") + url + QStringLiteral("/index/");
}

QStringList TestSyncProxy::tlsArguments() const
{
    const QString tls = QStringLiteral(STOWAWAY_TEST_DATA "/tls/");
    return {QStringLiteral("--tls-cert"), tls + "server.pem", QStringLiteral("--tls-key"),
            tls + "server.key"};
}

void TestSyncProxy::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_registryDir = m_dir.filePath(QStringLiteral("registry"));
    QString error;
    QVERIFY2(m_registry.writeRegistry(m_registryDir, QStringLiteral("http://127.0.0.1:1"), &error),
             qPrintable(error));
    m_crate = m_registry.rootDependencies().constFirst().name;
}

void TestSyncProxy::throughTheProxy_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("https upstream: CONNECT tunnels") << true;
    QTest::newRow("http upstream: absolute-form GETs") << false;
}

void TestSyncProxy::throughTheProxy()
{
    QFETCH(bool, tls);
    BackgroundServer proxy;
    BackgroundServer upstream;
    QString error;
    QVERIFY2(startProxyAndUpstream(proxy, &upstream, tls, {}, &error), qPrintable(error));
    const QString mirror = newMirror();
    QStringList arguments{upstreamArg(upstream, tls),
                          QStringLiteral("--crate"),
                          m_crate,
                          QStringLiteral("--proxy"),
                          proxy.url(),
                          QStringLiteral("--json")};
    if (tls)
        arguments << QStringLiteral("--cainfo") << QStringLiteral(STOWAWAY_TEST_DATA "/tls/ca.pem");
    const RunResult result = sync(mirror, arguments);
    QVERIFY2(result.exitCode == 0, result.output.constData());
    const QJsonObject json =
        QJsonDocument::fromJson(result.output.trimmed().split('\n').last()).object();
    const int downloaded = json.value(QStringLiteral("downloaded")).toInt();
    QVERIFY2(downloaded > 1, result.output.constData());

    const QStringList requests = proxy.proxyLog();
    const QString hostPort = QStringLiteral("127.0.0.1:%1").arg(upstream.port());
    if (tls) {
        // Every request went through a tunnel: the proxy saw only CONNECTs to the upstream.
        QVERIFY2(!requests.isEmpty(), qPrintable(requests.join(QLatin1Char('\n'))));
        for (const QString &line : requests)
            QCOMPARE(line, QStringLiteral("CONNECT %1 HTTP/1.1").arg(hostPort));
    } else {
        const QString base = QStringLiteral("GET http://") + hostPort;
        QVERIFY2(requests.contains(base + QStringLiteral("/index/config.json HTTP/1.1")),
                 qPrintable(requests.join(QLatin1Char('\n'))));
        const auto crateGets =
            std::count_if(requests.cbegin(), requests.cend(), [&](const QString &line) {
                return line.startsWith(base) && line.contains(QLatin1String(".crate"));
            });
        QCOMPARE(int(crateGets), downloaded);
    }
    // The proxy is remembered with the mirror, and what came through it verifies.
    QVERIFY(readFile(mirror + QStringLiteral("/mirror.toml")).contains("\nproxy = "));
    const RunResult verify = runProcess(
        stowawayBinary(), {QStringLiteral("--mirror"), mirror, QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.output.constData());
}

void TestSyncProxy::credentials_data()
{
    QTest::addColumn<QString>("userInfo"); // in the proxy URL
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("outputHas");
    QTest::newRow("user and password in the URL")
        << QStringLiteral("ann:s3cret@") << 0 << QStringLiteral("Synced");
    QTest::newRow("none: the message names the proxy")
        << QString() << 1
        << QStringLiteral("407 Proxy Authentication Required (1 attempt); "
                          "requests go through the proxy http://127.0.0.1:");
    QTest::newRow("a wrong password") << QStringLiteral("ann:wrong@") << 1
                                      << QStringLiteral("requests go through the proxy "
                                                        "http://ann@127.0.0.1:");
}

void TestSyncProxy::credentials()
{
    QFETCH(QString, userInfo);
    QFETCH(int, exitCode);
    QFETCH(QString, outputHas);
    BackgroundServer proxy;
    BackgroundServer upstream;
    QString error;
    QVERIFY2(startProxyAndUpstream(proxy, &upstream, false, QStringLiteral("ann s3cret"), &error),
             qPrintable(error));
    const QString proxyUrl =
        proxy.url().replace(QLatin1String("http://"), QStringLiteral("http://") + userInfo);
    const RunResult result =
        sync(newMirror(), {upstreamArg(upstream, false), QStringLiteral("--crate"), m_crate,
                           QStringLiteral("--proxy"), proxyUrl});
    QVERIFY2(result.exitCode == exitCode, result.output.constData());
    QVERIFY2(result.output.contains(outputHas.toUtf8()), result.output.constData());
    QVERIFY2(!result.output.contains("s3cret") && !result.output.contains("wrong"),
             result.output.constData()); // a password is never printed
}

void TestSyncProxy::direct_data()
{
    QTest::addColumn<QString>("proxyFlag"); // empty: no --proxy
    QTest::addColumn<QStringList>("environment");
    QTest::newRow("https_proxy is not for this machine's loopback")
        << QString()
        << QStringList{QStringLiteral("https_proxy=PROXY"), QStringLiteral("http_proxy=PROXY")};
    QTest::newRow("no_proxy holds for --proxy too")
        << QStringLiteral("PROXY") << QStringList{QStringLiteral("no_proxy=localhost,127.0.0.1")};
    QTest::newRow("--proxy none over https_proxy")
        << QStringLiteral("none") << QStringList{QStringLiteral("all_proxy=PROXY")};
}

void TestSyncProxy::direct()
{
    QFETCH(QString, proxyFlag);
    QFETCH(QStringList, environment);
    BackgroundServer proxy;
    BackgroundServer upstream;
    QString error;
    QVERIFY2(startProxyAndUpstream(proxy, &upstream, false, {}, &error), qPrintable(error));
    QStringList arguments{upstreamArg(upstream, false), QStringLiteral("--crate"), m_crate};
    if (!proxyFlag.isEmpty())
        arguments << QStringLiteral("--proxy")
                  << QString(proxyFlag).replace(QLatin1String("PROXY"), proxy.url());
    environment.replaceInStrings(QStringLiteral("PROXY"), proxy.url());
    const RunResult result = sync(newMirror(), arguments, environment);
    QVERIFY2(result.exitCode == 0, result.output.constData());
    QCOMPARE(proxy.proxyLog(), QStringList());
}

void TestSyncProxy::proxyDownLeavesMirrorAlone()
{
    BackgroundServer upstream;
    QString error;
    QVERIFY2(upstream.startTestUpstream(m_registryDir, {}, &error), qPrintable(error));
    const QString mirror = newMirror();
    const RunResult first =
        sync(mirror, {upstreamArg(upstream, false), QStringLiteral("--crate"), m_crate});
    QVERIFY2(first.exitCode == 0, first.output.constData());
    const auto before =
        fileSnapshot(mirror, {QStringLiteral("state.sqlite"), QStringLiteral("tmp/")});

    const QString deadProxy = QStringLiteral("http://127.0.0.1:%1").arg(freePort());
    const RunResult result = sync(mirror, {QStringLiteral("--proxy"), deadProxy});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(
        result.output.contains(
            QStringLiteral("through the proxy %1 (from the proxy setting): Connection refused. "
                           "Check that the proxy runs")
                .arg(deadProxy)
                .toUtf8()),
        result.output.constData());
    // A refused proxy is not retried: it will not start answering in a second.
    QVERIFY2(!result.output.contains("retrying"), result.output.constData());
    QCOMPARE(fileSnapshot(mirror, {QStringLiteral("state.sqlite"), QStringLiteral("tmp/")}),
             before); // the proxy is not saved either
}

void TestSyncProxy::noneAndEnvAreRemembered()
{
    BackgroundServer proxy;
    BackgroundServer upstream;
    QString error;
    QVERIFY2(startProxyAndUpstream(proxy, &upstream, false, {}, &error), qPrintable(error));
    const QString mirror = newMirror();
    const QString config = mirror + QStringLiteral("/mirror.toml");
    const QStringList environment{QStringLiteral("all_proxy=") + proxy.url()};
    // The machine's proxy takes loopback only through the setting, so set one, then none.
    RunResult result = sync(mirror,
                            {upstreamArg(upstream, false), QStringLiteral("--crate"), m_crate,
                             QStringLiteral("--proxy"), proxy.url()},
                            environment);
    QVERIFY2(result.exitCode == 0, result.output.constData());
    const int seen = int(proxy.proxyLog().size());
    QVERIFY(seen > 0);
    result = sync(mirror, {QStringLiteral("--proxy"), QStringLiteral("none")}, environment);
    QVERIFY2(result.exitCode == 0, result.output.constData());
    QVERIFY2(readFile(config).contains("\nproxy = 'none'"), readFile(config).constData());
    // Remembered: the next sync goes direct without being told.
    const QString deadProxy = QStringLiteral("http://127.0.0.1:%1").arg(freePort());
    result = sync(mirror, {}, {QStringLiteral("all_proxy=") + deadProxy});
    QVERIFY2(result.exitCode == 0, result.output.constData());
    QCOMPARE(int(proxy.proxyLog().size()), seen);
    // env forgets the setting: the environment decides again (loopback: direct).
    result = sync(mirror, {QStringLiteral("--proxy"), QStringLiteral("env")}, environment);
    QVERIFY2(result.exitCode == 0, result.output.constData());
    QVERIFY2(!readFile(config).contains("\nproxy = "), readFile(config).constData());
}

void TestSyncProxy::gitFetch_data()
{
    QTest::addColumn<QString>("scheme");      // of the git upstream
    QTest::addColumn<QString>("proxyScheme"); // of the proxy URL
    QTest::addColumn<QString>("outputHas");
    QTest::addColumn<bool>("tunnelled"); // the proxy saw a CONNECT to the upstream
    QTest::newRow("https: tunnelled with CONNECT")
        << QStringLiteral("https") << QStringLiteral("http")
        << QStringLiteral("through the proxy http://127.0.0.1:") << true;
    QTest::newRow("http: libgit2 would go direct, so it is refused")
        << QStringLiteral("http") << QStringLiteral("http")
        << QStringLiteral("only https:// git fetches go through a proxy") << false;
    QTest::newRow("a SOCKS proxy: refused")
        << QStringLiteral("https") << QStringLiteral("socks5")
        << QStringLiteral("only through http:// proxies") << false;
}

void TestSyncProxy::gitFetch()
{
    QFETCH(QString, scheme);
    QFETCH(QString, proxyScheme);
    QFETCH(QString, outputHas);
    QFETCH(bool, tunnelled);
    BackgroundServer proxy;
    QString error;
    QVERIFY2(startProxyAndUpstream(proxy, nullptr, false, {}, &error), qPrintable(error));
    // Nothing listens behind this URL: through the proxy, the tunnel fails and the sync says so.
    const quint16 port = freePort();
    const QString gitUrl =
        QStringLiteral("%1://127.0.0.1:%2/crates.io-index.git").arg(scheme).arg(port);
    const QString proxyUrl = QString(proxy.url()).replace(QLatin1String("http"), proxyScheme);
    const RunResult result =
        sync(newMirror(), {QStringLiteral("--upstream"), gitUrl, QStringLiteral("--crate"), m_crate,
                           QStringLiteral("--proxy"), proxyUrl});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.output.contains(outputHas.toUtf8()), result.output.constData());
    const QStringList requests = proxy.proxyLog();
    if (tunnelled)
        QCOMPARE(requests, QStringList{QStringLiteral("CONNECT 127.0.0.1:%1 HTTP/1.1").arg(port)});
    else
        QCOMPARE(requests, QStringList());
}

QTEST_GUILESS_MAIN(TestSyncProxy)
#include "tst_syncproxy.moc"

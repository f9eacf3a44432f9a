// SPDX-License-Identifier: GPL-3.0-or-later
// `stowaway sync` against the loopback test upstream, then real cargo against the mirror
// with the upstream gone: the proof that a synced mirror is enough to build offline.
#include "e2etools.h"
#include "testcrate.h"
#include "testregistry.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Stowaway::Testing;

class TestSyncEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void popularAndNamedCratesBuildWithUpstreamGone();
    void secondSyncIsARoundOf304s();
    void lockfileBuildsLockedWithUpstreamGone();
    void dryRunPlansAndWritesNothing();
    void unreachableUpstreamLeavesMirrorAlone();
    void faults_data();
    void faults();
    void killNineThenSyncAgain();
    void privateCaUpstream_data();
    void privateCaUpstream();

private:
    RunResult sync(const QString &mirror, const QStringList &arguments);
    RunResult cargoIn(const QString &home, const QString &project, const QStringList &arguments);
    QString enabledCargoHome(const QString &name, const QString &url);
    QString upstreamArg(const BackgroundServer &server) const;

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::small();
    QString m_registryDir;
    QString m_cargo;
    QString m_mirror; ///< synced by the first test, reused by the second
};

RunResult TestSyncEndToEnd::sync(const QString &mirror, const QStringList &arguments)
{
    return runProcess(stowawayBinary(),
                      QStringList{QStringLiteral("--mirror"), mirror, QStringLiteral("sync"),
                                  QStringLiteral("--no-progress")} +
                          arguments,
                      {}, QProcessEnvironment::systemEnvironment(), 120000);
}

RunResult TestSyncEndToEnd::cargoIn(const QString &home, const QString &project,
                                    const QStringList &arguments)
{
    return runProcess(m_cargo, arguments, project,
                      cargoEnvironment(m_cargo, home, project + QStringLiteral("/target")), 300000);
}

QString TestSyncEndToEnd::enabledCargoHome(const QString &name, const QString &url)
{
    const QString home = m_dir.filePath(name);
    QDir().mkpath(home);
    const RunResult enable = runProcess(
        stowawayBinary(), {QStringLiteral("cargo-config"), QStringLiteral("enable"),
                           QStringLiteral("--cargo-home"), home, QStringLiteral("--url"), url});
    return enable.exitCode == 0 ? home : QString();
}

QString TestSyncEndToEnd::upstreamArg(const BackgroundServer &server) const
{
    return QStringLiteral("--upstream=sparse+") + server.url() + QStringLiteral("/index/");
}

void TestSyncEndToEnd::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cargo = findCargo();
    QVERIFY2(!m_cargo.isEmpty(), "no cargo 1.68 or newer found in ~/.cargo/bin or on PATH; "
                                 "install Rust with https://rustup.rs.");
    m_registryDir = m_dir.filePath(QStringLiteral("registry"));
    QString error;
    QVERIFY2(m_registry.writeRegistry(m_registryDir, QStringLiteral("http://127.0.0.1:1"), &error),
             qPrintable(error));
}

void TestSyncEndToEnd::popularAndNamedCratesBuildWithUpstreamGone()
{
    BackgroundServer upstream;
    QString error;
    QVERIFY2(upstream.startTestUpstream(m_registryDir, {}, &error), qPrintable(error));
    m_mirror = m_dir.filePath(QStringLiteral("mirror"));
    QStringList arguments{upstreamArg(upstream), QStringLiteral("--popular"), QStringLiteral("2"),
                          QStringLiteral("--json")};
    for (const TestDependency &dep : m_registry.rootDependencies())
        arguments << QStringLiteral("--crate") << dep.name;
    const RunResult result = sync(m_mirror, arguments);
    QVERIFY2(result.exitCode == 0, result.output.constData());
    const QJsonObject json =
        QJsonDocument::fromJson(result.output.trimmed().split('\n').last()).object();
    QVERIFY2(json.value(QStringLiteral("ok")).toBool(), result.output.constData());
    QVERIFY(json.value(QStringLiteral("downloaded")).toInt() > 0);
    upstream.stop();

    BackgroundServer mirror;
    QVERIFY2(mirror.startServe(m_mirror, &error), qPrintable(error));
    const QString home = enabledCargoHome(QStringLiteral("home-popular"), mirror.url());
    QVERIFY(!home.isEmpty());
    const QString project = m_dir.filePath(QStringLiteral("app-popular"));
    QVERIFY2(TestRegistry::writeProject(project, QStringLiteral("synced-app"),
                                        m_registry.rootDependencies(), &error),
             qPrintable(error));
    const RunResult build = cargoIn(home, project, {QStringLiteral("build")});
    QVERIFY2(build.exitCode == 0, build.output.constData());
    const RunResult run = runProcess(project + QStringLiteral("/target/debug/synced-app"), {});
    QCOMPARE(run.output.trimmed(), "value=" + QByteArray::number(m_registry.expectedProjectValue(
                                                  m_registry.rootDependencies())));
}

void TestSyncEndToEnd::secondSyncIsARoundOf304s()
{
    QVERIFY2(!m_mirror.isEmpty(), "runs after popularAndNamedCratesBuildWithUpstreamGone");
    BackgroundServer upstream;
    QString error;
    QVERIFY2(upstream.startTestUpstream(m_registryDir, {}, &error), qPrintable(error));
    // No selection flags: the saved selection is brought up to date.
    const RunResult result = sync(m_mirror, {upstreamArg(upstream), QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, result.output.constData());
    const QJsonObject json =
        QJsonDocument::fromJson(result.output.trimmed().split('\n').last()).object();
    QCOMPARE(json.value(QStringLiteral("downloaded")).toInt(), 0);
    QCOMPARE(json.value(QStringLiteral("index_fetched")).toInt(), 0);
    QVERIFY(json.value(QStringLiteral("index_unchanged")).toInt() > 0);
    QVERIFY(json.value(QStringLiteral("already_stored")).toInt() > 0);
}

void TestSyncEndToEnd::lockfileBuildsLockedWithUpstreamGone()
{
    BackgroundServer upstream;
    QString error;
    QVERIFY2(upstream.startTestUpstream(m_registryDir, {}, &error), qPrintable(error));
    // A project locked by real cargo straight against the upstream.
    const QString project = m_dir.filePath(QStringLiteral("app-locked"));
    QVERIFY2(TestRegistry::writeProject(project, QStringLiteral("locked-app"),
                                        m_registry.rootDependencies(), &error),
             qPrintable(error));
    const QString lockHome = enabledCargoHome(QStringLiteral("home-lock"), upstream.url());
    QVERIFY(!lockHome.isEmpty());
    const RunResult lock = cargoIn(lockHome, project, {QStringLiteral("generate-lockfile")});
    QVERIFY2(lock.exitCode == 0, lock.output.constData());

    const QString mirrorDir = m_dir.filePath(QStringLiteral("mirror-locked"));
    const RunResult result = sync(mirrorDir, {upstreamArg(upstream), QStringLiteral("--lockfile"),
                                              project + QStringLiteral("/Cargo.lock")});
    QVERIFY2(result.exitCode == 0, result.output.constData());
    upstream.stop();

    BackgroundServer mirror;
    QVERIFY2(mirror.startServe(mirrorDir, &error), qPrintable(error));
    const QString home = enabledCargoHome(QStringLiteral("home-locked"), mirror.url());
    QVERIFY(!home.isEmpty());
    const RunResult build =
        cargoIn(home, project, {QStringLiteral("build"), QStringLiteral("--locked")});
    QVERIFY2(build.exitCode == 0, build.output.constData());
}

void TestSyncEndToEnd::dryRunPlansAndWritesNothing()
{
    BackgroundServer upstream;
    QString error;
    QVERIFY2(upstream.startTestUpstream(m_registryDir, {}, &error), qPrintable(error));
    const QString mirrorDir = m_dir.filePath(QStringLiteral("mirror-dry"));
    const QString root = m_registry.rootDependencies().constFirst().name;
    const RunResult result =
        sync(mirrorDir, {upstreamArg(upstream), QStringLiteral("--crate"), root,
                         QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, result.output.constData());
    const QJsonObject json =
        QJsonDocument::fromJson(result.output.trimmed().split('\n').last()).object();
    const QJsonArray crates = json.value(QStringLiteral("crates")).toArray();
    QCOMPARE(json.value(QStringLiteral("count")).toInt(), crates.size());
    QVERIFY(!crates.isEmpty());
    bool hasRoot = false;
    for (const QJsonValue &crate : crates)
        hasRoot |= crate.toObject().value(QStringLiteral("name")).toString() == root;
    QVERIFY(hasRoot);
    QVERIFY(QDir(mirrorDir + QStringLiteral("/crates")).isEmpty());
    const RunResult status =
        runProcess(stowawayBinary(), {QStringLiteral("--mirror"), mirrorDir,
                                      QStringLiteral("status"), QStringLiteral("--json")});
    QVERIFY2(status.output.contains("\"versions\":0"), status.output.constData());
}

void TestSyncEndToEnd::unreachableUpstreamLeavesMirrorAlone()
{
    QVERIFY2(!m_mirror.isEmpty(), "runs after popularAndNamedCratesBuildWithUpstreamGone");
    const auto statusOf = [this] {
        return runProcess(stowawayBinary(), {QStringLiteral("--mirror"), m_mirror,
                                             QStringLiteral("status"), QStringLiteral("--json")})
            .output;
    };
    const QByteArray before = statusOf();
    const RunResult result = sync(
        m_mirror, {QStringLiteral("--upstream=sparse+http://127.0.0.1:%1/index/").arg(freePort())});
    QCOMPARE(result.exitCode, 1);
    const QList<QByteArray> lines = result.output.trimmed().split('\n');
    QVERIFY2(lines.size() == 1 && lines.first().contains("unchanged"), result.output.constData());
    QCOMPARE(statusOf(), before);
}

void TestSyncEndToEnd::faults_data()
{
    QTest::addColumn<QStringList>("faults");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("outputHas");
    const QString root = m_registry.rootDependencies().constFirst().name;
    QTest::newRow("a crate with a wrong checksum is listed and not stored")
        << QStringList{QStringLiteral("/crates/base/*:wrong-checksum")} << 1 << "checksum";
    QTest::newRow("index 500 twice, then fine: retried")
        << QStringList{QStringLiteral("/index/ba/se/base:status:500:2")} << 0 << "Synced";
    QTest::newRow("a crate always 500: listed, retried next time")
        << QStringList{QStringLiteral("/crates/base/*:status:500")} << 1 << "run sync again";
    QTest::newRow("429 with Retry-After is waited out")
        << QStringList{QStringLiteral("/crates/base/*:too-many-requests:1:1")} << 0 << "Synced";
    QTest::newRow("connection reset mid-body is retried")
        << QStringList{QStringLiteral("/crates/*:connection-reset:1:2")} << 0 << "Synced";
    QTest::newRow("truncated body is retried")
        << QStringList{QStringLiteral("/crates/*:truncated-body::2")} << 0 << "Synced";
    QTest::newRow("gzip-encoded crate is never unpacked into the store")
        << QStringList{QStringLiteral("/crates/base/*:gzip-encoded")} << 1 << "checksum";
    QTest::newRow("malformed and future-schema lines are skipped and counted")
        << QStringList{QStringLiteral("/index/ba/se/base:malformed-lines"),
                       QStringLiteral("/index/ba/se/base:future-schema-lines")}
        << 0 << "skipped";
}

void TestSyncEndToEnd::faults()
{
    QFETCH(QStringList, faults);
    QFETCH(int, exitCode);
    QFETCH(QString, outputHas);
    QStringList extra;
    for (const QString &fault : faults)
        extra << QStringLiteral("--fault") << fault;
    BackgroundServer upstream;
    QString error;
    QVERIFY2(upstream.startTestUpstream(m_registryDir, extra, &error), qPrintable(error));
    static int run = 0;
    const QString mirrorDir = m_dir.filePath(QStringLiteral("mirror-fault-%1").arg(++run));
    QStringList arguments{upstreamArg(upstream)};
    for (const TestDependency &dep : m_registry.rootDependencies())
        arguments << QStringLiteral("--crate") << dep.name;
    const RunResult result = sync(mirrorDir, arguments);
    QVERIFY2(result.exitCode == exitCode, result.output.constData());
    QVERIFY2(result.output.contains(outputHas.toUtf8()), result.output.constData());
    // Whatever happened, the mirror is consistent.
    const RunResult verify = runProcess(
        stowawayBinary(), {QStringLiteral("--mirror"), mirrorDir, QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.output.constData());
}

void TestSyncEndToEnd::killNineThenSyncAgain()
{
    const TestRegistry layered = TestRegistry::layered(60);
    const QString registryDir = m_dir.filePath(QStringLiteral("registry-layered"));
    QString error;
    QVERIFY2(layered.writeRegistry(registryDir, QStringLiteral("http://127.0.0.1:1"), &error),
             qPrintable(error));
    BackgroundServer upstream;
    // The first .crate request stalls, so the sync is still running (waiting out the stall)
    // when the others are stored: batched writes make it too quick to catch otherwise.
    QVERIFY2(upstream.startTestUpstream(
                 registryDir, {QStringLiteral("--fault"), QStringLiteral("/crates/*:stall:1:1")},
                 &error),
             qPrintable(error));
    const QString mirrorDir = m_dir.filePath(QStringLiteral("mirror-killed"));
    QStringList arguments{QStringLiteral("--mirror"), mirrorDir,
                          QStringLiteral("sync"),     QStringLiteral("--no-progress"),
                          upstreamArg(upstream),      QStringLiteral("--versions"),
                          QStringLiteral("all"),      QStringLiteral("--jobs"),
                          QStringLiteral("2")};
    for (const TestDependency &dep : layered.rootDependencies())
        arguments << QStringLiteral("--crate") << dep.name;

    QProcess first;
    first.start(stowawayBinary(), arguments);
    QVERIFY(first.waitForStarted());
    // Kill it once some crates are stored and many are not.
    const QString crates = mirrorDir + QStringLiteral("/crates");
    QTRY_VERIFY_WITH_TIMEOUT(QDir(crates).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() >=
                                     10 ||
                                 first.state() == QProcess::NotRunning,
                             60000);
    QVERIFY2(first.state() == QProcess::Running, "the sync ended before it could be killed");
    ::kill(pid_t(first.processId()), SIGKILL);
    QVERIFY(first.waitForFinished(10000));

    const RunResult again =
        runProcess(stowawayBinary(), arguments + QStringList{QStringLiteral("--json")}, {},
                   QProcessEnvironment::systemEnvironment(), 120000);
    QVERIFY2(again.exitCode == 0, again.output.constData());
    const QJsonObject json =
        QJsonDocument::fromJson(again.output.trimmed().split('\n').last()).object();
    QVERIFY(json.value(QStringLiteral("already_stored")).toInt() > 0);
    const RunResult verify = runProcess(
        stowawayBinary(), {QStringLiteral("--mirror"), mirrorDir, QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.output.constData());
}

void TestSyncEndToEnd::privateCaUpstream_data()
{
    QTest::addColumn<QString>("caFile"); // relative to tests/data/tls; empty: no --cainfo
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("outputHas");
    QTest::newRow("--cainfo with the upstream's CA: synced and remembered")
        << QStringLiteral("ca.pem") << 0 << QStringLiteral("Synced");
    QTest::newRow("no --cainfo: untrusted, the hint names --cainfo")
        << QString() << 1 << QStringLiteral("--cainfo FILE");
    QTest::newRow("another CA: untrusted")
        << QStringLiteral("other-ca.pem") << 1 << QStringLiteral("SSL handshake failed");
    QTest::newRow("an expired CA is refused before any request")
        << QStringLiteral("expired-ca.pem") << 2 << QStringLiteral("expired on");
}

void TestSyncEndToEnd::privateCaUpstream()
{
    QFETCH(QString, caFile);
    QFETCH(int, exitCode);
    QFETCH(QString, outputHas);
    const QString tls = QStringLiteral(STOWAWAY_TEST_DATA "/tls/");
    BackgroundServer upstream;
    QString error;
    QVERIFY2(upstream.startTestUpstream(m_registryDir,
                                        {QStringLiteral("--tls-cert"), tls + "server.pem",
                                         QStringLiteral("--tls-key"), tls + "server.key"},
                                        &error),
             qPrintable(error));
    const QString indexUrl =
        QStringLiteral("--upstream=sparse+") +
        upstream.url().replace(QLatin1String("http://"), QLatin1String("https://")) +
        QStringLiteral("/index/");
    static int run = 0;
    const QString mirrorDir = m_dir.filePath(QStringLiteral("mirror-tls-%1").arg(++run));
    QStringList arguments{indexUrl, QStringLiteral("--crate"),
                          m_registry.rootDependencies().constFirst().name};
    if (!caFile.isEmpty())
        arguments << QStringLiteral("--cainfo") << tls + caFile;
    const RunResult result = sync(mirrorDir, arguments);
    QVERIFY2(result.exitCode == exitCode, result.output.constData());
    QVERIFY2(result.output.contains(outputHas.toUtf8()), result.output.constData());
    const QByteArray config = readFile(mirrorDir + QStringLiteral("/mirror.toml"));
    QCOMPARE(config.contains("\ncainfo = "), exitCode == 0); // not the commented example
    if (exitCode != 0)
        return;
    // Remembered: the next sync trusts the same CA without being told.
    const RunResult again = sync(mirrorDir, {});
    QVERIFY2(again.exitCode == 0, again.output.constData());
    const RunResult verify = runProcess(
        stowawayBinary(), {QStringLiteral("--mirror"), mirrorDir, QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.output.constData());
}

QTEST_GUILESS_MAIN(TestSyncEndToEnd)
#include "tst_syncendtoend.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The closure checked against cargo's own resolver: real cargo locks a project against a
// mirror of a generated registry (served by `stowaway serve` on loopback), and the
// ClosureResolver plan for the same roots must contain every package cargo locked.
#include "closureresolver.h"
#include "indexpath.h"
#include "lockfile.h"
#include "testregistry.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

struct RunResult
{
    int exitCode = -1;
    QByteArray output = {};
};

// Runs a program to completion within `timeoutMs`; kills it when it takes longer.
RunResult runProcess(const QString &program, const QStringList &arguments,
                     const QString &workingDir = {},
                     const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                     int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setProcessEnvironment(env);
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(program, arguments);
    RunResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.output = process.readAll() +
                        "\n(timed out or failed to start: " + process.errorString().toUtf8() + ")";
        return result;
    }
    result.output = process.readAll();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// rustup's cargo first (a distribution's cargo may predate sparse registries), then PATH.
QString findCargo()
{
    const QStringList candidates{
        QStandardPaths::findExecutable(QStringLiteral("cargo"),
                                       {QDir::homePath() + QStringLiteral("/.cargo/bin")}),
        QStandardPaths::findExecutable(QStringLiteral("cargo"))};
    for (const QString &candidate : candidates) {
        if (candidate.isEmpty())
            continue;
        const RunResult version = runProcess(candidate, {QStringLiteral("--version")});
        const QList<QByteArray> parts = version.output.split(' ').value(1).split('.');
        if (version.exitCode == 0 && parts.size() >= 2 && parts[0].toInt() == 1 &&
            parts[1].toInt() >= 68)
            return candidate;
    }
    return {};
}

using Deps = QList<TestDependency>;

} // namespace

class TestClosureVsCargo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void planContainsCargoLock_data();
    void planContainsCargoLock();

private:
    bool serverAnswers();
    ResolverPlan planFor(const Deps &deps, QStringList *asked);

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::layered(150);
    QString m_registryDir;
    QString m_stowaway;
    QString m_cargo;
    QString m_url;
    quint16 m_port = 0;
    QProcess m_server;
};

void TestClosureVsCargo::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_stowaway = qEnvironmentVariable("STOWAWAY_BIN");
    QVERIFY2(QFileInfo(m_stowaway).isExecutable(),
             "STOWAWAY_BIN must name the stowaway binary (ctest sets it).");
    const QString populate =
        QFileInfo(m_stowaway).dir().filePath(QStringLiteral("stowaway-populate"));
    QVERIFY2(QFileInfo(populate).isExecutable(),
             "stowaway-populate must sit next to the stowaway binary (build its target).");
    m_cargo = findCargo();
    QVERIFY2(!m_cargo.isEmpty(), "no cargo 1.68 or newer (sparse registries) found in "
                                 "~/.cargo/bin or on PATH; install Rust with https://rustup.rs.");

    // A free port: bind port 0, read it, release it, hand it to the server.
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_port = probe.serverPort();
    }
    m_url = QStringLiteral("http://127.0.0.1:%1").arg(m_port);

    m_registryDir = m_dir.filePath(QStringLiteral("registry"));
    QString error;
    QVERIFY2(m_registry.writeRegistry(m_registryDir, m_url, &error), qPrintable(error));
    const QString mirror = m_dir.filePath(QStringLiteral("mirror"));
    const RunResult filled = runProcess(
        populate, {QStringLiteral("--registry"), m_registryDir, QStringLiteral("--mirror"), mirror},
        {}, QProcessEnvironment::systemEnvironment(), 120000);
    QVERIFY2(filled.exitCode == 0, filled.output.constData());

    const QString serverLog = m_dir.filePath(QStringLiteral("serve.log"));
    m_server.setProcessChannelMode(QProcess::MergedChannels);
    m_server.setStandardOutputFile(serverLog);
    m_server.start(m_stowaway,
                   {QStringLiteral("serve"), QStringLiteral("--mirror"), mirror,
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(m_port)});
    QVERIFY2(m_server.waitForStarted(10000), qPrintable(m_server.errorString()));
    // Bounded wait (200 x 100 ms); fail at once with the server's output if it exits.
    bool answering = false;
    for (int attempt = 0; attempt < 200 && !answering; ++attempt) {
        QVERIFY2(m_server.state() != QProcess::NotRunning,
                 qPrintable(QStringLiteral("stowaway serve exited (%1):\n%2")
                                .arg(m_server.exitCode())
                                .arg(QString::fromUtf8(readFile(serverLog)))));
        answering = serverAnswers();
        if (!answering)
            QTest::qWait(100);
    }
    QVERIFY2(answering, readFile(serverLog).constData());
}

void TestClosureVsCargo::cleanupTestCase()
{
    if (m_server.state() == QProcess::NotRunning)
        return;
    m_server.terminate();
    if (!m_server.waitForFinished(5000)) {
        m_server.kill();
        m_server.waitForFinished(5000);
    }
}

bool TestClosureVsCargo::serverAnswers()
{
    if (m_server.state() == QProcess::NotRunning)
        return false;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(500))
        return false;
    socket.write("GET /index/config.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray response;
    for (int i = 0; i < 20 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.waitForReadyRead(100);
        response += socket.readAll();
    }
    response += socket.readAll();
    return response.startsWith("HTTP/1.1 200") && response.contains("\"dl\"");
}

// The plan for the project's dependencies, from the registry's index files on disk.
ResolverPlan TestClosureVsCargo::planFor(const Deps &deps, QStringList *asked)
{
    ClosureResolver resolver(ResolverOptions{.policy = VersionPolicy::newest()});
    for (const TestDependency &dep : deps) {
        QString error;
        const std::optional<SemverReq> req = SemverReq::parse(dep.req, &error);
        if (!req)
            qFatal("bad requirement %s: %s", qPrintable(dep.req), qPrintable(error));
        resolver.addRoot({.name = dep.name,
                          .req = *req,
                          .reason = QStringLiteral("named"),
                          .detail = QStringLiteral("Cargo.toml")});
    }
    const QDir index(m_registryDir + QStringLiteral("/index"));
    for (int round = 0; round < 1000 && !resolver.isClosed(); ++round) {
        const QStringList names = resolver.takeNewNames();
        if (names.isEmpty())
            break;
        for (const QString &name : names) {
            asked->append(name);
            QFile file(index.filePath(IndexPath::relativePath(name)));
            if (!file.open(QIODevice::ReadOnly)) {
                resolver.provideMissing(name, file.errorString());
                continue;
            }
            const IndexLine::FileLines parsed = IndexLine::parseFile(file.readAll());
            if (parsed.skipped > 0)
                qWarning("%s: %s", qPrintable(name), qPrintable(parsed.problems.join(u'\n')));
            resolver.provide(name, parsed.lines);
        }
    }
    if (!resolver.isClosed())
        qWarning("the resolver did not close: %s", qPrintable(resolver.pendingNames().join(u' ')));
    return resolver.plan();
}

void TestClosureVsCargo::planContainsCargoLock_data()
{
    QTest::addColumn<Deps>("deps");
    QTest::addColumn<int>("pinnedOld"); // how many roots cargo must lock below their newest
    // True when cargo has nothing to unify, so its lock and the plan must be the same set.
    QTest::addColumn<bool>("sameAsCargo");

    const Deps top = m_registry.rootDependencies();
    QTest::newRow("top layer, newest") << top << 0 << true;

    // Every top-layer crate pinned to its first release: older versions have fewer
    // dependencies, so the closure must follow what 1.0.0 needs, not what 1.2.0 needs.
    Deps pinned;
    for (const TestDependency &dep : top)
        pinned.append({.name = dep.name, .req = QStringLiteral("=1.0.0")});
    QTest::newRow("top layer pinned to 1.0.0") << pinned << int(pinned.size()) << true;

    // Tilde and exact pins deeper down: cargo unifies every ^1.0 user of those crates onto
    // the older version, and the plan must still hold what it locks.
    Deps mixed;
    for (qsizetype i = 0; i < top.size(); ++i)
        mixed.append(
            {.name = top[i].name, .req = i % 2 ? QStringLiteral("~1.1") : QStringLiteral("^1.0")});
    int deeperPins = 0;
    for (const QString &name : m_registry.crateNames()) {
        if (name.startsWith(QLatin1String("layer01-")) && deeperPins < 5) {
            mixed.append({.name = name, .req = QStringLiteral("=1.0.0")});
            ++deeperPins;
        }
    }
    QTest::newRow("tilde roots and deeper exact pins") << mixed << deeperPins << false;
}

void TestClosureVsCargo::planContainsCargoLock()
{
    QFETCH(Deps, deps);
    QFETCH(int, pinnedOld);
    QFETCH(bool, sameAsCargo);
    QVERIFY(!deps.isEmpty());

    const QString tag = QString::fromLatin1(QTest::currentDataTag())
                            .replace(QLatin1Char(' '), QLatin1Char('-'))
                            .replace(QLatin1Char(','), QLatin1Char('-'));
    const QString home = m_dir.filePath(QStringLiteral("home-") + tag);
    const QString project = m_dir.filePath(QStringLiteral("project-") + tag);
    QVERIFY(QDir().mkpath(home));
    QString error;
    QVERIFY2(TestRegistry::writeProject(project, QStringLiteral("closure-app"), deps, &error),
             qPrintable(error));
    const RunResult enable = runProcess(
        m_stowaway, {QStringLiteral("cargo-config"), QStringLiteral("enable"),
                     QStringLiteral("--cargo-home"), home, QStringLiteral("--url"), m_url});
    QVERIFY2(enable.exitCode == 0, enable.output.constData());

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CARGO_HOME"), home);
    env.insert(QStringLiteral("CARGO_NET_RETRY"), QStringLiteral("0"));
    env.insert(QStringLiteral("CARGO_HTTP_TIMEOUT"), QStringLiteral("20"));
    env.insert(QStringLiteral("CARGO_TERM_COLOR"), QStringLiteral("never"));
    env.remove(QStringLiteral("CARGO_NET_OFFLINE"));
    env.insert(QStringLiteral("PATH"), QFileInfo(m_cargo).absolutePath() + QLatin1Char(':') +
                                           env.value(QStringLiteral("PATH")));
    const RunResult lock =
        runProcess(m_cargo, {QStringLiteral("generate-lockfile")}, project, env, 180000);
    QVERIFY2(lock.exitCode == 0, lock.output.constData());

    const std::optional<LockFile> lockFile =
        LockFile::load(project + QStringLiteral("/Cargo.lock"), &error);
    QVERIFY2(lockFile, qPrintable(error));
    const QList<LockFile::Package> &locked = lockFile->registryPackages();
    QVERIFY(locked.size() >= deps.size());

    QStringList asked;
    const ResolverPlan plan = planFor(deps, &asked);
    QStringList problems;
    for (const ResolverProblem &problem : plan.problems)
        problems.append(problem.message);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    QSet<QString> planned;
    for (const PlannedVersion &v : plan.versions)
        planned.insert(IndexPath::canonicalName(v.name) + QLatin1Char(' ') + v.version);
    QStringList notPlanned;
    int older = 0;
    for (const LockFile::Package &package : locked) {
        if (!planned.contains(IndexPath::canonicalName(package.name) + QLatin1Char(' ') +
                              package.version))
            notPlanned.append(package.name + QLatin1Char(' ') + package.version);
        if (package.version == u"1.0.0")
            ++older;
    }
    QVERIFY2(notPlanned.isEmpty(),
             qPrintable(QStringLiteral("cargo locked versions the plan lacks: ") +
                        notPlanned.join(QStringLiteral(", "))));
    if (sameAsCargo)
        QCOMPARE(plan.versions.size(), locked.size());
    else
        QVERIFY(plan.versions.size() > locked.size());
    // The case really exercises old versions: cargo locked at least the pinned ones old.
    QVERIFY(older >= pinnedOld);
    qInfo("%s: cargo locked %lld packages; the plan holds %lld versions of %lld crates",
          QTest::currentDataTag(), qlonglong(locked.size()), qlonglong(plan.versions.size()),
          qlonglong(asked.size()));
}

QTEST_GUILESS_MAIN(TestClosureVsCargo)
#include "tst_closurevscargo.moc"

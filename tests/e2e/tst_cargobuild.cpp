// SPDX-License-Identifier: GPL-3.0-or-later
// The end-to-end proof: a mirror filled through MirrorStore, served by `stowaway serve`,
// switched on with `stowaway cargo-config enable`, and real cargo building a project
// from it over loopback HTTP (never the internet: crates-io is replaced).
#include "indexpath.h"
#include "mirrorlayout.h"
#include "mirrorstore.h"
#include "testregistry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
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
RunResult
runProcess(const QString &program, const QStringList &arguments, const QString &workingDir = {},
           const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
           int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setProcessEnvironment(environment);
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

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A config.toml a person might have: comments, an alias, a [net] table, CRLF endings.
const QByteArray OriginalConfig = "# My cargo settings (kept by hand)\r\n"
                                  "[alias]\r\n"
                                  "b = \"build\"  # short form\r\n"
                                  "\r\n"
                                  "[net]\r\n"
                                  "# never wait long for a flaky network\r\n"
                                  "retry = 0\r\n"
                                  "git-fetch-with-cli = false\r\n";

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
        // "cargo 1.95.0 (f2d3ce0bd 2026-03-21)"
        const QList<QByteArray> parts = version.output.split(' ').value(1).split('.');
        if (version.exitCode == 0 && parts.size() >= 2 && parts[0].toInt() == 1 &&
            parts[1].toInt() >= 68)
            return candidate;
    }
    return {};
}

} // namespace

class TestCargoBuild : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void enableThenDisableRestoresConfig_data();
    void enableThenDisableRestoresConfig();
    void cargoBuildsProjectFromMirror();
    void lockedYankedVersionBuilds();

private:
    bool serverAnswers();
    QString cargoHomeWithConfig(const QString &name, const QByteArray &config);
    RunResult cargoConfig(const QStringList &arguments);
    RunResult cargo(const QString &cargoHome, const QString &projectDir,
                    const QStringList &arguments);

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::small();
    QString m_stowaway;
    QString m_cargo;
    QString m_url;
    quint16 m_port = 0;
    QProcess m_server;
};

void TestCargoBuild::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_stowaway = qEnvironmentVariable("STOWAWAY_BIN");
    QVERIFY2(QFileInfo(m_stowaway).isExecutable(),
             "STOWAWAY_BIN must name the stowaway binary (ctest sets it).");
    m_cargo = findCargo();
    QVERIFY2(!m_cargo.isEmpty(), "no cargo 1.68 or newer (sparse registries) found in "
                                 "~/.cargo/bin or on PATH; install Rust with https://rustup.rs.");

    // The mirror: every version of the small preset, stored through MirrorStore.
    const QString mirror = m_dir.filePath(QStringLiteral("mirror"));
    {
        MirrorStore store{MirrorLayout(mirror)};
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        for (const QString &name : m_registry.crateNames()) {
            const QByteArray index = m_registry.indexFile(name);
            const QString etag =
                QLatin1Char('"') +
                QString::fromLatin1(
                    QCryptographicHash::hash(index, QCryptographicHash::Sha256).toHex().left(32)) +
                QLatin1Char('"');
            QVERIFY2(store.putUpstreamIndex(name, index, etag,
                                            QStringLiteral("Sat, 21 Nov 2026 06:00:00 GMT"),
                                            &error),
                     qPrintable(error));
            for (const TestCrate *crate : m_registry.versions(name))
                QVERIFY2(store.putCrate(name, crate->version,
                                        m_registry.crateFile(name, crate->version), &error),
                         qPrintable(error));
        }
    }

    // A free port: bind port 0, read it, release it, hand it to the server.
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_port = probe.serverPort();
    }
    m_url = QStringLiteral("http://127.0.0.1:%1").arg(m_port);
    // The server's output goes to a file: a pipe nobody reads could fill up and stall it.
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

void TestCargoBuild::cleanupTestCase()
{
    if (m_server.state() == QProcess::NotRunning)
        return;
    m_server.terminate();
    if (!m_server.waitForFinished(5000)) {
        m_server.kill();
        m_server.waitForFinished(5000);
    }
}

bool TestCargoBuild::serverAnswers()
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

QString TestCargoBuild::cargoHomeWithConfig(const QString &name, const QByteArray &config)
{
    const QString home = m_dir.filePath(name);
    QDir().mkpath(home);
    if (!config.isNull() && !writeFile(home + QStringLiteral("/config.toml"), config))
        return {};
    return home;
}

RunResult TestCargoBuild::cargoConfig(const QStringList &arguments)
{
    return runProcess(m_stowaway, QStringList{QStringLiteral("cargo-config")} + arguments);
}

RunResult TestCargoBuild::cargo(const QString &cargoHome, const QString &projectDir,
                                const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CARGO_HOME"), cargoHome);
    env.insert(QStringLiteral("CARGO_TARGET_DIR"), projectDir + QStringLiteral("/target"));
    env.insert(QStringLiteral("CARGO_NET_RETRY"), QStringLiteral("0"));
    env.insert(QStringLiteral("CARGO_HTTP_TIMEOUT"), QStringLiteral("20"));
    env.insert(QStringLiteral("CARGO_TERM_COLOR"), QStringLiteral("never"));
    env.insert(QStringLiteral("CARGO_INCREMENTAL"), QStringLiteral("0"));
    env.remove(QStringLiteral("CARGO_NET_OFFLINE"));
    env.remove(QStringLiteral("RUSTFLAGS"));
    // A fresh CARGO_HOME has no rustup proxies; keep cargo's own folder on PATH.
    env.insert(QStringLiteral("PATH"), QFileInfo(m_cargo).absolutePath() + QLatin1Char(':') +
                                           env.value(QStringLiteral("PATH")));
    return runProcess(m_cargo, arguments, projectDir, env, 300000);
}

void TestCargoBuild::enableThenDisableRestoresConfig_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::newRow("crlf, comments, alias and net") << OriginalConfig;
    QTest::newRow("lf, no trailing newline")
        << QByteArray("[alias]\nt = \"test\"\n[net]\nretry = 1");
    QTest::newRow("unrelated source table")
        << QByteArray("[source.vendored]\ndirectory = \"vendor\"\n\n[http]\ntimeout = 5\n");
}

void TestCargoBuild::enableThenDisableRestoresConfig()
{
    QFETCH(QByteArray, config);
    const QString home = cargoHomeWithConfig(
        QStringLiteral("home-%1").arg(QString::number(qHash(config), 16)), config);
    QVERIFY(!home.isEmpty());
    const QString file = home + QStringLiteral("/config.toml");

    RunResult enable = cargoConfig({QStringLiteral("enable"), QStringLiteral("--cargo-home"), home,
                                    QStringLiteral("--url"), m_url});
    QVERIFY2(enable.exitCode == 0, enable.output.constData());
    const QByteArray enabled = readFile(file);
    QVERIFY2(enabled.contains(QByteArray("127.0.0.1:" + QByteArray::number(m_port))),
             enabled.constData());
    QVERIFY(enabled.contains("replace-with"));

    RunResult disable =
        cargoConfig({QStringLiteral("disable"), QStringLiteral("--cargo-home"), home});
    QVERIFY2(disable.exitCode == 0, disable.output.constData());
    QCOMPARE(readFile(file), config);
}

void TestCargoBuild::cargoBuildsProjectFromMirror()
{
    const QString home = cargoHomeWithConfig(QStringLiteral("home-build"), OriginalConfig);
    QVERIFY(!home.isEmpty());
    RunResult enable = cargoConfig({QStringLiteral("enable"), QStringLiteral("--cargo-home"), home,
                                    QStringLiteral("--url"), m_url});
    QVERIFY2(enable.exitCode == 0, enable.output.constData());

    // Depends on the diamond, the renamed, build, cfg-target and optional-dep crates,
    // the upper-case name and the +meta version.
    const QString project = m_dir.filePath(QStringLiteral("app"));
    const QList<TestDependency> deps = m_registry.rootDependencies();
    QString error;
    QVERIFY2(TestRegistry::writeProject(project, QStringLiteral("e2e-app"), deps, &error),
             qPrintable(error));

    const RunResult build = cargo(home, project, {QStringLiteral("build")});
    QVERIFY2(build.exitCode == 0, build.output.constData());

    // Cargo resolved what the registry predicts (yanked and pre-release versions skipped)
    // and fetched the windows-only crate's index too.
    const QByteArray lock = readFile(project + QStringLiteral("/Cargo.lock"));
    for (const char *name : {"base", "metaver", "codegen", "winonly", "BigName", "fancy"}) {
        const TestCrate *resolved = m_registry.resolve(QLatin1String(name), QStringLiteral("*"));
        QVERIFY(resolved);
        const QByteArray entry =
            "name = \"" + QByteArray(name) + "\"\nversion = \"" + resolved->version.toUtf8() + '"';
        QVERIFY2(lock.contains(entry), entry.constData());
    }

    const RunResult run = runProcess(project + QStringLiteral("/target/debug/e2e-app"), {});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.output.trimmed(),
             "value=" + QByteArray::number(m_registry.expectedProjectValue(deps)));

    RunResult disable =
        cargoConfig({QStringLiteral("disable"), QStringLiteral("--cargo-home"), home});
    QVERIFY2(disable.exitCode == 0, disable.output.constData());
    QCOMPARE(readFile(home + QStringLiteral("/config.toml")), OriginalConfig);
}

void TestCargoBuild::lockedYankedVersionBuilds()
{
    const QString home = cargoHomeWithConfig(QStringLiteral("home-yanked"), OriginalConfig);
    QVERIFY(!home.isEmpty());
    RunResult enable = cargoConfig({QStringLiteral("enable"), QStringLiteral("--cargo-home"), home,
                                    QStringLiteral("--url"), m_url});
    QVERIFY2(enable.exitCode == 0, enable.output.constData());

    // The newest base is yanked: only a Cargo.lock that pins it may use it.
    const TestCrate *yanked = nullptr;
    for (const TestCrate *crate : m_registry.versions(QStringLiteral("base"))) {
        if (crate->yanked)
            yanked = crate;
    }
    QVERIFY(yanked);
    QVERIFY(m_registry.resolve(QStringLiteral("base"), QStringLiteral("^1.0")) != yanked);

    const QString project = m_dir.filePath(QStringLiteral("pinned"));
    QString error;
    QVERIFY2(TestRegistry::writeProject(
                 project, QStringLiteral("pinned"),
                 {{.name = QStringLiteral("base"), .req = QStringLiteral("^1.0")}}, &error),
             qPrintable(error));
    const QByteArray lock =
        "# This file is automatically @generated by Cargo.\n"
        "# It is not intended for manual editing.\n"
        "version = 4\n\n"
        "[[package]]\nname = \"base\"\nversion = \"" +
        yanked->version.toUtf8() +
        "\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
        "checksum = \"" +
        m_registry.checksum(yanked->name, yanked->version).toUtf8() +
        "\"\n\n[[package]]\nname = \"pinned\"\nversion = \"0.1.0\"\n"
        "dependencies = [\n \"base\",\n]\n";
    QVERIFY(writeFile(project + QStringLiteral("/Cargo.lock"), lock));

    const RunResult build =
        cargo(home, project, {QStringLiteral("build"), QStringLiteral("--locked")});
    QVERIFY2(build.exitCode == 0, build.output.constData());
    QCOMPARE(readFile(project + QStringLiteral("/Cargo.lock")), lock);
    const RunResult run = runProcess(project + QStringLiteral("/target/debug/pinned"), {});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.output.trimmed(),
             "value=" + QByteArray::number(m_registry.expectedValue(*yanked)));
}

QTEST_GUILESS_MAIN(TestCargoBuild)
#include "tst_cargobuild.moc"

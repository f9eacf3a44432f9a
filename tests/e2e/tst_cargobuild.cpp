// SPDX-License-Identifier: GPL-3.0-or-later
// The end-to-end proof: a mirror filled through MirrorStore, served by `stowaway serve`,
// switched on with `stowaway cargo-config enable`, and real cargo building a project
// from it over loopback HTTP (never the internet: crates-io is replaced).
#include "e2etools.h"
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

// A config.toml a person might have: comments, an alias, a [net] table, CRLF endings.
const QByteArray OriginalConfig = "# My cargo settings (kept by hand)\r\n"
                                  "[alias]\r\n"
                                  "b = \"build\"  # short form\r\n"
                                  "\r\n"
                                  "[net]\r\n"
                                  "# never wait long for a flaky network\r\n"
                                  "retry = 0\r\n"
                                  "git-fetch-with-cli = false\r\n";

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
    QString cargoHomeWithConfig(const QString &name, const QByteArray &config);
    RunResult cargoConfig(const QStringList &arguments);
    RunResult cargo(const QString &cargoHome, const QString &projectDir,
                    const QStringList &arguments);

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::small();
    QString m_stowaway;
    QString m_cargo;
    QString m_url;
    BackgroundServer m_server;
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

    QString error;
    QVERIFY2(m_server.startServe(mirror, &error), qPrintable(error));
    m_url = m_server.url();
}

void TestCargoBuild::cleanupTestCase()
{
    m_server.stop();
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
    const QProcessEnvironment env =
        cargoEnvironment(m_cargo, cargoHome, projectDir + QStringLiteral("/target"));
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
    QVERIFY2(enabled.contains(QByteArray("127.0.0.1:" + QByteArray::number(m_server.port()))),
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

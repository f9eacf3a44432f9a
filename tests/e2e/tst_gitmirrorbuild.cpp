// SPDX-License-Identifier: GPL-3.0-or-later
// `stowaway sync --all` from a git index (a bare repository on disk, .crate files from the
// loopback test upstream), then real cargo builds a project from the mirror with the
// upstream gone.
#include "e2etools.h"
#include "indexpath.h"
#include "testgitupstream.h"
#include "testregistry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

class TestGitMirrorBuild : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fullMirrorBuildsWithUpstreamGone();
    void upstreamErrors_data();
    void upstreamErrors();
    void relativePathIsSavedAbsolute();

private:
    QJsonObject lastJson(const RunResult &result) const
    {
        return QJsonDocument::fromJson(result.output.trimmed().split('\n').last()).object();
    }

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::small();
    QString m_registryDir;
    QString m_cargo;
};

void TestGitMirrorBuild::initTestCase()
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

void TestGitMirrorBuild::fullMirrorBuildsWithUpstreamGone()
{
    BackgroundServer upstream;
    QString error;
    QVERIFY2(upstream.startTestUpstream(m_registryDir, {}, &error), qPrintable(error));
    // The git index names the loopback server in config.json's dl.
    const QString gitDir = m_dir.filePath(QStringLiteral("crates.io-index.git"));
    TestGitUpstream git(gitDir);
    QVERIFY2(git.init(&error), qPrintable(error));
    QVERIFY2(
        !git.publish(m_registry, upstream.url(), {}, QStringLiteral("Initial"), &error).isEmpty(),
        qPrintable(error));

    const QString mirrorDir = m_dir.filePath(QStringLiteral("mirror"));
    QElapsedTimer clock;
    clock.start();
    const RunResult result =
        runProcess(stowawayBinary(),
                   {QStringLiteral("--mirror"), mirrorDir, QStringLiteral("sync"),
                    QStringLiteral("--all"), QStringLiteral("--upstream"), gitDir,
                    QStringLiteral("--no-progress"), QStringLiteral("--json")},
                   {}, QProcessEnvironment::systemEnvironment(), 120000);
    QVERIFY2(result.exitCode == 0, result.output.constData());
    qInfo("sync --all of %d versions from a git index: %lld ms", m_registry.versionCount(),
          clock.elapsed());
    const QJsonObject json = lastJson(result);
    QVERIFY2(json.value(QStringLiteral("ok")).toBool(), result.output.constData());
    QCOMPARE(json.value(QStringLiteral("downloaded")).toInt(), m_registry.versionCount());
    QCOMPARE(json.value(QStringLiteral("index_commit")).toString().toLatin1(), git.head());
    QVERIFY(json.value(QStringLiteral("full_comparison")).toBool());
    upstream.stop();

    // mirror.toml remembers the git upstream; status counts every version, yanked ones too.
    const RunResult status =
        runProcess(stowawayBinary(), {QStringLiteral("--mirror"), mirrorDir,
                                      QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(status.exitCode, 0);
    const QJsonObject summary = lastJson(status);
    QCOMPARE(summary.value(QStringLiteral("versions")).toInt(), m_registry.versionCount());
    QCOMPARE(summary.value(QStringLiteral("versions_known")).toInt(), m_registry.versionCount());
    QCOMPARE(summary.value(QStringLiteral("upstream")).toString(), gitDir);

    // A second sync with the git upstream still there and the HTTP one gone: nothing changed,
    // so nothing is asked of the HTTP server.
    const RunResult again =
        runProcess(stowawayBinary(),
                   {QStringLiteral("--mirror"), mirrorDir, QStringLiteral("sync"),
                    QStringLiteral("--no-progress"), QStringLiteral("--json")},
                   {}, QProcessEnvironment::systemEnvironment(), 60000);
    QVERIFY2(again.exitCode == 0, again.output.constData());
    QCOMPARE(lastJson(again).value(QStringLiteral("downloaded")).toInt(), 0);
    QCOMPARE(lastJson(again).value(QStringLiteral("full_comparison")).toBool(), false);

    // The git upstream goes too; cargo builds from the mirror alone.
    QVERIFY(QDir(gitDir).removeRecursively());
    BackgroundServer mirror;
    QVERIFY2(mirror.startServe(mirrorDir, &error), qPrintable(error));
    const QString home = m_dir.filePath(QStringLiteral("cargo-home"));
    QVERIFY(QDir().mkpath(home));
    const RunResult enable =
        runProcess(stowawayBinary(),
                   {QStringLiteral("cargo-config"), QStringLiteral("enable"),
                    QStringLiteral("--cargo-home"), home, QStringLiteral("--url"), mirror.url()});
    QVERIFY2(enable.exitCode == 0, enable.output.constData());
    const QString project = m_dir.filePath(QStringLiteral("app"));
    QVERIFY2(TestRegistry::writeProject(project, QStringLiteral("git-mirrored-app"),
                                        m_registry.rootDependencies(), &error),
             qPrintable(error));
    const RunResult build =
        runProcess(m_cargo, {QStringLiteral("build")}, project,
                   cargoEnvironment(m_cargo, home, project + QStringLiteral("/target")), 300000);
    QVERIFY2(build.exitCode == 0, build.output.constData());
    const RunResult run =
        runProcess(project + QStringLiteral("/target/debug/git-mirrored-app"), {});
    QCOMPARE(run.output.trimmed(), "value=" + QByteArray::number(m_registry.expectedProjectValue(
                                                  m_registry.rootDependencies())));
}

void TestGitMirrorBuild::upstreamErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("--all with the sparse default")
        << QStringList{"--all"} << 2 << "--all needs a git index upstream";
    QTest::newRow("--all with a sparse upstream")
        << QStringList{"--all", "--upstream", "sparse+http://127.0.0.1:9/index/"} << 2
        << "--all needs a git index upstream";
    QTest::newRow("cargo's registry+ spelling")
        << QStringList{"--all", "--upstream",
                       "registry+https://github.com/rust-lang/crates.io-index"}
        << 2 << "looks like a git index";
    QTest::newRow("no repository there")
        << QStringList{"--all", "--upstream", "/nonexistent/stowaway-test/index.git"} << 1
        << "/nonexistent/stowaway-test/index.git";
}

void TestGitMirrorBuild::upstreamErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString mirrorDir = m_dir.filePath(QStringLiteral("mirror-errors"));
    const RunResult result = runProcess(
        stowawayBinary(), QStringList{QStringLiteral("--mirror"), mirrorDir, QStringLiteral("sync"),
                                      QStringLiteral("--no-progress")} +
                              arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.output.contains(message.toUtf8()), result.output.constData());
    // A failed or refused sync leaves the saved upstream alone.
    const RunResult status =
        runProcess(stowawayBinary(), {QStringLiteral("--mirror"), mirrorDir,
                                      QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(lastJson(status).value(QStringLiteral("upstream")).toString(),
             QStringLiteral("sparse+https://index.crates.io/"));
}

void TestGitMirrorBuild::relativePathIsSavedAbsolute()
{
    BackgroundServer upstream;
    QString error;
    QVERIFY2(upstream.startTestUpstream(m_registryDir, {}, &error), qPrintable(error));
    TestGitUpstream git(m_dir.filePath(QStringLiteral("work/index.git")));
    QVERIFY2(git.init(&error), qPrintable(error));
    QVERIFY(
        !git.publish(m_registry, upstream.url(), {}, QStringLiteral("Initial"), &error).isEmpty());
    const QString mirrorDir = m_dir.filePath(QStringLiteral("mirror-relative"));
    const RunResult result = runProcess(
        stowawayBinary(),
        {QStringLiteral("--mirror"), mirrorDir, QStringLiteral("sync"),
         QStringLiteral("--upstream"), QStringLiteral("index.git"), QStringLiteral("--crate"),
         m_registry.rootDependencies().constFirst().name, QStringLiteral("--no-progress")},
        m_dir.filePath(QStringLiteral("work")));
    QVERIFY2(result.exitCode == 0, result.output.constData());
    const RunResult status =
        runProcess(stowawayBinary(), {QStringLiteral("--mirror"), mirrorDir,
                                      QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(lastJson(status).value(QStringLiteral("upstream")).toString(),
             QDir::cleanPath(m_dir.filePath(QStringLiteral("work/index.git"))));
    QVERIFY(lastJson(status).value(QStringLiteral("versions")).toInt() > 0);
}

QTEST_GUILESS_MAIN(TestGitMirrorBuild)
#include "tst_gitmirrorbuild.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The closure checked against cargo's own resolver: real cargo locks a project against a
// mirror of a generated registry (served by `stowaway serve` on loopback), and the
// ClosureResolver plan for the same roots must contain every package cargo locked.
#include "closureresolver.h"
#include "e2etools.h"
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
    ResolverPlan planFor(const Deps &deps, QStringList *asked);

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::layered(150);
    QString m_registryDir;
    QString m_stowaway;
    QString m_cargo;
    QString m_url;
    BackgroundServer m_server;
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

    m_registryDir = m_dir.filePath(QStringLiteral("registry"));
    QString error;
    QVERIFY2(m_registry.writeRegistry(m_registryDir, QStringLiteral("http://127.0.0.1:1"), &error),
             qPrintable(error));
    const QString mirror = m_dir.filePath(QStringLiteral("mirror"));
    const RunResult filled = runProcess(
        populate, {QStringLiteral("--registry"), m_registryDir, QStringLiteral("--mirror"), mirror},
        {}, QProcessEnvironment::systemEnvironment(), 120000);
    QVERIFY2(filled.exitCode == 0, filled.output.constData());
    QVERIFY2(m_server.startServe(mirror, &error), qPrintable(error));
    m_url = m_server.url();
}

void TestClosureVsCargo::cleanupTestCase()
{
    m_server.stop();
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

    const QProcessEnvironment env =
        cargoEnvironment(m_cargo, home, project + QStringLiteral("/target"));
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

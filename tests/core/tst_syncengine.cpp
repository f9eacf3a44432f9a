// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratedownloader.h"
#include "cratetransfer.h"
#include "indexpath.h"
#include "mirrorstore.h"
#include "syncengine.h"
#include "testcrate.h"
#include "testregistry.h"
#include "testupstream.h"

#include <algorithm>
#include <QDir>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

Q_DECLARE_METATYPE(Stowaway::SyncResult)

namespace {

/// Crates whose served file is not known to be current and durable, read from the state.
int dirtyCrates(const MirrorStore &store)
{
    MirrorState state;
    QString error;
    return state.open(store.layout().stateDatabase(), &error) ? int(state.dirtyCrates().size())
                                                              : -1;
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void policies_data();
    void policies();
    void popularCratesAreRankedRoots();
    void progressIsThrottledAndEndsDone();
    void downloadsStartBeforeTheClosureIsComplete_data();
    void downloadsStartBeforeTheClosureIsComplete();
    void cancelKeepsWhatWasStored();
    void unreachableUpstream();
    void partsNoLongerNeededAreRemoved();
    void privateUpstreamToken_data();
    void privateUpstreamToken();

private:
    SyncResult run(SyncEngine &engine, const SyncRequest &request);
    SyncRequest requestFor(const QStringList &crates) const;

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::layered(40, 3);
    std::unique_ptr<TestUpstream> m_upstream;
    QNetworkAccessManager m_nam;
};

void TestSyncEngine::initTestCase()
{
    qRegisterMetaType<SyncResult>();
    QVERIFY(m_dir.isValid());
    QString error;
    m_upstream =
        TestUpstream::serve(m_registry, m_dir.filePath(QStringLiteral("registry")), &error);
    QVERIFY2(m_upstream, qPrintable(error));
}

SyncRequest TestSyncEngine::requestFor(const QStringList &crates) const
{
    SyncRequest request;
    request.upstream = m_upstream->indexUrl();
    for (const QString &name : crates) {
        SyncRoot root;
        root.name = name;
        root.reason = QStringLiteral("named");
        root.detail = QStringLiteral("*");
        request.roots.append(root);
    }
    return request;
}

SyncResult TestSyncEngine::run(SyncEngine &engine, const SyncRequest &request)
{
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start(request);
    if (finished.isEmpty() && !finished.wait(60000))
        return {};
    return finished.constFirst().constFirst().value<SyncResult>();
}

void TestSyncEngine::policies_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("versionsOfRoot");
    QTest::newRow("newest keeps one") << "newest" << 1;
    QTest::newRow("all keeps every release") << "all" << 3;
    QTest::newRow("lines:3 on 1.0/1.1/1.2 keeps one line") << "lines:3" << 1;
}

void TestSyncEngine::policies()
{
    QFETCH(QString, policy);
    QFETCH(int, versionsOfRoot);
    MirrorStore store{MirrorLayout(m_dir.filePath(QStringLiteral("mirror-") + policy))};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    SyncEngine engine(store, m_nam);
    engine.setFastRetriesForTests(true);
    const QString root = m_registry.rootDependencies().constFirst().name;
    SyncRequest request = requestFor({root});
    request.policy = *VersionPolicy::parse(policy);
    const SyncResult result = run(engine, request);
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    int ofRoot = 0;
    for (const PlannedVersion &v : result.plan.versions)
        ofRoot += v.name == root;
    QCOMPARE(ofRoot, versionsOfRoot);
    QCOMPARE(result.downloaded, result.plan.versions.size());
    // Everything planned is stored and counted from the state.
    QCOMPARE(store.summary().versions, qint64(result.plan.versions.size()));
    QCOMPARE(dirtyCrates(store), 0); // every served file written and settled
    QVERIFY(store.verify(false).clean());
    QVERIFY(result.plan.versions.size() > versionsOfRoot); // the closure came along
}

void TestSyncEngine::popularCratesAreRankedRoots()
{
    MirrorStore store{MirrorLayout(m_dir.filePath(QStringLiteral("mirror-popular")))};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    SyncEngine engine(store, m_nam);
    engine.setFastRetriesForTests(true);
    SyncRequest request = requestFor({});
    request.popular = 3;
    request.dryRun = true;
    const SyncResult result = run(engine, request);
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QStringList ranks;
    for (const PlannedVersion &v : result.plan.versions) {
        if (v.reason == QLatin1String("popular"))
            ranks << v.detail;
    }
    ranks.sort();
    QCOMPARE(ranks, (QStringList{"rank 1", "rank 2", "rank 3"}));
    QCOMPARE(store.summary().versions, 0); // a dry run writes nothing
    QVERIFY(store.selection().isEmpty());
}

void TestSyncEngine::downloadsStartBeforeTheClosureIsComplete_data()
{
    QTest::addColumn<int>("retryAfterSeconds");
    QTest::newRow("the deepest index file 1 s late") << 1;
    QTest::newRow("the deepest index file 2 s late") << 2;
}

void TestSyncEngine::downloadsStartBeforeTheClosureIsComplete()
{
    // The deepest crate's index file comes late (503 with Retry-After once). The versions
    // already kept are final, so their downloads must not wait for it.
    QFETCH(int, retryAfterSeconds);
    const QString dir = QStringLiteral("mirror-pipelined-%1").arg(retryAfterSeconds);
    MirrorStore store{MirrorLayout(m_dir.filePath(dir))};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    SyncEngine engine(store, m_nam);
    engine.setFastRetriesForTests(true);
    // The root from the highest layer (layerNN depends on lower layers), so the closure is
    // several levels deep; the late file is one of its leaves (a layer00 crate).
    QStringList roots;
    for (const TestDependency &dep : m_registry.rootDependencies())
        roots << dep.name;
    std::sort(roots.begin(), roots.end());
    SyncRequest request = requestFor({roots.constLast()});
    request.policy = VersionPolicy::all();
    // The closure of the root, from a dry run.
    SyncRequest plan = request;
    plan.dryRun = true;
    QStringList names;
    for (const PlannedVersion &v : run(engine, plan).plan.versions)
        names << v.name;
    QVERIFY(names.size() > 3);
    std::sort(names.begin(), names.end());
    const QString deepest = names.constFirst();
    const QByteArray deepestIndex = "/index/" + IndexPath::relativePath(deepest).toUtf8();
    m_upstream->clearLog();
    m_upstream->addFault(QString::fromUtf8(deepestIndex),
                         UpstreamFault::serviceUnavailable(retryAfterSeconds, 1));
    const SyncResult result = run(engine, request);
    m_upstream->clearFaults();
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(result.downloaded, result.plan.versions.size());
    bool deepestPlanned = false;
    for (const PlannedVersion &v : result.plan.versions)
        deepestPlanned = deepestPlanned || v.name == deepest;
    QVERIFY2(deepestPlanned, "the late crate is part of the closure");
    qint64 deepestAnswered = -1;
    qint64 firstCrate = -1;
    int indexRequests = 0;
    for (const UpstreamRequest &r : m_upstream->requests()) {
        if (r.path == deepestIndex && ++indexRequests == 2)
            deepestAnswered = r.msecs;
        if (r.path.startsWith("/crates/") && firstCrate < 0)
            firstCrate = r.msecs;
    }
    QCOMPARE(indexRequests, 2); // the 503, then the file
    QVERIFY(firstCrate >= 0);
    QVERIFY2(firstCrate < deepestAnswered,
             qPrintable(QStringLiteral("first download at %1 ms, late index file at %2 ms")
                            .arg(firstCrate)
                            .arg(deepestAnswered)));
    QVERIFY(store.verify(false).clean());
}

void TestSyncEngine::progressIsThrottledAndEndsDone()
{
    MirrorStore store{MirrorLayout(m_dir.filePath(QStringLiteral("mirror-progress")))};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    SyncEngine engine(store, m_nam);
    QList<SyncProgress> updates;
    connect(&engine, &SyncEngine::progressChanged, this,
            [&updates](const SyncProgress &p) { updates.append(p); });
    QElapsedTimer clock;
    clock.start();
    SyncRequest request = requestFor({m_registry.rootDependencies().constFirst().name});
    request.policy = VersionPolicy::all();
    const SyncResult result = run(engine, request);
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(!updates.isEmpty());
    // A few a second at most, not one per file: the run's length bounds the count.
    QVERIFY2(updates.size() <= 3 + clock.elapsed() / 200,
             qPrintable(QString::number(updates.size())));
    QCOMPARE(updates.constLast().phase, SyncProgress::Phase::Done);
    QCOMPARE(updates.constLast().filesDone, result.downloaded);
}

void TestSyncEngine::cancelKeepsWhatWasStored()
{
    MirrorStore store{MirrorLayout(m_dir.filePath(QStringLiteral("mirror-cancel")))};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    SyncEngine engine(store, m_nam);
    SyncRequest request = requestFor({});
    for (const TestDependency &dep : m_registry.rootDependencies())
        request.roots.append(requestFor({dep.name}).roots);
    request.policy = VersionPolicy::all();
    request.jobs = 2;
    // One crate never finishes downloading, so the sync is surely still running when the
    // cancel comes, however fast the machine. It is the deepest dependency (the last layer),
    // found last: downloads start as the closure grows, and a stalled root would take both
    // download slots before anything else could finish.
    QStringList names = m_registry.crateNames();
    std::sort(names.begin(), names.end());
    m_upstream->addFault(QStringLiteral("/crates/") + names.constLast() + QStringLiteral("/*"),
                         UpstreamFault::of(UpstreamFault::Kind::Stall));
    QSignalSpy finished(&engine, &SyncEngine::finished);
    connect(&engine, &SyncEngine::progressChanged, &engine, [&engine](const SyncProgress &p) {
        if (p.phase == SyncProgress::Phase::Downloading && p.filesDone >= 3)
            engine.cancel();
    });
    engine.start(request);
    QVERIFY(finished.wait(60000));
    const SyncResult result = finished.constFirst().constFirst().value<SyncResult>();
    m_upstream->clearFaults();
    QCOMPARE(result.outcome, SyncResult::Outcome::Cancelled);
    QVERIFY(result.downloaded < result.plan.versions.size());
    const VerifyReport report = store.verify(false);
    QVERIFY(report.clean());
    QCOMPARE(store.summary().versions, qint64(result.downloaded));
    QCOMPARE(dirtyCrates(store), 0); // what was served before the cancel is settled too
}

void TestSyncEngine::unreachableUpstream()
{
    MirrorStore store{MirrorLayout(m_dir.filePath(QStringLiteral("mirror-unreachable")))};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    SyncEngine engine(store, m_nam);
    SyncRequest request = requestFor({QStringLiteral("anything")});
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    request.upstream = QStringLiteral("sparse+http://127.0.0.1:%1/index/").arg(closed.serverPort());
    closed.close();
    const SyncResult result = run(engine, request);
    QCOMPARE(result.outcome, SyncResult::Outcome::Unreachable);
    QVERIFY2(result.message.contains(QLatin1String("unchanged")), qPrintable(result.message));
    QCOMPARE(store.summary().versions, 0);
}

void TestSyncEngine::partsNoLongerNeededAreRemoved()
{
    MirrorStore store{MirrorLayout(m_dir.filePath(QStringLiteral("mirror-prune")))};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    // Leftovers of an interrupted sync of crates this one does not want.
    const QString partial = CrateDownloader::partialDir(store.layout());
    QVERIFY(QDir().mkpath(partial));
    const QStringList stale{
        CrateTransfer::partFileName(QStringLiteral("gone"), QStringLiteral("1.0.0")),
        CrateTransfer::partFileName(QStringLiteral("other"), QStringLiteral("0.3.1"))};
    for (const QString &name : stale) {
        QFile part(QDir(partial).filePath(name));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write("half a crate");
    }
    QFile unrelated(QDir(partial).filePath(QStringLiteral("notes.txt")));
    QVERIFY(unrelated.open(QIODevice::WriteOnly));
    unrelated.close();
    // One wanted crate fails (HTTP 500 on every attempt): its part would be kept.
    const TestDependency root = m_registry.rootDependencies().constFirst();
    m_upstream->addFault(QStringLiteral("/crates/") + root.name + QStringLiteral("/*"),
                         UpstreamFault::of(UpstreamFault::Kind::TruncatedBody));
    SyncEngine engine(store, m_nam);
    engine.setFastRetriesForTests(true);
    const SyncResult result = run(engine, requestFor({root.name}));
    m_upstream->clearFaults();
    QCOMPARE(result.outcome, SyncResult::Outcome::Failed);
    QVERIFY(!result.failures.isEmpty());
    QStringList expected;
    for (const SyncFailure &failure : result.failures) {
        const QString part = CrateTransfer::partFileName(failure.name, failure.version);
        if (QFile::exists(QDir(partial).filePath(part)))
            expected.append(part); // a failure's part, to resume next time
    }
    expected.append(QStringLiteral("notes.txt")); // not a part: left alone
    expected.sort();
    QCOMPARE(QDir(partial).entryList(QDir::Files, QDir::Name), expected);
    // The next sync, with the upstream healthy, leaves nothing behind.
    const SyncResult again = run(engine, requestFor({root.name}));
    QCOMPARE(again.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(QDir(partial).entryList({QStringLiteral("*.part")}, QDir::Files), QStringList());
}

void TestSyncEngine::privateUpstreamToken_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("ok");
    QTest::newRow("the right token") << QByteArray("private-registry-token-1") << true;
    QTest::newRow("a wrong token") << QByteArray("not-the-token") << false;
    QTest::newRow("no token") << QByteArray() << false;
}

void TestSyncEngine::privateUpstreamToken()
{
    QFETCH(QByteArray, token);
    QFETCH(bool, ok);
    MirrorStore store{MirrorLayout(m_dir.filePath(
        QStringLiteral("mirror-token-%1").arg(QString::fromLatin1(QTest::currentDataTag()))))};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    m_upstream->setRequiredToken("private-registry-token-1");
    m_upstream->clearLog();
    SyncEngine engine(store, m_nam);
    engine.setFastRetriesForTests(true);
    SyncRequest request = requestFor({m_registry.rootDependencies().constFirst().name});
    request.authorization = token;
    const SyncResult result = run(engine, request);
    m_upstream->setRequiredToken({});
    if (!ok) {
        QVERIFY(result.outcome != SyncResult::Outcome::Ok);
        QVERIFY2(result.message.contains(QLatin1String("401")), qPrintable(result.message));
        QCOMPARE(store.summary().versions, 0);
        return;
    }
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(result.downloaded > 0);
    // Every request (config.json, index files, downloads) carried it.
    for (const UpstreamRequest &logged : m_upstream->requests())
        QCOMPARE(logged.header("authorization"), token);
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"

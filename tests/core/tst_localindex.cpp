// SPDX-License-Identifier: GPL-3.0-or-later
// LocalIndex: selection from a git index's object database (TestGitUpstream built from a
// TestRegistry), compared with the same registry served over sparse HTTP (TestUpstream on
// 127.0.0.1, IndexClient) and with the registry's own declarations.
#include "closureresolver.h"
#include "gitindex.h"
#include "indexclient.h"
#include "indexline.h"
#include "localindex.h"
#include "reversedependencies.h"
#include "testgitupstream.h"
#include "testregistry.h"
#include "testupstream.h"
#include "upstreamurl.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using Stowaway::Testing::TestCrate;
using Stowaway::Testing::TestDependency;
using Stowaway::Testing::TestGitUpstream;
using Stowaway::Testing::TestRegistry;
using Stowaway::Testing::TestUpstream;

namespace {

/// small() for the corner cases plus a layered graph for depth.
TestRegistry makeRegistry()
{
    TestRegistry registry = TestRegistry::small();
    const TestRegistry layered = TestRegistry::layered(50);
    for (const QString &name : layered.crateNames()) {
        for (const TestCrate *version : layered.versions(name)) {
            TestCrate &copy = registry.addVersion(version->name, version->version);
            copy = *version;
        }
    }
    return registry;
}

/// The plan as comparable text. A dependency's "needed by" names whichever dependent's
/// file arrived first, which over HTTP depends on the order of the answers: left out.
QStringList describe(const ResolverPlan &plan)
{
    QStringList out;
    for (const PlannedVersion &v : plan.versions)
        out.append(v.name + u' ' + v.version + u' ' + v.cksum + u' ' + v.reason + u' ' +
                   (v.reason == QLatin1String("dependency") ? QString() : v.detail));
    for (const ResolverProblem &p : plan.problems)
        out.append(QStringLiteral("problem %1 %2").arg(int(p.kind)).arg(p.crate));
    out.sort();
    return out;
}

} // namespace

class TestLocalIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void indexFile();
    void rankingMatchesDeclarations();
    void closureEqualsSparseHttp_data();
    void closureEqualsSparseHttp();
    void unreadableCommitFails();

private:
    void httpClosure(const QList<SyncRoot> &roots, const ResolverOptions &options,
                     ResolverPlan *plan);

    QTemporaryDir m_dir;
    TestRegistry m_registry = makeRegistry();
    std::unique_ptr<TestGitUpstream> m_git;
    std::unique_ptr<TestUpstream> m_http;
    GitIndex m_index;
    QByteArray m_commit;
};

void TestLocalIndex::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_git = std::make_unique<TestGitUpstream>(m_dir.filePath(QStringLiteral("upstream.git")));
    QVERIFY2(m_git->init(&error), qPrintable(error));
    m_commit = m_git->publish(m_registry, QStringLiteral("http://127.0.0.1:1"), {},
                              QStringLiteral("publish"), &error);
    QVERIFY2(!m_commit.isEmpty(), qPrintable(error));
    QVERIFY2(m_index.open(m_git->path(), &error), qPrintable(error));

    const QString registryDir = m_dir.filePath(QStringLiteral("registry"));
    QVERIFY2(m_registry.writeRegistry(registryDir, QStringLiteral("http://127.0.0.1:1"), &error),
             qPrintable(error));
    m_http = std::make_unique<TestUpstream>(registryDir);
    QVERIFY2(m_http->start(0, &error), qPrintable(error));
}

void TestLocalIndex::indexFile()
{
    const LocalIndex local(m_index, m_commit);
    QCOMPARE(local.commit(), m_commit);
    int compared = 0;
    for (const QString &name : m_registry.crateNames()) {
        const std::optional<QByteArray> file = local.indexFile(name);
        QVERIFY2(file, qPrintable(name));
        QCOMPARE(*file, m_registry.indexFile(name));
        // cargo's lookups are case-insensitive: so are ours.
        QCOMPARE(local.indexFile(name.toUpper()).value_or(QByteArray()), *file);
        ++compared;
    }
    QVERIFY(compared > 50);
    QVERIFY(!local.indexFile(QStringLiteral("no-such-crate")));
    QVERIFY(!local.indexFile(QStringLiteral("../config.json")));
}

void TestLocalIndex::rankingMatchesDeclarations()
{
    // Dependents counted from the declarations: normal and build kinds, once per crate.
    QHash<QString, QSet<QString>> dependents;
    for (const QString &name : m_registry.crateNames()) {
        for (const TestCrate *version : m_registry.versions(name)) {
            for (const TestDependency &dep : version->deps) {
                if (dep.kind != QLatin1String("dev"))
                    dependents[dep.name.toLower().replace(u'-', u'_')].insert(
                        name.toLower().replace(u'-', u'_'));
            }
        }
    }
    QList<std::pair<int, QString>> expected;
    for (const QString &name : m_registry.crateNames()) {
        const QString key = name.toLower().replace(u'-', u'_');
        dependents[key].remove(key);
        expected.append({int(dependents.value(key).size()), name});
    }
    std::sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) {
        if (a.first != b.first)
            return a.first > b.first;
        return a.second.toLower().replace(u'-', u'_') < b.second.toLower().replace(u'-', u'_');
    });

    const LocalIndex local(m_index, m_commit);
    QString error;
    const std::optional<QList<PopularCrate>> ranking = local.popular(20, &error);
    QVERIFY2(ranking, qPrintable(error));
    QCOMPARE(ranking->size(), 20);
    for (qsizetype i = 0; i < ranking->size(); ++i) {
        QCOMPARE(ranking->at(i).name, expected.at(i).second);
        QCOMPARE(ranking->at(i).downloads, qint64(expected.at(i).first));
        QCOMPARE(ranking->at(i).rank, int(i) + 1);
    }
    QVERIFY(ranking->first().downloads > ranking->last().downloads);
}

void TestLocalIndex::httpClosure(const QList<SyncRoot> &roots, const ResolverOptions &options,
                                 ResolverPlan *plan)
{
    QNetworkAccessManager nam;
    QString error;
    const auto url = UpstreamUrl::parse(m_http->indexUrl(), &error);
    QVERIFY2(url, qPrintable(error));
    IndexClient client(nam, *url, QByteArrayLiteral("stowaway-test"));
    ClosureResolver resolver(options);
    for (const SyncRoot &root : roots)
        resolver.addRoot(root);
    const auto fetchNew = [&] {
        for (const QString &name : resolver.takeNewNames())
            client.fetch(name);
    };
    connect(&client, &IndexClient::indexFetched, this, [&](const IndexFetch &fetch) {
        if (fetch.status == IndexFetch::Status::Ok)
            resolver.provide(fetch.name, IndexLine::parseFile(fetch.bytes).lines);
        else
            resolver.provideMissing(
                fetch.name,
                QStringLiteral("the local git index has no crate named %1").arg(fetch.name));
        fetchNew();
    });
    fetchNew();
    QTRY_VERIFY_WITH_TIMEOUT(resolver.isClosed(), 20000);
    *plan = resolver.plan();
}

void TestLocalIndex::closureEqualsSparseHttp_data()
{
    QTest::addColumn<QStringList>("roots");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<bool>("devDeps");

    QStringList top;
    for (qsizetype i = m_registry.crateNames().size() - 5; i < m_registry.crateNames().size(); ++i)
        top.append(m_registry.crateNames().at(i));
    QTest::newRow("every crate, all versions") << m_registry.crateNames() << "all" << false;
    QTest::newRow("top layer, newest") << top << "newest" << false;
    QTest::newRow("top layer, lines:2, dev-deps") << top << "lines:2" << true;
    QTest::newRow("a missing crate is reported the same way")
        << QStringList{top.first(), QStringLiteral("no-such-crate")} << "lines:3" << false;
}

void TestLocalIndex::closureEqualsSparseHttp()
{
    QFETCH(QStringList, roots);
    QFETCH(QString, policy);
    QFETCH(bool, devDeps);
    ResolverOptions options;
    options.policy = *VersionPolicy::parse(policy);
    options.devDeps = devDeps;
    QList<SyncRoot> syncRoots;
    for (const QString &name : roots)
        syncRoots.append(SyncRoot{name, SemverReq::any(), {}, QStringLiteral("named"), name});

    ClosureResolver local(options);
    for (const SyncRoot &root : syncRoots)
        local.addRoot(root);
    const int files = LocalIndex(m_index, m_commit).resolve(local);
    QVERIFY(local.isClosed());
    const ResolverPlan fromGit = local.plan();
    ResolverPlan overHttp;
    httpClosure(syncRoots, options, &overHttp);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!fromGit.versions.isEmpty());
    QVERIFY(files > 0);
    QCOMPARE(describe(fromGit), describe(overHttp));
}

void TestLocalIndex::unreadableCommitFails()
{
    const LocalIndex local(m_index, QByteArray(40, 'f'));
    QString error;
    QVERIFY(!local.popular(10, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!local.indexFile(m_registry.crateNames().first()));
}

QTEST_GUILESS_MAIN(TestLocalIndex)
#include "tst_localindex.moc"

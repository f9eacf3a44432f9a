// SPDX-License-Identifier: GPL-3.0-or-later
// LocalPopularCrates: the reverse-dependency ranking of a git index, on a pool thread; and
// the sync engine using it for --popular when the downloads API is out of reach (git
// upstream built by TestGitUpstream, .crate files from TestUpstream on 127.0.0.1).
#include "gitindex.h"
#include "localindex.h"
#include "localpopularcrates.h"
#include "mirrorstore.h"
#include "syncengine.h"
#include "testgitupstream.h"
#include "testregistry.h"
#include "testupstream.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

Q_DECLARE_METATYPE(Stowaway::SyncResult)

class TestLocalPopularCrates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rankingOnAPoolThread();
    void badCommitFails();
    void syncFallsBackWhenTheApiIsOutOfReach_data();
    void syncFallsBackWhenTheApiIsOutOfReach();

private:
    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::layered(30);
    std::unique_ptr<TestUpstream> m_http;
    std::unique_ptr<TestGitUpstream> m_git;
};

void TestLocalPopularCrates::initTestCase()
{
    qRegisterMetaType<SyncResult>();
    QVERIFY(m_dir.isValid());
    QString error;
    const QString folder = m_dir.filePath(QStringLiteral("http"));
    QVERIFY2(m_registry.writeRegistry(folder, QStringLiteral("http://127.0.0.1:1"), &error),
             qPrintable(error));
    m_http = std::make_unique<TestUpstream>(folder);
    QVERIFY2(m_http->start(0, &error), qPrintable(error));
    m_git = std::make_unique<TestGitUpstream>(m_dir.filePath(QStringLiteral("up.git")));
    QVERIFY2(m_git->init(&error), qPrintable(error));
    QVERIFY2(!m_git->publish(m_registry, m_http->baseUrl(), {}, QStringLiteral("publish"), &error)
                  .isEmpty(),
             qPrintable(error));
}

void TestLocalPopularCrates::rankingOnAPoolThread()
{
    GitIndex git;
    QString error;
    QVERIFY2(git.open(m_git->path(), &error), qPrintable(error));
    const std::optional<QList<PopularCrate>> expected =
        LocalIndex(git, m_git->head()).popular(5, &error);
    QVERIFY2(expected && expected->size() == 5, qPrintable(error));
    QVERIFY(expected->first().downloads > 0);

    LocalPopularCrates popular(m_git->path(), m_git->head());
    QSignalSpy ready(&popular, &LocalPopularCrates::topReady);
    QSignalSpy failed(&popular, &LocalPopularCrates::failed);
    popular.fetchTop(5);
    QVERIFY(popular.isRunning() || !ready.isEmpty());
    QVERIFY(ready.wait(20000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(ready.first().first().value<QList<PopularCrate>>(), *expected);
}

void TestLocalPopularCrates::badCommitFails()
{
    LocalPopularCrates popular(m_git->path(), QByteArray(40, 'e'));
    QSignalSpy ready(&popular, &LocalPopularCrates::topReady);
    QSignalSpy failed(&popular, &LocalPopularCrates::failed);
    popular.fetchTop(5);
    QVERIFY(failed.wait(20000));
    QCOMPARE(ready.size(), 0);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("local git index")));
}

void TestLocalPopularCrates::syncFallsBackWhenTheApiIsOutOfReach_data()
{
    QTest::addColumn<QByteArray>("apiField");
    QTest::newRow("config.json names no API") << QByteArray();
    QTest::newRow("the API refuses connections") << QByteArray(",\"api\":\"http://127.0.0.1:1\"");
}

void TestLocalPopularCrates::syncFallsBackWhenTheApiIsOutOfReach()
{
    QFETCH(QByteArray, apiField);
    QString error;
    const QByteArray config = "{\"dl\":\"" + m_http->baseUrl().toUtf8() +
                              "/crates/{crate}/{crate}-{version}.crate\"" + apiField + "}";
    QVERIFY2(!m_git
                  ->commitFiles({{QStringLiteral("config.json"), config}}, QStringLiteral("config"),
                                &error)
                  .isEmpty(),
             qPrintable(error));
    GitIndex git;
    QVERIFY2(git.open(m_git->path(), &error), qPrintable(error));
    const QList<PopularCrate> top = *LocalIndex(git, m_git->head()).popular(3, &error);

    QTemporaryDir mirror;
    MirrorStore store{MirrorLayout(mirror.path())};
    QVERIFY2(store.open(&error), qPrintable(error));
    QNetworkAccessManager nam;
    SyncEngine engine(store, nam);
    engine.setFastRetriesForTests(true);
    SyncRequest request;
    request.upstream = m_git->path();
    request.popular = 3;
    request.policy = VersionPolicy::parse(QStringLiteral("newest"), nullptr).value();
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start(request);
    QVERIFY(!finished.isEmpty() || finished.wait(50000));
    const SyncResult result = finished.first().first().value<SyncResult>();
    QVERIFY2(result.outcome == SyncResult::Outcome::Ok, qPrintable(result.message));
    QVERIFY(!result.warnings.isEmpty());
    QVERIFY(result.warnings.first().contains(QStringLiteral("reverse dependencies")));
    QStringList selected;
    for (const SelectionEntry &entry : store.selection()) {
        if (entry.reason == QLatin1String("popular"))
            selected.append(entry.name);
    }
    QStringList expected;
    for (const PopularCrate &crate : top)
        expected.append(crate.name);
    selected.sort();
    expected.sort();
    QCOMPARE(selected, expected);
    for (const QString &name : expected)
        QVERIFY2(store.crate(name), qPrintable(name));
}

QTEST_GUILESS_MAIN(TestLocalPopularCrates)
#include "tst_localpopularcrates.moc"

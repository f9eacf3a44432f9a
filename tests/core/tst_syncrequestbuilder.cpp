// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorconfig.h"
#include "syncrequestbuilder.h"

#include <QTest>

using namespace Stowaway;

class TestSyncRequestBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void settingsComeFromMirrorToml();
    void overridesWin();
    void badValuesSayWhat_data();
    void badValuesSayWhat();
    void savedRootsAreTheUsersOwnEntries_data();
    void savedRootsAreTheUsersOwnEntries();
};

namespace {
MirrorConfig config()
{
    MirrorConfig c;
    QString error;
    const bool ok = c.parse("upstream = \"sparse+http://127.0.0.1:9/index/\"\n"
                            "contact = \"ops@example.org\"\n"
                            "[sync]\nversions = \"newest\"\njobs = 7\n"
                            "platforms = [\"x86_64-unknown-linux-gnu\"]\ndev-deps = true\n",
                            QStringLiteral("mirror.toml"), &error);
    if (!ok)
        qWarning() << error;
    return c;
}
} // namespace

void TestSyncRequestBuilder::settingsComeFromMirrorToml()
{
    const MirrorConfig c = config();
    QCOMPARE(c.jobs(), 7); // the file above was read
    QString error;
    const auto request = SyncRequestBuilder::build(c, {}, &error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(request->upstream, c.upstream());
    QCOMPARE(request->contact, c.contact());
    QCOMPARE(request->policy.toString(), c.versions());
    QCOMPARE(request->jobs, c.jobs());
    QCOMPARE(request->devDeps, c.devDeps());
    QCOMPARE(request->platforms.allPlatforms(), c.platforms().isEmpty());
    QVERIFY(request->roots.isEmpty());
    QCOMPARE(request->popular, 0);
    QVERIFY(!request->dryRun);
}

void TestSyncRequestBuilder::overridesWin()
{
    SyncOverrides o;
    o.upstream = QStringLiteral("sparse+http://127.0.0.1:8/other/");
    o.versions = QStringLiteral("lines:2");
    o.platformsSet = true; // an empty list given on purpose: every platform
    o.jobs = 3;
    o.popular = 10;
    o.dryRun = true;
    SyncRoot root;
    root.name = QStringLiteral("serde");
    o.roots = {root};
    QString error;
    const auto request = SyncRequestBuilder::build(config(), o, &error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(request->upstream, o.upstream);
    QCOMPARE(request->policy.toString(), QStringLiteral("lines:2"));
    QVERIFY(request->platforms.allPlatforms());
    QCOMPARE(request->jobs, 3);
    QCOMPARE(request->popular, 10);
    QVERIFY(request->dryRun);
    QCOMPARE(request->roots.size(), 1);
}

void TestSyncRequestBuilder::badValuesSayWhat_data()
{
    QTest::addColumn<QString>("upstream");
    QTest::addColumn<QString>("versions");
    QTest::addColumn<QStringList>("platforms");
    QTest::addColumn<QString>("says");
    QTest::newRow("upstream without sparse+") << "http://127.0.0.1:9/index/"
                                              << "" << QStringList{} << "sparse+";
    QTest::newRow("versions policy") << ""
                                     << "several" << QStringList{} << "several";
    QTest::newRow("target triple")
        << ""
        << "" << QStringList{"nonsense-triple"} << "unknown target triple nonsense-triple";
}

void TestSyncRequestBuilder::badValuesSayWhat()
{
    QFETCH(QString, upstream);
    QFETCH(QString, versions);
    QFETCH(QStringList, platforms);
    QFETCH(QString, says);
    SyncOverrides o;
    o.upstream = upstream;
    o.versions = versions;
    o.platforms = platforms;
    o.platformsSet = !platforms.isEmpty();
    QString error;
    QVERIFY(!SyncRequestBuilder::build(config(), o, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
}

void TestSyncRequestBuilder::savedRootsAreTheUsersOwnEntries_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<bool>("root");
    QTest::addColumn<QString>("requirement"); // SemverReq::toString() of the root
    QTest::addColumn<QString>("exactVersion");

    QTest::newRow("named with a requirement") << "named"
                                              << "^1.2" << true << "^1.2"
                                              << "";
    QTest::newRow("named, requirement unreadable: any version") << "named"
                                                                << "not a req" << true << "*"
                                                                << "";
    QTest::newRow("lockfile pin") << "lockfile"
                                  << "=0.8.5 from /p/Cargo.lock" << true << "*"
                                  << "0.8.5";
    QTest::newRow("lockfile entry without its version") << "lockfile"
                                                        << "from /p/Cargo.lock" << false << ""
                                                        << "";
    QTest::newRow("popular") << "popular"
                             << "rank 3" << true << "*"
                             << "";
    QTest::newRow("dependency: follows from the roots") << "dependency"
                                                        << "needed by serde 1.0.1" << false << ""
                                                        << "";
}

void TestSyncRequestBuilder::savedRootsAreTheUsersOwnEntries()
{
    QFETCH(QString, reason);
    QFETCH(QString, detail);
    QFETCH(bool, root);
    QFETCH(QString, requirement);
    QFETCH(QString, exactVersion);
    const QList<SyncRoot> roots =
        SyncRequestBuilder::savedRoots({{QStringLiteral("rand"), reason, detail, {}}});
    QCOMPARE(roots.size(), root ? 1 : 0);
    if (!root)
        return;
    QCOMPARE(roots[0].name, QStringLiteral("rand"));
    QCOMPARE(roots[0].reason, reason);
    QCOMPARE(roots[0].detail, detail);
    QCOMPARE(roots[0].req.toString(), requirement);
    QCOMPARE(roots[0].exactVersion, exactVersion);
}

QTEST_GUILESS_MAIN(TestSyncRequestBuilder)
#include "tst_syncrequestbuilder.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "reversedependencies.h"
#include "testregistry.h"

#include <QTest>

using namespace Stowaway;
using Stowaway::Testing::TestCrate;
using Stowaway::Testing::TestDependency;
using Stowaway::Testing::TestRegistry;

namespace {
QByteArray line(const QByteArray &name, const QByteArray &vers, const QByteArray &deps)
{
    return "{\"name\":\"" + name + "\",\"vers\":\"" + vers + "\",\"deps\":[" + deps +
           "],\"cksum\":\"" + QByteArray(64, 'a') + "\",\"features\":{},\"yanked\":false}" + '\n';
}

QByteArray dep(const QByteArray &name, const QByteArray &kind = "normal",
               const QByteArray &extra = {})
{
    return "{\"name\":\"" + name +
           "\",\"req\":\"^1\",\"features\":[],\"optional\":false,"
           "\"default_features\":true,\"target\":null,\"kind\":\"" +
           kind + '"' + extra + '}';
}

QStringList names(const QList<PopularCrate> &ranking)
{
    QStringList out;
    for (const PopularCrate &crate : ranking)
        out.append(QStringLiteral("%1:%2:%3").arg(crate.name).arg(crate.downloads).arg(crate.rank));
    return out;
}
} // namespace

class TestReverseDependencies : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ranking_data();
    void ranking();
    void layeredRegistryMatchesDeclarations();
};

void TestReverseDependencies::ranking_data()
{
    QTest::addColumn<QList<QByteArray>>("files");
    QTest::addColumn<int>("top");
    QTest::addColumn<QStringList>("expected");

    const QList<QByteArray> leaves{line("serde", "1.0.0", {}), line("log", "0.4.0", {}),
                                   line("Inflector", "0.11.4", {})};
    QTest::newRow("normal and build count, once per dependent crate")
        << (leaves + QList<QByteArray>{line("app", "1.0.0", dep("serde") + ',' + dep("log")) +
                                           line("app", "1.1.0", dep("serde")),
                                       line("tool", "0.1.0", dep("serde", "build"))})
        << 10 << QStringList{"serde:2:1", "log:1:2", "app:0:3", "Inflector:0:4", "tool:0:5"};
    QTest::newRow("dev-dependencies and other registries do not count")
        << (leaves + QList<QByteArray>{line(
                         "app", "1.0.0",
                         dep("serde", "dev") + ',' +
                             dep("log", "normal", ",\"registry\":\"https://x.invalid/\""))})
        << 2 << QStringList{"app:0:1", "Inflector:0:2"};
    QTest::newRow("renamed dependency counts for the real crate, names as cargo compares")
        << (leaves +
            QList<QByteArray>{line("a", "1.0.0", dep("json", "normal", ",\"package\":\"serde\"")),
                              line("b", "1.0.0", dep("SERDE") + ',' + dep("inflector")),
                              line("c", "1.0.0", dep("Inflector"))})
        << 2 << QStringList{"Inflector:2:1", "serde:2:2"};
    QTest::newRow("dependencies on crates the index lacks are not ranked")
        << QList<QByteArray>{line("app", "1.0.0", dep("ghost"))} << 5 << QStringList{"app:0:1"};
    QTest::newRow("a crate depending on itself does not count")
        << QList<QByteArray>{line("selfish", "1.0.0", dep("selfish", "build"))} << 5
        << QStringList{"selfish:0:1"};
}

void TestReverseDependencies::ranking()
{
    QFETCH(QList<QByteArray>, files);
    QFETCH(int, top);
    QFETCH(QStringList, expected);
    ReverseDependencies counter;
    qint64 bytes = 0;
    for (const QByteArray &file : files) {
        QCOMPARE(counter.addFile(file), 0);
        bytes += file.size();
    }
    QCOMPARE(names(counter.ranking(top)), expected);
    QCOMPARE(counter.crateCount(), files.size());
    QCOMPARE(counter.scannedBytes(), bytes);
}

void TestReverseDependencies::layeredRegistryMatchesDeclarations()
{
    // Count dependents from the generator's own declarations and compare.
    const TestRegistry registry = TestRegistry::layered(60);
    ReverseDependencies counter;
    QHash<QString, QSet<QString>> dependents;
    for (const QString &name : registry.crateNames()) {
        counter.addFile(registry.indexFile(name));
        for (const TestCrate *version : registry.versions(name)) {
            for (const TestDependency &d : version->deps) {
                if (d.kind != QLatin1String("dev"))
                    dependents[d.name.toLower().replace(u'-', u'_')].insert(name);
            }
        }
    }
    QCOMPARE(counter.crateCount(), registry.crateNames().size());
    int checked = 0;
    for (const QString &name : registry.crateNames()) {
        QCOMPARE(counter.dependents(name),
                 int(dependents.value(name.toLower().replace(u'-', u'_')).size()));
        checked += counter.dependents(name) > 0;
    }
    QVERIFY(checked > 10);
    const QList<PopularCrate> ranking = counter.ranking(5);
    QCOMPARE(ranking.size(), 5);
    for (qsizetype i = 1; i < ranking.size(); ++i)
        QVERIFY(ranking[i - 1].downloads >= ranking[i].downloads);
}

QTEST_GUILESS_MAIN(TestReverseDependencies)
#include "tst_reversedependencies.moc"

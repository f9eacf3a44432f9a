// SPDX-License-Identifier: GPL-3.0-or-later
#include "platformtable.h"
#include "targetfilter.h"

#include <QTest>

using namespace Stowaway;

class TestTargetFilter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void applies_data();
    void applies();
    void unknownTriples();

private:
    PlatformTable m_table;
};

void TestTargetFilter::applies_data()
{
    QTest::addColumn<QStringList>("platforms");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("expected");
    const QStringList none;
    const QStringList linuxGnu{QStringLiteral("x86_64-unknown-linux-gnu")};
    const QStringList linuxAndMac{QStringLiteral("x86_64-unknown-linux-gnu"),
                                  QStringLiteral("aarch64-apple-darwin")};
    QTest::newRow("no platforms: windows dep kept") << none << "cfg(windows)" << true;
    QTest::newRow("no platforms: plain triple kept") << none << "x86_64-pc-windows-gnu" << true;
    QTest::newRow("no target always applies") << linuxGnu << "" << true;
    QTest::newRow("linuxGnu drops windows") << linuxGnu << "cfg(windows)" << false;
    QTest::newRow("linuxGnu keeps unix") << linuxGnu << "cfg(unix)" << true;
    QTest::newRow("linuxGnu drops plain windows triple")
        << linuxGnu << "x86_64-pc-windows-msvc" << false;
    QTest::newRow("linuxGnu keeps its own triple")
        << linuxGnu << "x86_64-unknown-linux-gnu" << true;
    QTest::newRow("either platform suffices")
        << linuxAndMac << "cfg(target_os = \"macos\")" << true;
    QTest::newRow("unparseable target is kept") << linuxGnu << "cfg(unix" << true;
}

void TestTargetFilter::applies()
{
    QFETCH(QStringList, platforms);
    QFETCH(QString, target);
    QFETCH(bool, expected);
    QStringList unknown;
    const TargetFilter filter = TargetFilter::forTriples(platforms, m_table, &unknown);
    QVERIFY(unknown.isEmpty());
    QCOMPARE(filter.applies(target), expected);
}

void TestTargetFilter::unknownTriples()
{
    QStringList unknown;
    const TargetFilter filter = TargetFilter::forTriples(
        {QStringLiteral("x86_64-unknown-linux-gnu"), QStringLiteral("z80-unknown-cpm")}, m_table,
        &unknown);
    QCOMPARE(unknown, QStringList{QStringLiteral("z80-unknown-cpm")});
    QVERIFY(!filter.allPlatforms());
}

QTEST_GUILESS_MAIN(TestTargetFilter)
#include "tst_targetfilter.moc"

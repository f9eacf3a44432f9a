// SPDX-License-Identifier: GPL-3.0-or-later
#include "cfgexpr.h"
#include "platformtable.h"

#include <QTest>

using namespace Stowaway;

class TestCfgExpr : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void evaluate_data();
    void evaluate();
    void invalid_data();
    void invalid();

private:
    PlatformTable m_table;
};

void TestCfgExpr::evaluate_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QString>("triple");
    QTest::addColumn<bool>("expected");
    const QString linuxGnu = QStringLiteral("x86_64-unknown-linux-gnu");
    const QString windows = QStringLiteral("x86_64-pc-windows-msvc");
    const QString mac = QStringLiteral("aarch64-apple-darwin");
    const QString wasm = QStringLiteral("wasm32-unknown-unknown");
    QTest::newRow("windows on windows") << "cfg(windows)" << windows << true;
    QTest::newRow("windows on linux") << "cfg(windows)" << linuxGnu << false;
    QTest::newRow("unix on mac") << "cfg(unix)" << mac << true;
    QTest::newRow("unix on wasm") << "cfg(unix)" << wasm << false;
    QTest::newRow("target_os linux") << "cfg(target_os = \"linux\")" << linuxGnu << true;
    QTest::newRow("target_os macos") << "cfg(target_os=\"macos\")" << mac << true;
    QTest::newRow("target_env msvc") << "cfg(target_env = \"msvc\")" << windows << true;
    QTest::newRow("pointer width") << "cfg(target_pointer_width = \"64\")" << linuxGnu << true;
    QTest::newRow("multi-valued key") << "cfg(target_has_atomic = \"64\")" << linuxGnu << true;
    QTest::newRow("all") << "cfg(all(unix, target_arch = \"aarch64\"))" << mac << true;
    QTest::newRow("all fails") << "cfg(all(unix, target_arch = \"aarch64\"))" << linuxGnu << false;
    QTest::newRow("any") << "cfg(any(windows, target_os = \"macos\"))" << mac << true;
    QTest::newRow("not") << "cfg(not(windows))" << linuxGnu << true;
    QTest::newRow("nested") << "cfg(all(not(target_arch = \"wasm32\"), any(unix, windows)))" << wasm
                            << false;
    QTest::newRow("empty all is true") << "cfg(all())" << linuxGnu << true;
    QTest::newRow("empty any is false") << "cfg(any())" << linuxGnu << false;
    QTest::newRow("trailing comma") << "cfg(any(windows, unix,))" << linuxGnu << true;
    QTest::newRow("true literal") << "cfg(true)" << linuxGnu << true;
    QTest::newRow("false literal") << "cfg(false)" << linuxGnu << false;
    QTest::newRow("unknown name") << "cfg(foo)" << linuxGnu << false;
    QTest::newRow("wasm family") << "cfg(target_family = \"wasm\")" << wasm << true;
}

void TestCfgExpr::evaluate()
{
    QFETCH(QString, expr);
    QFETCH(QString, triple);
    QFETCH(bool, expected);
    QString error;
    const auto parsed = CfgExpr::parse(expr, &error);
    QVERIFY2(parsed, qPrintable(error));
    const auto platform = m_table.find(triple);
    QVERIFY(platform);
    QCOMPARE(parsed->evaluate(*platform), expected);
}

void TestCfgExpr::invalid_data()
{
    QTest::addColumn<QString>("expr");
    QTest::newRow("no cfg") << "windows";
    QTest::newRow("unclosed") << "cfg(windows";
    QTest::newRow("unquoted value") << "cfg(target_os = linuxGnu)";
    QTest::newRow("unterminated string") << "cfg(target_os = \"linuxGnu)";
    QTest::newRow("not with two") << "cfg(not(unix, windows))";
    QTest::newRow("trailing text") << "cfg(unix) x";
    QTest::newRow("empty") << "cfg()";
}

void TestCfgExpr::invalid()
{
    QFETCH(QString, expr);
    QString error;
    QVERIFY(!CfgExpr::parse(expr, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestCfgExpr)
#include "tst_cfgexpr.moc"

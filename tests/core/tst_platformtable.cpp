// SPDX-License-Identifier: GPL-3.0-or-later
#include "platformtable.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Stowaway;

class TestPlatformTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void builtIn();
    void agreesWithRustc_data();
    void agreesWithRustc();
    void fromText();

private:
    PlatformTable m_table;
};

void TestPlatformTable::builtIn()
{
    const QStringList triples = m_table.triples();
    // Every tier-1 target must be there, and the tier-2 ones with a std make it ~100.
    for (const char *tier1 :
         {"aarch64-apple-darwin", "aarch64-unknown-linux-gnu", "i686-pc-windows-msvc",
          "i686-unknown-linux-gnu", "x86_64-pc-windows-gnu", "x86_64-pc-windows-msvc",
          "x86_64-unknown-linux-gnu"})
        QVERIFY2(triples.contains(QLatin1String(tier1)), tier1);
    QVERIFY(triples.size() >= 90);
    QVERIFY(!m_table.find(QStringLiteral("no-such-target")));
    const auto linuxGnu = m_table.find(QStringLiteral("x86_64-unknown-linux-gnu"));
    QVERIFY(linuxGnu->hasName(QStringLiteral("unix")));
    QVERIFY(linuxGnu->hasValue(QStringLiteral("target_os"), QStringLiteral("linux")));
    QVERIFY(linuxGnu->hasValue(QStringLiteral("target_env"), QStringLiteral("gnu")));
}

void TestPlatformTable::agreesWithRustc_data()
{
    QTest::addColumn<QString>("triple");
    QTest::newRow("linux") << "x86_64-unknown-linux-gnu";
    QTest::newRow("windows msvc") << "x86_64-pc-windows-msvc";
    QTest::newRow("mac arm") << "aarch64-apple-darwin";
    QTest::newRow("wasm") << "wasm32-unknown-unknown";
}

void TestPlatformTable::agreesWithRustc()
{
    // rustc is the source of truth; the built-in table must say what it says.
    QFETCH(QString, triple);
    QString rustc = QStandardPaths::findExecutable(QStringLiteral("rustc"));
    if (rustc.isEmpty())
        rustc = QStandardPaths::findExecutable(QStringLiteral("rustc"),
                                               {QDir::homePath() + QStringLiteral("/.cargo/bin")});
    QVERIFY2(!rustc.isEmpty(), "rustc not found on PATH or in ~/.cargo/bin: install Rust");
    QProcess process;
    process.start(rustc, {QStringLiteral("--print"), QStringLiteral("cfg"),
                          QStringLiteral("--target"), triple});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    QString cfg = QString::fromUtf8(process.readAllStandardOutput());
    cfg.replace(QLatin1Char('\n'), QLatin1Char(' '));
    Platform live = Platform::fromCfgLine(triple, cfg);
    live.names.remove(QStringLiteral("debug_assertions"));
    const auto stored = m_table.find(triple);
    QVERIFY(stored);
    QCOMPARE(stored->names, live.names);
    for (const QString &key :
         {QStringLiteral("target_os"), QStringLiteral("target_arch"),
          QStringLiteral("target_family"), QStringLiteral("target_env"),
          QStringLiteral("target_vendor"), QStringLiteral("target_pointer_width")}) {
        auto a = stored->values.values(key);
        auto b = live.values.values(key);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        QCOMPARE(a, b);
    }
}

void TestPlatformTable::fromText()
{
    const auto table = PlatformTable::fromText(
        u"# comment\nmy-target\tunix target_os=\"toy\" target_has_atomic=\"8\" "
        u"target_has_atomic=\"16\"\nbroken line without tab\n");
    QCOMPARE(table.triples(), QStringList{QStringLiteral("my-target")});
    const auto p = table.find(QStringLiteral("my-target"));
    QVERIFY(p->hasName(QStringLiteral("unix")));
    QVERIFY(p->hasValue(QStringLiteral("target_os"), QStringLiteral("toy")));
    QVERIFY(p->hasValue(QStringLiteral("target_has_atomic"), QStringLiteral("16")));
    QVERIFY(!p->hasValue(QStringLiteral("target_has_atomic"), QStringLiteral("64")));
}

QTEST_GUILESS_MAIN(TestPlatformTable)
#include "tst_platformtable.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "stowawayprocess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway::Testing;

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exitCodes_data();
    void exitCodes();
    void everyCommandHasHelp_data();
    void everyCommandHasHelp();

private:
    QTemporaryDir m_home;
};

void TestCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutHas");
    QTest::addColumn<QString>("stderrHas");
    QTest::newRow("version") << QStringList{"--version"} << 0 << "stowaway 0."
                             << "";
    QTest::newRow("help lists commands") << QStringList{"--help"} << 0 << "cargo-config"
                                         << "";
    QTest::newRow("help command") << QStringList{"help", "serve"} << 0 << "--listen"
                                  << "";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << ""
                                     << "unknown command 'frobnicate'";
    QTest::newRow("unknown global option") << QStringList{"--frob"} << 2 << ""
                                           << "unknown option --frob";
    QTest::newRow("mirror without folder") << QStringList{"--mirror"} << 2 << ""
                                           << "--mirror needs a folder";
    QTest::newRow("no command: desktop app not built yet") << QStringList{} << 2 << ""
                                                           << "desktop app";
    QTest::newRow("bad option of a command") << QStringList{"status", "--frob"} << 2 << ""
                                             << "Try 'stowaway status --help'";
    QTest::newRow("stray argument") << QStringList{"status", "extra"} << 2 << ""
                                    << "takes no arguments";
}

void TestCli::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutHas);
    QFETCH(QString, stderrHas);
    QVERIFY(m_home.isValid());
    const ProcessResult result =
        runStowaway(arguments, {{QStringLiteral("HOME"), m_home.path()},
                                {QStringLiteral("XDG_DATA_HOME"), m_home.path()}});
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(result.out).contains(stdoutHas), result.out.constData());
    QVERIFY2(QString::fromUtf8(result.err).contains(stderrHas), result.err.constData());
}

void TestCli::everyCommandHasHelp_data()
{
    QTest::addColumn<QString>("command");
    for (const char *command : {"serve", "status", "verify", "cargo-config"})
        QTest::newRow(command) << QString::fromLatin1(command);
}

void TestCli::everyCommandHasHelp()
{
    QFETCH(QString, command);
    const ProcessResult result = runStowaway({command, QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QByteArray("Usage: stowaway " + command.toUtf8())),
             result.out.constData());
    QVERIFY(result.out.contains("--mirror"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

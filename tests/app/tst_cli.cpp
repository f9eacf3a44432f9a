// SPDX-License-Identifier: GPL-3.0-or-later
#include "instancechannel.h"
#include "mirrorstore.h"
#include "stowawayprocess.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exitCodes_data();
    void exitCodes();
    void everyCommandHasHelp_data();
    void everyCommandHasHelp();
    void desktopAppStartsAndServes();
    void secondDesktopStartRaisesTheFirst();
    void desktopAppWithoutDisplaySaysSo();

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
    QTest::newRow("--tray with a command") << QStringList{"--tray", "status"} << 2 << ""
                                           << "--tray starts the desktop app";
    QTest::newRow("help names the desktop app") << QStringList{"--help"} << 0 << "[--tray]"
                                                << "";
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

void TestCli::desktopAppStartsAndServes()
{
    // `stowaway --tray` with no tray (offscreen) shows the window, listens on its instance
    // channel and serves the mirror.
    QTemporaryDir mirror;
    quint16 port = 0;
    {
        QTcpServer probe; // a port free a moment ago
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    {
        MirrorStore store{MirrorLayout(mirror.path())};
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        MirrorConfig config = store.config();
        config.setListen(QStringLiteral("127.0.0.1:%1").arg(port));
        QVERIFY2(store.setConfig(config, &error), qPrintable(error));
    }
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path());
    env.insert(QStringLiteral("CARGO_HOME"), m_home.filePath(QStringLiteral("cargo")));
    app.setProcessEnvironment(env);
    app.start(qEnvironmentVariable("STOWAWAY_BIN"),
              {QStringLiteral("--mirror"), mirror.path(), QStringLiteral("--tray")});
    QVERIFY(app.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(InstanceChannel::raiseRunning(mirror.path(), 200), 20000);
    QCOMPARE(app.state(), QProcess::Running);
    QTcpSocket client;
    // The instance channel comes up first, the server a moment later.
    const auto connects = [&client, port] {
        client.abort();
        client.connectToHost(QHostAddress::LocalHost, port);
        return client.waitForConnected(500);
    };
    QTRY_VERIFY_WITH_TIMEOUT(connects(), 20000);
    client.write("GET /index/config.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.bytesAvailable() > 0, 5000);
    QVERIFY(client.readAll().startsWith("HTTP/1.1 200"));
    app.terminate();
    QVERIFY(app.waitForFinished(10000));
}

void TestCli::secondDesktopStartRaisesTheFirst()
{
    QTemporaryDir mirror;
    InstanceChannel first(mirror.path());
    QString error;
    QVERIFY2(first.listen(&error), qPrintable(error));
    QSignalSpy raised(&first, &InstanceChannel::raiseRequested);
    QProcess second;
    second.start(qEnvironmentVariable("STOWAWAY_BIN"), {QStringLiteral("--mirror"), mirror.path()});
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, 20000);
    // The QTRY above ran the event loop, so the process may have been reaped already.
    QVERIFY2(second.state() == QProcess::NotRunning || second.waitForFinished(10000),
             second.readAllStandardError().constData());
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
}

void TestCli::desktopAppWithoutDisplaySaysSo()
{
    QTemporaryDir mirror;
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    app.setProcessEnvironment(env);
    app.start(qEnvironmentVariable("STOWAWAY_BIN"), {QStringLiteral("--mirror"), mirror.path()});
    QVERIFY(app.waitForFinished(10000));
    QCOMPARE(app.exitCode(), 2);
    QVERIFY(app.readAllStandardError().contains("no display"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorstore.h"
#include "stowawayprocess.h"
#include "testcrate.h"
#include "testregistry.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Stowaway;
using namespace Stowaway::Testing;

class TestServeCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void servesOverHttp1AndH2c_data();
    void servesOverHttp1AndH2c();
    void stopsCleanlyOnSignal();
    void refusesBadListen_data();
    void refusesBadListen();
    void busyPortIsAnError();
    void brokenMirrorTomlIsAnError();
    void cleanupTestCase();

private:
    static quint16 freePort();
    QByteArray curl(const QStringList &arguments);

    QTemporaryDir m_dir;
    QString m_mirror;
    QProcess m_server;
    quint16 m_port = 0;
};

quint16 TestServeCommand::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QByteArray TestServeCommand::curl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("curl"), QStringList{"-sS", "--max-time", "10"} + arguments);
    if (!process.waitForFinished(15000))
        return {};
    return process.readAllStandardOutput();
}

void TestServeCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty(),
             "curl is needed (scripts/test installs it)");
    m_mirror = m_dir.filePath(QStringLiteral("mirror"));
    {
        const TestRegistry registry = TestRegistry::small();
        QString error;
        QVERIFY2(registry.fillMirror(m_mirror, &error), qPrintable(error));
    }
    m_port = freePort();
    m_server.setProcessChannelMode(QProcess::SeparateChannels);
    m_server.start(qEnvironmentVariable("STOWAWAY_BIN"),
                   {QStringLiteral("serve"), QStringLiteral("--mirror"), m_mirror,
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(m_port)});
    QVERIFY(m_server.waitForStarted(10000));
    QByteArray banner;
    QTRY_VERIFY_WITH_TIMEOUT((banner += m_server.readAllStandardOutput()).contains("Serving") ||
                                 m_server.state() == QProcess::NotRunning,
                             10000);
    QVERIFY2(m_server.state() == QProcess::Running, m_server.readAllStandardError().constData());
}

void TestServeCommand::servesOverHttp1AndH2c_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("protocol");
    QTest::newRow("HTTP/1.1") << QStringList{"--http1.1"} << "1.1";
    QTest::newRow("h2c upgrade, as cargo asks") << QStringList{"--http2"} << "2";
}

void TestServeCommand::servesOverHttp1AndH2c()
{
    QFETCH(QStringList, options);
    QFETCH(QString, protocol);
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_port);
    const QByteArray page = curl(options + QStringList{base + QStringLiteral("/")});
    QVERIFY2(page.contains(QByteArray("sparse+" + base.toUtf8() + "/index/")),
             page.left(300).constData());
    const QByteArray config =
        curl(options + QStringList{base + QStringLiteral("/index/config.json")});
    QVERIFY2(config.contains(QByteArray("\"dl\":\"" + base.toUtf8() +
                                        "/crates/{crate}/{crate}-{version}.crate")),
             config.constData());
    const QByteArray version =
        curl(options + QStringList{"-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                                   base + QStringLiteral("/index/ba/se/base")});
    QCOMPARE(version, (protocol + QStringLiteral(" 200")).toUtf8());
}

void TestServeCommand::stopsCleanlyOnSignal()
{
    // Runs after the requests above: SIGTERM stops the server with exit code 0 and the
    // access log holds every request, the HTTP/2 ones included.
    ::kill(pid_t(m_server.processId()), SIGTERM);
    QVERIFY(m_server.waitForFinished(10000));
    QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_server.exitCode(), 0);
    QVERIFY(m_server.readAllStandardError().contains("stopping"));
    QFile log(m_mirror + QStringLiteral("/logs/access.log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray lines = log.readAll();
    QVERIFY2(lines.contains("\"GET /index/ba/se/base HTTP/2.0\" 200"), lines.constData());
    QVERIFY2(lines.contains("\"GET /index/ba/se/base HTTP/1.1\" 200"), lines.constData());
}

void TestServeCommand::refusesBadListen_data()
{
    QTest::addColumn<QString>("listen");
    QTest::newRow("not an address") << "over-there";
    QTest::newRow("port too big") << "127.0.0.1:70000";
    QTest::newRow("ipv6 without brackets") << "::1:80";
}

void TestServeCommand::refusesBadListen()
{
    QFETCH(QString, listen);
    const ProcessResult result = runStowaway({QStringLiteral("serve"), QStringLiteral("--mirror"),
                                              m_mirror, QStringLiteral("--listen"), listen});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("ADDRESS:PORT"), result.err.constData());
}

void TestServeCommand::busyPortIsAnError()
{
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    const ProcessResult result = runStowaway(
        {QStringLiteral("serve"), QStringLiteral("--mirror"), m_mirror, QStringLiteral("--listen"),
         QStringLiteral("127.0.0.1:%1").arg(occupier.serverPort())});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("--listen"), result.err.constData());
}

void TestServeCommand::brokenMirrorTomlIsAnError()
{
    const QString mirror = m_dir.filePath(QStringLiteral("broken"));
    QVERIFY(QDir().mkpath(mirror));
    QFile toml(mirror + QStringLiteral("/mirror.toml"));
    QVERIFY(toml.open(QIODevice::WriteOnly));
    toml.write("upstream = \"sparse+https://index.crates.io/\"\n[server]\nlisten = 12\n");
    toml.close();
    const ProcessResult result =
        runStowaway({QStringLiteral("serve"), QStringLiteral("--mirror"), mirror});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("line 3") && result.err.contains("server.listen"),
             result.err.constData());
}

void TestServeCommand::cleanupTestCase()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.kill();
        m_server.waitForFinished(5000);
    }
}

QTEST_GUILESS_MAIN(TestServeCommand)
#include "tst_servecommand.moc"

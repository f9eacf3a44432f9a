// SPDX-License-Identifier: GPL-3.0-or-later
// LAN sharing with real cargo: `stowaway serve --token-env` requires the token, and the
// configuration CargoTeammateConfig writes is exactly what cargo needs to send it.
// Loopback only; crates-io is replaced, so cargo never reaches the internet.
#include "cargoteammateconfig.h"
#include "e2etools.h"
#include "lantoken.h"
#include "mirrorstore.h"
#include "testcrate.h"
#include "testregistry.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

const QString TokenVariable = QStringLiteral("STOWAWAY_TEST_LAN_TOKEN");

} // namespace

class TestLanAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cargoNeedsTheToken_data();
    void cargoNeedsTheToken();
    void curlSeesTheChallenge();
    void serveRefusesAMissingToken_data();
    void serveRefusesAMissingToken();

private:
    QTemporaryDir m_dir;
    QString m_cargo;
    QString m_mirror;
    QByteArray m_token;
    QProcess m_server;
    quint16 m_port = 0;
    int m_run = 0;
};

void TestLanAuth::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cargo = findCargo();
    QVERIFY2(!m_cargo.isEmpty(), "cargo 1.68 or newer is needed (~/.cargo/bin or PATH)");
    m_mirror = m_dir.filePath(QStringLiteral("mirror"));
    {
        const TestRegistry registry = TestRegistry::small();
        QString error;
        QVERIFY2(registry.fillMirror(m_mirror, &error), qPrintable(error));
    }
    m_token = LanToken::generate().value();
    m_port = freePort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(TokenVariable, QString::fromLatin1(m_token));
    m_server.setProcessEnvironment(env);
    m_server.setProcessChannelMode(QProcess::SeparateChannels);
    m_server.start(stowawayBinary(),
                   {QStringLiteral("serve"), QStringLiteral("--mirror"), m_mirror,
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(m_port),
                    QStringLiteral("--token-env"), TokenVariable});
    QVERIFY(m_server.waitForStarted(10000));
    QByteArray banner;
    QTRY_VERIFY_WITH_TIMEOUT((banner += m_server.readAllStandardOutput()).contains("Stop with") ||
                                 m_server.state() == QProcess::NotRunning,
                             15000);
    QVERIFY2(m_server.state() == QProcess::Running, m_server.readAllStandardError().constData());
    QVERIFY2(banner.contains("auth-required"), banner.constData());
    QVERIFY2(!banner.contains(m_token), "the token must not be printed");
}

void TestLanAuth::cleanupTestCase()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.terminate();
        if (!m_server.waitForFinished(5000)) {
            m_server.kill();
            m_server.waitForFinished(5000);
        }
    }
}

void TestLanAuth::cargoNeedsTheToken_data()
{
    QTest::addColumn<QString>("credentials"); // "file", "env", "wrong", "none"
    QTest::addColumn<bool>("withProvider");   // the [registry] credential-provider line
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<QByteArray>("expected"); // in cargo's output when it fails
    QTest::newRow("token in credentials.toml") << "file" << true << true << QByteArray();
    QTest::newRow("token in CARGO_REGISTRIES_STOWAWAY_LAN_TOKEN")
        << "env" << true << true << QByteArray();
    QTest::newRow("no token: 401, then cargo asks for one")
        << "none" << true << false << QByteArray("no token found for `stowaway-lan`");
    QTest::newRow("wrong token: 401, cargo says it was rejected")
        << "wrong" << true << false << QByteArray("token rejected for `stowaway-lan`");
    // Why the [registry] line is part of the teammate config (cargo 1.74+ insists).
    QTest::newRow("token but no credential provider")
        << "file" << false << false
        << QByteArray("authenticated registries require a credential-provider");
}

void TestLanAuth::cargoNeedsTheToken()
{
    QFETCH(QString, credentials);
    QFETCH(bool, withProvider);
    QFETCH(bool, succeeds);
    QFETCH(QByteArray, expected);

    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_port);
    const QByteArray token =
        credentials == QLatin1String("wrong") ? LanToken::generate().value() : m_token;
    const CargoTeammateConfig teammate(base, QString::fromLatin1(token));
    const QString run = m_dir.filePath(QStringLiteral("run-%1").arg(++m_run));
    const QString home = run + QStringLiteral("/cargo-home");
    const QString project = run + QStringLiteral("/app");
    QString config = teammate.configToml();
    if (!withProvider)
        config = config.left(config.indexOf(QLatin1String("[registry]")));
    QVERIFY(writeFile(home + QStringLiteral("/config.toml"), config.toUtf8()));
    if (credentials == QLatin1String("file") || credentials == QLatin1String("wrong"))
        QVERIFY(writeFile(home + QStringLiteral("/credentials.toml"),
                          teammate.credentialsToml().toUtf8()));
    QVERIFY(writeFile(project + QStringLiteral("/Cargo.toml"),
                      "[package]\nname = \"lan-app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n"
                      "[dependencies]\ntop = \"0.4\"\n"));
    QVERIFY(writeFile(project + QStringLiteral("/src/lib.rs"), "\n"));

    QProcessEnvironment env = cargoEnvironment(m_cargo, home, project + QStringLiteral("/target"));
    const QString variable = CargoTeammateConfig::tokenEnvironmentVariable();
    env.remove(variable);
    if (credentials == QLatin1String("env"))
        env.insert(variable, QString::fromLatin1(m_token));

    // generate-lockfile reads the index; fetch downloads the .crate files too.
    const RunResult lock =
        runProcess(m_cargo, {QStringLiteral("generate-lockfile")}, project, env, 120000);
    if (!succeeds) {
        QVERIFY2(lock.exitCode != 0, lock.output.constData());
        QVERIFY2(lock.output.contains(expected), lock.output.constData());
        QVERIFY(!QFile::exists(project + QStringLiteral("/Cargo.lock")));
        QVERIFY2(!lock.output.contains(m_token), "cargo must not echo the token");
        return;
    }
    QVERIFY2(lock.exitCode == 0, lock.output.constData());
    const QByteArray lockFile = readFile(project + QStringLiteral("/Cargo.lock"));
    for (const char *name : {"top", "left", "right", "base"})
        QVERIFY2(lockFile.contains(QByteArray(QByteArray("name = \"") + name + '"')),
                 lockFile.constData());
    // A replaced crates.io keeps crates.io's source id in the lock file.
    QVERIFY2(lockFile.contains("registry+https://github.com/rust-lang/crates.io-index"),
             lockFile.constData());
    const RunResult fetch = runProcess(m_cargo, {QStringLiteral("fetch")}, project, env, 120000);
    QVERIFY2(fetch.exitCode == 0, fetch.output.constData());
    QVERIFY2(!fetch.output.contains(m_token), "cargo must not echo the token");
}

void TestLanAuth::curlSeesTheChallenge()
{
    // The same answers over plain HTTP, as a person debugging with curl sees them.
    const QString url = QStringLiteral("http://127.0.0.1:%1/index/config.json").arg(m_port);
    const RunResult without =
        runProcess(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("-i"), url});
    QVERIFY2(without.output.startsWith("HTTP/1.1 401"), without.output.constData());
    QVERIFY2(without.output.toLower().contains(
                 QByteArray(QByteArray("www-authenticate: cargo login_url=\"http://127.0.0.1:") +
                            QByteArray::number(m_port) + "/\"")),
             without.output.constData());
    const RunResult with =
        runProcess(QStringLiteral("curl"),
                   {QStringLiteral("-sS"), QStringLiteral("-i"), QStringLiteral("-H"),
                    QStringLiteral("Authorization: ") + QString::fromLatin1(m_token), url});
    QVERIFY2(with.output.startsWith("HTTP/1.1 200"), with.output.constData());
    QVERIFY2(with.output.contains("\"auth-required\":true"), with.output.constData());
}

void TestLanAuth::serveRefusesAMissingToken_data()
{
    QTest::addColumn<QString>("value"); // null: unset
    QTest::newRow("unset") << QString();
    QTest::newRow("empty") << QStringLiteral("");
    QTest::newRow("too short") << QStringLiteral("stw_short");
    QTest::newRow("a space inside") << QStringLiteral("stw_0123456789 abcdef");
}

void TestLanAuth::serveRefusesAMissingToken()
{
    QFETCH(QString, value);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(TokenVariable);
    if (!value.isNull())
        env.insert(TokenVariable, value);
    const RunResult result =
        runProcess(stowawayBinary(),
                   {QStringLiteral("serve"), QStringLiteral("--mirror"), m_mirror,
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(freePort()),
                    QStringLiteral("--token-env"), TokenVariable},
                   {}, env, 15000);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.output.contains(TokenVariable.toLatin1()), result.output.constData());
}

QTEST_GUILESS_MAIN(TestLanAuth)
#include "tst_lanauth.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorconfig.h"
#include "mirrorstore.h"
#include "statuscommand.h"
#include "stowawayprocess.h"
#include "translations.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

namespace {

using Result = Stowaway::Testing::ProcessResult;

Result runStowaway(const QStringList &arguments, const QString &envMirror = {})
{
    QHash<QString, QString> env;
    if (!envMirror.isEmpty())
        env.insert(QStringLiteral("STOWAWAY_MIRROR"), envMirror);
    return Stowaway::Testing::runStowaway(arguments, env);
}

QByteArray crateBytes(const QString &name, const QString &version)
{
    return QByteArray("crate ") + name.toUtf8() + ' ' + version.toUtf8() + QByteArray(1050, 'x');
}

QByteArray indexLine(const QString &name, const QString &version)
{
    return "{\"name\":\"" + name.toUtf8() + "\",\"vers\":\"" + version.toUtf8() +
           "\",\"deps\":[],\"cksum\":\"" +
           QCryptographicHash::hash(crateBytes(name, version), QCryptographicHash::Sha256).toHex() +
           "\",\"features\":{},\"yanked\":false}\n";
}

} // namespace

class TestStatusCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void emptyMirrorJson();
    void populatedMirror();
    void humanOutput();
    void mirrorFromEnvironment();
    void formatting_data();
    void formatting();
    void exitCodes_data();
    void exitCodes();
    void proxyLine_data();
    void proxyLine();
    void proxyShownByTheCommand();

private:
    QString mirror() const { return m_dir->filePath(QStringLiteral("mirror")); }
    void populate(bool synced);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStatusCommand::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("STOWAWAY_BIN")),
             "STOWAWAY_BIN must name the stowaway binary (ctest sets it)");
    // As the binary does in an English locale: the English plural forms ("1 crate").
    Translations::install(*QCoreApplication::instance(), QLocale(QLocale::English));
}

void TestStatusCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStatusCommand::populate(bool synced)
{
    MirrorStore store{MirrorLayout(mirror())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const QList<QPair<QString, QStringList>> crates{
        {QStringLiteral("alpha"), {QStringLiteral("1.0.0"), QStringLiteral("1.1.0")}},
        {QStringLiteral("beta"), {QStringLiteral("0.3.0")}}};
    for (const auto &[name, versions] : crates) {
        QByteArray index;
        for (const QString &version : versions)
            index += indexLine(name, version);
        index += indexLine(name, QStringLiteral("9.0.0")); // known, never stored
        QVERIFY(store.putUpstreamIndex(name, index, {}, {}, &error));
        for (const QString &version : versions)
            QVERIFY2(store.putCrate(name, version, crateBytes(name, version), &error),
                     qPrintable(error));
    }
    if (synced) {
        const qint64 run = store.beginSyncRun(&error);
        QVERIFY(store.finishSyncRun(run, QStringLiteral("ok"), {2, 3, 3000}, {}, &error));
    }
}

void TestStatusCommand::emptyMirrorJson()
{
    const Result result = runStowaway(
        {QStringLiteral("--mirror"), mirror(), QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QByteArray("{\"crates\":0,\"versions\":0,\"bytes\":0,\"upstream\":"
                                    "\"sparse+https://index.crates.io/\",\"last_sync\":null,"
                                    "\"versions_known\":0,\"projected_full_bytes\":0,"
                                    "\"removed_upstream\":[],\"proxy\":null}\n"));
    QVERIFY(QFile::exists(mirror() + QStringLiteral("/mirror.toml")));
}

void TestStatusCommand::populatedMirror()
{
    populate(true);
    // `--mirror` after the command works as well as before it.
    const Result result = runStowaway(
        {QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--mirror"), mirror()});
    QCOMPARE(result.exitCode, 0);
    const qint64 bytes = crateBytes(QStringLiteral("alpha"), QStringLiteral("1.0.0")).size() +
                         crateBytes(QStringLiteral("alpha"), QStringLiteral("1.1.0")).size() +
                         crateBytes(QStringLiteral("beta"), QStringLiteral("0.3.0")).size();
    const QByteArray prefix =
        "{\"crates\":2,\"versions\":3,\"bytes\":" + QByteArray::number(bytes) +
        ",\"upstream\":\"sparse+https://index.crates.io/\",\"last_sync\":\"";
    QVERIFY2(result.out.startsWith(prefix), result.out.constData());
    const QJsonObject object = QJsonDocument::fromJson(result.out).object();
    const QDateTime lastSync =
        QDateTime::fromString(object.value(QStringLiteral("last_sync")).toString(), Qt::ISODate);
    QVERIFY(lastSync.isValid());
    QCOMPARE(lastSync.timeSpec(), Qt::UTC);
    QVERIFY(qAbs(lastSync.secsTo(QDateTime::currentDateTimeUtc())) < 120);
}

void TestStatusCommand::humanOutput()
{
    populate(false);
    const Result result =
        runStowaway({QStringLiteral("--mirror"), mirror(), QStringLiteral("status")});
    QCOMPARE(result.exitCode, 0);
    // 3,200 bytes stored: 17 + 17 + 16 bytes of names and versions, 3 × 1,050 of padding.
    QCOMPARE(QString::fromUtf8(result.out),
             QStringLiteral("2 crates, 3 versions, 3.2 kB\n"
                            "upstream: sparse+https://index.crates.io/\n"
                            "last sync: never\n"
                            // 5 versions are in the index files, 3 stored at 1,066 bytes each
                            // on average.
                            "full mirror (estimate): 5.3 kB for 5 known versions at the mean "
                            "stored size\n"));
}

void TestStatusCommand::mirrorFromEnvironment()
{
    populate(false);
    const Result result =
        runStowaway({QStringLiteral("status"), QStringLiteral("--json")}, mirror());
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith("{\"crates\":2,\"versions\":3,"), result.out.constData());
}

void TestStatusCommand::formatting_data()
{
    QTest::addColumn<qint64>("crates");
    QTest::addColumn<qint64>("versions");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("firstLine");
    QTest::newRow("issue example") << qint64(1204) << qint64(5310) << qint64(3100000000)
                                   << "1,204 crates, 5,310 versions, 3.1 GB";
    QTest::newRow("singular") << qint64(1) << qint64(1) << qint64(512)
                              << "1 crate, 1 version, 512 bytes";
    QTest::newRow("all of crates.io") << qint64(160000) << qint64(1500000) << qint64(250000000000)
                                      << "160,000 crates, 1,500,000 "
                                         "versions, 250.0 GB";
}

void TestStatusCommand::formatting()
{
    QFETCH(qint64, crates);
    QFETCH(qint64, versions);
    QFETCH(qint64, bytes);
    QFETCH(QString, firstLine);
    MirrorSummary summary;
    summary.crates = crates;
    summary.versions = versions;
    summary.bytes = bytes;
    summary.upstream = QStringLiteral("sparse+http://127.0.0.1:1/\"quoted\"/");
    summary.lastSync = QDateTime(QDate(2026, 11, 21), QTime(5, 32, 16), Qt::UTC);
    QCOMPARE(StatusCommand::toText(summary).section(QLatin1Char('\n'), 0, 0), firstLine);
    QVERIFY(StatusCommand::toText(summary).endsWith(
        QStringLiteral("\nlast sync: 2026-11-21T05:32:16Z\n")));
    // The JSON is valid (quotes escaped) and has the keys in the documented order.
    const QString json = StatusCommand::toJson(summary);
    QVERIFY2(json.startsWith(QStringLiteral("{\"crates\":%1,\"versions\":%2,\"bytes\":%3,"
                                            "\"upstream\":")
                                 .arg(crates)
                                 .arg(versions)
                                 .arg(bytes)),
             qPrintable(json));
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    QCOMPARE(object.value(QStringLiteral("upstream")).toString(), summary.upstream);
    QCOMPARE(object.value(QStringLiteral("last_sync")).toString(),
             QStringLiteral("2026-11-21T05:32:16Z"));
    QCOMPARE(object.value(QStringLiteral("bytes")).toDouble(), double(bytes));
}

void TestStatusCommand::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("toml");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("ok") << QStringList{QStringLiteral("status")} << QByteArray() << 0 << "";
    QTest::newRow("help") << QStringList{QStringLiteral("status"), QStringLiteral("--help")}
                          << QByteArray() << 0 << "";
    QTest::newRow("bad flag") << QStringList{QStringLiteral("status"), QStringLiteral("--jsn")}
                              << QByteArray() << 2 << "jsn";
    QTest::newRow("extra argument") << QStringList{QStringLiteral("status"), QStringLiteral("now")}
                                    << QByteArray() << 2 << "takes no arguments";
    QTest::newRow("broken toml") << QStringList{QStringLiteral("status"), QStringLiteral("--json")}
                                 << QByteArray("[server]\nlisten = \"nowhere\"\n") << 1
                                 << "mirror.toml line 2: server.listen";
    QTest::newRow("toml syntax") << QStringList{QStringLiteral("status")}
                                 << QByteArray("jobs = = 3\n") << 1 << "mirror.toml line 1";
}

void TestStatusCommand::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, toml);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);
    if (!toml.isEmpty()) {
        QVERIFY(QDir().mkpath(mirror()));
        QFile file(mirror() + QStringLiteral("/mirror.toml"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toml);
    }
    const Result result =
        runStowaway(QStringList{QStringLiteral("--mirror"), mirror()} + arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(result.err).contains(stderrContains), result.err.constData());
    if (exitCode != 0)
        QVERIFY(result.out.isEmpty());
}

void TestStatusCommand::proxyLine_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("variable"); // NAME=value, or empty
    QTest::addColumn<QString>("expected");
    QTest::newRow("direct") << QString() << QString() << QString();
    QTest::newRow("https_proxy") << QString() << QStringLiteral("https_proxy=http://p:3128")
                                 << QStringLiteral("http://p:3128 (from https_proxy)");
    QTest::newRow("none over https_proxy")
        << QStringLiteral("none") << QStringLiteral("https_proxy=http://p:3128") << QString();
    QTest::newRow("the setting") << QStringLiteral("http://set:9") << QString()
                                 << QStringLiteral("http://set:9 (from the proxy setting)");
    QTest::newRow("no_proxy names the upstream")
        << QStringLiteral("http://set:9") << QStringLiteral("no_proxy=.crates.io") << QString();
}

void TestStatusCommand::proxyLine()
{
    QFETCH(QString, setting);
    QFETCH(QString, variable);
    QFETCH(QString, expected);
    MirrorConfig config; // upstream: sparse+https://index.crates.io/
    config.setProxy(setting);
    QProcessEnvironment environment;
    if (!variable.isEmpty())
        environment.insert(variable.section(QLatin1Char('='), 0, 0),
                           variable.section(QLatin1Char('='), 1));
    QCOMPARE(StatusCommand::proxyFor(config, environment), expected);
    MirrorSummary summary;
    summary.upstream = config.upstream();
    const QString text = StatusCommand::toText(summary, expected);
    QCOMPARE(text.contains(QStringLiteral("\nproxy: ") + expected + QLatin1Char('\n')),
             !expected.isEmpty());
    const QJsonObject json =
        QJsonDocument::fromJson(StatusCommand::toJson(summary, expected).toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("proxy")).isNull(), expected.isEmpty());
    QCOMPARE(json.value(QStringLiteral("proxy")).toString(), expected);
}

void TestStatusCommand::proxyShownByTheCommand()
{
    populate(false);
    const Result result = Stowaway::Testing::runStowaway(
        {QStringLiteral("--mirror"), mirror(), QStringLiteral("status")},
        {{QStringLiteral("HTTPS_PROXY"), QStringLiteral("http://proxy.corp:3128")}});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("\nupstream: sparse+https://index.crates.io/\n"
                                 "proxy: http://proxy.corp:3128 (from HTTPS_PROXY)\n"
                                 "last sync: never\n"),
             result.out.constData());
}

QTEST_GUILESS_MAIN(TestStatusCommand)
#include "tst_statuscommand.moc"

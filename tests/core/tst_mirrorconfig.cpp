// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

namespace {
bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QByteArray customFile = "# my notes\n"
                              "upstream = \"sparse+https://mirror.example.org/index/\"\n"
                              "favourite-colour = \"green\"\n"
                              "\n"
                              "[server]\n"
                              "listen = \"[::1]:8080\"\n"
                              "tls = { cert = \"/etc/cert.pem\" }\n"
                              "\n"
                              "[sync]\n"
                              "jobs = 4\n"
                              "platforms = [\"x86_64-unknown-linux-gnu\"]\n"
                              "dev-deps = true\n"
                              "\n"
                              "[plugins.extra]\n"
                              "enabled = true\n";
} // namespace

class TestMirrorConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void defaultsCreated();
    void customValues();
    void badValue_data();
    void badValue();
    void syntaxError();
    void noRewriteWhenUnchanged();
    void roundTripKeepsUnknownKeys();
    void setterToSameValueIsNoChange();
    void scheduleRoundTrip_data();
    void scheduleRoundTrip();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path() const { return m_dir->filePath(QStringLiteral("mirror.toml")); }
    QString temp() const { return m_dir->filePath(QStringLiteral("tmp")); }
};

void TestMirrorConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMirrorConfig::defaultsCreated()
{
    MirrorConfig config;
    QString error;
    QVERIFY2(config.load(path(), temp(), &error), qPrintable(error));
    QVERIFY(QFile::exists(path()));
    const QByteArray text = readFile(path());
    QCOMPARE(text, MirrorConfig::defaultFileText());
    QVERIFY(text.contains("# Where `stowaway serve` listens"));
    QCOMPARE(config.upstream(), QStringLiteral("sparse+https://index.crates.io/"));
    QCOMPARE(config.contact(), QString());
    QCOMPARE(config.listen(), QStringLiteral("127.0.0.1:27428"));
    QCOMPARE(config.maxConnections(), 256);
    QCOMPARE(config.jobs(), 16);
    QCOMPARE(config.versions(), QStringLiteral("lines:3"));
    QCOMPARE(config.platforms(), QStringList());
    QCOMPARE(config.devDeps(), false);
    QCOMPARE(config.schedule(), QStringLiteral("off"));
    QVERIFY(!config.isModified());
    // The defaults written are the defaults read: an empty file means the same.
    MirrorConfig empty;
    QVERIFY(empty.parse(QByteArray(), QStringLiteral("empty.toml"), &error));
    QCOMPARE(empty.listen(), config.listen());
    QCOMPARE(empty.jobs(), config.jobs());
}

void TestMirrorConfig::customValues()
{
    QVERIFY(writeFile(path(), customFile));
    MirrorConfig config;
    QString error;
    QVERIFY2(config.load(path(), temp(), &error), qPrintable(error));
    QCOMPARE(config.upstream(), QStringLiteral("sparse+https://mirror.example.org/index/"));
    QCOMPARE(config.listen(), QStringLiteral("[::1]:8080"));
    QCOMPARE(config.maxConnections(), 256);
    QCOMPARE(config.jobs(), 4);
    QCOMPARE(config.platforms(), QStringList{QStringLiteral("x86_64-unknown-linux-gnu")});
    QCOMPARE(config.devDeps(), true);
}

void TestMirrorConfig::badValue_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("line");
    QTest::newRow("listen without port") << QByteArray("\n\n\n[server]\nlisten = \"127.0.0.1\"\n")
                                         << "server.listen must be ADDRESS:PORT" << 5;
    QTest::newRow("listen port too big")
        << QByteArray("[server]\nlisten = \"0.0.0.0:70000\"\n") << "server.listen" << 2;
    QTest::newRow("listen bad host")
        << QByteArray("[server]\nlisten = \"my host:80\"\n") << "server.listen" << 2;
    QTest::newRow("listen v6 without brackets")
        << QByteArray("[server]\nlisten = \"::1:80\"\n") << "server.listen" << 2;
    QTest::newRow("listen not a string")
        << QByteArray("[server]\n\nlisten = 27428\n") << "server.listen must be a string" << 3;
    QTest::newRow("max-connections zero")
        << QByteArray("[server]\nmax-connections = 0\n") << "server.max-connections" << 2;
    QTest::newRow("jobs too many") << QByteArray("upstream = \"sparse+https://a.b/\"\n[sync]\n"
                                                 "jobs = 1000\n")
                                   << "sync.jobs must be a whole number from 1 to 256" << 3;
    QTest::newRow("jobs float") << QByteArray("[sync]\njobs = 1.5\n") << "sync.jobs" << 2;
    QTest::newRow("versions unknown")
        << QByteArray("[sync]\nversions = \"newer\"\n") << "sync.versions" << 2;
    QTest::newRow("versions lines:0")
        << QByteArray("[sync]\nversions = \"lines:0\"\n") << "sync.versions" << 2;
    QTest::newRow("platforms not strings")
        << QByteArray("[sync]\n\nplatforms = [1, 2]\n") << "sync.platforms" << 3;
    QTest::newRow("dev-deps a string")
        << QByteArray("[sync]\ndev-deps = \"yes\"\n") << "sync.dev-deps must be true or false" << 2;
    QTest::newRow("schedule unknown")
        << QByteArray("[sync]\nschedule = \"hourly\"\n") << "sync.schedule must be" << 2;
    QTest::newRow("schedule bad time")
        << QByteArray("[sync]\n\nschedule = \"daily:25:00\"\n") << "sync.schedule" << 3;
    QTest::newRow("schedule too many hours")
        << QByteArray("[sync]\nschedule = \"every:169h\"\n") << "sync.schedule" << 2;
    QTest::newRow("schedule not a string")
        << QByteArray("[sync]\nschedule = 6\n") << "sync.schedule must be a string" << 2;
    QTest::newRow("upstream git") << QByteArray("upstream = \"https://github.com/x\"\n")
                                  << "upstream must be a sparse index URL" << 1;
    QTest::newRow("upstream without slash")
        << QByteArray("# c\nupstream = \"sparse+https://index.crates.io\"\n") << "upstream" << 2;
    QTest::newRow("contact a number") << QByteArray("contact = 5\n") << "contact" << 1;
    QTest::newRow("cainfo a list") << QByteArray("\ncainfo = []\n") << "cainfo" << 2;
    QTest::newRow("proxy over TLS") << QByteArray("proxy = \"https://p:3128\"\n")
                                    << "proxy: the proxy setting is https://p:3128" << 1;
    QTest::newRow("proxy of an unknown kind")
        << QByteArray("\n\nproxy = \"ftp://p\"\n") << "not a proxy Stowaway knows" << 3;
    QTest::newRow("proxy a number")
        << QByteArray("proxy = 3128\n") << "proxy must be a string" << 1;
    QTest::newRow("server not a table")
        << QByteArray("server = 5\n") << "server must be a table" << 1;
}

void TestMirrorConfig::badValue()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, key);
    QFETCH(int, line);
    QVERIFY(writeFile(path(), text));
    MirrorConfig config;
    QString error;
    QVERIFY(!config.load(path(), temp(), &error));
    QVERIFY2(error.contains(key), qPrintable(error));
    QVERIFY2(error.startsWith(path() + QStringLiteral(" line %1: ").arg(line)), qPrintable(error));
    QCOMPARE(readFile(path()), text); // never rewritten
}

void TestMirrorConfig::syntaxError()
{
    QVERIFY(writeFile(path(), "upstream = \"sparse+https://index.crates.io/\"\n[sync\njobs = 3\n"));
    MirrorConfig config;
    QString error;
    QVERIFY(!config.load(path(), temp(), &error));
    QVERIFY2(error.startsWith(path() + QStringLiteral(" line 2: ")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("delete it")), qPrintable(error));
}

void TestMirrorConfig::noRewriteWhenUnchanged()
{
    QVERIFY(writeFile(path(), customFile));
    const QDateTime old = QDateTime::currentDateTimeUtc().addSecs(-3600);
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(old, QFileDevice::FileModificationTime));
    }
    MirrorConfig config;
    QString error;
    QVERIFY(config.load(path(), temp(), &error));
    QVERIFY(config.save(path(), temp(), &error));
    QCOMPARE(QFileInfo(path()).lastModified().toUTC(), old);
    QCOMPARE(readFile(path()), customFile);
}

void TestMirrorConfig::roundTripKeepsUnknownKeys()
{
    QVERIFY(writeFile(path(), customFile));
    MirrorConfig config;
    QString error;
    QVERIFY(config.load(path(), temp(), &error));
    config.setJobs(8);
    config.setContact(QStringLiteral("ops@example.org"));
    config.setCainfo(QStringLiteral("/etc/ssl/company-ca.pem"));
    config.setProxy(QStringLiteral("http://ann:pw@proxy.example:3128"));
    config.setPlatforms(
        {QStringLiteral("aarch64-apple-darwin"), QStringLiteral("x86_64-pc-windows-msvc")});
    QVERIFY(config.isModified());
    QVERIFY2(config.save(path(), temp(), &error), qPrintable(error));
    QVERIFY(!config.isModified());

    const QByteArray written = readFile(path());
    QVERIFY(written.startsWith("# Stowaway mirror settings."));
    QVERIFY(written.contains("comments are not"));
    // toml++ may write strings in single quotes; compare what a parser reads back.
    QVERIFY(written.contains("favourite-colour = "));
    QVERIFY(written.contains("green"));
    QVERIFY(written.contains("/etc/cert.pem"));
    QVERIFY(written.contains("[plugins.extra]"));

    MirrorConfig reloaded;
    QVERIFY2(reloaded.load(path(), temp(), &error), qPrintable(error));
    QCOMPARE(reloaded.jobs(), 8);
    QCOMPARE(reloaded.contact(), QStringLiteral("ops@example.org"));
    QCOMPARE(reloaded.cainfo(), QStringLiteral("/etc/ssl/company-ca.pem"));
    QCOMPARE(reloaded.proxy(), QStringLiteral("http://ann:pw@proxy.example:3128"));
    QCOMPARE(reloaded.platforms(), config.platforms());
    // Cleared, the keys leave the file again.
    reloaded.setCainfo(QString());
    reloaded.setProxy(QString());
    QVERIFY2(reloaded.save(path(), temp(), &error), qPrintable(error));
    QVERIFY(!readFile(path()).contains("\ncainfo"));
    QVERIFY(!readFile(path()).contains("\nproxy"));
    QCOMPARE(reloaded.listen(), QStringLiteral("[::1]:8080"));
    QCOMPARE(reloaded.upstream(), QStringLiteral("sparse+https://mirror.example.org/index/"));
    QCOMPARE(reloaded.devDeps(), true);
    QVERIFY(QDir(temp()).entryList(QDir::Files).isEmpty());
}

void TestMirrorConfig::setterToSameValueIsNoChange()
{
    MirrorConfig config;
    config.setJobs(config.jobs());
    config.setListen(config.listen());
    config.setDevDeps(config.devDeps());
    QVERIFY(!config.isModified());
    config.setDevDeps(true);
    QVERIFY(config.isModified());
    QCOMPARE(MirrorConfig::checkListen(QStringLiteral("localhost:1")), QString());
    QCOMPARE(MirrorConfig::checkListen(QStringLiteral("[::]:27428")), QString());
    QVERIFY(!MirrorConfig::checkVersions(QStringLiteral("lines:x")).isEmpty());
}

void TestMirrorConfig::scheduleRoundTrip_data()
{
    QTest::addColumn<QString>("schedule");
    QTest::newRow("off") << "off";
    QTest::newRow("daily") << "daily:03:30";
    QTest::newRow("every") << "every:6h";
}

void TestMirrorConfig::scheduleRoundTrip()
{
    QFETCH(QString, schedule);
    QVERIFY(writeFile(path(), customFile));
    MirrorConfig config;
    QString error;
    QVERIFY(config.load(path(), temp(), &error));
    QCOMPARE(MirrorConfig::checkSchedule(schedule), QString());
    config.setSchedule(schedule);
    config.setJobs(5); // always a change, so the file is rewritten for every row
    QVERIFY2(config.save(path(), temp(), &error), qPrintable(error));
    MirrorConfig reloaded;
    QVERIFY2(reloaded.load(path(), temp(), &error), qPrintable(error));
    QCOMPARE(reloaded.schedule(), schedule);
    QVERIFY(readFile(path()).contains("favourite-colour"));
    QVERIFY(!MirrorConfig::checkSchedule(QStringLiteral("daily:3")).isEmpty());
}

QTEST_GUILESS_MAIN(TestMirrorConfig)
#include "tst_mirrorconfig.moc"

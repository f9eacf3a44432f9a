// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorlayout.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

class TestMirrorLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paths_data();
    void paths();
    void resolveRoot_data();
    void resolveRoot();
    void pointerFile_data();
    void pointerFile();
};

void TestMirrorLayout::paths_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("crate");
    QTest::addColumn<QString>("served");
    QTest::addColumn<QString>("upstream");
    QTest::newRow("long name keeps case in crate path") << "MyCrate"
                                                        << "1.0.0"
                                                        << "/m/crates/MyCrate/MyCrate-1.0.0.crate"
                                                        << "/m/index/my/cr/mycrate"
                                                        << "/m/upstream/index/my/cr/mycrate";
    QTest::newRow("build metadata") << "openssl-src"
                                    << "110.0.0+1.1.0f"
                                    << "/m/crates/openssl-src/openssl-src-110.0.0+1.1.0f.crate"
                                    << "/m/index/op/en/openssl-src"
                                    << "/m/upstream/index/op/en/openssl-src";
    QTest::newRow("short name") << "cc"
                                << "1.0.0"
                                << "/m/crates/cc/cc-1.0.0.crate"
                                << "/m/index/2/cc"
                                << "/m/upstream/index/2/cc";
}

void TestMirrorLayout::paths()
{
    QFETCH(QString, name);
    QFETCH(QString, version);
    QFETCH(QString, crate);
    QFETCH(QString, served);
    QFETCH(QString, upstream);
    const MirrorLayout layout(QStringLiteral("/m/"));
    QCOMPARE(layout.crateFile(name, version), crate);
    QCOMPARE(layout.servedIndexFile(name), served);
    QCOMPARE(layout.upstreamIndexFile(name), upstream);
    QCOMPARE(layout.configFile(), QStringLiteral("/m/mirror.toml"));
    QCOMPARE(layout.stateDatabase(), QStringLiteral("/m/state.sqlite"));
}

void TestMirrorLayout::resolveRoot_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("expected");
    QTest::newRow("option wins") << "/opt/mirror"
                                 << "/env/mirror"
                                 << "/opt/mirror";
    QTest::newRow("env next") << ""
                              << "/env/mirror"
                              << "/env/mirror";
    QTest::newRow("relative option made absolute")
        << "rel"
        << "" << QDir::current().absoluteFilePath(QStringLiteral("rel"));
}

void TestMirrorLayout::resolveRoot()
{
    QFETCH(QString, option);
    QFETCH(QString, env);
    QFETCH(QString, expected);
    qputenv("STOWAWAY_MIRROR", env.toLocal8Bit());
    QCOMPARE(MirrorLayout::resolveRoot(option), expected);
    qunsetenv("STOWAWAY_MIRROR");
}

void TestMirrorLayout::pointerFile_data()
{
    QTest::addColumn<QString>("pointerText"); // "<none>": no pointer file
    QTest::addColumn<QString>("expected");    // "<built-in>": the data folder's mirror
    QTest::newRow("no pointer") << "<none>"
                                << "<built-in>";
    QTest::newRow("pointer") << "/srv/moved/mirror\n"
                             << "/srv/moved/mirror";
    QTest::newRow("pointer without newline") << "/srv/m"
                                             << "/srv/m";
    QTest::newRow("pointer cleaned") << "/srv//m/./x/../\n"
                                     << "/srv/m";
    QTest::newRow("empty pointer ignored") << "\n"
                                           << "<built-in>";
    QTest::newRow("relative pointer ignored") << "moved\n"
                                              << "<built-in>";
}

void TestMirrorLayout::pointerFile()
{
    QFETCH(QString, pointerText);
    QFETCH(QString, expected);
    QTemporaryDir data;
    qputenv("XDG_DATA_HOME", data.path().toLocal8Bit());
    const QString builtIn = data.path() + QStringLiteral("/stowaway/mirror");
    QCOMPARE(MirrorLayout::pointerFile(),
             data.path() + QStringLiteral("/stowaway/mirror-location"));
    if (pointerText != QLatin1String("<none>")) {
        QVERIFY(QDir().mkpath(data.path() + QStringLiteral("/stowaway")));
        QFile file(MirrorLayout::pointerFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(pointerText.toUtf8());
    }
    QCOMPARE(MirrorLayout::resolveRoot({}),
             expected == QLatin1String("<built-in>") ? builtIn : expected);
    // --mirror and $STOWAWAY_MIRROR still win over the pointer.
    QCOMPARE(MirrorLayout::resolveRoot(QStringLiteral("/opt/m")), QStringLiteral("/opt/m"));

    // setDefaultRoot() round trip, and back to the built-in folder removes the pointer.
    QString error;
    QVERIFY2(MirrorLayout::setDefaultRoot(QStringLiteral("/media/usb/mirror"), &error),
             qPrintable(error));
    QCOMPARE(MirrorLayout::resolveRoot({}), QStringLiteral("/media/usb/mirror"));
    QVERIFY2(MirrorLayout::setDefaultRoot(builtIn, &error), qPrintable(error));
    QVERIFY(!QFile::exists(MirrorLayout::pointerFile()));
    QCOMPARE(MirrorLayout::resolveRoot({}), builtIn);
    qunsetenv("XDG_DATA_HOME");
}

QTEST_GUILESS_MAIN(TestMirrorLayout)
#include "tst_mirrorlayout.moc"

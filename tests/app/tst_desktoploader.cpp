// SPDX-License-Identifier: GPL-3.0-or-later
// DesktopLoader: where the desktop app's module is looked for, and what a copy of the real
// executable says when its module is missing or is not a library.
#include "desktoploader.h"
#include "e2etools.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

class TestDesktopLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void candidates_data();
    void candidates();
    void theBuiltModuleIsFound();
    void withoutItsModule_data();
    void withoutItsModule();
};

void TestDesktopLoader::candidates_data()
{
    QTest::addColumn<QString>("binDir");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("installed");
    QTest::newRow("/usr/bin") << QStringLiteral("/usr/bin")
                              << QStringLiteral("/usr/bin/libstowaway-gui.so")
                              << QStringLiteral("/usr/lib");
    QTest::newRow("/usr/local/bin")
        << QStringLiteral("/usr/local/bin") << QStringLiteral("/usr/local/bin/libstowaway-gui.so")
        << QStringLiteral("/usr/local/lib");
    QTest::newRow("/opt/stowaway/bin") << QStringLiteral("/opt/stowaway/bin")
                                       << QStringLiteral("/opt/stowaway/bin/libstowaway-gui.so")
                                       << QStringLiteral("/opt/stowaway/lib");
}

void TestDesktopLoader::candidates()
{
    QFETCH(QString, binDir);
    QFETCH(QString, first);
    QFETCH(QString, installed);
    const QStringList paths = DesktopLoader::candidates(binDir);
    QCOMPARE(paths.size(), 2);
    QCOMPARE(paths.at(0), first); // the build tree keeps it next to the executable
    // The installed one: in a stowaway folder under the prefix's library folder.
    QVERIFY2(paths.at(1).startsWith(installed + QLatin1Char('/')), qPrintable(paths.at(1)));
    QVERIFY2(paths.at(1).endsWith(QLatin1String("/stowaway/libstowaway-gui.so")),
             qPrintable(paths.at(1)));
}

void TestDesktopLoader::theBuiltModuleIsFound()
{
    const QString binDir = QFileInfo(stowawayBinary()).absolutePath();
    QVERIFY(QFileInfo::exists(DesktopLoader::candidates(binDir).constFirst()));
}

void TestDesktopLoader::withoutItsModule_data()
{
    QTest::addColumn<QByteArray>("module"); // written as libstowaway-gui.so; empty: none
    QTest::addColumn<QString>("message");
    QTest::newRow("no module") << QByteArray()
                               << QStringLiteral("the desktop app is not installed");
    QTest::newRow("not a library")
        << QByteArray("not an ELF file\n") << QStringLiteral("the desktop app cannot be loaded");
}

void TestDesktopLoader::withoutItsModule()
{
    QFETCH(QByteArray, module);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("stowaway"));
    QVERIFY(QFile::copy(stowawayBinary(), copy));
    if (!module.isEmpty())
        QVERIFY(writeFile(dir.filePath(QStringLiteral("libstowaway-gui.so")), module));
    // The commands still work without the module ...
    const RunResult version = runProcess(copy, {QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    // ... and the desktop app says what is wrong and what to do.
    const RunResult desktop =
        runProcess(copy, {QStringLiteral("--mirror"), dir.filePath(QStringLiteral("mirror"))});
    QCOMPARE(desktop.exitCode, 1);
    QVERIFY2(desktop.output.contains(message.toUtf8()), desktop.output.constData());
    QVERIFY2(desktop.output.contains("stowaway --help"), desktop.output.constData());
}

QTEST_GUILESS_MAIN(TestDesktopLoader)
#include "tst_desktoploader.moc"

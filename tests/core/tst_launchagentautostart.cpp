// SPDX-License-Identifier: GPL-3.0-or-later
// The macOS LaunchAgent implementation, in a temporary LaunchAgents folder. Its code is plain
// Qt Core + POSIX, so this runs on Linux too; the plist is checked with Python's plistlib.
#include "launchagentautostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray agentPlist(const QByteArray &programArguments, const QByteArray &extra = {})
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
           "<key>Label</key><string>org.stowaway.Stowaway</string>\n"
           "<key>EnvironmentVariables</key><dict><key>Disabled</key><true/></dict>\n"
           "<key>ProgramArguments</key><array>" +
           programArguments + "</array>\n" + extra +
           "<key>RunAtLoad</key><true/>\n</dict>\n</plist>\n";
}

} // namespace

class TestLaunchAgentAutostart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void enableWritesPlist_data();
    void enableWritesPlist();
    void disabledAgentIsLeftAlone();
    void foreignAgentIsLeftAlone();
    void programKeyIsRead();
    void administratorAgent();
    void unwritableFolder();

private:
    AutostartOptions options(const QString &executable = QStringLiteral(
                                 "/Applications/Stowaway.app/Contents/MacOS/stowaway"));
    QString agentFile() const
    {
        return m_dir->filePath("LaunchAgents/org.stowaway.Stowaway.plist");
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLaunchAgentAutostart::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

AutostartOptions TestLaunchAgentAutostart::options(const QString &executable)
{
    AutostartOptions o;
    o.executable = executable;
    o.launchAgentsDir = m_dir->filePath("LaunchAgents");
    o.systemLaunchAgentsDir = m_dir->filePath("SystemLaunchAgents");
    return o;
}

void TestLaunchAgentAutostart::enableWritesPlist_data()
{
    QTest::addColumn<QString>("executable");
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("an app bundle")
        << "/Applications/Stowaway.app/Contents/MacOS/stowaway" << QStringList{"--tray"};
    QTest::newRow("spaces and XML specials")
        << "/Users/me/My <Apps> & \"Tools\"/Stowaway's.app/Contents/MacOS/stowaway"
        << QStringList{"--tray", "--mirror", "/Volumes/Crates & Co"};
    QTest::newRow("percent and non-ASCII") << "/Users/jörg/100%/stowaway" << QStringList{};
}

void TestLaunchAgentAutostart::enableWritesPlist()
{
    QFETCH(QString, executable);
    QFETCH(QStringList, arguments);
    AutostartOptions o = options(executable);
    o.arguments = arguments;
    LaunchAgentAutostart autostart(o);
    QCOMPARE(autostart.agentFile(), agentFile());
    QVERIFY(!autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());

    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QCOMPARE(readAll(agentFile()), autostart.plist());
    QCOMPARE(QDir(m_dir->filePath("LaunchAgents")).entryList(QDir::Files | QDir::Hidden),
             QStringList{"org.stowaway.Stowaway.plist"});

    // An independent plist reader sees what launchd would.
    const QString python = QStandardPaths::findExecutable("python3");
    QVERIFY2(!python.isEmpty(), "python3 is missing (scripts/setup.sh installs it)");
    QProcess reader;
    reader.start(python, {"-c",
                          "import json, plistlib, sys\n"
                          "with open(sys.argv[1], 'rb') as f:\n"
                          "    print(json.dumps(plistlib.load(f)))\n",
                          agentFile()});
    QVERIFY(reader.waitForFinished(30000));
    QVERIFY2(reader.exitCode() == 0, reader.readAllStandardError().constData());
    const QJsonObject plist = QJsonDocument::fromJson(reader.readAllStandardOutput()).object();
    QCOMPARE(plist.value("Label").toString(), QString("org.stowaway.Stowaway"));
    QCOMPARE(plist.value("RunAtLoad").toBool(), true);
    QStringList programArguments;
    for (const QJsonValue &v : plist.value("ProgramArguments").toArray())
        programArguments += v.toString();
    QCOMPARE(programArguments, QStringList{executable} + arguments);

    QVERIFY(autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());
    QVERIFY(autostart.description().endsWith("/LaunchAgents/org.stowaway.Stowaway.plist"));

    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(agentFile()));
    QVERIFY(!autostart.isEnabled());
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
}

void TestLaunchAgentAutostart::disabledAgentIsLeftAlone()
{
    const QByteArray disabled =
        agentPlist("<string>/Applications/Stowaway.app/Contents/MacOS/stowaway</string>",
                   "<key>Disabled</key><true/>\n");
    QVERIFY(writeFile(agentFile(), disabled));
    LaunchAgentAutostart autostart(options());
    QVERIFY(!autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());
    QString error;
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QCOMPARE(readAll(agentFile()), disabled);
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QVERIFY(autostart.isEnabled());
}

void TestLaunchAgentAutostart::foreignAgentIsLeftAlone()
{
    // A nested dict's "Disabled" key (above) must not be read as the agent's own.
    const QByteArray foreign =
        agentPlist("<string>/Applications/Other.app/Contents/MacOS/other</string>");
    QVERIFY(writeFile(agentFile(), foreign));
    LaunchAgentAutostart autostart(options());
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.isManagedElsewhere());
    QString error;
    QVERIFY(!autostart.setEnabled(true, &error));
    QVERIFY2(error.contains(agentFile()) && error.contains("/Applications/Other.app"),
             qPrintable(error));
    QCOMPARE(readAll(agentFile()), foreign);
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QCOMPARE(readAll(agentFile()), foreign);
}

void TestLaunchAgentAutostart::programKeyIsRead()
{
    // launchd runs Program when it is there; ProgramArguments then only supplies argv.
    QVERIFY(
        writeFile(agentFile(), agentPlist("<string>ignored</string>",
                                          "<key>Program</key><string>/Applications/Stowaway.app/"
                                          "Contents/MacOS/stowaway</string>\n")));
    LaunchAgentAutostart autostart(options());
    QVERIFY(autostart.isEnabled());
}

void TestLaunchAgentAutostart::administratorAgent()
{
    const QString systemFile = m_dir->filePath("SystemLaunchAgents/org.stowaway.Stowaway.plist");
    QVERIFY(writeFile(
        systemFile,
        agentPlist("<string>/Applications/Stowaway.app/Contents/MacOS/stowaway</string>")));
    LaunchAgentAutostart autostart(options());
    QVERIFY(autostart.isEnabled());
    QVERIFY(autostart.isManagedElsewhere());
    QVERIFY(autostart.description().contains(systemFile));
    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error)); // already does it
    QVERIFY(!QFileInfo::exists(agentFile()));                        // no second job
    QVERIFY(!autostart.setEnabled(false, &error));
    QVERIFY2(error.contains(systemFile) && error.contains("administrator"), qPrintable(error));
}

void TestLaunchAgentAutostart::unwritableFolder()
{
    // Tests run as root; a file where the folder must be stops the write where chmod would not.
    QVERIFY(writeFile(m_dir->filePath("LaunchAgents"), "in the way\n"));
    LaunchAgentAutostart autostart(options());
    QString error;
    QVERIFY(!autostart.setEnabled(true, &error));
    QVERIFY2(error.contains("start at login") && error.contains("in the way"), qPrintable(error));
    QVERIFY(!autostart.isEnabled());
}

QTEST_GUILESS_MAIN(TestLaunchAgentAutostart)
#include "tst_launchagentautostart.moc"

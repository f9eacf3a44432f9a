// SPDX-License-Identifier: GPL-3.0-or-later
// The Linux implementation (XdgAutostart) behind Autostart::create, in a temporary XDG folder.
#include "autostart.h"
#include "desktopentry.h"
#include "xdgautostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
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

QString keyValue(const QByteArray &content, const QString &key)
{
    return DesktopEntry::readGroup(content).value(key);
}

} // namespace

class TestAutostart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void enableWritesEntry_data();
    void enableWritesEntry();
    void factoryIsTheXdgOne();
    void userTurnedItOff_data();
    void userTurnedItOff();
    void foreignEntryIsLeftAlone();
    void recognisesOwnEntry_data();
    void recognisesOwnEntry();
    void appImageIsHonoured();
    void missingFoldersAreCreated();
    void unwritableFolder_data();
    void unwritableFolder();
    void administratorEntry();
    void flatpakNeedsPortal();
    void defaultsFollowTheEnvironment();

private:
    AutostartOptions options(const QString &executable = QStringLiteral("/opt/stowaway/stowaway"));
    QString entryFile() const { return m_dir->filePath("config/autostart/stowaway.desktop"); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAutostart::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

AutostartOptions TestAutostart::options(const QString &executable)
{
    AutostartOptions o;
    o.executable = executable;
    o.configRoot = m_dir->filePath("config");
    o.systemConfigDirs = QStringList{};
    o.flatpakInfoFile = m_dir->filePath("no-flatpak-info");
    return o;
}

void TestAutostart::enableWritesEntry_data()
{
    QTest::addColumn<QString>("executable");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("exec"); // the Exec= value expected in the file

    QTest::newRow("a plain path") << "/opt/stowaway/stowaway" << QStringList{"--tray"}
                                  << "/opt/stowaway/stowaway --tray";
    QTest::newRow("a path with spaces") << "/home/u/My Apps/stowaway" << QStringList{"--tray"}
                                        << "\"/home/u/My Apps/stowaway\" --tray";
    QTest::newRow("a path with a percent sign")
        << "/opt/100%/stowaway" << QStringList{"--tray"} << "/opt/100%%/stowaway --tray";
    QTest::newRow("a path with double quotes")
        << "/opt/the \"best\" app/stowaway" << QStringList{"--tray"}
        << "\"/opt/the \\\\\"best\\\\\" app/stowaway\" --tray";
    QTest::newRow("a path with a backslash") << "/opt/back\\slash/stowaway" << QStringList{"--tray"}
                                             << "\"/opt/back\\\\\\\\slash/stowaway\" --tray";
    QTest::newRow("several arguments, one with a space")
        << "/usr/bin/stowaway" << QStringList{"--tray", "--mirror", "/srv/crates mirror"}
        << "/usr/bin/stowaway --tray --mirror \"/srv/crates mirror\"";
    QTest::newRow("no arguments") << "/usr/bin/stowaway" << QStringList{} << "/usr/bin/stowaway";
}

void TestAutostart::enableWritesEntry()
{
    QFETCH(QString, executable);
    QFETCH(QStringList, arguments);
    QFETCH(QString, exec);

    AutostartOptions o = options(executable);
    o.arguments = arguments;
    XdgAutostart autostart(o);
    QCOMPARE(autostart.entryFile(), entryFile());
    QVERIFY(!autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());

    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    const QByteArray content = readAll(entryFile());
    QVERIFY(content.startsWith("[Desktop Entry]\n"));
    QCOMPARE(keyValue(content, "Type"), QString("Application"));
    QCOMPARE(keyValue(content, "Name"), QString("Stowaway"));
    QCOMPARE(keyValue(content, "Exec"), exec);
    QCOMPARE(keyValue(content, "Icon"), QString("stowaway"));
    QCOMPARE(keyValue(content, "Terminal"), QString("false"));
    QCOMPARE(keyValue(content, "X-GNOME-Autostart-Delay"), QString("5"));
    QCOMPARE(keyValue(content, "X-GNOME-Autostart-enabled"), QString("true"));
    QVERIFY(!keyValue(content, "Comment").isEmpty());
    QCOMPARE(DesktopEntry::splitExec(keyValue(content, "Exec")),
             QStringList{executable} + arguments);
    // Nothing but the entry is left in the folder (no temp file).
    QCOMPARE(QDir(QFileInfo(entryFile()).absolutePath()).entryList(QDir::Files | QDir::Hidden),
             QStringList{"stowaway.desktop"});

    // The freedesktop.org validator agrees with the quoting.
    const QString validator = QStandardPaths::findExecutable("desktop-file-validate");
    QVERIFY2(!validator.isEmpty(), "desktop-file-validate is missing: install desktop-file-utils "
                                   "(scripts/setup.sh lists it)");
    QProcess validate;
    validate.start(validator, {entryFile()});
    QVERIFY(validate.waitForFinished(30000));
    const QByteArray output = validate.readAllStandardOutput() + validate.readAllStandardError();
    QVERIFY2(validate.exitStatus() == QProcess::NormalExit && validate.exitCode() == 0,
             output.constData());
    QVERIFY2(output.isEmpty(), output.constData());

    QVERIFY(autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());
    QVERIFY(autostart.description().endsWith("/config/autostart/stowaway.desktop"));

    // Enabling twice is fine and writes the same thing.
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QCOMPARE(readAll(entryFile()), content);

    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(entryFile()));
    QVERIFY(!autostart.isEnabled());
    // Turning off what is already off succeeds.
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
}

void TestAutostart::factoryIsTheXdgOne()
{
    const std::unique_ptr<Autostart> autostart = Autostart::create(options());
    QVERIFY(dynamic_cast<XdgAutostart *>(autostart.get()));
    QString error;
    QVERIFY2(autostart->setEnabled(true, &error), qPrintable(error));
    QVERIFY(QFileInfo::exists(entryFile()));
    QVERIFY(autostart->isEnabled());
}

void TestAutostart::userTurnedItOff_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("Hidden=true") << QByteArray("Hidden=true\n");
    QTest::newRow("GNOME's own switch") << QByteArray("X-GNOME-Autostart-enabled=false\n");
}

void TestAutostart::userTurnedItOff()
{
    QFETCH(QByteArray, line);
    XdgAutostart autostart(options());
    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    // The user (or their desktop's settings) turns it off by editing our entry.
    QByteArray content = readAll(entryFile());
    content.replace("X-GNOME-Autostart-enabled=true\n", "");
    content += line;
    QVERIFY(writeFile(entryFile(), content));

    QVERIFY(!autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QCOMPARE(readAll(entryFile()), content); // respected: not removed, not changed

    // Asking for it again in our settings replaces the override.
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QVERIFY(autostart.isEnabled());
    QCOMPARE(readAll(entryFile()), autostart.entryContent());
}

void TestAutostart::foreignEntryIsLeftAlone()
{
    const QByteArray foreign = "[Desktop Entry]\nType=Application\nName=Other\n"
                               "Exec=/usr/bin/other-app --background\n";
    QVERIFY(writeFile(entryFile(), foreign));
    XdgAutostart autostart(options());
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.isManagedElsewhere());

    QString error;
    QVERIFY(!autostart.setEnabled(true, &error));
    QVERIFY2(error.contains(entryFile()) && error.contains("/usr/bin/other-app") &&
                 error.contains("/opt/stowaway/stowaway"),
             qPrintable(error));
    QCOMPARE(readAll(entryFile()), foreign);

    error.clear();
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QCOMPARE(readAll(entryFile()), foreign);
    QVERIFY(!autostart.isEnabled());
}

void TestAutostart::recognisesOwnEntry_data()
{
    QTest::addColumn<QString>("executable");
    QTest::addColumn<QByteArray>("exec");
    const QString sh = QStandardPaths::findExecutable("sh");
    QTest::newRow("a bare name found on PATH") << sh << QByteArray("sh --tray");
    QTest::newRow("a quoted path with a field code")
        << "/opt/my apps/stowaway" << QByteArray("\"/opt/my apps/stowaway\" %U");
    QTest::newRow("a path with redundant parts")
        << "/opt/stowaway/stowaway" << QByteArray("/opt/./stowaway//stowaway --tray");
}

void TestAutostart::recognisesOwnEntry()
{
    QFETCH(QString, executable);
    QFETCH(QByteArray, exec);
    QVERIFY(
        writeFile(entryFile(), "[Desktop Entry]\nType=Application\nName=S\nExec=" + exec + "\n"));
    XdgAutostart autostart(options(executable));
    QVERIFY(autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());
    QString error;
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(entryFile()));
}

void TestAutostart::appImageIsHonoured()
{
    const QByteArray saved = qgetenv("APPIMAGE");
    const QString appImage = m_dir->filePath("Apps/Stowaway x86_64.AppImage");
    qputenv("APPIMAGE", appImage.toUtf8());
    XdgAutostart autostart(options(QString()));
    if (saved.isNull())
        qunsetenv("APPIMAGE");
    else
        qputenv("APPIMAGE", saved);

    QCOMPARE(autostart.executable(), appImage);
    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QCOMPARE(DesktopEntry::splitExec(keyValue(readAll(entryFile()), "Exec")),
             (QStringList{appImage, "--tray"}));
    QVERIFY(autostart.isEnabled());

    // Without $APPIMAGE it is the running binary.
    qunsetenv("APPIMAGE");
    QCOMPARE(options(QString()).resolvedExecutable(), QCoreApplication::applicationFilePath());
    if (!saved.isNull())
        qputenv("APPIMAGE", saved);
}

void TestAutostart::missingFoldersAreCreated()
{
    AutostartOptions o = options();
    o.configRoot = m_dir->filePath("not/there/yet");
    XdgAutostart autostart(o);
    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QVERIFY(QFileInfo::exists(m_dir->filePath("not/there/yet/autostart/stowaway.desktop")));
    QVERIFY(autostart.isEnabled());
}

void TestAutostart::unwritableFolder_data()
{
    // Tests run as root, where permissions do not stop a write; a file where a folder must be does.
    QTest::addColumn<QString>("blocker");
    QTest::newRow("the autostart folder is a file") << "config/autostart";
    QTest::newRow("the config folder is a file") << "config";
}

void TestAutostart::unwritableFolder()
{
    QFETCH(QString, blocker);
    QVERIFY(writeFile(m_dir->filePath(blocker), "in the way\n"));
    XdgAutostart autostart(options());
    QString error;
    QVERIFY(!autostart.setEnabled(true, &error));
    QVERIFY2(error.contains("start at login") && error.contains(m_dir->filePath(blocker)) &&
                 error.contains("in the way"),
             qPrintable(error));
    QVERIFY(!autostart.isEnabled());
    QCOMPARE(readAll(m_dir->filePath(blocker)), QByteArray("in the way\n"));
    error.clear();
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
}

void TestAutostart::administratorEntry()
{
    const QString systemDir = m_dir->filePath("etc-xdg");
    const QString systemFile = systemDir + "/autostart/stowaway.desktop";
    AutostartOptions o = options();
    o.systemConfigDirs = QStringList{m_dir->filePath("empty"), systemDir};
    XdgAutostart autostart(o);
    QString error;

    // An administrator starts this very binary for everyone.
    QVERIFY(writeFile(systemFile, "[Desktop Entry]\nType=Application\nName=S\n"
                                  "Exec=/opt/stowaway/stowaway --tray\n"));
    QVERIFY(autostart.isEnabled());
    QVERIFY(autostart.isManagedElsewhere());
    QVERIFY2(autostart.description().contains(systemFile), qPrintable(autostart.description()));
    QVERIFY(!autostart.setEnabled(false, &error));
    QVERIFY2(error.contains(systemFile) && error.contains("administrator"), qPrintable(error));
    QVERIFY(QFileInfo::exists(systemFile));

    // The user's own Hidden=true entry turns it off for them (the spec's override).
    QVERIFY(writeFile(entryFile(), "[Desktop Entry]\nHidden=true\n"));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());
    QVERIFY(QFile::remove(entryFile()));

    // An administrator's entry for another program is not shadowed by ours.
    const QByteArray other = "[Desktop Entry]\nType=Application\nName=S\nExec=/usr/bin/other\n";
    QVERIFY(writeFile(systemFile, other));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.isManagedElsewhere());
    error.clear();
    QVERIFY(!autostart.setEnabled(true, &error));
    QVERIFY2(error.contains(systemFile), qPrintable(error));
    QVERIFY(!QFileInfo::exists(entryFile()));
    QCOMPARE(readAll(systemFile), other);
}

void TestAutostart::flatpakNeedsPortal()
{
    AutostartOptions o = options();
    o.flatpakInfoFile = m_dir->filePath(".flatpak-info");
    QVERIFY(writeFile(o.flatpakInfoFile, "[Application]\nname=org.stowaway.Stowaway\n"));
    XdgAutostart autostart(o);
    QVERIFY(autostart.isFlatpak());
    QVERIFY2(autostart.description().contains("Background portal"),
             qPrintable(autostart.description()));
    QString error;
    QVERIFY(!autostart.setEnabled(true, &error));
    QVERIFY2(error.contains("Flatpak") && error.contains("Background portal"), qPrintable(error));
    QVERIFY(!QFileInfo::exists(entryFile()));
    error.clear();
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
}

void TestAutostart::defaultsFollowTheEnvironment()
{
    // With no roots given, the entry follows $XDG_CONFIG_HOME (else ~/.config) and
    // administrators' entries follow $XDG_CONFIG_DIRS, like every XDG desktop.
    const QList<QByteArray> names = {"HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS"};
    QList<QByteArray> saved;
    for (const QByteArray &name : names)
        saved += qgetenv(name.constData());
    const auto restore = qScopeGuard([&] {
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (saved.at(i).isNull())
                qunsetenv(names.at(i).constData());
            else
                qputenv(names.at(i).constData(), saved.at(i));
        }
    });

    AutostartOptions o;
    o.executable = "/opt/stowaway/stowaway";
    o.flatpakInfoFile = m_dir->filePath("no-flatpak-info");
    qputenv("HOME", m_dir->filePath("home").toUtf8());
    qunsetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_DIRS", (m_dir->filePath("a") + ":" + m_dir->filePath("b")).toUtf8());
    {
        XdgAutostart autostart(o);
        QCOMPARE(autostart.entryFile(), m_dir->filePath("home/.config/autostart/stowaway.desktop"));
        QCOMPARE(autostart.description(), QString("~/.config/autostart/stowaway.desktop"));
        QVERIFY(
            writeFile(m_dir->filePath("b/autostart/stowaway.desktop"),
                      "[Desktop Entry]\nType=Application\nName=S\nExec=/opt/stowaway/stowaway\n"));
        QVERIFY(autostart.isEnabled());
        QVERIFY(autostart.isManagedElsewhere());
    }
    qputenv("XDG_CONFIG_HOME", m_dir->filePath("xdg").toUtf8());
    XdgAutostart autostart(o);
    QCOMPARE(autostart.entryFile(), m_dir->filePath("xdg/autostart/stowaway.desktop"));
}

QTEST_GUILESS_MAIN(TestAutostart)
#include "tst_autostart.moc"

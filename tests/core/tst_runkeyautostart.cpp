// SPDX-License-Identifier: GPL-3.0-or-later
// The Windows Run-key implementation. Off Windows, ini files in a temporary folder stand in for
// the HKCU and HKLM Run keys, so the quoting and the rules run here; the registry itself does not.
#include "runkeyautostart.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

class TestRunKeyAutostart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void quoteArgument_data();
    void quoteArgument();
    void programOf_data();
    void programOf();
    void enableWritesValue_data();
    void enableWritesValue();
    void foreignValueIsLeftAlone();
    void administratorValue();
    void administratorValueForAnotherProgram();

private:
    AutostartOptions options() const;
    QString userValue() const;
    void setValue(const QString &key, const QString &value) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRunKeyAutostart::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

AutostartOptions TestRunKeyAutostart::options() const
{
    AutostartOptions o;
    o.executable = "/Program Files/Stowaway/stowaway.exe";
    o.registryRoot = m_dir->filePath("hkcu-run.ini");
    o.machineRegistryRoot = m_dir->filePath("hklm-run.ini");
    return o;
}

QString TestRunKeyAutostart::userValue() const
{
    return QSettings(m_dir->filePath("hkcu-run.ini"), QSettings::IniFormat)
        .value("Stowaway")
        .toString();
}

void TestRunKeyAutostart::setValue(const QString &key, const QString &value) const
{
    QSettings settings(m_dir->filePath(key), QSettings::IniFormat);
    settings.setValue("Stowaway", value);
}

void TestRunKeyAutostart::quoteArgument_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain stays bare") << "--tray"
                                      << "--tray";
    QTest::newRow("backslashes alone stay bare") << "C:\\dir\\x"
                                                 << "C:\\dir\\x";
    QTest::newRow("a space quotes") << "a b"
                                    << "\"a b\"";
    QTest::newRow("empty is a pair of quotes") << ""
                                               << "\"\"";
    QTest::newRow("a quote is escaped") << "say \"hi\""
                                        << "\"say \\\"hi\\\"\"";
    QTest::newRow("backslashes before a quote are doubled") << "a\\\"b"
                                                            << "\"a\\\\\\\"b\"";
    QTest::newRow("a trailing backslash is doubled before the closing quote")
        << "C:\\my dir\\"
        << "\"C:\\my dir\\\\\"";
}

void TestRunKeyAutostart::quoteArgument()
{
    QFETCH(QString, argument);
    QFETCH(QString, quoted);
    QCOMPARE(RunKeyAutostart::quoteArgument(argument), quoted);
}

void TestRunKeyAutostart::programOf_data()
{
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("program");
    QTest::newRow("quoted") << "\"C:\\Program Files\\S\\s.exe\" --tray"
                            << "C:\\Program Files\\S\\s.exe";
    QTest::newRow("bare") << "C:\\S\\s.exe --tray"
                          << "C:\\S\\s.exe";
    QTest::newRow("bare, no arguments") << "C:\\S\\s.exe"
                                        << "C:\\S\\s.exe";
    QTest::newRow("leading spaces") << "  \"C:\\a b\\s.exe\""
                                    << "C:\\a b\\s.exe";
    QTest::newRow("unterminated quote") << "\"C:\\a b\\s.exe"
                                        << "";
}

void TestRunKeyAutostart::programOf()
{
    QFETCH(QString, commandLine);
    QFETCH(QString, program);
    QCOMPARE(RunKeyAutostart::programOf(commandLine), program);
}

void TestRunKeyAutostart::enableWritesValue_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("the tray flag")
        << QStringList{"--tray"} << "\"/Program Files/Stowaway/stowaway.exe\" --tray";
    QTest::newRow("an argument with a space")
        << QStringList{"--tray", "--mirror", "D:\\Crates Mirror"}
        << "\"/Program Files/Stowaway/stowaway.exe\" --tray --mirror \"D:\\Crates Mirror\"";
    QTest::newRow("no arguments") << QStringList{} << "\"/Program Files/Stowaway/stowaway.exe\"";
}

void TestRunKeyAutostart::enableWritesValue()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    AutostartOptions o = options();
    o.arguments = arguments;
    RunKeyAutostart autostart(o);
    QVERIFY(!autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());
    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QCOMPARE(userValue(), expected);
    QVERIFY(autostart.isEnabled());
    QVERIFY(!autostart.isManagedElsewhere());
    QVERIFY(autostart.description().endsWith("hkcu-run.ini\\Stowaway"));
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QVERIFY(userValue().isEmpty());
    QVERIFY(!autostart.isEnabled());
}

void TestRunKeyAutostart::foreignValueIsLeftAlone()
{
    const QString foreign = "\"/Program Files/Other/other.exe\" --background";
    setValue("hkcu-run.ini", foreign);
    RunKeyAutostart autostart(options());
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.isManagedElsewhere());
    QString error;
    QVERIFY(!autostart.setEnabled(true, &error));
    QVERIFY2(error.contains("/Program Files/Other/other.exe"), qPrintable(error));
    QCOMPARE(userValue(), foreign);
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QCOMPARE(userValue(), foreign);
}

void TestRunKeyAutostart::administratorValue()
{
    // Paths compare case-insensitively, as on NTFS.
    setValue("hklm-run.ini", "\"/program files/stowaway/STOWAWAY.EXE\" --tray");
    RunKeyAutostart autostart(options());
    QVERIFY(autostart.isEnabled());
    QVERIFY(autostart.isManagedElsewhere());
    QVERIFY(autostart.description().contains("hklm-run.ini"));
    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QVERIFY(userValue().isEmpty()); // no second start
    QVERIFY(!autostart.setEnabled(false, &error));
    QVERIFY2(error.contains("administrator") && error.contains("hklm-run.ini"), qPrintable(error));
}

void TestRunKeyAutostart::administratorValueForAnotherProgram()
{
    setValue("hklm-run.ini", "C:\\Other\\other.exe");
    RunKeyAutostart autostart(options());
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.isManagedElsewhere());
    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QVERIFY(autostart.isEnabled());
    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QVERIFY(userValue().isEmpty());
}

QTEST_GUILESS_MAIN(TestRunKeyAutostart)
#include "tst_runkeyautostart.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktopentry.h"

#include <QTest>

using namespace Stowaway;

class TestDesktopEntry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void execValue_data();
    void execValue();
    void splitExec_data();
    void splitExec();
    void escapeRoundTrip_data();
    void escapeRoundTrip();
    void readGroup();
    void isTrue();
};

void TestDesktopEntry::execValue_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected"); // exactly as it appears after `Exec=` in the file

    QTest::newRow("a plain path stays bare")
        << "/usr/bin/stowaway" << QStringList{"--tray"} << "/usr/bin/stowaway --tray";
    QTest::newRow("a space makes it quoted")
        << "/opt/My Apps/stowaway" << QStringList{"--tray"} << "\"/opt/My Apps/stowaway\" --tray";
    QTest::newRow("a percent sign is doubled")
        << "/opt/100%/stowaway" << QStringList{} << "/opt/100%%/stowaway";
    QTest::newRow("a percent sign inside quotes is doubled too")
        << "/opt/a b%/x" << QStringList{} << "\"/opt/a b%%/x\"";
    QTest::newRow("a double quote is escaped, then its backslash doubled")
        << "/opt/say \"hi\"/x" << QStringList{} << "\"/opt/say \\\\\"hi\\\\\"/x\"";
    QTest::newRow("a backslash takes four")
        << "/opt/a\\b/x" << QStringList{} << "\"/opt/a\\\\\\\\b/x\"";
    QTest::newRow("a dollar sign is escaped inside quotes")
        << "/opt/$HOME/x" << QStringList{} << "\"/opt/\\\\$HOME/x\"";
    QTest::newRow("a backtick is escaped inside quotes")
        << "/opt/a`b/x" << QStringList{} << "\"/opt/a\\\\`b/x\"";
    QTest::newRow("a single quote is quoted")
        << "/opt/it's/x" << QStringList{} << "\"/opt/it's/x\"";
    QTest::newRow("an empty argument is kept as a pair of quotes")
        << "/usr/bin/x" << QStringList{""} << "/usr/bin/x \"\"";
    QTest::newRow("arguments are quoted one by one")
        << "/usr/bin/x" << QStringList{"--name", "a b", "50%"} << "/usr/bin/x --name \"a b\" 50%%";
    QTest::newRow("a tilde would be expanded by a shell, so it is quoted")
        << "/opt/~x/y" << QStringList{} << "\"/opt/~x/y\"";
    QTest::newRow("non-ASCII is written as UTF-8 text")
        << "/opt/Programme/Stauraum-äöü/x" << QStringList{} << "/opt/Programme/Stauraum-äöü/x";
}

void TestDesktopEntry::execValue()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const QString value = DesktopEntry::execValue(program, arguments);
    QCOMPARE(value, expected);
    QCOMPARE(DesktopEntry::splitExec(value), QStringList{program} + arguments);
}

void TestDesktopEntry::splitExec_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("field codes are dropped")
        << "stowaway %U --tray" << QStringList{"stowaway", "--tray"};
    QTest::newRow("a field code inside a word goes, the word stays")
        << "stowaway --file=%f" << QStringList{"stowaway", "--file="};
    QTest::newRow("several spaces separate once") << "a   b\tc" << QStringList{"a", "b", "c"};
    QTest::newRow("\\s is a space, so it separates") << "a\\sb" << QStringList{"a", "b"};
    QTest::newRow("an unterminated quote is malformed") << "\"/opt/a b" << QStringList{};
    QTest::newRow("an unknown escape is kept") << "\"a\\\\qb\"" << QStringList{"a\\qb"};
    QTest::newRow("empty") << "" << QStringList{};
}

void TestDesktopEntry::splitExec()
{
    QFETCH(QString, raw);
    QFETCH(QStringList, expected);
    QCOMPARE(DesktopEntry::splitExec(raw), expected);
}

void TestDesktopEntry::escapeRoundTrip_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("plain") << "Stowaway"
                           << "Stowaway";
    QTest::newRow("backslash") << "a\\b"
                               << "a\\\\b";
    QTest::newRow("newline and tab") << "a\nb\tc"
                                     << "a\\nb\\tc";
    QTest::newRow("carriage return") << "a\rb"
                                     << "a\\rb";
}

void TestDesktopEntry::escapeRoundTrip()
{
    QFETCH(QString, value);
    QFETCH(QString, escaped);
    QCOMPARE(DesktopEntry::escapeValue(value), escaped);
    QCOMPARE(DesktopEntry::unescapeValue(escaped), value);
}

void TestDesktopEntry::readGroup()
{
    const QByteArray content = "# a comment\n"
                               "[Desktop Entry]\n"
                               "Type=Application\n"
                               "Name = Stowaway \n"
                               "Name[de]=Stauraum\r\n"
                               "Exec=/usr/bin/stowaway --tray\n"
                               "Exec=/usr/bin/second\n"
                               "not a key line\n"
                               "[Desktop Action quit]\n"
                               "Exec=/usr/bin/stowaway --quit\n"
                               "Hidden=true\n";
    const QHash<QString, QString> keys = DesktopEntry::readGroup(content);
    QCOMPARE(keys.value("Type"), QString("Application"));
    QCOMPARE(keys.value("Name"), QString("Stowaway"));
    QCOMPARE(keys.value("Name[de]"), QString("Stauraum"));
    QCOMPARE(keys.value("Exec"), QString("/usr/bin/stowaway --tray"));
    QVERIFY(!keys.contains("Hidden"));
    QCOMPARE(keys.size(), 4);
}

void TestDesktopEntry::isTrue()
{
    QVERIFY(DesktopEntry::isTrue("true"));
    QVERIFY(DesktopEntry::isTrue("1"));
    QVERIFY(!DesktopEntry::isTrue("false"));
    QVERIFY(!DesktopEntry::isTrue("True"));
    QVERIFY(!DesktopEntry::isTrue(""));
}

QTEST_GUILESS_MAIN(TestDesktopEntry)
#include "tst_desktopentry.moc"

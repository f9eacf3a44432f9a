// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargoconfigtext.h"

#include <QTest>

using namespace Stowaway;
using Line = CargoConfigText::Line;

namespace {

/// One letter per line: b blank, c comment, t table, a array table, k key/value,
/// . continuation; key/values and headers followed by their key path in brackets.
QString describe(const CargoConfigText &text)
{
    QStringList parts;
    for (const Line &line : text.lines) {
        static const char kinds[] = "bctak.";
        QString part{QLatin1Char(kinds[line.kind])};
        if (line.kind == Line::Table || line.kind == Line::ArrayTable ||
            line.kind == Line::KeyValue)
            part += QLatin1Char('(') + line.keyPath.join(QLatin1Char('/')) + QLatin1Char(')');
        parts << part;
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestCargoConfigText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lexes_data();
    void lexes();
    void keepsBytes_data();
    void keepsBytes();
    void keyDetails();
};

void TestCargoConfigText::lexes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << "";
    QTest::newRow("table and key") << QByteArray("[source.crates-io]\nreplace-with = \"x\"\n")
                                   << "t(source/crates-io) k(source/crates-io/replace-with)";
    QTest::newRow("comment and blank") << QByteArray("# hi\n\n  \t\n") << "c b b";
    QTest::newRow("dotted key at root")
        << QByteArray("source.crates-io.replace-with = 'v'") << "k(source/crates-io/replace-with)";
    QTest::newRow("quoted keys") << QByteArray("[ source . \"crates-io\" ]\n'replace-with' = 1\n")
                                 << "t(source/crates-io) k(source/crates-io/replace-with)";
    QTest::newRow("escaped quoted key")
        << QByteArray("[source]\n\"crates\\u002Dio\".x = 1\n") << "t(source) k(source/crates-io/x)";
    QTest::newRow("array of tables")
        << QByteArray("[[bin]]\nname = \"a\"\n") << "a(bin) k(bin/name)";
    QTest::newRow("header inside multi-line basic string")
        << QByteArray("a = \"\"\"\n[source.crates-io]\n\"\"\"\n[b]\n") << "k(a) . . t(b)";
    QTest::newRow("header inside multi-line literal string")
        << QByteArray("a = '''\n[source]\n'''\nb = 1\n") << "k(a) . . k(b)";
    QTest::newRow("quotes closing a multi-line string")
        << QByteArray("a = \"\"\"x\n\"\"\"\"\"\nb = 1\n") << "k(a) . k(b)";
    QTest::newRow("escaped quote inside multi-line string")
        << QByteArray("a = \"\"\"x\\\"\"\"\n[t]\n\"\"\"\nb = 1\n") << "k(a) . . k(b)";
    QTest::newRow("multi-line array with comments")
        << QByteArray("a = [\n  \"[x]\", # ]\n  ']',\n]\nb = 1\n") << "k(a) . . . k(b)";
    QTest::newRow("string with hash") << QByteArray("a = \"# [\"\nb = 2\n") << "k(a) k(b)";
    QTest::newRow("inline table") << QByteArray("source = { x = { y = 1 } }\n[t]\n")
                                  << "k(source) t(t)";
    QTest::newRow("crlf") << QByteArray("[a]\r\nb = 1\r\n") << "t(a) k(a/b)";
}

void TestCargoConfigText::lexes()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const CargoConfigText text = CargoConfigText::parse(input);
    QCOMPARE(describe(text), expected);
    QCOMPARE(text.toBytes(), input);
}

void TestCargoConfigText::keepsBytes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("eol");
    QTest::addColumn<int>("lines");
    QTest::newRow("lf") << QByteArray("a = 1\nb = 2\n") << QByteArray("\n") << 2;
    QTest::newRow("crlf") << QByteArray("a = 1\r\nb = 2\r\n") << QByteArray("\r\n") << 2;
    QTest::newRow("no final newline") << QByteArray("a = 1\nb = 2") << QByteArray("\n") << 2;
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF# x\r\n") << QByteArray("\r\n") << 1;
    QTest::newRow("bom only") << QByteArray("\xEF\xBB\xBF") << QByteArray("\n") << 0;
    QTest::newRow("mixed endings") << QByteArray("a = 1\nb = 2\r\n\n") << QByteArray("\n") << 3;
    QTest::newRow("trailing spaces") << QByteArray("a = 1  \t\n  \n") << QByteArray("\n") << 2;
}

void TestCargoConfigText::keepsBytes()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, eol);
    QFETCH(int, lines);
    const CargoConfigText text = CargoConfigText::parse(input);
    QCOMPARE(text.toBytes(), input);
    QCOMPARE(text.eol, eol);
    QCOMPARE(text.lines.size(), lines);
    QCOMPARE(text.bom.isEmpty(), !input.startsWith("\xEF\xBB\xBF"));
}

void TestCargoConfigText::keyDetails()
{
    const CargoConfigText text = CargoConfigText::parse(
        "[source]\n\t crates-io . replace-with = \"v\" # c\nx = \"\"\"\n\"\"\"\n");
    QCOMPARE(text.lines.size(), 4);
    const Line &key = text.lines.at(1);
    QCOMPARE(key.indent, QByteArray("\t "));
    QCOMPARE(key.keyText, QByteArray("crates-io . replace-with"));
    QCOMPARE(key.statementLines, 1);
    QCOMPARE(text.lines.at(2).statementLines, 2);
    QCOMPARE(text.lines.at(0).terminator, QByteArray("\n"));
}

QTEST_GUILESS_MAIN(TestCargoConfigText)
#include "tst_cargoconfigtext.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "indexpath.h"

#include <QTest>

using namespace Stowaway;

class TestIndexPath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void relativePath_data();
    void relativePath();
    void crateNameFromPath_data();
    void crateNameFromPath();
    void canonicalName_data();
    void canonicalName();
    void validVersion_data();
    void validVersion();
};

void TestIndexPath::relativePath_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("path");
    QTest::newRow("one letter") << "a"
                                << "1/a";
    QTest::newRow("two letters") << "ab"
                                 << "2/ab";
    QTest::newRow("three letters") << "abc"
                                   << "3/a/abc";
    QTest::newRow("four letters") << "cargo"
                                  << "ca/rg/cargo";
    QTest::newRow("upper case is lowered") << "MyCrate"
                                           << "my/cr/mycrate";
    QTest::newRow("dash kept") << "serde-json"
                               << "se/rd/serde-json";
    QTest::newRow("underscore kept") << "a_b"
                                     << "3/a/a_b";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("slash is invalid") << "a/b"
                                      << "";
    QTest::newRow("dot is invalid") << ".."
                                    << "";
    QTest::newRow("too long") << QString(65, QLatin1Char('a')) << "";
    QTest::newRow("non-ascii") << QString::fromUtf8("caf\xc3\xa9") << "";
}

void TestIndexPath::relativePath()
{
    QFETCH(QString, name);
    QFETCH(QString, path);
    QCOMPARE(IndexPath::relativePath(name), path);
}

void TestIndexPath::crateNameFromPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("name");
    QTest::newRow("four+") << "se/rd/serde"
                           << "serde";
    QTest::newRow("three") << "3/l/log"
                           << "log";
    QTest::newRow("two") << "2/cc"
                         << "cc";
    QTest::newRow("one") << "1/a"
                         << "a";
    QTest::newRow("wrong prefix") << "ab/cd/serde"
                                  << "";
    QTest::newRow("upper case path") << "Se/rd/Serde"
                                     << "";
    QTest::newRow("upper case name") << "se/rd/Serde"
                                     << "";
    QTest::newRow("wrong length dir") << "3/serde"
                                      << "";
    QTest::newRow("traversal") << "../../etc/passwd"
                               << "";
    QTest::newRow("no dirs") << "serde"
                             << "";
    QTest::newRow("trailing slash") << "se/rd/serde/"
                                    << "";
    QTest::newRow("extra depth") << "x/se/rd/serde"
                                 << "";
}

void TestIndexPath::crateNameFromPath()
{
    QFETCH(QString, path);
    QFETCH(QString, name);
    QCOMPARE(IndexPath::crateNameFromPath(path), name);
}

void TestIndexPath::canonicalName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("dash to underscore") << "serde-json"
                                        << "serde_json";
    QTest::newRow("case folded") << "Serde_JSON"
                                 << "serde_json";
    QTest::newRow("plain") << "rand"
                           << "rand";
}

void TestIndexPath::canonicalName()
{
    QFETCH(QString, name);
    QFETCH(QString, canonical);
    QCOMPARE(IndexPath::canonicalName(name), canonical);
}

void TestIndexPath::validVersion_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "1.2.3" << true;
    QTest::newRow("pre-release") << "1.0.0-rc.1" << true;
    QTest::newRow("build metadata") << "0.5.2+5.3.0-patched" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("slash") << "1.0/../x" << false;
    QTest::newRow("dot dot") << "1..0" << false;
    QTest::newRow("leading letter") << "v1.0.0" << false;
    QTest::newRow("space") << "1.0 0" << false;
}

void TestIndexPath::validVersion()
{
    QFETCH(QString, version);
    QFETCH(bool, valid);
    QCOMPARE(IndexPath::isValidVersion(version), valid);
}

QTEST_GUILESS_MAIN(TestIndexPath)
#include "tst_indexpath.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "semverversion.h"

#include <QTest>

using namespace Stowaway;

class TestSemverVersion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void order_data();
    void order();
};

void TestSemverVersion::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("release") << "1.2.3" << true;
    QTest::newRow("zeros") << "0.0.0" << true;
    QTest::newRow("pre-release") << "1.0.0-alpha.1" << true;
    QTest::newRow("build metadata") << "0.5.2+5.3.0-patched" << true;
    QTest::newRow("pre and build") << "1.0.0-rc.1+build.5" << true;
    QTest::newRow("hyphen in pre") << "1.0.0-x-y-z.-" << true;
    QTest::newRow("build with leading zero is fine") << "1.0.0+001" << true;
    QTest::newRow("two numbers") << "1.2" << false;
    QTest::newRow("four numbers") << "1.2.3.4" << false;
    QTest::newRow("leading zero") << "01.2.3" << false;
    QTest::newRow("numeric pre with leading zero") << "1.2.3-01" << false;
    QTest::newRow("empty pre") << "1.2.3-" << false;
    QTest::newRow("empty pre identifier") << "1.2.3-a..b" << false;
    QTest::newRow("letters") << "a.b.c" << false;
    QTest::newRow("v prefix") << "v1.2.3" << false;
    QTest::newRow("space") << "1.2.3 " << false;
    QTest::newRow("empty") << "" << false;
}

void TestSemverVersion::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto version = SemverVersion::parse(text);
    QCOMPARE(version.has_value(), valid);
    if (valid)
        QCOMPARE(version->toString(), text);
}

void TestSemverVersion::order_data()
{
    QTest::addColumn<QString>("lower");
    QTest::addColumn<QString>("higher");
    // The chain from the SemVer 2.0 specification, section 11.
    QTest::newRow("alpha < alpha.1") << "1.0.0-alpha"
                                     << "1.0.0-alpha.1";
    QTest::newRow("alpha.1 < alpha.beta") << "1.0.0-alpha.1"
                                          << "1.0.0-alpha.beta";
    QTest::newRow("alpha.beta < beta") << "1.0.0-alpha.beta"
                                       << "1.0.0-beta";
    QTest::newRow("beta < beta.2") << "1.0.0-beta"
                                   << "1.0.0-beta.2";
    QTest::newRow("beta.2 < beta.11") << "1.0.0-beta.2"
                                      << "1.0.0-beta.11";
    QTest::newRow("beta.11 < rc.1") << "1.0.0-beta.11"
                                    << "1.0.0-rc.1";
    QTest::newRow("rc.1 < release") << "1.0.0-rc.1"
                                    << "1.0.0";
    QTest::newRow("patch") << "1.0.0"
                           << "1.0.1";
    QTest::newRow("minor beats patch") << "1.0.9"
                                       << "1.1.0";
    QTest::newRow("major beats minor") << "1.99.0"
                                       << "2.0.0";
    QTest::newRow("numeric not lexical") << "1.9.0"
                                         << "1.10.0";
    QTest::newRow("build breaks ties") << "1.0.0+a"
                                       << "1.0.0+b";
}

void TestSemverVersion::order()
{
    QFETCH(QString, lower);
    QFETCH(QString, higher);
    const auto a = SemverVersion::parse(lower);
    const auto b = SemverVersion::parse(higher);
    QVERIFY(a && b);
    QVERIFY(*a < *b);
    QVERIFY(*b > *a);
    QVERIFY(!(*a == *b));
    const bool buildOnly =
        lower.section(QLatin1Char('+'), 0, 0) == higher.section(QLatin1Char('+'), 0, 0);
    QCOMPARE(a->comparePrecedence(*b), buildOnly ? 0 : -1);
}

QTEST_GUILESS_MAIN(TestSemverVersion)
#include "tst_semverversion.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "semverreq.h"

#include <QTest>

using namespace Stowaway;

class TestSemverReq : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matches_data();
    void matches();
    void invalid_data();
    void invalid();
};

namespace {
void row(const char *req, const char *version, bool expected)
{
    const QByteArray name = QByteArray(req) + (expected ? " matches " : " rejects ") + version;
    QTest::newRow(name.constData())
        << QString::fromLatin1(req) << QString::fromLatin1(version) << expected;
}
} // namespace

void TestSemverReq::matches_data()
{
    QTest::addColumn<QString>("req");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("expected");

    // Caret requirements, as the cargo book's "Specifying Dependencies" lists them.
    row("^1.2.3", "1.2.3", true);
    row("^1.2.3", "1.9.0", true);
    row("^1.2.3", "1.2.2", false);
    row("^1.2.3", "2.0.0", false);
    row("1.2.3", "1.5.0", true); // a bare version is a caret requirement
    row("^1.2", "1.2.0", true);
    row("^1.2", "1.1.9", false);
    row("^1", "1.0.0", true);
    row("^1", "1.99.99", true);
    row("^1", "2.0.0", false);
    row("^0.2.3", "0.2.3", true);
    row("^0.2.3", "0.2.9", true);
    row("^0.2.3", "0.3.0", false);
    row("^0.2", "0.2.0", true);
    row("^0.2", "0.3.0", false);
    row("^0.0.3", "0.0.3", true);
    row("^0.0.3", "0.0.4", false);
    row("^0.0", "0.0.9", true);
    row("^0.0", "0.1.0", false);
    row("^0", "0.9.9", true);
    row("^0", "1.0.0", false);
    // Tilde requirements.
    row("~1.2.3", "1.2.3", true);
    row("~1.2.3", "1.2.9", true);
    row("~1.2.3", "1.3.0", false);
    row("~1.2", "1.2.0", true);
    row("~1.2", "1.3.0", false);
    row("~1", "1.9.0", true);
    row("~1", "2.0.0", false);
    row("~0.3", "0.3.7", true);
    row("~0.3", "0.4.0", false);
    // Wildcards.
    row("*", "0.0.1", true);
    row("*", "99.0.0", true);
    row("1.*", "1.0.0", true);
    row("1.*", "1.9.9", true);
    row("1.*", "2.0.0", false);
    row("1.2.*", "1.2.7", true);
    row("1.2.*", "1.3.0", false);
    row("1.x", "1.4.0", true);
    // Comparisons, alone and together.
    row(">= 1.2.0", "1.2.0", true);
    row(">= 1.2.0", "1.1.9", false);
    row("> 1", "1.9.9", false);
    row("> 1", "2.0.0", true);
    row("> 1.2", "1.2.9", false);
    row("> 1.2", "1.3.0", true);
    row("< 2", "1.9.9", true);
    row("< 2", "2.0.0", false);
    row("<= 1.2", "1.2.9", true);
    row("<= 1.2", "1.3.0", false);
    row("= 1.2.3", "1.2.3", true);
    row("= 1.2.3", "1.2.4", false);
    row("=1.0.3", "1.0.3", true);
    row("=1.2", "1.2.5", true);
    row("=1.2", "1.3.0", false);
    row(">=1, <1.5", "1.4.9", true);
    row(">=1, <1.5", "1.5.0", false);
    row(">= 1.2, < 1.5", "1.2.0", true);
    row(">= 1.2, < 1.5", "1.1.0", false);
    // Pre-releases match only when a comparator names their release with a pre-release.
    row("^1.0", "1.1.0-beta", false);
    row("*", "1.0.0-alpha", false);
    row(">=1.0.0-alpha", "1.0.0-beta", true);
    row(">=1.0.0-alpha", "1.0.1-beta", false);
    row(">=1.0.0-alpha", "1.0.1", true);
    row("^1.2.3-beta.2", "1.2.3-beta.3", true);
    row("^1.2.3-beta.2", "1.2.3-beta.1", false);
    row("^1.2.3-beta.2", "1.2.4-beta.1", false);
    row("^1.2.3-beta.2", "1.2.3", true);
    row("^1.2.3-beta.2", "1.5.0", true);
    row("=1.0.0-rc.1", "1.0.0-rc.1", true);
    row("< 2", "2.0.0-alpha", false);
    row("~1.2.3-alpha", "1.2.3-alpha.1", true);
    // Build metadata never changes matching.
    row("=0.5.2", "0.5.2+5.3.0-patched", true);
    row("^110.0.0", "110.0.0+1.1.0f", true);
}

void TestSemverReq::matches()
{
    QFETCH(QString, req);
    QFETCH(QString, version);
    QFETCH(bool, expected);
    QString error;
    const auto parsed = SemverReq::parse(req, &error);
    QVERIFY2(parsed, qPrintable(error));
    const auto v = SemverVersion::parse(version);
    QVERIFY(v);
    QCOMPARE(parsed->matches(*v), expected);
}

void TestSemverReq::invalid_data()
{
    QTest::addColumn<QString>("req");
    QTest::newRow("empty") << "";
    QTest::newRow("letters") << "abc";
    QTest::newRow("four numbers") << "1.2.3.4";
    QTest::newRow("leading zero") << "01.2";
    QTest::newRow("empty comparator") << "1.0,";
    QTest::newRow("operator alone") << ">=";
    QTest::newRow("number after wildcard") << "1.*.3";
    QTest::newRow("greater than wildcard") << ">*";
    QTest::newRow("pre-release on partial") << "1.2-beta";
}

void TestSemverReq::invalid()
{
    QFETCH(QString, req);
    QString error;
    QVERIFY(!SemverReq::parse(req, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestSemverReq)
#include "tst_semverreq.moc"

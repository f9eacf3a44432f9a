// SPDX-License-Identifier: GPL-3.0-or-later
#include "lantoken.h"

#include <QSet>
#include <QTest>

#include <cctype>

using namespace Stowaway;

class TestLanToken : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generatedTokensAreWellFormedAndDistinct();
    void accepts_data();
    void accepts();
    void emptyTokenAcceptsNothing();
    void isAcceptable_data();
    void isAcceptable();
};

void TestLanToken::generatedTokensAreWellFormedAndDistinct()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 200; ++i) {
        const LanToken token = LanToken::generate();
        const QByteArray value = token.value();
        QVERIFY(value.startsWith("stw_"));
        // 32 bytes in unpadded base64url: 43 characters.
        QCOMPARE(value.size(), 4 + 43);
        const QByteArray random = QByteArray::fromBase64(
            value.mid(4), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QCOMPARE(random.size(), 32);
        for (const char c : value.mid(4))
            QVERIFY2(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_',
                     value.constData());
        QVERIFY(LanToken::isAcceptable(value));
        QVERIFY(token.accepts(value));
        seen.insert(value);
    }
    QCOMPARE(seen.size(), 200);
}

void TestLanToken::accepts_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("accepted");
    const QByteArray t = "stw_0123456789abcdefABCDEF-_xyz";
    QTest::newRow("raw, as cargo sends it") << t << true;
    QTest::newRow("Bearer") << QByteArray("Bearer " + t) << true;
    QTest::newRow("bearer, lower case") << QByteArray("bearer " + t) << true;
    QTest::newRow("BEARER with extra spaces") << QByteArray("BEARER   " + t + "  ") << true;
    QTest::newRow("surrounding spaces") << QByteArray("  " + t + " ") << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("Bearer only") << QByteArray("Bearer ") << false;
    QTest::newRow("last byte differs") << QByteArray(t.chopped(1) + 'Z') << false;
    QTest::newRow("first byte differs") << QByteArray('S' + t.mid(1)) << false;
    QTest::newRow("prefix of the token") << t.left(t.size() - 1) << false;
    QTest::newRow("token plus more") << QByteArray(t + 'x') << false;
    QTest::newRow("case differs") << t.toUpper() << false;
    QTest::newRow("Basic scheme") << QByteArray("Basic " + t) << false;
    QTest::newRow("token with NUL after") << QByteArray(t + '\0') << false;
}

void TestLanToken::accepts()
{
    QFETCH(QByteArray, authorization);
    QFETCH(bool, accepted);
    const LanToken token(QByteArrayLiteral("stw_0123456789abcdefABCDEF-_xyz"));
    QCOMPARE(token.accepts(authorization), accepted);
}

void TestLanToken::emptyTokenAcceptsNothing()
{
    const LanToken none;
    QVERIFY(none.isEmpty());
    QVERIFY(!none.accepts(QByteArray()));
    QVERIFY(!none.accepts("Bearer "));
    QVERIFY(!none.accepts("anything"));
}

void TestLanToken::isAcceptable_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("generated") << LanToken::generate().value() << true;
    QTest::newRow("16 visible characters") << QByteArray(16, 'a') << true;
    QTest::newRow("15 characters") << QByteArray(15, 'a') << false;
    QTest::newRow("256 characters") << QByteArray(256, '~') << true;
    QTest::newRow("257 characters") << QByteArray(257, 'a') << false;
    QTest::newRow("space inside") << QByteArray("abcdefgh ijklmnop") << false;
    QTest::newRow("newline") << QByteArray("abcdefghijklmnop\n") << false;
    QTest::newRow("non-ASCII") << QByteArray("abcdefghijklmnop\xc3\xa9") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestLanToken::isAcceptable()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, acceptable);
    QCOMPARE(LanToken::isAcceptable(value), acceptable);
}

QTEST_APPLESS_MAIN(TestLanToken)
#include "tst_lantoken.moc"

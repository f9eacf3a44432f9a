// SPDX-License-Identifier: GPL-3.0-or-later
#include "requesttarget.h"

#include <QTest>

using namespace Stowaway;

class TestRequestTarget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void percentDecodeOnce();
};

void TestRequestTarget::accepted_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("root") << QByteArray("/") << QStringLiteral("/") << QByteArray();
    QTest::newRow("index file") << QByteArray("/index/se/rd/serde")
                                << QStringLiteral("/index/se/rd/serde") << QByteArray();
    QTest::newRow("query kept raw")
        << QByteArray("/a?b=%2F&c") << QStringLiteral("/a") << QByteArray("b=%2F&c");
    QTest::newRow("empty query") << QByteArray("/a?") << QStringLiteral("/a") << QByteArray();
    QTest::newRow("plus is not a space")
        << QByteArray("/a+b") << QStringLiteral("/a+b") << QByteArray();
    QTest::newRow("encoded plus") << QByteArray("/a%2bb") << QStringLiteral("/a+b") << QByteArray();
    QTest::newRow("UTF-8") << QByteArray("/caf%c3%a9") << QString::fromUtf8("/caf\xc3\xa9")
                           << QByteArray();
    QTest::newRow("dots inside names")
        << QByteArray("/a.b/..c/d..") << QStringLiteral("/a.b/..c/d..") << QByteArray();
    QTest::newRow("trailing slash")
        << QByteArray("/dir/") << QStringLiteral("/dir/") << QByteArray();
}

void TestRequestTarget::accepted()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, path);
    QFETCH(QByteArray, query);
    QString decodedPath;
    QByteArray decodedQuery;
    QByteArray reason;
    QVERIFY2(RequestTarget::parse(target, &decodedPath, &decodedQuery, &reason),
             reason.constData());
    QCOMPARE(decodedPath, path);
    QCOMPARE(decodedQuery, query);
}

void TestRequestTarget::refused_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("asterisk") << QByteArray("*");
    QTest::newRow("absolute-form") << QByteArray("http://evil/x");
    QTest::newRow("authority-form") << QByteArray("evil:443");
    QTest::newRow("dot-dot") << QByteArray("/a/../b");
    QTest::newRow("trailing dot-dot") << QByteArray("/a/..");
    QTest::newRow("dot") << QByteArray("/./a");
    QTest::newRow("encoded dot-dot") << QByteArray("/%2e%2e/a");
    QTest::newRow("encoded dot-dot and slash") << QByteArray("/%2E%2E%2Fa");
    QTest::newRow("dot-dot encoded slash") << QByteArray("/..%2fa");
    QTest::newRow("double-encoded") << QByteArray("/%252e%252e/a");
    QTest::newRow("backslash") << QByteArray("/a\\b");
    QTest::newRow("encoded backslash") << QByteArray("/a%5cb");
    QTest::newRow("double slash") << QByteArray("//a");
    QTest::newRow("encoded double slash") << QByteArray("/a/%2fb");
    QTest::newRow("NUL") << QByteArray("/a%00b");
    QTest::newRow("raw NUL") << QByteArray("/a\0b", 4);
    QTest::newRow("control") << QByteArray("/a%1fb");
    QTest::newRow("DEL") << QByteArray("/a%7fb");
    QTest::newRow("invalid UTF-8") << QByteArray("/a%ff");
    QTest::newRow("overlong UTF-8 dot") << QByteArray("/%c0%ae%c0%ae/a");
    QTest::newRow("UTF-16 surrogate in UTF-8") << QByteArray("/%ed%a0%80");
    QTest::newRow("bad escape") << QByteArray("/a%g0");
    QTest::newRow("truncated escape") << QByteArray("/a%4");
    QTest::newRow("raw space") << QByteArray("/a b");
    QTest::newRow("raw non-ASCII") << QByteArray("/caf\xc3\xa9");
    QTest::newRow("fragment") << QByteArray("/a#b");
    QTest::newRow("control in query") << QByteArray("/a?b\x01");
}

void TestRequestTarget::refused()
{
    QFETCH(QByteArray, target);
    QString path;
    QByteArray query;
    QByteArray reason;
    QVERIFY(!RequestTarget::parse(target, &path, &query, &reason));
    QVERIFY(!reason.isEmpty());
}

void TestRequestTarget::percentDecodeOnce()
{
    QByteArray out;
    QVERIFY(RequestTarget::percentDecode("%252e%41+", &out));
    QCOMPARE(out, QByteArray("%2eA+"));
    QVERIFY(!RequestTarget::percentDecode("%", &out));
    QVERIFY(!RequestTarget::percentDecode("%x1", &out));
}

QTEST_GUILESS_MAIN(TestRequestTarget)
#include "tst_requesttarget.moc"

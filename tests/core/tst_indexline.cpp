// SPDX-License-Identifier: GPL-3.0-or-later
#include "indexline.h"

#include <QTest>

using namespace Stowaway;

namespace {
const QByteArray cksumA = QByteArray(64, 'a');

QByteArray serdeLine()
{
    return QByteArray(
        R"j({"name":"serde","vers":"1.0.193","deps":[{"name":"serde_derive","req":"=1.0.193",)j"
        R"j("features":[],"optional":true,"default_features":true,"target":null,"kind":"normal"},)j"
        R"j({"name":"serde_derive","req":"^1","features":[],"optional":false,"default_features":)j"
        R"j(true,"target":"cfg(any())","kind":"normal"},{"name":"serde_derive","req":"^1",)j"
        R"j("features":[],"optional":false,"default_features":true,"target":null,"kind":"dev"}],)j"
        R"j("cksum":"25dd9975e68d0cb5aa1120c288333fc98731bd1dd12f561e468ea4728c042b89",)j"
        R"j("features":{"alloc":[],"default":["std"],"derive":["serde_derive"],"std":[]},)j"
        R"j("yanked":false,"links":null,"rust_version":"1.31"})j");
}
} // namespace

class TestIndexLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void dependencies();
    void renamedPackage();
    void longLine();
    void parseFile_data();
    void parseFile();
};

void TestIndexLine::parse_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("vers");
    QTest::addColumn<bool>("yanked");
    QTest::addColumn<int>("v");
    QTest::addColumn<QString>("links");
    QTest::addColumn<QString>("errorContains");

    QTest::newRow("crates.io serde") << serdeLine() << true << "serde"
                                     << "1.0.193" << false << 1 << ""
                                     << "";
    QTest::newRow("yanked, links, v2 features2")
        << QByteArray(R"j({"name":"openssl-sys","vers":"0.9.1","deps":[],"cksum":")j" + cksumA +
                      R"j(","features":{},"features2":{"vendored":["dep:openssl-src"]},)j"
                      R"j("yanked":true,"links":"openssl","v":2})j")
        << true << "openssl-sys"
        << "0.9.1" << true << 2 << "openssl"
        << "";
    QTest::newRow("original case kept, build metadata")
        << QByteArray(R"j({"name":"Inflector","vers":"0.11.4+meta","deps":[],"cksum":")j" + cksumA +
                      R"j("})j")
        << true << "Inflector"
        << "0.11.4+meta" << false << 1 << ""
        << "";
    QTest::newRow("unicode in other fields")
        << QByteArray(R"j({"name":"caf","vers":"1.0.0","deps":[],"cksum":")j" + cksumA +
                      R"j(","features":{"caf\u00e9":[]},"description":"Grüße ☕"})j")
        << true << "caf"
        << "1.0.0" << false << 1 << ""
        << "";
    QTest::newRow("trailing carriage return")
        << QByteArray(R"j({"name":"a","vers":"1.0.0","deps":[],"cksum":")j" + cksumA + "\"}\r")
        << true << "a"
        << "1.0.0" << false << 1 << ""
        << "";
    QTest::newRow("schema v3 skipped")
        << QByteArray(R"j({"name":"a","vers":"1.0.0","deps":[],"cksum":")j" + cksumA +
                      R"j(","v":3})j")
        << false << ""
        << "" << false << 0 << ""
        << "schema version";
    QTest::newRow("malformed json") << QByteArray(R"j({"name":"a","vers":)j") << false << ""
                                    << "" << false << 0 << ""
                                    << "not valid JSON";
    QTest::newRow("not an object") << QByteArray("[1,2]") << false << ""
                                   << "" << false << 0 << ""
                                   << "not a JSON object";
    QTest::newRow("missing vers") << QByteArray(R"j({"name":"a","deps":[],"cksum":")j" + cksumA +
                                                "\"}")
                                  << false << ""
                                  << "" << false << 0 << ""
                                  << "vers";
    QTest::newRow("missing deps") << QByteArray(R"j({"name":"a","vers":"1.0.0","cksum":")j" +
                                                cksumA + "\"}")
                                  << false << ""
                                  << "" << false << 0 << ""
                                  << "deps";
    QTest::newRow("missing cksum")
        << QByteArray(R"j({"name":"a","vers":"1.0.0","deps":[]})j") << false << ""
        << "" << false << 0 << ""
        << "cksum";
    QTest::newRow("short cksum") << QByteArray(
                                        R"j({"name":"a","vers":"1.0.0","deps":[],"cksum":"abc"})j")
                                 << false << ""
                                 << "" << false << 0 << ""
                                 << "cksum";
    QTest::newRow("version with slash")
        << QByteArray(R"j({"name":"a","vers":"1.0.0/../x","deps":[],"cksum":")j" + cksumA + "\"}")
        << false << ""
        << "" << false << 0 << ""
        << "vers";
    QTest::newRow("yanked not a bool")
        << QByteArray(R"j({"name":"a","vers":"1.0.0","deps":[],"yanked":"no","cksum":")j" + cksumA +
                      "\"}")
        << false << ""
        << "" << false << 0 << ""
        << "yanked";
    QTest::newRow("dependency without req")
        << QByteArray(R"j({"name":"a","vers":"1.0.0","deps":[{"name":"b"}],"cksum":")j" + cksumA +
                      "\"}")
        << false << ""
        << "" << false << 0 << ""
        << "req";
}

void TestIndexLine::parse()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, ok);
    QString error;
    const std::optional<IndexLine> parsed = IndexLine::parse(line, &error);
    QCOMPARE(parsed.has_value(), ok);
    if (!ok) {
        QFETCH(QString, errorContains);
        QVERIFY2(error.contains(errorContains), qPrintable(error));
        return;
    }
    QFETCH(QString, name);
    QFETCH(QString, vers);
    QFETCH(bool, yanked);
    QFETCH(int, v);
    QFETCH(QString, links);
    QCOMPARE(parsed->name, name);
    QCOMPARE(parsed->vers, vers);
    QCOMPARE(parsed->yanked, yanked);
    QCOMPARE(parsed->schemaVersion, v);
    QCOMPARE(parsed->links, links);
    QCOMPARE(parsed->cksum.size(), 64);
    QVERIFY(line.startsWith(parsed->raw));
}

void TestIndexLine::dependencies()
{
    const std::optional<IndexLine> parsed = IndexLine::parse(serdeLine());
    QVERIFY(parsed);
    QCOMPARE(parsed->cksum,
             QStringLiteral("25dd9975e68d0cb5aa1120c288333fc98731bd1dd12f561e468ea4728c042b89"));
    QCOMPARE(parsed->deps.size(), 3);
    const IndexDependency &optional = parsed->deps.at(0);
    QCOMPARE(optional.name, QStringLiteral("serde_derive"));
    QCOMPARE(optional.req, QStringLiteral("=1.0.193"));
    QVERIFY(optional.optional);
    QVERIFY(optional.defaultFeatures);
    QVERIFY(optional.target.isEmpty());
    QCOMPARE(optional.kind, QStringLiteral("normal"));
    QCOMPARE(parsed->deps.at(1).target, QStringLiteral("cfg(any())"));
    QCOMPARE(parsed->deps.at(2).kind, QStringLiteral("dev"));
}

void TestIndexLine::renamedPackage()
{
    const QByteArray line =
        R"j({"name":"x","vers":"0.1.0","deps":[{"name":"rand_old","req":"^0.7","features":)j"
        R"j(["small_rng","std"],"optional":true,"default_features":false,"target":)j"
        R"j("cfg(target_os = \"linux\")","kind":"build","registry":"https://example.org/index",)j"
        R"j("package":"rand"},{"name":"cc","req":"^1"}],"cksum":")j" +
        cksumA + "\"}";
    const std::optional<IndexLine> parsed = IndexLine::parse(line);
    QVERIFY(parsed);
    QCOMPARE(parsed->deps.size(), 2);
    const IndexDependency &renamed = parsed->deps.at(0);
    QCOMPARE(renamed.name, QStringLiteral("rand_old"));
    QCOMPARE(renamed.package, QStringLiteral("rand"));
    QCOMPARE(renamed.crateName(), QStringLiteral("rand"));
    QCOMPARE(renamed.features, QStringList({QStringLiteral("small_rng"), QStringLiteral("std")}));
    QVERIFY(renamed.optional);
    QVERIFY(!renamed.defaultFeatures);
    QCOMPARE(renamed.target, QStringLiteral("cfg(target_os = \"linux\")"));
    QCOMPARE(renamed.kind, QStringLiteral("build"));
    QCOMPARE(renamed.registry, QStringLiteral("https://example.org/index"));
    // Defaults applied where the line says nothing (cargo 1.84 defaults).
    const IndexDependency &plain = parsed->deps.at(1);
    QCOMPARE(plain.crateName(), QStringLiteral("cc"));
    QVERIFY(plain.features.isEmpty());
    QVERIFY(!plain.optional);
    QVERIFY(plain.defaultFeatures);
    QCOMPARE(plain.kind, QStringLiteral("normal"));
}

void TestIndexLine::longLine()
{
    QByteArray features;
    for (int i = 0; i < 20000; ++i)
        features += (i ? "," : "") + QByteArray("\"f") + QByteArray::number(i) + "\":[]";
    const QByteArray line = R"j({"name":"big","vers":"1.0.0","deps":[],"cksum":")j" + cksumA +
                            R"j(","features":{)j" + features + "}}";
    QVERIFY(line.size() > 200000);
    const std::optional<IndexLine> parsed = IndexLine::parse(line);
    QVERIFY(parsed);
    QCOMPARE(parsed->raw, line);
}

void TestIndexLine::parseFile_data()
{
    const QByteArray good1 = R"j({"name":"a","vers":"1.0.0","deps":[],"cksum":")j" + cksumA + "\"}";
    const QByteArray good2 =
        R"j({"name":"a","vers":"1.1.0", "deps":[] ,"cksum":")j" + cksumA + R"j(","yanked":true})j";
    const QByteArray future =
        R"j({"name":"a","vers":"2.0.0","deps":[],"cksum":")j" + cksumA + R"j(","v":3})j";
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QList<QByteArray>>("raw");
    QTest::addColumn<int>("skipped");
    QTest::newRow("empty") << QByteArray() << QList<QByteArray>{} << 0;
    QTest::newRow("two lines") << good1 + '\n' + good2 + '\n'
                               << QList<QByteArray>{good1, good2} << 0;
    QTest::newRow("no final newline")
        << good1 + '\n' + good2 << QList<QByteArray>{good1, good2} << 0;
    QTest::newRow("bad and future lines skipped")
        << good1 + "\n{broken\n" + future + '\n' + good2 + '\n'
        << QList<QByteArray>{good1, good2} << 2;
    QTest::newRow("blank lines ignored") << "\n" + good1 + "\n\n" << QList<QByteArray>{good1} << 0;
    QTest::newRow("CRLF kept in raw") << good1 + "\r\n" + good2 + "\r\n"
                                      << QList<QByteArray>{good1 + '\r', good2 + '\r'} << 0;
}

void TestIndexLine::parseFile()
{
    QFETCH(QByteArray, file);
    QFETCH(QList<QByteArray>, raw);
    QFETCH(int, skipped);
    const IndexLine::FileLines result = IndexLine::parseFile(file);
    QCOMPARE(result.skipped, skipped);
    QCOMPARE(result.problems.size(), skipped);
    QCOMPARE(result.lines.size(), raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        QCOMPARE(result.lines.at(i).raw, raw.at(i));
        // The byte range points at the line inside the file.
        QCOMPARE(file.mid(result.lines.at(i).offset, raw.at(i).size()), raw.at(i));
    }
}

QTEST_GUILESS_MAIN(TestIndexLine)
#include "tst_indexline.moc"

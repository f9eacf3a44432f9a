// SPDX-License-Identifier: GPL-3.0-or-later
#include "indexline.h"
#include "indexscanner.h"
#include "testregistry.h"

#include <QTest>

using namespace Stowaway;
using Stowaway::Testing::TestRegistry;

namespace {
const QByteArray cksumA = QByteArray(64, 'a');

QString fromView(std::string_view view)
{
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

/// Everything both parsers report about a file, as comparable text, one entry per line.
QStringList describeScanner(const QByteArray &file, IndexScanner::Fields fields, int *skipped)
{
    IndexScanner scanner(fields);
    QStringList out;
    *skipped = scanner.scan(file, [&](const ScannedLine &line) {
        QString text = fromView(line.name) + u' ' + fromView(line.vers) + u' ' +
                       fromView(line.cksum) +
                       (line.yanked ? QStringLiteral(" yanked") : QString()) +
                       QStringLiteral(" v%1 @%2 ").arg(line.schemaVersion).arg(line.offset) +
                       QString::fromUtf8(line.raw);
        for (const ScannedDependency &dep : line.deps)
            text += QStringLiteral(" [%1 %2 %3 %4 %5 %6 %7]")
                        .arg(fromView(dep.name), fromView(dep.req), fromView(dep.target),
                             fromView(dep.kind), fromView(dep.crateName()), fromView(dep.registry),
                             dep.optional ? QStringLiteral("opt") : QStringLiteral("req"));
        out.append(text);
    });
    return out;
}

QStringList describeIndexLine(const QByteArray &file, bool withDeps, int *skipped)
{
    const IndexLine::FileLines parsed = IndexLine::parseFile(file);
    *skipped = parsed.skipped;
    QStringList out;
    for (const IndexLine &line : parsed.lines) {
        QString text = line.name + u' ' + line.vers + u' ' + line.cksum +
                       (line.yanked ? QStringLiteral(" yanked") : QString()) +
                       QStringLiteral(" v%1 @%2 ").arg(line.schemaVersion).arg(line.offset) +
                       QString::fromUtf8(line.raw);
        if (withDeps) {
            for (const IndexDependency &dep : line.deps)
                text +=
                    QStringLiteral(" [%1 %2 %3 %4 %5 %6 %7]")
                        .arg(dep.name, dep.req, dep.target, dep.kind, dep.crateName(), dep.registry,
                             dep.optional ? QStringLiteral("opt") : QStringLiteral("req"));
        }
        out.append(text);
    }
    return out;
}

QByteArray line(const QByteArray &middle)
{
    return R"j({"name":"demo","vers":"1.0.0",)j" + middle + R"j(,"cksum":")j" + cksumA + "\"}";
}
} // namespace

class TestIndexScanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void agreesWithIndexLine_data();
    void agreesWithIndexLine();
    void registryFilesAgree();
    void summarySkipsDependencies();
    void countsBytes();
};

void TestIndexScanner::agreesWithIndexLine_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("usable");
    // The summary scan leaves `deps` unread: it only checks that it is a list.
    QTest::addColumn<bool>("badDependency");

    const QByteArray serde = QByteArray(
        R"j({"name":"serde","vers":"1.0.193","deps":[{"name":"serde_derive","req":"=1.0.193",)j"
        R"j("features":[],"optional":true,"default_features":true,"target":null,"kind":"normal"},)j"
        R"j({"name":"serde_derive","req":"^1","features":[],"optional":false,"default_features":)j"
        R"j(true,"target":"cfg(target_os = \"linux\")","kind":"normal"},{"name":"sd","req":"^1",)j"
        R"j("features":["x"],"optional":false,"default_features":true,"target":null,"kind":"dev",)j"
        R"j("package":"serde_derive"},{"name":"other","req":"*","registry":"https://x.invalid/"}],)j"
        R"j("cksum":"25dd9975e68d0cb5aa1120c288333fc98731bd1dd12f561e468ea4728c042b89",)j"
        R"j("features":{"alloc":[],"default":["std"],"deps":["serde_derive"],"std":[]},)j"
        R"j("yanked":false,"links":null,"rust_version":"1.31"})j");
    QTest::newRow("crates.io line with renamed, target and foreign deps") << serde << 1 << false;
    QTest::newRow("several lines, CRLF, blank lines, no final newline")
        << QByteArray(serde + "\r\n\n  \n" + serde + "\n" +
                      line(R"j("deps":[],"yanked":true,"v":2)j"))
        << 3 << false;
    QTest::newRow("v 3 is skipped") << line(R"j("deps":[],"v":3)j") << 0 << false;
    QTest::newRow("v null is v1") << line(R"j("deps":[],"v":null)j") << 1 << false;
    QTest::newRow("yanked null") << line(R"j("deps":[],"yanked":null)j") << 1 << false;
    QTest::newRow("deps missing") << line(R"j("yanked":false)j") << 0 << false;
    QTest::newRow("deps not a list") << line(R"j("deps":{})j") << 0 << false;
    QTest::newRow("bad cksum") << QByteArray(
                                      R"j({"name":"a","vers":"1.0.0","deps":[],"cksum":"ABC"})j")
                               << 0 << false;
    QTest::newRow("upper-case cksum")
        << QByteArray(R"j({"name":"a","vers":"1.0.0","deps":[],"cksum":")j" + QByteArray(64, 'A') +
                      "\"}")
        << 0 << false;
    QTest::newRow("cksum with a g at the end")
        << QByteArray(R"j({"name":"a","vers":"1.0.0","deps":[],"cksum":")j" + QByteArray(63, 'f') +
                      "g\"}")
        << 0 << false;
    QTest::newRow("bad name")
        << QByteArray(R"j({"name":"a b","vers":"1.0.0","deps":[],"cksum":")j" + cksumA + "\"}") << 0
        << false;
    QTest::newRow("bad version")
        << QByteArray(R"j({"name":"a","vers":"1..0","deps":[],"cksum":")j" + cksumA + "\"}") << 0
        << false;
    QTest::newRow("not JSON, then a good line")
        << QByteArray("{nope\n" + line(R"j("deps":[])j") + "\n") << 1 << false;
    QTest::newRow("not an object") << QByteArray("[1,2]\n") << 0 << false;
    QTest::newRow("yanked not a bool") << line(R"j("deps":[],"yanked":"no")j") << 0 << false;
    QTest::newRow("dependency without req") << line(R"j("deps":[{"name":"x"}])j") << 0 << true;
    QTest::newRow("empty file") << QByteArray() << 0 << false;
}

void TestIndexScanner::agreesWithIndexLine()
{
    QFETCH(QByteArray, file);
    QFETCH(int, usable);
    QFETCH(bool, badDependency);
    int expectedSkipped = 0;
    const QStringList expected = describeIndexLine(file, true, &expectedSkipped);
    int skipped = 0;
    const QStringList actual = describeScanner(file, IndexScanner::Fields::Dependencies, &skipped);
    QCOMPARE(actual, expected);
    QCOMPARE(skipped, expectedSkipped);
    QCOMPARE(actual.size(), usable);
    // The summary scan accepts and rejects the same lines, except that it does not look
    // inside dependency entries.
    const QStringList summary = describeScanner(file, IndexScanner::Fields::Summary, &skipped);
    if (badDependency) {
        QCOMPARE(summary.size(), 1);
        QCOMPARE(skipped, 0);
    } else {
        QCOMPARE(summary, describeIndexLine(file, false, &expectedSkipped));
        QCOMPARE(skipped, expectedSkipped);
    }
}

void TestIndexScanner::registryFilesAgree()
{
    // Every index file of the generator's corner-case registry and of a layered one.
    for (const TestRegistry &registry : {TestRegistry::small(), TestRegistry::layered(40)}) {
        for (const QString &name : registry.crateNames()) {
            const QByteArray file = registry.indexFile(name);
            int expectedSkipped = -1;
            int skipped = -1;
            QCOMPARE(describeScanner(file, IndexScanner::Fields::Dependencies, &skipped),
                     describeIndexLine(file, true, &expectedSkipped));
            QCOMPARE(skipped, 0);
            QCOMPARE(expectedSkipped, 0);
        }
    }
}

void TestIndexScanner::summarySkipsDependencies()
{
    IndexScanner scanner(IndexScanner::Fields::Summary);
    QCOMPARE(scanner.fields(), IndexScanner::Fields::Summary);
    qsizetype deps = -1;
    int lines = 0;
    scanner.scan(line(R"j("deps":[{"name":"x","req":"^1"}])j"), [&](const ScannedLine &l) {
        deps = qsizetype(l.deps.size());
        ++lines;
    });
    QCOMPARE(lines, 1);
    QCOMPARE(deps, 0);
}

void TestIndexScanner::countsBytes()
{
    IndexScanner scanner;
    const QByteArray a = line(R"j("deps":[])j") + '\n';
    const QByteArray b = "garbage\n";
    QCOMPARE(scanner.scan(a, [](const ScannedLine &) {}), 0);
    QCOMPARE(scanner.scan(b, [](const ScannedLine &) {}), 1);
    QCOMPARE(scanner.scannedBytes(), qint64(a.size() + b.size()));
}

QTEST_GUILESS_MAIN(TestIndexScanner)
#include "tst_indexscanner.moc"

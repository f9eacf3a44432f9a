// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorconfig.h"
#include "versionpolicy.h"

#include <QTest>

using namespace Stowaway;

namespace {

// "1.2.3" is a release, "1.2.3!" the same version yanked.
IndexLine line(const QString &spec)
{
    const bool yanked = spec.endsWith(QLatin1Char('!'));
    const QString vers = yanked ? spec.chopped(1) : spec;
    const QByteArray json = R"({"name":"demo","vers":")" + vers.toUtf8() +
                            R"(","deps":[],"cksum":")" + QByteArray(64, 'c') +
                            R"(","features":{},"yanked":)" + (yanked ? "true" : "false") + "}";
    QString error;
    const std::optional<IndexLine> parsed = IndexLine::parse(json, &error);
    if (!parsed)
        qFatal("bad test line %s: %s", json.constData(), qPrintable(error));
    return *parsed;
}

QList<IndexLine> lines(const QStringList &specs)
{
    QList<IndexLine> out;
    for (const QString &spec : specs)
        out.append(line(spec));
    return out;
}

const QStringList RandLike{"0.6.0", "0.6.5", "0.7.0", "0.7.3", "0.8.0", "0.8.4", "0.8.5"};
const QStringList Mixed{"0.0.1",  "0.0.2",  "0.1.0",        "0.1.9",  "0.2.0",
                        "0.2.1!", "1.0.0",  "1.4.2",        "1.5.0!", "2.0.0-beta.1",
                        "2.0.0",  "2.0.1!", "3.0.0-alpha.1"};

} // namespace

class TestVersionPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void select_data();
    void select();
    void compatibilityLine_data();
    void compatibilityLine();
    void unparseableVersionsIgnored();
};

void TestVersionPolicy::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("errorContains");

    QTest::newRow("newest") << "newest" << true << "newest"
                            << "";
    QTest::newRow("latest is newest") << "latest" << true << "newest"
                                      << "";
    QTest::newRow("all") << "all" << true << "all"
                         << "";
    QTest::newRow("lines:1") << "lines:1" << true << "lines:1"
                             << "";
    QTest::newRow("lines:3") << "lines:3" << true << "lines:3"
                             << "";
    QTest::newRow("lines:1000") << "lines:1000" << true << "lines:1000"
                                << "";
    QTest::newRow("spaces trimmed") << " all " << true << "all"
                                    << "";
    QTest::newRow("lines:0") << "lines:0" << false << ""
                             << "from 1 to 1000";
    QTest::newRow("lines:-2") << "lines:-2" << false << ""
                              << "from 1 to 1000";
    QTest::newRow("lines:1001") << "lines:1001" << false << ""
                                << "from 1 to 1000";
    QTest::newRow("lines:") << "lines:" << false << ""
                            << "whole number";
    QTest::newRow("lines:x") << "lines:x" << false << ""
                             << "whole number";
    QTest::newRow("empty") << "" << false << ""
                           << "not a version policy";
    QTest::newRow("upper case") << "NEWEST" << false << ""
                                << "\"newest\"";
    QTest::newRow("lines without count") << "lines" << false << ""
                                         << "lines:3";
}

void TestVersionPolicy::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, canonical);
    QFETCH(QString, errorContains);
    QString error;
    const std::optional<VersionPolicy> policy = VersionPolicy::parse(text, &error);
    QCOMPARE(policy.has_value(), ok);
    if (ok) {
        QCOMPARE(policy->toString(), canonical);
        QVERIFY(error.isEmpty());
        QCOMPARE(VersionPolicy::parse(policy->toString()), policy);
        // What a sync saves in mirror.toml passes its validator and reads back the same.
        QVERIFY2(MirrorConfig::checkVersions(policy->toString()).isEmpty(),
                 qPrintable(policy->toString()));
        QCOMPARE(VersionPolicy::parse(policy->toString()), policy);
    } else {
        QVERIFY2(error.contains(errorContains), qPrintable(error));
    }
}

void TestVersionPolicy::select_data()
{
    QTest::addColumn<QStringList>("versions");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QString>("req");
    QTest::addColumn<QStringList>("expected"); // newest first

    QTest::newRow("newest skips yanked and pre-release") << Mixed << "newest"
                                                         << "*" << QStringList{"2.0.0"};
    QTest::newRow("newest within a requirement") << Mixed << "newest"
                                                 << "^1" << QStringList{"1.4.2"};
    QTest::newRow("newest 0.x caret stays in its line") << Mixed << "newest"
                                                        << "^0.1" << QStringList{"0.1.9"};
    QTest::newRow("newest nothing matches") << Mixed << "newest"
                                            << "^9" << QStringList{};
    QTest::newRow("newest only yanked match") << Mixed << "newest"
                                              << "~1.5" << QStringList{};
    QTest::newRow("newest exact pin of a yanked version") << Mixed << "newest"
                                                          << "=1.5.0" << QStringList{"1.5.0"};
    QTest::newRow("exact pin through a range is not a pin") << Mixed << "newest"
                                                            << ">=1.5.0, <1.5.1" << QStringList{};
    QTest::newRow("newest pre-release when named")
        << Mixed << "newest"
        << ">=3.0.0-alpha.0" << QStringList{"3.0.0-alpha.1"};
    QTest::newRow("pre-release requirement prefers the release")
        << Mixed << "newest"
        << "^2.0.0-beta.1" << QStringList{"2.0.0"};
    QTest::newRow("newest in a history out of order")
        << QStringList{"1.2.0", "1.10.0", "1.9.0"} << "newest"
        << "*" << QStringList{"1.10.0"};

    QTest::newRow("lines:2 on rand-like history") << RandLike << "lines:2"
                                                  << "*" << QStringList{"0.8.5", "0.7.3"};
    QTest::newRow("lines:3 on rand-like history") << RandLike << "lines:3"
                                                  << "*" << QStringList{"0.8.5", "0.7.3", "0.6.5"};
    QTest::newRow("lines:5 with fewer lines") << RandLike << "lines:5"
                                              << "*" << QStringList{"0.8.5", "0.7.3", "0.6.5"};
    QTest::newRow("lines:1 is newest") << RandLike << "lines:1"
                                       << "*" << QStringList{"0.8.5"};
    QTest::newRow("lines:2 with a requirement") << RandLike << "lines:2"
                                                << "<0.8" << QStringList{"0.7.3", "0.6.5"};
    QTest::newRow("lines:3 mixed: major, 0.minor, yanked skipped")
        << Mixed << "lines:3"
        << "*" << QStringList{"2.0.0", "1.4.2", "0.2.0"};
    QTest::newRow("lines:9 reaches 0.0.x lines")
        << Mixed << "lines:9"
        << "*" << QStringList{"2.0.0", "1.4.2", "0.2.0", "0.1.9", "0.0.2", "0.0.1"};
    QTest::newRow("lines: a line whose versions are all yanked does not count")
        << QStringList{"1.0.0", "2.0.0!", "2.1.0!", "3.0.0"} << "lines:2"
        << "*" << QStringList{"3.0.0", "1.0.0"};
    QTest::newRow("lines: pre-release lines when named")
        << Mixed << "lines:2"
        << ">=2.0.0-beta.1, <3.0.0-alpha.2" << QStringList{"3.0.0-alpha.1", "2.0.0"};

    QTest::newRow("all keeps every non-yanked match")
        << Mixed << "all"
        << "*"
        << QStringList{"2.0.0", "1.4.2", "1.0.0", "0.2.0", "0.1.9", "0.1.0", "0.0.2", "0.0.1"};
    QTest::newRow("all within a requirement") << Mixed << "all"
                                              << "^0.1" << QStringList{"0.1.9", "0.1.0"};
    QTest::newRow("all keeps an exactly named yanked version") << Mixed << "all"
                                                               << "=2.0.1" << QStringList{"2.0.1"};
    QTest::newRow("all with build metadata")
        << QStringList{"0.5.2+5.3.0", "0.5.1+5.2.0!", "0.4.0"} << "all"
        << "*" << QStringList{"0.5.2+5.3.0", "0.4.0"};
    QTest::newRow("empty history") << QStringList{} << "all"
                                   << "*" << QStringList{};
}

void TestVersionPolicy::select()
{
    QFETCH(QStringList, versions);
    QFETCH(QString, policy);
    QFETCH(QString, req);
    QFETCH(QStringList, expected);
    QString error;
    const std::optional<VersionPolicy> parsedPolicy = VersionPolicy::parse(policy, &error);
    QVERIFY2(parsedPolicy, qPrintable(error));
    const std::optional<SemverReq> parsedReq = SemverReq::parse(req, &error);
    QVERIFY2(parsedReq, qPrintable(error));

    QStringList chosen;
    for (const IndexLine &kept : parsedPolicy->select(lines(versions), *parsedReq))
        chosen.append(kept.vers);
    QCOMPARE(chosen, expected);
}

void TestVersionPolicy::compatibilityLine_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");

    QTest::newRow("1.x") << "1.0.0"
                         << "1.9.3" << true;
    QTest::newRow("1 vs 2") << "1.9.3"
                            << "2.0.0" << false;
    QTest::newRow("0.8.x") << "0.8.0"
                           << "0.8.5" << true;
    QTest::newRow("0.7 vs 0.8") << "0.7.9"
                                << "0.8.0" << false;
    QTest::newRow("0.0.x are each their own") << "0.0.1"
                                              << "0.0.2" << false;
    QTest::newRow("0.0.3 vs 0.3.0") << "0.0.3"
                                    << "0.3.0" << false;
    QTest::newRow("pre-release in its triple's line") << "1.0.0-rc.1"
                                                      << "1.2.0" << true;
    QTest::newRow("build metadata") << "0.5.1+a"
                                    << "0.5.2+b" << true;
}

void TestVersionPolicy::compatibilityLine()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    const auto va = SemverVersion::parse(a);
    const auto vb = SemverVersion::parse(b);
    QVERIFY(va && vb);
    QCOMPARE(VersionPolicy::compatibilityLine(*va) == VersionPolicy::compatibilityLine(*vb), same);
    if (!same)
        QCOMPARE(VersionPolicy::compatibilityLine(*va) < VersionPolicy::compatibilityLine(*vb),
                 *va < *vb);
}

void TestVersionPolicy::unparseableVersionsIgnored()
{
    // IndexLine admits versions that are file-name safe; SemverVersion is stricter.
    QList<IndexLine> history = lines({"1.0.0", "1.1.0"});
    IndexLine odd = history.first();
    odd.vers = QStringLiteral("1.02.0");
    history.append(odd);
    QVERIFY(!SemverVersion::parse(odd.vers));
    const QList<IndexLine> chosen = VersionPolicy::all().select(history, SemverReq::any());
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(chosen.first().vers, QStringLiteral("1.1.0"));
    QCOMPARE(VersionPolicy().toString(), QStringLiteral("lines:3"));
}

QTEST_GUILESS_MAIN(TestVersionPolicy)
#include "tst_versionpolicy.moc"

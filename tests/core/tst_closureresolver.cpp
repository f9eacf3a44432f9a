// SPDX-License-Identifier: GPL-3.0-or-later
#include "closureresolver.h"

#include "indexpath.h"
#include "platformtable.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Stowaway;

namespace {

// A version in a tiny notation: "name vers[!]: dep; dep; …", `!` = yanked. A dep is
// "crate req [dev|build|opt] [target=T] [alias=A] [registry=URL]"; with alias=A the index
// line names the dependency A and its `package` is the crate.
IndexLine line(const QString &spec)
{
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    const QStringList head = spec.left(colon < 0 ? spec.size() : colon).simplified().split(u' ');
    QString vers = head.value(1);
    const bool yanked = vers.endsWith(QLatin1Char('!'));
    if (yanked)
        vers.chop(1);
    QJsonArray deps;
    const QStringList depSpecs = colon < 0 ? QStringList{} : spec.mid(colon + 1).split(u';');
    for (const QString &depSpec : depSpecs) {
        const QStringList words = depSpec.simplified().split(u' ', Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        QJsonObject dep{{"name", words[0]},         {"req", words.value(1)},
                        {"features", QJsonArray()}, {"optional", false},
                        {"default_features", true}, {"target", QJsonValue::Null},
                        {"kind", "normal"}};
        for (const QString &word : words.mid(2)) {
            if (word == u"dev" || word == u"build")
                dep["kind"] = word;
            else if (word == u"opt")
                dep["optional"] = true;
            else if (word.startsWith(u"target="))
                dep["target"] = word.mid(7);
            else if (word.startsWith(u"alias=")) {
                dep["package"] = words[0];
                dep["name"] = word.mid(6);
            } else if (word.startsWith(u"registry="))
                dep["registry"] = word.mid(9);
            else
                qFatal("unknown dependency flag %s", qPrintable(word));
        }
        deps.append(dep);
    }
    const QJsonObject object{{"name", head[0]},
                             {"vers", vers},
                             {"deps", deps},
                             {"cksum", QString(64, QLatin1Char('0' + head[0].size() % 10))},
                             {"features", QJsonObject()},
                             {"yanked", yanked}};
    QString error;
    const std::optional<IndexLine> parsed =
        IndexLine::parse(QJsonDocument(object).toJson(QJsonDocument::Compact), &error);
    if (!parsed)
        qFatal("bad test line %s: %s", qPrintable(spec), qPrintable(error));
    return *parsed;
}

// Index files by canonical name.
using Universe = QHash<QString, QList<IndexLine>>;

Universe universe(const QStringList &specs)
{
    Universe out;
    for (const QString &spec : specs) {
        const IndexLine parsed = line(spec);
        out[IndexPath::canonicalName(parsed.name)].append(parsed);
    }
    return out;
}

// Roots: "name", "name@REQ" (named) or "name#VERSION" (a lockfile pin).
SyncRoot root(const QString &spec)
{
    SyncRoot r;
    if (const qsizetype hash = spec.indexOf(QLatin1Char('#')); hash > 0) {
        r.name = spec.left(hash);
        r.exactVersion = spec.mid(hash + 1);
        r.reason = QStringLiteral("lockfile");
        r.detail = QStringLiteral("Cargo.lock");
        return r;
    }
    const qsizetype at = spec.indexOf(QLatin1Char('@'));
    r.name = at < 0 ? spec : spec.left(at);
    if (at > 0)
        r.req = *SemverReq::parse(spec.mid(at + 1));
    r.reason = QStringLiteral("named");
    r.detail = QStringLiteral("--crate ") + spec;
    return r;
}

struct Run
{
    ResolverPlan plan;
    QStringList asked; // every name the resolver handed out, in order
};

// Pumps the resolver as the sync engine does: fetch what it asks for, hand it in.
Run pump(ClosureResolver &resolver, const Universe &files)
{
    Run run;
    for (int round = 0; round < 10000 && !resolver.isClosed(); ++round) {
        const QStringList names = resolver.takeNewNames();
        if (names.isEmpty())
            break;
        for (const QString &name : names) {
            run.asked.append(name);
            const auto found = files.constFind(IndexPath::canonicalName(name));
            if (found == files.constEnd())
                resolver.provideMissing(name, QStringLiteral("HTTP 404"));
            else
                resolver.provide(name, *found);
        }
    }
    run.plan = resolver.plan();
    return run;
}

QStringList versionsOf(const ResolverPlan &plan)
{
    QStringList out;
    for (const PlannedVersion &v : plan.versions)
        out.append(v.name + QLatin1Char(' ') + v.version);
    return out;
}

const QString Linux = QStringLiteral("x86_64-unknown-linux-gnu");

} // namespace

class TestClosureResolver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void closure_data();
    void closure();
    void eachCrateAskedOnce();
    void reasons();
    void providedBeforeAsked();
    void lateRootAfterClose();
    void largeClosureIsFast();
};

void TestClosureResolver::closure_data()
{
    QTest::addColumn<QStringList>("index");
    QTest::addColumn<QStringList>("roots");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<bool>("devDeps");
    QTest::addColumn<QStringList>("platforms");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("problems"); // substrings, one per problem, in order

    const QStringList diamond{"app 1.0.0: left ^1; right ^1",
                              "left 1.0.0: base ^1.0",
                              "right 1.0.0: base ^1.1",
                              "base 1.0.0",
                              "base 1.1.0",
                              "base 1.2.0!",
                              "base 2.0.0"};
    QTest::newRow("diamond") << diamond << QStringList{"app"} << "newest" << false << QStringList{}
                             << QStringList{"app 1.0.0", "base 1.1.0", "left 1.0.0", "right 1.0.0"}
                             << QStringList{};
    QTest::newRow("semver-incompatible versions both kept")
        << QStringList{"app 1.0.0: a ^1; b ^1",
                       "a 1.0.0: base ^1",
                       "b 1.0.0: base ^2",
                       "base 1.0.0",
                       "base 1.1.0",
                       "base 2.0.0",
                       "base 2.0.1"}
        << QStringList{"app"} << "newest" << false << QStringList{}
        << QStringList{"a 1.0.0", "app 1.0.0", "b 1.0.0", "base 1.1.0", "base 2.0.1"}
        << QStringList{};
    QTest::newRow("normal-dependency cycle between versions")
        << QStringList{"a 1.0.0: b ^1", "a 1.1.0: b ^1.1", "b 1.0.0: a ^1.0", "b 1.1.0: a =1.0.0"}
        << QStringList{"a"} << "newest" << false << QStringList{}
        << QStringList{"a 1.0.0", "a 1.1.0", "b 1.1.0"} << QStringList{};
    const QStringList devCycle{"serde 1.0.0: serde_derive ^1 dev",
                               "serde_derive 1.0.0: serde ^1; syn ^2", "syn 2.0.0"};
    QTest::newRow("dev-dependency cycle, dev off")
        << devCycle << QStringList{"serde"} << "newest" << false << QStringList{}
        << QStringList{"serde 1.0.0"} << QStringList{};
    QTest::newRow("dev-dependency cycle, dev on")
        << devCycle << QStringList{"serde"} << "newest" << true << QStringList{}
        << QStringList{"serde 1.0.0", "serde_derive 1.0.0", "syn 2.0.0"} << QStringList{};
    QTest::newRow("renamed dependency through package")
        << QStringList{"app 1.0.0: real-dep ^1 alias=rd", "real-dep 1.0.0", "rd 9.0.0"}
        << QStringList{"app"} << "newest" << false << QStringList{}
        << QStringList{"app 1.0.0", "real-dep 1.0.0"} << QStringList{};
    QTest::newRow("optional and build dependencies included")
        << QStringList{"app 1.0.0: extra ^1 opt; cc ^1 build; tests ^1 dev", "extra 1.0.0",
                       "cc 1.0.0", "tests 1.0.0"}
        << QStringList{"app"} << "newest" << false << QStringList{}
        << QStringList{"app 1.0.0", "cc 1.0.0", "extra 1.0.0"} << QStringList{};
    const QStringList targets{
        "app 1.0.0: win ^1 target=cfg(windows); nix ^1 target=cfg(unix); "
        "msvc ^1 target=x86_64-pc-windows-msvc; gnu ^1 target=x86_64-unknown-linux-gnu; "
        "odd ^1 target=cfg(not(windows)); mac ^1 target=cfg(target_os=\"macos\")",
        "win 1.0.0",
        "nix 1.0.0",
        "msvc 1.0.0",
        "gnu 1.0.0",
        "odd 1.0.0",
        "mac 1.0.0"};
    QTest::newRow("every target without --platform")
        << targets << QStringList{"app"} << "newest" << false << QStringList{}
        << QStringList{"app 1.0.0", "gnu 1.0.0", "mac 1.0.0", "msvc 1.0.0",
                       "nix 1.0.0", "odd 1.0.0", "win 1.0.0"}
        << QStringList{};
    QTest::newRow("--platform x86_64-unknown-linux-gnu")
        << targets << QStringList{"app"} << "newest" << false << QStringList{Linux}
        << QStringList{"app 1.0.0", "gnu 1.0.0", "nix 1.0.0", "odd 1.0.0"} << QStringList{};
    QTest::newRow("two platforms") << targets << QStringList{"app"} << "newest" << false
                                   << QStringList{Linux, "x86_64-pc-windows-msvc"}
                                   << QStringList{"app 1.0.0", "gnu 1.0.0", "msvc 1.0.0",
                                                  "nix 1.0.0", "odd 1.0.0", "win 1.0.0"}
                                   << QStringList{};
    QTest::newRow("other registry skipped and reported")
        << QStringList{"app 1.0.0: private ^1 registry=https://my.example/index; "
                       "ok ^1 registry=https://github.com/rust-lang/crates.io-index",
                       "private 1.0.0", "ok 1.0.0"}
        << QStringList{"app"} << "newest" << false << QStringList{}
        << QStringList{"app 1.0.0", "ok 1.0.0"}
        << QStringList{"app 1.0.0 depends on private ^1 from another registry "
                       "(https://my.example/index)"};
    QTest::newRow("unsatisfiable requirement reported, rest kept")
        << QStringList{"tokio 1.35.0: mio ^0.8.9; bytes ^1", "mio 0.8.8", "mio 1.0.0",
                       "bytes 1.5.0"}
        << QStringList{"tokio"} << "newest" << false << QStringList{}
        << QStringList{"bytes 1.5.0", "tokio 1.35.0"}
        << QStringList{"tokio 1.35.0 needs mio ^0.8.9, but the index has no such version"};
    QTest::newRow("requirement matching only yanked versions")
        << QStringList{"app 1.0.0: bad =0.3.1", "bad 0.3.1!", "bad 0.3.2"} << QStringList{"app"}
        << "newest" << false << QStringList{} << QStringList{"app 1.0.0"}
        << QStringList{"app 1.0.0 needs bad =0.3.1, but every matching version is yanked"};
    QTest::newRow("invalid requirement")
        << QStringList{"app 1.0.0: x ^1.2.3.4", "x 1.2.3"} << QStringList{"app"} << "newest"
        << false << QStringList{} << QStringList{"app 1.0.0"}
        << QStringList{"app 1.0.0 needs x \"^1.2.3.4\", which is not a valid requirement"};
    QTest::newRow("missing crate")
        << QStringList{"app 1.0.0: gone ^1; here ^1", "here 1.0.0"} << QStringList{"app", "nope"}
        << "newest" << false << QStringList{} << QStringList{"app 1.0.0", "here 1.0.0"}
        << QStringList{"nope is not available upstream (HTTP 404); needed by --crate nope",
                       "gone is not available upstream (HTTP 404); needed by app 1.0.0"};
    QTest::newRow("lockfile pin of a yanked version, its dependencies followed")
        << QStringList{"base 1.0.0", "base 1.2.0!: helper ^1", "helper 1.0.0"}
        << QStringList{"base#1.2.0"} << "newest" << false << QStringList{}
        << QStringList{"base 1.2.0", "helper 1.0.0"} << QStringList{};
    QTest::newRow("lockfile pin not in the index")
        << QStringList{"base 1.0.0"} << QStringList{"base#1.9.9"} << "newest" << false
        << QStringList{} << QStringList{}
        << QStringList{"Cargo.lock pins base 1.9.9, but the index has no such version"};
    QTest::newRow("root requirement matching nothing")
        << QStringList{"base 1.0.0"} << QStringList{"base@^2"} << "newest" << false << QStringList{}
        << QStringList{}
        << QStringList{"--crate base@^2: no non-yanked version of base matches ^2"};
    QTest::newRow("old pin follows the old version's dependencies")
        << QStringList{"app 1.0.0: old ^0.1", "app 2.0.0: new ^1", "old 0.1.0",
                       "old 0.1.4",           "old 0.2.0",         "new 1.0.0"}
        << QStringList{"app@=1.0.0"} << "newest" << false << QStringList{}
        << QStringList{"app 1.0.0", "old 0.1.4"} << QStringList{};
    QTest::newRow("lines:2 root follows each kept line")
        << QStringList{"rand 0.6.5: core ^0.4",
                       "rand 0.7.3: core ^0.5",
                       "rand 0.8.5: core ^0.6",
                       "core 0.4.2",
                       "core 0.5.1",
                       "core 0.6.4"}
        << QStringList{"rand"} << "lines:2" << false << QStringList{}
        << QStringList{"core 0.5.1", "core 0.6.4", "rand 0.7.3", "rand 0.8.5"} << QStringList{};
    QTest::newRow("all policy, yanked root versions left out")
        << QStringList{"a 1.0.0", "a 1.1.0!", "a 1.2.0"} << QStringList{"a"} << "all" << false
        << QStringList{} << QStringList{"a 1.0.0", "a 1.2.0"} << QStringList{};
    QTest::newRow("a version listed twice is planned once")
        << QStringList{"dup 1.0.0", "dup 1.0.0", "dup 1.1.0"} << QStringList{"dup"} << "all"
        << false << QStringList{} << QStringList{"dup 1.0.0", "dup 1.1.0"} << QStringList{};
    QTest::newRow("names compare as cargo does, index spelling kept")
        << QStringList{"app 1.0.0: Foo-Bar ^1; foo_bar ^1.1", "Foo_Bar 1.1.0"} << QStringList{"APP"}
        << "newest" << false << QStringList{} << QStringList{"app 1.0.0", "Foo_Bar 1.1.0"}
        << QStringList{};
    QTest::newRow("pre-releases only when named")
        << QStringList{"app 1.0.0: p ^1; q ^2.0.0-rc.1", "p 1.0.0", "p 1.1.0-beta.1",
                       "q 2.0.0-rc.1", "q 2.0.0-rc.2"}
        << QStringList{"app"} << "newest" << false << QStringList{}
        << QStringList{"app 1.0.0", "p 1.0.0", "q 2.0.0-rc.2"} << QStringList{};
}

void TestClosureResolver::closure()
{
    QFETCH(QStringList, index);
    QFETCH(QStringList, roots);
    QFETCH(QString, policy);
    QFETCH(bool, devDeps);
    QFETCH(QStringList, platforms);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, problems);

    ResolverOptions options;
    options.policy = *VersionPolicy::parse(policy);
    options.devDeps = devDeps;
    if (!platforms.isEmpty()) {
        QStringList unknown;
        options.platforms = TargetFilter::forTriples(platforms, PlatformTable(), &unknown);
        QVERIFY2(unknown.isEmpty(), qPrintable(unknown.join(u' ')));
    }
    ClosureResolver resolver(options);
    for (const QString &spec : roots)
        resolver.addRoot(root(spec));
    const Run run = pump(resolver, universe(index));
    QVERIFY(resolver.isClosed());
    QVERIFY(resolver.pendingNames().isEmpty());
    QCOMPARE(versionsOf(run.plan), expected);

    QStringList messages;
    for (const ResolverProblem &problem : run.plan.problems)
        messages.append(problem.message);
    QCOMPARE(messages.size(), problems.size());
    for (qsizetype i = 0; i < problems.size(); ++i)
        QVERIFY2(messages[i].contains(problems[i]), qPrintable(messages.join(u'\n')));

    // Each crate is asked for once; a renamed dependency is asked by its package name.
    QStringList canonical;
    for (const QString &name : run.asked)
        canonical.append(IndexPath::canonicalName(name));
    canonical.removeDuplicates();
    QCOMPARE(canonical.size(), run.asked.size());
    QVERIFY(!canonical.contains(QStringLiteral("rd")));
    QVERIFY(!canonical.contains(QStringLiteral("private")));
    // Planned checksums and yanked flags come from the index lines.
    const Universe files = universe(index);
    for (const PlannedVersion &planned : run.plan.versions) {
        bool found = false;
        for (const IndexLine &l : files.value(IndexPath::canonicalName(planned.name))) {
            if (l.vers == planned.version) {
                found = true;
                QCOMPARE(planned.cksum, l.cksum);
                QCOMPARE(planned.yanked, l.yanked);
            }
        }
        QVERIFY(found);
    }
}

void TestClosureResolver::eachCrateAskedOnce()
{
    // Many paths lead to `base`; it must be asked for once, and only after being needed.
    ClosureResolver resolver(ResolverOptions{.policy = VersionPolicy::all()});
    resolver.addRoot(root(QStringLiteral("app")));
    resolver.addRoot(root(QStringLiteral("app@^1")));
    QCOMPARE(resolver.pendingNames(), QStringList{"app"});
    QCOMPARE(resolver.takeNewNames(), QStringList{"app"});
    QCOMPARE(resolver.takeNewNames(), QStringList{});
    QCOMPARE(resolver.pendingNames(), QStringList{"app"}); // still outstanding
    QVERIFY(!resolver.isClosed());

    resolver.provide(QStringLiteral("app"),
                     {line("app 1.0.0: a ^1; b ^1; base ^1"), line("app 1.1.0: a ^1; base ^1.1")});
    QCOMPARE(resolver.pendingCount(), 3);
    // Newest kept version first: app 1.1.0 asks for a and base, then app 1.0.0 for b.
    QCOMPARE(resolver.takeNewNames(), (QStringList{"a", "base", "b"}));
    resolver.provide(QStringLiteral("a"), {line("a 1.0.0: base ^1; b ^1")});
    resolver.provide(QStringLiteral("b"), {line("b 1.0.0: base ^1.0; a ^1")});
    QCOMPARE(resolver.takeNewNames(), QStringList{});
    QCOMPARE(resolver.pendingNames(), QStringList{"base"});
    resolver.provide(QStringLiteral("base"), {line("base 1.0.0"), line("base 1.1.0")});
    QVERIFY(resolver.isClosed());
    QCOMPARE(resolver.takeNewNames(), QStringList{});
    // A second file for a provided crate is ignored.
    resolver.provide(QStringLiteral("base"), {line("base 1.2.0")});
    QCOMPARE(versionsOf(resolver.plan()),
             (QStringList{"a 1.0.0", "app 1.0.0", "app 1.1.0", "b 1.0.0", "base 1.1.0"}));
}

void TestClosureResolver::reasons()
{
    ClosureResolver resolver(ResolverOptions{.policy = VersionPolicy::newest()});
    resolver.addRoot({.name = QStringLiteral("serde"),
                      .reason = QStringLiteral("popular"),
                      .detail = QStringLiteral("#1 by downloads")});
    resolver.addRoot(root(QStringLiteral("tokio")));
    const Run run = pump(resolver, universe({"serde 1.0.195: serde_derive =1.0.195 opt",
                                             "serde_derive 1.0.195: syn ^2",
                                             "tokio 1.35.0: serde ^1; syn ^2", "syn 2.0.48"}));
    QCOMPARE(run.plan.versions.size(), 4);
    const auto find = [&run](const QString &name) {
        for (const PlannedVersion &v : run.plan.versions) {
            if (v.name == name)
                return v;
        }
        return PlannedVersion{};
    };
    QCOMPARE(find(QStringLiteral("serde")).reason, QStringLiteral("popular"));
    QCOMPARE(find(QStringLiteral("serde")).detail, QStringLiteral("#1 by downloads"));
    QCOMPARE(find(QStringLiteral("tokio")).reason, QStringLiteral("named"));
    QCOMPARE(find(QStringLiteral("tokio")).detail, QStringLiteral("--crate tokio"));
    QCOMPARE(find(QStringLiteral("serde_derive")).reason, QStringLiteral("dependency"));
    QCOMPARE(find(QStringLiteral("serde_derive")).detail,
             QStringLiteral("needed by serde 1.0.195"));
    // syn is needed by serde_derive and by tokio; the first to pull it in is named.
    const QString synDetail = find(QStringLiteral("syn")).detail;
    QVERIFY2(synDetail == u"needed by serde_derive 1.0.195" ||
                 synDetail == u"needed by tokio 1.35.0",
             qPrintable(synDetail));
    QCOMPARE(find(QStringLiteral("syn")).reason, QStringLiteral("dependency"));

    // A root naming a version already kept as a dependency takes over its reason.
    resolver.addRoot(root(QStringLiteral("syn@^2")));
    QCOMPARE(resolver.plan().versions.size(), 4);
    for (const PlannedVersion &v : resolver.plan().versions) {
        if (v.name == u"syn")
            QCOMPARE(v.detail, QStringLiteral("--crate syn@^2"));
    }
}

void TestClosureResolver::providedBeforeAsked()
{
    // The engine may hand in index files it already has (a cache) before they are asked.
    ClosureResolver resolver(ResolverOptions{.policy = VersionPolicy::newest()});
    resolver.provide(QStringLiteral("dep"), {line("dep 1.0.0"), line("dep 1.1.0")});
    QVERIFY(resolver.isClosed());
    QVERIFY(resolver.plan().versions.isEmpty());
    resolver.addRoot(root(QStringLiteral("app")));
    QCOMPARE(resolver.takeNewNames(), QStringList{"app"});
    resolver.provide(QStringLiteral("app"), {line("app 1.0.0: dep ^1")});
    QVERIFY(resolver.isClosed());
    QCOMPARE(resolver.takeNewNames(), QStringList{});
    QCOMPARE(versionsOf(resolver.plan()), (QStringList{"app 1.0.0", "dep 1.1.0"}));
}

void TestClosureResolver::lateRootAfterClose()
{
    ClosureResolver resolver(ResolverOptions{.policy = VersionPolicy::newest()});
    resolver.addRoot(root(QStringLiteral("a")));
    Run run = pump(resolver, universe({"a 1.0.0: b ^1", "b 1.0.0", "c 1.0.0: b ^1"}));
    QVERIFY(resolver.isClosed());
    resolver.addRoot(root(QStringLiteral("c")));
    QVERIFY(!resolver.isClosed());
    run = pump(resolver, universe({"a 1.0.0: b ^1", "b 1.0.0", "c 1.0.0: b ^1"}));
    QCOMPARE(run.asked, QStringList{"c"});
    QCOMPARE(versionsOf(run.plan), (QStringList{"a 1.0.0", "b 1.0.0", "c 1.0.0"}));
}

void TestClosureResolver::largeClosureIsFast()
{
    // 5,000 crates x 10 versions x 5 dependencies; 1,000 roots. Crate i depends on five
    // crates with higher numbers, so the closure from the roots reaches most of them.
    const int crates = 5000, versions = 10, depsPer = 5;
    Universe files;
    QList<IndexLine> all;
    quint64 seed = 42;
    const auto next = [&seed](int bound) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((seed >> 33) % quint64(bound));
    };
    const auto nameOf = [](int i) { return QStringLiteral("crate-%1").arg(i); };
    const QByteArray cksum(64, 'e');
    for (int i = 0; i < crates; ++i) {
        QList<IndexLine> &file = files[IndexPath::canonicalName(nameOf(i))];
        for (int v = 0; v < versions; ++v) {
            QByteArray json = R"({"name":")" + nameOf(i).toUtf8() + R"(","vers":")" +
                              QByteArray::number(v / 4) + '.' + QByteArray::number(v % 4) +
                              R"(.0","deps":[)";
            for (int d = 0; d < depsPer && i + 1 < crates; ++d) {
                const int target = i + 1 + next(qMin(200, crates - i - 1));
                if (d > 0)
                    json += ',';
                json += R"({"name":")" + nameOf(target).toUtf8() + R"(","req":"^)" +
                        QByteArray::number(next(3)) +
                        R"(","features":[],"optional":false,"default_features":true,)"
                        R"("target":null,"kind":"normal"})";
            }
            json += R"(],"cksum":")" + cksum + R"(","features":{},"yanked":false})";
            const std::optional<IndexLine> parsed = IndexLine::parse(json);
            QVERIFY(parsed);
            file.append(*parsed);
        }
    }

    ClosureResolver resolver(ResolverOptions{.policy = VersionPolicy::newest()});
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 1000; ++i)
        resolver.addRoot(root(nameOf(i)));
    const Run run = pump(resolver, files);
    const qint64 elapsed = timer.elapsed();
    qInfo("planned %lld versions of %lld crates (%d x %d x %d) in %lld ms",
          qlonglong(run.plan.versions.size()), qlonglong(run.asked.size()), crates, versions,
          depsPer, qlonglong(elapsed));
    QVERIFY(resolver.isClosed());
    QVERIFY(run.plan.problems.isEmpty());
    QCOMPARE(run.asked.size(), qsizetype(crates)); // every crate is reachable from some root
    // Every root's newest version is in the plan, and every kept version's dependencies.
    QSet<QString> planned;
    for (const PlannedVersion &v : run.plan.versions)
        planned.insert(v.name + QLatin1Char(' ') + v.version);
    for (int i = 0; i < 1000; ++i)
        QVERIFY(planned.contains(nameOf(i) + QStringLiteral(" 2.1.0")));
    QVERIFY2(elapsed < 2000, "planning a 5,000-crate closure must take well under a second");
}

QTEST_GUILESS_MAIN(TestClosureResolver)
#include "tst_closureresolver.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargoconfigfile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <toml++/toml.h>

#include <map>
#include <optional>
#include <string>

using namespace Stowaway;
using Outcome = CargoConfigFile::Outcome;

namespace {

enum class Expect {
    RoundTrip,      ///< enable works, disable restores the bytes
    Forceable,      ///< refused without --force, taken over with it, restored by disable
    Refused,        ///< refused even with --force
    Unparseable,    ///< not TOML: refused, untouched
    AlreadyEnabled, ///< enable changes nothing
    UrlUpdate,      ///< enabled for another mirror: enable moves it
    ByHand,         ///< enabled by hand: left alone unless forced
};

struct Expectation
{
    Expect kind;
    const char *message; ///< part of the refusal message
    int line;            ///< the refusal's line
};

// Every file in tests/data/cargo-config must be listed here.
const std::map<QString, Expectation> &expectations()
{
    static const std::map<QString, Expectation> table{
        {QStringLiteral("01-empty.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("02-comments-only.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("03-build-and-target.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("04-net.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("05-crlf.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("06-no-final-newline.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("07-bom.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("08-tabs-odd-spacing.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("09-inline-tables.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("10-dotted-keys-root.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("11-source-table-dotted-subkeys.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("12-crates-io-comment-only.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("13-vendored-replaced.toml"),
         {Expect::Forceable,
          "[source.crates-io] already has replace-with = \"vendored-sources\"; remove it, or run "
          "again with --force to point it at Stowaway instead",
          2}},
        {QStringLiteral("14-registries-company.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("15-http-and-alias.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("16-multiline-strings.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("17-array-of-tables.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("18-already-enabled.toml"), {Expect::AlreadyEnabled, "", 0}},
        {QStringLiteral("19-enabled-other-url.toml"), {Expect::UrlUpdate, "", 0}},
        {QStringLiteral("20-unicode-comments.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("21-trailing-whitespace.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("22-broken.toml"), {Expect::Unparseable, "does not parse as TOML", 4}},
        {QStringLiteral("23-foreign-stowaway-source.toml"),
         {Expect::Forceable,
          "[source.stowaway] is already defined; remove it, or run again with --force to replace "
          "it",
          1}},
        {QStringLiteral("24-source-inline-table.toml"),
         {Expect::Refused, "source is written as an inline table", 1}},
        {QStringLiteral("25-dotted-replace-root.toml"),
         {Expect::Forceable, "already has replace-with = \"vendored\"", 1}},
        {QStringLiteral("26-source-table-dotted-replace.toml"),
         {Expect::Forceable, "already has replace-with = \"mirror\"", 2}},
        {QStringLiteral("27-bom-crlf-no-newline-replaced.toml"),
         {Expect::Forceable, "already has replace-with = \"vendored-sources\"", 5}},
        {QStringLiteral("28-crates-io-header-last.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("29-quoted-keys.toml"),
         {Expect::Forceable, "already has replace-with = \"vendored\"", 2}},
        {QStringLiteral("30-crates-io-inline-in-source.toml"),
         {Expect::Refused, "source.crates-io is written as an inline table", 2}},
        {QStringLiteral("31-windows-paths-escapes.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("32-profile-and-unstable.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("33-empty-source-table.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("34-foreign-stowaway-inline.toml"),
         {Expect::Forceable, "[source.stowaway] is already defined", 2}},
        {QStringLiteral("35-crates-io-dotted-no-replace.toml"), {Expect::RoundTrip, "", 0}},
        {QStringLiteral("36-enabled-by-hand.toml"),
         {Expect::ByHand, "replace-with = \"stowaway\" was not added by Stowaway", 6}},
    };
    return table;
}

QString corpusDir()
{
    return qEnvironmentVariable("STOWAWAY_SOURCE_DIR") + QStringLiteral("/tests/data/cargo-config");
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

QString tomlString(const QByteArray &bytes, const char *a, const char *b, const char *c)
{
    try {
        const toml::table table =
            toml::parse(std::string_view(bytes.constData(), size_t(bytes.size())));
        const std::optional<std::string> value = table[a][b][c].value<std::string>();
        return value ? QString::fromStdString(*value) : QStringLiteral("<unset>");
    } catch (const toml::parse_error &error) {
        return QStringLiteral("<parse error: %1>").arg(QString::fromUtf8(error.what()));
    }
}

QList<QByteArray> splitLines(const QByteArray &bytes)
{
    QList<QByteArray> lines = bytes.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    return lines;
}

/// The enabled file has the wanted values, and everything of the original, in order.
void verifyEnabled(const QByteArray &original, const QByteArray &enabled, const QString &registry)
{
    QCOMPARE(tomlString(enabled, "source", "crates-io", "replace-with"),
             QStringLiteral("stowaway"));
    QCOMPARE(tomlString(enabled, "source", "stowaway", "registry"), registry);
    const QList<QByteArray> before = splitLines(original);
    const QList<QByteArray> after = splitLines(enabled);
    qsizetype at = 0;
    for (const QByteArray &line : before) {
        const QByteArray plain = line.startsWith("\xEF\xBB\xBF") ? line.mid(3) : line;
        while (at < after.size() && after.at(at) != line && after.at(at) != plain &&
               after.at(at) != CargoConfigFile::DisabledPrefix + plain)
            ++at;
        QVERIFY2(at < after.size(),
                 qPrintable(QStringLiteral("line lost or moved: ") + QString::fromUtf8(line)));
        ++at;
    }
    QCOMPARE(enabled.startsWith("\xEF\xBB\xBF"), original.startsWith("\xEF\xBB\xBF"));
    if (original.contains("\r\n"))
        QCOMPARE(enabled.count("\r\n"), enabled.count('\n'));
    else
        QVERIFY(!enabled.contains('\r'));
    if (!original.isEmpty())
        QCOMPARE(enabled.endsWith('\n'), original.endsWith('\n'));
}

/// Asks real cargo, offline, which source it searches for crates-io.
QString cargoSays(const QByteArray &config)
{
    QString cargo = QStandardPaths::findExecutable(QStringLiteral("cargo"));
    if (cargo.isEmpty())
        cargo = QStandardPaths::findExecutable(
            QStringLiteral("cargo"), {QDir::home().filePath(QStringLiteral(".cargo/bin"))});
    if (cargo.isEmpty())
        return QStringLiteral("<no cargo: install Rust 1.68+ from https://rustup.rs>");
    QTemporaryDir dir;
    QDir root(dir.path());
    root.mkpath(QStringLiteral("home"));
    root.mkpath(QStringLiteral("probe/src"));
    QFile configFile(root.filePath(QStringLiteral("home/config.toml")));
    QFile manifest(root.filePath(QStringLiteral("probe/Cargo.toml")));
    QFile main(root.filePath(QStringLiteral("probe/src/main.rs")));
    if (!configFile.open(QIODevice::WriteOnly) || !manifest.open(QIODevice::WriteOnly) ||
        !main.open(QIODevice::WriteOnly))
        return QStringLiteral("<cannot write the probe project>");
    configFile.write(config);
    manifest.write("[package]\nname = \"probe\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n"
                   "[dependencies]\nstowaway-probe-crate = \"1\"\n");
    main.write("fn main() {}\n");
    configFile.close();
    manifest.close();
    main.close();

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CARGO_HOME"), root.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("CARGO_NET_OFFLINE"), QStringLiteral("true"));
    env.insert(QStringLiteral("CARGO_TERM_COLOR"), QStringLiteral("never"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(root.filePath(QStringLiteral("probe")));
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(cargo, {QStringLiteral("generate-lockfile"), QStringLiteral("--offline")});
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        return QStringLiteral("<cargo did not finish within 60 s>");
    }
    return QString::fromUtf8(process.readAll());
}

} // namespace

class TestCargoConfigFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpus_data();
    void corpus();
    void registryValue_data();
    void registryValue();
    void insertsIntoExistingCratesIoTable();
    void forceKeepsForeignLineAsComment();
    void addsDottedKeyBesideDottedCratesIo();
    void combinedFilesNeverBreak();
    void refusesWhenSettingsSitInsideOurTables();
    void locateFollowsCargo();
};

void TestCargoConfigFile::corpus_data()
{
    QTest::addColumn<QString>("fileName");
    const QStringList files = QDir(corpusDir()).entryList(QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 20, qPrintable(corpusDir()));
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

void TestCargoConfigFile::corpus()
{
    QFETCH(QString, fileName);
    const auto found = expectations().find(fileName);
    QVERIFY2(found != expectations().end(), "add the new corpus file to expectations()");
    const Expectation expect = found->second;
    const QByteArray original = readAll(corpusDir() + QLatin1Char('/') + fileName);
    const QString registry =
        CargoConfigFile::registryValue(QStringLiteral("http://127.0.0.1:27428"));
    const QString other = CargoConfigFile::registryValue(QStringLiteral("https://m.example/x"));
    QCOMPARE(registry, QStringLiteral("sparse+http://127.0.0.1:27428/index/"));

    QByteArray enabled;
    switch (expect.kind) {
    case Expect::RoundTrip:
    case Expect::Forceable: {
        const bool force = expect.kind == Expect::Forceable;
        if (force) {
            const CargoConfigFile::Edit refused =
                CargoConfigFile::enable(original, registry, false);
            QCOMPARE(refused.outcome, Outcome::Refused);
            QVERIFY2(refused.message.contains(QString::fromUtf8(expect.message)),
                     qPrintable(refused.message));
            QCOMPARE(refused.line, expect.line);
        }
        const CargoConfigFile::Edit edit = CargoConfigFile::enable(original, registry, force);
        QCOMPARE(edit.outcome, Outcome::Changed);
        enabled = edit.text;
        verifyEnabled(original, enabled, registry);
        QCOMPARE(CargoConfigFile::inspect(enabled).tagged, true);
        // Enabling twice changes nothing; another URL moves the mirror, and disable still
        // restores the original bytes from there.
        QCOMPARE(CargoConfigFile::enable(enabled, registry, false).outcome, Outcome::Unchanged);
        const CargoConfigFile::Edit moved = CargoConfigFile::enable(enabled, other, false);
        QCOMPARE(moved.outcome, Outcome::Changed);
        verifyEnabled(original, moved.text, other);
        QCOMPARE(CargoConfigFile::disable(moved.text).text, original);
        const CargoConfigFile::Edit back = CargoConfigFile::disable(enabled);
        QCOMPARE(back.outcome, Outcome::Changed);
        QCOMPARE(back.text, original);
        QCOMPARE(CargoConfigFile::disable(original).outcome, Outcome::Unchanged);
        break;
    }
    case Expect::Refused:
    case Expect::Unparseable:
        for (const bool force : {false, true}) {
            const CargoConfigFile::Edit edit = CargoConfigFile::enable(original, registry, force);
            QCOMPARE(edit.outcome, Outcome::Refused);
            QVERIFY2(edit.message.contains(QString::fromUtf8(expect.message)),
                     qPrintable(edit.message));
            QCOMPARE(edit.line, expect.line);
            QVERIFY(edit.text.isEmpty());
        }
        QCOMPARE(CargoConfigFile::inspect(original).parses, expect.kind == Expect::Refused);
        QCOMPARE(CargoConfigFile::disable(original).outcome,
                 expect.kind == Expect::Refused ? Outcome::Unchanged : Outcome::Refused);
        return;
    case Expect::AlreadyEnabled: {
        const CargoConfigFile::Edit edit = CargoConfigFile::enable(original, registry, false);
        QCOMPARE(edit.outcome, Outcome::Unchanged);
        QVERIFY2(edit.message.contains(QLatin1String("already")), qPrintable(edit.message));
        const CargoConfigFile::Edit off = CargoConfigFile::disable(original);
        QCOMPARE(off.outcome, Outcome::Changed);
        QVERIFY(!off.text.contains("stowaway"));
        QCOMPARE(CargoConfigFile::enable(off.text, registry, false).text, original);
        enabled = original;
        break;
    }
    case Expect::ByHand: {
        QCOMPARE(CargoConfigFile::enable(original, registry, false).outcome, Outcome::Unchanged);
        const CargoConfigFile::Edit off = CargoConfigFile::disable(original);
        QCOMPARE(off.outcome, Outcome::Unchanged);
        QVERIFY2(off.message.contains(QString::fromUtf8(expect.message)), qPrintable(off.message));
        QCOMPARE(off.line, expect.line);
        const CargoConfigFile::Edit refused = CargoConfigFile::enable(original, other, false);
        QCOMPARE(refused.outcome, Outcome::Refused);
        QCOMPARE(refused.line, expect.line);
        QVERIFY2(
            refused.message.contains(QLatin1String("set by hand (with registry = "
                                                   "\"sparse+http://127.0.0.1:27428/index/\")")),
            qPrintable(refused.message));
        const CargoConfigFile::Edit forced = CargoConfigFile::enable(original, other, true);
        QCOMPARE(forced.outcome, Outcome::Changed);
        verifyEnabled(original, forced.text, other);
        QCOMPARE(CargoConfigFile::disable(forced.text).text, original);
        enabled = original;
        break;
    }
    case Expect::UrlUpdate: {
        const CargoConfigFile::Edit edit = CargoConfigFile::enable(original, registry, false);
        QCOMPARE(edit.outcome, Outcome::Changed);
        QVERIFY2(edit.message.contains(QLatin1String("(was sparse+http://10.0.0.5:8080/index/)")),
                 qPrintable(edit.message));
        const QByteArray base = CargoConfigFile::disable(original).text;
        verifyEnabled(base, edit.text, registry);
        QCOMPARE(CargoConfigFile::disable(edit.text).text, base);
        enabled = edit.text;
        break;
    }
    }

    // Real cargo reads the enabled file as meant: crates-io is replaced by our source.
    const QString said = cargoSays(enabled);
    QVERIFY2(said.contains(
                 QLatin1String("location searched: `stowaway` index (which is replacing registry "
                               "`crates-io`)")),
             qPrintable(said));
}

void TestCargoConfigFile::registryValue_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("registry");
    QTest::newRow("host and port") << "http://127.0.0.1:27428"
                                   << "sparse+http://127.0.0.1:27428/index/";
    QTest::newRow("trailing slash") << "http://127.0.0.1:27428/"
                                    << "sparse+http://127.0.0.1:27428/index/";
    QTest::newRow("index given") << "https://mirror.example.com/index"
                                 << "sparse+https://mirror.example.com/index/";
    QTest::newRow("index slash given") << "https://mirror.example.com/index/"
                                       << "sparse+https://mirror.example.com/index/";
    QTest::newRow("sub path") << "https://example.com/crates//"
                              << "sparse+https://example.com/crates/index/";
    QTest::newRow("sparse prefix accepted") << "sparse+http://[::1]:8080"
                                            << "sparse+http://[::1]:8080/index/";
    QTest::newRow("upper-case scheme") << "HTTP://Example.COM"
                                       << "sparse+http://example.com/index/";
    QTest::newRow("ftp refused") << "ftp://example.com"
                                 << "";
    QTest::newRow("no scheme refused") << "127.0.0.1:27428"
                                       << "";
    QTest::newRow("no host refused") << "http:///index"
                                     << "";
    QTest::newRow("bad port refused") << "http://localhost:99999"
                                      << "";
    QTest::newRow("query refused") << "http://localhost/?a=b"
                                   << "";
    QTest::newRow("user refused") << "http://me@localhost"
                                  << "";
    QTest::newRow("empty refused") << ""
                                   << "";
}

void TestCargoConfigFile::registryValue()
{
    QFETCH(QString, url);
    QFETCH(QString, registry);
    QString error;
    QCOMPARE(CargoConfigFile::registryValue(url, &error), registry);
    QCOMPARE(error.isEmpty(), !registry.isEmpty());
    if (!error.isEmpty())
        QVERIFY2(error.contains(QLatin1String("http://HOST[:PORT]")), qPrintable(error));
}

void TestCargoConfigFile::insertsIntoExistingCratesIoTable()
{
    const QByteArray original = "[source.crates-io]\n# nothing here\n\n[build]\njobs = 1\n";
    const QString registry = CargoConfigFile::registryValue(QStringLiteral("http://h:1"));
    const CargoConfigFile::Edit edit = CargoConfigFile::enable(original, registry, false);
    QCOMPARE(edit.outcome, Outcome::Changed);
    QVERIFY2(edit.text.startsWith("[source.crates-io]\nreplace-with = \"stowaway\" # added by "
                                  "stowaway\n# nothing here\n"),
             edit.text.constData());
    QCOMPARE(edit.text.count("[source.crates-io]"), 1);
    QVERIFY(edit.text.endsWith("[source.stowaway] # added by stowaway\nregistry = "
                               "\"sparse+http://h:1/index/\" # added by stowaway\n"));
}

void TestCargoConfigFile::forceKeepsForeignLineAsComment()
{
    const QByteArray original = "[source.crates-io]\n  replace-with = \"vendored\"  # mine\n";
    const QString registry = CargoConfigFile::registryValue(QStringLiteral("http://h:1"));
    const CargoConfigFile::Edit edit = CargoConfigFile::enable(original, registry, true);
    QCOMPARE(edit.outcome, Outcome::Changed);
    QVERIFY2(edit.text.startsWith("[source.crates-io]\n#stowaway-disabled#   replace-with = "
                                  "\"vendored\"  # mine\n  replace-with = \"stowaway\" # added by "
                                  "stowaway\n"),
             edit.text.constData());
    QCOMPARE(CargoConfigFile::disable(edit.text).text, original);
}

void TestCargoConfigFile::addsDottedKeyBesideDottedCratesIo()
{
    const QByteArray original = "[source]\n  \"crates-io\".x = [\n  1,\n]\n[b]\n";
    const QString registry = CargoConfigFile::registryValue(QStringLiteral("http://h:1"));
    const CargoConfigFile::Edit edit = CargoConfigFile::enable(original, registry, false);
    QCOMPARE(edit.outcome, Outcome::Changed);
    QVERIFY2(
        edit.text.startsWith("[source]\n  \"crates-io\".x = [\n  1,\n]\n  "
                             "crates-io.replace-with = \"stowaway\" # added by stowaway\n[b]\n"),
        edit.text.constData());
    QCOMPARE(CargoConfigFile::disable(edit.text).text, original);
}

void TestCargoConfigFile::combinedFilesNeverBreak()
{
    // Every pair of corpus files that is still valid TOML when joined: enable (forced)
    // either refuses or gives a file that checks out, and disable restores it exactly.
    const QDir dir(corpusDir());
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    const QString registry = CargoConfigFile::registryValue(QStringLiteral("http://h:1"));
    int changed = 0;
    int refused = 0;
    for (const QString &first : files) {
        for (const QString &second : files) {
            const QByteArray joined =
                readAll(dir.filePath(first)) + "\n" + readAll(dir.filePath(second));
            if (!CargoConfigFile::inspect(joined).parses)
                continue;
            const CargoConfigFile::Edit edit = CargoConfigFile::enable(joined, registry, true);
            const QString what =
                first + QStringLiteral(" + ") + second + QStringLiteral(": ") + edit.message;
            QVERIFY2(edit.outcome != Outcome::Failed, qPrintable(what));
            if (edit.outcome == Outcome::Refused) {
                ++refused;
                continue;
            }
            if (edit.outcome == Outcome::Unchanged)
                continue;
            ++changed;
            QCOMPARE(tomlString(edit.text, "source", "crates-io", "replace-with"),
                     QStringLiteral("stowaway"));
            const QByteArray base = CargoConfigFile::inspect(joined).tagged
                                        ? CargoConfigFile::disable(joined).text
                                        : joined;
            QVERIFY2(CargoConfigFile::disable(edit.text).text == base, qPrintable(what));
        }
    }
    QVERIFY(changed > 100);
    qDebug() << changed << "pairs enabled," << refused << "refused";
}

void TestCargoConfigFile::refusesWhenSettingsSitInsideOurTables()
{
    const QString registry = CargoConfigFile::registryValue(QStringLiteral("http://h:1"));
    const QByteArray enabled = CargoConfigFile::enable("[build]\njobs = 1\n", registry, false).text;
    // A person appended a key after our lines: it now belongs to [source.stowaway].
    const QByteArray edited = enabled + "protocol = \"sparse\"\n";
    for (const CargoConfigFile::Edit &edit :
         {CargoConfigFile::disable(edited),
          CargoConfigFile::enable(
              edited, CargoConfigFile::registryValue(QStringLiteral("http://o")), false)}) {
        QCOMPARE(edit.outcome, Outcome::Refused);
        QVERIFY2(edit.message.startsWith(QLatin1String("settings were added between the lines "
                                                       "ending in '# added by stowaway'")),
                 qPrintable(edit.message));
        QVERIFY(edit.text.isEmpty());
    }
    // A table of their own after ours is fine.
    const QByteArray tableAfter = enabled + "[net]\nretry = 1\n";
    QCOMPARE(CargoConfigFile::disable(tableAfter).text,
             QByteArray("[build]\njobs = 1\n[net]\nretry = 1\n"));
}

void TestCargoConfigFile::locateFollowsCargo()
{
    const QDir dir(corpusDir());
    QCOMPARE(CargoConfigFile::locate(dir.filePath(QStringLiteral("home-config-only"))),
             dir.filePath(QStringLiteral("home-config-only/config")));
    QCOMPARE(CargoConfigFile::locate(dir.filePath(QStringLiteral("home-both"))),
             dir.filePath(QStringLiteral("home-both/config")));
    QCOMPARE(CargoConfigFile::locate(dir.filePath(QStringLiteral("no-such-home"))),
             dir.filePath(QStringLiteral("no-such-home/config.toml")));
}

QTEST_GUILESS_MAIN(TestCargoConfigFile)
#include "tst_cargoconfigfile.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratearchive.h"
#include "indexpath.h"
#include "testregistry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

// Runs a command line tool with a bounded wait; returns its exit code, -1 on failure.
int run(const QString &program, const QStringList &arguments, QByteArray *output = nullptr)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return -1;
    if (output)
        *output = process.readAllStandardOutput();
    return process.exitCode();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestTestRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void crateFileIsValidTarball_data();
    void crateFileIsValidTarball();
    void checksumMatchesFileOnDisk();
    void indexLinesFollowCratesIoFormat();
    void indexLineFields();
    void configJsonNamesDownloadTemplate();
    void outputIsDeterministic();
    void longPathsUseUstarPrefix();
    void payloadIsIncompressible();
    void resolve_data();
    void resolve();
    void expectedValueFollowsActiveDependencies();
    void layeredPresetIsConnected();

private:
    QTemporaryDir m_dir;
    QString m_registry;
    TestRegistry m_small = TestRegistry::small();
};

void TestTestRegistry::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_registry = m_dir.filePath(QStringLiteral("registry"));
    QString error;
    QVERIFY2(m_small.writeRegistry(m_registry, QStringLiteral("http://127.0.0.1:9"), &error),
             qPrintable(error));
}

void TestTestRegistry::crateFileIsValidTarball_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    const TestRegistry small = TestRegistry::small();
    for (const QString &name : small.crateNames()) {
        for (const TestCrate *crate : small.versions(name))
            QTest::newRow(qPrintable(name + QLatin1Char('-') + crate->version))
                << name << crate->version;
    }
}

void TestTestRegistry::crateFileIsValidTarball()
{
    QFETCH(QString, name);
    QFETCH(QString, version);
    const QString root = name + QLatin1Char('-') + version;
    const QString file = m_registry + QStringLiteral("/crates/%1/%2.crate").arg(name, root);
    QVERIFY(QFile::exists(file));
    QCOMPARE(run(QStringLiteral("gzip"), {QStringLiteral("-t"), file}), 0);

    QByteArray listing;
    QCOMPARE(run(QStringLiteral("tar"), {QStringLiteral("-tzf"), file}, &listing), 0);
    const QStringList entries =
        QString::fromUtf8(listing).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!entries.isEmpty());
    for (const QString &entry : entries)
        QVERIFY2(entry.startsWith(root + QLatin1Char('/')), qPrintable(entry));

    QTemporaryDir out;
    QCOMPARE(run(QStringLiteral("tar"),
                 {QStringLiteral("-xzf"), file, QStringLiteral("-C"), out.path()}),
             0);
    const QDir unpacked(out.filePath(root));
    const TestCrate *crate = m_small.find(name, version);
    QVERIFY(crate);
    const QByteArray manifest = readFile(unpacked.filePath(QStringLiteral("Cargo.toml")));
    QVERIFY(manifest.contains(QByteArray("name = \"" + name.toUtf8() + '"')));
    QVERIFY(manifest.contains(QByteArray("version = \"" + version.toUtf8() + '"')));
    QVERIFY(manifest.contains("edition = \"2021\""));
    QVERIFY(manifest.contains("path = \"src/lib.rs\""));
    QVERIFY(unpacked.exists(QStringLiteral("Cargo.toml.orig")));
    const QByteArray lib = readFile(unpacked.filePath(QStringLiteral("src/lib.rs")));
    QVERIFY(lib.contains("pub fn value() -> u64"));
    QCOMPARE(unpacked.exists(QStringLiteral("build.rs")), crate->hasBuildScript());
    for (const TestDependency &dep : crate->deps) {
        QVERIFY(manifest.contains(
            QByteArray(dep.alias().toUtf8() + " = { version = \"" + dep.req.toUtf8())));
        if (dep.kind == QLatin1StringView("normal") &&
            (dep.target.isEmpty() || !dep.cfgPredicate().isEmpty()))
            QVERIFY(lib.contains(QByteArray(dep.rustName().toUtf8() + "::value()")));
    }
}

void TestTestRegistry::checksumMatchesFileOnDisk()
{
    for (const QString &name : m_small.crateNames()) {
        const QByteArray index =
            readFile(m_registry + QStringLiteral("/index/") + IndexPath::relativePath(name));
        QCOMPARE(index, m_small.indexFile(name));
        for (const QByteArray &line : index.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            const QString version = object.value(QLatin1StringView("vers")).toString();
            const QByteArray bytes =
                readFile(m_registry + QStringLiteral("/crates/%1/%1-%2.crate").arg(name, version));
            QVERIFY(!bytes.isEmpty());
            QCOMPARE(object.value(QLatin1StringView("cksum")).toString(),
                     QString::fromLatin1(
                         QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
            QCOMPARE(bytes, m_small.crateFile(name, version));
        }
    }
}

void TestTestRegistry::indexLinesFollowCratesIoFormat()
{
    const QStringList keyOrder{
        QStringLiteral("name"),   QStringLiteral("vers"),     QStringLiteral("deps"),
        QStringLiteral("cksum"),  QStringLiteral("features"), QStringLiteral("features2"),
        QStringLiteral("yanked"), QStringLiteral("links"),    QStringLiteral("v")};
    const QRegularExpression topLevelKey(QStringLiteral("[{,]\"([a-z0-9_]+)\":"));
    for (const QString &name : m_small.crateNames()) {
        const QByteArray file = m_small.indexFile(name);
        QVERIFY(file.endsWith('\n'));
        const QList<QByteArray> lines = file.chopped(1).split('\n');
        QCOMPARE(lines.size(), m_small.versions(name).size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(lines[i], &error);
            QVERIFY2(doc.isObject(), qPrintable(error.errorString()));
            QCOMPARE(doc.object().value(QLatin1StringView("name")).toString(), name);
            // Publish order is kept.
            QCOMPARE(doc.object().value(QLatin1StringView("vers")).toString(),
                     m_small.versions(name).at(i)->version);
            // Top-level keys appear in crates.io's order (dependency keys are nested, so
            // only keys of the outer object are collected: strip the deps array first).
            QString outer = QString::fromUtf8(lines[i]);
            outer.remove(QRegularExpression(QStringLiteral("\"deps\":\\[.*?\\](?=,\"cksum\")")));
            outer.replace(QStringLiteral("\"cksum\""), QStringLiteral("\"deps\":[],\"cksum\""));
            outer.remove(QRegularExpression(QStringLiteral("\\[[^\\]]*\\]")));
            QStringList seen;
            for (auto it = topLevelKey.globalMatch(outer); it.hasNext();) {
                const QString key = it.next().captured(1);
                if (keyOrder.contains(key))
                    seen.append(key);
            }
            QVERIFY2(seen.size() >= 6, qPrintable(seen.join(QLatin1Char(','))));
            for (qsizetype k = 1; k < seen.size(); ++k)
                QVERIFY2(keyOrder.indexOf(seen[k - 1]) < keyOrder.indexOf(seen[k]),
                         qPrintable(seen.join(QLatin1Char(','))));
        }
    }
}

void TestTestRegistry::indexLineFields()
{
    const auto object = [this](const char *name, const char *version) {
        const TestCrate *crate = m_small.find(QLatin1String(name), QLatin1String(version));
        return crate ? QJsonDocument::fromJson(m_small.indexLine(*crate)).object() : QJsonObject();
    };
    const QByteArray renamerLine =
        m_small.indexLine(*m_small.find(QStringLiteral("renamer"), QStringLiteral("1.0.0")));
    QVERIFY2(
        renamerLine.contains("\"deps\":[{\"name\":\"base-alias\",\"req\":\"^1.1\",\"features\":[],"
                             "\"optional\":false,\"default_features\":true,\"target\":null,"
                             "\"kind\":\"normal\",\"package\":\"base\"}]"),
        renamerLine.constData());
    QCOMPARE(object("base", "1.3.0").value(QLatin1StringView("yanked")).toBool(), true);
    QCOMPARE(object("base", "1.2.0").value(QLatin1StringView("yanked")).toBool(), false);
    QCOMPARE(object("builder", "1.0.0").value(QLatin1StringView("links")).toString(),
             QStringLiteral("stowaway_builder"));
    const QJsonArray builderDeps =
        object("builder", "1.0.0").value(QLatin1StringView("deps")).toArray();
    QCOMPARE(builderDeps.size(), 2);
    QCOMPARE(builderDeps.at(0).toObject().value(QLatin1StringView("kind")).toString(),
             QStringLiteral("normal"));
    QCOMPARE(builderDeps.at(1).toObject().value(QLatin1StringView("kind")).toString(),
             QStringLiteral("build"));
    const QJsonObject extras = object("extras", "1.0.0");
    QCOMPARE(extras.value(QLatin1StringView("v")).toInt(), 2);
    QCOMPARE(extras.value(QLatin1StringView("features2"))
                 .toObject()
                 .value(QLatin1StringView("fancy-mode")),
             QJsonArray{QStringLiteral("dep:fancy")});
    QVERIFY(extras.value(QLatin1StringView("features"))
                .toObject()
                .contains(QLatin1StringView("default")));
    QCOMPARE(extras.value(QLatin1StringView("deps"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1StringView("optional")),
             QJsonValue(true));
    const QJsonArray platformDeps =
        object("platform", "1.0.0").value(QLatin1StringView("deps")).toArray();
    QSet<QString> targets;
    for (const QJsonValue &dep : platformDeps)
        targets.insert(dep.toObject().value(QLatin1StringView("target")).toString());
    QCOMPARE(targets, (QSet<QString>{QStringLiteral("cfg(windows)"), QStringLiteral("cfg(unix)")}));
    QVERIFY(!object("metaver", "0.3.1+meta").isEmpty());
    QVERIFY(QFile::exists(m_registry + QStringLiteral("/index/bi/gn/bigname")));
    QVERIFY(QFile::exists(m_registry + QStringLiteral("/crates/BigName/BigName-1.0.0.crate")));
}

void TestTestRegistry::configJsonNamesDownloadTemplate()
{
    const QJsonObject config =
        QJsonDocument::fromJson(readFile(m_registry + QStringLiteral("/index/config.json")))
            .object();
    QCOMPARE(config.value(QLatin1StringView("dl")).toString(),
             QStringLiteral("http://127.0.0.1:9/crates/{crate}/{crate}-{version}.crate"));
    QCOMPARE(config.value(QLatin1StringView("api")).toString(),
             QStringLiteral("http://127.0.0.1:9"));
}

void TestTestRegistry::outputIsDeterministic()
{
    QTemporaryDir other;
    QString error;
    QVERIFY2(TestRegistry::small().writeRegistry(other.path(), QStringLiteral("http://127.0.0.1:9"),
                                                 &error),
             qPrintable(error));
    int compared = 0;
    for (QDirIterator it(m_registry, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        const QString path = it.next();
        const QString relative = QDir(m_registry).relativeFilePath(path);
        QCOMPARE(readFile(other.filePath(relative)), readFile(path));
        ++compared;
    }
    // Every crate file, every index file and config.json.
    QCOMPARE(compared, m_small.versionCount() + m_small.crateNames().size() + 1);
}

void TestTestRegistry::longPathsUseUstarPrefix()
{
    const QString longDir = QStringLiteral("some-crate-1.0.0/") + QString(90, QLatin1Char('d'));
    const QString longPath =
        longDir + QLatin1Char('/') + QString(60, QLatin1Char('f')) + QStringLiteral(".rs");
    QVERIFY(longPath.size() > 100);
    CrateArchive archive;
    archive.addFile(longPath, "fn main() {}\n");
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("long.crate")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(archive.crateBytes());
    file.close();
    QByteArray listing;
    QCOMPARE(run(QStringLiteral("tar"), {QStringLiteral("-tzf"), file.fileName()}, &listing), 0);
    QCOMPARE(listing, longPath.toUtf8() + '\n');
    QCOMPARE(archive.tarBytes().size() % 512, 0);
}

void TestTestRegistry::payloadIsIncompressible()
{
    TestRegistry registry;
    registry.addVersion(QStringLiteral("bigdata"), QStringLiteral("1.0.0")).withPayload(1 << 20);
    const QByteArray bytes = registry.crateFile(QStringLiteral("bigdata"), QStringLiteral("1.0.0"));
    QVERIFY2(bytes.size() > (1 << 20), QByteArray::number(bytes.size()).constData());
    QVERIFY(bytes.size() < (1 << 20) + 64 * 1024);
}

void TestTestRegistry::resolve_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("req");
    QTest::addColumn<QString>("version");
    QTest::newRow("caret skips yanked and pre-release") << "base"
                                                        << "^1"
                                                        << "1.2.0";
    QTest::newRow("caret minor") << "base"
                                 << "^1.1"
                                 << "1.2.0";
    QTest::newRow("tilde") << "base"
                           << "~1.1"
                           << "1.1.0";
    QTest::newRow("exact") << "base"
                           << "=1.0.0"
                           << "1.0.0";
    QTest::newRow("exact yanked is not resolved") << "base"
                                                  << "=1.3.0"
                                                  << "";
    QTest::newRow("range") << "base"
                           << ">=1.0.0, <1.2.0"
                           << "1.1.0";
    QTest::newRow("pre-release named") << "base"
                                       << "^2.0.0-beta.1"
                                       << "2.0.0-beta.1";
    QTest::newRow("no match") << "base"
                              << "^3"
                              << "";
    QTest::newRow("build metadata") << "metaver"
                                    << "^0.3"
                                    << "0.3.1+meta";
    QTest::newRow("zero major caret") << "codegen"
                                      << "^0.2.0"
                                      << "0.2.1";
    QTest::newRow("star") << "codegen"
                          << "*"
                          << "0.2.1";
    QTest::newRow("unknown crate") << "nothing"
                                   << "^1"
                                   << "";
}

void TestTestRegistry::resolve()
{
    QFETCH(QString, name);
    QFETCH(QString, req);
    QFETCH(QString, version);
    const TestCrate *crate = m_small.resolve(name, req);
    QCOMPARE(crate ? crate->version : QString(), version);
}

void TestTestRegistry::expectedValueFollowsActiveDependencies()
{
    const auto value = [this](const char *name, const char *version,
                              const QStringList &features = {}) {
        return m_small.expectedValue(*m_small.find(QLatin1String(name), QLatin1String(version)),
                                     features);
    };
    const quint64 base = m_small.find(QStringLiteral("base"), QStringLiteral("1.2.0"))->constant;
    QCOMPARE(value("left", "1.0.0"),
             m_small.find(QStringLiteral("left"), QStringLiteral("1.0.0"))->constant + base);
    const quint64 platformOwn =
        m_small.find(QStringLiteral("platform"), QStringLiteral("1.0.0"))->constant;
    const quint64 unixOwn =
        m_small.find(QStringLiteral("unixonly"), QStringLiteral("0.1.0"))->constant;
#ifdef Q_OS_UNIX
    QCOMPARE(value("platform", "1.0.0"), platformOwn + unixOwn);
#endif
    const quint64 extrasOwn =
        m_small.find(QStringLiteral("extras"), QStringLiteral("1.0.0"))->constant;
    const quint64 fancy = m_small.find(QStringLiteral("fancy"), QStringLiteral("1.0.0"))->constant;
    QCOMPARE(value("extras", "1.0.0"), extrasOwn);
    QCOMPARE(value("extras", "1.0.0", {QStringLiteral("fancy-mode")}), extrasOwn + fancy);
    const quint64 codegen =
        m_small.find(QStringLiteral("codegen"), QStringLiteral("0.2.1"))->constant;
    QCOMPARE(value("builder", "1.0.0"),
             m_small.find(QStringLiteral("builder"), QStringLiteral("1.0.0"))->constant + codegen +
                 base);
}

void TestTestRegistry::layeredPresetIsConnected()
{
    const TestRegistry layered = TestRegistry::layered(150, 3);
    QCOMPARE(layered.crateNames().size(), 150);
    QCOMPARE(layered.versionCount(), 450);
    // Walk the newest versions from the root dependencies: nearly every crate is reached.
    QSet<QString> reached;
    QStringList pending;
    for (const TestDependency &dep : layered.rootDependencies())
        pending.append(dep.name);
    while (!pending.isEmpty()) {
        const QString name = pending.takeLast();
        if (reached.contains(name))
            continue;
        reached.insert(name);
        const TestCrate *crate = layered.resolve(name, QStringLiteral("^1.0"));
        QVERIFY(crate);
        QCOMPARE(crate->version, QStringLiteral("1.2.0"));
        QVERIFY(crate->deps.isEmpty() || (crate->deps.size() >= 2 && crate->deps.size() <= 4));
        for (const TestDependency &dep : crate->deps)
            pending.append(dep.name);
    }
    QVERIFY2(reached.size() >= 140, QByteArray::number(reached.size()).constData());
}

QTEST_GUILESS_MAIN(TestTestRegistry)
#include "tst_testregistry.moc"

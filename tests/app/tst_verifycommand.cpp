// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorstore.h"
#include "verifycommand.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

namespace {

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

QByteArray crateBytes(const QString &name, const QString &version)
{
    return QByteArray("crate ") + name.toUtf8() + ' ' + version.toUtf8() + QByteArray(500, 'z');
}

QByteArray indexLine(const QString &name, const QString &version)
{
    return "{\"name\":\"" + name.toUtf8() + "\",\"vers\":\"" + version.toUtf8() +
           "\",\"deps\":[],\"cksum\":\"" +
           QCryptographicHash::hash(crateBytes(name, version), QCryptographicHash::Sha256).toHex() +
           "\",\"features\":{},\"yanked\":false}\n";
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestVerifyCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanMirror();
    void deletedFileFoundThenRepaired();
    void strayFileKeepsExitOne();
    void exitCodes_data();
    void exitCodes();
    void textReportLimitsProblems();

private:
    Result run(const QStringList &arguments) const;
    QString mirror() const { return m_dir->filePath(QStringLiteral("mirror")); }
    MirrorLayout layout() const { return MirrorLayout(mirror()); }
    void populate();
    std::unique_ptr<QTemporaryDir> m_dir;
};

Result TestVerifyCommand::run(const QStringList &arguments) const
{
    QProcess process;
    process.start(qEnvironmentVariable("STOWAWAY_BIN"),
                  QStringList{QStringLiteral("--mirror"), mirror(), QStringLiteral("verify")} +
                      arguments);
    Result result;
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestVerifyCommand::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("STOWAWAY_BIN")), "STOWAWAY_BIN is not set");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestVerifyCommand::populate()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const QString name = QStringLiteral("checked");
    const QStringList versions{QStringLiteral("1.0.0"), QStringLiteral("1.1.0")};
    QVERIFY(store.putUpstreamIndex(
        name, indexLine(name, versions[0]) + indexLine(name, versions[1]), {}, {}, &error));
    for (const QString &version : versions)
        QVERIFY2(store.putCrate(name, version, crateBytes(name, version), &error),
                 qPrintable(error));
}

void TestVerifyCommand::cleanMirror()
{
    populate();
    Result result = run({});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("Checked 2 stored versions: 2 ok, 0 missing, 0 corrupt."),
             result.out.constData());
    QVERIFY(result.out.contains("The mirror is consistent."));
    result = run({QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = result.json();
    QCOMPARE(json.value(QStringLiteral("checked")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("ok")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("clean")).toBool(), true);
    QVERIFY(json.value(QStringLiteral("problems")).toArray().isEmpty());
}

void TestVerifyCommand::deletedFileFoundThenRepaired()
{
    populate();
    const QString gone = layout().crateFile(QStringLiteral("checked"), QStringLiteral("1.0.0"));
    const QString served = layout().servedIndexFile(QStringLiteral("checked"));
    QVERIFY(QFile::remove(gone));
    const QByteArray servedBefore = readFile(served);

    Result result = run({QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 1);
    QJsonObject json = result.json();
    QCOMPARE(json.value(QStringLiteral("missing")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("clean")).toBool(), false);
    const QJsonObject problem = json.value(QStringLiteral("problems")).toArray().at(0).toObject();
    QCOMPARE(problem.value(QStringLiteral("kind")).toString(), QStringLiteral("missing"));
    QCOMPARE(problem.value(QStringLiteral("path")).toString(), gone);
    QCOMPARE(problem.value(QStringLiteral("repaired")).toBool(), false);
    QCOMPARE(readFile(served), servedBefore); // report only

    result = run({QStringLiteral("--repair")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(gone.toUtf8()), result.out.constData());
    QVERIFY(result.out.contains("[repaired]"));
    QVERIFY(result.out.contains("1 version must be downloaded again"));
    QCOMPARE(readFile(served), indexLine(QStringLiteral("checked"), QStringLiteral("1.1.0")));

    result = run({QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    json = result.json();
    QCOMPARE(json.value(QStringLiteral("checked")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("awaiting_download")).toInt(), 1);
}

void TestVerifyCommand::strayFileKeepsExitOne()
{
    populate();
    const QString stray = layout().cratesDir() + QStringLiteral("/checked/README");
    {
        QFile file(stray);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("mine");
    }
    Result result = run({QStringLiteral("--repair"), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.json().value(QStringLiteral("stray")).toInt(), 1);
    QVERIFY(QFile::exists(stray)); // never deleted silently
    QVERIFY(QFile::remove(stray));
    QCOMPARE(run({}).exitCode, 0);
}

void TestVerifyCommand::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("toml");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("empty mirror") << QStringList() << QByteArray() << 0 << "";
    QTest::newRow("bad flag") << QStringList{QStringLiteral("--fix")} << QByteArray() << 2 << "fix";
    QTest::newRow("extra argument")
        << QStringList{QStringLiteral("serde")} << QByteArray() << 2 << "takes no arguments";
    QTest::newRow("broken toml") << QStringList{QStringLiteral("--repair")}
                                 << QByteArray("[sync]\ndev-deps = 1\n") << 1
                                 << "mirror.toml line 2: sync.dev-deps";
}

void TestVerifyCommand::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, toml);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);
    if (!toml.isEmpty()) {
        QVERIFY(QDir().mkpath(mirror()));
        QFile file(layout().configFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toml);
    }
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(result.err).contains(stderrContains), result.err.constData());
}

void TestVerifyCommand::textReportLimitsProblems()
{
    VerifyReport report;
    report.checked = 30;
    report.missing = 30;
    for (int i = 0; i < 30; ++i)
        report.problems.append({VerifyProblem::Kind::MissingFile, QStringLiteral("c"),
                                QStringLiteral("1.0.%1").arg(i), QStringLiteral("/m/c-%1").arg(i),
                                QStringLiteral("gone"), false});
    const QString text = VerifyCommand::toText(report, 20);
    QCOMPARE(text.count(QStringLiteral("missing: /m/c-")), 20);
    QVERIFY(text.contains(QStringLiteral("…and 10 more")));
    QVERIFY(text.contains(QStringLiteral("stowaway verify --repair")));
}

QTEST_GUILESS_MAIN(TestVerifyCommand)
#include "tst_verifycommand.moc"

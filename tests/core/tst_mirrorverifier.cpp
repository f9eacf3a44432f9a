// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2etools.h"
#include "mirrorstate.h"
#include "mirrorstore.h"
#include "mirrorverifier.h"
#include "servedindexwriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

const QString crateName = QStringLiteral("demo");
const QStringList allVersions{QStringLiteral("1.0.0"), QStringLiteral("1.1.0"),
                              QStringLiteral("1.2.0")};
const QStringList storedVersions{QStringLiteral("1.0.0"), QStringLiteral("1.1.0")};

QByteArray crateBytes(const QString &version)
{
    QByteArray bytes = "demo crate " + version.toUtf8() + '\n';
    while (bytes.size() < 1024)
        bytes += QCryptographicHash::hash(bytes.right(32), QCryptographicHash::Sha256);
    return bytes.left(1024);
}

QByteArray indexLine(const QString &version)
{
    return "{\"name\":\"demo\",\"vers\":\"" + version.toUtf8() + "\",\"deps\":[],\"cksum\":\"" +
           QCryptographicHash::hash(crateBytes(version), QCryptographicHash::Sha256).toHex() +
           "\",\"features\":{},\"yanked\":false}";
}

QByteArray servedFor(const QStringList &versions)
{
    QByteArray served;
    for (const QString &version : versions)
        served += indexLine(version) + '\n';
    return served;
}

/// What a row does to the mirror before verifying.
enum class Damage {
    MissingFile,
    DamagedFile,
    StrayGoodFile,
    StrayBadFile,
    StrayUnnamedFile,
    StaleServedFile,
    ServedFileGone,
    NothingStoredServed,
    UnknownServedFile
};

} // namespace

class TestMirrorVerifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void findsAndRepairs_data();
    void findsAndRepairs();
    void notOpen();

private:
    MirrorLayout layout() const { return MirrorLayout(m_dir->path() + QStringLiteral("/mirror")); }
    QString quarantine() const { return m_dir->path() + QStringLiteral("/elsewhere"); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMirrorVerifier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // Populated through the store: three versions known, the first two stored.
    MirrorStore store{layout()};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY2(store.putUpstreamIndex(crateName, servedFor(allVersions), QStringLiteral("\"e1\""), {},
                                    &error),
             qPrintable(error));
    // A crate whose index was fetched but none of whose versions is stored.
    QVERIFY2(
        store.putUpstreamIndex(QStringLiteral("idle"), "{\"name\":\"idle\"}\n", {}, {}, &error),
        qPrintable(error));
    for (const QString &version : storedVersions)
        QVERIFY2(store.putCrate(crateName, version, crateBytes(version), &error),
                 qPrintable(error));
}

void TestMirrorVerifier::findsAndRepairs_data()
{
    QTest::addColumn<Damage>("damage");
    QTest::addColumn<bool>("repair");
    QTest::addColumn<VerifyProblem::Kind>("kind");
    QTest::addColumn<QString>("version");     // of the problem; empty when about no version
    QTest::addColumn<bool>("repairable");     // whether repair fixes it
    QTest::addColumn<QString>("stateAfter");  // of `version` after repair
    QTest::addColumn<QStringList>("served");  // the served versions after repair
    QTest::addColumn<QString>("detailStart"); // how the problem's detail begins

    const QString stored = QStringLiteral("stored");
    for (const bool repair : {false, true}) {
        const char *suffix = repair ? " repaired" : " reported";
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::newRow(qPrintable(QLatin1String(name) + QLatin1String(suffix)));
        };
        row("missing file") << Damage::MissingFile << repair << VerifyProblem::Kind::MissingFile
                            << allVersions[0] << true << QStringLiteral("missing")
                            << QStringList{allVersions[1]}
                            << QStringLiteral("the state says stored");
        row("damaged file") << Damage::DamagedFile << repair << VerifyProblem::Kind::CorruptFile
                            << allVersions[1] << true << QStringLiteral("corrupt")
                            << QStringList{allVersions[0]} << QStringLiteral("expected sha256 ");
        row("stray good file") << Damage::StrayGoodFile << repair
                               << VerifyProblem::Kind::AdoptableFile << allVersions[2] << true
                               << stored << allVersions
                               << QStringLiteral("a good copy of a known version");
        row("stray bad file") << Damage::StrayBadFile << repair << VerifyProblem::Kind::StrayFile
                              << allVersions[2] << false << QStringLiteral("known")
                              << storedVersions << QStringLiteral("its checksum does not match");
        row("stray unnamed file") << Damage::StrayUnnamedFile << repair
                                  << VerifyProblem::Kind::StrayFile << QString() << false
                                  << QString() << storedVersions
                                  << QStringLiteral("no version in the mirror's state");
        row("stale served file") << Damage::StaleServedFile << repair
                                 << VerifyProblem::Kind::ServedOutOfDate << QString() << true
                                 << QString() << storedVersions
                                 << QStringLiteral("does not match the stored versions");
        row("served file gone") << Damage::ServedFileGone << repair
                                << VerifyProblem::Kind::ServedOutOfDate << QString() << true
                                << QString() << storedVersions
                                << QStringLiteral("not served, but versions of it are stored");
        row("served with nothing stored")
            << Damage::NothingStoredServed << repair << VerifyProblem::Kind::ServedOutOfDate
            << QString() << true << QString() << storedVersions
            << QStringLiteral("served, but no version of it is stored");
        row("unknown served file")
            << Damage::UnknownServedFile << repair << VerifyProblem::Kind::ServedOutOfDate
            << QString() << true << QString() << storedVersions
            << QStringLiteral("served, but the mirror's state has no");
    }
}

void TestMirrorVerifier::findsAndRepairs()
{
    QFETCH(Damage, damage);
    QFETCH(bool, repair);
    QFETCH(VerifyProblem::Kind, kind);
    QFETCH(QString, version);
    QFETCH(bool, repairable);
    QFETCH(QString, stateAfter);
    QFETCH(QStringList, served);
    QFETCH(QString, detailStart);

    const MirrorLayout mirror = layout();
    const QString servedPath = mirror.servedIndexFile(crateName);
    const QString ghostPath = mirror.servedIndexFile(QStringLiteral("ghost"));
    const QString idlePath = mirror.servedIndexFile(QStringLiteral("idle"));
    QString problemPath;
    switch (damage) {
    case Damage::MissingFile:
        problemPath = mirror.crateFile(crateName, version);
        QVERIFY(QFile::remove(problemPath));
        break;
    case Damage::DamagedFile: {
        problemPath = mirror.crateFile(crateName, version);
        QByteArray bytes = readFile(problemPath);
        bytes[10] = static_cast<char>(bytes[10] ^ 0x01);
        QVERIFY(writeFile(problemPath, bytes));
        break;
    }
    case Damage::StrayGoodFile:
        problemPath = mirror.crateFile(crateName, version);
        QVERIFY(writeFile(problemPath, crateBytes(version)));
        break;
    case Damage::StrayBadFile:
        problemPath = mirror.crateFile(crateName, version);
        QVERIFY(writeFile(problemPath, "not this version's bytes"));
        break;
    case Damage::StrayUnnamedFile:
        problemPath = mirror.cratesDir() + QStringLiteral("/notes.txt");
        QVERIFY(writeFile(problemPath, "mine"));
        break;
    case Damage::StaleServedFile:
        problemPath = servedPath;
        QVERIFY(writeFile(problemPath, servedFor(allVersions)));
        break;
    case Damage::ServedFileGone:
        problemPath = servedPath;
        QVERIFY(QFile::remove(problemPath));
        break;
    case Damage::NothingStoredServed:
        problemPath = idlePath;
        QVERIFY(writeFile(problemPath, "{\"name\":\"idle\"}\n"));
        break;
    case Damage::UnknownServedFile:
        problemPath = ghostPath;
        QVERIFY(writeFile(problemPath, "{}\n"));
        break;
    }
    const QByteArray damagedBytes = readFile(problemPath);
    const auto before = fileSnapshot(mirror.root(), {QStringLiteral("state.sqlite")});

    MirrorState state;
    QString error;
    QVERIFY2(state.open(mirror.stateDatabase(), &error), qPrintable(error));
    ServedIndexWriter writer(mirror, state);
    MirrorVerifier verifier(mirror, state, writer, quarantine());
    QList<qint64> progress;
    const VerifyReport report = verifier.run(repair, [&progress](qint64 done, qint64 total) {
        QCOMPARE(total, storedVersions.size());
        progress.append(done);
    });

    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QCOMPARE(report.repair, repair);
    QCOMPARE(progress, (QList<qint64>{1, 2}));
    QCOMPARE(report.checked, storedVersions.size());
    QCOMPARE(report.problems.size(), 1);
    const VerifyProblem &problem = report.problems.constFirst();
    QCOMPARE(problem.kind, kind);
    QCOMPARE(problem.path, problemPath);
    QCOMPARE(problem.version, version);
    QCOMPARE(problem.crate, damage == Damage::StrayUnnamedFile      ? QString()
                            : damage == Damage::UnknownServedFile   ? QStringLiteral("ghost")
                            : damage == Damage::NothingStoredServed ? QStringLiteral("idle")
                                                                    : crateName);
    QVERIFY2(problem.detail.startsWith(detailStart), qPrintable(problem.detail));
    QCOMPARE(problem.repaired, repair && repairable);
    QCOMPARE(report.clean(), repair && repairable);
    const qint64 hashedBad =
        (kind == VerifyProblem::Kind::MissingFile || kind == VerifyProblem::Kind::CorruptFile) ? 1
                                                                                               : 0;
    QCOMPARE(report.ok, storedVersions.size() - hashedBad);
    QCOMPARE(report.missing, kind == VerifyProblem::Kind::MissingFile ? 1 : 0);
    QCOMPARE(report.corrupt, kind == VerifyProblem::Kind::CorruptFile ? 1 : 0);
    QCOMPARE(report.adoptable, kind == VerifyProblem::Kind::AdoptableFile ? 1 : 0);
    QCOMPARE(report.stray, kind == VerifyProblem::Kind::StrayFile ? 1 : 0);
    QCOMPARE(report.servedOutOfDate, kind == VerifyProblem::Kind::ServedOutOfDate ? 1 : 0);
    QCOMPARE(report.upstreamMissing, 0);
    QCOMPARE(report.awaitingDownload, repair ? hashedBad : 0);

    if (!repair) {
        QCOMPARE(fileSnapshot(mirror.root(), {QStringLiteral("state.sqlite")}),
                 before); // reporting changes nothing
        for (const QString &stored : storedVersions)
            QCOMPARE(state.version(crateName, stored)->state, QStringLiteral("stored"));
        return;
    }
    if (!version.isEmpty())
        QCOMPARE(state.version(crateName, version)->state, stateAfter);
    QCOMPARE(readFile(servedPath), servedFor(served));
    QVERIFY(!QFile::exists(ghostPath));
    QVERIFY(!QFile::exists(idlePath));
    if (damage == Damage::DamagedFile) {
        // Out of crates/, kept where the verifier was told to put it.
        QVERIFY(!QFile::exists(problemPath));
        QCOMPARE(readFile(quarantine() + QStringLiteral("/demo-1.1.0.crate")), damagedBytes);
    }
    if (!repairable)
        QCOMPARE(readFile(problemPath), damagedBytes); // stray files are left alone
    // A second pass finds only what repair leaves for the user.
    const VerifyReport again = verifier.run(false);
    QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
    QCOMPARE(again.problems.size(), repairable ? 0 : 1);
}

void TestMirrorVerifier::notOpen()
{
    const MirrorLayout mirror = layout();
    MirrorState state;
    ServedIndexWriter writer(mirror, state);
    MirrorVerifier verifier(mirror, state, writer, quarantine());
    for (const bool repair : {false, true}) {
        const VerifyReport report = verifier.run(repair);
        QCOMPARE(report.error, QStringLiteral("the mirror is not open"));
        QCOMPARE(report.repair, repair);
        QCOMPARE(report.checked, 0);
        QVERIFY(!report.clean());
    }
}

QTEST_GUILESS_MAIN(TestMirrorVerifier)
#include "tst_mirrorverifier.moc"

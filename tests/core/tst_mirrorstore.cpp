// SPDX-License-Identifier: GPL-3.0-or-later
#include "crashchild.h"
#include "e2etools.h"
#include "mirrorstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdio>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

QByteArray crateBytes(const QString &name, const QString &version, int size = 2048)
{
    QByteArray bytes = "fake crate " + name.toUtf8() + ' ' + version.toUtf8() + '\n';
    while (bytes.size() < size)
        bytes += QCryptographicHash::hash(bytes.right(32), QCryptographicHash::Sha256);
    return bytes.left(size);
}

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

/// A crates.io-looking line; the odd spacing proves lines are served as fetched.
QByteArray indexLine(const QString &name, const QString &version, bool yanked = false)
{
    return "{\"name\":\"" + name.toUtf8() + "\",\"vers\":\"" + version.toUtf8() +
           "\",\"deps\":[{\"name\":\"libc\",\"req\":\"^0.2\",\"features\":[],\"optional\":false,"
           "\"default_features\":true,\"target\":\"cfg(unix)\",\"kind\":\"normal\"}],  "
           "\"cksum\":\"" +
           sha256(crateBytes(name, version)) +
           "\",\"features\":{\"std\":[]},\"yanked\":" + (yanked ? "true" : "false") + "}";
}

const QStringList crashCrates{QStringLiteral("crash-a"), QStringLiteral("crash-b"),
                              QStringLiteral("crash-c")};
constexpr int crashVersions = 40;

/// An index file for a crash test crate; `yanks` picks which versions are yanked (bit i).
QByteArray crashIndex(const QString &name, quint64 yanks)
{
    QByteArray file;
    for (int i = 0; i < crashVersions; ++i)
        file += indexLine(name, QStringLiteral("1.%1.0").arg(i), (yanks >> i) & 1) + '\n';
    return file;
}

bool report(const char *step, bool ok, const QString &error)
{
    if (!ok)
        std::fprintf(stderr, "child: %s\n", qPrintable(error));
    std::fputs(step, stdout);
    std::fflush(stdout);
    return ok;
}

/// The child process of crashSafety(): writes to the mirror until it is killed. Mostly
/// crates, sometimes a fresh index file with other versions yanked.
int runCrashChild(const QString &mirror)
{
    MirrorStore store{MirrorLayout(mirror)};
    QString error;
    if (!report("open\n", store.open(&error), error))
        return 1;
    QRandomGenerator *random = QRandomGenerator::global();
    for (const QString &name : crashCrates) {
        if (!store.crate(name) &&
            !report("index\n", store.putUpstreamIndex(name, crashIndex(name, 0), {}, {}, &error),
                    error))
            return 1;
    }
    for (;;) {
        const QString name = crashCrates.at(random->bounded(crashCrates.size()));
        if (random->bounded(8) == 0) {
            if (!report("index\n",
                        store.putUpstreamIndex(name, crashIndex(name, random->generate64()),
                                               QStringLiteral("\"e\""), {}, &error),
                        error))
                return 1;
            continue;
        }
        const QString version = QStringLiteral("1.%1.0").arg(random->bounded(crashVersions));
        if (!report("crate\n", store.putCrate(name, version, crateBytes(name, version), &error),
                    error))
            return 1;
    }
}

} // namespace

class TestMirrorStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void openCreatesLayout();
    void openErrors();
    void servedHoldsStoredLinesOnly();
    void wrongChecksumRejected();
    void unknownVersionRejected();
    void streamedDownload();
    void yankFlipPropagates();
    void upstreamChecksumChange();
    void summaryCounts();
    void reopenPersists();
    void selectionAndSyncRuns();
    void settingsChange();
    void dirtyServedFileFinishedOnOpen();
    void staleTempsCleanedOnOpen();
    void verifyWithoutRepairChangesNothing();
    void verifyRepair();
    void verifyServedFiles();
    void verifyUpstreamFileGone();
    void crashSafety();
    void crateList();

private:
    QString root() const { return m_dir->filePath(QStringLiteral("mirror")); }
    MirrorLayout layout() const { return MirrorLayout(root()); }
    void populate(MirrorStore &store, const QString &name, const QStringList &versions,
                  const QStringList &stored);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMirrorStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMirrorStore::populate(MirrorStore &store, const QString &name, const QStringList &versions,
                               const QStringList &stored)
{
    QByteArray index;
    for (const QString &version : versions)
        index += indexLine(name, version) + '\n';
    QString error;
    QVERIFY2(store.putUpstreamIndex(name, index, QStringLiteral("\"etag\""), {}, &error),
             qPrintable(error));
    for (const QString &version : stored)
        QVERIFY2(store.putCrate(name, version, crateBytes(name, version), &error),
                 qPrintable(error));
}

void TestMirrorStore::openCreatesLayout()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY(store.isOpen());
    for (const QString &dir : {layout().cratesDir(), layout().servedIndexDir(),
                               layout().upstreamIndexDir(), layout().tempDir()})
        QVERIFY2(QFileInfo(dir).isDir(), qPrintable(dir));
    QVERIFY(QFile::exists(layout().configFile()));
    QVERIFY(QFile::exists(layout().stateDatabase()));
    QCOMPARE(store.config().upstream(), QStringLiteral("sparse+https://index.crates.io/"));
}

void TestMirrorStore::openErrors()
{
    // The mirror folder is a file.
    const QString file = m_dir->filePath(QStringLiteral("plainfile"));
    QVERIFY(writeFile(file, "x"));
    {
        MirrorStore store{MirrorLayout(file)};
        QString error;
        QVERIFY(!store.open(&error));
        QVERIFY2(error.contains(file), qPrintable(error));
        QVERIFY(!store.isOpen());
    }
    // A broken mirror.toml names the file and line.
    QVERIFY(writeFile(layout().configFile(), "[sync]\njobs = \"many\"\n"));
    MirrorStore store{layout()};
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(QLatin1String("mirror.toml line 2: sync.jobs")), qPrintable(error));
}

void TestMirrorStore::servedHoldsStoredLinesOnly()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    const QString name = QStringLiteral("demo");
    const QByteArray l1 = indexLine(name, QStringLiteral("0.1.0"));
    const QByteArray l2 = indexLine(name, QStringLiteral("0.2.0"));
    const QByteArray l3 = indexLine(name, QStringLiteral("1.0.0-rc.1"));
    const QByteArray future = indexLine(name, QStringLiteral("2.0.0")).replace("}", ",\"v\":9}");
    // Upstream file: a broken line and a future-schema line in the middle, no final newline.
    const QByteArray upstream = l1 + "\n{oops\n" + l2 + '\n' + future + '\n' + l3;
    QVERIFY2(store.putUpstreamIndex(name, upstream, QStringLiteral("\"abc\""),
                                    QStringLiteral("Tue, 01 Jan 2030 00:00:00 GMT"), &error),
             qPrintable(error));
    QCOMPARE(readFile(layout().upstreamIndexFile(name)), upstream);
    QVERIFY(!QFile::exists(layout().servedIndexFile(name))); // nothing stored: 404
    QCOMPARE(store.crate(name)->etag, QStringLiteral("\"abc\""));
    QCOMPARE(store.version(name, QStringLiteral("0.2.0"))->state, QStringLiteral("known"));
    QVERIFY(!store.version(name, QStringLiteral("2.0.0")));

    QVERIFY(store.putCrate(name, QStringLiteral("1.0.0-rc.1"),
                           crateBytes(name, QStringLiteral("1.0.0-rc.1")), &error));
    QCOMPARE(readFile(layout().servedIndexFile(name)), l3 + '\n');
    QVERIFY(store.putCrate(name, QStringLiteral("0.1.0"), crateBytes(name, QStringLiteral("0.1.0")),
                           &error));
    // Upstream order, byte-identical lines, each ending in '\n'.
    QCOMPARE(readFile(layout().servedIndexFile(name)), l1 + '\n' + l3 + '\n');
    QCOMPARE(readFile(layout().crateFile(name, QStringLiteral("0.1.0"))),
             crateBytes(name, QStringLiteral("0.1.0")));
    const std::optional<VersionRecord> stored = store.version(name, QStringLiteral("0.1.0"));
    QCOMPARE(stored->state, QStringLiteral("stored"));
    QCOMPARE(stored->size, 2048);
    QVERIFY(QDir(layout().tempDir()).isEmpty());
}

void TestMirrorStore::wrongChecksumRejected()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    populate(store, QStringLiteral("demo"), {QStringLiteral("1.0.0")}, {});
    const QByteArray bad = crateBytes(QStringLiteral("demo"), QStringLiteral("9.9.9"));
    QVERIFY(!store.putCrate(QStringLiteral("demo"), QStringLiteral("1.0.0"), bad, &error));
    QVERIFY2(error.contains(QString::fromLatin1(
                 sha256(crateBytes(QStringLiteral("demo"), QStringLiteral("1.0.0"))))),
             qPrintable(error));
    QVERIFY2(error.contains(QString::fromLatin1(sha256(bad))), qPrintable(error));
    QVERIFY(QDir(layout().cratesDir()).isEmpty());
    QVERIFY(QDir(layout().tempDir()).isEmpty());
    QCOMPARE(store.version(QStringLiteral("demo"), QStringLiteral("1.0.0"))->state,
             QStringLiteral("known"));
    QVERIFY(!QFile::exists(layout().servedIndexFile(QStringLiteral("demo"))));

    // The streaming variant removes the bad download too.
    const QString temp = store.newTempFile(&error);
    QVERIFY(writeFile(temp, bad));
    QVERIFY(!store.putCrateFile(QStringLiteral("demo"), QStringLiteral("1.0.0"), temp, &error));
    QVERIFY(error.contains(QLatin1String("damaged")));
    QVERIFY(!QFile::exists(temp));
    QVERIFY(QDir(layout().cratesDir()).isEmpty());
}

void TestMirrorStore::unknownVersionRejected()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    populate(store, QStringLiteral("demo"), {QStringLiteral("1.0.0")}, {});
    QVERIFY(!store.putCrate(QStringLiteral("demo"), QStringLiteral("2.0.0"),
                            crateBytes(QStringLiteral("demo"), QStringLiteral("2.0.0")), &error));
    QVERIFY2(error.contains(QLatin1String("demo 2.0.0")), qPrintable(error));
    QVERIFY(!store.putCrate(QStringLiteral("other"), QStringLiteral("1.0.0"), "x", &error));
    QVERIFY(error.contains(QLatin1String("fetch its index file first")));
    QVERIFY(QDir(layout().cratesDir()).isEmpty());
}

void TestMirrorStore::streamedDownload()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    populate(store, QStringLiteral("Inflector"), {QStringLiteral("0.11.4")}, {});
    const QString temp = store.newTempFile(&error);
    QVERIFY2(temp.startsWith(layout().tempDir()), qPrintable(temp));
    QVERIFY(writeFile(temp, crateBytes(QStringLiteral("Inflector"), QStringLiteral("0.11.4"))));
    // Any spelling finds the crate; the file uses the index's spelling.
    QVERIFY2(
        store.putCrateFile(QStringLiteral("inflector"), QStringLiteral("0.11.4"), temp, &error),
        qPrintable(error));
    QVERIFY(!QFile::exists(temp));
    QVERIFY(
        QFile::exists(layout().crateFile(QStringLiteral("Inflector"), QStringLiteral("0.11.4"))));
    QCOMPARE(readFile(layout().servedIndexFile(QStringLiteral("inflector"))),
             indexLine(QStringLiteral("Inflector"), QStringLiteral("0.11.4")) + '\n');
}

void TestMirrorStore::yankFlipPropagates()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    const QString name = QStringLiteral("yanky");
    populate(store, name, {QStringLiteral("1.0.0"), QStringLiteral("1.0.1")},
             {QStringLiteral("1.0.0")});
    QCOMPARE(readFile(layout().servedIndexFile(name)),
             indexLine(name, QStringLiteral("1.0.0")) + '\n');
    const QByteArray yanked = indexLine(name, QStringLiteral("1.0.0"), true) + '\n' +
                              indexLine(name, QStringLiteral("1.0.1")) + '\n';
    QVERIFY(store.putUpstreamIndex(name, yanked, QStringLiteral("\"2\""), {}, &error));
    QVERIFY(store.version(name, QStringLiteral("1.0.0"))->yanked);
    QCOMPARE(store.version(name, QStringLiteral("1.0.0"))->state, QStringLiteral("stored"));
    QCOMPARE(readFile(layout().servedIndexFile(name)),
             indexLine(name, QStringLiteral("1.0.0"), true) + '\n');
    // And back.
    QVERIFY(store.putUpstreamIndex(name, indexLine(name, QStringLiteral("1.0.0")) + '\n',
                                   QStringLiteral("\"3\""), {}, &error));
    QVERIFY(!store.version(name, QStringLiteral("1.0.0"))->yanked);
    QCOMPARE(readFile(layout().servedIndexFile(name)),
             indexLine(name, QStringLiteral("1.0.0")) + '\n');
}

void TestMirrorStore::upstreamChecksumChange()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    const QString name = QStringLiteral("rewritten");
    populate(store, name, {QStringLiteral("1.0.0")}, {QStringLiteral("1.0.0")});
    QVERIFY(QFile::exists(layout().servedIndexFile(name)));
    // Upstream now claims another checksum: our file no longer matches the line.
    QByteArray changed = indexLine(name, QStringLiteral("1.0.0"));
    changed.replace(sha256(crateBytes(name, QStringLiteral("1.0.0"))), QByteArray(64, 'f'));
    QVERIFY(store.putUpstreamIndex(name, changed + '\n', {}, {}, &error));
    QCOMPARE(store.version(name, QStringLiteral("1.0.0"))->state, QStringLiteral("missing"));
    QVERIFY(!QFile::exists(layout().servedIndexFile(name)));
    QCOMPARE(store.summary().versions, 0);
}

void TestMirrorStore::summaryCounts()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    QCOMPARE(store.summary().crates, 0);
    populate(store, QStringLiteral("one"), {QStringLiteral("1.0.0"), QStringLiteral("2.0.0")},
             {QStringLiteral("1.0.0"), QStringLiteral("2.0.0")});
    populate(store, QStringLiteral("two"), {QStringLiteral("0.1.0"), QStringLiteral("0.2.0")},
             {QStringLiteral("0.2.0")});
    populate(store, QStringLiteral("three"), {QStringLiteral("0.1.0")}, {});
    const MirrorSummary summary = store.summary();
    QCOMPARE(summary.crates, 2);
    QCOMPARE(summary.versions, 3);
    QCOMPARE(summary.bytes, 3 * 2048);
    QCOMPARE(summary.upstream, QStringLiteral("sparse+https://index.crates.io/"));
    QVERIFY(!summary.lastSync.isValid());
}

void TestMirrorStore::reopenPersists()
{
    QByteArray served;
    {
        MirrorStore store{layout()};
        QString error;
        QVERIFY(store.open(&error));
        populate(store, QStringLiteral("keep"), {QStringLiteral("1.0.0"), QStringLiteral("1.1.0")},
                 {QStringLiteral("1.1.0")});
        served = readFile(layout().servedIndexFile(QStringLiteral("keep")));
    }
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    QCOMPARE(store.summary().versions, 1);
    QCOMPARE(store.summary().bytes, 2048);
    QCOMPARE(store.crate(QStringLiteral("keep"))->etag, QStringLiteral("\"etag\""));
    QCOMPARE(readFile(layout().servedIndexFile(QStringLiteral("keep"))), served);
    QVERIFY(store.verify(false).clean());
}

void TestMirrorStore::selectionAndSyncRuns()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    QVERIFY(store.addToSelection(QStringLiteral("serde"), QStringLiteral("popular"),
                                 QStringLiteral("rank 1"), &error));
    QVERIFY(store.addToSelection(QStringLiteral("serde"), QStringLiteral("lockfile"),
                                 QStringLiteral("Cargo.lock at /x"), &error));
    QVERIFY(!store.addToSelection(QStringLiteral("serde"), QStringLiteral("bad"), {}, &error));
    QVERIFY(store.addToSelection(QStringLiteral("libc"), QStringLiteral("dependency"),
                                 QStringLiteral("needed by serde 1.0.1"), &error));
    QCOMPARE(store.selection().size(), 3);
    QVERIFY(store.clearSelection(QStringLiteral("dependency"), &error));
    const QList<SelectionEntry> left = store.selection();
    QCOMPARE(left.size(), 2);
    QCOMPARE(left.at(0).name, QStringLiteral("serde"));
    QCOMPARE(left.at(0).reason, QStringLiteral("popular"));
    QCOMPARE(left.at(0).detail, QStringLiteral("rank 1"));
    const qint64 run = store.beginSyncRun(&error);
    QVERIFY(run > 0);
    QVERIFY(!store.finishSyncRun(run, QStringLiteral("great"), {}, {}, &error));
    QVERIFY(store.finishSyncRun(run, QStringLiteral("ok"), {1, 2, 3}, {}, &error));
    QVERIFY(store.summary().lastSync.isValid());
}

void TestMirrorStore::settingsChange()
{
    {
        MirrorStore store{layout()};
        QString error;
        QVERIFY(store.open(&error));
        MirrorConfig config = store.config();
        config.setListen(QStringLiteral("nowhere"));
        QVERIFY(!store.setConfig(config, &error));
        QVERIFY2(error.contains(QLatin1String("server.listen")), qPrintable(error));
        config.setListen(QStringLiteral("0.0.0.0:8080"));
        QVERIFY2(store.setConfig(config, &error), qPrintable(error));
    }
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    QCOMPARE(store.config().listen(), QStringLiteral("0.0.0.0:8080"));
}

void TestMirrorStore::dirtyServedFileFinishedOnOpen()
{
    // A kill after the state commit but before the served file was written leaves the
    // crate marked dirty; the next open must write the served file.
    {
        MirrorStore store{layout()};
        QString error;
        QVERIFY(store.open(&error));
        populate(store, QStringLiteral("halfway"), {QStringLiteral("1.0.0")}, {});
    }
    const QString crateFile =
        layout().crateFile(QStringLiteral("halfway"), QStringLiteral("1.0.0"));
    QVERIFY(writeFile(crateFile, crateBytes(QStringLiteral("halfway"), QStringLiteral("1.0.0"))));
    {
        MirrorState state;
        QString error;
        QVERIFY(state.open(layout().stateDatabase(), &error));
        const qint64 id = state.crate(QStringLiteral("halfway"))->id;
        QVERIFY(state.setVersionStored(id, QStringLiteral("1.0.0"), 2048, &error));
        QVERIFY(state.setServedDirty(id, true, &error));
    }
    QVERIFY(!QFile::exists(layout().servedIndexFile(QStringLiteral("halfway"))));
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    QCOMPARE(readFile(layout().servedIndexFile(QStringLiteral("halfway"))),
             indexLine(QStringLiteral("halfway"), QStringLiteral("1.0.0")) + '\n');
    QVERIFY(!store.crate(QStringLiteral("halfway"))->servedDirty);
}

void TestMirrorStore::staleTempsCleanedOnOpen()
{
    QVERIFY(writeFile(layout().tempDir() + QStringLiteral("/2147483600-x.tmp"), "partial"));
    QVERIFY(writeFile(layout().tempDir() + QStringLiteral("/leftover.tmp"), "partial"));
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    QVERIFY(QDir(layout().tempDir()).isEmpty());
}

void TestMirrorStore::verifyWithoutRepairChangesNothing()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    const QString name = QStringLiteral("damaged");
    populate(store, name,
             {QStringLiteral("1.0.0"), QStringLiteral("1.1.0"), QStringLiteral("1.2.0")},
             {QStringLiteral("1.0.0"), QStringLiteral("1.1.0"), QStringLiteral("1.2.0")});
    QVERIFY(QFile::remove(layout().crateFile(name, QStringLiteral("1.0.0"))));
    QByteArray bytes = readFile(layout().crateFile(name, QStringLiteral("1.1.0")));
    bytes[100] = static_cast<char>(bytes[100] ^ 0x01);
    QVERIFY(writeFile(layout().crateFile(name, QStringLiteral("1.1.0")), bytes));
    QVERIFY(writeFile(layout().cratesDir() + QStringLiteral("/notes.txt"), "mine"));

    const auto before = fileSnapshot(root(), {QStringLiteral("state.sqlite")});
    const MirrorSummary summaryBefore = store.summary();
    qint64 progressCalls = 0;
    const VerifyReport report = store.verify(false, [&progressCalls](qint64, qint64 total) {
        ++progressCalls;
        QCOMPARE(total, 3);
    });
    QCOMPARE(progressCalls, 3);
    QCOMPARE(report.checked, 3);
    QCOMPARE(report.ok, 1);
    QCOMPARE(report.missing, 1);
    QCOMPARE(report.corrupt, 1);
    QCOMPARE(report.stray, 1);
    QVERIFY(!report.clean());
    QCOMPARE(fileSnapshot(root(), {QStringLiteral("state.sqlite")}), before);
    QCOMPARE(store.summary().versions, summaryBefore.versions);
    QCOMPARE(store.version(name, QStringLiteral("1.0.0"))->state, QStringLiteral("stored"));
}

void TestMirrorStore::verifyRepair()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    const QString name = QStringLiteral("fixme");
    const QStringList versions{QStringLiteral("1.0.0"), QStringLiteral("1.1.0"),
                               QStringLiteral("1.2.0"), QStringLiteral("1.3.0")};
    populate(store, name, versions, versions.mid(0, 3));
    // Deleted, damaged, an adoptable copy of a known version, and a user's stray file.
    QVERIFY(QFile::remove(layout().crateFile(name, versions[0])));
    QByteArray bytes = readFile(layout().crateFile(name, versions[1]));
    bytes[0] = static_cast<char>(bytes[0] ^ 0x80);
    QVERIFY(writeFile(layout().crateFile(name, versions[1]), bytes));
    QVERIFY(writeFile(layout().crateFile(name, versions[3]), crateBytes(name, versions[3])));
    const QString stray = layout().cratesDir() + QStringLiteral("/other/other-1.0.0.crate");
    QVERIFY(writeFile(stray, "not a crate"));

    const VerifyReport report = store.verify(true);
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QCOMPARE(report.missing, 1);
    QCOMPARE(report.corrupt, 1);
    QCOMPARE(report.adoptable, 1);
    QCOMPARE(report.stray, 1);
    QVERIFY(!report.clean()); // the stray file is left for the user
    for (const VerifyProblem &problem : report.problems)
        QCOMPARE(problem.repaired, problem.kind != VerifyProblem::Kind::StrayFile);

    QCOMPARE(store.version(name, versions[0])->state, QStringLiteral("missing"));
    QCOMPARE(store.version(name, versions[1])->state, QStringLiteral("corrupt"));
    QCOMPARE(store.version(name, versions[3])->state, QStringLiteral("stored"));
    // The served index lists exactly the good files.
    QCOMPARE(readFile(layout().servedIndexFile(name)),
             indexLine(name, versions[2]) + '\n' + indexLine(name, versions[3]) + '\n');
    // The damaged file is kept in quarantine, out of crates/.
    QVERIFY(!QFile::exists(layout().crateFile(name, versions[1])));
    QCOMPARE(readFile(store.quarantineDir() + QStringLiteral("/fixme-1.1.0.crate")), bytes);
    QVERIFY(QFile::exists(stray));
    QCOMPARE(store.summary().versions, 2);

    QVERIFY(QFile::remove(stray));
    const VerifyReport after = store.verify(false);
    QVERIFY(after.clean());
    QCOMPARE(after.ok, 2);
    QCOMPARE(after.awaitingDownload, 2);

    // A fresh download of a repaired version stores it again.
    QVERIFY(store.putCrate(name, versions[1], crateBytes(name, versions[1]), &error));
    QCOMPARE(store.version(name, versions[1])->state, QStringLiteral("stored"));
}

void TestMirrorStore::verifyServedFiles()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    populate(store, QStringLiteral("served"), {QStringLiteral("1.0.0"), QStringLiteral("2.0.0")},
             {QStringLiteral("1.0.0")});
    const QString served = layout().servedIndexFile(QStringLiteral("served"));
    const QByteArray good = readFile(served);
    // Someone edits the served file and drops a file for a crate the state does not know.
    QVERIFY(writeFile(served,
                      good + indexLine(QStringLiteral("served"), QStringLiteral("2.0.0")) + '\n'));
    const QString ghost = layout().servedIndexFile(QStringLiteral("ghost"));
    QVERIFY(writeFile(ghost, indexLine(QStringLiteral("ghost"), QStringLiteral("1.0.0")) + '\n'));
    QVERIFY(writeFile(layout().servedIndexDir() + QStringLiteral("/config.json"), "{}"));

    VerifyReport report = store.verify(false);
    QCOMPARE(report.servedOutOfDate, 2);
    QVERIFY(!report.clean());
    report = store.verify(true);
    QCOMPARE(report.servedOutOfDate, 2);
    QVERIFY(report.clean());
    QCOMPARE(readFile(served), good);
    QVERIFY(!QFile::exists(ghost));
    QVERIFY(QFile::exists(layout().servedIndexDir() + QStringLiteral("/config.json")));
    QVERIFY(store.verify(false).clean());
}

void TestMirrorStore::verifyUpstreamFileGone()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY(store.open(&error));
    populate(store, QStringLiteral("lost"), {QStringLiteral("1.0.0")}, {QStringLiteral("1.0.0")});
    QVERIFY(QFile::remove(layout().upstreamIndexFile(QStringLiteral("lost"))));
    VerifyReport report = store.verify(false);
    QCOMPARE(report.upstreamMissing, 1);
    QCOMPARE(report.servedOutOfDate, 1); // nothing left to derive the served file from
    QCOMPARE(store.crate(QStringLiteral("lost"))->etag, QStringLiteral("\"etag\""));
    report = store.verify(true);
    QVERIFY(report.clean());
    // The next sync must fetch the file unconditionally; nothing is served meanwhile.
    QCOMPARE(store.crate(QStringLiteral("lost"))->etag, QString());
    QVERIFY(!QFile::exists(layout().servedIndexFile(QStringLiteral("lost"))));
    QVERIFY(store.verify(false).clean());
    // Fetching it again brings the stored version back into the served index.
    QVERIFY(store.putUpstreamIndex(
        QStringLiteral("lost"), indexLine(QStringLiteral("lost"), QStringLiteral("1.0.0")) + '\n',
        QStringLiteral("\"new\""), {}, &error));
    QVERIFY(QFile::exists(layout().servedIndexFile(QStringLiteral("lost"))));
}

void TestMirrorStore::crashSafety()
{
    // A child process writes index files and crates in a loop; we SIGKILL it at random
    // moments, several times, then check the mirror is consistent.
    constexpr int rounds = 20;
    int killedMidWrite = 0;
    for (int round = 0; round < rounds; ++round) {
        const QString failure = Stowaway::Testing::killChildAfterLines(
            QStringLiteral("STOWAWAY_CRASH_CHILD"), root(),
            1 + QRandomGenerator::global()->bounded(60), 3000);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        if (!QDir(layout().tempDir()).isEmpty())
            ++killedMidWrite;
    }
    qInfo("%d of %d kills left a temp file behind", killedMidWrite, rounds);

    MirrorStore store{layout()};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY(QDir(layout().tempDir()).isEmpty());
    VerifyReport report = store.verify(false);
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QVERIFY(report.checked > 0);
    QCOMPARE(report.missing, 0);
    QCOMPARE(report.corrupt, 0);
    QCOMPARE(report.stray, 0);
    QCOMPARE(report.servedOutOfDate, 0);
    // A kill between the rename and the state commit leaves a good, unrecorded file.
    QVERIFY(report.adoptable <= rounds);
    qInfo("after the kills: %lld stored versions verified, %lld adoptable files", report.checked,
          report.adoptable);
    // The served file of every crate lists only stored versions, byte-identical.
    for (const QString &name : crashCrates) {
        const QByteArray served = readFile(layout().servedIndexFile(name));
        for (const QByteArray &line : served.split('\n')) {
            if (line.isEmpty())
                continue;
            QVERIFY(readFile(layout().upstreamIndexFile(name)).contains(QByteArray(line + '\n')));
            const QString version =
                QString::fromUtf8(line.mid(line.indexOf("\"vers\":\"") + 8).split('"').first());
            QCOMPARE(store.version(name, version)->state, QStringLiteral("stored"));
            QCOMPARE(sha256(readFile(layout().crateFile(name, version))),
                     sha256(crateBytes(name, version)));
        }
    }
    report = store.verify(true);
    QVERIFY(report.clean());
    QVERIFY(store.verify(false).clean());
}

void TestMirrorStore::crateList()
{
    MirrorStore store{layout()};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY(store.crateList().isEmpty());
    populate(store, QStringLiteral("Serde_Json"),
             {QStringLiteral("1.0.0"), QStringLiteral("1.0.1")}, {QStringLiteral("1.0.1")});
    populate(store, QStringLiteral("libc"),
             {QStringLiteral("0.2.0"), QStringLiteral("0.2.1"), QStringLiteral("0.2.2")},
             {QStringLiteral("0.2.0"), QStringLiteral("0.2.2")});
    populate(store, QStringLiteral("unselected"), {QStringLiteral("0.1.0")}, {});
    // serde_json: popular and named (named wins, rank kept); libc: dependency; "tokio" is
    // selected but its index file was never fetched.
    QVERIFY(store.addToSelection(QStringLiteral("serde_json"), QStringLiteral("popular"),
                                 QStringLiteral("rank 7"), &error));
    QVERIFY(
        store.addToSelection(QStringLiteral("serde_json"), QStringLiteral("named"), {}, &error));
    QVERIFY(store.addToSelection(QStringLiteral("libc"), QStringLiteral("dependency"),
                                 QStringLiteral("needed by serde_json 1.0.1"), &error));
    QVERIFY(store.addToSelection(QStringLiteral("tokio"), QStringLiteral("lockfile"),
                                 QStringLiteral("Cargo.lock at /x"), &error));

    const QList<CrateListEntry> list = store.crateList();
    QCOMPARE(list.size(), 4);
    QStringList names;
    for (const CrateListEntry &entry : list)
        names.append(entry.name);
    QCOMPARE(names, QStringList({"libc", "Serde_Json", "tokio", "unselected"}));

    const CrateListEntry &libc = list.at(0);
    QVERIFY(libc.indexed);
    QCOMPARE(libc.versionsKnown, 3);
    QCOMPARE(libc.versionsStored, 2);
    QCOMPARE(libc.storedBytes,
             qint64(crateBytes(QStringLiteral("libc"), QStringLiteral("0.2.0")).size() +
                    crateBytes(QStringLiteral("libc"), QStringLiteral("0.2.2")).size()));
    QCOMPARE(libc.reason, QStringLiteral("dependency"));
    QCOMPARE(libc.detail, QStringLiteral("needed by serde_json 1.0.1"));
    QCOMPARE(libc.rank, 0);

    const CrateListEntry &serde = list.at(1);
    QCOMPARE(serde.canonicalName, QStringLiteral("serde_json"));
    QCOMPARE(serde.versionsKnown, 2);
    QCOMPARE(serde.versionsStored, 1);
    QCOMPARE(serde.reason, QStringLiteral("named"));
    QCOMPARE(serde.rank, 7);

    const CrateListEntry &tokio = list.at(2);
    QVERIFY(!tokio.indexed);
    QCOMPARE(tokio.versionsKnown, 0);
    QCOMPARE(tokio.reason, QStringLiteral("lockfile"));
    QCOMPARE(tokio.detail, QStringLiteral("Cargo.lock at /x"));

    const CrateListEntry &unselected = list.at(3);
    QVERIFY(unselected.indexed);
    QCOMPARE(unselected.versionsKnown, 1);
    QCOMPARE(unselected.versionsStored, 0);
    QCOMPARE(unselected.storedBytes, 0);
    QVERIFY(unselected.reason.isEmpty());
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString crashMirror = qEnvironmentVariable("STOWAWAY_CRASH_CHILD");
    if (!crashMirror.isEmpty())
        return runCrashChild(crashMirror);
    TestMirrorStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mirrorstore.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// MirrorStore's batch writers: putUpstreamIndexes() and putCrateFiles(), and their crash
// safety under SIGKILL at random moments (tst_mirrorstore covers the single-item writers).
#include "crashchild.h"
#include "mirrorstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdio>
#include <sys/stat.h>

using namespace Stowaway;

namespace {

const QStringList versions{QStringLiteral("1.0.0"), QStringLiteral("1.1.0"),
                           QStringLiteral("1.2.0")};

QByteArray crateBytes(const QString &name, const QString &version, int size = 1500)
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

QByteArray indexLine(const QString &name, const QString &version, bool yanked = false)
{
    return "{\"name\":\"" + name.toUtf8() + "\",\"vers\":\"" + version.toUtf8() +
           "\",\"deps\":[],\"cksum\":\"" + sha256(crateBytes(name, version)) +
           "\",\"features\":{},\"yanked\":" + (yanked ? "true" : "false") + "}";
}

QByteArray indexFile(const QString &name, const QStringList &list, quint64 yanks = 0)
{
    QByteArray file;
    for (qsizetype i = 0; i < list.size(); ++i)
        file += indexLine(name, list[i], (yanks >> i) & 1) + '\n';
    return file;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

/// A temp download holding the right bytes for name@version, or wrong ones when `bad`.
CrateFileItem download(MirrorStore &store, const QString &name, const QString &version, bool bad)
{
    QString error;
    const QString temp = store.newTempFile(&error);
    writeFile(temp, bad ? crateBytes(name, version + QStringLiteral("-evil"))
                        : crateBytes(name, version));
    return {name, version, temp};
}

/// Every served line must be for a version stored with that file's checksum, and once
/// published (@p published) byte for byte upstream's line. Reads the state as the server would
/// find it, without MirrorStore::open()'s repairs: right after a kill a served file may still
/// carry a yank flag the new upstream file has changed, until it is published again.
bool servedLinesBacked(const MirrorLayout &layout, const MirrorState &state, const QString &name,
                       bool published, QString *problem)
{
    const QByteArray upstream = readFile(layout.upstreamIndexFile(name));
    for (const QByteArray &line : readFile(layout.servedIndexFile(name)).split('\n')) {
        if (line.isEmpty())
            continue;
        const QString version =
            QString::fromUtf8(line.mid(line.indexOf("\"vers\":\"") + 8).split('"').first());
        const std::optional<VersionRecord> record = state.version(name, version);
        if ((published && !upstream.contains(QByteArray(line + '\n'))) || !record ||
            record->state != QLatin1String("stored") ||
            QString::fromLatin1(sha256(readFile(layout.crateFile(name, version)))) !=
                record->cksum) {
            *problem =
                QStringLiteral("served %1 %2 is not backed by a stored file").arg(name, version);
            return false;
        }
    }
    return true;
}

const QStringList crashCrates{QStringLiteral("batch-a"), QStringLiteral("batch-b"),
                              QStringLiteral("batch-c"), QStringLiteral("batch-d")};
constexpr int crashVersions = 40;

QStringList crashVersionList()
{
    QStringList list;
    for (int i = 0; i < crashVersions; ++i)
        list.append(QStringLiteral("1.%1.0").arg(i));
    return list;
}

/// The child of batchCrashSafety(): stores random batches until it is killed. Batches of
/// 1-40 downloads (a few damaged), sometimes a batch of fresh index files with other yanks.
int runCrashChild(const QString &mirror)
{
    MirrorStore store{MirrorLayout(mirror)};
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "child: %s\n", qPrintable(error));
        return 1;
    }
    QRandomGenerator *random = QRandomGenerator::global();
    const QStringList list = crashVersionList();
    QList<UpstreamIndexFile> initial;
    for (const QString &name : crashCrates)
        initial.append({name, indexFile(name, list), {}, {}});
    QStringList errors;
    if (!store.crate(crashCrates.constFirst()) && !store.putUpstreamIndexes(initial, &errors)) {
        std::fprintf(stderr, "child: %s\n", qPrintable(errors.join(QLatin1Char('\n'))));
        return 1;
    }
    const auto randomFiles = [&](int most) {
        QList<UpstreamIndexFile> files;
        const int count = random->bounded(most + 1);
        for (int i = 0; i < count; ++i) {
            const QString &name = crashCrates.at(random->bounded(crashCrates.size()));
            files.append(
                {name, indexFile(name, list, random->generate64()), QStringLiteral("\"e\""), {}});
        }
        return files;
    };
    const auto randomDownloads = [&](int *bad) {
        QList<CrateFileItem> items;
        const int count = 1 + random->bounded(40);
        for (int i = 0; i < count; ++i) {
            const bool damaged = random->bounded(10) == 0;
            *bad += damaged;
            items.append(download(store, crashCrates.at(random->bounded(crashCrates.size())),
                                  list.at(random->bounded(crashVersions)), damaged));
        }
        return items;
    };
    for (;;) {
        const int kind = random->bounded(6);
        int bad = 0;
        QList<CrateFileFailure> failures;
        if (kind == 0) {
            if (!store.putUpstreamIndexes(randomFiles(crashCrates.size()), &errors)) {
                std::fprintf(stderr, "child: %s\n", qPrintable(errors.join(QLatin1Char('\n'))));
                return 1;
            }
        } else if (kind <= 2) {
            store.putCrateFiles(randomDownloads(&bad), &failures);
        } else {
            // A sync's batch: new index files with downloads, served at once but not synced
            // until the next batch (or the settling at the end, now and then).
            const QList<CrateFileItem> items = randomDownloads(&bad);
            store.storeBatch(randomFiles(2), items, MirrorStore::ServedUpdate::Visible, &errors,
                             &failures);
            if (random->bounded(4) == 0 && !store.settleServed(&error)) {
                std::fprintf(stderr, "child: %s\n", qPrintable(error));
                return 1;
            }
        }
        if (failures.size() != bad || !errors.isEmpty()) {
            std::fprintf(stderr, "child: %d damaged, %d failed: %s %s\n", bad, int(failures.size()),
                         qPrintable(failures.value(0).error), qPrintable(errors.value(0)));
            return 1;
        }
        std::fputs("batch\n", stdout);
        std::fflush(stdout);
    }
}

} // namespace

class TestMirrorStoreBatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void putCrateFiles_data();
    void putCrateFiles();
    void hashGivenWithTheDownload_data();
    void hashGivenWithTheDownload();
    void putUpstreamIndexes();
    void deferredPublication();
    void storeBatchChecksAgainstItsOwnIndex_data();
    void storeBatchChecksAgainstItsOwnIndex();
    void visibleServedFilesSettle();
    void singleItemWritersUseTheBatch();
    void adoptFilesLeftInPlace();
    void versionsToFetch_data();
    void versionsToFetch();
    void batchCrashSafety();

private:
    QString root() const { return m_dir->filePath(QStringLiteral("mirror")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMirrorStoreBatch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMirrorStoreBatch::putCrateFiles_data()
{
    // Items are "name@version", with a trailing "!" for a damaged download.
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<QStringList>("failing");

    QTest::newRow("mixed good and damaged")
        << QStringList{"a@1.0.0", "a@1.1.0!", "b@1.2.0", "b@1.0.0!", "c@1.1.0"}
        << QStringList{"a@1.1.0", "b@1.0.0"};
    QTest::newRow("several versions of one crate")
        << QStringList{"a@1.2.0", "a@1.0.0", "a@1.1.0"} << QStringList{};
    QTest::newRow("unknown version and unknown crate")
        << QStringList{"a@9.9.9", "nosuch@1.0.0", "b@1.0.0"}
        << QStringList{"a@9.9.9", "nosuch@1.0.0"};
    QStringList many;
    for (int i = 0; i < 30; ++i) {
        many.append(QStringLiteral("m%1@1.0.0").arg(i));
        many.append(QStringLiteral("m%1@1.2.0").arg(i));
    }
    QTest::newRow("many crates") << many << QStringList{};
    QTest::newRow("all damaged") << QStringList{"a@1.0.0!", "b@1.0.0!"}
                                 << QStringList{"a@1.0.0", "b@1.0.0"};
}

void TestMirrorStoreBatch::putCrateFiles()
{
    QFETCH(QStringList, items);
    QFETCH(QStringList, failing);
    MirrorStore store{MirrorLayout(root())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QStringList names{"a", "b", "c"};
    for (int i = 0; i < 30; ++i)
        names.append(QStringLiteral("m%1").arg(i));
    QList<UpstreamIndexFile> files;
    for (const QString &name : names)
        files.append({name, indexFile(name, versions), QStringLiteral("\"%1\"").arg(name), {}});
    QStringList errors;
    QVERIFY2(store.putUpstreamIndexes(files, &errors), qPrintable(errors.join(QLatin1Char('\n'))));

    QList<CrateFileItem> batch;
    QMap<QString, QStringList> stored; // crate -> versions expected to be stored
    for (const QString &item : std::as_const(items)) {
        const bool bad = item.endsWith(QLatin1Char('!'));
        const QStringList parts = item.chopped(bad ? 1 : 0).split(QLatin1Char('@'));
        batch.append(download(store, parts[0], parts[1], bad));
        if (!failing.contains(parts[0] + QLatin1Char('@') + parts[1]))
            stored[parts[0]].append(parts[1]);
    }
    QList<CrateFileFailure> failures;
    QCOMPARE(store.putCrateFiles(batch, &failures), failing.isEmpty());
    QStringList failed;
    for (const CrateFileFailure &failure : std::as_const(failures)) {
        failed.append(failure.name + QLatin1Char('@') + failure.version);
        QVERIFY2(failure.error.contains(failure.name + QLatin1Char(' ') + failure.version),
                 qPrintable(failure.error));
    }
    QCOMPARE(failed, failing);

    // Every temp file was taken: moved into place or removed.
    QCOMPARE(QDir(store.layout().tempDir()).entryList(QDir::Files), QStringList());
    for (const QString &name : std::as_const(names)) {
        QStringList expected;
        QByteArray served;
        for (const QString &version : versions) {
            const bool isStored = stored.value(name).contains(version);
            QCOMPARE(store.version(name, version)->state,
                     isStored ? QStringLiteral("stored") : QStringLiteral("known"));
            QCOMPARE(QFile::exists(store.layout().crateFile(name, version)), isStored);
            if (isStored) {
                QCOMPARE(readFile(store.layout().crateFile(name, version)),
                         crateBytes(name, version));
                served += indexLine(name, version) + '\n'; // upstream order
            }
        }
        QCOMPARE(readFile(store.layout().servedIndexFile(name)), served);
        QVERIFY(!store.crate(name)->servedDirty);
    }
    const VerifyReport report = store.verify(false);
    QVERIFY2(report.clean(), qPrintable(report.error));
}

void TestMirrorStoreBatch::hashGivenWithTheDownload_data()
{
    // A downloader that hashed the bytes as they arrived hands the hash over, and the store
    // does not read the file again; the hash must still match the state's checksum.
    QTest::addColumn<QString>("givenHashOf"); // "" = none given; else a version's bytes
    QTest::addColumn<bool>("stored");
    QTest::newRow("no hash given: the store reads the file") << QString() << true;
    QTest::newRow("the right hash") << QStringLiteral("1.0.0") << true;
    QTest::newRow("another version's hash: refused") << QStringLiteral("1.1.0") << false;
}

void TestMirrorStoreBatch::hashGivenWithTheDownload()
{
    QFETCH(QString, givenHashOf);
    QFETCH(bool, stored);
    MirrorStore store{MirrorLayout(root())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QStringList errors;
    QVERIFY(store.putUpstreamIndexes(
        {{QStringLiteral("a"), indexFile(QStringLiteral("a"), versions), {}, {}}}, &errors));
    CrateFileItem item = download(store, QStringLiteral("a"), QStringLiteral("1.0.0"), false);
    if (!givenHashOf.isEmpty()) {
        item.sha256 = QString::fromLatin1(sha256(crateBytes(QStringLiteral("a"), givenHashOf)));
        item.size = crateBytes(QStringLiteral("a"), givenHashOf).size();
    }
    QList<CrateFileFailure> failures;
    QCOMPARE(store.putCrateFiles({item}, &failures), stored);
    QCOMPARE(store.version(QStringLiteral("a"), QStringLiteral("1.0.0"))->state,
             stored ? QStringLiteral("stored") : QStringLiteral("known"));
    QCOMPARE(QFile::exists(item.tempPath), false); // moved into place or removed
    if (!stored) {
        QVERIFY2(failures.constFirst().error.contains(QLatin1String("damaged")),
                 qPrintable(failures.constFirst().error));
        return;
    }
    QCOMPARE(store.summary().bytes, qint64(crateBytes(QStringLiteral("a"), "1.0.0").size()));
    QVERIFY(store.verify(false).clean());
}

void TestMirrorStoreBatch::putUpstreamIndexes()
{
    MirrorStore store{MirrorLayout(root())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QStringList errors;
    QVERIFY(store.putUpstreamIndexes({{"a", indexFile("a", versions), "\"1\"", {}},
                                      {"b", indexFile("b", versions), "\"1\"", {}}},
                                     &errors));
    QList<CrateFileFailure> failures;
    QVERIFY(store.putCrateFiles({download(store, "a", "1.0.0", false),
                                 download(store, "a", "1.1.0", false),
                                 download(store, "b", "1.0.0", false)},
                                &failures));

    // One batch: a bad name is refused alone; a yank reaches the served file; a new crate
    // and a changed etag are recorded.
    const QByteArray yankedA = indexFile("a", versions, 0b010);
    QVERIFY(!store.putUpstreamIndexes({{"a", yankedA, "\"2\"", "Mon, 01 Jan 2029 00:00:00 GMT"},
                                       {"bad name!", "x\n", {}, {}},
                                       {"c", indexFile("c", versions), "\"c\"", {}}},
                                      &errors));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.constFirst().contains(QLatin1String("bad name!")), qPrintable(errors[0]));
    QCOMPARE(readFile(store.layout().upstreamIndexFile("a")), yankedA);
    QCOMPARE(store.crate("a")->etag, QStringLiteral("\"2\""));
    QCOMPARE(store.crate("a")->lastModified, QStringLiteral("Mon, 01 Jan 2029 00:00:00 GMT"));
    QVERIFY(store.version("a", "1.1.0")->yanked);
    QCOMPARE(readFile(store.layout().servedIndexFile("a")),
             indexLine("a", "1.0.0") + '\n' + indexLine("a", "1.1.0", true) + '\n');
    QCOMPARE(readFile(store.layout().servedIndexFile("b")), indexLine("b", "1.0.0") + '\n');
    QCOMPARE(store.version("c", "1.2.0")->state, QStringLiteral("known"));
    QVERIFY(!QFile::exists(store.layout().servedIndexFile("c")));
    QCOMPARE(QDir(store.layout().tempDir()).entryList(QDir::Files), QStringList());
    QVERIFY(store.verify(false).clean());
}

void TestMirrorStoreBatch::deferredPublication()
{
    QString error;
    QStringList errors;
    {
        MirrorStore store{MirrorLayout(root())};
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY2(store.putUpstreamIndexes({{"a", indexFile("a", versions), "\"a1\"", {}},
                                           {"b", indexFile("b", versions), "\"b1\"", {}}},
                                          &errors),
                 qPrintable(errors.join(QLatin1Char('\n'))));
        const auto put = [&store](const QList<CrateFileItem> &items) {
            QList<CrateFileFailure> failures;
            return store.putCrateFiles(items, &failures, MirrorStore::ServedUpdate::Deferred);
        };
        QVERIFY(put({download(store, "a", "1.0.0", false), download(store, "b", "1.0.0", false)}));
        QVERIFY(put({download(store, "a", "1.1.0", false), download(store, "a", "1.2.0", false)}));
        // Stored, but not yet visible to cargo.
        QCOMPARE(store.version("a", "1.2.0")->state, QStringLiteral("stored"));
        QVERIFY(!QFile::exists(store.layout().servedIndexFile("a")));
        QVERIFY(store.crate("a")->servedDirty);
        QVERIFY2(store.publishDirty(&error), qPrintable(error));
        QVERIFY(!store.crate("a")->servedDirty && !store.crate("b")->servedDirty);
        QCOMPARE(readFile(store.layout().servedIndexFile("a")), indexFile("a", versions));
        QCOMPARE(readFile(store.layout().servedIndexFile("b")), indexLine("b", "1.0.0") + '\n');

        // Every version of a is stored: its served file is the upstream file's inode.
        struct stat served
        {
        }, upstream{};
        QCOMPARE(
            ::stat(QFile::encodeName(store.layout().servedIndexFile("a")).constData(), &served), 0);
        QCOMPARE(
            ::stat(QFile::encodeName(store.layout().upstreamIndexFile("a")).constData(), &upstream),
            0);
        QCOMPARE(served.st_ino, upstream.st_ino);
        // A new upstream file replaces the link's other name only: served keeps its bytes.
        QStringList more = versions;
        more.append(QStringLiteral("2.0.0"));
        QVERIFY(store.putUpstreamIndexes({{"a", indexFile("a", more), "\"a2\"", {}}}, &errors));
        QCOMPARE(readFile(store.layout().servedIndexFile("a")), indexFile("a", versions));

        // A run that stops before publishing (a kill): the next open() publishes.
        QVERIFY(put({download(store, "b", "1.1.0", false)}));
        QVERIFY(store.crate("b")->servedDirty);
    }
    MirrorStore reopened{MirrorLayout(root())};
    QVERIFY2(reopened.open(&error), qPrintable(error));
    QVERIFY(!reopened.crate("b")->servedDirty);
    QCOMPARE(readFile(reopened.layout().servedIndexFile("b")),
             indexLine("b", "1.0.0") + '\n' + indexLine("b", "1.1.0") + '\n');
    const VerifyReport report = reopened.verify(false);
    QVERIFY2(report.clean(), qPrintable(report.error));
}

void TestMirrorStoreBatch::storeBatchChecksAgainstItsOwnIndex_data()
{
    QTest::addColumn<QStringList>("indexFiles"); // index files in the batch (crate "old" is known)
    QTest::addColumn<QStringList>("downloads");  // name@version, "!" in front: damaged
    QTest::addColumn<QStringList>("stored");     // name@version stored afterwards
    QTest::addColumn<int>("indexErrors");
    QTest::addColumn<QStringList>("failed"); // name@version refused, with a word of the reason

    QTest::newRow("new crate with its downloads")
        << QStringList{"fresh"} << QStringList{"fresh@1.0.0", "fresh@1.2.0"}
        << QStringList{"fresh@1.0.0", "fresh@1.2.0"} << 0 << QStringList{};
    QTest::newRow("known and new crates together")
        << QStringList{"fresh"} << QStringList{"old@1.1.0", "fresh@1.1.0"}
        << QStringList{"old@1.1.0", "fresh@1.1.0"} << 0 << QStringList{};
    QTest::newRow("damaged against the batch's checksum")
        << QStringList{"fresh"} << QStringList{"!fresh@1.0.0", "fresh@1.1.0"}
        << QStringList{"fresh@1.1.0"} << 0 << QStringList{"fresh@1.0.0 damaged"};
    QTest::newRow("version in no index")
        << QStringList{"fresh"} << QStringList{"fresh@9.0.0", "other@1.0.0"} << QStringList{} << 0
        << QStringList{"fresh@9.0.0 index", "other@1.0.0 index"};
    QTest::newRow("an invalid name fails its file only")
        << QStringList{"fresh", "bad name"} << QStringList{"fresh@1.0.0"}
        << QStringList{"fresh@1.0.0"} << 1 << QStringList{};
    QTest::newRow("index files only")
        << QStringList{"fresh", "old"} << QStringList{} << QStringList{} << 0 << QStringList{};
}

void TestMirrorStoreBatch::storeBatchChecksAgainstItsOwnIndex()
{
    QFETCH(QStringList, indexFiles);
    QFETCH(QStringList, downloads);
    QFETCH(QStringList, stored);
    QFETCH(int, indexErrors);
    QFETCH(QStringList, failed);

    MirrorStore store{MirrorLayout(root())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QStringList errors;
    QVERIFY(store.putUpstreamIndexes({{"old", indexFile("old", versions), "\"o1\"", {}}}, &errors));
    QList<UpstreamIndexFile> files;
    for (const QString &name : indexFiles)
        files.append({name, indexFile(name, versions), "\"" + name + "\"", {}});
    QList<CrateFileItem> items;
    for (QString spec : downloads) {
        const bool bad = spec.startsWith(QLatin1Char('!'));
        spec.remove(QLatin1Char('!'));
        items.append(download(store, spec.section('@', 0, 0), spec.section('@', 1), bad));
    }
    QList<CrateFileFailure> failures;
    QString servedError;
    const bool ok = store.storeBatch(files, items, MirrorStore::ServedUpdate::Now, &errors,
                                     &failures, &servedError);
    QCOMPARE(ok, failed.isEmpty() && indexErrors == 0);
    QCOMPARE(errors.size(), indexErrors);
    QVERIFY2(servedError.isEmpty(), qPrintable(servedError));
    QCOMPARE(failures.size(), failed.size());
    for (qsizetype i = 0; i < failed.size(); ++i) {
        QCOMPARE(failures[i].name + '@' + failures[i].version, failed[i].section(' ', 0, 0));
        QVERIFY2(failures[i].error.contains(failed[i].section(' ', 1)),
                 qPrintable(failures[i].error));
    }
    for (const QString &name : indexFiles) {
        if (name.contains(' '))
            continue;
        QCOMPARE(store.crate(name)->etag, "\"" + name + "\"");
        QCOMPARE(readFile(store.layout().upstreamIndexFile(name)), indexFile(name, versions));
    }
    for (const QString &spec : stored) {
        const QString name = spec.section('@', 0, 0);
        const QString version = spec.section('@', 1);
        QCOMPARE(store.version(name, version)->state, QStringLiteral("stored"));
        QVERIFY(readFile(store.layout().servedIndexFile(name)).contains(indexLine(name, version)));
    }
    QCOMPARE(QDir(store.layout().tempDir()).entryList(QDir::Files), QStringList());
    MirrorState state;
    QVERIFY2(state.open(store.layout().stateDatabase(), &error), qPrintable(error));
    QCOMPARE(state.dirtyCrates().size(), 0);
    const VerifyReport report = store.verify(false);
    QVERIFY2(report.clean(), qPrintable(report.error));
}

void TestMirrorStoreBatch::visibleServedFilesSettle()
{
    QString error;
    QStringList errors;
    QList<CrateFileFailure> failures;
    {
        MirrorStore store{MirrorLayout(root())};
        QVERIFY2(store.open(&error), qPrintable(error));
        const auto batch = [&](const QString &name, const QStringList &list) {
            QList<CrateFileItem> items;
            for (const QString &version : list)
                items.append(download(store, name, version, false));
            return store.storeBatch({{name, indexFile(name, versions), {}, {}}}, items,
                                    MirrorStore::ServedUpdate::Visible, &errors, &failures);
        };
        // Served at once, but dirty until a later sync has made the file durable.
        QVERIFY(batch("a", {"1.0.0"}));
        QCOMPARE(readFile(store.layout().servedIndexFile("a")), indexLine("a", "1.0.0") + '\n');
        QVERIFY(store.crate("a")->servedDirty);
        // The next batch's syncs cover a's file, its commit clears a's flag.
        QVERIFY(batch("b", {"1.0.0", "1.1.0"}));
        QVERIFY(!store.crate("a")->servedDirty);
        QVERIFY(store.crate("b")->servedDirty);
        // A crate touched again stays dirty until its new file is settled.
        QVERIFY(batch("b", {"1.2.0"}));
        QVERIFY(store.crate("b")->servedDirty);
        QCOMPARE(readFile(store.layout().servedIndexFile("b")), indexFile("b", versions));
        QVERIFY2(store.settleServed(&error), qPrintable(error));
        QVERIFY(!store.crate("b")->servedDirty);
        QVERIFY2(store.settleServed(&error), qPrintable(error)); // nothing left: a no-op
        // A run killed before settling: open() finds the flag and finishes the work.
        QVERIFY(batch("c", {"1.0.0"}));
        QVERIFY(store.crate("c")->servedDirty);
    }
    QVERIFY(errors.isEmpty() && failures.isEmpty());
    MirrorStore reopened{MirrorLayout(root())};
    QVERIFY2(reopened.open(&error), qPrintable(error));
    QVERIFY(!reopened.crate("c")->servedDirty);
    QCOMPARE(readFile(reopened.layout().servedIndexFile("c")), indexLine("c", "1.0.0") + '\n');
    QVERIFY(reopened.verify(false).clean());
}

void TestMirrorStoreBatch::singleItemWritersUseTheBatch()
{
    MirrorStore store{MirrorLayout(root())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY(store.putUpstreamIndex("a", indexFile("a", versions), {}, {}, &error));
    const CrateFileItem good = download(store, "a", "1.1.0", false);
    QVERIFY2(store.putCrateFile(good.name, good.version, good.tempPath, &error), qPrintable(error));
    const CrateFileItem bad = download(store, "a", "1.2.0", true);
    QVERIFY(!store.putCrateFile(bad.name, bad.version, bad.tempPath, &error));
    QVERIFY2(error.contains(QLatin1String("damaged")), qPrintable(error));
    QVERIFY(store.putCrate("a", "1.0.0", crateBytes("a", "1.0.0"), &error));
    QCOMPARE(readFile(store.layout().servedIndexFile("a")),
             indexLine("a", "1.0.0") + '\n' + indexLine("a", "1.1.0") + '\n');
    QVERIFY(!QFile::exists(bad.tempPath));
}

void TestMirrorStoreBatch::adoptFilesLeftInPlace()
{
    // What a kill between the renames and the state commit leaves behind.
    MirrorStore store{MirrorLayout(root())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY(store.putUpstreamIndex("a", indexFile("a", versions), {}, {}, &error));
    const MirrorLayout &layout = store.layout();
    QVERIFY(QDir().mkpath(QFileInfo(layout.crateFile("a", "1.0.0")).absolutePath()));
    QVERIFY(writeFile(layout.crateFile("a", "1.0.0"), crateBytes("a", "1.0.0")));
    QVERIFY(writeFile(layout.crateFile("a", "1.1.0"), "not the right bytes"));
    const QList<CrateFileItem> rest =
        store.adoptCrateFiles({{"a", "1.0.0", {}}, {"a", "1.1.0", {}}, {"a", "1.2.0", {}}});
    QStringList left;
    for (const CrateFileItem &item : rest)
        left.append(item.version);
    QCOMPARE(left, (QStringList{"1.1.0", "1.2.0"}));
    QCOMPARE(store.version("a", "1.0.0")->state, QStringLiteral("stored"));
    QCOMPARE(store.version("a", "1.1.0")->state, QStringLiteral("known"));
    QCOMPARE(readFile(layout.crateFile("a", "1.1.0")), QByteArray("not the right bytes"));
    QCOMPARE(readFile(layout.servedIndexFile("a")), indexLine("a", "1.0.0") + '\n');
}

void TestMirrorStoreBatch::versionsToFetch_data()
{
    // What the next sync makes of each planned version after a kill: "stored", "whole" (a
    // right file in place, unrecorded), "damaged" (a wrong file in place), "absent".
    QTest::addColumn<QStringList>("states"); // for versions 1.0.0, 1.1.0, 1.2.0
    QTest::addColumn<QStringList>("fetch");
    QTest::addColumn<int>("alreadyStored");
    QTest::newRow("nothing there")
        << QStringList{"absent", "absent", "absent"} << QStringList{"1.0.0", "1.1.0", "1.2.0"} << 0;
    QTest::newRow("one of each") << QStringList{"stored", "whole", "damaged"}
                                 << QStringList{"1.2.0"} << 2;
    QTest::newRow("left in place, damaged and absent")
        << QStringList{"whole", "damaged", "absent"} << QStringList{"1.2.0", "1.1.0"} << 1;
}

void TestMirrorStoreBatch::versionsToFetch()
{
    QFETCH(QStringList, states);
    QFETCH(QStringList, fetch);
    QFETCH(int, alreadyStored);
    MirrorStore store{MirrorLayout(root())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    // A name in another case than the index's: the store compares names as cargo does.
    QVERIFY(store.putUpstreamIndex("a", indexFile("a", versions), {}, {}, &error));
    const MirrorLayout &layout = store.layout();
    QVERIFY(QDir().mkpath(QFileInfo(layout.crateFile("a", "1.0.0")).absolutePath()));
    QList<PlannedVersion> planned;
    for (qsizetype i = 0; i < states.size(); ++i) {
        const QString version = versions.at(i);
        if (states[i] == QLatin1String("stored"))
            QVERIFY(store.putCrateFiles({download(store, "a", version, false)}, nullptr));
        else if (states[i] != QLatin1String("absent"))
            QVERIFY(writeFile(layout.crateFile("a", version), states[i] == QLatin1String("whole")
                                                                  ? crateBytes("a", version)
                                                                  : QByteArray("wrong bytes")));
        planned.append({QStringLiteral("A"),
                        version,
                        QString::fromLatin1(sha256(crateBytes("a", version))),
                        false,
                        QStringLiteral("named"),
                        {}});
    }
    int stored = -1;
    QStringList toFetch;
    for (const PlannedVersion &version : store.versionsToFetch(planned, &stored))
        toFetch.append(version.version);
    QCOMPARE(toFetch, fetch);
    QCOMPARE(stored, alreadyStored);
    for (qsizetype i = 0; i < states.size(); ++i) {
        const bool held =
            states[i] == QLatin1String("stored") || states[i] == QLatin1String("whole");
        QCOMPARE(store.version("a", versions.at(i))->state,
                 held ? QStringLiteral("stored") : QStringLiteral("known"));
    }
}

void TestMirrorStoreBatch::batchCrashSafety()
{
    constexpr int rounds = 40;
    for (int round = 0; round < rounds; ++round) {
        // The kill lands anywhere inside the next batch: hashing, a sync, the renames, a
        // commit, the served files.
        const QString failure = Stowaway::Testing::killChildAfterLines(
            QStringLiteral("STOWAWAY_BATCH_CRASH_CHILD"), root(),
            1 + QRandomGenerator::global()->bounded(12), 25000);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        // What the server reads right after the kill, before anything repairs it.
        MirrorState state;
        QString error;
        QVERIFY2(state.open(MirrorLayout(root()).stateDatabase(), &error), qPrintable(error));
        for (const QString &name : crashCrates) {
            QString problem;
            QVERIFY2(servedLinesBacked(MirrorLayout(root()), state, name, false, &problem),
                     qPrintable(problem));
        }
    }

    MirrorStore store{MirrorLayout(root())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(QDir(store.layout().tempDir()).entryList(QDir::Files), QStringList());
    VerifyReport report = store.verify(false);
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QVERIFY(report.checked > 0);
    QCOMPARE(report.missing, 0);
    QCOMPARE(report.corrupt, 0);
    QCOMPARE(report.stray, 0);
    QCOMPARE(report.servedOutOfDate, 0);
    qInfo("after %d kills: %lld stored versions verified, %lld adoptable files", rounds,
          report.checked, report.adoptable);
    MirrorState state;
    QVERIFY2(state.open(store.layout().stateDatabase(), &error), qPrintable(error));
    QCOMPARE(state.dirtyCrates().size(), 0); // open() published and settled everything
    for (const QString &name : crashCrates) {
        QString problem;
        QVERIFY2(servedLinesBacked(store.layout(), state, name, true, &problem),
                 qPrintable(problem));
    }
    report = store.verify(true);
    QVERIFY(report.clean());
    QVERIFY(store.verify(false).clean());
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString crashMirror = qEnvironmentVariable("STOWAWAY_BATCH_CRASH_CHILD");
    if (!crashMirror.isEmpty())
        return runCrashChild(crashMirror);
    TestMirrorStoreBatch test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mirrorstorebatch.moc"

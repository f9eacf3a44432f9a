// SPDX-License-Identifier: GPL-3.0-or-later
#include "gitindex.h"

#include "testgitupstream.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {
using Files = QHash<QString, std::optional<QByteArray>>;

/// git's blob id of @p bytes: SHA-1 of "blob <size>\0<bytes>".
QByteArray blobId(const QByteArray &bytes)
{
    const QByteArray object = "blob " + QByteArray::number(bytes.size()) + '\0' + bytes;
    return QCryptographicHash::hash(object, QCryptographicHash::Sha1).toHex();
}

const QByteArray ConfigJson = R"({"dl":"http://127.0.0.1:1/crates","api":"http://127.0.0.1:1"})";
const QByteArray SerdeV1 =
    R"({"name":"serde","vers":"1.0.0","deps":[],"cksum":"aa","features":{},"yanked":false})"
    "\n";
const QByteArray SerdeV2 =
    R"({"name":"serde","vers":"1.0.1","deps":[],"cksum":"bb","features":{},"yanked":false})"
    "\n";
} // namespace

class TestGitIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void openCreatesBareRepository();
    void openFailsWhereNoFolderCanBe();
    void fetchClonesAndReadsFiles_data();
    void fetchClonesAndReadsFiles();
    void fetchReportsProgressAndCanBeCancelled();
    void fetchFromNowhereFails();
    void tipFollowsTheUpstreamHead_data();
    void tipFollowsTheUpstreamHead();
    void forcedFetchAcceptsASquash();
    void changedFiles_data();
    void changedFiles();
    void changedFilesFromNothingListsEverything();
    void forEachFileStreamsTheTree();
    void forEachFileStopsWhenAsked();
    void isGitUpstream_data();
    void isGitUpstream();

private:
    QString upstreamDir() const { return m_dir->filePath(QStringLiteral("upstream.git")); }
    QString mirrorDir() const { return m_dir->filePath(QStringLiteral("mirror/git/index.git")); }
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestGitUpstream> m_upstream;
};

void TestGitIndex::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_upstream = std::make_unique<TestGitUpstream>(upstreamDir());
    QString error;
    QVERIFY2(m_upstream->init(&error), qPrintable(error));
}

void TestGitIndex::openCreatesBareRepository()
{
    QString error;
    {
        GitIndex index;
        QVERIFY2(index.open(mirrorDir(), &error), qPrintable(error));
        QVERIFY(index.isOpen());
        QVERIFY(QFile::exists(mirrorDir() + QStringLiteral("/HEAD")));
        QVERIFY(!QFile::exists(mirrorDir() + QStringLiteral("/.git")));
        QVERIFY(index.tip().isEmpty());
        QVERIFY(index.lastFetchedUrl().isEmpty());
    }
    GitIndex again;
    QVERIFY2(again.open(mirrorDir(), &error), qPrintable(error));
    QVERIFY(again.tip().isEmpty());
}

void TestGitIndex::openFailsWhereNoFolderCanBe()
{
    const QString blocker = m_dir->filePath(QStringLiteral("file"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    GitIndex index;
    QString error;
    QVERIFY(!index.open(blocker + QStringLiteral("/index.git"), &error));
    QVERIFY(!index.isOpen());
    QVERIFY2(error.contains(QStringLiteral("index.git")), qPrintable(error));
}

void TestGitIndex::fetchClonesAndReadsFiles_data()
{
    QTest::addColumn<bool>("asUrl");
    QTest::newRow("local path") << false;
    QTest::newRow("file:// URL") << true;
}

void TestGitIndex::fetchClonesAndReadsFiles()
{
    QFETCH(bool, asUrl);
    QString error;
    const QByteArray head = m_upstream->commitFiles(
        {{"config.json", ConfigJson}, {"se/rd/serde", SerdeV1}, {"1/a", SerdeV2}}, "first", &error);
    QVERIFY2(!head.isEmpty(), qPrintable(error));

    GitIndex index;
    QVERIFY2(index.open(mirrorDir(), &error), qPrintable(error));
    QVERIFY2(index.fetch(asUrl ? m_upstream->url() : upstreamDir(), {}, &error), qPrintable(error));
    QCOMPARE(index.tip(), head);
    QCOMPARE(index.lastFetchedUrl(), asUrl ? m_upstream->url() : upstreamDir());
    QVERIFY(index.hasCommit(head));
    QVERIFY(index.isAncestor(head, head));

    const auto serde = index.readFile(head, QStringLiteral("se/rd/serde"), &error);
    QVERIFY2(serde, qPrintable(error));
    QCOMPARE(serde->bytes, SerdeV1);
    QCOMPARE(serde->blobId, blobId(SerdeV1));
    QCOMPARE(index.readBlob(serde->blobId).value_or(QByteArray()), SerdeV1);
    const auto config = index.readFile(head, QStringLiteral("config.json"), &error);
    QVERIFY(config);
    QCOMPARE(config->bytes, ConfigJson);

    // Absent files are no error; an unknown commit is.
    QVERIFY(!index.readFile(head, QStringLiteral("no/ne/none"), &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!index.readFile(head, QStringLiteral("se/rd"), &error)); // a folder, not a file
    const QByteArray unknown(40, 'a');
    QVERIFY(!index.readFile(unknown, QStringLiteral("se/rd/serde"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!index.hasCommit(unknown));
    QVERIFY(!index.readBlob(unknown));
    // No working tree was checked out.
    QVERIFY(!QFile::exists(mirrorDir() + QStringLiteral("/se")));
}

void TestGitIndex::fetchReportsProgressAndCanBeCancelled()
{
    QString error;
    Files files{{"config.json", ConfigJson}};
    for (int i = 0; i < 200; ++i)
        files.insert(QStringLiteral("cr/at/crate%1").arg(i), SerdeV1 + QByteArray::number(i));
    QVERIFY2(!m_upstream->commitFiles(files, "many", &error).isEmpty(), qPrintable(error));

    GitIndex cancelled;
    QVERIFY(cancelled.open(m_dir->filePath(QStringLiteral("cancelled.git")), &error));
    int calls = 0;
    QVERIFY(!cancelled.fetch(
        upstreamDir(), [&calls](const GitTransferProgress &) { return ++calls < 2; }, &error));
    QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
    QVERIFY(cancelled.tip().isEmpty());

    GitIndex index;
    QVERIFY(index.open(mirrorDir(), &error));
    QList<GitTransferProgress> seen;
    QVERIFY2(index.fetch(
                 upstreamDir(),
                 [&seen](const GitTransferProgress &progress) {
                     seen.append(progress);
                     return true;
                 },
                 &error),
             qPrintable(error));
    QVERIFY(!seen.isEmpty());
    const GitTransferProgress last = seen.constLast();
    // 200 blobs, the root tree, 3 subtrees per crate path level, one commit.
    QVERIFY2(last.totalObjects > 200, qPrintable(QString::number(last.totalObjects)));
    QCOMPARE(last.receivedObjects, last.totalObjects);
    QCOMPARE(last.indexedObjects, last.totalObjects);
    QVERIFY(last.receivedBytes > 0);
    for (qsizetype i = 1; i < seen.size(); ++i)
        QVERIFY(seen[i].receivedObjects >= seen[i - 1].receivedObjects);
}

void TestGitIndex::fetchFromNowhereFails()
{
    GitIndex index;
    QString error;
    QVERIFY(index.open(mirrorDir(), &error));
    const QString nowhere = m_dir->filePath(QStringLiteral("nowhere.git"));
    QVERIFY(!index.fetch(nowhere, {}, &error));
    QVERIFY2(error.contains(nowhere), qPrintable(error));
    // An upstream repository without any commit has nothing to mirror.
    QVERIFY(!index.fetch(upstreamDir(), {}, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(index.tip().isEmpty());
}

void TestGitIndex::tipFollowsTheUpstreamHead_data()
{
    QTest::addColumn<QString>("branch");
    QTest::newRow("master") << "master";
    QTest::newRow("main") << "main";
}

void TestGitIndex::tipFollowsTheUpstreamHead()
{
    QFETCH(QString, branch);
    QString error;
    const QByteArray master = m_upstream->commitFiles({{"1/a", SerdeV1}}, "on master", &error);
    QVERIFY(!master.isEmpty());
    const QByteArray second = m_upstream->commitFiles({{"1/b", SerdeV2}}, "second", &error);
    QVERIFY(!second.isEmpty());
    // A second repository whose HEAD names another branch, pointing at the first commit.
    const QString other = m_dir->filePath(QStringLiteral("other.git"));
    QVERIFY(QDir().mkpath(other));
    QVERIFY(QDir(upstreamDir()).exists());
    GitIndex copy;
    QVERIFY(copy.open(other, &error));
    QVERIFY2(copy.fetch(upstreamDir(), {}, &error), qPrintable(error));
    // Write a plain upstream layout into the copy: refs/heads/<branch> and HEAD -> it.
    QFile ref(other + QStringLiteral("/refs/heads/") + branch);
    QVERIFY(ref.open(QIODevice::WriteOnly));
    ref.write(master + '\n');
    ref.close();
    QFile headFile(other + QStringLiteral("/HEAD"));
    QVERIFY(headFile.open(QIODevice::WriteOnly));
    headFile.write("ref: refs/heads/" + branch.toUtf8() + '\n');
    headFile.close();

    GitIndex index;
    QVERIFY(index.open(mirrorDir(), &error));
    QVERIFY2(index.fetch(other, {}, &error), qPrintable(error));
    QCOMPARE(index.tip(), master);
}

void TestGitIndex::forcedFetchAcceptsASquash()
{
    QString error;
    const QByteArray first = m_upstream->commitFiles({{"1/a", SerdeV1}}, "1", &error);
    const QByteArray second = m_upstream->commitFiles({{"1/b", SerdeV2}}, "2", &error);
    QVERIFY(!second.isEmpty());
    GitIndex index;
    QVERIFY(index.open(mirrorDir(), &error));
    QVERIFY2(index.fetch(upstreamDir(), {}, &error), qPrintable(error));
    QCOMPARE(index.tip(), second);
    QVERIFY(index.isAncestor(first, second));
    QVERIFY(!index.isAncestor(second, first));

    const QByteArray squashed = m_upstream->squash("Squash", &error);
    QVERIFY2(!squashed.isEmpty(), qPrintable(error));
    const QByteArray after = m_upstream->commitFiles({{"1/c", SerdeV1}}, "3", &error);
    QVERIFY2(index.fetch(upstreamDir(), {}, &error), qPrintable(error));
    QCOMPARE(index.tip(), after);
    QVERIFY(index.isAncestor(squashed, after));
    QVERIFY(!index.isAncestor(second, after));
    // The old commit is still readable until a gc, so a diff from it works.
    const auto changes = index.changedFiles(second, after, &error);
    QVERIFY2(changes, qPrintable(error));
    QCOMPARE(changes->files.size(), 1);
    QCOMPARE(changes->files[0].path, QStringLiteral("1/c"));
}

void TestGitIndex::changedFiles_data()
{
    QTest::addColumn<Files>("change");
    QTest::addColumn<QStringList>("expected"); // "A path", "M path", "D path"
    QTest::addColumn<bool>("configChanged");
    QTest::newRow("nothing") << Files{} << QStringList{} << false;
    QTest::newRow("new crate") << Files{{"ne/w-/new-crate", SerdeV1}}
                               << QStringList{"A ne/w-/new-crate"} << false;
    QTest::newRow("new version") << Files{{"se/rd/serde", SerdeV1 + SerdeV2}}
                                 << QStringList{"M se/rd/serde"} << false;
    QTest::newRow("removed crate") << Files{{"1/a", std::nullopt}} << QStringList{"D 1/a"} << false;
    QTest::newRow("config only") << Files{{"config.json", "{}"}} << QStringList{} << true;
    QTest::newRow("same bytes") << Files{{"1/a", SerdeV2}} << QStringList{} << false;
    QTest::newRow("several") << Files{{"1/a", std::nullopt},
                                      {"1/b", SerdeV1},
                                      {"se/rd/serde", SerdeV2},
                                      {"config.json", "{}"}}
                             << QStringList{"D 1/a", "A 1/b", "M se/rd/serde"} << true;
}

void TestGitIndex::changedFiles()
{
    QFETCH(Files, change);
    QFETCH(QStringList, expected);
    QFETCH(bool, configChanged);
    QString error;
    const QByteArray before = m_upstream->commitFiles(
        {{"config.json", ConfigJson}, {"se/rd/serde", SerdeV1}, {"1/a", SerdeV2}}, "1", &error);
    const QByteArray after = m_upstream->commitFiles(change, "2", &error);
    QVERIFY2(!after.isEmpty(), qPrintable(error));
    GitIndex index;
    QVERIFY(index.open(mirrorDir(), &error));
    QVERIFY2(index.fetch(upstreamDir(), {}, &error), qPrintable(error));

    const auto changes = index.changedFiles(before, after, &error);
    QVERIFY2(changes, qPrintable(error));
    QStringList got;
    for (const GitChange &c : changes->files) {
        const char kind = c.kind == GitChange::Kind::Added      ? 'A'
                          : c.kind == GitChange::Kind::Modified ? 'M'
                                                                : 'D';
        got.append(QLatin1Char(kind) + QLatin1Char(' ') + c.path);
        QCOMPARE(c.oldBlobId.isEmpty(), c.kind == GitChange::Kind::Added);
        QCOMPARE(c.newBlobId.isEmpty(), c.kind == GitChange::Kind::Deleted);
        if (c.kind != GitChange::Kind::Deleted)
            QCOMPARE(c.newBlobId, index.readFile(after, c.path, &error)->blobId);
    }
    std::sort(got.begin(), got.end(),
              [](const QString &a, const QString &b) { return a.mid(2) < b.mid(2); });
    std::sort(expected.begin(), expected.end(),
              [](const QString &a, const QString &b) { return a.mid(2) < b.mid(2); });
    QCOMPARE(got, expected);
    QCOMPARE(changes->configChanged, configChanged);
}

void TestGitIndex::changedFilesFromNothingListsEverything()
{
    QString error;
    const QByteArray head = m_upstream->commitFiles(
        {{"config.json", ConfigJson}, {"se/rd/serde", SerdeV1}, {"1/a", SerdeV2}}, "1", &error);
    GitIndex index;
    QVERIFY(index.open(mirrorDir(), &error));
    QVERIFY2(index.fetch(upstreamDir(), {}, &error), qPrintable(error));
    const auto changes = index.changedFiles({}, head, &error);
    QVERIFY2(changes, qPrintable(error));
    QVERIFY(changes->configChanged);
    QCOMPARE(changes->files.size(), 2);
    for (const GitChange &c : changes->files)
        QCOMPARE(c.kind, GitChange::Kind::Added);
    QVERIFY(!index.changedFiles(QByteArray(40, 'b'), head, &error));
    QVERIFY(!error.isEmpty());
}

void TestGitIndex::forEachFileStreamsTheTree()
{
    QString error;
    Files files{{"config.json", ConfigJson}};
    QHash<QString, QByteArray> expected{{"config.json", ConfigJson}};
    for (int i = 0; i < 50; ++i) {
        const QString path = QStringLiteral("c%1/ra/crate%2").arg(i % 7).arg(i);
        const QByteArray bytes = SerdeV1 + QByteArray::number(i);
        files.insert(path, bytes);
        expected.insert(path, bytes);
    }
    const QByteArray head = m_upstream->commitFiles(files, "many", &error);
    GitIndex index;
    QVERIFY(index.open(mirrorDir(), &error));
    QVERIFY2(index.fetch(upstreamDir(), {}, &error), qPrintable(error));

    for (const bool withContent : {false, true}) {
        QHash<QString, QByteArray> seen;
        QVERIFY2(index.forEachFile(
                     head,
                     [&](const GitFile &file) {
                         if (withContent)
                             [&] { QCOMPARE(file.blobId, blobId(file.bytes)); }();
                         else
                             [&] { QVERIFY(file.bytes.isEmpty()); }();
                         seen.insert(file.path, withContent ? file.bytes : file.blobId);
                         return true;
                     },
                     withContent, &error),
                 qPrintable(error));
        QCOMPARE(seen.size(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QCOMPARE(seen.value(it.key()), withContent ? it.value() : blobId(it.value()));
    }
    QVERIFY(!index.forEachFile(
        QByteArray(40, 'c'), [](const GitFile &) { return true; }, false, &error));
    QVERIFY(!error.isEmpty());
}

void TestGitIndex::forEachFileStopsWhenAsked()
{
    QString error;
    const QByteArray head = m_upstream->commitFiles(
        {{"1/a", SerdeV1}, {"1/b", SerdeV1}, {"1/c", SerdeV1}, {"1/d", SerdeV1}}, "4", &error);
    GitIndex index;
    QVERIFY(index.open(mirrorDir(), &error));
    QVERIFY2(index.fetch(upstreamDir(), {}, &error), qPrintable(error));
    int calls = 0;
    QVERIFY(index.forEachFile(
        head, [&calls](const GitFile &) { return ++calls < 2; }, true, &error));
    QCOMPARE(calls, 2);
}

void TestGitIndex::isGitUpstream_data()
{
    QTest::addColumn<QString>("upstream");
    QTest::addColumn<bool>("git");
    QTest::newRow("crates.io git") << "https://github.com/rust-lang/crates.io-index" << true;
    QTest::newRow("crates.io git .git")
        << "https://github.com/rust-lang/crates.io-index.git" << true;
    QTest::newRow("crates.io sparse") << "sparse+https://index.crates.io/" << false;
    QTest::newRow("sparse loopback") << "sparse+http://127.0.0.1:8080/index/" << false;
    QTest::newRow("absolute path") << "/srv/index.git" << true;
    QTest::newRow("absolute path, no .git") << "/srv/index" << true;
    QTest::newRow("relative path") << "upstream/index" << true;
    QTest::newRow("dot path") << "./index" << true;
    QTest::newRow("file URL") << "file:///srv/index" << true;
    QTest::newRow("remote .git") << "https://git.example.com/registry/index.git" << true;
    QTest::newRow("ssh") << "ssh://git@example.com/index" << true;
    QTest::newRow("plain http index") << "http://127.0.0.1:8080/index/" << false;
    QTest::newRow("cargo's registry+ spelling")
        << "registry+https://github.com/rust-lang/crates.io-index" << false;
}

void TestGitIndex::isGitUpstream()
{
    QFETCH(QString, upstream);
    QFETCH(bool, git);
    QCOMPARE(GitIndex::isGitUpstream(upstream), git);
}

QTEST_GUILESS_MAIN(TestGitIndex)
#include "tst_gitindex.moc"

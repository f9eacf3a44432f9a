// SPDX-License-Identifier: GPL-3.0-or-later
// SyncEngine against a git index upstream (GitIndexSource): a bare repository with a history
// (TestGitUpstream) and a loopback HTTP server for the .crate files (TestUpstream).
#include "indexline.h"
#include "indexpath.h"
#include "mirrorstore.h"
#include "syncengine.h"
#include "testgitupstream.h"
#include "testregistry.h"
#include "testupstream.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

Q_DECLARE_METATYPE(Stowaway::SyncResult)

namespace {
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestGitSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void historyStepByStep();
    void failedDownloadStaysQueued();
    void cloneMadeAnewComparesWithoutDownloading();
    void removedCrateLeavesTheQueueAndMayReturn();
    void selectionFromTheGitIndex();
    void dryRunPlansWithoutWriting();
    void cancelledSyncKeepsTheMarker();
    void allNeedsAGitUpstream();
    void unreachableGitUpstreamChangesNothing();
    void offlineSyncUsesTheLocalCopy();

private:
    struct Step
    {
        SyncResult result;
        int crateRequests = 0;
    };
    /// Runs one sync (--all unless @p roots are given) and counts the .crate requests.
    Step sync(const QStringList &roots = {}, int pageSize = 10000);
    /// Every crate file of the upstream's tip: all versions stored with the index checksum,
    /// the files in place, and the served index byte-identical to upstream's file.
    void checkMirrorMatchesUpstream(const QStringList &removed = {});
    QString marker();
    void publish(const QStringList &names, const QString &message);

    std::unique_ptr<QTemporaryDir> m_dir;
    TestRegistry m_registry;
    std::unique_ptr<TestUpstream> m_http;
    std::unique_ptr<TestGitUpstream> m_git;
    std::unique_ptr<MirrorStore> m_store;
    QNetworkAccessManager m_nam;
};

void TestGitSync::init()
{
    qRegisterMetaType<SyncResult>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_registry = TestRegistry();
    m_registry.addVersion(QStringLiteral("alpha"), QStringLiteral("1.0.0"));
    m_registry.addVersion(QStringLiteral("alpha"), QStringLiteral("1.1.0"));
    m_registry.addVersion(QStringLiteral("beta"), QStringLiteral("0.1.0"))
        .dependsOn(QStringLiteral("alpha"), QStringLiteral("^1"));
    m_registry.addVersion(QStringLiteral("Gamma"), QStringLiteral("2.0.0"))
        .dependsOn(QStringLiteral("beta"), QStringLiteral("^0.1"));
    m_registry.addVersion(QStringLiteral("ab"), QStringLiteral("0.0.1"));
    const QString folder = m_dir->filePath(QStringLiteral("http"));
    QString error;
    QVERIFY2(m_registry.writeRegistry(folder, QStringLiteral("http://127.0.0.1:1"), &error),
             qPrintable(error));
    m_http = std::make_unique<TestUpstream>(folder);
    QVERIFY2(m_http->start(0, &error), qPrintable(error));
    m_git = std::make_unique<TestGitUpstream>(m_dir->filePath(QStringLiteral("upstream.git")));
    QVERIFY2(m_git->init(&error), qPrintable(error));
    publish({}, QStringLiteral("Initial"));
    m_store =
        std::make_unique<MirrorStore>(MirrorLayout(m_dir->filePath(QStringLiteral("mirror"))));
    QVERIFY2(m_store->open(&error), qPrintable(error));
}

void TestGitSync::cleanup()
{
    m_store.reset();
    m_http.reset();
    m_git.reset();
    m_dir.reset();
}

void TestGitSync::publish(const QStringList &names, const QString &message)
{
    QString error;
    QVERIFY2(m_registry.writeRegistry(m_dir->filePath(QStringLiteral("http")),
                                      QStringLiteral("http://127.0.0.1:1"), &error),
             qPrintable(error));
    QVERIFY2(!m_git->publish(m_registry, m_http->baseUrl(), names, message, &error).isEmpty(),
             qPrintable(error));
}

TestGitSync::Step TestGitSync::sync(const QStringList &roots, int pageSize)
{
    m_http->clearLog();
    SyncEngine engine(*m_store, m_nam);
    engine.setFastRetriesForTests(true);
    engine.setQueuePageSizeForTests(pageSize);
    SyncRequest request;
    request.upstream = m_git->path();
    request.all = roots.isEmpty();
    request.policy = VersionPolicy::parse(QStringLiteral("all"), nullptr).value();
    for (const QString &name : roots) {
        SyncRoot root;
        root.name = name;
        root.reason = QStringLiteral("named");
        root.detail = QStringLiteral("*");
        request.roots.append(root);
    }
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start(request);
    Step step;
    if (finished.isEmpty() && !finished.wait(30000))
        return step;
    step.result = finished.constFirst().constFirst().value<SyncResult>();
    for (const UpstreamRequest &r : m_http->requests())
        step.crateRequests += r.path.startsWith("/crates/") ? 1 : 0;
    return step;
}

QString TestGitSync::marker()
{
    return m_store->syncMarker(QStringLiteral("git.synced")).section(QLatin1Char(' '), 0, 0);
}

void TestGitSync::checkMirrorMatchesUpstream(const QStringList &removed)
{
    const MirrorLayout &layout = m_store->layout();
    QStringList names = m_registry.crateNames();
    for (const QString &name : std::as_const(names)) {
        const QString path = IndexPath::relativePath(name);
        QByteArray upstream = m_git->file(path);
        if (removed.contains(name)) {
            QVERIFY2(upstream.isEmpty(), qPrintable(name));
            upstream = readAll(layout.upstreamIndexFile(name)); // the last copy, kept
        }
        QVERIFY2(!upstream.isEmpty(), qPrintable(name));
        const IndexLine::FileLines parsed = IndexLine::parseFile(upstream);
        for (const IndexLine &line : parsed.lines) {
            const auto record = m_store->version(name, line.vers);
            QVERIFY2(record, qPrintable(name + QLatin1Char(' ') + line.vers));
            QCOMPARE(record->state, QStringLiteral("stored"));
            QCOMPARE(record->cksum, line.cksum);
            QCOMPARE(record->yanked, line.yanked);
            QCOMPARE(readAll(layout.crateFile(name, line.vers)),
                     m_registry.crateFile(name, line.vers));
        }
        // Every version is stored, so cargo sees upstream's file byte for byte.
        QCOMPARE(readAll(layout.servedIndexFile(name)), upstream);
    }
}

void TestGitSync::historyStepByStep()
{
    // 1. First clone: everything is new (queued two versions at a time).
    Step step = sync({}, 2);
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(step.result.fullComparison);
    QCOMPARE(step.result.indexFilesFetched, 4);
    QCOMPARE(step.result.downloaded, 5);
    QCOMPARE(step.crateRequests, 5);
    QCOMPARE(step.result.indexCommit.toLatin1(), m_git->head());
    QCOMPARE(marker().toLatin1(), m_git->head());
    checkMirrorMatchesUpstream();
    QVERIFY(QFile::exists(m_store->layout().gitIndexDir() + QStringLiteral("/HEAD")));
    QVERIFY(!QFile::exists(m_store->layout().gitIndexDir() + QStringLiteral("/config.json")));

    // Nothing new: no index file read, nothing downloaded.
    step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(!step.result.fullComparison);
    QCOMPARE(step.result.indexFilesFetched, 0);
    QCOMPARE(step.crateRequests, 0);

    // 2. New crates.
    m_registry.addVersion(QStringLiteral("delta"), QStringLiteral("0.1.0"))
        .dependsOn(QStringLiteral("Gamma"), QStringLiteral("^2"));
    m_registry.addVersion(QStringLiteral("e"), QStringLiteral("1.0.0"));
    publish({QStringLiteral("delta"), QStringLiteral("e")}, QStringLiteral("two new crates"));
    step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.result.indexFilesFetched, 2);
    QCOMPARE(step.result.downloaded, 2);
    QCOMPARE(step.crateRequests, 2);
    QCOMPARE(marker().toLatin1(), m_git->head());
    checkMirrorMatchesUpstream();

    // 3. New versions: only the new lines download.
    m_registry.addVersion(QStringLiteral("alpha"), QStringLiteral("1.2.0"));
    m_registry.addVersion(QStringLiteral("Gamma"), QStringLiteral("2.1.0"));
    publish({QStringLiteral("alpha"), QStringLiteral("Gamma")}, QStringLiteral("new versions"));
    step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.result.indexFilesFetched, 2);
    QCOMPARE(step.result.downloaded, 2);
    QCOMPARE(step.crateRequests, 2);
    checkMirrorMatchesUpstream();

    // 4. A yank: the version stays stored and is served with "yanked":true.
    QString error;
    QVERIFY2(!m_git->yank(QStringLiteral("beta"), QStringLiteral("0.1.0"), &error).isEmpty(),
             qPrintable(error));
    step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.result.indexFilesFetched, 1);
    QCOMPARE(step.crateRequests, 0);
    QVERIFY(m_store->version(QStringLiteral("beta"), QStringLiteral("0.1.0"))->yanked);
    QVERIFY(readAll(m_store->layout().servedIndexFile(QStringLiteral("beta")))
                .contains("\"yanked\":true"));
    checkMirrorMatchesUpstream(); // served == upstream, the yanked line included

    // 5. A forced squash, plus a new version on top: history is replaced, nothing is
    // downloaded again, the new version is.
    const QByteArray beforeSquash = m_git->head();
    QVERIFY2(!m_git->squash(QStringLiteral("Squash the index"), &error).isEmpty(),
             qPrintable(error));
    m_registry.addVersion(QStringLiteral("beta"), QStringLiteral("0.1.1"))
        .dependsOn(QStringLiteral("alpha"), QStringLiteral("^1"));
    QVERIFY2(m_registry.writeRegistry(m_dir->filePath(QStringLiteral("http")),
                                      QStringLiteral("http://127.0.0.1:1"), &error),
             qPrintable(error));
    // beta's new line goes under the yanked one, as crates.io appends.
    const QString betaPath = IndexPath::relativePath(QStringLiteral("beta"));
    const QByteArray betaFile =
        m_git->file(betaPath) +
        m_registry.indexLine(*m_registry.find(QStringLiteral("beta"), QStringLiteral("0.1.1"))) +
        '\n';
    QVERIFY2(
        !m_git->commitFiles({{betaPath, betaFile}}, QStringLiteral("beta 0.1.1"), &error).isEmpty(),
        qPrintable(error));
    step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.result.downloaded, 1);
    QCOMPARE(step.crateRequests, 1);
    QCOMPARE(marker().toLatin1(), m_git->head());
    QVERIFY(marker().toLatin1() != beforeSquash);
    QCOMPARE(readAll(m_store->layout().servedIndexFile(QStringLiteral("beta"))), betaFile);

    // 6. A crate removed upstream: kept, stored, served, and reported.
    QVERIFY2(!m_git->removeCrate(QStringLiteral("e"), &error).isEmpty(), qPrintable(error));
    step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.crateRequests, 0);
    QCOMPARE(step.result.removedUpstream, QStringList{QStringLiteral("e")});
    QCOMPARE(m_store->summary().removedUpstream, QStringList{QStringLiteral("e")});
    QVERIFY(
        QFile::exists(m_store->layout().crateFile(QStringLiteral("e"), QStringLiteral("1.0.0"))));
    QVERIFY(QFile::exists(m_store->layout().servedIndexFile(QStringLiteral("e"))));
    checkMirrorMatchesUpstream({QStringLiteral("e")});
}

void TestGitSync::failedDownloadStaysQueued()
{
    QVERIFY(sync().result.outcome == SyncResult::Outcome::Ok);
    const QString first = marker();
    m_registry.addVersion(QStringLiteral("alpha"), QStringLiteral("1.3.0"));
    m_registry.addVersion(QStringLiteral("beta"), QStringLiteral("0.2.0"));
    publish({QStringLiteral("alpha"), QStringLiteral("beta")}, QStringLiteral("two versions"));
    m_http->addFault(QStringLiteral("/crates/alpha/alpha-1.3.0.crate"), UpstreamFault::status(404));

    Step step = sync({}, 1); // one version per page: the failure does not stop the rest
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Failed);
    QCOMPARE(step.result.failures.size(), 1);
    QCOMPARE(step.result.failures[0].name, QStringLiteral("alpha"));
    QCOMPARE(step.result.failures[0].version, QStringLiteral("1.3.0"));
    QCOMPARE(step.result.downloaded, 1); // beta 0.2.0
    QCOMPARE(marker(), first);           // not every version is stored: the marker stays
    QCOMPARE(m_store->version(QStringLiteral("alpha"), QStringLiteral("1.3.0"))->state,
             QStringLiteral("known"));
    // The served index lists only what is stored.
    QVERIFY(!readAll(m_store->layout().servedIndexFile(QStringLiteral("alpha")))
                 .contains("\"vers\":\"1.3.0\""));

    // Nothing changed upstream, the fault is gone: the queued version is retried.
    m_http->clearFaults();
    step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.result.downloaded, 1);
    QCOMPARE(step.crateRequests, 1);
    QCOMPARE(marker().toLatin1(), m_git->head());
    checkMirrorMatchesUpstream();
}

void TestGitSync::cloneMadeAnewComparesWithoutDownloading()
{
    QVERIFY(sync().result.outcome == SyncResult::Outcome::Ok);
    m_registry.addVersion(QStringLiteral("ab"), QStringLiteral("0.0.2"));
    publish({QStringLiteral("ab")}, QStringLiteral("ab 0.0.2"));
    QString error;
    QVERIFY2(!m_git->removeCrate(QStringLiteral("beta"), &error).isEmpty(), qPrintable(error));
    // The upstream squashed and the clone is made anew (lost, or the old objects were
    // collected): the marker commit is gone, so the whole tree is compared with what is stored.
    QVERIFY2(!m_git->squash(QStringLiteral("Squash"), &error).isEmpty(), qPrintable(error));
    QVERIFY(QDir(m_store->layout().gitIndexDir()).removeRecursively());
    const Step step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(step.result.fullComparison);
    QCOMPARE(step.result.indexFilesFetched, 1); // only ab's blob differs from its ETag
    QCOMPARE(step.result.downloaded, 1);
    QCOMPARE(step.crateRequests, 1);
    QCOMPARE(step.result.removedUpstream, QStringList{QStringLiteral("beta")});
    QCOMPARE(marker().toLatin1(), m_git->head());
    checkMirrorMatchesUpstream({QStringLiteral("beta")});
}

void TestGitSync::removedCrateLeavesTheQueueAndMayReturn()
{
    QVERIFY(sync().result.outcome == SyncResult::Outcome::Ok);
    m_registry.addVersion(QStringLiteral("ab"), QStringLiteral("0.0.2"));
    publish({QStringLiteral("ab")}, QStringLiteral("ab 0.0.2"));
    m_http->addFault(QStringLiteral("/crates/ab/*"), UpstreamFault::status(404));
    QCOMPARE(sync().result.outcome, SyncResult::Outcome::Failed);

    // The crate is deleted upstream before its new version could be stored: the stored
    // version stays served, the unstored one is neither served nor asked for again, and the
    // marker moves on.
    QString error;
    QVERIFY2(!m_git->removeCrate(QStringLiteral("ab"), &error).isEmpty(), qPrintable(error));
    Step step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.crateRequests, 0);
    QCOMPARE(step.result.removedUpstream, QStringList{QStringLiteral("ab")});
    QCOMPARE(marker().toLatin1(), m_git->head());
    const QByteArray served = readAll(m_store->layout().servedIndexFile(QStringLiteral("ab")));
    QVERIFY(served.contains("\"vers\":\"0.0.1\""));
    QVERIFY(!served.contains("\"vers\":\"0.0.2\""));

    // Published again: no longer reported as removed, and the missing version arrives.
    m_http->clearFaults();
    publish({QStringLiteral("ab")}, QStringLiteral("ab is back"));
    step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(step.result.removedUpstream.isEmpty());
    QCOMPARE(step.result.downloaded, 1);
    checkMirrorMatchesUpstream();
}

void TestGitSync::selectionFromTheGitIndex()
{
    // Without --all the git index is read like a sparse one: the closure of Gamma only.
    Step step = sync({QStringLiteral("Gamma")});
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(step.result.downloaded >= 3);
    QCOMPARE(step.crateRequests, step.result.downloaded);
    for (const auto &[name, version] :
         {std::pair{"Gamma", "2.0.0"}, std::pair{"beta", "0.1.0"}, std::pair{"alpha", "1.1.0"}}) {
        const auto record =
            m_store->version(QString::fromLatin1(name), QString::fromLatin1(version));
        QVERIFY2(record && record->state == QStringLiteral("stored"), name);
    }
    QVERIFY(!m_store->version(QStringLiteral("ab"), QStringLiteral("0.0.1")));
    QVERIFY(marker().isEmpty()); // only --all moves the marker
    QCOMPARE(readAll(m_store->layout().servedIndexFile(QStringLiteral("gamma"))),
             m_git->file(IndexPath::relativePath(QStringLiteral("gamma"))));
    // Again: every index file is unchanged (its blob id is the ETag kept in the state).
    step = sync({QStringLiteral("Gamma")});
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.result.indexFilesUnchanged, 3);
    QCOMPARE(step.result.indexFilesFetched, 0);
    QCOMPARE(step.crateRequests, 0);
}

void TestGitSync::dryRunPlansWithoutWriting()
{
    QVERIFY(sync().result.outcome == SyncResult::Outcome::Ok);
    const QString first = marker();
    m_registry.addVersion(QStringLiteral("alpha"), QStringLiteral("1.4.0"));
    m_registry.addVersion(QStringLiteral("new"), QStringLiteral("0.1.0"));
    publish({QStringLiteral("alpha"), QStringLiteral("new")}, QStringLiteral("two"));

    SyncEngine engine(*m_store, m_nam);
    SyncRequest request;
    request.upstream = m_git->path();
    request.all = true;
    request.dryRun = true;
    QSignalSpy finished(&engine, &SyncEngine::finished);
    m_http->clearLog();
    engine.start(request);
    QVERIFY(finished.wait(30000));
    const auto result = finished.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QStringList planned;
    for (const PlannedVersion &version : result.plan.versions)
        planned.append(version.name + QLatin1Char(' ') + version.version);
    planned.sort();
    QCOMPARE(planned, (QStringList{"alpha 1.4.0", "new 0.1.0"}));
    QCOMPARE(m_http->requests().size(), 0);
    QCOMPARE(marker(), first);
    QVERIFY(!m_store->version(QStringLiteral("new"), QStringLiteral("0.1.0")));
}

void TestGitSync::cancelledSyncKeepsTheMarker()
{
    QVERIFY(sync().result.outcome == SyncResult::Outcome::Ok);
    const QString first = marker();
    m_registry.addVersion(QStringLiteral("alpha"), QStringLiteral("1.5.0"));
    publish({QStringLiteral("alpha")}, QStringLiteral("alpha 1.5.0"));
    {
        SyncEngine engine(*m_store, m_nam);
        SyncRequest request;
        request.upstream = m_git->path();
        request.all = true;
        QSignalSpy finished(&engine, &SyncEngine::finished);
        engine.start(request);
        engine.cancel(); // while the clone is being fetched
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.constFirst().constFirst().value<SyncResult>().outcome,
                 SyncResult::Outcome::Cancelled);
    } // the engine waits for its git task to stop
    QCOMPARE(marker(), first);
    const Step step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.result.downloaded, 1);
    QCOMPARE(marker().toLatin1(), m_git->head());
}

void TestGitSync::allNeedsAGitUpstream()
{
    SyncEngine engine(*m_store, m_nam);
    SyncRequest request;
    request.upstream = m_http->indexUrl();
    request.all = true;
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start(request);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    const auto result = finished.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Failed);
    QVERIFY2(result.message.contains(QStringLiteral("git index")), qPrintable(result.message));
}

void TestGitSync::unreachableGitUpstreamChangesNothing()
{
    SyncEngine engine(*m_store, m_nam);
    SyncRequest request;
    request.upstream = m_dir->filePath(QStringLiteral("no-such.git"));
    request.all = true;
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.start(request);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    const auto result = finished.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Unreachable);
    QVERIFY2(result.message.contains(QStringLiteral("no-such.git")), qPrintable(result.message));
    QCOMPARE(m_store->summary().versions, 0);
    QVERIFY(marker().isEmpty());
}

void TestGitSync::offlineSyncUsesTheLocalCopy()
{
    QVERIFY(sync().result.outcome == SyncResult::Outcome::Ok);
    const QByteArray head = m_git->head();
    // The git upstream goes away (offline, or the host is down); the .crate host is up.
    const QString moved = m_git->path() + QStringLiteral(".away");
    QVERIFY(QDir().rename(m_git->path(), moved));
    const Step step = sync();
    QCOMPARE(step.result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(step.result.indexCommit.toLatin1(), head);
    QCOMPARE(step.result.warnings.size(), 1);
    QVERIFY2(step.result.warnings.constFirst().contains(QString::fromLatin1(head.left(12))),
             qPrintable(step.result.warnings.constFirst()));
    QCOMPARE(step.crateRequests, 0);
    QVERIFY(QDir().rename(moved, m_git->path()));
    checkMirrorMatchesUpstream();
}

QTEST_GUILESS_MAIN(TestGitSync)
#include "tst_gitsync.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorruntime.h"
#include "mirrorstore.h"
#include "synclock.h"
#include "testregistry.h"
#include "testupstream.h"

#include <QDir>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

class TestMirrorRuntime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void syncReachesTheEnd();
    void pauseAndResumeContinueDownloads();
    void secondSyncIsRefusedWhileLocked();
    void serverStartsStopsAndReportsPortInUse();
    void externalSyncIsShownAsOne();
    void nothingSelectedSaysWhatToDo();

private:
    std::unique_ptr<MirrorStore> openStore(const QString &name);
    SyncOverrides everyRoot() const;

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::layered(30, 2);
    std::unique_ptr<TestUpstream> m_upstream;
};

void TestMirrorRuntime::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_upstream =
        TestUpstream::serve(m_registry, m_dir.filePath(QStringLiteral("registry")), &error);
    QVERIFY2(m_upstream, qPrintable(error));
}

std::unique_ptr<MirrorStore> TestMirrorRuntime::openStore(const QString &name)
{
    auto store = std::make_unique<MirrorStore>(MirrorLayout(m_dir.filePath(name)));
    QString error;
    if (!store->open(&error))
        qWarning() << error;
    MirrorConfig config = store->config();
    config.setUpstream(m_upstream->indexUrl());
    if (!store->setConfig(config, &error))
        qWarning() << error;
    return store;
}

SyncOverrides TestMirrorRuntime::everyRoot() const
{
    SyncOverrides overrides;
    for (const TestDependency &dep : m_registry.rootDependencies()) {
        SyncRoot root;
        root.name = dep.name;
        root.reason = QStringLiteral("named");
        root.detail = QStringLiteral("*");
        overrides.roots.append(root);
    }
    overrides.versions = QStringLiteral("all");
    return overrides;
}

void TestMirrorRuntime::syncReachesTheEnd()
{
    const auto store = openStore(QStringLiteral("mirror-end"));
    MirrorRuntime runtime(*store);
    runtime.setFastRetriesForTests(true);
    QSignalSpy finished(&runtime, &MirrorRuntime::syncFinished);
    QSignalSpy progress(&runtime, &MirrorRuntime::progressChanged);
    QVERIFY(runtime.startSync(everyRoot()));
    QCOMPARE(runtime.syncState(), MirrorRuntime::SyncState::Running);
    QVERIFY(finished.wait(60000));
    const auto result = finished.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(runtime.syncState(), MirrorRuntime::SyncState::Idle);
    QVERIFY(result.downloaded > 0);
    QCOMPARE(result.downloaded, result.plan.versions.size());
    QCOMPARE(runtime.progress().phase, SyncProgress::Phase::Done);
    QCOMPARE(runtime.progress().filesDone, qint64(result.downloaded));
    // The UI thread's store sees what the worker's store wrote.
    QCOMPARE(store->summary().versions, qint64(result.downloaded));
    QVERIFY(!progress.isEmpty());
    // The lock is free again: a second sync (nothing new) runs too.
    QVERIFY(runtime.startSync());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.constLast().constFirst().value<SyncResult>().downloaded, 0);
}

void TestMirrorRuntime::pauseAndResumeContinueDownloads()
{
    const auto store = openStore(QStringLiteral("mirror-pause"));
    const QString stalled = m_registry.rootDependencies().constFirst().name;
    // One download sends half its body, then nothing: the sync is surely still running
    // when the pause comes, with half a file in tmp/partial.
    m_upstream->clearLog();
    m_upstream->addFault(QStringLiteral("/crates/") + stalled + QStringLiteral("/*"),
                         UpstreamFault::of(UpstreamFault::Kind::Stall, 1));
    MirrorRuntime runtime(*store);
    QSignalSpy finished(&runtime, &MirrorRuntime::syncFinished);
    QVERIFY(runtime.startSync(everyRoot()));
    const QDir partial(store->layout().tempDir() + QStringLiteral("/partial"));
    const auto partialBytes = [&partial] {
        qint64 bytes = 0;
        for (const QFileInfo &info : partial.entryInfoList(QDir::Files))
            bytes += info.size();
        return bytes;
    };
    QTRY_VERIFY_WITH_TIMEOUT(partialBytes() > 0, 30000);
    runtime.pause();
    QTRY_COMPARE_WITH_TIMEOUT(runtime.syncState(), MirrorRuntime::SyncState::Paused, 30000);
    QVERIFY(finished.isEmpty()); // a pause is not the end of the sync
    QVERIFY(partialBytes() > 0); // the half file is kept
    const qint64 versionsAtPause = store->summary().versions;

    QVERIFY(runtime.resume());
    QVERIFY(finished.wait(60000));
    m_upstream->clearFaults();
    const auto result = finished.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QCOMPARE(store->summary().versions, qint64(result.plan.versions.size()));
    QVERIFY(result.downloaded < result.plan.versions.size() || versionsAtPause == 0);
    // The stalled file was continued with a Range request, not fetched whole again.
    const QByteArray stalledPath = QByteArray("/crates/") + stalled.toUtf8();
    bool ranged = false;
    for (const UpstreamRequest &request : m_upstream->requests()) {
        if (request.path.startsWith(stalledPath) && request.header("Range").startsWith("bytes="))
            ranged = !request.header("Range").startsWith("bytes=0-");
    }
    QVERIFY(ranged);
    QCOMPARE(partialBytes(), 0);
}

void TestMirrorRuntime::secondSyncIsRefusedWhileLocked()
{
    const auto store = openStore(QStringLiteral("mirror-locked"));
    SyncLock other(store->layout());
    QString error;
    QVERIFY(other.tryLock(&error));
    MirrorRuntime runtime(*store);
    QSignalSpy finished(&runtime, &MirrorRuntime::syncFinished);
    QVERIFY(!runtime.startSync(everyRoot()));
    QCOMPARE(finished.size(), 1);
    const auto result = finished.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Failed);
    const QString pid = QString::number(QCoreApplication::applicationPid());
    QVERIFY2(result.message.contains(QStringLiteral("another sync (pid ") + pid),
             qPrintable(result.message));
    QCOMPARE(runtime.syncState(), MirrorRuntime::SyncState::Idle);
    other.unlock();
    QVERIFY(runtime.startSync(everyRoot()));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.constLast().constFirst().value<SyncResult>().outcome,
             SyncResult::Outcome::Ok);
}

void TestMirrorRuntime::serverStartsStopsAndReportsPortInUse()
{
    const auto store = openStore(QStringLiteral("mirror-server"));
    MirrorRuntime runtime(*store);
    QSignalSpy states(&runtime, &MirrorRuntime::serverStateChanged);
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    ListenAddress busy;
    busy.port = squatter.serverPort();
    runtime.setListenAddress(busy);
    QVERIFY(!runtime.startServer());
    QCOMPARE(runtime.serverState(), MirrorRuntime::ServerState::Failed);
    QVERIFY2(runtime.serverError().contains(QLatin1String("already in use")),
             qPrintable(runtime.serverError()));
    QCOMPARE(states.size(), 1);

    ListenAddress any;
    any.port = 0;
    runtime.setListenAddress(any);
    QVERIFY2(runtime.startServer(), qPrintable(runtime.serverError()));
    QCOMPARE(runtime.serverState(), MirrorRuntime::ServerState::Running);
    const QUrl url(runtime.serverUrl());
    QVERIFY(url.port() > 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
    QVERIFY(client.waitForConnected(5000));
    client.write("GET /index/config.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    // The server accepts on this thread: let its event loop run while waiting.
    QTRY_VERIFY_WITH_TIMEOUT(client.bytesAvailable() > 0, 5000);
    const QByteArray reply = client.readAll();
    QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.constData());
    client.close();

    runtime.stopServer();
    QCOMPARE(runtime.serverState(), MirrorRuntime::ServerState::Stopped);
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
    QVERIFY(!refused.waitForConnected(2000));
    QCOMPARE(states.size(), 3);
}

void TestMirrorRuntime::externalSyncIsShownAsOne()
{
    const auto store = openStore(QStringLiteral("mirror-external"));
    MirrorRuntime runtime(*store);
    QSignalSpy progress(&runtime, &MirrorRuntime::progressChanged);
    QSignalSpy finished(&runtime, &MirrorRuntime::syncFinished);
    QSignalSpy summary(&runtime, &MirrorRuntime::summaryChanged);
    SyncProgress p;
    p.phase = SyncProgress::Phase::Downloading;
    p.filesDone = 3;
    p.filesTotal = 9;
    runtime.showExternalProgress(p);
    QCOMPARE(runtime.syncState(), MirrorRuntime::SyncState::External);
    QVERIFY(runtime.isSyncing());
    QCOMPARE(runtime.progress(), p);
    QCOMPARE(progress.size(), 1);
    // While another process syncs, this app does not start one.
    QVERIFY(!runtime.startSync());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.constFirst().constFirst().value<SyncResult>().outcome,
             SyncResult::Outcome::Failed);
    SyncResult done;
    done.downloaded = 9;
    runtime.showExternalFinished(done);
    QCOMPARE(runtime.syncState(), MirrorRuntime::SyncState::Idle);
    QCOMPARE(finished.size(), 2);
    QCOMPARE(finished.constLast().constFirst().value<SyncResult>().downloaded, 9);
    QCOMPARE(summary.size(), 1);
    QCOMPARE(runtime.lastResult()->downloaded, 9);
}

void TestMirrorRuntime::nothingSelectedSaysWhatToDo()
{
    const auto store = openStore(QStringLiteral("mirror-empty"));
    MirrorRuntime runtime(*store);
    QSignalSpy finished(&runtime, &MirrorRuntime::syncFinished);
    QVERIFY(!runtime.startSync());
    QCOMPARE(finished.size(), 1);
    const auto result = finished.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Failed);
    QVERIFY2(result.message.startsWith(QLatin1String("nothing to sync yet")),
             qPrintable(result.message));
    QCOMPARE(runtime.syncState(), MirrorRuntime::SyncState::Idle);
}

QTEST_GUILESS_MAIN(TestMirrorRuntime)
#include "tst_mirrorruntime.moc"

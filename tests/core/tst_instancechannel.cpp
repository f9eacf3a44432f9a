// SPDX-License-Identifier: GPL-3.0-or-later
#include "instancechannel.h"
#include "syncmessage.h"
#include "syncpublisher.h"
#include "testregistry.h"
#include "testupstream.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

class TestInstanceChannel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void messagesRoundTrip();
    void namesDifferPerMirror();
    void secondInstanceRaisesTheFirst();
    void publisherWithoutAppDoesNothing();
    void cliSyncShowsUpInTheApp();
    void cliSyncWithoutAppIsUnaffected();
    void secondCliSyncIsRefused();

private:
    QProcess *startSync(const QString &mirror);

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::layered(20, 2);
    std::unique_ptr<TestUpstream> m_upstream;
};

void TestInstanceChannel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_upstream =
        TestUpstream::serve(m_registry, m_dir.filePath(QStringLiteral("registry")), &error);
    QVERIFY2(m_upstream, qPrintable(error));
}

void TestInstanceChannel::messagesRoundTrip()
{
    SyncProgress progress;
    progress.phase = SyncProgress::Phase::Downloading;
    progress.filesDone = 12;
    progress.filesTotal = 40;
    progress.bytesDone = 123456789012;
    progress.bytesTotal = -1;
    progress.bytesPerSecond = 1.5e6;
    progress.etaSeconds = 42;
    progress.currentItem = QStringLiteral("serde 1.0.195");
    const auto decoded = SyncMessage::decode(SyncMessage::progress(progress));
    QCOMPARE(decoded.type, SyncMessage::Type::Progress);
    QCOMPARE(decoded.progress, progress);

    SyncResult result;
    result.outcome = SyncResult::Outcome::Failed;
    result.message = QStringLiteral("two files failed");
    result.failures = {{"a", "1.0.0", "checksum mismatch"}, {"b", "2.0.0", "HTTP 404"}};
    result.downloaded = 7;
    result.bytesDownloaded = 9000;
    const auto back = SyncMessage::decode(SyncMessage::finished(result));
    QCOMPARE(back.type, SyncMessage::Type::Finished);
    QCOMPARE(back.result.outcome, result.outcome);
    QCOMPARE(back.result.message, result.message);
    QCOMPARE(back.result.failures.size(), 2);
    QCOMPARE(back.result.failures.at(1).reason, QStringLiteral("HTTP 404"));
    QCOMPARE(back.result.downloaded, 7);
    QCOMPARE(back.result.bytesDownloaded, 9000);

    QCOMPARE(SyncMessage::decode(SyncMessage::raise()).type, SyncMessage::Type::Raise);
    QCOMPARE(SyncMessage::decode("{\"type\":\"progress\",\"phase\":99}").type,
             SyncMessage::Type::Invalid);
    QCOMPARE(SyncMessage::decode("not json").type, SyncMessage::Type::Invalid);
}

void TestInstanceChannel::namesDifferPerMirror()
{
    const QString a = InstanceChannel::serverName(m_dir.filePath(QStringLiteral("a")));
    QCOMPARE(InstanceChannel::serverName(m_dir.filePath(QStringLiteral("x/../a"))), a);
    QVERIFY(a != InstanceChannel::serverName(m_dir.filePath(QStringLiteral("b"))));
    QVERIFY(a.startsWith(QLatin1String("stowaway-")));
}

void TestInstanceChannel::secondInstanceRaisesTheFirst()
{
    const QString mirror = m_dir.filePath(QStringLiteral("mirror-raise"));
    QVERIFY(!InstanceChannel::raiseRunning(mirror, 200)); // nobody yet
    InstanceChannel first(mirror);
    QString error;
    QVERIFY2(first.listen(&error), qPrintable(error));
    QSignalSpy raised(&first, &InstanceChannel::raiseRequested);

    InstanceChannel second(mirror);
    QVERIFY(!second.listen(&error));
    QVERIFY2(error.isEmpty(), qPrintable(error)); // not a failure: another instance runs
    QVERIFY(InstanceChannel::raiseRunning(mirror, 2000));
    QVERIFY(raised.wait(5000));
    QCOMPARE(raised.size(), 1);
}

void TestInstanceChannel::publisherWithoutAppDoesNothing()
{
    SyncPublisher publisher(m_dir.filePath(QStringLiteral("mirror-nobody")));
    publisher.publishProgress({});
    publisher.publishFinished({}, 200);
    QVERIFY(!publisher.isConnected());
}

QProcess *TestInstanceChannel::startSync(const QString &mirror)
{
    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("STOWAWAY_MIRROR"));
    process->setProcessEnvironment(env);
    process->start(qEnvironmentVariable("STOWAWAY_BIN"),
                   {QStringLiteral("--mirror"), mirror, QStringLiteral("sync"),
                    QStringLiteral("--upstream"), m_upstream->indexUrl(), QStringLiteral("--crate"),
                    m_registry.rootDependencies().constFirst().name, QStringLiteral("--versions"),
                    QStringLiteral("all")});
    return process;
}

void TestInstanceChannel::cliSyncShowsUpInTheApp()
{
    const QString mirror = m_dir.filePath(QStringLiteral("mirror-cli"));
    InstanceChannel app(mirror);
    QString error;
    QVERIFY2(app.listen(&error), qPrintable(error));
    QList<SyncProgress> updates;
    connect(&app, &InstanceChannel::syncProgress, this,
            [&updates](const SyncProgress &p) { updates.append(p); });
    QSignalSpy finished(&app, &InstanceChannel::syncFinished);
    QProcess *process = startSync(mirror);
    QVERIFY(finished.wait(60000));
    // The wait ran the event loop, so the process may have been reaped already.
    QVERIFY(process->state() == QProcess::NotRunning || process->waitForFinished(30000));
    QCOMPARE(process->exitCode(), 0);
    const auto result = finished.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(result.downloaded > 0);
    QVERIFY(!updates.isEmpty());
    QCOMPARE(updates.constLast().phase, SyncProgress::Phase::Done);
    QCOMPARE(updates.constLast().filesDone, qint64(result.downloaded));
}

void TestInstanceChannel::cliSyncWithoutAppIsUnaffected()
{
    QProcess *process = startSync(m_dir.filePath(QStringLiteral("mirror-alone")));
    QVERIFY(process->waitForFinished(60000));
    QCOMPARE(process->exitCode(), 0);
    QVERIFY(process->readAllStandardOutput().startsWith("Synced "));
}

void TestInstanceChannel::secondCliSyncIsRefused()
{
    const QString mirror = m_dir.filePath(QStringLiteral("mirror-twice"));
    // Downloads never finish, so the first sync holds the lock until it is killed.
    m_upstream->clearLog();
    m_upstream->addFault(QStringLiteral("/crates/*"),
                         UpstreamFault::of(UpstreamFault::Kind::Stall, -1, 1));
    QProcess *first = startSync(mirror);
    QTRY_VERIFY_WITH_TIMEOUT(m_upstream->requests().size() > 0 &&
                                 m_upstream->requests().constLast().path.startsWith("/crates/"),
                             30000);
    QProcess *second = startSync(mirror);
    QVERIFY(second->waitForFinished(30000)); // nothing runs the event loop meanwhile
    const QByteArray err = second->readAllStandardError();
    const qint64 pid = first->processId();
    first->kill();
    first->waitForFinished(10000);
    m_upstream->clearFaults();
    QCOMPARE(second->exitCode(), 1);
    QVERIFY2(err.contains(QByteArray("another sync (pid " + QByteArray::number(pid) + ")")),
             err.constData());
    QCOMPARE(err.count('\n'), 1); // one line
}

QTEST_GUILESS_MAIN(TestInstanceChannel)
#include "tst_instancechannel.moc"

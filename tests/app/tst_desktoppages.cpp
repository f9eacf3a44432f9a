// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app's composition of the Crates, Disk usage and Settings pages with the
// runtime: real pages, a real runtime and server, the loopback test upstream, offscreen.
#include "autostart.h"
#include "cratesfiltermodel.h"
#include "cratespage.h"
#include "desktoppages.h"
#include "diskusagepage.h"
#include "e2etools.h"
#include "lantoken.h"
#include "mainwindow.h"
#include "memorysecretstore.h"
#include "mirrorruntime.h"
#include "mirrorstore.h"
#include "secretstore.h"
#include "settingspage.h"
#include "testregistry.h"
#include "testupstream.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

class TestDesktopPages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void pagesAreAdded();
    void treemapOpensTheCrate();
    void popularStartsASync();
    void listenChangeRestartsTheServer();
    void lanSharingNeedsTheToken_data();
    void lanSharingNeedsTheToken();
    void movedMirrorAsksForARestart();
    void scheduleStartsASync();
    void upstreamTokenComesFromTheKeychain();
    void estimateBeforeASync();

private:
    void build();
    int status(const QString &url, const QByteArray &token = {});

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::small();
    std::unique_ptr<TestUpstream> m_upstream;
    std::unique_ptr<MirrorStore> m_store;
    std::unique_ptr<MirrorRuntime> m_runtime;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Autostart> m_autostart;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<DesktopPages> m_pages;
    int m_run = 0;
};

void TestDesktopPages::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_upstream =
        TestUpstream::serve(m_registry, m_dir.filePath(QStringLiteral("registry")), &error);
    QVERIFY2(m_upstream, qPrintable(error));
}

void TestDesktopPages::init()
{
    ++m_run;
    QString error;
    m_store = std::make_unique<MirrorStore>(
        MirrorLayout(m_dir.filePath(QStringLiteral("m%1").arg(m_run))));
    QVERIFY2(m_store->open(&error), qPrintable(error));
    MirrorConfig config = m_store->config();
    config.setUpstream(m_upstream->indexUrl());
    config.setListen(QStringLiteral("127.0.0.1:%1").arg(freePort()));
    QVERIFY2(m_store->setConfig(config, &error), qPrintable(error));
    AutostartOptions options;
    options.configRoot = m_dir.filePath(QStringLiteral("xdg%1").arg(m_run));
    m_autostart = Autostart::create(options);
    m_secrets = std::make_unique<MemorySecretStore>();
}

void TestDesktopPages::build()
{
    m_runtime = std::make_unique<MirrorRuntime>(*m_store);
    m_runtime->setFastRetriesForTests(true);
    m_window = std::make_unique<MainWindow>();
    m_window->addPage(new QWidget, {}, QStringLiteral("Overview"));
    m_pages =
        std::make_unique<DesktopPages>(*m_window, *m_runtime, *m_store, *m_autostart, *m_secrets);
}

void TestDesktopPages::cleanup()
{
    m_pages.reset();
    m_window.reset();
    if (m_runtime && m_runtime->isSyncing()) {
        QSignalSpy finished(m_runtime.get(), &MirrorRuntime::syncFinished);
        m_runtime->cancel();
        finished.wait(20000);
    }
    m_runtime.reset();
    m_store.reset();
}

int TestDesktopPages::status(const QString &url, const QByteArray &token)
{
    QNetworkAccessManager nam;
    QNetworkRequest request{QUrl(url)};
    if (!token.isEmpty())
        request.setRawHeader("Authorization", token);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(10000))
        return -1;
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return code;
}

void TestDesktopPages::pagesAreAdded()
{
    build();
    QCOMPARE(m_window->pageCount(), 4);
    QVERIFY(qobject_cast<CratesPage *>(m_window->page(1)));
    QVERIFY(qobject_cast<DiskUsagePage *>(m_window->page(2)));
    QVERIFY(qobject_cast<SettingsPage *>(m_window->page(3)));
}

void TestDesktopPages::treemapOpensTheCrate()
{
    build();
    auto *crates = qobject_cast<CratesPage *>(m_window->page(1));
    auto *disk = qobject_cast<DiskUsagePage *>(m_window->page(2));
    m_window->setCurrentPage(2);
    const QString name = m_registry.crateNames().constLast();
    Q_EMIT disk->crateActivated(name);
    QCOMPARE(m_window->currentPage(), 1);
    QTRY_VERIFY(!crates->isLoading());
    QVERIFY(crates->filterModel()->rowCount() <= 1);
}

void TestDesktopPages::popularStartsASync()
{
    build();
    auto *crates = qobject_cast<CratesPage *>(m_window->page(1));
    QSignalSpy finished(m_runtime.get(), &MirrorRuntime::syncFinished);
    QSignalSpy reloaded(crates, &CratesPage::loaded);
    m_window->setCurrentPage(1);
    Q_EMIT crates->popularRequested(2);
    QCOMPARE(m_window->currentPage(), 0); // the Overview shows the progress
    QVERIFY(finished.wait(60000));
    const SyncResult result = finished.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(m_store->summary().crates >= 2);
    // The pages read the mirror again once the sync ended.
    QVERIFY(reloaded.wait(20000) || !reloaded.isEmpty());
    QVERIFY(crates->model()->rowCount() >= 2);
}

void TestDesktopPages::listenChangeRestartsTheServer()
{
    build();
    QVERIFY(m_runtime->startServer());
    auto *settings = qobject_cast<SettingsPage *>(m_window->page(3));
    const quint16 port = freePort();
    Q_EMIT settings->listenChanged(QStringLiteral("127.0.0.1:%1").arg(port));
    QVERIFY(m_runtime->isServerRunning());
    QVERIFY2(m_runtime->serverUrl().endsWith(QStringLiteral(":%1").arg(port)),
             qPrintable(m_runtime->serverUrl()));
    QCOMPARE(status(m_runtime->serverUrl() + QStringLiteral("/index/config.json")), 200);
}

void TestDesktopPages::lanSharingNeedsTheToken_data()
{
    QTest::addColumn<bool>("withToken");
    QTest::newRow("token from the keychain") << true;
    QTest::newRow("no token: never serves on the LAN") << false;
}

void TestDesktopPages::lanSharingNeedsTheToken()
{
    QFETCH(bool, withToken);
    const quint16 port = freePort();
    MirrorConfig config = m_store->config();
    config.setListen(QStringLiteral("0.0.0.0:%1").arg(port));
    QString error;
    QVERIFY2(m_store->setConfig(config, &error), qPrintable(error));
    build();
    auto *settings = qobject_cast<SettingsPage *>(m_window->page(3));
    // What the app does at start: the server waits for the token.
    QVERIFY(!m_runtime->startServer());
    QVERIFY2(m_runtime->serverError().contains(QStringLiteral("keychain")),
             qPrintable(m_runtime->serverError()));
    if (!withToken) {
        // Nothing listens: no HTTP answer at all (status 0), not even a 401.
        QCOMPARE(status(QStringLiteral("http://127.0.0.1:%1/index/config.json").arg(port)), 0);
        QVERIFY(!m_runtime->isServerRunning());
        return;
    }
    const LanToken token = LanToken::generate();
    Q_EMIT settings->lanSharingChanged(true, token.value());
    QVERIFY(m_runtime->isServerRunning());
    const QString url = QStringLiteral("http://127.0.0.1:%1/index/config.json").arg(port);
    QCOMPARE(status(url), 401);
    QCOMPARE(status(url, token.value()), 200);
    // Turning sharing off back to loopback: no token asked.
    config.setListen(QStringLiteral("127.0.0.1:%1").arg(port));
    QVERIFY2(m_store->setConfig(config, &error), qPrintable(error));
    Q_EMIT settings->lanSharingChanged(false, {});
    QVERIFY(m_runtime->isServerRunning());
    QCOMPARE(status(url), 200);
}

void TestDesktopPages::movedMirrorAsksForARestart()
{
    build();
    QVERIFY(m_runtime->startServer());
    auto *settings = qobject_cast<SettingsPage *>(m_window->page(3));
    QSignalSpy restart(m_pages.get(), &DesktopPages::restartRequested);
    const QString target = m_dir.filePath(QStringLiteral("moved"));
    Q_EMIT settings->storageMoved(target);
    QCOMPARE(restart.size(), 1);
    QCOMPARE(m_pages->restartRoot(), target);
    QVERIFY(!m_runtime->isServerRunning()); // nothing serves the old folder any more
}

void TestDesktopPages::scheduleStartsASync()
{
    // Something selected, every hour, never synced: the first run is due at once.
    QString error;
    QVERIFY2(m_store->addToSelection({{m_registry.crateNames().constFirst(),
                                       QStringLiteral("named"),
                                       QStringLiteral("*"),
                                       {}}},
                                     &error),
             qPrintable(error));
    MirrorConfig config = m_store->config();
    config.setSchedule(QStringLiteral("every:1h"));
    QVERIFY2(m_store->setConfig(config, &error), qPrintable(error));
    build();
    QSignalSpy finished(m_runtime.get(), &MirrorRuntime::syncFinished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.constFirst().constFirst().value<SyncResult>().outcome,
             SyncResult::Outcome::Ok);
    QVERIFY(m_store->summary().versions >= 1);
    // And no second run right after it.
    QVERIFY(!finished.wait(500));
}

void TestDesktopPages::upstreamTokenComesFromTheKeychain()
{
    // A token stored earlier (Settings) for the upstream's host reaches the runtime ...
    const QString key = SecretStore::upstreamTokenKey(QStringLiteral("127.0.0.1"));
    QSignalSpy written(m_secrets.get(), &SecretStore::writeFinished);
    m_secrets->write(key, QStringLiteral("stored-before-start"));
    QVERIFY(written.wait(5000) || !written.isEmpty());
    build();
    QTRY_COMPARE(m_runtime->upstreamToken(), QByteArray("stored-before-start"));
    // ... a new one replaces it, and removing it clears it.
    m_secrets->write(key, QStringLiteral("a-new-one"));
    QTRY_COMPARE(m_runtime->upstreamToken(), QByteArray("a-new-one"));
    m_secrets->remove(key);
    QTRY_COMPARE(m_runtime->upstreamToken(), QByteArray());
}

void TestDesktopPages::estimateBeforeASync()
{
    QString error;
    QList<SelectionEntry> selection;
    for (const QString &name : m_registry.crateNames())
        selection.append({name, QStringLiteral("named"), QStringLiteral("*"), {}});
    QVERIFY2(m_store->addToSelection(selection, &error), qPrintable(error));
    build();
    auto *disk = qobject_cast<DiskUsagePage *>(m_window->page(2));
    auto *button = disk->findChild<QPushButton *>(QStringLiteral("estimateButton"));
    auto *text = disk->findChild<QLabel *>(QStringLiteral("estimateText"));
    QVERIFY(button && text);
    QSignalSpy planned(m_runtime.get(), &MirrorRuntime::planReady);
    QSignalSpy states(m_runtime.get(), &MirrorRuntime::syncStateChanged);
    button->click();
    QVERIFY(!button->isEnabled());
    QVERIFY(planned.wait(60000));
    const SyncResult result = planned.constFirst().constFirst().value<SyncResult>();
    QCOMPARE(result.outcome, SyncResult::Outcome::Ok);
    QVERIFY(!result.plan.versions.isEmpty());
    // The estimate is shown and drawn; nothing was downloaded and no sync was shown.
    QVERIFY(button->isEnabled());
    QVERIFY2(text->text().contains(QString::number(result.plan.versions.size())),
             qPrintable(text->text()));
    QVERIFY(disk->projection() > 0);
    QCOMPARE(m_store->summary().versions, 0);
    QVERIFY(states.isEmpty());
    QCOMPARE(m_runtime->syncState(), MirrorRuntime::SyncState::Idle);
    // A real sync afterwards is not refused.
    QSignalSpy finished(m_runtime.get(), &MirrorRuntime::syncFinished);
    QVERIFY(m_runtime->startSync());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.constFirst().constFirst().value<SyncResult>().outcome,
             SyncResult::Outcome::Ok);
}

QTEST_MAIN(TestDesktopPages)
#include "tst_desktoppages.moc"

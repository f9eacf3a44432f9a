// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargotoggle.h"
#include "mirrorruntime.h"
#include "mirrorstore.h"
#include "mirrorsummarywidget.h"
#include "testregistry.h"
#include "testupstream.h"
#include "traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

class TestTrayController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void summaryText();
    void serverActionStartsAndStops();
    void cargoActionFlipsTheConfig();
    void syncNowShowsProgressAndNotifies();
    void failedSyncShowsError();
    void openAndQuitAreSignals();

private:
    void setUpstream(const QString &url);

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::layered(12, 2);
    std::unique_ptr<TestUpstream> m_upstream;
    std::unique_ptr<QTemporaryDir> m_case;
    std::unique_ptr<MirrorStore> m_store;
    std::unique_ptr<CargoToggle> m_cargo;
    std::unique_ptr<MirrorRuntime> m_runtime;
    std::unique_ptr<TrayController> m_tray;
};

void TestTrayController::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_upstream =
        TestUpstream::serve(m_registry, m_dir.filePath(QStringLiteral("registry")), &error);
    QVERIFY2(m_upstream, qPrintable(error));
}

void TestTrayController::setUpstream(const QString &url)
{
    MirrorConfig config = m_store->config();
    config.setUpstream(url);
    QString error;
    QVERIFY2(m_store->setConfig(config, &error), qPrintable(error));
}

void TestTrayController::init()
{
    m_case = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MirrorStore>(MirrorLayout(m_case->filePath(QStringLiteral("m"))));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    setUpstream(m_upstream->indexUrl());
    QVERIFY(m_store->addToSelection(m_registry.rootDependencies().constFirst().name,
                                    QStringLiteral("named"), QStringLiteral("*"), &error));
    m_cargo =
        std::make_unique<CargoToggle>(CargoConfigSwitch(m_case->filePath(QStringLiteral("cargo"))));
    m_runtime = std::make_unique<MirrorRuntime>(*m_store);
    m_runtime->setFastRetriesForTests(true);
    ListenAddress any;
    any.port = 0;
    m_runtime->setListenAddress(any);
    m_tray = std::make_unique<TrayController>(*m_runtime, *m_cargo);
}

void TestTrayController::cleanup()
{
    m_tray.reset();
    m_runtime.reset();
    m_cargo.reset();
    m_store.reset();
    m_case.reset();
}

void TestTrayController::summaryText()
{
    MirrorSummary summary;
    summary.crates = 1204;
    summary.bytes = 3100000000;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    summary.lastSync = now.addSecs(-3 * 3600);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // "3 hours ago" once translations are loaded; the untranslated source says "hour(s)".
    QCOMPARE(TrayController::summaryText(summary, now),
             QStringLiteral("1,204 crates · 3.1 GB · synced ") +
                 MirrorSummaryWidget::ageText(summary.lastSync, now));
    QVERIFY(TrayController::summaryText(summary, now).endsWith(QLatin1String("3 hour(s) ago")));
    QCOMPARE(TrayController::summaryText({}, now),
             QStringLiteral("0 crates · 0 bytes · synced never"));
}

void TestTrayController::serverActionStartsAndStops()
{
    QCOMPARE(m_tray->trayState(), AppIcons::TrayState::Stopped);
    QCOMPARE(m_tray->iconName(), QStringLiteral("tray-stopped"));
    QVERIFY(m_tray->toolTip().contains(QLatin1String("Server stopped")));
    QAction *server = m_tray->action(TrayController::Action::Server);
    QCOMPARE(server->text(), QStringLiteral("Start server"));
    server->trigger();
    QVERIFY(m_runtime->isServerRunning());
    QCOMPARE(m_tray->trayState(), AppIcons::TrayState::Idle);
    QCOMPARE(m_tray->iconName(), QStringLiteral("tray-idle"));
    QCOMPARE(server->text(), QStringLiteral("Stop server"));
    QVERIFY(m_tray->toolTip().contains(m_runtime->serverUrl()));
    server->trigger();
    QVERIFY(!m_runtime->isServerRunning());
    QCOMPARE(m_tray->trayState(), AppIcons::TrayState::Stopped);

    // A port already taken is an error state, with the reason in the tooltip.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    ListenAddress busy;
    busy.port = squatter.serverPort();
    m_runtime->setListenAddress(busy);
    server->trigger();
    QCOMPARE(m_tray->trayState(), AppIcons::TrayState::Error);
    QVERIFY2(m_tray->toolTip().contains(QLatin1String("already in use")),
             qPrintable(m_tray->toolTip()));
}

void TestTrayController::cargoActionFlipsTheConfig()
{
    m_runtime->startServer();
    QAction *cargo = m_tray->action(TrayController::Action::UseInCargo);
    QVERIFY(cargo->isCheckable());
    QVERIFY(!cargo->isChecked());
    cargo->trigger();
    QVERIFY(cargo->isChecked());
    QVERIFY(m_tray->cargoUsesMirror());
    QCOMPARE(m_tray->iconName(), QStringLiteral("tray-idle-active"));
    QFile config(m_cargo->cargoSwitch().configFile());
    QVERIFY(config.open(QIODevice::ReadOnly));
    const QByteArray text = config.readAll();
    QVERIFY(text.contains("replace-with = \"stowaway\""));
    QVERIFY(text.contains(QByteArray("sparse+" + m_runtime->serverUrl().toUtf8() + "/index/")));
    config.close();
    cargo->trigger();
    QVERIFY(!cargo->isChecked());
    QVERIFY(!m_tray->cargoUsesMirror());
    QVERIFY(!QFile::exists(m_cargo->cargoSwitch().configFile())); // it had created the file
}

void TestTrayController::syncNowShowsProgressAndNotifies()
{
    m_runtime->startServer();
    QSignalSpy notified(m_tray.get(), &TrayController::notified);
    QList<AppIcons::TrayState> states;
    connect(m_runtime.get(), &MirrorRuntime::progressChanged, this,
            [this, &states] { states.append(m_tray->trayState()); });
    QAction *sync = m_tray->action(TrayController::Action::SyncNow);
    QAction *pause = m_tray->action(TrayController::Action::PauseResume);
    QVERIFY(!pause->isEnabled());
    sync->trigger();
    QCOMPARE(m_tray->trayState(), AppIcons::TrayState::Syncing);
    QVERIFY(!sync->isEnabled());
    QVERIFY(pause->isEnabled());
    QCOMPARE(pause->text(), QStringLiteral("Pause"));
    QVERIFY(notified.wait(60000));
    QCOMPARE(notified.constFirst().constFirst().toString(), QStringLiteral("Sync finished"));
    QVERIFY(states.contains(AppIcons::TrayState::Syncing));
    QCOMPARE(m_tray->trayState(), AppIcons::TrayState::Idle);
    QVERIFY(sync->isEnabled());
    const QString crates =
        QLocale().toString(m_store->summary().crates) + QStringLiteral(" crates");
    QVERIFY2(m_store->summary().crates > 0 && m_tray->toolTip().contains(crates),
             qPrintable(m_tray->toolTip()));
    QVERIFY(m_tray->toolTip().contains(QLatin1String("synced just now")));
}

void TestTrayController::failedSyncShowsError()
{
    m_runtime->startServer();
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    setUpstream(QStringLiteral("sparse+http://127.0.0.1:%1/index/").arg(closed.serverPort()));
    closed.close();
    QSignalSpy notified(m_tray.get(), &TrayController::notified);
    m_tray->action(TrayController::Action::SyncNow)->trigger();
    QVERIFY(notified.wait(60000));
    QCOMPARE(notified.constFirst().constFirst().toString(), QStringLiteral("Sync failed"));
    QCOMPARE(m_tray->trayState(), AppIcons::TrayState::Error);
    QCOMPARE(m_tray->iconName(), QStringLiteral("tray-error"));
    QVERIFY(m_tray->toolTip().contains(QLatin1String("Last sync failed")));
}

void TestTrayController::openAndQuitAreSignals()
{
    QSignalSpy open(m_tray.get(), &TrayController::openRequested);
    QSignalSpy quit(m_tray.get(), &TrayController::quitRequested);
    m_tray->action(TrayController::Action::Open)->trigger();
    m_tray->action(TrayController::Action::Quit)->trigger();
    QCOMPARE(open.size(), 1);
    QCOMPARE(quit.size(), 1);
    QVERIFY(!TrayController::isTrayAvailable()); // offscreen: the app shows its window
    QVERIFY(!m_tray->show());
}

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"

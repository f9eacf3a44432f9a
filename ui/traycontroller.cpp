// SPDX-License-Identifier: GPL-3.0-or-later
#include "traycontroller.h"

#include "cargotoggle.h"
#include "datasize.h"
#include "mirrorstore.h"
#include "mirrorsummarywidget.h"

#include <QAction>
#include <QLocale>
#include <QMenu>
#include <QSystemTrayIcon>

namespace Stowaway {

TrayController::TrayController(MirrorRuntime &runtime, CargoToggle &cargo, QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_cargo(cargo)
    , m_menu(std::make_unique<QMenu>())
    , m_tray(new QSystemTrayIcon(this))
{
    m_sync = m_menu->addAction(tr("Sync now"));
    m_pause = m_menu->addAction(tr("Pause"));
    m_server = m_menu->addAction(tr("Stop server"));
    m_useInCargo = m_menu->addAction(tr("Use mirror in cargo"));
    m_useInCargo->setCheckable(true);
    m_menu->addSeparator();
    m_open = m_menu->addAction(tr("Open Stowaway"));
    m_quit = m_menu->addAction(tr("Quit"));
    m_tray->setContextMenu(m_menu.get());

    connect(m_sync, &QAction::triggered, this, [this] { m_runtime.startSync(); });
    connect(m_pause, &QAction::triggered, this, [this] {
        if (m_runtime.syncState() == MirrorRuntime::SyncState::Paused)
            m_runtime.resume();
        else
            m_runtime.pause();
    });
    connect(m_server, &QAction::triggered, this, [this] {
        if (m_runtime.isServerRunning())
            m_runtime.stopServer();
        else
            m_runtime.startServer();
    });
    connect(m_useInCargo, &QAction::triggered, this, [this](bool checked) {
        const CargoConfigResult result = m_cargo.setEnabled(checked, m_runtime.serverUrl());
        if (!result.ok)
            notify(tr("Cargo settings not changed"), result.message, true);
    });
    connect(m_open, &QAction::triggered, this, &TrayController::openRequested);
    connect(m_quit, &QAction::triggered, this, &TrayController::quitRequested);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            Q_EMIT openRequested();
    });

    connect(&m_runtime, &MirrorRuntime::serverStateChanged, this, &TrayController::refresh);
    connect(&m_runtime, &MirrorRuntime::syncStateChanged, this, &TrayController::update);
    connect(&m_runtime, &MirrorRuntime::progressChanged, this, &TrayController::update);
    connect(&m_runtime, &MirrorRuntime::summaryChanged, this, &TrayController::refresh);
    connect(&m_runtime, &MirrorRuntime::syncFinished, this, &TrayController::onSyncFinished);
    connect(&m_cargo, &CargoToggle::changed, this, &TrayController::refresh);
    refresh();
}

TrayController::~TrayController() = default;

bool TrayController::isTrayAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

bool TrayController::show()
{
    if (!isTrayAvailable())
        return false;
    m_tray->show();
    return true;
}

QAction *TrayController::action(Action which) const
{
    switch (which) {
    case Action::SyncNow:
        return m_sync;
    case Action::PauseResume:
        return m_pause;
    case Action::Server:
        return m_server;
    case Action::UseInCargo:
        return m_useInCargo;
    case Action::Open:
        return m_open;
    case Action::Quit:
        return m_quit;
    }
    return nullptr;
}

QString TrayController::iconName() const
{
    return AppIcons::trayIconName(m_state, m_cargoUsesMirror);
}

QIcon TrayController::icon() const
{
    return m_tray->icon();
}

QString TrayController::summaryText(const MirrorSummary &summary, const QDateTime &now)
{
    const QLocale locale;
    return tr("%1 crates · %2 · synced %3")
        .arg(locale.toString(summary.crates), DataSize::format(summary.bytes, locale),
             MirrorSummaryWidget::ageText(summary.lastSync, now));
}

void TrayController::refresh()
{
    m_summary = m_runtime.store().summary();
    m_cargoUsesMirror = m_cargo.isEnabled(m_runtime.serverUrl());
    update();
}

void TrayController::update()
{
    const MirrorRuntime::SyncState sync = m_runtime.syncState();
    const SyncProgress progress = m_runtime.progress();
    QString detail;
    if (m_runtime.isSyncing()) {
        m_state = AppIcons::TrayState::Syncing;
        detail = progress.filesTotal > 0 ? tr("Syncing: %1 of %2 files")
                                               .arg(QLocale().toString(progress.filesDone),
                                                    QLocale().toString(progress.filesTotal))
                                         : tr("Syncing: reading the index");
    } else if (m_runtime.serverState() == MirrorRuntime::ServerState::Failed) {
        m_state = AppIcons::TrayState::Error;
        detail = m_runtime.serverError();
    } else if (!m_lastError.isEmpty()) {
        m_state = AppIcons::TrayState::Error;
        detail = tr("Last sync failed: %1").arg(m_lastError);
    } else if (!m_runtime.isServerRunning()) {
        m_state = AppIcons::TrayState::Stopped;
        detail = tr("Server stopped");
    } else {
        m_state = AppIcons::TrayState::Idle;
        detail = sync == MirrorRuntime::SyncState::Paused
                     ? tr("Sync paused")
                     : tr("Serving %1").arg(m_runtime.serverUrl());
    }
    m_toolTip = QStringLiteral("Stowaway\n") +
                summaryText(m_summary, QDateTime::currentDateTimeUtc()) + QLatin1Char('\n') +
                detail;
    if (m_state == AppIcons::TrayState::Syncing && progress.filesTotal > 0)
        m_tray->setIcon(AppIcons::syncingTrayIcon(
            double(progress.filesDone) / double(progress.filesTotal), m_cargoUsesMirror));
    else
        m_tray->setIcon(AppIcons::trayIcon(m_state, m_cargoUsesMirror));
    m_tray->setToolTip(m_toolTip);

    const bool ownSync =
        sync == MirrorRuntime::SyncState::Running || sync == MirrorRuntime::SyncState::Paused;
    m_sync->setEnabled(!m_runtime.isSyncing());
    m_pause->setEnabled(ownSync);
    m_pause->setText(sync == MirrorRuntime::SyncState::Paused ? tr("Resume") : tr("Pause"));
    m_server->setText(m_runtime.isServerRunning() ? tr("Stop server") : tr("Start server"));
    m_useInCargo->setChecked(m_cargoUsesMirror);
}

void TrayController::onSyncFinished(const SyncResult &result)
{
    using Outcome = SyncResult::Outcome;
    if (result.outcome == Outcome::Ok) {
        m_lastError.clear();
        notify(tr("Sync finished"),
               tr("%1, %2", "N versions downloaded, size")
                   .arg(tr("%Ln version(s) downloaded", nullptr, result.downloaded),
                        DataSize::format(result.bytesDownloaded)),
               false);
    } else if (result.outcome == Outcome::Cancelled) {
        m_lastError.clear();
    } else {
        m_lastError = result.message;
        notify(tr("Sync failed"), result.message, true);
    }
    refresh();
}

void TrayController::notify(const QString &title, const QString &message, bool error)
{
    if (m_tray->isVisible())
        m_tray->showMessage(title, message,
                            error ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    Q_EMIT notified(title, message);
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appicons.h"
#include "mirrorruntime.h"
#include "mirrorsummary.h"

#include <QObject>

#include <memory>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace Stowaway {

class CargoToggle;

/**
 * The tray icon, where the app lives: its picture shows the state (idle, syncing with the
 * progress across its foot, error, server stopped, and a dot when cargo points here), its
 * tooltip what the mirror holds ("1,204 crates · 3.1 GB · synced 3 hours ago"), its menu the
 * everyday actions. Says in a notification when a sync ends or fails.
 *
 * Drives the MirrorRuntime and the CargoToggle it is given (not owned; both outlive it).
 * "Open Stowaway" and "Quit" are signals for the composition root. GUI thread only.
 */
class TrayController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayController)
public:
    enum class Action { SyncNow, PauseResume, Server, UseInCargo, Open, Quit };

    TrayController(MirrorRuntime &runtime, CargoToggle &cargo, QObject *parent = nullptr);
    ~TrayController() override;

    /// Whether the desktop has a tray (false offscreen and on some desktops).
    static bool isTrayAvailable();
    /// Shows the icon when there is a tray; returns whether it is shown.
    bool show();

    QAction *action(Action which) const;
    QMenu *menu() const { return m_menu.get(); }
    AppIcons::TrayState trayState() const { return m_state; }
    bool cargoUsesMirror() const { return m_cargoUsesMirror; }
    /// The icon's base name (AppIcons::trayIconName), e.g. "tray-syncing-active".
    QString iconName() const;
    QString toolTip() const { return m_toolTip; }
    QIcon icon() const;

    /// "1,204 crates · 3.1 GB · synced 3 hours ago".
    static QString summaryText(const MirrorSummary &summary, const QDateTime &now);

    /// Reads the summary and the cargo config again, then updates icon, tooltip and menu.
    void refresh();

Q_SIGNALS:
    void openRequested();
    void quitRequested();
    /// A notification was shown (or would have been, without a tray).
    void notified(const QString &title, const QString &message);

private:
    void update();
    void onSyncFinished(const SyncResult &result);
    void notify(const QString &title, const QString &message, bool error);

    MirrorRuntime &m_runtime;
    CargoToggle &m_cargo;
    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon *m_tray;
    QAction *m_sync;
    QAction *m_pause;
    QAction *m_server;
    QAction *m_useInCargo;
    QAction *m_open;
    QAction *m_quit;
    MirrorSummary m_summary;
    AppIcons::TrayState m_state = AppIcons::TrayState::Idle;
    bool m_cargoUsesMirror = false;
    QString m_toolTip;
    QString m_lastError;
};

} // namespace Stowaway

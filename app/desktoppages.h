// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorsummary.h"

#include <QObject>
#include <QString>

#include <memory>

namespace Stowaway {

class Autostart;
class CratesPage;
class DiskUsagePage;
class MainWindow;
class MirrorRuntime;
class MirrorStore;
class SecretStore;
class SettingsPage;
class SyncScheduler;

/**
 * The Crates, Disk usage and Settings pages of the desktop app, added to the window and
 * wired to the runtime: a finished sync reloads them, "add the popular N" starts a sync,
 * the treemap opens a crate on the Crates page, a sync's remaining files become the disk
 * projection, a new listen address or LAN token restarts the server, the schedule drives a
 * SyncScheduler, and a moved mirror asks for a restart from its new folder.
 *
 * Part of the composition root (app/): it owns the scheduler, the window owns the pages.
 */
class DesktopPages final : public QObject
{
    Q_OBJECT
public:
    DesktopPages(MainWindow &window, MirrorRuntime &runtime, MirrorStore &store,
                 Autostart &autostart, SecretStore &secrets, QObject *parent = nullptr);
    ~DesktopPages() override;

    /// Set once the mirror was moved: the folder the app must be started from again.
    QString restartRoot() const { return m_restartRoot; }

Q_SIGNALS:
    /// The mirror moved to restartRoot(): quit; the caller starts the app again there.
    void restartRequested();

private:
    void connectRuntime();
    void connectSettings();
    void showProjection();
    void connectUpstreamToken(SecretStore &secrets);

    MainWindow &m_window;
    MirrorRuntime &m_runtime;
    MirrorStore &m_store;
    CratesPage *m_crates = nullptr;
    DiskUsagePage *m_disk = nullptr;
    SettingsPage *m_settings = nullptr;
    int m_overviewIndex = 0;
    int m_cratesIndex = -1;
    std::unique_ptr<SyncScheduler> m_scheduler;
    QString m_restartRoot;
    QString m_tokenKey;      // the keychain entry of the upstream's token
    MirrorSummary m_summary; // read when a sync ends, not during one (SQL off the UI thread)
};

} // namespace Stowaway

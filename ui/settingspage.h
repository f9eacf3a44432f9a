// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncschedule.h"

#include <QDateTime>
#include <QHostAddress>
#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Stowaway {

class Autostart;
class ConfigSaver;
class LanSharingSection;
class MirrorConfig;
class MirrorStore;
class SecretStore;
class StorageSection;
class SyncSection;

/**
 * The Settings page: upstream (URL, contact, a private upstream's token in the keychain),
 * storage folder (size, Move…), versions policy, platforms, parallel downloads, sync
 * schedule, listen address, LAN sharing and start at login.
 *
 * Every edit is saved to mirror.toml at once through MirrorStore::setConfig(); a value
 * the validators reject shows their message next to the field and is not saved. What
 * the running server and syncs must act on is signalled. The services are the caller's
 * and must outlive the page. GUI thread only.
 */
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)
public:
    SettingsPage(MirrorStore &store, Autostart &autostart, SecretStore &secrets,
                 QWidget *parent = nullptr);
    ~SettingsPage() override;

    /// Switches to another store (after storageMoved()) and shows its settings.
    void setStore(MirrorStore &store);
    /// When the last successful sync ended, for the schedule's "next sync" line; also
    /// measures the storage folder again.
    void setLastSync(const QDateTime &lastSync);
    /// Overrides the LAN addresses offered (default: this machine's); for tests.
    void setLanAddresses(const QList<QHostAddress> &addresses);

    /// The LAN sharing token in use; empty while sharing is off or not loaded.
    QByteArray lanToken() const;

Q_SIGNALS:
    /// `server.listen` was saved: restart the server on `listen`.
    void listenChanged(const QString &listen);
    /// LAN sharing was turned on or off, or its token regenerated: restart the server with
    /// MirrorRouter::setToken(token) (empty when off).
    void lanSharingChanged(bool enabled, const QByteArray &token);
    /// The sync schedule was saved: re-arm the timer with SyncSchedule::nextRun().
    void scheduleChanged(const Stowaway::SyncSchedule &schedule);
    /// A move of the mirror starts: pause syncs and stop writing to the mirror.
    void storageMoveStarted();
    /// The mirror was copied to `newRoot` and verified: persist the new location, open a
    /// MirrorStore there and call setStore() — in the slot (direct connection), since
    /// the old folder is deleted right after.
    void storageMoved(const QString &newRoot);
    /// A move failed or was cancelled; the mirror stays where it was (resume syncs).
    void storageMoveFailed(const QString &message);
    /// Upstream URL or contact saved (used by the next sync).
    void upstreamChanged(const QString &upstream);

private:
    QWidget *buildUpstream();
    QWidget *buildServer();
    QWidget *buildStartAtLogin();
    void reload();
    void saveListen();
    /// Checks the CA file (it must hold a current certificate) before saving it.
    void saveCainfo();
    void chooseCainfo();
    /// Checks the proxy URL ("", "none" or a URL) before saving it.
    void saveProxy();
    /// Saves one setting that changes how the upstream is reached (@p before: its value until
    /// now), showing a problem in @p message; upstreamChanged() when the value changed.
    void saveUpstreamSetting(const QString &value, const QString &before,
                             const std::function<void(MirrorConfig &)> &apply, QLabel *message);
    void saveUpstreamToken();
    void setStartAtLogin(bool on);
    void updateStartAtLoginNote(const QString &problem);

    std::unique_ptr<ConfigSaver> m_saver;
    Autostart &m_autostart;
    SecretStore &m_secrets;
    QLineEdit *m_upstream = nullptr;
    QLabel *m_upstreamMessage = nullptr;
    QLineEdit *m_contact = nullptr;
    QLineEdit *m_cainfo = nullptr;
    QLabel *m_cainfoMessage = nullptr;
    QLineEdit *m_proxy = nullptr;
    QLabel *m_proxyMessage = nullptr;
    QLineEdit *m_upstreamToken = nullptr;
    QLabel *m_upstreamTokenStatus = nullptr;
    QString m_upstreamTokenKey; ///< the key being written, to match the store's answer
    QLineEdit *m_listen = nullptr;
    QLabel *m_listenMessage = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
    QLabel *m_startAtLoginNote = nullptr;
    StorageSection *m_storage = nullptr;
    SyncSection *m_sync = nullptr;
    LanSharingSection *m_lan = nullptr;
};

} // namespace Stowaway

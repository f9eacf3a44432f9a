// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lantoken.h"
#include "listenaddress.h"
#include "secretstore.h"

#include <QGroupBox>
#include <QHostAddress>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Stowaway {

class ConfigSaver;
class LanSharing;

/**
 * LAN sharing: off by default (the server listens on loopback only). Turning it on makes
 * a token (LanSharing), keeps it only in the SecretStore, switches `server.listen` to all
 * interfaces (or one chosen address) and shows the exact cargo config a teammate needs,
 * with Copy buttons for it and for the token, and "Regenerate token". When the store has
 * no keychain (NoBackend, or locked) the section shows that state with what to do, and
 * sharing stays off. Opening the page with sharing on reads the token back.
 * GUI thread only; the SecretStore outlives the section.
 */
class LanSharingSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanSharingSection)
public:
    LanSharingSection(ConfigSaver &saver, SecretStore &secrets, QWidget *parent = nullptr);
    ~LanSharingSection() override;

    bool isSharing() const;
    /// The token in use (empty while off or not loaded yet).
    const LanToken &token() const { return m_token; }
    /// This machine's LAN addresses to offer; defaults to LanSharing::lanAddresses().
    void setLanAddresses(const QList<QHostAddress> &addresses);
    /// The cargo config shown to teammates (without the token), empty while off.
    QString teammateConfig() const;
    /// Re-reads mirror.toml and the token (after the app switched to another store);
    /// a token is moved to the key of the mirror's new folder.
    void reload();

public Q_SLOTS:
    void setSharing(bool on);
    void regenerateToken();

Q_SIGNALS:
    /// Sharing changed, or the token did: restart the server with `token` on the new
    /// address (`token` is empty when off).
    void lanSharingChanged(bool enabled, const QByteArray &token);
    /// `server.listen` was saved with a new address.
    void listenChanged(const QString &listen);

private:
    void onTokenReady(const LanToken &token);
    void onFailed(SecretStore::Error error, const QString &message);
    void showNoKeychain(const QString &message);
    void saveListen(const QString &host);
    void updateView();
    ListenAddress listen() const;
    QString teammateHost() const;

    ConfigSaver &m_saver;
    SecretStore &m_secrets;
    std::unique_ptr<LanSharing> m_sharing;
    QString m_mirrorId;
    LanToken m_token;
    bool m_turningOn = false;
    QList<QHostAddress> m_addresses;
    QCheckBox *m_enabled;
    QLabel *m_noKeychain;
    QComboBox *m_interface;
    QComboBox *m_teammateHost;
    QPlainTextEdit *m_config;
    QLineEdit *m_tokenField;
    QPushButton *m_copyConfig;
    QPushButton *m_copyToken;
    QPushButton *m_regenerate;
    QLabel *m_message;
    QWidget *m_details;
    QFormLayout *m_detailsLayout = nullptr;
};

} // namespace Stowaway

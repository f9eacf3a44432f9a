// SPDX-License-Identifier: GPL-3.0-or-later
#include "lansharingsection.h"

#include "cargoteammateconfig.h"
#include "configsaver.h"
#include "lansharing.h"
#include "mirrorconfig.h"
#include "mirrorstore.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHostInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Stowaway {

namespace {
const QString AllInterfaces = QStringLiteral("0.0.0.0");
const QString Loopback = QStringLiteral("127.0.0.1");
} // namespace

LanSharingSection::LanSharingSection(ConfigSaver &saver, SecretStore &secrets, QWidget *parent)
    : QGroupBox(tr("LAN sharing"), parent)
    , m_saver(saver)
    , m_secrets(secrets)
    , m_addresses(LanSharing::lanAddresses())
    , m_enabled(new QCheckBox(tr("Share this mirror with other machines on the network"), this))
    , m_noKeychain(new QLabel(this))
    , m_interface(new QComboBox(this))
    , m_teammateHost(new QComboBox(this))
    , m_config(new QPlainTextEdit(this))
    , m_tokenField(new QLineEdit(this))
    , m_copyConfig(new QPushButton(tr("Copy config"), this))
    , m_copyToken(new QPushButton(tr("Copy token"), this))
    , m_regenerate(new QPushButton(tr("Regenerate token"), this))
    , m_message(ConfigSaver::problemLabel(QStringLiteral("lanMessage"), this))
    , m_details(new QWidget(this))
{
    m_enabled->setObjectName(QStringLiteral("lanSharing"));
    m_noKeychain->setObjectName(QStringLiteral("noKeychain"));
    m_noKeychain->setWordWrap(true);
    m_noKeychain->hide();
    m_interface->setObjectName(QStringLiteral("lanInterface"));
    m_teammateHost->setObjectName(QStringLiteral("lanHost"));
    m_config->setObjectName(QStringLiteral("teammateConfig"));
    m_config->setReadOnly(true);
    m_config->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_config->setFixedHeight(m_config->fontMetrics().lineSpacing() * 15);
    m_config->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_tokenField->setObjectName(QStringLiteral("lanToken"));
    m_tokenField->setReadOnly(true);
    m_copyConfig->setObjectName(QStringLiteral("copyConfig"));
    m_copyConfig->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_copyToken->setObjectName(QStringLiteral("copyToken"));
    m_regenerate->setObjectName(QStringLiteral("regenerateToken"));

    auto *hint = new QLabel(tr("Anyone with the token can read the mirror. Teammates add this "
                               "to their cargo configuration:"),
                            m_details);
    hint->setWordWrap(true);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_tokenField, 1);
    tokenRow->addWidget(m_copyToken);
    tokenRow->addWidget(m_regenerate);
    auto *details = m_detailsLayout = new QFormLayout(m_details);
    details->setContentsMargins(0, 0, 0, 0);
    details->addRow(tr("Listen on:"), m_interface);
    details->addRow(tr("Teammates use:"), m_teammateHost);
    details->addRow(hint);
    details->addRow(m_config);
    details->addRow(QString(), m_copyConfig);
    details->addRow(tr("Token:"), tokenRow);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_enabled);
    layout->addWidget(m_noKeychain);
    layout->addWidget(m_details);
    layout->addWidget(m_message);

    connect(m_enabled, &QCheckBox::toggled, this, &LanSharingSection::setSharing);
    connect(m_regenerate, &QPushButton::clicked, this, &LanSharingSection::regenerateToken);
    connect(m_copyConfig, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_config->toPlainText()); });
    connect(m_copyToken, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(QString::fromLatin1(m_token.value()));
    });
    connect(m_interface, &QComboBox::activated, this, [this] {
        if (isSharing())
            saveListen(m_interface->currentData().toString());
        updateView();
    });
    connect(m_teammateHost, &QComboBox::activated, this, [this] { updateView(); });
    setLanAddresses(m_addresses);
    reload();
}

LanSharingSection::~LanSharingSection() = default;

ListenAddress LanSharingSection::listen() const
{
    return ListenAddress::parse(m_saver.config().listen(), nullptr).value_or(ListenAddress());
}

bool LanSharingSection::isSharing() const
{
    return LanSharing::isShared(listen());
}

void LanSharingSection::setLanAddresses(const QList<QHostAddress> &addresses)
{
    m_addresses = addresses;
    m_interface->clear();
    m_interface->addItem(tr("All network interfaces"), AllInterfaces);
    m_teammateHost->clear();
    for (const QHostAddress &address : addresses) {
        m_interface->addItem(address.toString(), address.toString());
        m_teammateHost->addItem(address.toString(), address.toString());
    }
    updateView();
}

void LanSharingSection::reload()
{
    const QString mirrorId = LanSharing::mirrorIdFor(m_saver.store().layout().root());
    const bool moved = m_sharing && mirrorId != m_mirrorId;
    if (!m_sharing) {
        m_sharing = std::make_unique<LanSharing>(m_secrets, mirrorId);
        connect(m_sharing.get(), &LanSharing::tokenReady, this, &LanSharingSection::onTokenReady);
        connect(m_sharing.get(), &LanSharing::failed, this, &LanSharingSection::onFailed);
    }
    m_mirrorId = mirrorId;
    QString message;
    if (m_secrets.availability(&message) == SecretStore::Availability::NoKeychain)
        showNoKeychain(message);
    if (moved && !m_token.isEmpty())
        m_sharing->rekey(mirrorId, m_token); // the token follows the mirror to its new folder
    else if (isSharing() && m_token.isEmpty())
        m_sharing->load();
    updateView();
}

void LanSharingSection::setSharing(bool on)
{
    if (m_sharing->busy()) {
        updateView();
        return;
    }
    if (on && !isSharing()) {
        QString message;
        if (m_secrets.availability(&message) == SecretStore::Availability::NoKeychain) {
            showNoKeychain(message);
            updateView();
            return;
        }
        m_turningOn = true;
        m_enabled->setEnabled(false);
        m_sharing->enable();
    } else if (!on && isSharing()) {
        saveListen(Loopback);
        m_token = LanToken();
        m_sharing->disable();
        Q_EMIT lanSharingChanged(false, {});
    }
    updateView();
}

void LanSharingSection::regenerateToken()
{
    if (isSharing() && !m_sharing->busy())
        m_sharing->enable();
}

void LanSharingSection::onTokenReady(const LanToken &token)
{
    m_enabled->setEnabled(true);
    m_noKeychain->hide();
    ConfigSaver::showProblem(m_message, {});
    m_token = token;
    if (m_turningOn) {
        m_turningOn = false;
        saveListen(m_interface->currentData().toString());
        if (!isSharing()) { // not saved: the token goes again
            m_token = LanToken();
            m_sharing->disable();
            updateView();
            return;
        }
    }
    Q_EMIT lanSharingChanged(true, m_token.value());
    updateView();
}

void LanSharingSection::onFailed(SecretStore::Error error, const QString &message)
{
    m_enabled->setEnabled(true);
    m_turningOn = false;
    if (error == SecretStore::Error::NoBackend || error == SecretStore::Error::AccessDenied)
        showNoKeychain(message);
    else if (error == SecretStore::Error::NotFound)
        ConfigSaver::showProblem(m_message,
                                 tr("The LAN sharing token is not in the keychain any more, so "
                                    "teammates cannot connect: press Regenerate token and send "
                                    "them the new one."));
    else
        ConfigSaver::showProblem(m_message, message);
    updateView();
}

void LanSharingSection::showNoKeychain(const QString &message)
{
    m_noKeychain->setText(
        tr("No keychain: LAN sharing needs one to keep its token safe, and stays off without "
           "it. %1")
            .arg(message.isEmpty() ? tr("Install and start gnome-keyring or KeePassXC's Secret "
                                        "Service, or unlock your keyring, then try again.")
                                   : message));
    m_noKeychain->show();
}

void LanSharingSection::saveListen(const QString &host)
{
    const QString value = QStringLiteral("%1:%2").arg(host).arg(listen().port);
    if (m_saver.save([&](MirrorConfig &config) { config.setListen(value); }, m_message))
        Q_EMIT listenChanged(m_saver.config().listen());
}

QString LanSharingSection::teammateHost() const
{
    const ListenAddress address = listen();
    if (address.address != QHostAddress(QHostAddress::AnyIPv4) &&
        address.address != QHostAddress(QHostAddress::Any))
        return address.address.toString();
    if (m_teammateHost->currentIndex() >= 0)
        return m_teammateHost->currentData().toString();
    return QHostInfo::localHostName();
}

QString LanSharingSection::teammateConfig() const
{
    if (!isSharing() || m_token.isEmpty())
        return {};
    const QString url = QStringLiteral("http://%1:%2").arg(teammateHost()).arg(listen().port);
    return CargoTeammateConfig(url, QString::fromLatin1(m_token.value())).instructions();
}

void LanSharingSection::updateView()
{
    const bool sharing = isSharing();
    {
        const QSignalBlocker blocker(m_enabled);
        m_enabled->setChecked(sharing || m_turningOn);
    }
    const int index = m_interface->findData(listen().address.toString());
    if (index >= 0)
        m_interface->setCurrentIndex(index);
    m_details->setVisible(sharing);
    m_detailsLayout->setRowVisible(m_teammateHost,
                                   m_interface->currentData().toString() == AllInterfaces &&
                                       m_addresses.size() > 1);
    m_config->setPlainText(teammateConfig());
    m_tokenField->setText(QString::fromLatin1(m_token.value()));
    m_copyConfig->setEnabled(!m_token.isEmpty());
    m_copyToken->setEnabled(!m_token.isEmpty());
}

} // namespace Stowaway

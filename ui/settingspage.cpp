// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingspage.h"

#include "autostart.h"
#include "configsaver.h"
#include "lansharing.h"
#include "lansharingsection.h"
#include "mirrorconfig.h"
#include "mirrorstore.h"
#include "secretstore.h"
#include "storagesection.h"
#include "syncsection.h"
#include "tlstrust.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

namespace Stowaway {

namespace {
QString upstreamHost(const QString &upstream)
{
    return QUrl(upstream.startsWith(QLatin1String("sparse+")) ? upstream.mid(7) : upstream).host();
}
} // namespace

SettingsPage::SettingsPage(MirrorStore &store, Autostart &autostart, SecretStore &secrets,
                           QWidget *parent)
    : QWidget(parent)
    , m_saver(std::make_unique<ConfigSaver>(store))
    , m_autostart(autostart)
    , m_secrets(secrets)
{
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->addWidget(buildUpstream());
    m_storage = new StorageSection(store.layout().root(), content);
    column->addWidget(m_storage);
    m_sync = new SyncSection(*m_saver, content);
    column->addWidget(m_sync);
    column->addWidget(buildServer());
    m_lan = new LanSharingSection(*m_saver, m_secrets, content);
    column->addWidget(m_lan);
    column->addWidget(buildStartAtLogin());
    column->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_sync, &SyncSection::scheduleChanged, this, &SettingsPage::scheduleChanged);
    // While the mirror is copied, mirror.toml must not change under it.
    const auto setEditable = [this, content](bool editable) {
        for (QWidget *section : content->findChildren<QGroupBox *>(Qt::FindDirectChildrenOnly)) {
            if (section != m_storage)
                section->setEnabled(editable);
        }
    };
    connect(m_storage, &StorageSection::moveStarted, this, [this, setEditable] {
        setEditable(false);
        Q_EMIT storageMoveStarted();
    });
    connect(m_storage, &StorageSection::moveFailed, this,
            [this, setEditable](const QString &message) {
                setEditable(true);
                Q_EMIT storageMoveFailed(message);
            });
    connect(m_storage, &StorageSection::storageMoved, this,
            [this, setEditable](const QString &newRoot) {
                setEditable(true);
                Q_EMIT storageMoved(newRoot);
            });
    connect(m_lan, &LanSharingSection::lanSharingChanged, this, &SettingsPage::lanSharingChanged);
    connect(m_lan, &LanSharingSection::listenChanged, this, [this](const QString &listen) {
        m_listen->setText(listen);
        ConfigSaver::showProblem(m_listenMessage, {});
        Q_EMIT listenChanged(listen);
    });
    connect(&m_secrets, &SecretStore::writeFinished, this,
            [this](const QString &key, SecretStore::Error error, const QString &message) {
                if (key != m_upstreamTokenKey)
                    return;
                m_upstreamTokenKey.clear();
                m_upstreamTokenStatus->setText(error == SecretStore::Error::None
                                                   ? tr("Saved in the system keychain.")
                                                   : tr("Not saved: %1").arg(message));
            });
    reload();
    setLastSync(store.summary().lastSync);
}

SettingsPage::~SettingsPage() = default;

QWidget *SettingsPage::buildUpstream()
{
    auto *group = new QGroupBox(tr("Upstream"));
    m_upstream = new QLineEdit(group);
    m_upstream->setObjectName(QStringLiteral("upstream"));
    m_upstream->setPlaceholderText(QStringLiteral("sparse+https://index.crates.io/"));
    m_upstreamMessage = ConfigSaver::problemLabel(QStringLiteral("upstreamMessage"), group);
    m_contact = new QLineEdit(group);
    m_contact->setObjectName(QStringLiteral("contact"));
    m_contact->setPlaceholderText(tr("you@example.org or a URL"));
    m_contact->setToolTip(tr("Sent in the User-Agent so the upstream's operators can reach you"));
    m_upstreamToken = new QLineEdit(group);
    m_upstreamToken->setObjectName(QStringLiteral("upstreamToken"));
    m_upstreamToken->setEchoMode(QLineEdit::Password);
    m_upstreamToken->setPlaceholderText(tr("Only for a private upstream"));
    auto *saveToken = new QPushButton(tr("Save token"), group);
    saveToken->setObjectName(QStringLiteral("saveUpstreamToken"));
    m_upstreamTokenStatus = new QLabel(tr("Kept only in the system keychain."), group);
    m_upstreamTokenStatus->setObjectName(QStringLiteral("upstreamTokenStatus"));
    m_upstreamTokenStatus->setWordWrap(true);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_upstreamToken, 1);
    tokenRow->addWidget(saveToken);
    m_cainfo = new QLineEdit(group);
    m_cainfo->setObjectName(QStringLiteral("cainfo"));
    m_cainfo->setPlaceholderText(tr("Only for an upstream behind a private certificate authority"));
    m_cainfo->setToolTip(tr("A PEM file with the certificate authorities that signed the "
                            "upstream's HTTPS certificate; the system's stay trusted too"));
    auto *chooseCa = new QPushButton(tr("Choose…"), group);
    chooseCa->setObjectName(QStringLiteral("chooseCainfo"));
    m_cainfoMessage = ConfigSaver::problemLabel(QStringLiteral("cainfoMessage"), group);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_cainfo, 1);
    caRow->addWidget(chooseCa);
    m_proxy = new QLineEdit(group);
    m_proxy->setObjectName(QStringLiteral("proxy"));
    m_proxy->setPlaceholderText(tr("From the environment (https_proxy, no_proxy)"));
    m_proxy->setToolTip(tr("The proxy syncs go through: http://host:port, "
                           "http://user:password@host:port or socks5://host:port; none to go "
                           "direct. Hosts in no_proxy are always reached direct."));
    m_proxyMessage = ConfigSaver::problemLabel(QStringLiteral("proxyMessage"), group);
    auto *form = new QFormLayout(group);
    form->addRow(tr("Index URL:"), m_upstream);
    form->addRow(QString(), m_upstreamMessage);
    form->addRow(tr("Contact:"), m_contact);
    form->addRow(tr("Token:"), tokenRow);
    form->addRow(QString(), m_upstreamTokenStatus);
    form->addRow(tr("CA certificates:"), caRow);
    form->addRow(QString(), m_cainfoMessage);
    form->addRow(tr("Proxy:"), m_proxy);
    form->addRow(QString(), m_proxyMessage);

    connect(m_upstream, &QLineEdit::editingFinished, this, [this] {
        const QString value = m_upstream->text().trimmed();
        saveUpstreamSetting(
            value, m_saver->config().upstream(),
            [&](MirrorConfig &config) { config.setUpstream(value); }, m_upstreamMessage);
    });
    connect(m_contact, &QLineEdit::editingFinished, this, [this] {
        const QString value = m_contact->text().trimmed();
        saveUpstreamSetting(
            value, m_saver->config().contact(),
            [&](MirrorConfig &config) { config.setContact(value); }, nullptr);
    });
    connect(m_cainfo, &QLineEdit::editingFinished, this, &SettingsPage::saveCainfo);
    connect(chooseCa, &QPushButton::clicked, this, &SettingsPage::chooseCainfo);
    connect(m_proxy, &QLineEdit::editingFinished, this, &SettingsPage::saveProxy);
    connect(saveToken, &QPushButton::clicked, this, &SettingsPage::saveUpstreamToken);
    connect(m_upstreamToken, &QLineEdit::returnPressed, this, &SettingsPage::saveUpstreamToken);
    return group;
}

void SettingsPage::saveCainfo()
{
    const QString value = m_cainfo->text().trimmed();
    if (!value.isEmpty()) {
        QString problem;
        if (!TlsTrust::fromFile(value, &problem)) {
            ConfigSaver::showProblem(m_cainfoMessage, problem);
            return;
        }
    }
    saveUpstreamSetting(
        value, m_saver->config().cainfo(), [&](MirrorConfig &config) { config.setCainfo(value); },
        m_cainfoMessage);
}

void SettingsPage::saveProxy()
{
    const QString value = m_proxy->text().trimmed();
    const QString problem = MirrorConfig::checkProxy(value);
    if (!problem.isEmpty()) {
        ConfigSaver::showProblem(m_proxyMessage, problem);
        return;
    }
    saveUpstreamSetting(
        value, m_saver->config().proxy(), [&](MirrorConfig &config) { config.setProxy(value); },
        m_proxyMessage);
}

void SettingsPage::saveUpstreamSetting(const QString &value, const QString &before,
                                       const std::function<void(MirrorConfig &)> &apply,
                                       QLabel *message)
{
    if (m_saver->save(apply, message) && value != before)
        Q_EMIT upstreamChanged(m_saver->config().upstream());
}

void SettingsPage::chooseCainfo()
{
    auto *dialog = new QFileDialog(this, tr("Choose the upstream's CA certificates"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("PEM certificates (*.pem *.crt *.cer)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_cainfo->setText(file);
        saveCainfo();
    });
    dialog->open();
}

QWidget *SettingsPage::buildServer()
{
    auto *group = new QGroupBox(tr("Server"));
    m_listen = new QLineEdit(group);
    m_listen->setObjectName(QStringLiteral("listen"));
    m_listen->setPlaceholderText(QStringLiteral("127.0.0.1:27428"));
    m_listenMessage = ConfigSaver::problemLabel(QStringLiteral("listenMessage"), group);
    auto *form = new QFormLayout(group);
    form->addRow(tr("Listen address and port:"), m_listen);
    form->addRow(QString(), m_listenMessage);
    connect(m_listen, &QLineEdit::editingFinished, this, &SettingsPage::saveListen);
    return group;
}

QWidget *SettingsPage::buildStartAtLogin()
{
    auto *group = new QGroupBox(tr("Start at login"));
    m_startAtLogin = new QCheckBox(tr("Start Stowaway in the tray when I log in"), group);
    m_startAtLogin->setObjectName(QStringLiteral("startAtLogin"));
    m_startAtLoginNote = new QLabel(group);
    m_startAtLoginNote->setObjectName(QStringLiteral("startAtLoginNote"));
    m_startAtLoginNote->setWordWrap(true);
    auto *layout = new QVBoxLayout(group);
    layout->addWidget(m_startAtLogin);
    layout->addWidget(m_startAtLoginNote);
    connect(m_startAtLogin, &QCheckBox::toggled, this, &SettingsPage::setStartAtLogin);
    return group;
}

void SettingsPage::reload()
{
    const MirrorConfig &config = m_saver->config();
    m_upstream->setText(config.upstream());
    m_contact->setText(config.contact());
    m_cainfo->setText(config.cainfo());
    m_proxy->setText(config.proxy());
    m_listen->setText(config.listen());
    for (QLabel *label : {m_upstreamMessage, m_listenMessage, m_cainfoMessage, m_proxyMessage})
        ConfigSaver::showProblem(label, {});
    {
        const QSignalBlocker blocker(m_startAtLogin);
        m_startAtLogin->setChecked(m_autostart.isEnabled());
    }
    updateStartAtLoginNote({});
    m_sync->reload();
}

void SettingsPage::setStore(MirrorStore &store)
{
    m_saver->setStore(store);
    if (m_storage->root() != store.layout().root())
        m_storage->setRoot(store.layout().root());
    reload();
    m_lan->reload();
    setLastSync(store.summary().lastSync);
}

void SettingsPage::setLastSync(const QDateTime &lastSync)
{
    m_sync->setLastSync(lastSync);
    m_storage->measureSize(); // called when a sync ended: the folder's size changed
}

void SettingsPage::setLanAddresses(const QList<QHostAddress> &addresses)
{
    m_lan->setLanAddresses(addresses);
}

QByteArray SettingsPage::lanToken() const
{
    return m_lan->token().value();
}

void SettingsPage::saveListen()
{
    const QString value = m_listen->text().trimmed();
    const QString problem = MirrorConfig::checkListen(value);
    if (!problem.isEmpty())
        return ConfigSaver::showProblem(m_listenMessage, problem);
    const bool shared = LanSharing::isShared(*ListenAddress::parse(value, nullptr));
    if (shared != m_lan->isSharing())
        return ConfigSaver::showProblem(
            m_listenMessage, shared ? tr("This address can be reached from other machines: turn "
                                         "on LAN sharing below, which protects the mirror with "
                                         "a token.")
                                    : tr("LAN sharing is on: turn it off below to listen on "
                                         "this machine only."));
    const QString before = m_saver->config().listen();
    if (m_saver->save([&](MirrorConfig &config) { config.setListen(value); }, m_listenMessage) &&
        m_saver->config().listen() != before)
        Q_EMIT listenChanged(value);
}

void SettingsPage::saveUpstreamToken()
{
    const QString host = upstreamHost(m_saver->config().upstream());
    const QString token = m_upstreamToken->text().trimmed();
    if (token.isEmpty() || host.isEmpty())
        return;
    m_upstreamTokenKey = SecretStore::upstreamTokenKey(host);
    m_upstreamTokenStatus->setText(tr("Saving in the system keychain…"));
    m_secrets.write(m_upstreamTokenKey, token);
    m_upstreamToken->clear();
}

void SettingsPage::setStartAtLogin(bool on)
{
    QString error;
    if (!m_autostart.setEnabled(on, &error)) {
        const QSignalBlocker blocker(m_startAtLogin);
        m_startAtLogin->setChecked(m_autostart.isEnabled());
    }
    updateStartAtLoginNote(error);
}

void SettingsPage::updateStartAtLoginNote(const QString &problem)
{
    QString note = m_autostart.isEnabled()
                       ? tr("Starts from %1.").arg(m_autostart.description())
                       : tr("Would be started from %1.").arg(m_autostart.description());
    if (m_autostart.isManagedElsewhere())
        note = tr("An entry for Stowaway in %1 is managed elsewhere (by an administrator or "
                  "for another copy of the program) and is left as it is.")
                   .arg(m_autostart.description());
    if (!problem.isEmpty())
        note += QLatin1Char('\n') + problem;
    m_startAtLoginNote->setText(note);
}

} // namespace Stowaway

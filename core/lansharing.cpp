// SPDX-License-Identifier: GPL-3.0-or-later
#include "lansharing.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <QNetworkInterface>

namespace Stowaway {

LanSharing::LanSharing(SecretStore &store, QString mirrorId, QObject *parent)
    : QObject(parent), m_store(store), m_key(SecretStore::lanTokenKey(mirrorId))
{
    connect(&m_store, &SecretStore::writeFinished, this, &LanSharing::onWrite);
    connect(&m_store, &SecretStore::readFinished, this, &LanSharing::onRead);
    connect(&m_store, &SecretStore::removeFinished, this, &LanSharing::onRemove);
}

QString LanSharing::mirrorIdFor(const QString &root)
{
    const QByteArray path = QDir::cleanPath(QFileInfo(root).absoluteFilePath()).toUtf8();
    return QString::fromLatin1(
        QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex().left(16));
}

QList<QHostAddress> LanSharing::lanAddresses()
{
    QList<QHostAddress> addresses;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &network : interfaces) {
        const auto flags = network.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) ||
            !flags.testFlag(QNetworkInterface::IsRunning) ||
            flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        const auto entries = network.addressEntries();
        for (const QNetworkAddressEntry &entry : entries) {
            const QHostAddress ip = entry.ip();
            if (ip.protocol() == QAbstractSocket::IPv4Protocol && !ip.isLoopback() &&
                !ip.isLinkLocal())
                addresses.append(ip);
        }
    }
    return addresses;
}

QString LanSharing::lanUrl(const ListenAddress &listen, const QHostAddress &lanAddress)
{
    const QHostAddress host = listen.address.isEqual(QHostAddress::AnyIPv4) ||
                                      listen.address.isEqual(QHostAddress::AnyIPv6) ||
                                      listen.address.isEqual(QHostAddress::Any)
                                  ? lanAddress
                                  : listen.address;
    const QString text = host.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + host.toString() + QLatin1Char(']')
                             : host.toString();
    return QStringLiteral("http://%1:%2").arg(text).arg(listen.port);
}

bool LanSharing::start(Pending pending)
{
    if (busy())
        return false;
    m_pending = pending;
    return true;
}

void LanSharing::enable()
{
    if (!start(Pending::Write))
        return;
    m_token = LanToken::generate();
    m_store.write(m_key, QString::fromLatin1(m_token.value()));
}

void LanSharing::load()
{
    if (!start(Pending::Read))
        return;
    m_store.read(m_key);
}

void LanSharing::disable()
{
    if (!start(Pending::Remove))
        return;
    m_store.remove(m_key);
}

void LanSharing::rekey(const QString &newMirrorId, const LanToken &token)
{
    if (!start(Pending::Rekey))
        return;
    m_oldKey = m_key;
    m_key = SecretStore::lanTokenKey(newMirrorId);
    m_token = token;
    m_store.write(m_key, QString::fromLatin1(m_token.value()));
}

void LanSharing::onWrite(const QString &key, SecretStore::Error error, const QString &message)
{
    if (key != m_key || (m_pending != Pending::Write && m_pending != Pending::Rekey))
        return;
    const bool rekey = m_pending == Pending::Rekey;
    m_pending = Pending::None;
    if (error != SecretStore::Error::None) {
        if (rekey)
            std::swap(m_key, m_oldKey);
        Q_EMIT failed(error, message);
        return;
    }
    if (rekey && m_oldKey != m_key)
        m_store.remove(m_oldKey); // best effort; the answer is not waited for
    Q_EMIT tokenReady(m_token);
}

void LanSharing::onRead(const QString &key, const QString &value, SecretStore::Error error,
                        const QString &message)
{
    if (key != m_key || m_pending != Pending::Read)
        return;
    m_pending = Pending::None;
    if (error != SecretStore::Error::None) {
        Q_EMIT failed(error, message);
        return;
    }
    const QByteArray bytes = value.toLatin1();
    if (!LanToken::isAcceptable(bytes)) {
        Q_EMIT failed(SecretStore::Error::Other,
                      tr("The LAN sharing token in the keychain is damaged: regenerate it."));
        return;
    }
    m_token = LanToken(bytes);
    Q_EMIT tokenReady(m_token);
}

void LanSharing::onRemove(const QString &key, SecretStore::Error error, const QString &message)
{
    if (key != m_key || m_pending != Pending::Remove)
        return;
    m_pending = Pending::None;
    if (error != SecretStore::Error::None) {
        Q_EMIT failed(error, message);
        return;
    }
    Q_EMIT disabled();
}

} // namespace Stowaway

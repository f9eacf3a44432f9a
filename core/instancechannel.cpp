// SPDX-License-Identifier: GPL-3.0-or-later
#include "instancechannel.h"

#include "syncmessage.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcChannel, "stowaway.channel", QtInfoMsg)

namespace {
constexpr qint64 MaxLineBytes = 64 * 1024;
}

InstanceChannel::InstanceChannel(const QString &mirrorRoot, QObject *parent)
    : QObject(parent), m_name(serverName(mirrorRoot))
{}

InstanceChannel::~InstanceChannel() = default;

QString InstanceChannel::serverName(const QString &mirrorRoot)
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    QString safeUser;
    for (const QChar c : std::as_const(user))
        safeUser += c.isLetterOrNumber() ? c : QLatin1Char('_');
    const QString root = QDir::cleanPath(QDir(mirrorRoot).absolutePath());
    const QByteArray hash =
        QCryptographicHash::hash(root.toUtf8(), QCryptographicHash::Sha256).toHex().left(12);
    return QStringLiteral("stowaway-") + safeUser.left(32) + QLatin1Char('-') +
           QString::fromLatin1(hash);
}

bool InstanceChannel::listen(QString *error)
{
    if (error)
        error->clear();
    // Ask first: with access options, QLocalServer::listen() replaces an existing socket
    // file, a live instance's included.
    QLocalSocket probe;
    probe.connectToServer(m_name);
    if (probe.waitForConnected(500))
        return false;
    auto server = std::make_unique<QLocalServer>();
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_name)) {
        // A socket file left by a crashed instance: nobody answered, so take it over.
        qCInfo(lcChannel) << "removing the stale socket" << m_name;
        QLocalServer::removeServer(m_name);
        if (!server->listen(m_name)) {
            if (error)
                *error =
                    tr("cannot create the local socket %1: %2").arg(m_name, server->errorString());
            return false;
        }
    }
    connect(server.get(), &QLocalServer::newConnection, this, &InstanceChannel::onNewConnection);
    m_server = std::move(server);
    return true;
}

bool InstanceChannel::isListening() const
{
    return m_server && m_server->isListening();
}

bool InstanceChannel::raiseRunning(const QString &mirrorRoot, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(serverName(mirrorRoot));
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write(SyncMessage::raise());
    const bool written = socket.waitForBytesWritten(timeoutMs);
    socket.disconnectFromServer();
    return written;
}

void InstanceChannel::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void InstanceChannel::onReadyRead(QLocalSocket *socket)
{
    while (socket->canReadLine()) {
        const SyncMessage::Decoded message = SyncMessage::decode(socket->readLine(MaxLineBytes));
        switch (message.type) {
        case SyncMessage::Type::Raise:
            Q_EMIT raiseRequested();
            break;
        case SyncMessage::Type::Progress:
            Q_EMIT syncProgress(message.progress);
            break;
        case SyncMessage::Type::Finished:
            Q_EMIT syncFinished(message.result);
            break;
        case SyncMessage::Type::Invalid:
            qCWarning(lcChannel) << "ignoring a message that does not parse";
            break;
        }
    }
    if (socket->bytesAvailable() > MaxLineBytes)
        socket->abort(); // not one of ours
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncpublisher.h"

#include "instancechannel.h"
#include "syncmessage.h"

#include <QLocalSocket>

namespace Stowaway {

SyncPublisher::SyncPublisher(const QString &mirrorRoot, QObject *parent)
    : QObject(parent), m_socket(std::make_unique<QLocalSocket>())
{
    connect(m_socket.get(), &QLocalSocket::connected, this, [this] {
        if (!m_pending.isEmpty())
            m_socket->write(std::exchange(m_pending, {}));
    });
    m_socket->connectToServer(InstanceChannel::serverName(mirrorRoot));
}

SyncPublisher::~SyncPublisher()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

bool SyncPublisher::isConnected() const
{
    return m_socket->state() == QLocalSocket::ConnectedState;
}

void SyncPublisher::publishProgress(const SyncProgress &progress)
{
    send(SyncMessage::progress(progress));
}

void SyncPublisher::publishFinished(const SyncResult &result, int timeoutMs)
{
    if (m_socket->state() == QLocalSocket::ConnectingState)
        m_socket->waitForConnected(timeoutMs);
    if (!isConnected())
        return;
    if (!m_pending.isEmpty())
        m_socket->write(std::exchange(m_pending, {}));
    m_socket->write(SyncMessage::finished(result));
    while (m_socket->bytesToWrite() > 0 && m_socket->waitForBytesWritten(timeoutMs)) {
    }
    m_socket->disconnectFromServer();
}

void SyncPublisher::send(const QByteArray &line)
{
    switch (m_socket->state()) {
    case QLocalSocket::ConnectedState:
        // A stalled app must not make the CLI buffer without bound.
        if (m_socket->bytesToWrite() < 256 * 1024)
            m_socket->write(line);
        break;
    case QLocalSocket::ConnectingState:
        m_pending = line;
        break;
    default:
        break;
    }
}

} // namespace Stowaway

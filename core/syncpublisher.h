// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncprogress.h"
#include "syncrequest.h"

#include <QByteArray>
#include <QObject>

#include <memory>

class QLocalSocket;

namespace Stowaway {

/**
 * The `stowaway sync` end of the InstanceChannel: connects (without waiting) to the desktop
 * app of the same user and mirror, if one runs, and sends it the sync's progress and result.
 * When no app listens, every call does nothing, so the CLI is unaffected. Lives on the
 * thread that creates it.
 */
class SyncPublisher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncPublisher)
public:
    explicit SyncPublisher(const QString &mirrorRoot, QObject *parent = nullptr);
    ~SyncPublisher() override;

    /// Sends the newest progress (only the latest one waits while still connecting).
    void publishProgress(const Stowaway::SyncProgress &progress);
    /// Sends the result and waits (at most `timeoutMs`) until it is written: the process is
    /// about to exit.
    void publishFinished(const Stowaway::SyncResult &result, int timeoutMs = 1000);
    bool isConnected() const;

private:
    void send(const QByteArray &line);

    std::unique_ptr<QLocalSocket> m_socket;
    QByteArray m_pending; ///< the latest progress line, until connected
};

} // namespace Stowaway

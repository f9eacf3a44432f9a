// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncprogress.h"
#include "syncrequest.h"

#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;
class QLocalSocket;

namespace Stowaway {

/**
 * The desktop app's local socket (QLocalServer, readable by the user only), one per user and
 * mirror folder. The first app to listen() is the one instance; a second start asks it to
 * raise its window (raiseRunning()) and exits. A `stowaway sync` in a terminal publishes its
 * progress here (SyncPublisher), so the app shows it. Messages are SyncMessage lines.
 *
 * Lives on the thread that creates it (the UI thread). raiseRunning() blocks for at most its
 * timeout and is meant for start-up, before the event loop runs.
 */
class InstanceChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceChannel)
public:
    explicit InstanceChannel(const QString &mirrorRoot, QObject *parent = nullptr);
    ~InstanceChannel() override;

    /// `stowaway-<user>-<12 hex digits of the mirror folder's hash>`.
    static QString serverName(const QString &mirrorRoot);

    /// Becomes the one instance. False when another instance already listens (`error`
    /// empty) or the socket cannot be created (`error` says why). A socket left by a crashed
    /// instance is removed and taken over.
    bool listen(QString *error);
    bool isListening() const;

    /// Asks a running instance for `mirrorRoot` to raise its window; true when one took the
    /// message within `timeoutMs`.
    static bool raiseRunning(const QString &mirrorRoot, int timeoutMs = 1000);

Q_SIGNALS:
    void raiseRequested();
    void syncProgress(const Stowaway::SyncProgress &progress);
    void syncFinished(const Stowaway::SyncResult &result);

private:
    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);

    QString m_name;
    std::unique_ptr<QLocalServer> m_server;
};

} // namespace Stowaway

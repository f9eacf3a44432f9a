// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serveroptions.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <vector>

namespace Stowaway {

class AccessLog;
class HttpConnection;
class ProtocolUpgrader;
class RequestHandler;

/**
 * The per-thread half of HttpServer: owns the HttpConnection objects of one worker
 * thread, checks their timeouts, and caches what every response needs (Date and
 * status lines) so connections don't rebuild it per request.
 *
 * Created by HttpServer, moved to its worker QThread and deleted there when the thread
 * finishes. Everything except the constructor runs on the worker thread.
 */
class ServerWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerWorker)
public:
    /// @p active counts served connections, @p refusing those being answered 503; both
    /// belong to the HttpServer and outlive the worker.
    ServerWorker(RequestHandler &handler, const ServerOptions &options, AccessLog *log,
                 ProtocolUpgrader *upgrader, std::atomic<int> &active, std::atomic<int> &refusing);
    ~ServerWorker() override;

    /// Takes over an accepted socket. With @p refuse the client gets 503 and is closed.
    void addConnection(qintptr descriptor, bool refuse);
    /// Drops every connection now (server closing).
    void closeAll();

    RequestHandler &handler() const { return m_handler; }
    const ServerOptions &options() const { return m_options; }
    AccessLog *accessLog() const { return m_log; }
    ProtocolUpgrader *upgrader() const { return m_upgrader; }

    /// "server: stowaway/x.y.z\r\ndate: <IMF-fixdate>\r\n", rebuilt once per second.
    const QByteArray &commonHeaders();
    /// "HTTP/1.1 200 OK\r\n" and friends.
    const QByteArray &statusLine(int status);
    /// Read buffer shared by the connections of this thread (they never run concurrently).
    char *scratch() { return m_scratch.data(); }
    qsizetype scratchSize() const { return m_scratch.size(); }
    /// Milliseconds on a monotonic clock.
    static qint64 nowMs();

private:
    void remove(HttpConnection *connection);
    void sweep();

    RequestHandler &m_handler;
    const ServerOptions m_options;
    AccessLog *const m_log;
    ProtocolUpgrader *const m_upgrader;
    std::atomic<int> &m_active;
    std::atomic<int> &m_refusing;
    std::vector<HttpConnection *> m_connections; // children of this object
    QTimer m_sweepTimer;
    qint64 m_dateSecond = -1;
    QByteArray m_commonHeaders;
    QHash<int, QByteArray> m_statusLines;
    QByteArray m_scratch;
};

} // namespace Stowaway

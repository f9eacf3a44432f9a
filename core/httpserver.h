// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serveroptions.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class QTcpServer;
class QThread;

namespace Stowaway {

class AccessLog;
class ProtocolUpgrader;
class RequestHandler;
class ServerWorker;

/**
 * The HTTP/1.1 server cargo talks to. Accepts on the thread that created it and spreads
 * connections round-robin over a small pool of worker threads, each running its own
 * event loop with HttpConnection objects on it. Knows nothing about crates: every request
 * goes to the RequestHandler, which must be thread-safe and outlive the server (as must
 * the AccessLog and ProtocolUpgrader, both optional and not owned).
 *
 * Over ServerOptions::maxConnections, new clients are answered 503 and closed. The
 * destructor closes all connections and joins the worker threads.
 */
class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)
public:
    HttpServer(RequestHandler &handler, ServerOptions options, AccessLog *log = nullptr,
               QObject *parent = nullptr);
    ~HttpServer() override;

    /// The h2c hand-off (see protocolupgrader.h). Set it before listen().
    void setProtocolUpgrader(ProtocolUpgrader *upgrader);

    /// Starts listening on options().address and options().port. On failure returns false
    /// and says what went wrong and what to do in @p error.
    bool listen(QString *error);
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    /// Stops listening and drops every connection.
    void close();
    /// Connections being served right now (not counting ones being refused).
    int activeConnections() const;
    const ServerOptions &options() const { return m_options; }

private:
    void acceptDescriptor(qintptr descriptor);
    void startWorkers();
    void stopWorkers();

    RequestHandler &m_handler;
    const ServerOptions m_options;
    AccessLog *const m_log;
    ProtocolUpgrader *m_upgrader = nullptr;
    std::unique_ptr<QTcpServer> m_listener;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<ServerWorker *> m_workers; // each lives on, and is deleted by, its thread
    std::size_t m_nextWorker = 0;
    std::atomic<int> m_active{0};
    std::atomic<int> m_refusing{0};
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QThread>

#include <algorithm>
#include <chrono>

namespace Stowaway {

/**
 * How an HttpServer listens and which limits it enforces on clients. A plain value,
 * copied into the server; change it before HttpServer::listen().
 */
struct ServerOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0; ///< 0 picks a free port; see HttpServer::serverPort()
    /// Worker threads that run connections; the listening thread only accepts.
    int workerThreads = std::clamp(QThread::idealThreadCount(), 2, 8);
    /// Connections served at once; the next one is answered 503 and closed.
    int maxConnections = 1024;
    /// A kept-alive connection with no request for this long is closed silently.
    std::chrono::milliseconds idleTimeout{30000};
    /// The whole request head (request line and headers) must arrive within this (slowloris).
    std::chrono::milliseconds headerTimeout{10000};
    /// A client that reads nothing of its pending responses for this long is dropped.
    std::chrono::milliseconds writeTimeout{30000};
    /// Longest request-target; longer ones are answered 414.
    int maxTargetBytes = 16 * 1024;
    /// Longest request head (all header names and values); larger ones are answered 431.
    int maxHeaderBytes = 16 * 1024;
    /// Most header fields in one request; more are answered 431.
    int maxHeaderCount = 100;
    /// Pipelined requests answered in one go before the connection yields to others.
    int maxPipelinedRequests = 32;
    /// Stop parsing further requests while this much response data waits to be sent.
    qint64 writeHighWater = 512 * 1024;
};

} // namespace Stowaway

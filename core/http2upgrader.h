// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocolupgrader.h"

namespace Stowaway {

class AccessLog;

/**
 * Connects HttpServer's h2c seam to Http2Session: cargo's `Upgrade: h2c` (and clients
 * that speak HTTP/2 with prior knowledge) get an HTTP/2 session on the same connection,
 * so one cargo connection multiplexes all of its index requests. Requests served over
 * HTTP/2 are written to the access log like HTTP/1.1 ones. Stateless apart from the
 * log pointer, so one instance serves every worker thread; the log must outlive it.
 */
class Http2Upgrader final : public ProtocolUpgrader
{
public:
    explicit Http2Upgrader(AccessLog *log = nullptr);

    std::unique_ptr<ProtocolSession> startHttp2(RequestHandler &handler,
                                                const HttpRequest *upgradeRequest,
                                                const QByteArray &http2Settings,
                                                std::function<void(const QByteArray &)> writeOut,
                                                std::function<void()> requestClose) override;

private:
    AccessLog *m_log;
};

} // namespace Stowaway

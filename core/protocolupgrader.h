// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "protocolsession.h"
#include "requesthandler.h"

#include <QByteArray>

#include <functional>
#include <memory>

namespace Stowaway {

/**
 * The h2c seam of HttpConnection. Give one to HttpServer::setProtocolUpgrader() and the
 * connection hands over to it when a client asks for HTTP/2 over cleartext:
 *
 * - Upgrade: a GET/HEAD without body carrying `Upgrade: h2c`, exactly one
 *   `HTTP2-Settings` header and `Connection` naming both "upgrade" and "http2-settings".
 *   The connection first calls startHttp2() with the request; if that returns a session,
 *   the connection writes "101 Switching Protocols" (Connection: Upgrade, Upgrade: h2c)
 *   itself and then feeds every later byte (starting with the client preface) to
 *   ProtocolSession::receive(). The session answers the upgrade request as stream 1.
 *   If startHttp2() returns nullptr, the request is answered as plain HTTP/1.1.
 * - Prior knowledge: the connection's first bytes are the client preface
 *   "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n". startHttp2() is called with a null request and
 *   empty settings; all bytes received so far, preface included, go to receive().
 *   If it returns nullptr the connection is closed (no HTTP/1.1 answer makes sense).
 *
 * @p upgradeRequest is only valid during the call: copy what the session needs.
 * startHttp2() is called on the connection's worker thread, concurrently from several
 * workers, so implementations must be thread-safe. @p writeOut queues bytes on the socket;
 * @p requestClose asks the connection to flush and close; both must be called on that same
 * thread and not after the session was destroyed.
 */
class ProtocolUpgrader
{
public:
    virtual ~ProtocolUpgrader() = default;
    virtual std::unique_ptr<ProtocolSession>
    startHttp2(RequestHandler &handler, const HttpRequest *upgradeRequest,
               const QByteArray &http2Settings, std::function<void(const QByteArray &)> writeOut,
               std::function<void()> requestClose) = 0;
};

} // namespace Stowaway

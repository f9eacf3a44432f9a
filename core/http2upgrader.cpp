// SPDX-License-Identifier: GPL-3.0-or-later
#include "http2upgrader.h"

#include "accesslog.h"
#include "http2session.h"

namespace Stowaway {

namespace {

/// Passes each request on and writes what was answered to the access log.
class LoggingHandler final : public RequestHandler
{
public:
    LoggingHandler(RequestHandler &inner, AccessLog *log) : m_inner(inner), m_log(log) {}

    HttpResponse handle(const HttpRequest &request) override
    {
        HttpResponse response = m_inner.handle(request);
        if (m_log) {
            const QByteArray peer = request.peerAddress.isNull()
                                        ? QByteArray("-")
                                        : request.peerAddress.toString().toLatin1();
            m_log->logRequest(peer, request, response.status,
                              request.isHead() ? 0 : response.body.size());
        }
        return response;
    }

private:
    RequestHandler &m_inner;
    AccessLog *m_log;
};

/// One HTTP/2 connection: owns the session and the handler it calls.
class Http2ProtocolSession final : public ProtocolSession
{
public:
    Http2ProtocolSession(RequestHandler &handler, AccessLog *log,
                         std::function<void(const QByteArray &)> writeOut,
                         std::function<void()> requestClose)
        : m_handler(handler, log)
        , m_session(std::make_unique<Http2Session>(m_handler, std::move(writeOut)))
    {
        QObject::connect(m_session.get(), &Http2Session::closeRequested, m_session.get(),
                         std::move(requestClose));
    }

    Http2Session &session() { return *m_session; }
    bool receive(const QByteArray &bytes) override { return m_session->receive(bytes); }
    bool wantsClose() const override { return m_session->wantsClose(); }

private:
    LoggingHandler m_handler;
    std::unique_ptr<Http2Session> m_session;
};

} // namespace

Http2Upgrader::Http2Upgrader(AccessLog *log) : m_log(log) {}

std::unique_ptr<ProtocolSession> Http2Upgrader::startHttp2(
    RequestHandler &handler, const HttpRequest *upgradeRequest, const QByteArray &http2Settings,
    std::function<void(const QByteArray &)> writeOut, std::function<void()> requestClose)
{
    auto session = std::make_unique<Http2ProtocolSession>(handler, m_log, std::move(writeOut),
                                                          std::move(requestClose));
    // The connection holds back what the session writes here until its 101 is out.
    const bool started = upgradeRequest
                             ? session->session().startFromUpgrade(*upgradeRequest, http2Settings)
                             : session->session().startWithPriorKnowledge();
    if (!started)
        return nullptr;
    return session;
}

} // namespace Stowaway

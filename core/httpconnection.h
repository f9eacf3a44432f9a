// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <memory>

struct http_parser;
class QTcpSocket;

namespace Stowaway {

class ProtocolSession;
class ServerWorker;

/**
 * One client connection speaking HTTP/1.1 (GET and HEAD only), with keep-alive and
 * pipelining. Parses with http_parser, validates every request strictly (see
 * RequestTarget for the path rules), calls the RequestHandler synchronously and writes
 * the responses in request order. Hostile or broken input is answered with a 4xx/5xx,
 * logged, and the connection is closed; timeouts guard against slow or idle clients.
 *
 * Lives on a worker thread, created and owned by a ServerWorker; it creates its own
 * QTcpSocket there. Emits finished() once the socket is gone; the worker deletes it.
 * The h2c hand-off goes through the worker's ProtocolUpgrader (see protocolupgrader.h).
 */
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)
public:
    /// @p counter is decremented when the connection is destroyed.
    HttpConnection(ServerWorker &worker, std::atomic<int> &counter, QObject *parent);
    ~HttpConnection() override;

    /// Adopts the accepted socket. With @p refuse, answers 503 and closes.
    void start(qintptr descriptor, bool refuse);
    /// Enforces the header, idle and write timeouts; called by the worker's sweep.
    void checkTimeouts(qint64 nowMs);

Q_SIGNALS:
    void finished();

private:
    enum class State { Open, Closing, Done };
    enum class Phase { Idle, Head, Http2 };

    void processInput();
    bool checkPreface();
    qsizetype feed(const char *data, qsizetype size, int &handled);
    void handleMessage();
    void dispatch();
    bool tryUpgrade();
    void startHttp2(const QByteArray &initialBytes);
    void refuse(int status, QByteArrayView reason);
    void sendResponse(const HttpResponse &response, bool head, bool keepAlive);
    void closeAfterWrite();
    void maybeShutdown();
    void onBytesWritten();
    void onDisconnected();
    void abortNow();
    QByteArray requestLineForLog() const;

    static int onMessageBegin(http_parser *parser);
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onMessageComplete(http_parser *parser);
    int validateHead();
    int fail(int status, QByteArray reason);

    ServerWorker &m_worker;
    std::atomic<int> &m_counter;
    QTcpSocket *m_socket = nullptr;
    std::unique_ptr<http_parser> m_parser;
    std::unique_ptr<ProtocolSession> m_session;
    State m_state = State::Open;
    Phase m_phase = Phase::Idle;
    qint64 m_phaseSince = 0;
    qint64 m_lastWriteProgress = 0;
    qint64 m_discarded = 0;
    int m_served = 0;     // requests answered on this connection
    QByteArray m_pending; // bytes read but not yet parsed
    QByteArray m_peerText;
    bool m_checkPreface = true;
    bool m_processing = false;
    bool m_resumeScheduled = false;
    bool m_shutdownSent = false;
    bool m_holdHttp2Output = false;
    QByteArray m_heldHttp2Output;

    // The request being parsed.
    HttpRequest m_request;
    bool m_messageDone = false;
    bool m_lastWasValue = false;
    bool m_keepAlive = true;
    bool m_upgradeAsked = false;
    int m_headBytes = 0;
    int m_rejectStatus = 0; // answered with this instead of calling the handler
    int m_errorStatus = 0;  // set by a callback that aborted the parser
    QByteArray m_errorReason;
};

} // namespace Stowaway

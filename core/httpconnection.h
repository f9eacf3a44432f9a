// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequestparser.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <memory>

class QTcpSocket;

namespace Stowaway {

class ProtocolSession;
class ServerWorker;

/**
 * One client connection speaking HTTP/1.1 (GET and HEAD only), with keep-alive and
 * pipelining. Parses and validates with HttpRequestParser (see RequestTarget for the
 * path rules), calls the RequestHandler synchronously and writes
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
    qint64 readSocket(char *buffer, qint64 size);
    QByteArray readAvailable();
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

    ServerWorker &m_worker;
    std::atomic<int> &m_counter;
    QTcpSocket *m_socket = nullptr;
    HttpRequestParser m_parser;
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
    bool m_readBlocked = false; // input left unread until pending output is sent
    bool m_peerGone = false;    // a read hit end-of-stream or an error
    bool m_holdHttp2Output = false;
    QByteArray m_heldHttp2Output;
};

} // namespace Stowaway

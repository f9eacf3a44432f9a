// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "requesthandler.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QObject>

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

struct nghttp2_session;

namespace Stowaway {

/**
 * The server side of one HTTP/2 connection over cleartext (h2c), built on nghttp2.
 *
 * The session owns no socket: the HTTP/1.1 connection hands it the bytes it reads
 * (receive()) and writes out whatever the session passes to `writeOut`. It starts either
 * from an HTTP/1.1 `Upgrade: h2c` request (startFromUpgrade(), after the caller has written
 * switchingProtocolsResponse()) or from a client that sent the HTTP/2 preface directly
 * (startWithPriorKnowledge()). Every complete request is answered inline by calling the
 * synchronous RequestHandler; responses are written with HTTP/2 flow control.
 *
 * Ownership: the RequestHandler must outlive the session. Thread affinity: the session is
 * used only from the thread it lives on (the connection's thread); it never blocks.
 */
class Http2Session : public QObject
{
    Q_OBJECT
public:
    /// The 24 bytes a client sends first on an HTTP/2 connection.
    static constexpr QByteArrayView ClientPreface{"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"};
    enum class PrefaceMatch { No, NeedMoreBytes, Yes };

    /// handler: called for each complete request (thread-safe, may be called inline).
    /// writeOut: called with bytes to send on the socket (the caller writes them).
    Http2Session(RequestHandler &handler, std::function<void(const QByteArray &)> writeOut,
                 QObject *parent = nullptr);
    ~Http2Session() override;

    /// True for an HTTP/1.1 GET or HEAD without a body that asks for `Upgrade: h2c` with one
    /// valid `HTTP2-Settings` header and `Connection: Upgrade, HTTP2-Settings`.
    static bool isUpgradeRequest(const HttpRequest &r);
    /// The exact bytes of the `101 Switching Protocols` answer to an upgrade request.
    static QByteArray switchingProtocolsResponse();
    /// Whether the first bytes of a connection are the HTTP/2 client preface.
    static PrefaceMatch matchClientPreface(QByteArrayView firstBytes);

    /// Peer and local address copied into every request (prior knowledge only; the upgrade
    /// path takes them from the upgrade request).
    void setEndpoints(const QHostAddress &peerAddress, quint16 peerPort,
                      const QHostAddress &localAddress, quint16 localPort);

    /// After the caller has itself written switchingProtocolsResponse(): takes the HTTP/1.1
    /// request as stream 1 and sends the server preface. Stream 1 is answered (the handler
    /// called) on the first receive(), i.e. once the client has switched protocols.
    bool startFromUpgrade(const HttpRequest &upgradeRequest,
                          const QByteArray &http2SettingsHeaderValue);
    /// For a client that opened with the HTTP/2 preface directly (prior knowledge).
    bool startWithPriorKnowledge();
    /// Feed bytes read from the socket (the client preface included). Returns false on a
    /// fatal protocol error (a GOAWAY has been written; the caller closes).
    bool receive(const QByteArray &bytes);
    /// True when the session has nothing more to do (GOAWAY exchanged / peer done) and the
    /// caller should close once its write buffer is flushed.
    bool wantsClose() const;
    /// Called by the caller when the socket's write buffer has drained; sends more DATA.
    void resumeSending();
    /// Graceful shutdown: GOAWAY, finish the streams in flight, then wantsClose().
    void shutdown();

Q_SIGNALS:
    /// Emitted once, when wantsClose() becomes true.
    void closeRequested();

private:
    struct Stream;
    struct Callbacks;

    bool createSession();
    Stream &streamFor(int32_t streamId);
    void dispatch(int32_t streamId);
    void submitResponse(int32_t streamId, Stream &stream, HttpResponse response);
    void flush();
    void scheduleFlush();
    void fail();

    RequestHandler &m_handler;
    std::function<void(const QByteArray &)> m_writeOut;
    nghttp2_session *m_session = nullptr;
    std::unordered_map<int32_t, std::unique_ptr<Stream>> m_streams;
    QHostAddress m_peerAddress;
    QHostAddress m_localAddress;
    quint16 m_peerPort = 0;
    quint16 m_localPort = 0;
    bool m_fatal = false;
    bool m_upgradeStreamPending = false;
    bool m_flushing = false;
    bool m_flushScheduled = false;
    bool m_closeSignalled = false;
};

} // namespace Stowaway

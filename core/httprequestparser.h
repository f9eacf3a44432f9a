// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"
#include "serveroptions.h"

#include <QByteArray>

#include <memory>

struct http_parser;

namespace Stowaway {

/**
 * Incremental HTTP/1.x request parser for one connection: wraps http_parser and checks
 * every request strictly before anyone acts on it (limits from ServerOptions, version,
 * origin-form target via RequestTarget, Host, no bodies, no Content-Length /
 * Transfer-Encoding games). Stops after each complete request so that the caller can
 * answer it before the next one is parsed (pipelining without buffering ahead).
 *
 * Not thread-safe; owned by one HttpConnection on its worker thread.
 */
class HttpRequestParser final
{
    Q_DISABLE_COPY_MOVE(HttpRequestParser)
public:
    enum class Result {
        NeedMore, ///< all bytes consumed, no complete request yet
        Request,  ///< request() is complete; call feed() again with the rest
        Error,    ///< errorStatus()/errorReason() say why; the connection must close
    };

    /// @p limits must outlive the parser.
    explicit HttpRequestParser(const ServerOptions &limits);
    ~HttpRequestParser();

    /// Parses from @p data; sets @p consumed to the bytes used. After Error, discard the rest.
    Result feed(const char *data, qsizetype size, qsizetype *consumed);

    /// The request being parsed or just completed. Peer and local address fields are the
    /// caller's to fill; the parser never touches them.
    HttpRequest &request() { return m_request; }
    const HttpRequest &request() const { return m_request; }
    /// True between the first byte of a request and its completion.
    bool inMessage() const { return m_inMessage; }
    /// For a complete request: whether the connection may stay open afterwards.
    bool keepAlive() const { return m_keepAlive; }
    /// For a complete request: 405 for a bodiless method other than GET/HEAD, else 0.
    int rejectStatus() const { return m_rejectStatus; }
    /// For a complete request: a valid h2c upgrade was asked for (see ProtocolUpgrader).
    bool upgradeRequested() const { return m_upgradeRequested; }
    int errorStatus() const { return m_errorStatus; }
    const QByteArray &errorReason() const { return m_errorReason; }
    /// "METHOD target" as far as parsed, for logs (target cut at 1 KiB); empty if none yet.
    QByteArray requestLineForLog() const;

private:
    static int onMessageBegin(http_parser *parser);
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onMessageComplete(http_parser *parser);
    int validateHead();
    int fail(int status, QByteArray reason);
    void restart();

    const ServerOptions &m_limits;
    std::unique_ptr<http_parser> m_parser;
    HttpRequest m_request;
    QByteArray m_errorReason;
    int m_errorStatus = 0;
    int m_rejectStatus = 0;
    int m_headBytes = 0;
    bool m_inMessage = false;
    bool m_messageDone = false;
    bool m_lastWasValue = false;
    bool m_keepAlive = true;
    bool m_upgradeRequested = false;
};

} // namespace Stowaway

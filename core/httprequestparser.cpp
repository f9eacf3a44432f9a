// SPDX-License-Identifier: GPL-3.0-or-later
#include "httprequestparser.h"

#include "requesttarget.h"

#include <http_parser.h>

namespace Stowaway {

namespace {

constexpr qsizetype kMaxLoggedTarget = 1024;

QByteArray methodName(unsigned method)
{
    switch (method) {
    case HTTP_GET:
        return QByteArrayLiteral("GET");
    case HTTP_HEAD:
        return QByteArrayLiteral("HEAD");
    default:
        return QByteArray(http_method_str(static_cast<http_method>(method)));
    }
}

bool hasControlCharacter(const QByteArray &value)
{
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return true;
    }
    return false;
}

// True when a comma-separated header value lists @p token (case-insensitive).
bool listsToken(QByteArrayView value, QByteArrayView token)
{
    qsizetype start = 0;
    while (start <= value.size()) {
        qsizetype end = value.indexOf(',', start);
        if (end < 0)
            end = value.size();
        if (value.sliced(start, end - start).trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
        start = end + 1;
    }
    return false;
}

} // namespace

HttpRequestParser::HttpRequestParser(const ServerOptions &limits)
    : m_limits(limits), m_parser(std::make_unique<http_parser>())
{
    restart();
}

HttpRequestParser::~HttpRequestParser() = default;

void HttpRequestParser::restart()
{
    http_parser_init(m_parser.get(), HTTP_REQUEST);
    m_parser->data = this;
}

HttpRequestParser::Result HttpRequestParser::feed(const char *data, qsizetype size,
                                                  qsizetype *consumed)
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_message_begin = &HttpRequestParser::onMessageBegin;
        s.on_url = &HttpRequestParser::onUrl;
        s.on_header_field = &HttpRequestParser::onHeaderField;
        s.on_header_value = &HttpRequestParser::onHeaderValue;
        s.on_headers_complete = &HttpRequestParser::onHeadersComplete;
        s.on_message_complete = &HttpRequestParser::onMessageComplete;
        return s;
    }();
    m_messageDone = false;
    const size_t used =
        http_parser_execute(m_parser.get(), &settings, data, static_cast<size_t>(size));
    *consumed = static_cast<qsizetype>(used);
    if (m_messageDone) {
        // on_message_complete paused the parser so the caller can answer first.
        http_parser_pause(m_parser.get(), 0);
        if (m_parser->upgrade)
            restart(); // http_parser stops for good after an Upgrade request
        return Result::Request;
    }
    const auto error = HTTP_PARSER_ERRNO(m_parser.get());
    if (error == HPE_OK)
        return Result::NeedMore;
    if (m_errorStatus == 0) {
        m_errorStatus = error == HPE_HEADER_OVERFLOW ? 431 : 400;
        m_errorReason = http_errno_description(error);
    }
    *consumed = size;
    return Result::Error;
}

QByteArray HttpRequestParser::requestLineForLog() const
{
    if (m_request.method.isEmpty())
        return {};
    QByteArray line = m_request.method + ' ' + m_request.target.left(kMaxLoggedTarget);
    if (m_request.target.size() > kMaxLoggedTarget)
        line += "...";
    return line;
}

int HttpRequestParser::fail(int status, QByteArray reason)
{
    m_errorStatus = status;
    m_errorReason = std::move(reason);
    return -1; // not 1: from on_headers_complete, 1 would mean "no body", not an error
}

int HttpRequestParser::onMessageBegin(http_parser *parser)
{
    auto *self = static_cast<HttpRequestParser *>(parser->data);
    HttpRequest &request = self->m_request;
    request.method.clear();
    request.target.clear();
    request.path.clear();
    request.query.clear();
    request.headers.clear();
    request.versionMajor = 1;
    request.versionMinor = 1;
    self->m_inMessage = true;
    self->m_lastWasValue = false;
    self->m_headBytes = 0;
    self->m_rejectStatus = 0;
    self->m_upgradeRequested = false;
    self->m_keepAlive = true;
    return 0;
}

int HttpRequestParser::onUrl(http_parser *parser, const char *at, size_t length)
{
    auto *self = static_cast<HttpRequestParser *>(parser->data);
    HttpRequest &request = self->m_request;
    if (request.method.isEmpty())
        request.method = methodName(parser->method);
    if (request.target.size() + qsizetype(length) > self->m_limits.maxTargetBytes)
        return self->fail(414, "the request-target is too long");
    request.target.append(at, qsizetype(length));
    return 0;
}

int HttpRequestParser::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    auto *self = static_cast<HttpRequestParser *>(parser->data);
    auto &headers = self->m_request.headers;
    self->m_headBytes += int(length);
    if (self->m_headBytes > self->m_limits.maxHeaderBytes)
        return self->fail(431, "the request headers are too large");
    if (self->m_lastWasValue || headers.isEmpty()) {
        if (headers.size() >= self->m_limits.maxHeaderCount)
            return self->fail(431, "too many request header fields");
        headers.append({QByteArray(at, qsizetype(length)), QByteArray()});
        self->m_lastWasValue = false;
    } else {
        headers.last().first.append(at, qsizetype(length));
    }
    return 0;
}

int HttpRequestParser::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    auto *self = static_cast<HttpRequestParser *>(parser->data);
    auto &headers = self->m_request.headers;
    self->m_headBytes += int(length);
    if (self->m_headBytes > self->m_limits.maxHeaderBytes)
        return self->fail(431, "the request headers are too large");
    if (headers.isEmpty())
        return self->fail(400, "header value without a name");
    headers.last().second.append(at, qsizetype(length));
    self->m_lastWasValue = true;
    return 0;
}

int HttpRequestParser::onHeadersComplete(http_parser *parser)
{
    return static_cast<HttpRequestParser *>(parser->data)->validateHead();
}

int HttpRequestParser::onMessageComplete(http_parser *parser)
{
    auto *self = static_cast<HttpRequestParser *>(parser->data);
    self->m_messageDone = true;
    self->m_inMessage = false;
    http_parser_pause(parser, 1); // answer this request before parsing the next one
    return 0;
}

int HttpRequestParser::validateHead()
{
    HttpRequest &request = m_request;
    request.versionMajor = m_parser->http_major;
    request.versionMinor = m_parser->http_minor;
    if (request.method.isEmpty())
        request.method = methodName(m_parser->method);
    if (request.versionMajor != 1 || request.versionMinor > 1)
        return fail(505, "only HTTP/1.0 and HTTP/1.1 are supported");

    int hostCount = 0, lengthCount = 0, encodingCount = 0, settingsCount = 0;
    QByteArrayView contentLength, upgrade, connection;
    for (auto &[name, value] : request.headers) {
        name = std::move(name).toLower();
        value = std::move(value).trimmed();
        if (hasControlCharacter(value) || hasControlCharacter(name))
            return fail(400, "a header contains a control character");
        if (name == "host") {
            ++hostCount;
        } else if (name == "content-length") {
            ++lengthCount;
            contentLength = value;
        } else if (name == "transfer-encoding") {
            ++encodingCount;
        } else if (name == "upgrade") {
            upgrade = value;
        } else if (name == "connection") {
            connection = value;
        } else if (name == "http2-settings") {
            ++settingsCount;
        }
    }

    QByteArray reason;
    if (!RequestTarget::parse(request.target, &request.path, &request.query, &reason))
        return fail(400, std::move(reason));
    if (encodingCount > 0 && lengthCount > 0)
        return fail(400, "both Content-Length and Transfer-Encoding were sent");
    if (lengthCount > 1)
        return fail(400, "several Content-Length headers were sent");
    const bool hasBody = encodingCount > 0 || (lengthCount == 1 && contentLength != "0");
    const bool getOrHead = m_parser->method == HTTP_GET || m_parser->method == HTTP_HEAD;
    if (!getOrHead) {
        if (hasBody)
            return fail(405, "only GET and HEAD are supported by this server");
        m_rejectStatus = 405;
    } else if (hasBody) {
        return fail(400, "a GET or HEAD request must not have a body");
    }
    if (hostCount > 1)
        return fail(400, "several Host headers were sent");
    if (hostCount == 0 && request.versionMinor == 1)
        return fail(400, "an HTTP/1.1 request needs a Host header");

    m_keepAlive = http_should_keep_alive(m_parser.get()) != 0;
    m_upgradeRequested = getOrHead && settingsCount == 1 && listsToken(upgrade, "h2c") &&
                         listsToken(connection, "upgrade") &&
                         listsToken(connection, "http2-settings");
    return 0;
}

} // namespace Stowaway

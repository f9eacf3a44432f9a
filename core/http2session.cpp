// SPDX-License-Identifier: GPL-3.0-or-later
#include "http2session.h"

#include <QDateTime>
#include <QLocale>
#include <QLoggingCategory>

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <optional>
#include <utility>

namespace {
Q_LOGGING_CATEGORY(lcHttp2, "stowaway.server.http2")

constexpr uint32_t MaxConcurrentStreams = 128;
constexpr int32_t InitialWindowSize = 1 << 20;
constexpr int32_t ConnectionWindowSize = 1 << 20;
/// Above this a request is answered 431 (advertised as SETTINGS_MAX_HEADER_LIST_SIZE).
constexpr qsizetype MaxHeaderListSize = 16 * 1024;
/// Above this the stream is reset at once instead of collecting more headers.
constexpr qsizetype HardHeaderListSize = 64 * 1024;
/// Bytes produced per flush before giving the event loop (and the socket) a turn.
constexpr qsizetype FlushBudget = 1024 * 1024;

QByteArrayView view(const uint8_t *data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

std::optional<QByteArray> decodeSettings(const QByteArray &headerValue)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        headerValue.trimmed(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() % 6 != 0) // 6 bytes per SETTINGS entry
        return std::nullopt;
    return decoded.decoded;
}

/// Whether any header `name` lists `token` in its comma-separated value.
bool hasToken(const Stowaway::HttpRequest &r, QByteArrayView name, QByteArrayView token)
{
    for (const auto &[key, value] : r.headers) {
        if (name.compare(key, Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &item : value.split(',')) {
            if (token.compare(item.trimmed(), Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

bool isConnectionSpecific(QByteArrayView name)
{
    return name == "connection" || name == "keep-alive" || name == "transfer-encoding" ||
           name == "upgrade" || name == "proxy-connection" || name == "te" ||
           name == "http2-settings";
}

QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'")
        .toLatin1();
}

void setTarget(Stowaway::HttpRequest &r, const QByteArray &target)
{
    r.target = target;
    const qsizetype q = target.indexOf('?');
    r.query = q < 0 ? QByteArray() : target.sliced(q + 1);
    r.path = QString::fromUtf8(QByteArray::fromPercentEncoding(q < 0 ? target : target.first(q)));
}
} // namespace

namespace Stowaway {

struct Http2Session::Stream
{
    HttpRequest request;
    QByteArray body; ///< response body being sent
    qsizetype offset = 0;
    qsizetype headerBytes = 0;
    bool hasAuthority = false;
    bool receivedBody = false;
    bool headersTooLarge = false;
    bool responded = false;
};

/// The nghttp2 callbacks; user_data is the Http2Session.
struct Http2Session::Callbacks
{
    static Http2Session *self(void *userData) { return static_cast<Http2Session *>(userData); }

    static Stream *find(Http2Session *s, int32_t streamId)
    {
        const auto it = s->m_streams.find(streamId);
        return it == s->m_streams.end() ? nullptr : it->second.get();
    }

    static int onBeginHeaders(nghttp2_session *, const nghttp2_frame *frame, void *userData)
    {
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST)
            self(userData)->streamFor(frame->hd.stream_id);
        return 0;
    }

    static int onHeader(nghttp2_session *, const nghttp2_frame *frame, const uint8_t *namePtr,
                        size_t nameLen, const uint8_t *valuePtr, size_t valueLen, uint8_t,
                        void *userData)
    {
        if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST)
            return 0; // trailers are ignored
        Stream *stream = find(self(userData), frame->hd.stream_id);
        if (!stream)
            return 0;
        stream->headerBytes += qsizetype(nameLen + valueLen) + 32; // RFC 9113 §6.5.2
        if (stream->headerBytes > HardHeaderListSize)
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE; // RST_STREAM, no more headers
        if (stream->headerBytes > MaxHeaderListSize) {
            stream->headersTooLarge = true;
            return 0;
        }
        const QByteArrayView name = view(namePtr, nameLen);
        const QByteArray value = view(valuePtr, valueLen).toByteArray().trimmed();
        HttpRequest &r = stream->request;
        if (name == ":method") {
            r.method = value;
        } else if (name == ":path") {
            setTarget(r, value);
        } else if (name == ":authority") {
            r.headers.append({QByteArrayLiteral("host"), value});
            stream->hasAuthority = true;
        } else if (name.startsWith(':')) {
            // :scheme (always http here) and :protocol carry nothing the handler uses.
        } else if (name != "host" || !stream->hasAuthority) {
            r.headers.append({name.toByteArray(), value});
        }
        return 0;
    }

    static int onDataChunk(nghttp2_session *, uint8_t, int32_t streamId, const uint8_t *, size_t,
                           void *userData)
    {
        // Request bodies are never used: note that one came and drop the bytes.
        if (Stream *stream = find(self(userData), streamId))
            stream->receivedBody = true;
        return 0;
    }

    static int onFrameRecv(nghttp2_session *, const nghttp2_frame *frame, void *userData)
    {
        const bool endStream = (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0;
        if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) && endStream)
            self(userData)->dispatch(frame->hd.stream_id);
        return 0;
    }

    static int onFrameSend(nghttp2_session *, const nghttp2_frame *frame, void *userData)
    {
        if (frame->hd.type == NGHTTP2_GOAWAY && frame->goaway.error_code != NGHTTP2_NO_ERROR) {
            qCInfo(lcHttp2) << "closing HTTP/2 connection with error code"
                            << frame->goaway.error_code;
            self(userData)->m_fatal = true;
        }
        return 0;
    }

    static int onStreamClose(nghttp2_session *, int32_t streamId, uint32_t, void *userData)
    {
        self(userData)->m_streams.erase(streamId);
        return 0;
    }

    static int onError(nghttp2_session *, int, const char *msg, size_t len, void *)
    {
        qCDebug(lcHttp2) << "nghttp2:" << QLatin1StringView(msg, qsizetype(len));
        return 0;
    }

    static ssize_t readBody(nghttp2_session *, int32_t, uint8_t *buf, size_t length,
                            uint32_t *dataFlags, nghttp2_data_source *source, void *)
    {
        auto *stream = static_cast<Stream *>(source->ptr);
        const qsizetype n = std::min(stream->body.size() - stream->offset, qsizetype(length));
        std::memcpy(buf, stream->body.constData() + stream->offset, size_t(n));
        stream->offset += n;
        if (stream->offset >= stream->body.size()) {
            *dataFlags |= NGHTTP2_DATA_FLAG_EOF;
            stream->body.clear();
        }
        return n;
    }
};

Http2Session::Http2Session(RequestHandler &handler,
                           std::function<void(const QByteArray &)> writeOut, QObject *parent)
    : QObject(parent), m_handler(handler), m_writeOut(std::move(writeOut))
{}

Http2Session::~Http2Session()
{
    nghttp2_session_del(m_session);
}

bool Http2Session::isUpgradeRequest(const HttpRequest &r)
{
    if (r.method != "GET" && r.method != "HEAD")
        return false;
    if (r.versionMajor != 1 || r.versionMinor != 1)
        return false;
    const QByteArray contentLength = r.header("content-length");
    if ((!contentLength.isNull() && contentLength.trimmed() != "0") ||
        r.headerCount("transfer-encoding") > 0)
        return false;
    if (r.headerCount("http2-settings") != 1 || !hasToken(r, "upgrade", "h2c") ||
        !hasToken(r, "connection", "upgrade") || !hasToken(r, "connection", "http2-settings"))
        return false;
    return decodeSettings(r.header("http2-settings")).has_value();
}

QByteArray Http2Session::switchingProtocolsResponse()
{
    return QByteArrayLiteral(
        "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n");
}

Http2Session::PrefaceMatch Http2Session::matchClientPreface(QByteArrayView firstBytes)
{
    const qsizetype n = std::min(firstBytes.size(), ClientPreface.size());
    if (firstBytes.first(n) != ClientPreface.first(n))
        return PrefaceMatch::No;
    return n < ClientPreface.size() ? PrefaceMatch::NeedMoreBytes : PrefaceMatch::Yes;
}

void Http2Session::setEndpoints(const QHostAddress &peerAddress, quint16 peerPort,
                                const QHostAddress &localAddress, quint16 localPort)
{
    m_peerAddress = peerAddress;
    m_peerPort = peerPort;
    m_localAddress = localAddress;
    m_localPort = localPort;
}

bool Http2Session::createSession()
{
    if (m_session)
        return false;
    nghttp2_session_callbacks *callbacks = nullptr;
    if (nghttp2_session_callbacks_new(&callbacks) != 0)
        return false;
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &Callbacks::onBeginHeaders);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &Callbacks::onHeader);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Callbacks::onDataChunk);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &Callbacks::onFrameRecv);
    nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, &Callbacks::onFrameSend);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Callbacks::onStreamClose);
    nghttp2_session_callbacks_set_error_callback2(callbacks, &Callbacks::onError);
    const int rv = nghttp2_session_server_new(&m_session, callbacks, this);
    nghttp2_session_callbacks_del(callbacks);
    if (rv != 0) {
        m_session = nullptr;
        return false;
    }
    const nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, MaxConcurrentStreams},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, uint32_t(InitialWindowSize)},
        {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, uint32_t(MaxHeaderListSize)},
    };
    if (nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, std::size(settings)) != 0)
        return false;
    return nghttp2_session_set_local_window_size(m_session, NGHTTP2_FLAG_NONE, 0,
                                                 ConnectionWindowSize) == 0;
}

bool Http2Session::startFromUpgrade(const HttpRequest &upgradeRequest,
                                    const QByteArray &http2SettingsHeaderValue)
{
    const std::optional<QByteArray> payload = decodeSettings(http2SettingsHeaderValue);
    if (!payload || !createSession())
        return false;
    m_peerAddress = upgradeRequest.peerAddress;
    m_peerPort = upgradeRequest.peerPort;
    m_localAddress = upgradeRequest.localAddress;
    m_localPort = upgradeRequest.localPort;
    const int rv =
        nghttp2_session_upgrade2(m_session, reinterpret_cast<const uint8_t *>(payload->constData()),
                                 size_t(payload->size()), upgradeRequest.isHead() ? 1 : 0, nullptr);
    if (rv != 0) {
        qCInfo(lcHttp2) << "h2c upgrade refused:" << nghttp2_strerror(rv);
        return false;
    }
    Stream &stream = streamFor(1);
    stream.request = upgradeRequest;
    stream.request.versionMajor = 2;
    stream.request.versionMinor = 0;
    stream.request.headers.removeIf(
        [](const auto &field) { return isConnectionSpecific(field.first.toLower()); });
    // Stream 1 is answered once the client's preface arrives: libcurl 7.x fails the transfer
    // when more than 32 KiB follow the 101 response before it has switched protocols.
    m_upgradeStreamPending = true;
    flush();
    return true;
}

bool Http2Session::startWithPriorKnowledge()
{
    if (!createSession())
        return false;
    flush();
    return true;
}

bool Http2Session::receive(const QByteArray &bytes)
{
    if (!m_session || m_fatal)
        return false;
    const ssize_t rv = nghttp2_session_mem_recv(
        m_session, reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    if (rv < 0) {
        qCInfo(lcHttp2) << "HTTP/2 connection failed:" << nghttp2_strerror(int(rv));
        fail();
        return false;
    }
    if (std::exchange(m_upgradeStreamPending, false))
        dispatch(1);
    flush();
    return !m_fatal;
}

bool Http2Session::wantsClose() const
{
    if (m_fatal)
        return true;
    if (!m_session)
        return false;
    return !nghttp2_session_want_read(m_session) && !nghttp2_session_want_write(m_session);
}

void Http2Session::resumeSending()
{
    if (m_session && !m_fatal)
        flush();
}

void Http2Session::shutdown()
{
    if (!m_session || m_fatal)
        return;
    nghttp2_submit_goaway(m_session, NGHTTP2_FLAG_NONE,
                          nghttp2_session_get_last_proc_stream_id(m_session), NGHTTP2_NO_ERROR,
                          nullptr, 0);
    flush();
}

Http2Session::Stream &Http2Session::streamFor(int32_t streamId)
{
    std::unique_ptr<Stream> &slot = m_streams[streamId];
    if (!slot) {
        slot = std::make_unique<Stream>();
        slot->request.versionMajor = 2;
        slot->request.versionMinor = 0;
        slot->request.peerAddress = m_peerAddress;
        slot->request.peerPort = m_peerPort;
        slot->request.localAddress = m_localAddress;
        slot->request.localPort = m_localPort;
    }
    return *slot;
}

void Http2Session::dispatch(int32_t streamId)
{
    const auto it = m_streams.find(streamId);
    if (it == m_streams.end() || it->second->responded)
        return;
    Stream &stream = *it->second;
    stream.responded = true;
    const HttpRequest &r = stream.request;
    HttpResponse response;
    if (stream.headersTooLarge) {
        response = HttpResponse::error(431, "The request headers are larger than 16 KB. "
                                            "Send fewer or shorter headers.");
    } else if (r.method.isEmpty() || r.target.isEmpty()) {
        response = HttpResponse::error(400, "The request lacks :method or :path.");
    } else if (stream.receivedBody && (r.method == "GET" || r.method == "HEAD")) {
        response = HttpResponse::error(400, "A GET or HEAD request must not carry a body.");
    } else {
        try {
            response = m_handler.handle(r);
        } catch (const std::exception &e) {
            qCWarning(lcHttp2) << "request handler failed:" << e.what();
            response = HttpResponse::error(500, "The server failed to answer this request.");
        }
    }
    submitResponse(streamId, stream, std::move(response));
}

void Http2Session::submitResponse(int32_t streamId, Stream &stream, HttpResponse response)
{
    if (response.status < 200 || response.status > 599)
        response = HttpResponse::error(500, "The server produced an invalid status code.");
    const bool head = stream.request.isHead();
    const bool bodiless = response.status == 204 || response.status == 304;
    QByteArray contentLength = QByteArray::number(response.body.size());
    if (head && response.body.isEmpty() && !response.header("content-length").isEmpty())
        contentLength = response.header("content-length");

    QList<std::pair<QByteArray, QByteArray>> fields;
    fields.reserve(response.headers.size() + 4);
    fields.append({QByteArrayLiteral(":status"), QByteArray::number(response.status)});
    for (const auto &[name, value] : response.headers) {
        const QByteArray lower = name.toLower();
        if (isConnectionSpecific(lower) || lower == "content-length" || lower == "date" ||
            lower == "server" || lower.isEmpty() || lower.startsWith(':') || value.contains('\r') ||
            value.contains('\n') || value.contains('\0'))
            continue;
        fields.append({lower, value});
    }
    if (!bodiless)
        fields.append({QByteArrayLiteral("content-length"), contentLength});
    fields.append({QByteArrayLiteral("date"), httpDate()});
    fields.append({QByteArrayLiteral("server"), QByteArrayLiteral("stowaway/" STOWAWAY_VERSION)});

    std::vector<nghttp2_nv> nva;
    nva.reserve(size_t(fields.size()));
    for (const auto &[name, value] : fields) {
        nva.push_back({reinterpret_cast<uint8_t *>(const_cast<char *>(name.constData())),
                       reinterpret_cast<uint8_t *>(const_cast<char *>(value.constData())),
                       size_t(name.size()), size_t(value.size()), NGHTTP2_NV_FLAG_NONE});
    }

    nghttp2_data_provider provider{};
    const bool withBody = !head && !bodiless && !response.body.isEmpty();
    if (withBody) {
        stream.body = std::move(response.body);
        stream.offset = 0;
        provider.source.ptr = &stream;
        provider.read_callback = &Callbacks::readBody;
    }
    const int rv = nghttp2_submit_response(m_session, streamId, nva.data(), nva.size(),
                                           withBody ? &provider : nullptr);
    if (rv != 0) {
        qCWarning(lcHttp2) << "could not submit a response on stream" << streamId << ":"
                           << nghttp2_strerror(rv);
        nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, streamId, NGHTTP2_INTERNAL_ERROR);
    }
    if (response.closeConnection)
        nghttp2_submit_goaway(m_session, NGHTTP2_FLAG_NONE,
                              nghttp2_session_get_last_proc_stream_id(m_session), NGHTTP2_NO_ERROR,
                              nullptr, 0);
}

void Http2Session::flush()
{
    if (!m_session || m_flushing)
        return;
    m_flushing = true;
    QByteArray out;
    while (out.size() < FlushBudget) {
        const uint8_t *data = nullptr;
        const ssize_t n = nghttp2_session_mem_send(m_session, &data);
        if (n < 0) {
            qCWarning(lcHttp2) << "HTTP/2 send failed:" << nghttp2_strerror(int(n));
            m_fatal = true;
            break;
        }
        if (n == 0)
            break;
        out.append(view(data, size_t(n)));
    }
    if (!out.isEmpty())
        m_writeOut(out);
    m_flushing = false;
    if (!m_fatal && out.size() >= FlushBudget && nghttp2_session_want_write(m_session))
        scheduleFlush();
    if (!m_closeSignalled && wantsClose()) {
        m_closeSignalled = true;
        Q_EMIT closeRequested();
    }
}

void Http2Session::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_flushScheduled = false;
            resumeSending();
        },
        Qt::QueuedConnection);
}

void Http2Session::fail()
{
    // nghttp2 returned a fatal error: the session must not be used any more.
    m_fatal = true;
    if (!m_closeSignalled) {
        m_closeSignalled = true;
        Q_EMIT closeRequested();
    }
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpconnection.h"

#include "accesslog.h"
#include "protocolsession.h"
#include "protocolupgrader.h"
#include "requesthandler.h"
#include "serverlog.h"
#include "serverworker.h"

#include <QTcpSocket>

#include <exception>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace Stowaway {

namespace {

constexpr QByteArrayView kPreface("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
constexpr qsizetype kInlineBodyMax = 32 * 1024; // smaller bodies go out with the head
constexpr qint64 kLingerMs = 2000;              // how long to drain a closing client
constexpr qint64 kMaxDiscardBytes = 1024 * 1024;

bool hasLineBreak(const QByteArray &value)
{
    return value.contains('\r') || value.contains('\n');
}

} // namespace

HttpConnection::HttpConnection(ServerWorker &worker, std::atomic<int> &counter, QObject *parent)
    : QObject(parent), m_worker(worker), m_counter(counter), m_parser(worker.options())
{}

HttpConnection::~HttpConnection()
{
    m_session.reset();
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
    m_counter.fetch_sub(1, std::memory_order_relaxed);
}

void HttpConnection::start(qintptr descriptor, bool refuseConnection)
{
    m_socket = new QTcpSocket(this);
    // Unbuffered: we read straight from the kernel into the worker's scratch buffer, so
    // unread requests stay in the kernel (TCP flow control is our read backpressure).
    if (!m_socket->setSocketDescriptor(descriptor, QAbstractSocket::ConnectedState,
                                       QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        qCWarning(lcServer) << "cannot adopt an accepted socket:" << m_socket->errorString();
        m_state = State::Done;
        Q_EMIT finished();
        return;
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    HttpRequest &request = m_parser.request();
    request.peerAddress = m_socket->peerAddress();
    request.peerPort = m_socket->peerPort();
    request.localAddress = m_socket->localAddress();
    request.localPort = m_socket->localPort();
    m_peerText = request.peerAddress.toString().toLatin1();
    m_phaseSince = m_lastWriteProgress = ServerWorker::nowMs();

    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::processInput);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });

    if (refuseConnection) {
        refuse(503, "too many connections; try again later");
        m_socket->flush();
        maybeShutdown();
    }
}

// ---- reading -----------------------------------------------------------------------------

void HttpConnection::processInput()
{
    if (m_processing || m_state == State::Done)
        return;
    m_processing = true;
    m_resumeScheduled = false;
    m_readBlocked = false;
    const ServerOptions &options = m_worker.options();
    char *const scratch = m_worker.scratch();
    const qint64 scratchSize = m_worker.scratchSize();

    if (m_state == State::Closing) {
        // Lingering close: read and drop what the client still sends, so that closing
        // does not reset the connection before it has read our last response.
        for (;;) {
            const qint64 n = readSocket(scratch, scratchSize);
            if (n <= 0)
                break;
            m_discarded += n;
            if (m_discarded > kMaxDiscardBytes) {
                m_processing = false;
                abortNow();
                return;
            }
        }
    } else if (m_phase == Phase::Http2) {
        const QByteArray bytes = readAvailable();
        if (!bytes.isEmpty()) {
            m_phaseSince = ServerWorker::nowMs();
            if (!m_session->receive(bytes) || m_session->wantsClose())
                closeAfterWrite();
        }
    } else if (!m_checkPreface || checkPreface()) {
        int handled = 0;
        if (!m_pending.isEmpty()) {
            const QByteArray pending = std::move(m_pending);
            m_pending.clear();
            const qsizetype used = feed(pending.constData(), pending.size(), handled);
            if (used < pending.size() && m_state == State::Open)
                m_pending = pending.sliced(used);
        }
        while (m_state == State::Open && m_phase != Phase::Http2 && m_pending.isEmpty() &&
               handled < options.maxPipelinedRequests) {
            if (m_socket->bytesToWrite() > 0) {
                // Read on only once earlier answers are out: backpressure, and a client
                // that closes after its last request still gets every answer.
                m_readBlocked = true;
                break;
            }
            const qint64 n = readSocket(scratch, scratchSize);
            if (n <= 0)
                break;
            const qsizetype used = feed(scratch, n, handled);
            if (used < n && m_state == State::Open)
                m_pending = QByteArray(scratch + used, n - used);
            if (n < scratchSize)
                break; // drained; readyRead() tells us about more
        }
        if (m_phase == Phase::Http2 && m_state == State::Open) {
            // Bytes that followed the upgrade request belong to HTTP/2.
            QByteArray rest = std::exchange(m_pending, {});
            rest += readAvailable();
            if (!rest.isEmpty() && (!m_session->receive(rest) || m_session->wantsClose()))
                closeAfterWrite();
        }
    }

    if (m_state != State::Done && m_socket->bytesToWrite() > 0)
        m_socket->flush();
    m_processing = false;

    if (m_peerGone) {
        onDisconnected();
    } else if (m_state == State::Closing) {
        maybeShutdown();
    } else if (m_state == State::Open && m_phase != Phase::Http2 && !m_resumeScheduled &&
               !m_pending.isEmpty() && m_socket->bytesToWrite() <= options.writeHighWater) {
        // Requests are waiting but we yielded to other connections: continue from the
        // event loop.
        m_resumeScheduled = true;
        QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
    }
}

qint64 HttpConnection::readSocket(char *buffer, qint64 size)
{
    if (m_peerGone)
        return -1;
    // The socket is unbuffered: this reads from the kernel. 0 means "nothing now", and
    // a negative result means the client closed (Qt has then dropped the descriptor).
    const qint64 n = m_socket->read(buffer, size);
    if (n < 0)
        m_peerGone = true;
    return n;
}

QByteArray HttpConnection::readAvailable()
{
    QByteArray bytes;
    for (int i = 0; i < 16; ++i) { // at most 1 MiB per turn; readyRead() brings us back
        const qint64 n = readSocket(m_worker.scratch(), m_worker.scratchSize());
        if (n <= 0)
            break;
        bytes.append(m_worker.scratch(), n);
        if (n < m_worker.scratchSize())
            break;
    }
    return bytes;
}

// Returns true when the bytes are HTTP/1 and parsing may go on; false while we still
// wait for enough bytes to tell, or after the connection switched to HTTP/2.
bool HttpConnection::checkPreface()
{
    if (!m_worker.upgrader()) {
        m_checkPreface = false;
        return true;
    }
    char head[kPreface.size()];
    const qint64 n = readSocket(head, kPreface.size() - m_pending.size());
    if (n > 0)
        m_pending.append(head, n);
    if (!kPreface.startsWith(m_pending)) {
        m_checkPreface = false;
        return true;
    }
    if (m_pending.size() < kPreface.size())
        return false;
    m_checkPreface = false;
    startHttp2(std::exchange(m_pending, {}) + readAvailable());
    return false;
}

qsizetype HttpConnection::feed(const char *data, qsizetype size, int &handled)
{
    const ServerOptions &options = m_worker.options();
    m_checkPreface = false;
    qsizetype offset = 0;
    while (offset < size && m_state == State::Open) {
        qsizetype used = 0;
        const HttpRequestParser::Result result = m_parser.feed(data + offset, size - offset, &used);
        offset += used;
        if (result == HttpRequestParser::Result::Error) {
            refuse(m_parser.errorStatus(), m_parser.errorReason());
            return size;
        }
        if (result == HttpRequestParser::Result::NeedMore) {
            if (m_parser.inMessage() && m_phase != Phase::Head) {
                // The header timeout runs from the first byte of a request head.
                m_phase = Phase::Head;
                m_phaseSince = ServerWorker::nowMs();
            }
            break;
        }
        handleMessage();
        ++handled;
        if (m_phase == Phase::Http2 || m_state != State::Open ||
            handled >= options.maxPipelinedRequests ||
            m_socket->bytesToWrite() > options.writeHighWater)
            break;
    }
    return offset;
}

// ---- answering ---------------------------------------------------------------------------

void HttpConnection::handleMessage()
{
    ++m_served;
    m_phase = Phase::Idle;
    m_phaseSince = ServerWorker::nowMs();
    if (m_parser.rejectStatus() != 0) {
        HttpResponse response = HttpResponse::error(
            m_parser.rejectStatus(), "only GET and HEAD are supported by this server");
        response.setHeader("allow", "GET, HEAD");
        const bool keepAlive = m_parser.keepAlive();
        sendResponse(response, m_parser.request().isHead(), keepAlive);
        if (AccessLog *log = m_worker.accessLog())
            log->logRequest(m_peerText, m_parser.request(), response.status, 0);
        if (!keepAlive)
            closeAfterWrite();
        return;
    }
    if (m_parser.upgradeRequested() && m_worker.upgrader() && tryUpgrade())
        return;
    dispatch();
}

void HttpConnection::dispatch()
{
    HttpResponse response;
    try {
        response = m_worker.handler().handle(m_parser.request());
    } catch (const std::exception &e) {
        qCCritical(lcServer) << "request handler failed:" << e.what();
        response = HttpResponse::error(500, "internal error; see the server log");
    }
    const bool keepAlive = m_parser.keepAlive() && !response.closeConnection;
    const bool head = m_parser.request().isHead();
    sendResponse(response, head, keepAlive);
    if (AccessLog *log = m_worker.accessLog())
        log->logRequest(m_peerText, m_parser.request(), response.status,
                        head ? 0 : response.body.size());
    if (!keepAlive)
        closeAfterWrite();
}

void HttpConnection::sendResponse(const HttpResponse &response, bool head, bool keepAlive)
{
    const int status = response.status;
    const bool bodyAllowed = status >= 200 && status != 204 && status != 304;
    const bool sendBody = bodyAllowed && !head && !response.body.isEmpty();
    const bool inlineBody = sendBody && response.body.size() <= kInlineBodyMax;

    QByteArray out;
    out.reserve(384 + (inlineBody ? response.body.size() : 0));
    out += m_worker.statusLine(status);
    for (const auto &[name, value] : response.headers) {
        if (name == "content-length" || name == "date" || name == "connection" ||
            name == "server" || name == "transfer-encoding")
            continue; // ours to set
        if (hasLineBreak(name) || hasLineBreak(value)) {
            qCWarning(lcServer) << "dropped a response header with a line break:" << name;
            continue;
        }
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    out += m_worker.commonHeaders();
    if (bodyAllowed) {
        out += "content-length: ";
        out += QByteArray::number(response.body.size());
        out += "\r\n";
    }
    if (!keepAlive)
        out += "connection: close\r\n";
    else if (m_parser.request().versionMinor == 0)
        out += "connection: keep-alive\r\n";
    out += "\r\n";

    if (m_socket->bytesToWrite() == 0)
        m_lastWriteProgress = ServerWorker::nowMs();
    if (inlineBody) {
        out += response.body;
        m_socket->write(out);
    } else {
        m_socket->write(out);
        if (sendBody)
            m_socket->write(response.body); // shared, not copied
    }
}

void HttpConnection::refuse(int status, QByteArrayView reason)
{
    const QByteArray line = m_parser.requestLineForLog();
    qCWarning(lcServer).noquote() << "refused" << QString::fromLatin1(m_peerText) << status
                                  << QString::fromLatin1(reason);
    if (AccessLog *log = m_worker.accessLog())
        log->logRefusal(m_peerText, line, status, reason);
    HttpResponse response = HttpResponse::error(status, reason.toByteArray());
    if (status == 405)
        response.setHeader("allow", "GET, HEAD");
    m_phase = Phase::Idle;
    sendResponse(response, false, false);
    closeAfterWrite();
}

// ---- closing -----------------------------------------------------------------------------

void HttpConnection::closeAfterWrite()
{
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    m_phaseSince = ServerWorker::nowMs();
    m_pending.clear();
    if (!m_processing) {
        m_socket->flush();
        maybeShutdown();
    }
}

void HttpConnection::maybeShutdown()
{
    if (m_state != State::Closing || m_shutdownSent || m_socket->bytesToWrite() > 0)
        return;
    m_shutdownSent = true;
    m_phaseSince = ServerWorker::nowMs();
#ifdef Q_OS_WIN
    ::shutdown(static_cast<SOCKET>(m_socket->socketDescriptor()), SD_SEND);
#else
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
#endif
    // The client sees our last response and then end-of-stream, and closes. Whatever it
    // still sends is dropped (see processInput()), and its close ends this connection.
    processInput();
}

void HttpConnection::onBytesWritten()
{
    m_lastWriteProgress = ServerWorker::nowMs();
    if (m_state == State::Closing) {
        maybeShutdown();
        return;
    }
    if (m_state != State::Open || m_phase == Phase::Http2)
        return;
    const qint64 pendingOut = m_socket->bytesToWrite();
    if ((m_readBlocked && pendingOut == 0) ||
        (!m_pending.isEmpty() && pendingOut <= m_worker.options().writeHighWater))
        processInput();
}

void HttpConnection::onDisconnected()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    Q_EMIT finished();
}

void HttpConnection::abortNow()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_socket->abort();
    Q_EMIT finished();
}

void HttpConnection::checkTimeouts(qint64 now)
{
    if (m_state == State::Done)
        return;
    const ServerOptions &options = m_worker.options();
    const qint64 pendingOut = m_socket->bytesToWrite();
    if (pendingOut > 0 && now - m_lastWriteProgress > options.writeTimeout.count()) {
        qCInfo(lcServer).noquote() << "dropping" << QString::fromLatin1(m_peerText)
                                   << "which stopped reading its responses";
        abortNow();
        return;
    }
    if (m_state == State::Closing) {
        if (m_shutdownSent && now - m_phaseSince > kLingerMs)
            abortNow();
        return;
    }
    switch (m_phase) {
    case Phase::Head:
        if (now - m_phaseSince > options.headerTimeout.count()) {
            refuse(408, "the request head did not arrive in time");
            m_socket->flush();
            maybeShutdown();
        }
        break;
    case Phase::Idle:
    case Phase::Http2: {
        // A client that connected but never sent a request gets only the header timeout.
        const qint64 limit = m_served == 0 && m_phase == Phase::Idle
                                 ? std::min(options.idleTimeout, options.headerTimeout).count()
                                 : options.idleTimeout.count();
        if (pendingOut == 0 && m_pending.isEmpty() && !m_readBlocked &&
            now - std::max(m_phaseSince, m_lastWriteProgress) > limit) {
            // Idle keep-alive: close quietly.
            m_state = State::Closing;
            maybeShutdown();
        }
        break;
    }
    }
}

// ---- h2c seam ----------------------------------------------------------------------------

bool HttpConnection::tryUpgrade()
{
    const HttpRequest &request = m_parser.request();
    const QByteArray settings = request.header("http2-settings");
    m_holdHttp2Output = true;
    std::unique_ptr<ProtocolSession> session = m_worker.upgrader()->startHttp2(
        m_worker.handler(), &request, settings,
        [this](const QByteArray &bytes) {
            if (m_holdHttp2Output)
                m_heldHttp2Output += bytes;
            else if (m_state != State::Done)
                m_socket->write(bytes);
        },
        [this] {
            QMetaObject::invokeMethod(
                this, [this] { closeAfterWrite(); }, Qt::QueuedConnection);
        });
    m_holdHttp2Output = false;
    if (!session) {
        m_heldHttp2Output.clear();
        return false;
    }
    m_session = std::move(session);
    m_phase = Phase::Http2;
    m_socket->write(
        "HTTP/1.1 101 Switching Protocols\r\nconnection: Upgrade\r\nupgrade: h2c\r\n\r\n");
    if (!m_heldHttp2Output.isEmpty())
        m_socket->write(std::exchange(m_heldHttp2Output, {}));
    if (AccessLog *log = m_worker.accessLog())
        log->logRequest(m_peerText, request, 101, 0);
    return true;
}

void HttpConnection::startHttp2(const QByteArray &initialBytes)
{
    std::unique_ptr<ProtocolSession> session = m_worker.upgrader()->startHttp2(
        m_worker.handler(), nullptr, QByteArray(),
        [this](const QByteArray &bytes) {
            if (m_state != State::Done)
                m_socket->write(bytes);
        },
        [this] {
            QMetaObject::invokeMethod(
                this, [this] { closeAfterWrite(); }, Qt::QueuedConnection);
        });
    if (!session) {
        closeAfterWrite();
        return;
    }
    m_session = std::move(session);
    m_phase = Phase::Http2;
    m_phaseSince = ServerWorker::nowMs();
    if (!m_session->receive(initialBytes) || m_session->wantsClose())
        closeAfterWrite();
}

} // namespace Stowaway

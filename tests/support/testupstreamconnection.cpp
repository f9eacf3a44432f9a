// SPDX-License-Identifier: GPL-3.0-or-later
#include "testupstreamconnection.h"

#include "testupstream.h"

#include "httpresponse.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace Stowaway::Testing {

namespace {

TestUpstreamConnection *self(http_parser *parser)
{
    return static_cast<TestUpstreamConnection *>(parser->data);
}

} // namespace

TestUpstreamConnection::TestUpstreamConnection(QTcpSocket *socket, TestUpstream *upstream)
    : QObject(socket), m_socket(socket), m_upstream(upstream)
{
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    http_parser_settings_init(&m_settings);
    m_settings.on_url = &TestUpstreamConnection::onUrl;
    m_settings.on_header_field = &TestUpstreamConnection::onHeaderField;
    m_settings.on_header_value = &TestUpstreamConnection::onHeaderValue;
    m_settings.on_message_complete = &TestUpstreamConnection::onMessageComplete;
    connect(socket, &QTcpSocket::readyRead, this, &TestUpstreamConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    m_upstream->connectionOpened();
}

TestUpstreamConnection::~TestUpstreamConnection()
{
    m_upstream->connectionClosed();
}

int TestUpstreamConnection::onUrl(http_parser *parser, const char *at, size_t length)
{
    self(parser)->m_current.target.append(at, qsizetype(length));
    return 0;
}

int TestUpstreamConnection::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    TestUpstreamConnection *c = self(parser);
    if (c->m_lastWasValue || c->m_current.headers.isEmpty())
        c->m_current.headers.emplace_back();
    c->m_current.headers.last().first.append(at, qsizetype(length));
    c->m_lastWasValue = false;
    return 0;
}

int TestUpstreamConnection::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    TestUpstreamConnection *c = self(parser);
    c->m_current.headers.last().second.append(at, qsizetype(length));
    c->m_lastWasValue = true;
    return 0;
}

int TestUpstreamConnection::onMessageComplete(http_parser *parser)
{
    TestUpstreamConnection *c = self(parser);
    UpstreamRequest request = std::move(c->m_current);
    c->m_current = {};
    c->m_lastWasValue = false;
    request.method = http_method_str(http_method(parser->method));
    const qsizetype question = request.target.indexOf('?');
    request.path = question < 0 ? request.target : request.target.left(question);
    c->m_pending.append({request, http_should_keep_alive(parser) != 0});
    return 0;
}

void TestUpstreamConnection::onReadyRead()
{
    const QByteArray data = m_socket->readAll();
    if (m_silent)
        return;
    const size_t used =
        http_parser_execute(&m_parser, &m_settings, data.constData(), size_t(data.size()));
    if (m_parser.http_errno != HPE_OK || used != size_t(data.size())) {
        m_silent = true;
        m_socket->disconnectFromHost();
        return;
    }
    while (!m_pending.isEmpty() && !m_silent) {
        const auto [request, keepAlive] = m_pending.takeFirst();
        answer(request, keepAlive);
    }
}

void TestUpstreamConnection::answer(const UpstreamRequest &request, bool keepAlive)
{
    const UpstreamResponse response = m_upstream->respond(request);
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                      HttpResponse::reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    if (response.status != 304)
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (!keepAlive)
        head += "Connection: close\r\n";
    head += "\r\n";
    const QByteArray body = response.headOnly ? QByteArray() : response.body;

    using Kind = UpstreamFault::Kind;
    const std::optional<UpstreamFault> &fault = response.transportFault;
    if (!fault) {
        m_socket->write(head + body);
        if (!keepAlive) {
            m_silent = true;
            m_socket->disconnectFromHost();
        }
        return;
    }
    m_silent = true;
    switch (fault->kind) {
    case Kind::ConnectionReset:
        m_socket->write(fault->arg == 0 ? head.left(head.size() / 2)
                                        : head + body.left(body.size() / 2));
        m_socket->flush();
        reset();
        return;
    case Kind::TruncatedBody:
        m_socket->write(head + body.left(body.size() / 2));
        m_socket->disconnectFromHost();
        return;
    case Kind::Stall:
        if (fault->arg == 0) {
            m_socket->write(head + body.left(body.size() / 2));
            m_socket->flush();
        }
        return;
    default:
        return;
    }
}

void TestUpstreamConnection::reset()
{
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    const linger hard{1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    m_socket->abort();
    m_socket->deleteLater();
}

} // namespace Stowaway::Testing

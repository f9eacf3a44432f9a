// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test helpers for the HTTP server tests: a raw-socket client that parses responses,
// and a tiny thread-safe RequestHandler.

#include "requesthandler.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QTcpSocket>
#include <QTest>

#include <atomic>
#include <memory>
#include <stdexcept>

namespace StowawayTest {

struct ParsedResponse
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

/// A client on a raw QTcpSocket. Waits run the event loop (the server under test accepts
/// on the test thread) and are always bounded.
class HttpTestClient
{
public:
    HttpTestClient() : m_socket(std::make_unique<QTcpSocket>())
    {
        QObject::connect(m_socket.get(), &QTcpSocket::readyRead, m_socket.get(), [this] {
            m_buffer += m_socket->readAll();
            parse();
        });
        QObject::connect(m_socket.get(), &QTcpSocket::disconnected, m_socket.get(),
                         [this] { m_disconnected = true; });
    }

    bool connectTo(const QHostAddress &address, quint16 port, int timeoutMs = 5000)
    {
        m_socket->connectToHost(address, port);
        return QTest::qWaitFor(
            [this] { return m_socket->state() == QAbstractSocket::ConnectedState; }, timeoutMs);
    }

    /// Sends raw bytes; @p heads lists, in order, whether each request in them is a HEAD
    /// (whose response has no body).
    void sendRaw(const QByteArray &bytes, QList<bool> heads = {false})
    {
        m_expectHead += heads;
        m_socket->write(bytes);
    }

    void get(const QByteArray &path, const QByteArray &extraHeaders = {})
    {
        sendRaw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "\r\n");
    }

    bool waitForResponses(int count, int timeoutMs = 5000)
    {
        return QTest::qWaitFor([&] { return m_responses.size() >= count; }, timeoutMs);
    }

    bool waitForDisconnected(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return m_disconnected; }, timeoutMs);
    }

    QList<ParsedResponse> &responses() { return m_responses; }
    QTcpSocket *socket() { return m_socket.get(); }
    bool disconnected() const { return m_disconnected; }
    /// Bytes received that did not form a complete response.
    const QByteArray &leftover() const { return m_buffer; }

private:
    void parse()
    {
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            ParsedResponse response;
            const QList<QByteArray> lines = m_buffer.left(end).split('\n');
            const QList<QByteArray> statusParts = lines.value(0).trimmed().split(' ');
            response.status = statusParts.value(1).toInt();
            qint64 length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                response.headers.append(
                    {line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
            }
            const bool head = !m_expectHead.isEmpty() && m_expectHead.first();
            const bool bodyless =
                head || response.status == 101 || response.status == 304 || response.status == 204;
            if (!bodyless)
                length = response.header("content-length").toLongLong();
            if (m_buffer.size() < end + 4 + length)
                return;
            response.body = m_buffer.mid(end + 4, length);
            m_buffer.remove(0, end + 4 + length);
            if (!m_expectHead.isEmpty())
                m_expectHead.removeFirst();
            m_responses.append(response);
            if (response.status == 101)
                return; // the rest is another protocol
        }
    }

    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
    QList<bool> m_expectHead;
    QList<ParsedResponse> m_responses;
    bool m_disconnected = false;
};

/// Answers /small with "hello", /big with 1 MiB, /close with closeConnection, /split with
/// a header that tries response splitting, throws for /throw, and echoes the decoded path
/// (plus "?query") for everything else.
class TestHandler final : public Stowaway::RequestHandler
{
public:
    static QByteArray bigBody()
    {
        QByteArray body(1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < body.size(); ++i)
            body[i] = char('a' + i % 26);
        return body;
    }

    Stowaway::HttpResponse handle(const Stowaway::HttpRequest &request) override
    {
        calls.fetch_add(1);
        Stowaway::HttpResponse response;
        response.setHeader("content-type", "text/plain");
        if (request.path == QLatin1String("/small")) {
            response.body = "hello";
        } else if (request.path == QLatin1String("/big")) {
            response.body = m_big;
        } else if (request.path == QLatin1String("/split")) {
            response.setHeader("x-evil", "a\r\nset-cookie: injected=1");
            response.setHeader("x-fine", "kept");
            response.body = "split";
        } else if (request.path == QLatin1String("/throw")) {
            throw std::runtime_error("handler bug");
        } else if (request.path == QLatin1String("/close")) {
            response.body = "bye";
            response.closeConnection = true;
        } else {
            response.body = request.path.toUtf8();
            if (!request.query.isEmpty())
                response.body += '?' + request.query;
        }
        return response;
    }

    std::atomic<int> calls{0};

private:
    const QByteArray m_big = bigBody();
};

} // namespace StowawayTest

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "upstreamfault.h"

#include <QObject>

#include <http_parser.h>

#include <memory>

class QTcpSocket;

namespace Stowaway::Testing {

class TestUpstream;

/**
 * One client connection of TestUpstream: parses HTTP/1.1 requests with http_parser, asks
 * TestUpstream::respond() what to send and plays the answer out, faults included (RST,
 * truncation, stalls). Lives on the upstream's thread; a child of its socket.
 */
class TestUpstreamConnection final : public QObject
{
public:
    TestUpstreamConnection(QTcpSocket *socket, TestUpstream *upstream);
    ~TestUpstreamConnection() override;

private:
    void onReadyRead();
    void answer(const UpstreamRequest &request, bool keepAlive);
    void reset();
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);

    QTcpSocket *m_socket;
    TestUpstream *m_upstream;
    http_parser m_parser;
    http_parser_settings m_settings;
    UpstreamRequest m_current;
    bool m_lastWasValue = false;
    QList<std::pair<UpstreamRequest, bool>> m_pending;
    bool m_silent = false; // stalled or closing: ignore further requests
};

} // namespace Stowaway::Testing

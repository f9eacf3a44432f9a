// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorserver.h"

#include "accesslog.h"
#include "http2upgrader.h"
#include "httpserver.h"
#include "missrecorder.h"

#include <QMutexLocker>

namespace Stowaway {

MirrorServer::MirrorServer(MirrorLayout layout, MirrorRouterOptions options)
    : m_layout(std::move(layout))
    , m_accessLog(std::make_unique<AccessLog>(m_layout.logsDir() + QStringLiteral("/access.log")))
    , m_misses(std::make_unique<MissRecorder>(m_layout))
{
    m_misses->load();
    m_router = std::make_unique<MirrorRouter>(
        m_layout, [this] { return summary(); }, m_misses.get(), std::move(options));
    m_upgrader = std::make_unique<Http2Upgrader>(m_accessLog.get());
}

MirrorServer::~MirrorServer()
{
    stop();
}

bool MirrorServer::start(const ListenAddress &listen, int maxConnections, QString *error)
{
    stop();
    if (!m_accessLog->isOpen() && !m_accessLog->open(error))
        return false;
    ServerOptions options;
    options.address = listen.address;
    options.port = listen.port;
    options.maxConnections = maxConnections;
    auto server = std::make_unique<HttpServer>(*m_router, options, m_accessLog.get());
    server->setProtocolUpgrader(m_upgrader.get());
    if (!server->listen(error))
        return false;
    m_bound = listen;
    m_bound.port = server->serverPort();
    m_server = std::move(server);
    return true;
}

void MirrorServer::stop()
{
    if (!m_server)
        return;
    m_server->close();
    m_server.reset();
    m_misses->flush();
    m_accessLog->flush();
}

bool MirrorServer::isRunning() const
{
    return m_server && m_server->isListening();
}

void MirrorServer::setSummary(const MirrorSummary &summary)
{
    const QMutexLocker lock(&m_summaryMutex);
    m_summary = summary;
}

MirrorSummary MirrorServer::summary() const
{
    const QMutexLocker lock(&m_summaryMutex);
    return m_summary;
}

} // namespace Stowaway

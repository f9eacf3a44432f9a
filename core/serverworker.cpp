// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverworker.h"

#include "httpconnection.h"
#include "httpdate.h"
#include "httpresponse.h"
#include "serverlog.h"

#include <QDateTime>

#include <algorithm>
#include <chrono>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcServer, "stowaway.server")

ServerWorker::ServerWorker(RequestHandler &handler, const ServerOptions &options, AccessLog *log,
                           ProtocolUpgrader *upgrader, std::atomic<int> &active,
                           std::atomic<int> &refusing)
    : m_handler(handler)
    , m_options(options)
    , m_log(log)
    , m_upgrader(upgrader)
    , m_active(active)
    , m_refusing(refusing)
    , m_sweepTimer(this)
    , m_scratch(64 * 1024, Qt::Uninitialized)
{
    // Check timeouts a few times per shortest timeout, but not more than 40 times a second.
    const auto shortest =
        std::min({m_options.idleTimeout, m_options.headerTimeout, m_options.writeTimeout});
    m_sweepTimer.setInterval(std::clamp<qint64>(shortest.count() / 4, 25, 1000));
    connect(&m_sweepTimer, &QTimer::timeout, this, &ServerWorker::sweep);
}

ServerWorker::~ServerWorker()
{
    closeAll();
}

qint64 ServerWorker::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void ServerWorker::addConnection(qintptr descriptor, bool refuse)
{
    std::atomic<int> &counter = refuse ? m_refusing : m_active;
    auto *connection = new HttpConnection(*this, counter, this);
    m_connections.push_back(connection);
    connect(connection, &HttpConnection::finished, this,
            [this, connection] { remove(connection); });
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
    connection->start(descriptor, refuse);
}

void ServerWorker::remove(HttpConnection *connection)
{
    const auto it = std::find(m_connections.begin(), m_connections.end(), connection);
    if (it == m_connections.end())
        return;
    *it = m_connections.back();
    m_connections.pop_back();
    connection->deleteLater();
}

void ServerWorker::closeAll()
{
    const std::vector<HttpConnection *> connections = std::move(m_connections);
    m_connections.clear();
    for (HttpConnection *connection : connections)
        delete connection;
    m_sweepTimer.stop();
}

void ServerWorker::sweep()
{
    const qint64 now = nowMs();
    // Connections may finish (and remove themselves) while being checked; iterate a copy.
    const std::vector<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->checkTimeouts(now);
}

const QByteArray &ServerWorker::commonHeaders()
{
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != m_dateSecond) {
        m_dateSecond = second;
        m_commonHeaders = QByteArrayLiteral("server: stowaway/" STOWAWAY_VERSION "\r\ndate: ") +
                          HttpDate::imfFixdate(second) + QByteArrayLiteral("\r\n");
    }
    return m_commonHeaders;
}

const QByteArray &ServerWorker::statusLine(int status)
{
    auto it = m_statusLines.find(status);
    if (it == m_statusLines.end()) {
        const QByteArray line = "HTTP/1.1 " + QByteArray::number(status) + ' ' +
                                HttpResponse::reasonPhrase(status) + "\r\n";
        it = m_statusLines.insert(status, line);
    }
    return *it;
}

} // namespace Stowaway

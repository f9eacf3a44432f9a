// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpserver.h"

#include "serverlog.h"
#include "serverworker.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <functional>

namespace Stowaway {

namespace {

// QTcpServer that hands accepted descriptors on instead of creating sockets itself.
class DescriptorListener final : public QTcpServer
{
public:
    explicit DescriptorListener(std::function<void(qintptr)> onAccepted)
        : m_onAccepted(std::move(onAccepted))
    {}

protected:
    void incomingConnection(qintptr descriptor) override { m_onAccepted(descriptor); }

private:
    std::function<void(qintptr)> m_onAccepted;
};

QString listenErrorMessage(const QTcpServer &server, const ServerOptions &options)
{
    const QString where = options.address.protocol() == QAbstractSocket::IPv6Protocol
                              ? QStringLiteral("[%1]:%2")
                              : QStringLiteral("%1:%2");
    const QString endpoint = where.arg(options.address.toString()).arg(options.port);
    switch (server.serverError()) {
    case QAbstractSocket::AddressInUseError:
        return HttpServer::tr("Cannot listen on %1: the port is already in use by another "
                              "program (perhaps another Stowaway). Pick another with --listen.")
            .arg(endpoint);
    case QAbstractSocket::SocketAccessError:
        return HttpServer::tr("Cannot listen on %1: permission denied (ports below 1024 need "
                              "administrator rights). Pick another with --listen, e.g. "
                              "127.0.0.1:8080.")
            .arg(endpoint);
    case QAbstractSocket::SocketAddressNotAvailableError:
        return HttpServer::tr("Cannot listen on %1: that address does not belong to this "
                              "computer. Pick another with --listen (127.0.0.1 serves only "
                              "this computer).")
            .arg(endpoint);
    default:
        return HttpServer::tr("Cannot listen on %1: %2. Pick another address with --listen.")
            .arg(endpoint, server.errorString());
    }
}

} // namespace

HttpServer::HttpServer(RequestHandler &handler, ServerOptions options, AccessLog *log,
                       QObject *parent)
    : QObject(parent), m_handler(handler), m_options(std::move(options)), m_log(log)
{}

HttpServer::~HttpServer()
{
    if (m_listener)
        m_listener->close();
    stopWorkers();
}

void HttpServer::setProtocolUpgrader(ProtocolUpgrader *upgrader)
{
    Q_ASSERT_X(m_workers.empty(), "HttpServer", "set the upgrader before listen()");
    m_upgrader = upgrader;
}

bool HttpServer::listen(QString *error)
{
    if (isListening())
        return true;
    m_listener = std::make_unique<DescriptorListener>(
        [this](qintptr descriptor) { acceptDescriptor(descriptor); });
    m_listener->setListenBacklogSize(std::max(128, std::min(m_options.maxConnections, 4096)));
    if (!m_listener->listen(m_options.address, m_options.port)) {
        if (error)
            *error = listenErrorMessage(*m_listener, m_options);
        m_listener.reset();
        return false;
    }
    startWorkers();
    qCInfo(lcServer).noquote() << "listening on" << serverAddress().toString() << serverPort()
                               << "with" << m_workers.size() << "worker threads";
    return true;
}

bool HttpServer::isListening() const
{
    return m_listener && m_listener->isListening();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_listener ? m_listener->serverAddress() : QHostAddress();
}

quint16 HttpServer::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void HttpServer::close()
{
    if (m_listener)
        m_listener->close();
    for (ServerWorker *worker : m_workers)
        QMetaObject::invokeMethod(worker, &ServerWorker::closeAll, Qt::QueuedConnection);
}

int HttpServer::activeConnections() const
{
    return m_active.load(std::memory_order_relaxed);
}

void HttpServer::startWorkers()
{
    if (!m_workers.empty())
        return;
    const int count = std::max(1, m_options.workerThreads);
    for (int i = 0; i < count; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("stowaway-http-%1").arg(i));
        auto *worker =
            new ServerWorker(m_handler, m_options, m_log, m_upgrader, m_active, m_refusing);
        worker->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        m_workers.push_back(worker);
        m_threads.push_back(std::move(thread));
    }
}

void HttpServer::stopWorkers()
{
    // Each worker deletes itself (and its connections) on its own thread as it finishes.
    for (const auto &thread : m_threads)
        thread->quit();
    for (const auto &thread : m_threads)
        thread->wait();
    m_threads.clear();
    m_workers.clear();
}

void HttpServer::acceptDescriptor(qintptr descriptor)
{
    const int limit = m_options.maxConnections;
    bool refuse = false;
    if (m_active.load(std::memory_order_relaxed) >= limit) {
        if (m_refusing.load(std::memory_order_relaxed) >= limit) {
            // Even the refusals are backed up: drop the connection outright.
            qCWarning(lcServer) << "connection flood: closing a new connection unanswered";
            QTcpSocket socket;
            if (socket.setSocketDescriptor(descriptor))
                socket.abort();
            return;
        }
        refuse = true;
        m_refusing.fetch_add(1, std::memory_order_relaxed);
    } else {
        m_active.fetch_add(1, std::memory_order_relaxed);
    }
    ServerWorker *worker = m_workers[m_nextWorker];
    m_nextWorker = (m_nextWorker + 1) % m_workers.size();
    QMetaObject::invokeMethod(
        worker, [worker, descriptor, refuse] { worker->addConnection(descriptor, refuse); },
        Qt::QueuedConnection);
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "listenaddress.h"
#include "mirrorlayout.h"
#include "mirrorrouter.h"
#include "mirrorsummary.h"

#include <QMutex>
#include <QString>

#include <memory>

namespace Stowaway {

class AccessLog;
class Http2Upgrader;
class HttpServer;
class MissRecorder;

/**
 * One mirror folder served to cargo: the access log, the miss recorder, the MirrorRouter,
 * the h2c upgrader and the HttpServer, assembled the same way for `stowaway serve` and
 * the desktop app. start() may follow stop() any number of times.
 *
 * The summary shown on the `/` page is a copy the owner refreshes with setSummary() (the
 * MirrorStore lives on the owner's thread; the router asks from server threads). Create,
 * use and destroy on one thread (the one that accepts connections).
 */
class MirrorServer final
{
public:
    explicit MirrorServer(MirrorLayout layout, MirrorRouterOptions options = {});
    ~MirrorServer();
    MirrorServer(const MirrorServer &) = delete;
    MirrorServer &operator=(const MirrorServer &) = delete;

    /// Opens the logs and listens on `listen`; false with `error` saying what to do (for
    /// example that the port is in use). Stops first when already running.
    bool start(const ListenAddress &listen, int maxConnections, QString *error);
    /// Closes every connection and flushes the logs. Harmless when stopped.
    void stop();
    bool isRunning() const;
    /// The address actually bound (port filled in when 0 was asked for); valid while running.
    ListenAddress bound() const { return m_bound; }

    /// Thread-safe: the counts the `/` page shows.
    void setSummary(const MirrorSummary &summary);
    MirrorSummary summary() const;

    MirrorRouter &router() { return *m_router; }

private:
    MirrorLayout m_layout;
    mutable QMutex m_summaryMutex;
    MirrorSummary m_summary;
    std::unique_ptr<AccessLog> m_accessLog;
    std::unique_ptr<MissRecorder> m_misses;
    std::unique_ptr<MirrorRouter> m_router;
    std::unique_ptr<Http2Upgrader> m_upgrader;
    std::unique_ptr<HttpServer> m_server;
    ListenAddress m_bound;
};

} // namespace Stowaway

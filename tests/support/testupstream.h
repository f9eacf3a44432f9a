// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "upstreamfault.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QString>

#include <memory>

class QThread;
class QTcpServer;

namespace Stowaway::Testing {

class TestRegistry;

/**
 * A loopback crates.io stand-in for tests and benchmarks: serves a folder written by
 * TestRegistry::writeRegistry() over HTTP/1.1 (keep-alive) on 127.0.0.1, with fault injection.
 *
 * Paths: `/index/config.json` (dl/api rewritten to this server unless setRewriteConfig(false)),
 * `/index/<cargo path>` (ETag + Last-Modified, 304 on If-None-Match / If-Modified-Since),
 * `/crates/{name}/{name}-{version}.crate` and `/crates/{name}/{version}/download` (Range
 * requests unless setRangeSupported(false)), `/api/v1/crates?sort=downloads&per_page=N&page=P`
 * (or `&seek=`), answering `{"crates":[{"name","downloads","max_version"}],"meta":{"total",
 * "next_page"}}`. Default download counts are deterministic: the deeper a crate's dependency
 * tree in the registry, the more downloads (the top layer of TestRegistry::layered() first);
 * setDownloads() overrides them.
 *
 * Every request is logged (method, target, headers, time); faults apply per path pattern:
 * an exact path, a prefix ending in `*`, or a regular expression starting with `re:`.
 *
 * The server runs on its own thread, so tests may block the main thread; every public
 * function is thread-safe. Files are re-read per request, so tests may change the folder.
 */
class TestUpstream final
{
public:
    explicit TestUpstream(QString registryDir);
    /// Writes `registry` into `dir` and serves it on a free port: the usual test set-up in
    /// one call. Null with `error` set when either step fails.
    static std::unique_ptr<TestUpstream> serve(const TestRegistry &registry, const QString &dir,
                                               QString *error);
    ~TestUpstream();
    TestUpstream(const TestUpstream &) = delete;
    TestUpstream &operator=(const TestUpstream &) = delete;

    /**
     * Serves HTTPS instead of HTTP with this PEM certificate (chain) and private key; call
     * before start(). baseUrl() and indexUrl() then say https. False with `error` when a
     * file does not load.
     */
    bool setTls(const QString &certificateFile, const QString &keyFile, QString *error = nullptr);

    /// Listens on 127.0.0.1:`port` (0: any free port) on a new thread.
    bool start(quint16 port = 0, QString *error = nullptr);
    void stop();
    quint16 port() const { return m_port; }
    /// `http://127.0.0.1:PORT` (no trailing slash).
    QString baseUrl() const;
    /// `sparse+http://127.0.0.1:PORT/index/`, what cargo and the sync take.
    QString indexUrl() const;

    void setRewriteConfig(bool rewrite);
    void setRangeSupported(bool supported);
    /// Every request must carry `Authorization: token` (401 otherwise); empty: no check.
    void setRequiredToken(const QByteArray &token);
    /// When on, `/crates/{name}/{version}/download` answers 302 to the `.crate` path, as
    /// crates.io's API redirects to its static host.
    void setRedirectDownloads(bool redirect, const QString &toBaseUrl = {});
    void setDownloads(const QString &name, qint64 downloads);
    /// Adds a fault for `pattern` (see the class comment); earlier faults win.
    void addFault(const QString &pattern, const UpstreamFault &fault);
    void clearFaults();

    QList<UpstreamRequest> requests() const;
    /// Requests whose path (without query) equals `path`.
    int requestCount(const QString &path) const;
    void clearLog();
    /// Connections open now, and the most open at once since start() (or resetPeak()).
    int openConnections() const;
    int peakConnections() const;
    void resetPeak();

    /// Called by the connections on the server thread.
    UpstreamResponse respond(UpstreamRequest request);
    void connectionOpened();
    void connectionClosed();

private:
    struct FaultRule
    {
        QString pattern;
        QRegularExpression regex;
        UpstreamFault fault;
    };
    std::optional<UpstreamFault> takeFault(const QByteArray &path);
    UpstreamResponse serveFile(const UpstreamRequest &request, const QString &file, bool isCrate,
                               std::optional<UpstreamFault> fault);
    UpstreamResponse serveApi(const UpstreamRequest &request);
    QHash<QString, qint64> computeDownloads();

    const QString m_dir;
    mutable QMutex m_mutex;
    QList<FaultRule> m_faults;
    QList<UpstreamRequest> m_log;
    QHash<QString, qint64> m_downloads;
    QHash<QString, QString> m_maxVersions;
    int m_open = 0;
    int m_peak = 0;
    bool m_downloadsComputed = false;
    bool m_rewriteConfig = true;
    bool m_rangeSupported = true;
    QByteArray m_requiredToken;
    QString m_redirectBase; // empty: baseUrl()
    bool m_redirectDownloads = false;
    QElapsedTimer m_clock;
    quint16 m_port = 0;
    std::unique_ptr<QThread> m_thread;
    QTcpServer *m_server = nullptr;
    QSslConfiguration m_tls; // null: plain HTTP
};

} // namespace Stowaway::Testing

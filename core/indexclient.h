// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "indexfetch.h"
#include "indexsource.h"
#include "registryconfig.h"
#include "retrypolicy.h"
#include "tlstrust.h"
#include "upstreamurl.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <chrono>
#include <deque>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace Stowaway {

/**
 * Fetches `config.json` and crate index files from a sparse upstream the way cargo does:
 * `cargo-protocol: version=1`, `Accept: text/plain`, the caller's User-Agent, and at most one
 * conditional header (`If-None-Match` when an ETag is known, else `If-Modified-Since`).
 * HTTP/2 is used where the server offers it: ALPN on https, the `Upgrade: h2c` handshake on
 * plain http (Qt 6.4 sends it once, then multiplexes every request over that connection).
 *
 * fetch() queues; at most maxConcurrent() requests are in flight. 408, 429, 5xx and network
 * errors are retried per the RetryPolicy (Retry-After honoured); each fetch ends in exactly
 * one indexFetched(). A name already queued or in flight is not queued twice (names compare
 * case-insensitively, as index paths do). idle() follows the last outstanding result.
 *
 * Lives on, and must be used from, the thread of the QNetworkAccessManager, which the caller
 * owns and which must outlive this object. Destroying it (or abortAll()) aborts outstanding
 * requests without emitting results for them.
 */
class IndexClient final : public IndexSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IndexClient)
public:
    IndexClient(QNetworkAccessManager &nam, const UpstreamUrl &upstream, QByteArray userAgent,
                QObject *parent = nullptr);
    ~IndexClient() override;

    /// Sent as `Authorization` with every request (a private registry's token); empty: none.
    void setAuthorization(const QByteArray &token) { m_authorization = token; }
    /// Extra CAs for the upstream's TLS certificate (see TlsTrust).
    void setTlsTrust(const TlsTrust &trust) { m_tls = trust; }
    /// The proxy requests go through, as UpstreamProxy::describeFor() the index says; empty:
    /// direct. config.json's failure messages name it.
    void setProxyNote(const QString &note) { m_proxyNote = note; }

    const UpstreamUrl &upstream() const { return m_upstream; }

    int maxConcurrent() const { return m_maxConcurrent; }
    /// Requests in flight at once (default 32, at least 1).
    void setMaxConcurrent(int limit);
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    /// A transfer that makes no progress for this long fails (and is retried). Default 30 s.
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_transferTimeout = timeout; }

    /// Fetches config.json (unconditionally, like cargo): configReady() or configFailed().
    /// A connection that is refused or a host that cannot be resolved fails at once with
    /// @c unreachable set; other network errors are retried first.
    void fetchConfig() override;
    /// Queues the index file of @p name; @p etag / @p lastModified are the validators of the
    /// copy the caller holds (empty when none).
    void fetch(const QString &name, const QByteArray &etag = {},
               const QByteArray &lastModified = {}) override;
    /// Drops everything queued and aborts what is in flight; no results follow for them.
    void abortAll() override;

    /// Fetches queued, waiting for a retry, or in flight (config.json not counted).
    int pendingCount() const { return int(m_pending.size()); }
    int inFlightCount() const;

Q_SIGNALS:
    // configReady(), configFailed() and indexFetched() come from IndexSource.
    /// Nothing is pending any more (emitted after the last indexFetched()).
    void idle();

private:
    struct Job
    {
        QString name;
        QString key; ///< lower-cased name
        QByteArray etag;
        QByteArray lastModified;
        int attempt = 0; ///< attempts made so far
        bool config = false;
    };

    QNetworkRequest makeRequest(const QUrl &url, const Job &job) const;
    void pump();
    void start(Job job);
    void onFinished(QNetworkReply *reply);
    void finishIndex(QNetworkReply *reply, Job job);
    void finishConfig(QNetworkReply *reply, Job job);
    bool scheduleRetry(Job job, QNetworkReply *reply);
    void emitResult(const Job &job, IndexFetch result);
    void failLater(const Job &job, const QString &error);

    QNetworkAccessManager &m_nam;
    const UpstreamUrl m_upstream;
    const QByteArray m_userAgent;
    int m_maxConcurrent = 32;
    RetryPolicy m_retry;
    std::chrono::milliseconds m_transferTimeout{30000};

    std::deque<Job> m_queue;
    QHash<QNetworkReply *, Job> m_active;
    QSet<QString> m_pending; ///< keys of every index fetch not yet answered
    bool m_configPending = false;
    quint64 m_generation = 0; ///< bumped by abortAll() so that stale retry timers do nothing
    QByteArray m_authorization;
    TlsTrust m_tls;
    QString m_proxyNote;
};

} // namespace Stowaway

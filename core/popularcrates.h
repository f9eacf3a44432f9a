// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "popularcrate.h"
#include "retrypolicy.h"
#include "tlstrust.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace Stowaway {

/**
 * Lists the N most downloaded crates through a crates.io-style web API:
 * `GET {api}/api/v1/crates?sort=downloads&per_page=100`, then `meta.next_page` (a query
 * string such as `?seek=…`, resolved against that endpoint) until N names are collected or
 * there is no next page. Politeness as crates.io's crawler policy asks: at most one request
 * per second (measured from the start of the previous request, plus a 20 ms margin for
 * network jitter; retries included), never
 * more than 100 per page, and the caller's User-Agent (UserAgent::string(contact)).
 * 429, 5xx and network errors are retried a few times; other failures end in failed() with
 * a message saying what to do.
 *
 * Lives on, and must be used from, the thread of the QNetworkAccessManager, which the caller
 * owns and which must outlive this object. One listing at a time: fetchTop() abandons a
 * listing still running.
 */
class PopularCrates final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PopularCrates)
public:
    /// The shortest gap between two API requests that product code may use.
    static constexpr std::chrono::milliseconds kMinimumInterval{1000};
    /// Most crates per page the API allows.
    static constexpr int kMaxPerPage = 100;

    /// @p apiBase is the registry's `api` from config.json (`https://crates.io`).
    PopularCrates(QNetworkAccessManager &nam, const QString &apiBase, QByteArray userAgent,
                  QObject *parent = nullptr);
    ~PopularCrates() override;

    /// For tests only: product code keeps the default kMinimumInterval and never goes below.
    void setRequestInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    std::chrono::milliseconds requestInterval() const { return m_interval; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    /// Extra CAs for the API host's TLS certificate (see TlsTrust).
    void setTlsTrust(const TlsTrust &trust) { m_tls = trust; }
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_transferTimeout = timeout; }

    /// Starts collecting the top @p n crates: topReady() or failed() follows (never both).
    void fetchTop(int n);
    /// Stops the listing; no signal follows.
    void abort();
    bool isRunning() const { return m_running; }
    /// API requests made by the current (or last) listing, retries included.
    int requestCount() const { return m_requests; }

Q_SIGNALS:
    /// After each page: names collected so far out of @p wanted.
    void progress(int collected, int wanted);
    /// The top crates, most downloaded first; fewer than asked when the API ran out.
    void topReady(const QList<Stowaway::PopularCrate> &crates);
    void failed(const QString &message);

private:
    void scheduleNext();
    void sendRequest();
    void onFinished(QNetworkReply *reply);
    bool takePage(const QByteArray &body, QString *error);
    void finishOk();
    void fail(const QString &message);
    QString httpFailure(QNetworkReply *reply) const;

    QNetworkAccessManager &m_nam;
    QUrl m_endpoint; ///< {api}/api/v1/crates; invalid when apiBase was unusable
    QString m_apiBase;
    const QByteArray m_userAgent;
    TlsTrust m_tls;
    std::chrono::milliseconds m_interval = kMinimumInterval;
    RetryPolicy m_retry;
    std::chrono::milliseconds m_transferTimeout{30000};

    QTimer m_gate;
    QElapsedTimer m_lastRequestStart;
    QNetworkReply *m_reply = nullptr;
    bool m_running = false;
    int m_wanted = 0;
    int m_requests = 0;
    int m_pages = 0;
    int m_attempt = 0; ///< attempts at the current page
    std::chrono::milliseconds m_retryWait{0};
    QUrl m_next;
    QList<PopularCrate> m_crates;
    QSet<QString> m_seen; ///< canonical names already collected
};

} // namespace Stowaway

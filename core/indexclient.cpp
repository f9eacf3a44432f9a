// SPDX-License-Identifier: GPL-3.0-or-later
#include "indexclient.h"

#include "indexpath.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcIndexClient, "stowaway.upstream.index")

namespace {

/// The final HTTP status, or 0 when no final answer came. A transfer that fails after the
/// `101 Switching Protocols` of an h2c upgrade still reports 101: that is no answer either.
int httpStatusOf(const QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return status >= 200 ? status : 0;
}

/// Connection-level failures: nothing (usable) answered at that address.
bool isUnreachableError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

QString describeFailure(const QNetworkReply *reply)
{
    const int status = httpStatusOf(reply);
    if (status != 0) {
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        return reason.isEmpty() ? QStringLiteral("HTTP %1").arg(status)
                                : QStringLiteral("HTTP %1 %2").arg(status).arg(reason);
    }
    if (reply->error() == QNetworkReply::OperationCanceledError)
        return IndexClient::tr("the transfer stalled and timed out");
    return reply->errorString();
}

QString attemptsText(int attempts)
{
    return IndexClient::tr("%n attempt(s)", nullptr, attempts);
}

} // namespace

IndexClient::IndexClient(QNetworkAccessManager &nam, const UpstreamUrl &upstream,
                         QByteArray userAgent, QObject *parent)
    : IndexSource(parent), m_nam(nam), m_upstream(upstream), m_userAgent(std::move(userAgent))
{}

IndexClient::~IndexClient()
{
    abortAll();
}

void IndexClient::setMaxConcurrent(int limit)
{
    m_maxConcurrent = std::max(1, limit);
    pump();
}

int IndexClient::inFlightCount() const
{
    int count = 0;
    for (const Job &job : m_active)
        count += job.config ? 0 : 1;
    return count;
}

QNetworkRequest IndexClient::makeRequest(const QUrl &url, const Job &job) const
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    // Qt 6.4 only tries h2c (HTTP/1.1 Upgrade on plain http) when asked to.
    request.setAttribute(QNetworkRequest::Http2CleartextAllowedAttribute, true);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(int(m_transferTimeout.count()));
    request.setRawHeader(QByteArrayLiteral("cargo-protocol"), QByteArrayLiteral("version=1"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("text/plain"));
    request.setRawHeader(QByteArrayLiteral("User-Agent"), m_userAgent);
    if (!m_authorization.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), m_authorization);
    m_tls.apply(request);
    // Accept-Encoding is left to Qt, which then decompresses gzip/deflate itself.
    if (!job.etag.isEmpty())
        request.setRawHeader(QByteArrayLiteral("If-None-Match"), job.etag);
    else if (!job.lastModified.isEmpty())
        request.setRawHeader(QByteArrayLiteral("If-Modified-Since"), job.lastModified);
    return request;
}

void IndexClient::fetchConfig()
{
    if (m_configPending)
        return;
    m_configPending = true;
    Job job;
    job.config = true;
    job.name = QStringLiteral("config.json");
    start(std::move(job));
}

void IndexClient::fetch(const QString &name, const QByteArray &etag, const QByteArray &lastModified)
{
    Job job;
    job.name = name;
    job.key = name.toLower();
    job.etag = etag;
    job.lastModified = lastModified;
    if (m_pending.contains(job.key))
        return;
    m_pending.insert(job.key);
    if (!IndexPath::isValidCrateName(name)) {
        failLater(job, QStringLiteral("\"%1\" is not a valid crate name").arg(name));
        return;
    }
    m_queue.push_back(std::move(job));
    pump();
}

void IndexClient::abortAll()
{
    ++m_generation;
    m_queue.clear();
    m_pending.clear();
    m_configPending = false;
    const QList<QNetworkReply *> replies = m_active.keys();
    m_active.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void IndexClient::pump()
{
    while (!m_queue.empty() && inFlightCount() < m_maxConcurrent) {
        Job job = std::move(m_queue.front());
        m_queue.pop_front();
        start(std::move(job));
    }
}

void IndexClient::start(Job job)
{
    ++job.attempt;
    const QUrl url = job.config ? m_upstream.configUrl() : m_upstream.indexFileUrl(job.name);
    QNetworkReply *reply = m_nam.get(makeRequest(url, job));
    m_active.insert(reply, std::move(job));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void IndexClient::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_active.find(reply);
    if (it == m_active.end())
        return;
    Job job = std::move(it.value());
    m_active.erase(it);
    const QPointer<IndexClient> self(this); // a receiver may delete us
    if (job.config)
        finishConfig(reply, std::move(job));
    else
        finishIndex(reply, std::move(job));
    if (self)
        pump();
}

bool IndexClient::scheduleRetry(Job job, QNetworkReply *reply)
{
    if (job.attempt >= m_retry.maxAttempts)
        return false;
    std::optional<std::chrono::milliseconds> retryAfter;
    if (reply->hasRawHeader("Retry-After")) {
        retryAfter = RetryPolicy::parseRetryAfter(reply->rawHeader("Retry-After"),
                                                  QDateTime::currentSecsSinceEpoch());
    }
    const auto wait =
        m_retry.delay(job.attempt, QRandomGenerator::global()->generateDouble(), retryAfter);
    qCDebug(lcIndexClient) << "retrying" << job.name << "in" << wait.count() << "ms after"
                           << describeFailure(reply);
    const quint64 generation = m_generation;
    QTimer::singleShot(wait, this, [this, generation, job = std::move(job)]() mutable {
        if (generation != m_generation)
            return;
        if (job.config) {
            start(std::move(job));
        } else {
            m_queue.push_front(std::move(job));
            pump();
        }
    });
    return true;
}

void IndexClient::finishIndex(QNetworkReply *reply, Job job)
{
    const QUrl url = reply->request().url();
    const int status = httpStatusOf(reply);
    IndexFetch result;
    result.name = job.name;
    result.httpStatus = status;
    result.attempts = job.attempt;
    result.http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    const bool conditional = !job.etag.isEmpty() || !job.lastModified.isEmpty();

    if (status == 200) {
        result.status = IndexFetch::Status::Ok;
        result.bytes = reply->readAll();
        result.etag = reply->rawHeader("ETag");
        result.lastModified = reply->rawHeader("Last-Modified");
    } else if (status == 304 && conditional) {
        result.status = IndexFetch::Status::NotModified;
        const QByteArray etag = reply->rawHeader("ETag");
        const QByteArray modified = reply->rawHeader("Last-Modified");
        result.etag = etag.isEmpty() ? job.etag : etag;
        result.lastModified = modified.isEmpty() ? job.lastModified : modified;
    } else if (status == 304) {
        result.error = tr("%1 answered 304 Not Modified although no cached copy was "
                          "offered; the upstream is misbehaving")
                           .arg(url.toDisplayString());
    } else if (status == 404 || status == 410 || status == 451) {
        result.status = IndexFetch::Status::NotFound;
    } else if ((status == 0 || RetryPolicy::isRetryableStatus(status)) &&
               scheduleRetry(job, reply)) {
        return; // the retry reports
    } else {
        result.error = tr("index file of %1: %2 from %3 (%4)")
                           .arg(job.name, describeFailure(reply), url.toDisplayString(),
                                attemptsText(job.attempt));
    }
    emitResult(job, std::move(result));
}

void IndexClient::finishConfig(QNetworkReply *reply, Job job)
{
    const QString url = reply->request().url().toDisplayString();
    const int status = httpStatusOf(reply);
    if (status == 200) {
        m_configPending = false;
        QString error;
        const std::optional<RegistryConfig> config =
            RegistryConfig::parse(reply->readAll(), &error);
        if (config) {
            Q_EMIT configReady(*config);
        } else {
            Q_EMIT configFailed(tr("The upstream's %1 cannot be used: %2; check the "
                                   "upstream URL (--upstream)")
                                    .arg(url, error),
                                false);
        }
        return;
    }
    const QNetworkReply::NetworkError error = reply->error();
    const bool untrusted = error == QNetworkReply::SslHandshakeFailedError;
    const bool hopeless = error == QNetworkReply::ConnectionRefusedError ||
                          error == QNetworkReply::HostNotFoundError ||
                          error == QNetworkReply::ProxyConnectionRefusedError ||
                          error == QNetworkReply::ProxyNotFoundError || untrusted;
    if (status == 0 || RetryPolicy::isRetryableStatus(status)) {
        if (!hopeless && scheduleRetry(job, reply))
            return;
    }
    m_configPending = false;
    if (status == 0 && isUnreachableError(error)) {
        if (!m_proxyNote.isEmpty())
            Q_EMIT configFailed(tr("Cannot reach the upstream index %1 through the proxy %2: "
                                   "%3. Check that the proxy runs and lets requests through, "
                                   "or set the proxy to none to go direct")
                                    .arg(m_upstream.text(), m_proxyNote, describeFailure(reply)),
                                true);
        else
            Q_EMIT configFailed(tr("Cannot reach the upstream index %1 (%2); check the "
                                   "network connection and the upstream URL (--upstream)")
                                    .arg(m_upstream.text(), describeFailure(reply)),
                                true);
        return;
    }
    const QString failure = describeFailure(reply);
    const QString attempts = attemptsText(job.attempt);
    QString message;
    if (status == 404)
        message = tr("Fetching %1 failed: %2 (%3); is %4 a sparse index? Check --upstream")
                      .arg(url, failure, attempts, m_upstream.text());
    else if (status == 401 || status == 403)
        message = tr("Fetching %1 failed: %2 (%3); if the upstream needs a token, give it "
                     "with --token-env NAME")
                      .arg(url, failure, attempts);
    else if (untrusted && !m_tls.isActive())
        message = tr("Fetching %1 failed: %2 (%3); %4")
                      .arg(url, failure, attempts, TlsTrust::untrustedHint());
    else
        message = tr("Fetching %1 failed: %2 (%3)").arg(url, failure, attempts);
    if (!m_proxyNote.isEmpty())
        message += tr("; requests go through the proxy %1").arg(m_proxyNote);
    // An untrusted certificate counts as not reached: nothing about this upstream is saved.
    Q_EMIT configFailed(message, untrusted);
}

void IndexClient::emitResult(const Job &job, IndexFetch result)
{
    if (!m_pending.remove(job.key))
        return; // aborted meanwhile
    if (result.status == IndexFetch::Status::Failed)
        qCDebug(lcIndexClient).noquote() << result.error;
    const QPointer<IndexClient> self(this);
    const quint64 generation = m_generation;
    Q_EMIT indexFetched(result);
    // Nothing more when a receiver deleted us or called abortAll().
    if (self && generation == m_generation && m_pending.isEmpty())
        Q_EMIT idle();
}

void IndexClient::failLater(const Job &job, const QString &error)
{
    IndexFetch result;
    result.name = job.name;
    result.error = error;
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation, job, result = std::move(result)]() mutable {
        if (generation == m_generation)
            emitResult(job, std::move(result));
    });
}

} // namespace Stowaway

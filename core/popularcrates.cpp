// SPDX-License-Identifier: GPL-3.0-or-later
#include "popularcrates.h"

#include "indexpath.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <algorithm>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcPopular, "stowaway.upstream.popular")

namespace {

/// The first `errors[].detail` of a crates.io error body, or a short excerpt of the body.
QString errorDetail(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonArray errors = document.object().value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty()) {
        const QString detail = errors.first().toObject().value(QLatin1String("detail")).toString();
        if (!detail.isEmpty())
            return detail;
    }
    QString text = QString::fromUtf8(body.left(200)).simplified();
    return text;
}

/// Keeps per_page at or under the API's maximum, whatever the server put into next_page.
QUrl capPerPage(QUrl url)
{
    QUrlQuery query(url);
    if (query.hasQueryItem(QStringLiteral("per_page"))) {
        bool ok = false;
        const int perPage = query.queryItemValue(QStringLiteral("per_page")).toInt(&ok);
        if (!ok || perPage > PopularCrates::kMaxPerPage || perPage < 1) {
            query.removeAllQueryItems(QStringLiteral("per_page"));
            query.addQueryItem(QStringLiteral("per_page"),
                               QString::number(PopularCrates::kMaxPerPage));
            url.setQuery(query);
        }
    }
    return url;
}

} // namespace

PopularCrates::PopularCrates(QNetworkAccessManager &nam, const QString &apiBase,
                             QByteArray userAgent, QObject *parent)
    : QObject(parent), m_nam(nam), m_apiBase(apiBase), m_userAgent(std::move(userAgent))
{
    QString base = apiBase.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QUrl url(base + QStringLiteral("/api/v1/crates"), QUrl::StrictMode);
    if (url.isValid() && !url.host().isEmpty() &&
        (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) &&
        !url.hasQuery() && !url.hasFragment()) {
        m_endpoint = url;
    }
    m_retry.maxAttempts = 3;
    m_gate.setSingleShot(true);
    m_gate.setTimerType(Qt::PreciseTimer); // a coarse timer may fire up to 5% early
    connect(&m_gate, &QTimer::timeout, this, &PopularCrates::sendRequest);
}

PopularCrates::~PopularCrates()
{
    abort();
}

void PopularCrates::abort()
{
    m_gate.stop();
    m_running = false;
    if (m_reply) {
        QNetworkReply *reply = std::exchange(m_reply, nullptr);
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void PopularCrates::fetchTop(int n)
{
    abort();
    m_running = true;
    m_wanted = std::max(0, n);
    m_requests = 0;
    m_pages = 0;
    m_attempt = 0;
    m_retryWait = std::chrono::milliseconds{0};
    m_crates.clear();
    m_seen.clear();
    if (!m_endpoint.isValid()) {
        const QString message =
            m_apiBase.trimmed().isEmpty()
                ? PopularCrates::tr("The upstream has no web API (no \"api\" in its config.json), "
                                    "so it cannot rank crates by downloads; name crates with "
                                    "--crate instead")
                : PopularCrates::tr("The upstream's API URL \"%1\" is not an http(s) URL, so it "
                                    "cannot rank crates by downloads; name crates with --crate "
                                    "instead")
                      .arg(m_apiBase);
        QTimer::singleShot(0, this, [this, message] { fail(message); });
        return;
    }
    if (m_wanted == 0) {
        QTimer::singleShot(0, this, [this] { finishOk(); });
        return;
    }
    QUrl first = m_endpoint;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("sort"), QStringLiteral("downloads"));
    query.addQueryItem(QStringLiteral("per_page"),
                       QString::number(std::min(m_wanted, kMaxPerPage)));
    first.setQuery(query);
    m_next = first;
    scheduleNext();
}

void PopularCrates::scheduleNext()
{
    using std::chrono::milliseconds;
    milliseconds wait = m_retryWait;
    // The server sees arrivals, not our start times: a small margin keeps network jitter
    // from putting two requests into the same second on its side.
    constexpr milliseconds kMargin{20};
    if (m_lastRequestStart.isValid())
        wait = std::max(wait, m_interval + kMargin - milliseconds(m_lastRequestStart.elapsed()));
    m_retryWait = milliseconds{0};
    // Always through the event loop, so fetchTop() never emits before it returns.
    m_gate.start(std::max(wait, milliseconds{0}));
}

void PopularCrates::sendRequest()
{
    if (!m_running)
        return;
    QNetworkRequest request(m_next);
    request.setRawHeader(QByteArrayLiteral("User-Agent"), m_userAgent);
    m_tls.apply(request);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(int(m_transferTimeout.count()));
    m_lastRequestStart.start();
    ++m_requests;
    ++m_attempt;
    m_reply = m_nam.get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

QString PopularCrates::httpFailure(QNetworkReply *reply) const
{
    const QString url = reply->request().url().toDisplayString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        const QString reason = reply->error() == QNetworkReply::OperationCanceledError
                                   ? PopularCrates::tr("the transfer stalled and timed out")
                                   : reply->errorString();
        return PopularCrates::tr("Cannot reach the crates API at %1 (%2); check the network "
                                 "connection")
            .arg(url, reason);
    }
    const QString detail = errorDetail(reply->readAll());
    if (status == 403) {
        const QString userAgent = QString::fromLatin1(m_userAgent);
        if (detail.isEmpty())
            return tr("The crates API at %1 refused the request (HTTP 403). crates.io answers 403 "
                      "to clients without a proper User-Agent; Stowaway sent \"%2\". Set contact "
                      "in mirror.toml to your e-mail address or URL and try again")
                .arg(url, userAgent);
        return tr("The crates API at %1 refused the request (HTTP 403: %2). crates.io answers 403 "
                  "to clients without a proper User-Agent; Stowaway sent \"%3\". Set contact in "
                  "mirror.toml to your e-mail address or URL and try again")
            .arg(url, detail, userAgent);
    }
    if (detail.isEmpty())
        return tr("The crates API at %1 answered HTTP %2").arg(url).arg(status);
    return tr("The crates API at %1 answered HTTP %2: %3").arg(url).arg(status).arg(detail);
}

void PopularCrates::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        if ((status == 0 || RetryPolicy::isRetryableStatus(status)) &&
            m_attempt < m_retry.maxAttempts) {
            std::optional<std::chrono::milliseconds> retryAfter;
            if (reply->hasRawHeader("Retry-After")) {
                retryAfter = RetryPolicy::parseRetryAfter(reply->rawHeader("Retry-After"),
                                                          QDateTime::currentSecsSinceEpoch());
            }
            m_retryWait =
                m_retry.delay(m_attempt, QRandomGenerator::global()->generateDouble(), retryAfter);
            qCInfo(lcPopular).noquote() << "retrying:" << httpFailure(reply);
            scheduleNext();
            return;
        }
        fail(httpFailure(reply));
        return;
    }
    m_attempt = 0;
    ++m_pages;
    QString error;
    const QUrl pageUrl = reply->request().url();
    if (!takePage(reply->readAll(), &error)) {
        fail(PopularCrates::tr("The crates API at %1 returned a page Stowaway cannot read: %2")
                 .arg(pageUrl.toDisplayString(), error));
        return;
    }
    const QPointer<PopularCrates> self(this);
    Q_EMIT progress(int(m_crates.size()), m_wanted);
    if (!self || !m_running)
        return;
    // Bounded however the server paginates: enough pages for N, plus a few for duplicates.
    const int maxPages = m_wanted / kMaxPerPage + 5;
    if (m_crates.size() >= m_wanted || !m_next.isValid() || m_pages >= maxPages) {
        finishOk();
        return;
    }
    scheduleNext();
}

bool PopularCrates::takePage(const QByteArray &body, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = PopularCrates::tr("not JSON (%1 at byte %2)")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = document.object();
    const QJsonValue cratesValue = root.value(QLatin1String("crates"));
    if (!cratesValue.isArray()) {
        *error = PopularCrates::tr("no \"crates\" list");
        return false;
    }
    const QJsonArray crates = cratesValue.toArray();
    for (const QJsonValue &value : crates) {
        const QJsonObject crate = value.toObject();
        const QString name = crate.value(QLatin1String("name")).toString();
        if (!IndexPath::isValidCrateName(name)) {
            *error = PopularCrates::tr("a crate without a valid \"name\"");
            return false;
        }
        if (m_crates.size() >= m_wanted)
            break;
        const QString canonical = IndexPath::canonicalName(name);
        if (m_seen.contains(canonical))
            continue;
        m_seen.insert(canonical);
        PopularCrate entry;
        entry.name = name;
        entry.downloads = qint64(crate.value(QLatin1String("downloads")).toDouble());
        entry.rank = int(m_crates.size()) + 1;
        m_crates.append(entry);
    }

    m_next = QUrl();
    const QJsonValue next =
        root.value(QLatin1String("meta")).toObject().value(QLatin1String("next_page"));
    if (next.isString() && !next.toString().isEmpty() && !crates.isEmpty()) {
        const QUrl resolved = m_endpoint.resolved(QUrl(next.toString()));
        if (!resolved.isValid() || resolved.scheme() != m_endpoint.scheme() ||
            resolved.host() != m_endpoint.host() || resolved.port() != m_endpoint.port()) {
            *error = PopularCrates::tr("meta.next_page \"%1\" leads away from %2")
                         .arg(next.toString(), m_endpoint.toDisplayString());
            return false;
        }
        m_next = capPerPage(resolved);
    } else if (!next.isNull() && !next.isUndefined() && !next.isString()) {
        *error = PopularCrates::tr("meta.next_page is neither a string nor null");
        return false;
    }
    return true;
}

void PopularCrates::finishOk()
{
    m_running = false;
    Q_EMIT topReady(m_crates);
}

void PopularCrates::fail(const QString &message)
{
    m_running = false;
    qCDebug(lcPopular).noquote() << message;
    Q_EMIT failed(message);
}

} // namespace Stowaway

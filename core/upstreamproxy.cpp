// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstreamproxy.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QUrl>

#include <algorithm>

namespace Stowaway {

namespace {

constexpr quint16 DefaultProxyPort = 1080; // curl's default for every proxy scheme

/// Hands each request of one QNetworkAccessManager the proxy its URL goes through.
class ProxyFactory final : public QNetworkProxyFactory
{
public:
    explicit ProxyFactory(UpstreamProxy proxy) : m_proxy(std::move(proxy)) {}

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        QUrl url = query.url();
        if (url.isEmpty()) {
            url.setScheme(query.protocolTag());
            url.setHost(query.peerHostName());
        }
        return {m_proxy.proxyFor(url)};
    }

private:
    UpstreamProxy m_proxy;
};

/// The first non-empty value among @p names, and which name held it.
QPair<QString, QString> firstSet(const QProcessEnvironment &environment,
                                 std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        const QString value = environment.value(QLatin1String(name)).trimmed();
        if (!value.isEmpty())
            return {value, QLatin1String(name)};
    }
    return {};
}

/// One no_proxy entry in the form bypasses() compares: lower case, without brackets, port
/// or leading dot; empty when there is nothing to compare.
QString normalisedEntry(QString entry)
{
    entry = entry.trimmed().toLower();
    if (entry.startsWith(QLatin1Char('['))) {
        const qsizetype close = entry.indexOf(QLatin1Char(']'));
        entry = close > 0 ? entry.mid(1, close - 1) : entry.mid(1);
    } else if (entry.count(QLatin1Char(':')) == 1) {
        entry = entry.section(QLatin1Char(':'), 0, 0); // host:port
    }
    while (entry.startsWith(QLatin1Char('.')))
        entry.remove(0, 1);
    return entry;
}

bool isLoopback(const QString &host)
{
    const QString name = host.toLower();
    return name == QLatin1String("localhost") || name.endsWith(QLatin1String(".localhost")) ||
           QHostAddress(name).isLoopback();
}

} // namespace

std::optional<UpstreamProxy> UpstreamProxy::resolve(const QString &setting,
                                                    const QProcessEnvironment &environment,
                                                    QString *error)
{
    UpstreamProxy result;
    const QString text = setting.trimmed();
    if (text.compare(noneSetting(), Qt::CaseInsensitive) == 0)
        return result;
    if (!text.isEmpty()) {
        result.m_http = parseProxy(text, tr("the proxy setting"), error);
        if (!result.m_http)
            return std::nullopt;
        result.m_https = result.m_http;
    } else {
        const auto https =
            firstSet(environment, {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"});
        if (!https.first.isEmpty()) {
            result.m_https = parseProxy(https.first, https.second, error);
            if (!result.m_https)
                return std::nullopt;
            result.m_https->fromEnvironment = true;
        }
        const auto http = firstSet(environment, {"http_proxy", "all_proxy", "ALL_PROXY"});
        if (!http.first.isEmpty()) {
            result.m_http = parseProxy(http.first, http.second, error);
            if (!result.m_http)
                return std::nullopt;
            result.m_http->fromEnvironment = true;
        }
    }
    const QString noProxy = firstSet(environment, {"no_proxy", "NO_PROXY"}).first;
    for (const QString &entry : noProxy.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString normalised = normalisedEntry(entry);
        if (!normalised.contains(QLatin1Char('/'))) {
            if (!normalised.isEmpty())
                result.m_noProxy.append(normalised);
        } else if (const auto range = QHostAddress::parseSubnet(normalised); range.second >= 0) {
            result.m_noProxyRanges.append(range);
        }
    }
    return result;
}

bool UpstreamProxy::checkSetting(const QString &setting, QString *error)
{
    const QString text = setting.trimmed();
    if (text.isEmpty() || text.compare(noneSetting(), Qt::CaseInsensitive) == 0)
        return true;
    return parseProxy(text, tr("the proxy setting"), error).has_value();
}

std::optional<UpstreamProxy::Choice>
UpstreamProxy::parseProxy(const QString &text, const QString &source, QString *error)
{
    const auto fail = [&](const QString &message) -> std::optional<Choice> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QString withScheme =
        text.contains(QLatin1String("://")) ? text : QStringLiteral("http://") + text;
    const QUrl url(withScheme, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return fail(tr("%1 is %2, a proxy spoken to over TLS, which Stowaway cannot use; give "
                       "the proxy's http:// address instead (requests to https upstreams stay "
                       "encrypted through it).")
                        .arg(source, text));
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy;
    if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h"))
        type = QNetworkProxy::Socks5Proxy;
    else if (scheme != QLatin1String("http"))
        return fail(tr("%1 is %2, whose scheme %3 is not a proxy Stowaway knows; write it as "
                       "http://host:port or socks5://host:port.")
                        .arg(source, text, url.scheme()));
    if (!url.isValid() || url.host().isEmpty())
        return fail(tr("%1 is %2, which is not a proxy URL; write it as http://host:port (or "
                       "http://user:password@host:port), or set it to none to go direct.")
                        .arg(source, text));
    const quint16 port = quint16(url.port(DefaultProxyPort));
    Choice choice;
    choice.proxy = QNetworkProxy(type, url.host(), port, url.userName(QUrl::FullyDecoded),
                                 url.password(QUrl::FullyDecoded));
    choice.source = source;
    QUrl shown;
    shown.setScheme(scheme);
    shown.setHost(url.host());
    shown.setPort(port);
    shown.setUserName(url.userName(QUrl::FullyDecoded));
    choice.url = shown.toString();
    shown.setPassword(url.password(QUrl::FullyDecoded));
    choice.fullUrl = shown.toString(QUrl::FullyEncoded);
    return choice;
}

bool UpstreamProxy::bypasses(const QString &host) const
{
    const QString name = host.toLower();
    const QHostAddress address(name);
    for (const QString &entry : m_noProxy) {
        if (entry == QLatin1String("*") || entry == name)
            return true;
        if (address.isNull() && name.endsWith(QLatin1Char('.') + entry))
            return true;
    }
    return !address.isNull() &&
           std::any_of(m_noProxyRanges.cbegin(), m_noProxyRanges.cend(),
                       [&](const auto &range) { return address.isInSubnet(range); });
}

const UpstreamProxy::Choice *UpstreamProxy::choiceFor(const QUrl &url) const
{
    // Only web requests go through a proxy: a file:// or ssh git upstream never does.
    const QString scheme = url.scheme().toLower();
    const std::optional<Choice> *choice = scheme == QLatin1String("https")  ? &m_https
                                          : scheme == QLatin1String("http") ? &m_http
                                                                            : nullptr;
    if (!choice || !*choice || bypasses(url.host()))
        return nullptr;
    if ((*choice)->fromEnvironment && isLoopback(url.host()))
        return nullptr;
    return &**choice;
}

QNetworkProxy UpstreamProxy::proxyFor(const QUrl &url) const
{
    const Choice *choice = choiceFor(url);
    return choice ? choice->proxy : QNetworkProxy(QNetworkProxy::NoProxy);
}

QString UpstreamProxy::proxyUrlFor(const QUrl &url) const
{
    const Choice *choice = choiceFor(url);
    return choice ? choice->fullUrl : QString();
}

QString UpstreamProxy::describeFor(const QUrl &url) const
{
    const Choice *choice = choiceFor(url);
    return choice ? tr("%1 (from %2)").arg(choice->url, choice->source) : QString();
}

void UpstreamProxy::applyTo(QNetworkAccessManager &nam) const
{
    nam.setProxyFactory(new ProxyFactory(*this));
}

} // namespace Stowaway

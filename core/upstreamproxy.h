// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QNetworkProxy>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

class QNetworkAccessManager;
class QUrl;

namespace Stowaway {

/**
 * The outbound proxy of one sync: which proxy, if any, each upstream request goes through
 * (index files, config.json, downloads, the crates.io API and git fetches).
 *
 * Chosen the way cargo and curl choose, so a machine already set up for them needs nothing
 * more:
 * - the mirror's `proxy` setting (mirror.toml, `sync --proxy`, the window's settings) wins:
 *   a URL sends every request through that proxy, `none` sends every request direct;
 * - left empty, the environment decides: `https_proxy` / `HTTPS_PROXY` for https URLs,
 *   `http_proxy` for http URLs (lower case only, as in curl: a CGI program gets
 *   `HTTP_PROXY` from a request's `Proxy:` header), then `all_proxy` / `ALL_PROXY`;
 * - either way, hosts listed in `no_proxy` / `NO_PROXY` are reached direct: `*` for all, a
 *   name (which also covers its subdomains; a leading dot is allowed), an IP address, or an
 *   IP range such as 10.0.0.0/8. A port given with an entry is ignored;
 * - a proxy from the environment never carries requests to this machine's own loopback
 *   (localhost, 127.0.0.0/8, ::1), as in Go's and Qt's own proxy rules: such a proxy is set
 *   for the internet, and it would reach its own loopback instead. A proxy the user set on
 *   purpose does (an SSH tunnel's SOCKS proxy to a remote machine's localhost, say).
 *
 * Proxy URLs: `http://[user:password@]host[:port]` (port 1080 when left out, like curl),
 * `socks5://` or `socks5h://` (Qt's SOCKS client resolves names on the proxy either way);
 * a URL without a scheme is an http proxy. A proxy spoken to over TLS (`https://`) is not
 * supported by Qt and is refused with a message.
 *
 * A plain value: resolve() it once per sync, then applyTo() each QNetworkAccessManager of
 * that sync. A default-constructed UpstreamProxy sends everything direct.
 */
class UpstreamProxy final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::UpstreamProxy)

public:
    UpstreamProxy() = default;

    /// The setting's word for "never use a proxy, whatever the environment says".
    static QString noneSetting() { return QStringLiteral("none"); }

    /**
     * The proxy choice for @p setting ("" = the environment, "none", or a proxy URL) in
     * @p environment. Returns nothing, with @p error naming the setting or variable at fault
     * and saying what to write instead, when a proxy URL does not parse.
     */
    static std::optional<UpstreamProxy>
    resolve(const QString &setting, const QProcessEnvironment &environment, QString *error);

    /// True when @p setting is acceptable for mirror.toml ("", "none" or a proxy URL);
    /// otherwise false with @p error set. Does not look at the environment.
    static bool checkSetting(const QString &setting, QString *error);

    /// The proxy a request to @p url goes through; QNetworkProxy::NoProxy for direct.
    QNetworkProxy proxyFor(const QUrl &url) const;

    /// The same choice as a URL for libgit2 (`http://user:password@host:port`); empty for
    /// direct.
    QString proxyUrlFor(const QUrl &url) const;

    /// For messages: "http://proxy.example:3128 (from https_proxy)"; empty when @p url goes
    /// direct. Never shows a password.
    QString describeFor(const QUrl &url) const;

    /// True when no request goes through a proxy.
    bool isDirect() const { return !m_http && !m_https; }

    /// Makes @p nam send each request through proxyFor() its URL (a factory it owns).
    void applyTo(QNetworkAccessManager &nam) const;

private:
    struct Choice
    {
        QNetworkProxy proxy;
        QString url;     ///< as given, password removed
        QString source;  ///< "mirror.toml proxy", "https_proxy", ...
        QString fullUrl; ///< with the password, for libgit2
        bool fromEnvironment = false;
    };

    static std::optional<Choice> parseProxy(const QString &text, const QString &source,
                                            QString *error);
    bool bypasses(const QString &host) const;
    const Choice *choiceFor(const QUrl &url) const;

    std::optional<Choice> m_http;
    std::optional<Choice> m_https;
    QStringList m_noProxy; ///< names and addresses: lower case, brackets and leading dots removed
    QList<QPair<QHostAddress, int>> m_noProxyRanges; ///< the IP ranges (10.0.0.0/8), parsed once
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstreamurl.h"

#include "indexpath.h"

namespace Stowaway {

namespace {
std::optional<UpstreamUrl> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}
} // namespace

std::optional<UpstreamUrl> UpstreamUrl::parse(QStringView input, QString *error)
{
    const QString text = input.trimmed().toString();
    const QString example = defaultUrl().toString();
    if (text.isEmpty())
        return fail(error, UpstreamUrl::tr("The upstream URL is empty; use a sparse index URL "
                                           "such as %1")
                               .arg(example));
    const QLatin1String prefix("sparse+");
    if (!text.startsWith(prefix)) {
        if (text.startsWith(QLatin1String("registry+")) ||
            text.contains(QLatin1String("crates.io-index"))) {
            return fail(error, UpstreamUrl::tr("%1 looks like a git index: give sync "
                                               "--upstream the git URL itself (no registry+ "
                                               "prefix, ending in .git), or use the sparse "
                                               "index %2")
                                   .arg(text, example));
        }
        if (text.startsWith(QLatin1String("http://")) ||
            text.startsWith(QLatin1String("https://"))) {
            const QString fixed =
                prefix + text + (text.endsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/"));
            return fail(error, UpstreamUrl::tr("%1 lacks the sparse+ prefix cargo uses for sparse "
                                               "indexes: write %2")
                                   .arg(text, fixed));
        }
        return fail(
            error,
            UpstreamUrl::tr("%1 is not a sparse index URL; write it like %2").arg(text, example));
    }

    const QString rest = text.mid(prefix.size());
    const QUrl url(rest, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty()) {
        return fail(error, UpstreamUrl::tr("%1 is not a valid sparse index URL; write it like %2")
                               .arg(text, example));
    }
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()) {
        return fail(error, UpstreamUrl::tr("%1 must not carry a query, a fragment or a user name; "
                                           "write it like %2")
                               .arg(text, example));
    }
    if (!rest.endsWith(QLatin1Char('/'))) {
        return fail(error, UpstreamUrl::tr("sparse registry URLs must end in a slash `/`, as cargo "
                                           "requires: use %1/")
                               .arg(text));
    }
    return UpstreamUrl(url);
}

QUrl UpstreamUrl::configUrl() const
{
    return m_base.resolved(QUrl(QStringLiteral("config.json")));
}

QUrl UpstreamUrl::indexFileUrl(QStringView name) const
{
    const QString path = IndexPath::relativePath(name);
    if (path.isEmpty())
        return {};
    return m_base.resolved(QUrl(path));
}

} // namespace Stowaway

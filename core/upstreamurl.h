// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringView>
#include <QUrl>

#include <optional>

namespace Stowaway {

/**
 * The sparse index Stowaway mirrors, as given to `--upstream` or saved in mirror.toml:
 * `sparse+http(s)://host[:port]/path/`. Like cargo it must carry the `sparse+` prefix and end
 * in `/`; request URLs are the index URL (without `sparse+`) followed by `config.json` or an
 * index path (lower-cased, IndexPath::relativePath). A plain value without thread affinity.
 */
class UpstreamUrl final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::UpstreamUrl)

public:
    /// crates.io's sparse index.
    static constexpr QStringView defaultUrl() { return u"sparse+https://index.crates.io/"; }

    /// Checks @p text (surrounding white space is ignored). On failure returns nothing and
    /// puts a one-line message with the fix into @p error (which may be null).
    static std::optional<UpstreamUrl> parse(QStringView text, QString *error);

    /// The URL as the user writes it, with `sparse+`: `sparse+https://index.crates.io/`.
    QString text() const { return QStringLiteral("sparse+") + m_base.toString(); }
    /// The index root without `sparse+`, ending in `/`.
    QUrl baseUrl() const { return m_base; }
    /// `{base}config.json`.
    QUrl configUrl() const;
    /// `{base}{IndexPath::relativePath(name)}`, e.g. `…/se/rd/serde`; an empty QUrl when
    /// @p name is not a valid crate name.
    QUrl indexFileUrl(QStringView name) const;

    friend bool operator==(const UpstreamUrl &a, const UpstreamUrl &b)
    {
        return a.m_base == b.m_base;
    }

private:
    explicit UpstreamUrl(QUrl base) : m_base(std::move(base)) {}
    QUrl m_base;
};

} // namespace Stowaway

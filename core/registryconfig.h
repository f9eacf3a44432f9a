// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Stowaway {

/**
 * A registry's `config.json` as cargo reads it: `dl` (the download URL template, required),
 * `api` (web API base URL, optional) and `auth-required` (default false). Unknown keys are
 * ignored, as cargo ignores them. A plain value without thread affinity.
 */
struct RegistryConfig
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::RegistryConfig)

public:
    QString dl;                ///< download template, see DownloadUrl
    QString api;               ///< empty when the registry has no web API
    bool authRequired = false; ///< `auth-required`

    bool hasApi() const { return !api.isEmpty(); }

    /// Parses @p json. On failure returns nothing and says what is wrong in @p error
    /// (which may be null).
    static std::optional<RegistryConfig> parse(const QByteArray &json, QString *error);

    friend bool operator==(const RegistryConfig &, const RegistryConfig &) = default;
};

} // namespace Stowaway

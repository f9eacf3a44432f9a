// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Stowaway {

/**
 * The cargo configuration a teammate needs to use a mirror shared on the LAN with a
 * token: a named registry (token lookup is by registry name, so an anonymous
 * `[source.x]` would never get one), crates.io replaced by it, the `cargo:token`
 * credential provider that auth-required registries need, and the token itself either in
 * `credentials.toml` or in the environment.
 *
 * A plain value; pure functions, safe on any thread.
 */
class CargoTeammateConfig final
{
public:
    /// The registry name used in the teammate's config.
    static constexpr const char *RegistryName = "stowaway-lan";

    /// `baseUrl`: how teammates reach the mirror, e.g. "http://192.168.1.20:27428".
    CargoTeammateConfig(QString baseUrl, QString token);

    /// "sparse+http://HOST:PORT/index/"
    QString indexUrl() const;
    /// For `$CARGO_HOME/config.toml`: [registries.stowaway-lan], [source.crates-io]
    /// replace-with, [registry] global-credential-providers.
    QString configToml() const;
    /// For `$CARGO_HOME/credentials.toml`: [registries.stowaway-lan] token.
    QString credentialsToml() const;
    /// "CARGO_REGISTRIES_STOWAWAY_LAN_TOKEN", the alternative to credentials.toml.
    static QString tokenEnvironmentVariable();
    /// Both files with a comment line before each, ready to show and copy.
    QString instructions() const;

private:
    QString m_baseUrl;
    QString m_token;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargoteammateconfig.h"

#include <QCoreApplication>

namespace Stowaway {

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
QString tomlString(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += QLatin1Char('\\') + c;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

} // namespace

CargoTeammateConfig::CargoTeammateConfig(QString baseUrl, QString token)
    : m_baseUrl(std::move(baseUrl)), m_token(std::move(token))
{
    while (m_baseUrl.endsWith(QLatin1Char('/')))
        m_baseUrl.chop(1);
}

QString CargoTeammateConfig::indexUrl() const
{
    return QStringLiteral("sparse+") + m_baseUrl + QStringLiteral("/index/");
}

QString CargoTeammateConfig::configToml() const
{
    const QString name = QLatin1String(RegistryName);
    return QStringLiteral("[registries.") + name + QStringLiteral("]\nindex = ") +
           tomlString(indexUrl()) + QStringLiteral("\n\n[source.crates-io]\nreplace-with = ") +
           tomlString(name) +
           QStringLiteral("\n\n[registry]\nglobal-credential-providers = [\"cargo:token\"]\n");
}

QString CargoTeammateConfig::credentialsToml() const
{
    return QStringLiteral("[registries.") + QLatin1String(RegistryName) +
           QStringLiteral("]\ntoken = ") + tomlString(m_token) + QLatin1Char('\n');
}

QString CargoTeammateConfig::tokenEnvironmentVariable()
{
    return QStringLiteral("CARGO_REGISTRIES_") +
           QString::fromLatin1(RegistryName).toUpper().replace(QLatin1Char('-'), QLatin1Char('_')) +
           QStringLiteral("_TOKEN");
}

QString CargoTeammateConfig::instructions() const
{
    return QStringLiteral("# ") +
           QCoreApplication::translate("CargoTeammateConfig",
                                       "Add to ~/.cargo/config.toml (%USERPROFILE%\\.cargo on "
                                       "Windows):") +
           QLatin1Char('\n') + configToml() + QStringLiteral("\n# ") +
           QCoreApplication::translate("CargoTeammateConfig",
                                       "Add to ~/.cargo/credentials.toml (or set %1):")
               .arg(tokenEnvironmentVariable()) +
           QLatin1Char('\n') + credentialsToml();
}

} // namespace Stowaway

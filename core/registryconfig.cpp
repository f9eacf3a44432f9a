// SPDX-License-Identifier: GPL-3.0-or-later
#include "registryconfig.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace Stowaway {

namespace {
std::optional<RegistryConfig> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}
} // namespace

std::optional<RegistryConfig> RegistryConfig::parse(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(error, RegistryConfig::tr("config.json is not valid JSON (%1 at byte %2)")
                               .arg(parseError.errorString())
                               .arg(parseError.offset));
    }
    if (!document.isObject())
        return fail(error, RegistryConfig::tr("config.json is not a JSON object"));
    const QJsonObject object = document.object();

    RegistryConfig config;
    const QJsonValue dl = object.value(QLatin1String("dl"));
    if (dl.isUndefined() || dl.isNull())
        return fail(error, RegistryConfig::tr("config.json has no \"dl\" download URL"));
    if (!dl.isString() || dl.toString().trimmed().isEmpty())
        return fail(error, RegistryConfig::tr("config.json: \"dl\" must be a non-empty string"));
    config.dl = dl.toString();

    const QJsonValue api = object.value(QLatin1String("api"));
    if (api.isString())
        config.api = api.toString();
    else if (!api.isUndefined() && !api.isNull())
        return fail(error, RegistryConfig::tr("config.json: \"api\" must be a string"));

    const QJsonValue auth = object.value(QLatin1String("auth-required"));
    if (auth.isBool())
        config.authRequired = auth.toBool();
    else if (!auth.isUndefined() && !auth.isNull())
        return fail(error,
                    RegistryConfig::tr("config.json: \"auth-required\" must be true or false"));
    return config;
}

} // namespace Stowaway

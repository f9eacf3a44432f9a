// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargoconfigcommand.h"
#include "homepath.h"

#include "cargoconfigfile.h"
#include "cargoconfigswitch.h"
#include "commandparser.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Stowaway {

namespace {

QString stateName(CargoConfigStatus::State state)
{
    switch (state) {
    case CargoConfigStatus::Enabled:
        return QStringLiteral("enabled");
    case CargoConfigStatus::OtherMirror:
        return QStringLiteral("other-mirror");
    case CargoConfigStatus::OtherSource:
        return QStringLiteral("other-source");
    case CargoConfigStatus::Unreadable:
        return QStringLiteral("unreadable");
    case CargoConfigStatus::NotEnabled:
        break;
    }
    return QStringLiteral("not-enabled");
}

QJsonObject toJson(const CargoConfigStatus &status)
{
    QJsonArray overrides;
    for (const CargoConfigStatus::Override &entry : status.overrides)
        overrides.append(QJsonObject{{QStringLiteral("file"), entry.file},
                                     {QStringLiteral("dir"), entry.dir},
                                     {QStringLiteral("replaceWith"), entry.replaceWith}});
    return {{QStringLiteral("state"), stateName(status.state)},
            {QStringLiteral("enabled"), status.state == CargoConfigStatus::Enabled},
            {QStringLiteral("file"), status.file},
            {QStringLiteral("fileExists"), status.fileExists},
            {QStringLiteral("line"), status.line},
            {QStringLiteral("replaceWith"), status.replaceWith},
            {QStringLiteral("registry"), status.registry},
            {QStringLiteral("addedByStowaway"), status.addedByStowaway},
            {QStringLiteral("overrides"), overrides},
            {QStringLiteral("notes"), QJsonArray::fromStringList(status.notes)},
            {QStringLiteral("message"), status.message}};
}

QJsonObject toJson(const CargoConfigResult &result)
{
    return {{QStringLiteral("ok"), result.ok},
            {QStringLiteral("changed"), result.changed},
            {QStringLiteral("file"), result.file},
            {QStringLiteral("backup"), result.backupFile},
            {QStringLiteral("message"), result.message}};
}

} // namespace

int CargoConfigCommand::run(const QStringList &arguments, CommandContext &context)
{
    CommandParser parser(
        tr("Points cargo's crates-io at the Stowaway mirror in $CARGO_HOME/config.toml "
           "(or `config`, which cargo prefers when both exist), undoes that "
           "byte for byte, or shows what cargo uses now. A backup "
           "(<file>.stowaway-bak-<UTC time>) is kept before each change."),
        QStringLiteral(" enable|disable|status"));
    parser.addOption({QStringLiteral("cargo-home"),
                      tr("Cargo's home folder (default: $CARGO_HOME, else ~/.cargo)."),
                      QStringLiteral("DIR")});
    parser.addOption(
        {QStringLiteral("url"),
         tr("The mirror's URL (default: %1).").arg(QLatin1String(CargoConfigSwitch::DefaultUrl)),
         QStringLiteral("URL")});
    parser.addOption(
        {QStringLiteral("force"), tr("enable: take over an existing crates-io replacement "
                                     "(disable restores it).")});
    parser.addOption({QStringLiteral("json"), tr("Print the result as JSON.")});
    int exitCode = ExitOk;
    if (!parser.parse(arguments, context, exitCode))
        return exitCode;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return parser.usageError(context, tr("say what to do: enable, disable or status"));
    const QString action = positional.first();
    if (action != QLatin1String("enable") && action != QLatin1String("disable") &&
        action != QLatin1String("status"))
        return parser.usageError(
            context, tr("unknown action '%1'; use enable, disable or status").arg(action));
    if (parser.isSet(QStringLiteral("force")) && action != QLatin1String("enable"))
        return parser.usageError(context, tr("--force only applies to enable"));
    if (parser.isSet(QStringLiteral("url")) && action == QLatin1String("disable"))
        return parser.usageError(context, tr("--url does not apply to disable"));

    const QString url = parser.isSet(QStringLiteral("url"))
                            ? parser.value(QStringLiteral("url"))
                            : QLatin1String(CargoConfigSwitch::DefaultUrl);
    QString urlError;
    if (CargoConfigFile::registryValue(url, &urlError).isEmpty())
        return parser.usageError(context, tr("--url: %1").arg(urlError));
    const QString home = parser.isSet(QStringLiteral("cargo-home"))
                             ? parser.value(QStringLiteral("cargo-home"))
                             : CargoConfigSwitch::defaultCargoHome();
    if (home.isEmpty())
        return parser.usageError(context, tr("--cargo-home needs a folder"));
    const CargoConfigSwitch cargoSwitch(home);
    const bool json = parser.isSet(QStringLiteral("json"));

    if (action == QLatin1String("status")) {
        const CargoConfigStatus status = cargoSwitch.status(url, QDir::currentPath());
        if (json) {
            context.out << QJsonDocument(toJson(status)).toJson(QJsonDocument::Indented);
        } else {
            context.out << status.message << "\n";
            for (const QString &note : status.notes)
                context.out << note << "\n";
        }
        context.out.flush();
        return status.state == CargoConfigStatus::Unreadable ? ExitFailed : ExitOk;
    }

    const CargoConfigResult result =
        action == QLatin1String("enable")
            ? cargoSwitch.enable(url, parser.isSet(QStringLiteral("force")))
            : cargoSwitch.disable();
    if (json) {
        context.out << QJsonDocument(toJson(result)).toJson(QJsonDocument::Indented);
    } else if (result.ok) {
        context.out << result.message << "\n";
        if (!result.backupFile.isEmpty())
            context.out << tr("backup: %1").arg(HomePath::display(result.backupFile)) << "\n";
    } else {
        context.err << "stowaway: " << result.message << "\n";
    }
    context.out.flush();
    context.err.flush();
    return result.ok ? ExitOk : ExitFailed;
}

} // namespace Stowaway

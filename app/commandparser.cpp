// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandparser.h"

#include "mirrorlayout.h"
#include "mirrorstore.h"

namespace Stowaway {

CommandParser::CommandParser(const QString &description, const QString &usageSuffix)
    : m_usageSuffix(usageSuffix)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption({{QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help.")});
    m_parser.addOption({QStringLiteral("mirror"),
                        tr("The mirror folder (default: $STOWAWAY_MIRROR, else the app data "
                           "folder)."),
                        QStringLiteral("DIR")});
}

bool CommandParser::parse(const QStringList &arguments, CommandContext &context, int &exitCode)
{
    m_commandLine = arguments.value(0);
    if (!m_parser.parse(arguments)) {
        exitCode = usageError(context, m_parser.errorText());
        return false;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        QString help = m_parser.helpText();
        // QCommandLineParser names the binary; name the sub-command instead.
        const QString usageLine =
            tr("Usage: %1 [options]%2").arg(arguments.value(0), m_usageSuffix);
        const qsizetype eol = help.indexOf(QLatin1Char('\n'));
        help.replace(0, eol, usageLine);
        context.out << help;
        context.out.flush();
        exitCode = ExitOk;
        return false;
    }
    return true;
}

QString CommandParser::mirrorRoot(const CommandContext &context) const
{
    const QString local = m_parser.value(QStringLiteral("mirror"));
    return MirrorLayout::resolveRoot(local.isEmpty() ? context.mirrorOption : local);
}

std::unique_ptr<MirrorStore> CommandParser::openStore(CommandContext &context) const
{
    auto store = std::make_unique<MirrorStore>(MirrorLayout(mirrorRoot(context)));
    QString error;
    if (!store->open(&error)) {
        context.err << "stowaway: " << error << "\n";
        context.err.flush();
        return nullptr;
    }
    return store;
}

int CommandParser::usageError(CommandContext &context, const QString &message) const
{
    context.err << "stowaway: " << message << "\n"
                << tr("Try '%1 --help' for usage.").arg(m_commandLine) << "\n";
    context.err.flush();
    return ExitUsage;
}

} // namespace Stowaway

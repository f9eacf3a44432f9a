// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include <QCoreApplication>

#include <cstdio>

namespace Stowaway {

namespace {
struct GlobalArguments
{
    QString mirror;
    bool help = false;
    bool version = false;
    bool tray = false;
    QString command;
    QStringList rest;
    QString error;
};

GlobalArguments splitArguments(const QStringList &arguments)
{
    GlobalArguments parsed;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--mirror")) {
            if (i + 1 >= arguments.size()) {
                parsed.error = Cli::tr("--mirror needs a folder");
                return parsed;
            }
            parsed.mirror = arguments.at(++i);
        } else if (arg.startsWith(QLatin1String("--mirror="))) {
            parsed.mirror = arg.mid(9);
        } else if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            parsed.help = true;
        } else if (arg == QLatin1String("--version") || arg == QLatin1String("-V")) {
            parsed.version = true;
        } else if (arg == QLatin1String("--tray")) {
            parsed.tray = true;
        } else if (arg.startsWith(QLatin1Char('-'))) {
            parsed.error = Cli::tr("unknown option %1").arg(arg);
            return parsed;
        } else {
            parsed.command = arg;
            parsed.rest = arguments.mid(i + 1);
            return parsed;
        }
    }
    return parsed;
}
} // namespace

Cli::Cli(std::vector<std::unique_ptr<Command>> commands) : m_commands(std::move(commands)) {}

bool Cli::wantsDesktop(const QStringList &arguments)
{
    const GlobalArguments parsed = splitArguments(arguments);
    return parsed.error.isEmpty() && !parsed.help && !parsed.version && parsed.command.isEmpty();
}

DesktopArguments Cli::desktopArguments(const QStringList &arguments)
{
    const GlobalArguments parsed = splitArguments(arguments);
    return {parsed.mirror, parsed.tray};
}

int Cli::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const GlobalArguments parsed = splitArguments(arguments);
    if (!parsed.error.isEmpty()) {
        err << "stowaway: " << parsed.error << "\n";
        printUsage(err);
        return ExitUsage;
    }
    if (parsed.tray && !parsed.command.isEmpty()) {
        err << "stowaway: " << tr("--tray starts the desktop app; it takes no command") << "\n";
        return ExitUsage;
    }
    if (parsed.version) {
        out << "stowaway " << QCoreApplication::applicationVersion() << "\n";
        return ExitOk;
    }
    if (parsed.command.isEmpty() || parsed.command == QLatin1String("help")) {
        if (parsed.help || parsed.command == QLatin1String("help")) {
            if (!parsed.rest.isEmpty()) {
                if (Command *command = find(parsed.rest.first())) {
                    CommandContext context{parsed.mirror, out, err};
                    return command->run(
                        {QStringLiteral("stowaway ") + command->name(), QStringLiteral("--help")},
                        context);
                }
            }
            printUsage(out);
            return ExitOk;
        }
        printUsage(err);
        return ExitUsage;
    }
    Command *command = find(parsed.command);
    if (!command) {
        err << "stowaway: " << tr("unknown command '%1'").arg(parsed.command) << "\n";
        printUsage(err);
        return ExitUsage;
    }
    CommandContext context{parsed.mirror, out, err};
    QStringList commandArguments{QStringLiteral("stowaway ") + command->name()};
    commandArguments += parsed.rest;
    if (parsed.help)
        commandArguments += QStringLiteral("--help");
    const int code = command->run(commandArguments, context);
    out.flush();
    err.flush();
    return code;
}

void Cli::printUsage(QTextStream &stream) const
{
    stream << tr("Usage: stowaway [--mirror DIR] <command> [options]\n"
                 "       stowaway [--mirror DIR] [--tray]   start the desktop app (--tray: hidden\n"
                 "                                          in the tray, as at login)\n\n"
                 "A local crates.io mirror that cargo can use offline.\n\n"
                 "Commands:\n");
    for (const auto &command : m_commands)
        stream << "  " << command->name().leftJustified(14) << command->summary() << "\n";
    stream << "\n"
           << tr("Global options:\n"
                 "  --mirror DIR  the mirror folder (default: $STOWAWAY_MIRROR, else\n"
                 "                ~/.local/share/stowaway/mirror)\n"
                 "  --version     print the version\n"
                 "  --help        this text; `stowaway <command> --help` for a command\n\n"
                 "Exit codes: 0 ok, 1 the work failed, 2 usage error.\n");
    stream.flush();
}

Command *Cli::find(const QString &name) const
{
    for (const auto &command : m_commands) {
        if (command->name() == name)
            return command.get();
    }
    return nullptr;
}

} // namespace Stowaway

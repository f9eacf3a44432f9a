// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Stowaway {

/// Exit codes every command uses.
enum ExitCode : int { ExitOk = 0, ExitFailed = 1, ExitUsage = 2 };

/// What a command gets from the dispatcher.
struct CommandContext
{
    QString mirrorOption; ///< `--mirror DIR` given before the command, or empty
    QTextStream &out;
    QTextStream &err;
};

/**
 * One `stowaway <name>` sub-command. `run` receives the arguments after the command
 * name, with argv[0] replaced by "stowaway <name>", and returns an ExitCode. A command
 * may run the application's event loop (serve does); it must not nest one.
 */
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    virtual int run(const QStringList &arguments, CommandContext &context) = 0;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace Stowaway {

/// The options of `stowaway [--mirror DIR] [--tray]`, the desktop app.
struct DesktopArguments
{
    QString mirror;    ///< `--mirror DIR`, or empty
    bool tray = false; ///< start hidden in the tray (the autostart entry passes it)
};

/**
 * The command-line front door: global options, `--version`, `--help`, and dispatch to
 * the sub-commands. Built in main() with the list of commands.
 */
class Cli final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::Cli)

public:
    explicit Cli(std::vector<std::unique_ptr<Command>> commands);

    /// True when these arguments ask for the desktop app (no sub-command given).
    static bool wantsDesktop(const QStringList &arguments);
    /// The desktop app's options from the same arguments.
    static DesktopArguments desktopArguments(const QStringList &arguments);

    int run(const QStringList &arguments);

private:
    void printUsage(QTextStream &stream) const;
    Command *find(const QString &name) const;

    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <memory>

namespace Stowaway {

class MirrorStore;

/**
 * QCommandLineParser with the options every command shares (`--help`, `--mirror DIR`)
 * and the project's exit codes: parse errors are usage errors (2), `--help` is 0.
 */
class CommandParser final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::CommandParser)

public:
    CommandParser(const QString &description, const QString &usageSuffix = {});

    QCommandLineParser &parser() { return m_parser; }
    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }

    /// Parses; returns false when the command must stop now, with `exitCode` set
    /// (help printed → ExitOk; bad arguments reported on `context.err` → ExitUsage).
    bool parse(const QStringList &arguments, CommandContext &context, int &exitCode);

    /// The mirror folder: this command's `--mirror`, the global one, env, default.
    QString mirrorRoot(const CommandContext &context) const;

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    QStringList positionalArguments() const { return m_parser.positionalArguments(); }

    /// Opens the mirror this command works on; on failure says why on `context.err` and
    /// returns null (the command then exits with ExitFailed).
    std::unique_ptr<MirrorStore> openStore(CommandContext &context) const;

    /// Reports a usage problem and returns ExitUsage.
    int usageError(CommandContext &context, const QString &message) const;

private:
    QCommandLineParser m_parser;
    QString m_usageSuffix;
    QString m_commandLine;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
// Windows: a value in the per-user Run key. Compiled on Windows only (core/CMakeLists.txt); it
// has never been compiled or run on Windows from the Linux build machine.
#include "autostart.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSettings>

#include <utility>

Q_LOGGING_CATEGORY(lcWinAutostart, "stowaway.autostart")

namespace Stowaway {

namespace {

const QString UserRunKey =
    QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString MachineRunKey =
    QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString ValueName = QStringLiteral("Stowaway");

/// The program of a Run command line: the quoted part, or everything up to the first space.
QString programOf(const QString &commandLine)
{
    const QString line = commandLine.trimmed();
    if (line.startsWith(QLatin1Char('"'))) {
        const qsizetype end = line.indexOf(QLatin1Char('"'), 1);
        return end < 0 ? QString() : line.mid(1, end - 1);
    }
    const qsizetype space = line.indexOf(QLatin1Char(' '));
    return space < 0 ? line : line.left(space);
}

/// One argument of a Windows command line, quoted the way CommandLineToArgvW reads it back.
QString quoteArgument(const QString &arg)
{
    if (!arg.isEmpty() && !arg.contains(QLatin1Char(' ')) && !arg.contains(QLatin1Char('\t')) &&
        !arg.contains(QLatin1Char('"')))
        return arg;
    QString out = QStringLiteral("\"");
    qsizetype backslashes = 0;
    for (const QChar c : arg) {
        if (c == u'\\') {
            ++backslashes;
            continue;
        }
        if (c == u'"')
            out += QString(backslashes * 2 + 1, QLatin1Char('\\'));
        else
            out += QString(backslashes, QLatin1Char('\\'));
        backslashes = 0;
        out += c;
    }
    out += QString(backslashes * 2, QLatin1Char('\\'));
    out += QLatin1Char('"');
    return out;
}

bool samePath(const QString &a, const QString &b)
{
    return QDir::cleanPath(QDir::fromNativeSeparators(a))
               .compare(QDir::cleanPath(QDir::fromNativeSeparators(b)), Qt::CaseInsensitive) == 0;
}

class RunKeyAutostart final : public Autostart
{
public:
    explicit RunKeyAutostart(AutostartOptions options)
        : m_options(std::move(options))
        , m_executable(QFileInfo(m_options.resolvedExecutable()).absoluteFilePath())
        , m_userKey(m_options.registryRoot.isEmpty() ? UserRunKey : m_options.registryRoot)
        , m_machineKey(m_options.machineRegistryRoot.isEmpty() ? MachineRunKey
                                                               : m_options.machineRegistryRoot)
    {}

    bool isEnabled() const override
    {
        const QString command = userCommand();
        if (!command.isEmpty())
            return samePath(programOf(command), m_executable);
        const QString machine = machineCommand();
        return !machine.isEmpty() && samePath(programOf(machine), m_executable);
    }

    bool isManagedElsewhere() const override
    {
        const QString command = userCommand();
        if (!command.isEmpty() && !samePath(programOf(command), m_executable))
            return true;
        return !machineCommand().isEmpty();
    }

    QString description() const override
    {
        if (!machineCommand().isEmpty())
            return tr("Set by an administrator in %1").arg(m_machineKey);
        return m_userKey + QLatin1Char('\\') + ValueName;
    }

    bool setEnabled(bool on, QString *error) override
    {
        const auto fail = [error](const QString &message) {
            if (error)
                *error = message;
            qCWarning(lcWinAutostart).noquote() << message;
            return false;
        };
        const QString existing = userCommand();
        const bool foreign = !existing.isEmpty() && !samePath(programOf(existing), m_executable);
        if (foreign) {
            if (!on)
                return true;
            return fail(tr("The value \"%1\" in %2 already starts %3 at login, not this copy of "
                           "%4 (%5); it was left alone. Remove it in Task Manager's Startup apps "
                           "or the Registry Editor, then try again.")
                            .arg(ValueName, m_userKey, programOf(existing), m_options.displayName,
                                 QDir::toNativeSeparators(m_executable)));
        }
        const QString machine = machineCommand();
        const bool machineStartsUs =
            !machine.isEmpty() && samePath(programOf(machine), m_executable);
        // Windows runs both Run keys: a user value next to the administrator's would start the
        // app twice.
        if (on && machineStartsUs)
            return true;

        QSettings run(m_userKey, QSettings::NativeFormat);
        if (on)
            run.setValue(ValueName, commandLine());
        else
            run.remove(ValueName);
        run.sync();
        if (run.status() != QSettings::NoError) {
            return fail(tr("Could not change %1 in %2: the registry refused the write. Check "
                           "that your account may change its own settings, then try again.")
                            .arg(ValueName, m_userKey));
        }
        if (!on && machineStartsUs) {
            return fail(tr("An administrator set %1 to start at login for every user in %2; ask "
                           "them to change it.")
                            .arg(m_options.displayName, m_machineKey));
        }
        return true;
    }

private:
    /// The command line written as the value: the quoted program, then the arguments.
    QString commandLine() const
    {
        QString line = QLatin1Char('"') + QDir::toNativeSeparators(m_executable) + QLatin1Char('"');
        for (const QString &arg : m_options.arguments)
            line += QLatin1Char(' ') + quoteArgument(arg);
        return line;
    }

    QString userCommand() const
    {
        return QSettings(m_userKey, QSettings::NativeFormat).value(ValueName).toString();
    }

    /// The machine-wide value, from the 64-bit and the 32-bit view of the registry.
    QString machineCommand() const
    {
        for (const QSettings::Format format :
             {QSettings::Registry64Format, QSettings::Registry32Format}) {
            const QString value = QSettings(m_machineKey, format).value(ValueName).toString();
            if (!value.isEmpty())
                return value;
        }
        return {};
    }

    AutostartOptions m_options;
    QString m_executable;
    QString m_userKey;
    QString m_machineKey;
};

} // namespace

std::unique_ptr<Autostart> Autostart::create(const AutostartOptions &options)
{
    return std::make_unique<RunKeyAutostart>(options);
}

} // namespace Stowaway

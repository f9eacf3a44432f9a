// SPDX-License-Identifier: GPL-3.0-or-later
// Windows: a value in the per-user Run key. The product compiles this file on Windows only
// (core/CMakeLists.txt). It has never been compiled or run on Windows; on Linux,
// tests/core/tst_runkeyautostart builds it with ini files standing in for the registry.
// The factory at the bottom exists on Windows only.
#include "runkeyautostart.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSettings>

#include <initializer_list>
#include <utility>

Q_LOGGING_CATEGORY(lcRunKey, "stowaway.autostart")

namespace Stowaway {

namespace {

#ifdef Q_OS_WIN
constexpr QSettings::Format UserFormat = QSettings::NativeFormat;
// HKLM\Software is redirected for 32-bit programs; an administrator's value may be in either.
constexpr std::initializer_list<QSettings::Format> MachineFormats = {QSettings::Registry64Format,
                                                                     QSettings::Registry32Format};
#else
constexpr QSettings::Format UserFormat = QSettings::IniFormat;
constexpr std::initializer_list<QSettings::Format> MachineFormats = {QSettings::IniFormat};
#endif

QString valueName()
{
    return QLatin1String(RunKeyAutostart::ValueName);
}

bool samePath(const QString &a, const QString &b)
{
    // NTFS paths compare case-insensitively.
    return QDir::cleanPath(QDir::fromNativeSeparators(a))
               .compare(QDir::cleanPath(QDir::fromNativeSeparators(b)), Qt::CaseInsensitive) == 0;
}

} // namespace

RunKeyAutostart::RunKeyAutostart(AutostartOptions options)
    : m_options(std::move(options))
    , m_executable(QFileInfo(m_options.resolvedExecutable()).absoluteFilePath())
    , m_userKey(m_options.registryRoot.isEmpty()
                    ? QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\"
                                     "CurrentVersion\\Run")
                    : m_options.registryRoot)
    , m_machineKey(m_options.machineRegistryRoot.isEmpty()
                       ? QStringLiteral("HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\"
                                        "CurrentVersion\\Run")
                       : m_options.machineRegistryRoot)
{}

QString RunKeyAutostart::programOf(const QString &commandLine)
{
    const QString line = commandLine.trimmed();
    if (line.startsWith(QLatin1Char('"'))) {
        const qsizetype end = line.indexOf(QLatin1Char('"'), 1);
        return end < 0 ? QString() : line.mid(1, end - 1);
    }
    const qsizetype space = line.indexOf(QLatin1Char(' '));
    return space < 0 ? line : line.left(space);
}

QString RunKeyAutostart::quoteArgument(const QString &argument)
{
    if (!argument.isEmpty() && !argument.contains(QLatin1Char(' ')) &&
        !argument.contains(QLatin1Char('\t')) && !argument.contains(QLatin1Char('"')))
        return argument;
    QString out = QStringLiteral("\"");
    qsizetype backslashes = 0;
    for (const QChar c : argument) {
        if (c == u'\\') {
            ++backslashes;
            continue;
        }
        // Backslashes are literal unless a quote follows: then they are doubled, and the
        // quote gets one more.
        out += QString(c == u'"' ? backslashes * 2 + 1 : backslashes, QLatin1Char('\\'));
        backslashes = 0;
        out += c;
    }
    out += QString(backslashes * 2, QLatin1Char('\\'));
    out += QLatin1Char('"');
    return out;
}

QString RunKeyAutostart::commandLine() const
{
    // Always quoted: an unquoted path with spaces in a Run value is the classic hijack
    // (C:\Program.exe).
    QString line = QLatin1Char('"') + QDir::toNativeSeparators(m_executable) + QLatin1Char('"');
    for (const QString &arg : m_options.arguments)
        line += QLatin1Char(' ') + quoteArgument(arg);
    return line;
}

QString RunKeyAutostart::userCommand() const
{
    return QSettings(m_userKey, UserFormat).value(valueName()).toString();
}

QString RunKeyAutostart::machineCommand() const
{
    for (const QSettings::Format format : MachineFormats) {
        const QString value = QSettings(m_machineKey, format).value(valueName()).toString();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

bool RunKeyAutostart::startsUs(const QString &commandLine) const
{
    const QString program = programOf(commandLine);
    return !program.isEmpty() && samePath(program, m_executable);
}

QString RunKeyAutostart::administratorMessage() const
{
    return Autostart::tr(
               "An administrator set %1 to start at login for every user in %2; ask them to "
               "change it.")
        .arg(m_options.displayName, m_machineKey);
}

bool RunKeyAutostart::isEnabled() const
{
    const QString user = userCommand();
    return user.isEmpty() ? startsUs(machineCommand()) : startsUs(user);
}

bool RunKeyAutostart::isManagedElsewhere() const
{
    const QString user = userCommand();
    return (!user.isEmpty() && !startsUs(user)) || !machineCommand().isEmpty();
}

QString RunKeyAutostart::description() const
{
    if (!machineCommand().isEmpty())
        return Autostart::tr("Set by an administrator in %1").arg(m_machineKey);
    return m_userKey + QLatin1Char('\\') + valueName();
}

bool RunKeyAutostart::setEnabled(bool on, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        qCWarning(lcRunKey).noquote() << message;
        return false;
    };
    const QString existing = userCommand();
    if (!existing.isEmpty() && !startsUs(existing)) {
        if (!on)
            return true; // it does not start this binary, and it is not ours to remove
        return fail(Autostart::tr(
                        "The value \"%1\" in %2 already starts %3 at login, not this copy of %4 "
                        "(%5); it was left alone. Remove it in Task Manager's Startup apps or the "
                        "Registry Editor, then try again.")
                        .arg(valueName(), m_userKey, programOf(existing), m_options.displayName,
                             QDir::toNativeSeparators(m_executable)));
    }
    const bool machineStartsUs = startsUs(machineCommand());
    if (on && machineStartsUs)
        return true; // Windows runs both keys: a user value as well would start it twice

    QSettings run(m_userKey, UserFormat);
    if (on)
        run.setValue(valueName(), commandLine());
    else
        run.remove(valueName());
    run.sync();
    if (run.status() != QSettings::NoError) {
        return fail(
            Autostart::tr("Could not change \"%1\" in %2: the write was refused. Check that your "
                          "account may change its own startup apps, then try again.")
                .arg(valueName(), m_userKey));
    }
    if (!on && machineStartsUs)
        return fail(administratorMessage());
    return true;
}

#ifdef Q_OS_WIN
std::unique_ptr<Autostart> Autostart::create(const AutostartOptions &options)
{
    return std::make_unique<RunKeyAutostart>(options);
}
#endif

} // namespace Stowaway

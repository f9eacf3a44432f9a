// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "autostart.h"

#include <QString>

namespace Stowaway {

/**
 * Windows: the value `Stowaway` in `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`,
 * holding the quoted program path and its arguments, written through QSettings(NativeFormat).
 * A value of the same name in the machine-wide HKLM Run key (64- or 32-bit view) is the
 * administrator's: isManagedElsewhere() says so, and it is never touched.
 *
 * Rules: a user value that starts another program is never replaced or removed; when the
 * machine-wide value already starts this binary, no user value is added (Windows runs both
 * keys, which would start the app twice).
 *
 * Off Windows (the unit test on Linux) the two "keys" are ini files named by the options'
 * registry roots, so the logic runs everywhere; the product compiles it on Windows only.
 * Task Manager's "disabled" flag (the StartupApproved key) is not read. No state besides the
 * options; blocking registry I/O on the calling thread.
 */
class RunKeyAutostart final : public Autostart
{
public:
    static constexpr const char *ValueName = "Stowaway";

    explicit RunKeyAutostart(AutostartOptions options);

    bool isEnabled() const override;
    bool setEnabled(bool on, QString *error) override;
    QString description() const override;
    bool isManagedElsewhere() const override;

    /// What setEnabled(true) stores: the quoted program, then the arguments quoted the way
    /// CommandLineToArgvW reads them back.
    QString commandLine() const;
    /// The program of a Run command line: the quoted part, or everything up to the first space.
    static QString programOf(const QString &commandLine);
    /// One argument quoted for CommandLineToArgvW (backslashes before a quote doubled).
    static QString quoteArgument(const QString &argument);
    const QString &executable() const { return m_executable; }

private:
    QString userCommand() const;
    QString machineCommand() const;
    bool startsUs(const QString &commandLine) const;
    QString administratorMessage() const;

    AutostartOptions m_options;
    QString m_executable;
    QString m_userKey;
    QString m_machineKey;
};

} // namespace Stowaway

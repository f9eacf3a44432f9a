// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "autostart.h"

#include <QByteArray>
#include <QString>

namespace Stowaway {

/**
 * macOS: a per-user LaunchAgent, `~/Library/LaunchAgents/org.stowaway.Stowaway.plist` with
 * `ProgramArguments` and `RunAtLoad`, written as plain XML crash-safely (temp file in the same
 * folder, fsync, rename). launchd picks it up at the next login; it is not loaded at once,
 * which would start a second copy of the running app.
 *
 * Rules: an agent of our label that starts another program is never replaced or removed; an
 * agent with `Disabled` true is read as disabled and left alone by setEnabled(false); an agent
 * of our label in `/Library/LaunchAgents` is the administrator's (isManagedElsewhere()).
 *
 * The code is plain Qt Core and POSIX, so the unit test also runs it on Linux; the product
 * compiles it on Apple platforms only. No state besides the options; blocking file I/O on the
 * calling thread.
 */
class LaunchAgentAutostart final : public Autostart
{
public:
    static constexpr const char *Label = "org.stowaway.Stowaway";

    explicit LaunchAgentAutostart(AutostartOptions options);

    bool isEnabled() const override;
    bool setEnabled(bool on, QString *error) override;
    QString description() const override;
    bool isManagedElsewhere() const override;

    /// The user's agent: `<launchAgentsDir>/org.stowaway.Stowaway.plist`.
    QString agentFile() const;
    /// The administrators' agent of the same label.
    QString systemAgentFile() const;
    /// What setEnabled(true) writes.
    QByteArray plist() const;
    const QString &executable() const { return m_executable; }

private:
    struct Agent
    {
        QString file;
        bool exists = false;
        bool readable = false;
        bool disabled = false; ///< `<key>Disabled</key><true/>`
        QString program;       ///< `Program`, else the first of `ProgramArguments`
    };

    static Agent readAgent(const QString &file);
    bool startsUs(const Agent &agent) const;
    QString administratorMessage(const Agent &agent) const;

    AutostartOptions m_options;
    QString m_executable;
};

} // namespace Stowaway

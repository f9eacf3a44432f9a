// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Stowaway {

/**
 * What an Autostart entry launches and where it lives. Every field has a usable default, so
 * `Autostart::create({})` gives the real per-user entry; the roots exist so tests can point
 * the entry into a temporary folder (or registry key) instead of the user's session.
 */
struct AutostartOptions
{
    /// The program to start. Empty: `$APPIMAGE` when set (the AppImage file, not the
    /// short-lived mount point), else QCoreApplication::applicationFilePath().
    QString executable;
    /// Arguments after the program. The app is expected to start into the tray with these.
    QStringList arguments = {QStringLiteral("--tray")};
    /// Names the entry: `<appId>.desktop` on Linux.
    QString appId = QStringLiteral("stowaway");
    /// Shown by the desktop's list of startup applications.
    QString displayName = QStringLiteral("Stowaway");

    /// Linux: the `$XDG_CONFIG_HOME` equivalent; the entry goes to `<configRoot>/autostart`.
    /// Empty: QStandardPaths::GenericConfigLocation (`~/.config`).
    QString configRoot;
    /// Linux: the `$XDG_CONFIG_DIRS` equivalent, where administrators put entries for everyone.
    /// Unset: `$XDG_CONFIG_DIRS`, else `/etc/xdg`. An empty list looks nowhere.
    std::optional<QStringList> systemConfigDirs;
    /// Linux: the file whose presence means "running inside Flatpak". Empty: `/.flatpak-info`.
    QString flatpakInfoFile;

    /// macOS: where the per-user LaunchAgent plist goes. Empty: `~/Library/LaunchAgents`.
    QString launchAgentsDir;
    /// macOS: the administrators' LaunchAgents folder. Empty: `/Library/LaunchAgents`.
    QString systemLaunchAgentsDir;

    /// Windows: the per-user Run key, as a QSettings native path.
    /// Empty: `HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run`.
    QString registryRoot;
    /// Windows: the machine-wide Run key checked for "managed by an administrator".
    /// Empty: `HKEY_LOCAL_MACHINE\Software\Microsoft\Windows\CurrentVersion\Run`.
    QString machineRegistryRoot;

    /// `executable` if set, else `$APPIMAGE` if set, else the running binary.
    QString resolvedExecutable() const;
};

/**
 * Starting the app when the user logs in: an XDG autostart `.desktop` file on Linux, a
 * LaunchAgent plist on macOS, the per-user Run key on Windows. Exactly one implementation is
 * compiled, the one for the OS being built for; create() returns it.
 *
 * Contract: an entry that points at another binary, or one an administrator put in place, is
 * never overwritten or removed — isManagedElsewhere() reports it and setEnabled() refuses with
 * a message saying what to do. A user's own "disabled" override (`Hidden=true`) is read as
 * disabled and left alone by setEnabled(false).
 *
 * Blocking file (or registry) I/O on the calling thread; the calls are cheap, so the UI
 * thread is fine. Holds no state besides its options: every call looks at the entry afresh.
 */
class Autostart
{
    Q_DECLARE_TR_FUNCTIONS(Autostart)

public:
    virtual ~Autostart() = default;

    /// True when the entry exists, is not disabled, and starts this app's binary.
    virtual bool isEnabled() const = 0;
    /// Creates (on) or removes (off) the entry. Returns false and sets `error` to one line
    /// for the user (what happened, what to do) when refused or failed. Turning off an
    /// entry that does not exist succeeds.
    virtual bool setEnabled(bool on, QString *error) = 0;
    /// Where the entry lives, for the settings page, e.g. `~/.config/autostart/stowaway.desktop`.
    virtual QString description() const = 0;
    /// An entry of our name exists that starts another binary, or is an administrator's.
    virtual bool isManagedElsewhere() const = 0;

    /// The implementation for the current OS.
    static std::unique_ptr<Autostart> create(const AutostartOptions &options);

protected:
    Autostart() = default;
    Autostart(const Autostart &) = default;
    Autostart &operator=(const Autostart &) = default;
};

} // namespace Stowaway

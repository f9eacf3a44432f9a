// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "autostart.h"

#include <QByteArray>
#include <QString>

namespace Stowaway {

/**
 * Linux (and other XDG desktops): the autostart entry is `<config>/autostart/<appId>.desktop`
 * with `Exec=` quoted per the Desktop Entry spec, written crash-safely (temp file in the same
 * folder, fsync, rename).
 *
 * Rules, in the order they are checked:
 * - Under Flatpak the sandbox cannot write the host's autostart folder; the Background portal
 *   is needed, which is not implemented: setEnabled(true) refuses and says so.
 * - The user's file wins over the administrators' files in `$XDG_CONFIG_DIRS/autostart`
 *   (the spec's lookup order).
 * - `Hidden=true` or `X-GNOME-Autostart-enabled=false` is the user turning the entry off:
 *   read as disabled, left in place by setEnabled(false), replaced by setEnabled(true).
 * - An entry whose Exec starts another program is never replaced or removed.
 * - An administrator's entry is never touched: setEnabled(true) succeeds by writing the user's
 *   file only when that entry starts this binary; setEnabled(false) fails with a message
 *   while it still starts this binary.
 *
 * No state besides the options; blocking file I/O on the calling thread.
 */
class XdgAutostart final : public Autostart
{
public:
    explicit XdgAutostart(AutostartOptions options);

    bool isEnabled() const override;
    bool setEnabled(bool on, QString *error) override;
    QString description() const override;
    bool isManagedElsewhere() const override;

    /// The user's entry: `<configRoot>/autostart/<appId>.desktop`.
    QString entryFile() const;
    /// What setEnabled(true) writes there.
    QByteArray entryContent() const;
    /// The program the entry starts (see AutostartOptions::resolvedExecutable()).
    const QString &executable() const { return m_executable; }
    /// True when running inside a Flatpak sandbox.
    bool isFlatpak() const;

private:
    struct Entry
    {
        QString file;
        bool exists = false;
        bool readable = false;
        bool disabled = false; ///< Hidden=true or X-GNOME-Autostart-enabled=false
        bool hasExec = false;
        QString program; ///< Exec's first word, resolved through PATH when bare
    };

    Entry readEntry(const QString &file) const;
    /// The first administrator's entry of our name, if any.
    Entry systemEntry() const;
    bool startsUs(const Entry &entry) const;
    QString systemEntryMessage(const Entry &entry) const;

    AutostartOptions m_options;
    QString m_executable;
};

} // namespace Stowaway

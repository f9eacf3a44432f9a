// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

/// The name of the function libstowaway-gui.so exports: `int (int *argc, char **argv)`.
#define STOWAWAY_DESKTOP_ENTRY "stowaway_desktop_main"

namespace Stowaway {

/**
 * Starts the desktop app from its module, libstowaway-gui.so, so that the commands never load
 * Qt Gui, Widgets, D-Bus or the keychain library: they start in about half the time, and run on
 * a machine without any display libraries.
 *
 * The module is looked for next to the executable (the build tree) and in the folder it is
 * installed to, relative to the executable (../lib/<arch>/stowaway on Debian).
 */
class DesktopLoader final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::DesktopLoader)

public:
    /// The module's entry, called with @p argc and @p argv; when the module cannot be loaded,
    /// says why on stderr and returns 1.
    static int run(int &argc, char **argv);

    /// Where the module may be, in the order they are tried, for an executable in @p binDir.
    static QStringList candidates(const QString &binDir);
};

} // namespace Stowaway

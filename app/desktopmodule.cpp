// SPDX-License-Identifier: GPL-3.0-or-later
// The entry point of libstowaway-gui.so, the desktop app as a module that `stowaway` loads
// (DesktopLoader) only when the window is wanted.
#include "cli.h"
#include "desktopapp.h"

#include <QStringList>

// Named by STOWAWAY_DESKTOP_ENTRY in desktoploader.h.
extern "C" Q_DECL_EXPORT int stowaway_desktop_main(int *argc, char **argv)
{
    QStringList arguments;
    arguments.reserve(*argc);
    for (int i = 0; i < *argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return Stowaway::DesktopApp::run(*argc, argv, Stowaway::Cli::desktopArguments(arguments));
}

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cli.h"

namespace Stowaway {

/**
 * `stowaway` with no command: the desktop app. Builds the QApplication and the services
 * (MirrorStore, MirrorRuntime, CargoToggle, InstanceChannel) and the interface over them
 * (TrayController, MainWindow with its pages), starts the server and runs the event loop.
 * When an instance already runs for this mirror, asks it to raise its window and returns 0.
 * The command line never comes here, so it needs no display.
 */
class DesktopApp final
{
public:
    static int run(int &argc, char **argv, const DesktopArguments &arguments);

private:
    /// After the mirror moved to `root`: records it and starts the app again from there.
    static bool restartFrom(const QString &root, const DesktopArguments &arguments);
};

} // namespace Stowaway

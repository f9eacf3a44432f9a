// SPDX-License-Identifier: GPL-3.0-or-later
#include "autostart.h"

#include <QCoreApplication>

namespace Stowaway {

QString AutostartOptions::resolvedExecutable() const
{
    if (!executable.isEmpty())
        return executable;
    // Inside an AppImage the running binary sits in a mount point that is gone after exit;
    // the AppImage runtime names the real file in $APPIMAGE.
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    if (!appImage.isEmpty())
        return appImage;
    return QCoreApplication::applicationFilePath();
}

} // namespace Stowaway

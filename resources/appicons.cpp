// SPDX-License-Identifier: GPL-3.0-or-later
#include "appicons.h"

namespace Stowaway {

namespace {
constexpr std::initializer_list<int> kTraySizes = {16, 22, 32, 48};
constexpr std::initializer_list<int> kAppSizes = {16, 22, 32, 48, 64, 128, 256};
} // namespace

QIcon AppIcons::appIcon()
{
    return fromPngs(QStringLiteral("stowaway"), kAppSizes);
}

QIcon AppIcons::trayIcon(TrayState state, bool cargoUsesMirror)
{
    return fromPngs(trayIconName(state, cargoUsesMirror), kTraySizes);
}

QString AppIcons::trayIconName(TrayState state, bool cargoUsesMirror)
{
    QString name;
    switch (state) {
    case TrayState::Idle:
        name = QStringLiteral("tray-idle");
        break;
    case TrayState::Syncing:
        name = QStringLiteral("tray-syncing");
        break;
    case TrayState::Error:
        name = QStringLiteral("tray-error");
        break;
    case TrayState::Stopped:
        name = QStringLiteral("tray-stopped");
        break;
    }
    if (cargoUsesMirror)
        name += QStringLiteral("-active");
    return name;
}

QIcon AppIcons::cargoBadge()
{
    return fromPngs(QStringLiteral("badge-cargo"), kTraySizes);
}

QIcon AppIcons::fromPngs(const QString &name, std::initializer_list<int> sizes)
{
    QIcon icon;
    for (const int size : sizes)
        icon.addFile(QStringLiteral(":/icons/%1/%2.png").arg(size).arg(name), QSize(size, size));
    return icon;
}

} // namespace Stowaway

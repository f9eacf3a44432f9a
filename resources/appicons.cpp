// SPDX-License-Identifier: GPL-3.0-or-later
#include "appicons.h"

#include <QImage>
#include <QPainter>

#include <algorithm>

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

QIcon AppIcons::syncingTrayIcon(double fraction, bool cargoUsesMirror)
{
    const double filled = std::clamp(fraction, 0.0, 1.0);
    const QString name = trayIconName(TrayState::Syncing, cargoUsesMirror);
    QIcon icon;
    for (const int size : kTraySizes) {
        QImage image(QStringLiteral(":/icons/%1/%2.png").arg(size).arg(name));
        image = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        // On the 16 px grid: a bar from x 1 to 15, y 11 to 15, with a white rim so it reads on
        // the crate and on a dark panel alike.
        const double unit = size / 16.0;
        const QRectF rim(1 * unit, 11 * unit, 14 * unit, 4 * unit);
        const QRectF track = rim.adjusted(unit, unit, -unit, -unit);
        QPainter painter(&image);
        painter.fillRect(rim, QColor(0xff, 0xff, 0xff));
        painter.fillRect(track, QColor(0x30, 0x30, 0x30));
        painter.fillRect(QRectF(track.topLeft(), QSizeF(track.width() * filled, track.height())),
                         QColor(0x2b, 0x7b, 0xbf));
        painter.end();
        icon.addPixmap(QPixmap::fromImage(image));
    }
    return icon;
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

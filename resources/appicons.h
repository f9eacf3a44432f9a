// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QString>

#include <initializer_list>

namespace Stowaway {

/**
 * @brief The icons drawn for Stowaway, as QIcons built from the compiled-in resources.
 *
 * Every icon is assembled from PNGs rendered at build time (16, 22, 32, 48 px for the tray,
 * 16 to 256 px for the app icon), so it needs no SVG image plugin. The SVG sources are in the
 * resources too (":/icons/<name>.svg") for whoever wants them.
 * Stateless; QIcon is a GUI type, so call these on the GUI thread once a QGuiApplication exists.
 */
class AppIcons
{
public:
    /** What the tray icon shows. */
    enum class TrayState { Idle, Syncing, Error, Stopped };

    /** The application icon (window icon, about box). */
    static QIcon appIcon();

    /** The tray icon for @p state; @p cargoUsesMirror adds the green "cargo points here" dot. */
    static QIcon trayIcon(TrayState state, bool cargoUsesMirror);

    /** The base name of the tray icon's files, e.g. "tray-error-active". */
    static QString trayIconName(TrayState state, bool cargoUsesMirror);

    /**
     * The syncing tray icon with a progress bar across its foot: @p fraction of the bar, clamped
     * to 0..1, is filled. The bar is drawn onto every size, so it scales with the panel.
     */
    static QIcon syncingTrayIcon(double fraction, bool cargoUsesMirror);

    /** The overlay alone, for compositing over another icon: ":/icons/<size>/badge-cargo.png". */
    static QIcon cargoBadge();

private:
    static QIcon fromPngs(const QString &name, std::initializer_list<int> sizes);
};

} // namespace Stowaway

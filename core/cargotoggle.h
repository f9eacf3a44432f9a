// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cargoconfigswitch.h"

#include <QObject>

namespace Stowaway {

/**
 * The "use the mirror in cargo" switch the tray and the window share: a CargoConfigSwitch
 * that tells everyone showing it when it was flipped. Blocking file I/O (one small config
 * file) on the calling thread; lives on the UI thread.
 */
class CargoToggle final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CargoToggle)
public:
    explicit CargoToggle(CargoConfigSwitch cargo, QObject *parent = nullptr);

    const CargoConfigSwitch &cargoSwitch() const { return m_cargo; }
    /// True when cargo's config points crates.io at the mirror at `url`.
    bool isEnabled(const QString &url) const;
    CargoConfigStatus status(const QString &url) const;
    /// What flipping the switch would change in the config file.
    CargoConfigPreview previewToggle(const QString &url) const;
    /// Enables (for `url`) or disables; changed() follows, with the result.
    CargoConfigResult setEnabled(bool enabled, const QString &url);

Q_SIGNALS:
    void changed(const Stowaway::CargoConfigResult &result);

private:
    CargoConfigSwitch m_cargo;
};

} // namespace Stowaway

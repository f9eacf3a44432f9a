// SPDX-License-Identifier: GPL-3.0-or-later
#include "cargotoggle.h"

#include <QDir>

namespace Stowaway {

CargoToggle::CargoToggle(CargoConfigSwitch cargo, QObject *parent)
    : QObject(parent), m_cargo(std::move(cargo))
{}

CargoConfigStatus CargoToggle::status(const QString &url) const
{
    return m_cargo.status(url, m_cargo.cargoHome());
}

bool CargoToggle::isEnabled(const QString &url) const
{
    return status(url).state == CargoConfigStatus::Enabled;
}

CargoConfigPreview CargoToggle::previewToggle(const QString &url) const
{
    return m_cargo.preview(!isEnabled(url), url);
}

CargoConfigResult CargoToggle::setEnabled(bool enabled, const QString &url)
{
    const CargoConfigResult result = enabled ? m_cargo.enable(url, false) : m_cargo.disable();
    Q_EMIT changed(result);
    return result;
}

} // namespace Stowaway

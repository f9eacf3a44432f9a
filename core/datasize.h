// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

namespace Stowaway {

/**
 * The one way sizes are written for people: SI units with one decimal ("3.1 GB", "512 bytes"),
 * as `du --si`, GNOME Files and the CLI's status line show them, in the given locale's digits
 * and unit names. The window, the tray tooltip, notifications and the mirror's home page all
 * use it, so one mirror never shows as "3.1 GB" in one place and "2.9 GiB" in another.
 * Stateless; safe on any thread.
 */
class DataSize final
{
public:
    /// `bytes` in SI units with one decimal, in `locale` (the default locale unless given).
    static QString format(qint64 bytes, const QLocale &locale = QLocale());
};

} // namespace Stowaway

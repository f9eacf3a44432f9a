// SPDX-License-Identifier: GPL-3.0-or-later
#include "platform.h"

namespace Stowaway {

Platform Platform::fromCfgLine(const QString &triple, QStringView cfgLine)
{
    Platform platform;
    platform.triple = triple;
    for (QStringView entry : cfgLine.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        if (eq < 0) {
            platform.names.insert(entry.toString());
            continue;
        }
        QStringView value = entry.mid(eq + 1);
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) &&
            value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        platform.values.insert(entry.left(eq).toString(), value.toString());
    }
    return platform;
}

} // namespace Stowaway

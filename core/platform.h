// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QSet>
#include <QString>

namespace Stowaway {

/**
 * One compilation target and its cfg values, as `rustc --print cfg --target T` lists
 * them: bare names (`unix`, `windows`) and key/value pairs (`target_os="linux"`; a key
 * may have several values, like `target_has_atomic`). A plain value.
 */
struct Platform
{
    QString triple;
    QSet<QString> names;
    QMultiHash<QString, QString> values;

    bool hasName(const QString &name) const { return names.contains(name); }
    bool hasValue(const QString &key, const QString &value) const
    {
        return values.contains(key, value);
    }

    /// Parses one line of rustc's cfg output format, space-separated:
    /// `unix target_os="linux" target_has_atomic="64"`.
    static Platform fromCfgLine(const QString &triple, QStringView cfgLine);
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Stowaway {

/**
 * The parts of the freedesktop.org Desktop Entry format the autostart entry needs: building
 * and splitting `Exec=` command lines with the spec's quoting, escaping string values, and
 * reading the keys of the `[Desktop Entry]` group. Pure functions on values; any thread.
 */
class DesktopEntry final
{
public:
    /// The `Exec=` value that runs `program` with `arguments`: arguments with reserved
    /// characters are double-quoted (`"`, `` ` ``, `$`, `\` backslash-escaped inside), `%`
    /// becomes `%%`, and the result is escaped as a string value (`\` doubled), so it can be
    /// written after `Exec=` as is.
    static QString execValue(const QString &program, const QStringList &arguments);

    /// The inverse of execValue() for a raw value read from a file: undoes the string
    /// escapes, the quoting and `%%`, and drops field codes such as `%u`. Empty when the
    /// value is malformed (an unterminated quote).
    static QStringList splitExec(const QString &rawValue);

    /// Escapes a string value: `\` → `\\`, newline → `\n`, tab → `\t`, CR → `\r`.
    static QString escapeValue(const QString &value);
    /// Undoes escapeValue(), plus `\s` (space).
    static QString unescapeValue(const QString &value);

    /// The keys of the `[Desktop Entry]` group with their raw (still escaped) values.
    /// Comments, other groups and malformed lines are skipped.
    static QHash<QString, QString> readGroup(const QByteArray &content);

    /// True for the spec's `true` (and the deprecated `1`).
    static bool isTrue(const QString &rawValue);
};

} // namespace Stowaway

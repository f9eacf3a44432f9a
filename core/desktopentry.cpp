// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktopentry.h"

#include <algorithm>
#include <utility>

namespace Stowaway {

namespace {

// Characters that make the spec require an argument to be quoted.
bool isReserved(QChar c)
{
    static constexpr char16_t reserved[] = u" \t\n\"'\\><~|&;$*?#()`";
    for (const char16_t r : reserved) {
        if (r != u'\0' && c == QChar(r))
            return true;
    }
    return false;
}

// Inside double quotes these four must be backslash-escaped.
bool needsBackslashInQuotes(QChar c)
{
    return c == u'"' || c == u'`' || c == u'$' || c == u'\\';
}

QString quoteArgument(const QString &argument)
{
    QString arg = argument;
    arg.replace(QLatin1Char('%'), QStringLiteral("%%"));
    const bool quote = arg.isEmpty() || std::any_of(arg.cbegin(), arg.cend(), isReserved);
    if (!quote)
        return arg;
    QString out;
    out.reserve(arg.size() + 8);
    out += QLatin1Char('"');
    for (const QChar c : std::as_const(arg)) {
        if (needsBackslashInQuotes(c))
            out += QLatin1Char('\\');
        out += c;
    }
    out += QLatin1Char('"');
    return out;
}

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n';
}

} // namespace

QString DesktopEntry::execValue(const QString &program, const QStringList &arguments)
{
    QStringList parts;
    parts.reserve(arguments.size() + 1);
    parts += quoteArgument(program);
    for (const QString &arg : arguments)
        parts += quoteArgument(arg);
    return escapeValue(parts.join(QLatin1Char(' ')));
}

QStringList DesktopEntry::splitExec(const QString &rawValue)
{
    const QString s = unescapeValue(rawValue);
    QStringList out;
    QString current;
    bool inToken = false; // something (even "") was seen for the current argument
    bool inQuotes = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (inQuotes) {
            if (c == u'"') {
                inQuotes = false;
            } else if (c == u'\\' && i + 1 < s.size() && needsBackslashInQuotes(s.at(i + 1))) {
                current += s.at(++i);
            } else if (c == u'%' && i + 1 < s.size() && s.at(i + 1) == u'%') {
                current += c;
                ++i;
            } else {
                current += c;
            }
            continue;
        }
        if (isSpace(c)) {
            if (inToken)
                out += current;
            current.clear();
            inToken = false;
        } else if (c == u'"') {
            inQuotes = true;
            inToken = true;
        } else if (c == u'%' && i + 1 < s.size()) {
            // `%%` is a percent sign; any other `%x` is a field code the launcher expands
            // (a file, a URL, the icon); for our purposes it stands for nothing.
            if (s.at(i + 1) == u'%') {
                current += c;
                inToken = true;
            }
            ++i;
        } else {
            current += c;
            inToken = true;
        }
    }
    if (inQuotes)
        return {};
    if (inToken)
        out += current;
    return out;
}

QString DesktopEntry::escapeValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'\\':
            out += QStringLiteral("\\\\");
            break;
        case u'\n':
            out += QStringLiteral("\\n");
            break;
        case u'\t':
            out += QStringLiteral("\\t");
            break;
        case u'\r':
            out += QStringLiteral("\\r");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString DesktopEntry::unescapeValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c != u'\\' || i + 1 == value.size()) {
            out += c;
            continue;
        }
        const QChar next = value.at(++i);
        switch (next.unicode()) {
        case u's':
            out += QLatin1Char(' ');
            break;
        case u'n':
            out += QLatin1Char('\n');
            break;
        case u't':
            out += QLatin1Char('\t');
            break;
        case u'r':
            out += QLatin1Char('\r');
            break;
        case u'\\':
            out += QLatin1Char('\\');
            break;
        default:
            out += c;
            out += next; // not an escape the spec knows: keep it as written
        }
    }
    return out;
}

QHash<QString, QString> DesktopEntry::readGroup(const QByteArray &content)
{
    QHash<QString, QString> keys;
    bool inGroup = false;
    const QList<QByteArray> lines = content.split('\n');
    for (const QByteArray &rawLine : lines) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            inGroup = line == QLatin1String("[Desktop Entry]");
            continue;
        }
        if (!inGroup)
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString key = line.left(eq).trimmed();
        if (!keys.contains(key))
            keys.insert(key, line.mid(eq + 1).trimmed());
    }
    return keys;
}

bool DesktopEntry::isTrue(const QString &rawValue)
{
    return rawValue == QLatin1String("true") || rawValue == QLatin1String("1");
}

} // namespace Stowaway

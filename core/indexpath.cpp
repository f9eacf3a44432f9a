// SPDX-License-Identifier: GPL-3.0-or-later
#include "indexpath.h"

namespace Stowaway {

namespace {
bool isNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
           u == u'-' || u == u'_';
}
} // namespace

bool IndexPath::isValidCrateName(QStringView name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (QChar c : name) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

QString IndexPath::relativePath(QStringView name)
{
    if (!isValidCrateName(name))
        return {};
    const QString lower = name.toString().toLower();
    switch (lower.size()) {
    case 1:
        return QStringLiteral("1/") + lower;
    case 2:
        return QStringLiteral("2/") + lower;
    case 3:
        return QStringLiteral("3/") + lower.at(0) + QLatin1Char('/') + lower;
    default:
        return lower.left(2) + QLatin1Char('/') + lower.mid(2, 2) + QLatin1Char('/') + lower;
    }
}

QString IndexPath::crateNameFromPath(QStringView path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (slash < 0)
        return {};
    const QStringView name = path.mid(slash + 1);
    if (!isValidCrateName(name))
        return {};
    const QString expected = relativePath(name);
    // The request must be exactly the lower-case layout cargo uses.
    if (expected != path)
        return {};
    return name.toString();
}

QString IndexPath::canonicalName(QStringView name)
{
    QString out = name.toString().toLower();
    out.replace(QLatin1Char('-'), QLatin1Char('_'));
    return out;
}

bool IndexPath::isValidVersion(QStringView version)
{
    if (version.isEmpty() || version.size() > 128)
        return false;
    if (!version.at(0).isDigit())
        return false;
    for (QChar c : version) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') ||
                        (u >= u'A' && u <= u'Z') || u == u'.' || u == u'-' || u == u'+';
        if (!ok)
            return false;
    }
    return !version.contains(QStringLiteral(".."));
}

} // namespace Stowaway

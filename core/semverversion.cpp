// SPDX-License-Identifier: GPL-3.0-or-later
#include "semverversion.h"

namespace Stowaway {

namespace {

bool isIdentifierChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
           u == u'-';
}

bool isNumeric(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return false;
    }
    return true;
}

std::optional<quint64> parseNumber(QStringView s)
{
    if (!isNumeric(s) || (s.size() > 1 && s.at(0) == QLatin1Char('0')) || s.size() > 19)
        return std::nullopt;
    bool ok = false;
    const quint64 value = s.toULongLong(&ok);
    return ok ? std::optional<quint64>(value) : std::nullopt;
}

bool validIdentifiers(QStringView part, bool rejectLeadingZero)
{
    if (part.isEmpty())
        return false;
    for (QStringView id : part.split(QLatin1Char('.'))) {
        if (id.isEmpty())
            return false;
        for (QChar c : id) {
            if (!isIdentifierChar(c))
                return false;
        }
        if (rejectLeadingZero && isNumeric(id) && id.size() > 1 && id.at(0) == QLatin1Char('0'))
            return false;
    }
    return true;
}

int compareIdentifier(const QString &a, const QString &b)
{
    const bool aNum = isNumeric(a);
    const bool bNum = isNumeric(b);
    if (aNum && bNum) {
        if (a.size() != b.size())
            return a.size() < b.size() ? -1 : 1;
        return a.compare(b);
    }
    if (aNum != bNum)
        return aNum ? -1 : 1;
    return a.compare(b);
}

int sign(int value)
{
    return (value > 0) - (value < 0);
}

} // namespace

SemverVersion::SemverVersion(quint64 major, quint64 minor, quint64 patch)
    : m_major(major), m_minor(minor), m_patch(patch)
{}

std::optional<SemverVersion> SemverVersion::parse(QStringView text)
{
    QStringView rest = text;
    QStringView build;
    QStringView pre;
    if (const qsizetype plus = rest.indexOf(QLatin1Char('+')); plus >= 0) {
        build = rest.mid(plus + 1);
        rest = rest.left(plus);
        if (!validIdentifiers(build, false))
            return std::nullopt;
    }
    if (const qsizetype dash = rest.indexOf(QLatin1Char('-')); dash >= 0) {
        pre = rest.mid(dash + 1);
        rest = rest.left(dash);
        if (!validIdentifiers(pre, true))
            return std::nullopt;
    }
    const QList<QStringView> parts = rest.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return std::nullopt;
    const auto major = parseNumber(parts.at(0));
    const auto minor = parseNumber(parts.at(1));
    const auto patch = parseNumber(parts.at(2));
    if (!major || !minor || !patch)
        return std::nullopt;
    SemverVersion version(*major, *minor, *patch);
    if (!pre.isEmpty())
        version.m_pre = pre.toString().split(QLatin1Char('.'));
    version.m_build = build.toString();
    return version;
}

int SemverVersion::comparePrecedence(const SemverVersion &other) const
{
    if (m_major != other.m_major)
        return m_major < other.m_major ? -1 : 1;
    if (m_minor != other.m_minor)
        return m_minor < other.m_minor ? -1 : 1;
    if (m_patch != other.m_patch)
        return m_patch < other.m_patch ? -1 : 1;
    return comparePreRelease(m_pre, other.m_pre);
}

int SemverVersion::comparePreRelease(const QStringList &a, const QStringList &b)
{
    if (a.isEmpty() || b.isEmpty())
        return a.isEmpty() == b.isEmpty() ? 0 : (a.isEmpty() ? 1 : -1);
    const qsizetype common = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (const int c = compareIdentifier(a.at(i), b.at(i)); c != 0)
            return sign(c);
    }
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return 0;
}

bool SemverVersion::sameTriple(const SemverVersion &other) const
{
    return m_major == other.m_major && m_minor == other.m_minor && m_patch == other.m_patch;
}

QString SemverVersion::toString() const
{
    QString out = QString::number(m_major) + QLatin1Char('.') + QString::number(m_minor) +
                  QLatin1Char('.') + QString::number(m_patch);
    if (!m_pre.isEmpty())
        out += QLatin1Char('-') + m_pre.join(QLatin1Char('.'));
    if (!m_build.isEmpty())
        out += QLatin1Char('+') + m_build;
    return out;
}

std::strong_ordering SemverVersion::operator<=>(const SemverVersion &other) const
{
    if (const int c = comparePrecedence(other); c != 0)
        return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
    const int b = sign(m_build.compare(other.m_build));
    return b < 0 ? std::strong_ordering::less
                 : (b > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

bool SemverVersion::operator==(const SemverVersion &other) const
{
    return comparePrecedence(other) == 0 && m_build == other.m_build;
}

} // namespace Stowaway

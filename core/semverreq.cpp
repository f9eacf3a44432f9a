// SPDX-License-Identifier: GPL-3.0-or-later
#include "semverreq.h"

namespace Stowaway {

namespace {

using Op = SemverReq::Op;
using Comparator = SemverReq::Comparator;

bool isWildcard(QStringView s)
{
    return s == u"*" || s == u"x" || s == u"X";
}

std::optional<quint64> number(QStringView s)
{
    if (s.isEmpty() || s.size() > 19 || (s.size() > 1 && s.at(0) == QLatin1Char('0')))
        return std::nullopt;
    for (QChar c : s) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return std::nullopt;
    }
    return s.toULongLong();
}

int comparePre(const QStringList &a, const QStringList &b)
{
    return SemverVersion::comparePreRelease(a, b);
}

bool matchesExact(const Comparator &c, const SemverVersion &v)
{
    if (v.major() != c.major)
        return false;
    if (!c.minor)
        return true;
    if (v.minor() != *c.minor)
        return false;
    if (!c.patch)
        return true;
    if (v.patch() != *c.patch)
        return false;
    return comparePre(v.preRelease(), c.pre) == 0;
}

bool matchesGreater(const Comparator &c, const SemverVersion &v)
{
    if (v.major() != c.major)
        return v.major() > c.major;
    if (!c.minor)
        return false;
    if (v.minor() != *c.minor)
        return v.minor() > *c.minor;
    if (!c.patch)
        return false;
    if (v.patch() != *c.patch)
        return v.patch() > *c.patch;
    return comparePre(v.preRelease(), c.pre) > 0;
}

bool matchesLess(const Comparator &c, const SemverVersion &v)
{
    if (v.major() != c.major)
        return v.major() < c.major;
    if (!c.minor)
        return false;
    if (v.minor() != *c.minor)
        return v.minor() < *c.minor;
    if (!c.patch)
        return false;
    if (v.patch() != *c.patch)
        return v.patch() < *c.patch;
    return comparePre(v.preRelease(), c.pre) < 0;
}

bool matchesTilde(const Comparator &c, const SemverVersion &v)
{
    if (v.major() != c.major)
        return false;
    if (c.minor && v.minor() != *c.minor)
        return false;
    if (c.patch && v.patch() != *c.patch)
        return v.patch() > *c.patch;
    return comparePre(v.preRelease(), c.pre) >= 0;
}

bool matchesCaret(const Comparator &c, const SemverVersion &v)
{
    if (v.major() != c.major)
        return false;
    if (!c.minor)
        return true;
    if (!c.patch)
        return c.major > 0 ? v.minor() >= *c.minor : v.minor() == *c.minor;
    if (c.major > 0) {
        if (v.minor() != *c.minor)
            return v.minor() > *c.minor;
        if (v.patch() != *c.patch)
            return v.patch() > *c.patch;
    } else if (*c.minor > 0) {
        if (v.minor() != *c.minor)
            return false;
        if (v.patch() != *c.patch)
            return v.patch() > *c.patch;
    } else if (v.minor() != *c.minor || v.patch() != *c.patch) {
        return false;
    }
    return comparePre(v.preRelease(), c.pre) >= 0;
}

bool matchesComparator(const Comparator &c, const SemverVersion &v)
{
    switch (c.op) {
    case Op::Exact:
    case Op::Wildcard:
        return matchesExact(c, v);
    case Op::Greater:
        return matchesGreater(c, v);
    case Op::GreaterEq:
        return matchesExact(c, v) || matchesGreater(c, v);
    case Op::Less:
        return matchesLess(c, v);
    case Op::LessEq:
        return matchesExact(c, v) || matchesLess(c, v);
    case Op::Tilde:
        return matchesTilde(c, v);
    case Op::Caret:
        return matchesCaret(c, v);
    }
    return false;
}

bool preIsCompatible(const Comparator &c, const SemverVersion &v)
{
    return c.major == v.major() && c.minor == v.minor() && c.patch == v.patch() && !c.pre.isEmpty();
}

// Parses one comparator; returns false and sets error when invalid. Sets `star` for a
// bare `*`, which matches every release and adds no comparator.
bool parseComparator(QStringView text, Comparator &out, bool &star, QString &error)
{
    star = false;
    QStringView s = text.trimmed();
    bool hasOp = true;
    if (s.startsWith(u">="))
        out.op = Op::GreaterEq, s = s.mid(2);
    else if (s.startsWith(u"<="))
        out.op = Op::LessEq, s = s.mid(2);
    else if (s.startsWith(u'>'))
        out.op = Op::Greater, s = s.mid(1);
    else if (s.startsWith(u'<'))
        out.op = Op::Less, s = s.mid(1);
    else if (s.startsWith(u'='))
        out.op = Op::Exact, s = s.mid(1);
    else if (s.startsWith(u'~'))
        out.op = Op::Tilde, s = s.mid(1);
    else if (s.startsWith(u'^'))
        out.op = Op::Caret, s = s.mid(1);
    else
        hasOp = false, out.op = Op::Caret;
    s = s.trimmed();
    if (s.isEmpty()) {
        error = SemverReq::tr("a comparator has no version");
        return false;
    }
    if (const qsizetype plus = s.indexOf(QLatin1Char('+')); plus >= 0)
        s = s.left(plus); // build metadata never affects matching
    QStringView pre;
    if (const qsizetype dash = s.indexOf(QLatin1Char('-')); dash >= 0) {
        pre = s.mid(dash + 1);
        s = s.left(dash);
        if (pre.isEmpty()) {
            error = SemverReq::tr("empty pre-release in '%1'").arg(text.trimmed());
            return false;
        }
    }
    const QList<QStringView> parts = s.split(QLatin1Char('.'));
    if (parts.size() > 3) {
        error = SemverReq::tr("'%1' has more than three numbers").arg(text.trimmed());
        return false;
    }
    if (parts.size() == 1 && isWildcard(parts.at(0)) && pre.isEmpty()) {
        if (hasOp && out.op != Op::Exact && out.op != Op::GreaterEq && out.op != Op::LessEq) {
            error = SemverReq::tr("'%1' compares against a wildcard").arg(text.trimmed());
            return false;
        }
        star = true;
        return true;
    }
    bool sawWildcard = false;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (isWildcard(parts.at(i))) {
            if (i == 0)
                return error = SemverReq::tr("'%1' is not a version").arg(text.trimmed()), false;
            sawWildcard = true;
            continue;
        }
        if (sawWildcard) {
            error = SemverReq::tr("'%1': a number after a wildcard").arg(text.trimmed());
            return false;
        }
        const auto value = number(parts.at(i));
        if (!value) {
            error = SemverReq::tr("'%1' is not a version").arg(text.trimmed());
            return false;
        }
        if (i == 0)
            out.major = *value;
        else if (i == 1)
            out.minor = *value;
        else
            out.patch = *value;
    }
    if (sawWildcard) {
        if (!pre.isEmpty()) {
            error = SemverReq::tr("'%1': a wildcard with a pre-release").arg(text.trimmed());
            return false;
        }
        out.op = hasOp ? out.op : Op::Wildcard;
        if (out.op != Op::Wildcard && out.op != Op::Exact) {
            error = SemverReq::tr("'%1' compares against a wildcard").arg(text.trimmed());
            return false;
        }
        out.op = Op::Wildcard;
    }
    if (!pre.isEmpty()) {
        if (!out.patch) {
            error = SemverReq::tr("'%1': a pre-release needs a full version").arg(text.trimmed());
            return false;
        }
        const auto check = SemverVersion::parse(QString(QStringLiteral("0.0.0-") + pre.toString()));
        if (!check) {
            error = SemverReq::tr("'%1' has an invalid pre-release").arg(text.trimmed());
            return false;
        }
        out.pre = check->preRelease();
    }
    return true;
}

} // namespace

std::optional<SemverReq> SemverReq::parse(QStringView text, QString *error)
{
    SemverReq req;
    req.m_text = text.trimmed().toString();
    QString message;
    if (req.m_text.isEmpty()) {
        message = SemverReq::tr("the requirement is empty");
    } else {
        for (QStringView part : text.split(QLatin1Char(','))) {
            Comparator comparator;
            bool star = false;
            if (!parseComparator(part, comparator, star, message))
                break;
            if (!star)
                req.m_comparators.append(comparator);
        }
    }
    if (!message.isEmpty()) {
        if (error)
            *error = message;
        return std::nullopt;
    }
    return req;
}

SemverReq SemverReq::any()
{
    SemverReq req;
    req.m_text = QStringLiteral("*");
    return req;
}

bool SemverReq::matches(const SemverVersion &version) const
{
    for (const Comparator &c : m_comparators) {
        if (!matchesComparator(c, version))
            return false;
    }
    if (!version.isPreRelease())
        return true;
    for (const Comparator &c : m_comparators) {
        if (preIsCompatible(c, version))
            return true;
    }
    return false;
}

} // namespace Stowaway

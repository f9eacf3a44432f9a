// SPDX-License-Identifier: GPL-3.0-or-later
#include "cfgexpr.h"

#include <algorithm>

namespace Stowaway {

/// Recursive-descent parser over cargo's cfg grammar.
class CfgParser
{
public:
    explicit CfgParser(QStringView text) : m_text(text) {}

    std::optional<CfgExpr> parseRoot()
    {
        skipSpace();
        if (identifier() != u"cfg" || !expect(u'('))
            return fail(CfgExpr::tr("expected cfg(...)"));
        auto expr = parseExpr(0);
        if (!expr)
            return std::nullopt;
        if (!expect(u')'))
            return fail(CfgExpr::tr("expected ')'"));
        skipSpace();
        if (m_pos != m_text.size())
            return fail(CfgExpr::tr("unexpected text after cfg(...)"));
        return expr;
    }

    QString error;

private:
    std::optional<CfgExpr> fail(const QString &message)
    {
        if (error.isEmpty())
            error = CfgExpr::tr("%1 at offset %2").arg(message).arg(m_pos);
        return std::nullopt;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    bool expect(char16_t c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    bool peek(char16_t c)
    {
        skipSpace();
        return m_pos < m_text.size() && m_text.at(m_pos) == c;
    }

    QStringView identifier()
    {
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()) {
            const char16_t u = m_text.at(m_pos).unicode();
            const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'_' ||
                            (m_pos > start && u >= u'0' && u <= u'9');
            if (!ok)
                break;
            ++m_pos;
        }
        return m_text.mid(start, m_pos - start);
    }

    std::optional<QString> string()
    {
        if (!expect(u'"'))
            return std::nullopt;
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && m_text.at(m_pos) != QLatin1Char('"'))
            ++m_pos;
        if (m_pos >= m_text.size())
            return std::nullopt;
        const QString value = m_text.mid(start, m_pos - start).toString();
        ++m_pos;
        return value;
    }

    std::optional<CfgExpr> parseExpr(int depth)
    {
        if (depth > 32)
            return fail(CfgExpr::tr("cfg expression nested too deeply"));
        const QStringView name = identifier();
        if (name.isEmpty())
            return fail(CfgExpr::tr("expected a cfg name"));
        CfgExpr expr;
        if ((name == u"all" || name == u"any" || name == u"not") && peek(u'(')) {
            expect(u'(');
            expr.m_kind = name == u"all"
                              ? CfgExpr::Kind::All
                              : (name == u"any" ? CfgExpr::Kind::Any : CfgExpr::Kind::Not);
            while (!peek(u')')) {
                auto child = parseExpr(depth + 1);
                if (!child)
                    return std::nullopt;
                expr.m_children.append(*child);
                if (!expect(u','))
                    break;
            }
            if (!expect(u')'))
                return fail(CfgExpr::tr("expected ')'"));
            if (expr.m_kind == CfgExpr::Kind::Not && expr.m_children.size() != 1)
                return fail(CfgExpr::tr("not() takes exactly one predicate"));
            return expr;
        }
        if (peek(u'=')) {
            expect(u'=');
            const auto value = string();
            if (!value)
                return fail(CfgExpr::tr("expected a quoted value"));
            expr.m_kind = CfgExpr::Kind::KeyValue;
            expr.m_key = name.toString();
            expr.m_value = *value;
            return expr;
        }
        if (name == u"true" || name == u"false") {
            expr.m_kind = name == u"true" ? CfgExpr::Kind::True : CfgExpr::Kind::False;
            return expr;
        }
        expr.m_kind = CfgExpr::Kind::Name;
        expr.m_key = name.toString();
        return expr;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
};

std::optional<CfgExpr> CfgExpr::parse(QStringView text, QString *error)
{
    CfgParser parser(text);
    auto expr = parser.parseRoot();
    if (!expr && error)
        *error = parser.error;
    return expr;
}

bool CfgExpr::evaluate(const Platform &platform) const
{
    switch (m_kind) {
    case Kind::Name:
        return platform.hasName(m_key);
    case Kind::KeyValue:
        return platform.hasValue(m_key, m_value);
    case Kind::All:
        return std::all_of(m_children.cbegin(), m_children.cend(),
                           [&](const CfgExpr &c) { return c.evaluate(platform); });
    case Kind::Any:
        return std::any_of(m_children.cbegin(), m_children.cend(),
                           [&](const CfgExpr &c) { return c.evaluate(platform); });
    case Kind::Not:
        return !m_children.constFirst().evaluate(platform);
    case Kind::True:
        return true;
    case Kind::False:
        return false;
    }
    return false;
}

} // namespace Stowaway

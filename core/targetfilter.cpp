// SPDX-License-Identifier: GPL-3.0-or-later
#include "targetfilter.h"

#include "cfgexpr.h"
#include "platformtable.h"

#include <algorithm>

namespace Stowaway {

TargetFilter::TargetFilter(QList<Platform> platforms)
    : m_all(false), m_platforms(std::move(platforms))
{}

TargetFilter TargetFilter::forTriples(const QStringList &triples, const PlatformTable &table,
                                      QStringList *unknown)
{
    if (triples.isEmpty())
        return {};
    QList<Platform> platforms;
    for (const QString &triple : triples) {
        if (auto platform = table.find(triple))
            platforms.append(*platform);
        else if (unknown)
            unknown->append(triple);
    }
    return TargetFilter(std::move(platforms));
}

bool TargetFilter::applies(const QString &target) const
{
    if (m_all || target.isEmpty())
        return true;
    if (!target.startsWith(QLatin1String("cfg("))) {
        return std::any_of(m_platforms.cbegin(), m_platforms.cend(),
                           [&](const Platform &p) { return p.triple == target; });
    }
    const auto expr = CfgExpr::parse(target);
    if (!expr)
        return true;
    return std::any_of(m_platforms.cbegin(), m_platforms.cend(),
                       [&](const Platform &p) { return expr->evaluate(p); });
}

} // namespace Stowaway

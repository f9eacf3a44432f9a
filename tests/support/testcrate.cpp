// SPDX-License-Identifier: GPL-3.0-or-later
#include "testcrate.h"

namespace Stowaway::Testing {

QString TestDependency::rustName() const
{
    QString result = alias();
    result.replace(QLatin1Char('-'), QLatin1Char('_'));
    return result;
}

QString TestDependency::cfgPredicate() const
{
    const QLatin1StringView prefix("cfg(");
    if (!target.startsWith(prefix) || !target.endsWith(QLatin1Char(')')))
        return {};
    return target.mid(prefix.size(), target.size() - prefix.size() - 1);
}

TestCrate &TestCrate::dependsOn(const QString &package, const QString &req)
{
    return withDependency({.name = package, .req = req});
}

TestCrate &TestCrate::buildDependsOn(const QString &package, const QString &req)
{
    return withDependency({.name = package, .req = req, .kind = QStringLiteral("build")});
}

TestCrate &TestCrate::devDependsOn(const QString &package, const QString &req)
{
    return withDependency({.name = package, .req = req, .kind = QStringLiteral("dev")});
}

TestCrate &TestCrate::targetDependsOn(const QString &target, const QString &package,
                                      const QString &req)
{
    return withDependency({.name = package, .req = req, .target = target});
}

TestCrate &TestCrate::optionallyDependsOn(const QString &package, const QString &req,
                                          const QString &feature)
{
    withDependency({.name = package, .req = req, .optional = true});
    if (!feature.isEmpty())
        withFeature(feature, {QStringLiteral("dep:") + package});
    return *this;
}

TestCrate &TestCrate::renamedDependsOn(const QString &alias, const QString &package,
                                       const QString &req)
{
    return withDependency({.name = package, .req = req, .rename = alias});
}

TestCrate &TestCrate::withDependency(const TestDependency &dependency)
{
    deps.append(dependency);
    return *this;
}

TestCrate &TestCrate::withFeature(const QString &feature, const QStringList &enables)
{
    features.insert(feature, enables);
    return *this;
}

TestCrate &TestCrate::withConstant(quint64 value)
{
    constant = value;
    return *this;
}

TestCrate &TestCrate::withLinks(const QString &linksName)
{
    links = linksName;
    return *this;
}

TestCrate &TestCrate::withPayload(qint64 bytes)
{
    payloadBytes = bytes;
    return *this;
}

TestCrate &TestCrate::yank()
{
    yanked = true;
    return *this;
}

QString TestCrate::activatingFeature(const TestDependency &dep) const
{
    if (!dep.optional)
        return {};
    const QString marker = QStringLiteral("dep:") + dep.alias();
    for (auto it = features.cbegin(); it != features.cend(); ++it) {
        if (it.value().contains(marker))
            return it.key();
    }
    return dep.alias();
}

bool TestCrate::needsFeatures2() const
{
    for (const QStringList &enables : features) {
        for (const QString &entry : enables) {
            if (entry.startsWith(QLatin1StringView("dep:")) || entry.contains(QLatin1String("?/")))
                return true;
        }
    }
    return false;
}

bool TestCrate::hasBuildScript() const
{
    if (!links.isEmpty())
        return true;
    for (const TestDependency &dep : deps) {
        if (dep.kind == QLatin1StringView("build"))
            return true;
    }
    return false;
}

} // namespace Stowaway::Testing

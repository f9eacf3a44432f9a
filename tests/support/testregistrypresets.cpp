// SPDX-License-Identifier: GPL-3.0-or-later
// The preset registries of TestRegistry (kept apart from the generator itself).
#include "testregistry.h"

namespace Stowaway::Testing {

TestRegistry TestRegistry::small()
{
    TestRegistry r;
    const auto s = [](const char *text) { return QString::fromLatin1(text); };

    // A diamond: top -> left, right -> base. base 1.3.0 is yanked, so ^1 picks 1.2.0;
    // 2.0.0-beta.1 is a pre-release that no requirement here names.
    r.addVersion(s("base"), s("1.0.0"));
    r.addVersion(s("base"), s("1.1.0"));
    r.addVersion(s("base"), s("1.2.0"));
    r.addVersion(s("base"), s("2.0.0-beta.1"));
    r.addVersion(s("base"), s("1.3.0")).yank();
    r.addVersion(s("left"), s("1.0.0")).dependsOn(s("base"), s("^1.0"));
    r.addVersion(s("right"), s("1.0.0")).dependsOn(s("base"), s("^1.1"));
    r.addVersion(s("top"), s("0.4.0"))
        .dependsOn(s("left"), s("^1.0"))
        .dependsOn(s("right"), s("^1"));

    // A dependency used under another name.
    r.addVersion(s("renamer"), s("1.0.0")).renamedDependsOn(s("base-alias"), s("base"), s("^1.1"));

    // A build dependency, evaluated by build.rs; the package also declares `links`.
    r.addVersion(s("codegen"), s("0.2.0"));
    r.addVersion(s("codegen"), s("0.2.1"));
    r.addVersion(s("builder"), s("1.0.0"))
        .buildDependsOn(s("codegen"), s("^0.2"))
        .dependsOn(s("base"), s("^1"))
        .withLinks(s("stowaway_builder"));

    // Platform-specific dependencies: only the cfg(unix) one counts on Linux, but cargo
    // resolves (and the mirror must serve) both.
    r.addVersion(s("winonly"), s("0.1.0"));
    r.addVersion(s("unixonly"), s("0.1.0"));
    r.addVersion(s("platform"), s("1.0.0"))
        .targetDependsOn(s("cfg(windows)"), s("winonly"), s("^0.1"))
        .targetDependsOn(s("cfg(unix)"), s("unixonly"), s("^0.1"));

    // An optional dependency behind a `dep:` feature (index schema v2, features2).
    r.addVersion(s("fancy"), s("1.0.0"));
    r.addVersion(s("extras"), s("1.0.0"))
        .optionallyDependsOn(s("fancy"), s("^1.0"), s("fancy-mode"))
        .withFeature(s("default"), {});

    // An upper-case name (index path is lower-cased) and build metadata in a version.
    r.addVersion(s("BigName"), s("1.0.0"));
    r.addVersion(s("metaver"), s("0.3.0"));
    r.addVersion(s("metaver"), s("0.3.1+meta"));

    r.setRootDependencies({
        {.name = s("top"), .req = s("^0.4")},
        {.name = s("renamer"), .req = s("^1")},
        {.name = s("builder"), .req = s("^1.0")},
        {.name = s("platform"), .req = s("^1.0")},
        {.name = s("extras"), .req = s("^1.0"), .features = {s("fancy-mode")}},
        {.name = s("BigName"), .req = s("^1")},
        {.name = s("metaver"), .req = s("^0.3")},
    });
    return r;
}

TestRegistry TestRegistry::layered(int count, int versionsPerCrate)
{
    TestRegistry r;
    count = qMax(count, 2);
    versionsPerCrate = qMax(versionsPerCrate, 1);
    const int layers = qMax(2, count / 15);
    // Crate i sits in layer i % layers, so every layer gets about count / layers crates.
    QList<QStringList> byLayer(layers);
    for (int i = 0; i < count; ++i)
        byLayer[i % layers].append(QStringLiteral("layer%1-crate%2")
                                       .arg(i % layers, 2, 10, QLatin1Char('0'))
                                       .arg(i, 3, 10, QLatin1Char('0')));
    quint64 seed = 0x5eed5eedULL;
    const auto next = [&seed](int bound) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((seed >> 33) % quint64(bound));
    };
    for (int layer = 0; layer < layers; ++layer) {
        for (int index = 0; index < byLayer[layer].size(); ++index) {
            const QString &name = byLayer[layer][index];
            QStringList deps;
            if (layer > 0) {
                // The first dependency walks the layer below, so every crate is used.
                const QStringList &below = byLayer[layer - 1];
                deps.append(below[index % below.size()]);
                const int extra = 1 + next(3);
                for (int attempt = 0; deps.size() < 1 + extra && attempt < 20; ++attempt) {
                    const QStringList &from = byLayer[next(layer)];
                    const QString candidate = from[next(int(from.size()))];
                    if (!deps.contains(candidate))
                        deps.append(candidate);
                }
            }
            for (int v = 0; v < versionsPerCrate; ++v) {
                TestCrate &crate = r.addVersion(name, QStringLiteral("1.%1.0").arg(v));
                // Older versions had fewer dependencies, as real crates often do.
                const int used =
                    v == versionsPerCrate - 1 ? int(deps.size()) : qMax(1, int(deps.size()) - 1);
                for (int d = 0; d < used && d < deps.size(); ++d)
                    crate.dependsOn(deps[d], QStringLiteral("^1.0"));
            }
        }
    }
    QList<TestDependency> roots;
    for (const QString &name : byLayer.last())
        roots.append({.name = name, .req = QStringLiteral("^1.0")});
    r.setRootDependencies(roots);
    return r;
}

} // namespace Stowaway::Testing

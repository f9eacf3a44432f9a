// SPDX-License-Identifier: GPL-3.0-or-later
// stowaway-testregistry: writes a synthetic sparse registry folder for benchmarks and
// manual checks with real cargo. See bench/server-bench.
#include "testregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

#include <cstdio>

using namespace Stowaway::Testing;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stowaway-testregistry"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes a synthetic crates registry (real .crate files, crates.io index "
                       "lines) as a static sparse-registry folder that any web server can serve."));
    parser.addHelpOption();
    const QCommandLineOption preset(
        QStringLiteral("preset"), QStringLiteral("small (corner cases) or layered (many crates)."),
        QStringLiteral("name"), QStringLiteral("small"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("Crates in the layered preset (default 150)."),
                                   QStringLiteral("n"), QStringLiteral("150"));
    const QCommandLineOption versions(QStringLiteral("versions"),
                                      QStringLiteral("Versions per crate, layered (default 3)."),
                                      QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption bigCrate(
        QStringLiteral("big-crate-mb"),
        QStringLiteral("Also publish bigdata 1.0.0 with this many MB of incompressible data."),
        QStringLiteral("mb"), QStringLiteral("0"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Registry folder to write."),
                                 QStringLiteral("dir"));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"),
                                     QStringLiteral("URL the registry will be served at, e.g. "
                                                    "http://127.0.0.1:8080 (no trailing slash)."),
                                     QStringLiteral("url"));
    const QCommandLineOption project(
        QStringLiteral("project"),
        QStringLiteral("Also write a binary cargo project depending on the preset's root crates."),
        QStringLiteral("dir"));
    parser.addOptions({preset, count, versions, bigCrate, out, baseUrl, project});
    parser.process(app);

    if (!parser.isSet(out) || !parser.isSet(baseUrl)) {
        std::fprintf(stderr, "stowaway-testregistry: --out and --base-url are required.\n"
                             "Example: stowaway-testregistry --preset layered --out /tmp/reg "
                             "--base-url http://127.0.0.1:8080\n");
        return 2;
    }
    bool countOk = false, versionsOk = false, bigOk = false;
    const int crateCount = parser.value(count).toInt(&countOk);
    const int versionCount = parser.value(versions).toInt(&versionsOk);
    const int bigMegabytes = parser.value(bigCrate).toInt(&bigOk);
    if (!countOk || !versionsOk || !bigOk || crateCount < 2 || versionCount < 1 ||
        bigMegabytes < 0) {
        std::fprintf(stderr, "stowaway-testregistry: --count (>= 2), --versions (>= 1) and "
                             "--big-crate-mb (>= 0) take whole numbers.\n");
        return 2;
    }

    TestRegistry registry;
    if (parser.value(preset) == QLatin1StringView("small")) {
        registry = TestRegistry::small();
    } else if (parser.value(preset) == QLatin1StringView("layered")) {
        registry = TestRegistry::layered(crateCount, versionCount);
    } else {
        std::fprintf(stderr, "stowaway-testregistry: unknown preset '%s'; use small or layered.\n",
                     qPrintable(parser.value(preset)));
        return 2;
    }
    if (bigMegabytes > 0)
        registry.addVersion(QStringLiteral("bigdata"), QStringLiteral("1.0.0"))
            .withPayload(qint64(bigMegabytes) * 1024 * 1024);

    QString error;
    if (!registry.writeRegistry(parser.value(out), parser.value(baseUrl), &error)) {
        std::fprintf(stderr, "stowaway-testregistry: %s\n", qPrintable(error));
        return 1;
    }
    if (parser.isSet(project) &&
        !TestRegistry::writeProject(parser.value(project), QStringLiteral("bench-project"),
                                    registry.rootDependencies(), &error)) {
        std::fprintf(stderr, "stowaway-testregistry: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("wrote %lld crates, %d versions to %s; a project using the root crates prints "
                "value=%llu\n",
                static_cast<long long>(registry.crateNames().size()), registry.versionCount(),
                qPrintable(QDir(parser.value(out)).absolutePath()),
                static_cast<unsigned long long>(
                    registry.expectedProjectValue(registry.rootDependencies())));
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Selection from a local git index (bench/gen-git-index), no network:
//   bench_localindex scan REPO [COMMIT]        reverse-dependency counts over the whole index
//                                              (streaming), time and peak RSS (VmHWM)
//   bench_localindex closure REPO [COMMIT] [--top N] [--versions newest|all|lines:K]
//                                              the closure of the top N crates by reverse
//                                              dependencies (default 1000), resolved from the
//                                              object database
// Prints human lines and one "RESULT key=value ..." line for scripts.
#include "closureresolver.h"
#include "gitindex.h"
#include "localindex.h"
#include "reversedependencies.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <cstdio>

using namespace Stowaway;

namespace {

qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QByteArray resolveCommit(const QString &repo, const QString &rev)
{
    QProcess git;
    git.start(QStringLiteral("git"), {QStringLiteral("-C"), repo, QStringLiteral("rev-parse"),
                                      rev + QStringLiteral("^{commit}")});
    git.waitForFinished(30000);
    return git.readAllStandardOutput().trimmed();
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int top = 1000;
    QString versions = QStringLiteral("lines:3");
    QStringList positional;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--top") && i + 1 < args.size())
            top = args[++i].toInt();
        else if (args[i] == QLatin1String("--versions") && i + 1 < args.size())
            versions = args[++i];
        else
            positional.append(args[i]);
    }
    if (positional.size() < 2 ||
        (positional[0] != QLatin1String("scan") && positional[0] != QLatin1String("closure"))) {
        std::fprintf(stderr, "usage: bench_localindex scan|closure REPO [COMMIT] [--top N] "
                             "[--versions newest|all|lines:K]\n");
        return 2;
    }
    const QString repoPath = positional[1];
    const QByteArray commit = resolveCommit(repoPath, positional.value(2, QStringLiteral("HEAD")));
    GitIndex git;
    QString error;
    if (commit.isEmpty() || !git.open(repoPath, &error)) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(repoPath), qPrintable(error));
        return 1;
    }
    const LocalIndex local(git, commit);
    const qint64 rssBefore = statusKb("VmHWM");

    QElapsedTimer timer;
    timer.start();
    ReverseDependencies counter;
    if (!local.countDependents(counter, &error)) {
        std::fprintf(stderr, "scan failed: %s\n", qPrintable(error));
        return 1;
    }
    const QList<PopularCrate> ranking = counter.ranking(top);
    const double scanSeconds = seconds(timer);
    const qint64 hwmKb = statusKb("VmHWM");
    std::printf("whole-index scan: %lld crates, %.1f MB of index in %.2f s (%.2f GB/s incl. "
                "inflating blobs), peak RSS %.1f MB (%.1f MB before the scan)\n",
                qlonglong(counter.crateCount()), double(counter.scannedBytes()) / 1e6, scanSeconds,
                double(counter.scannedBytes()) / scanSeconds / 1e9, double(hwmKb) / 1024,
                double(rssBefore) / 1024);
    std::printf("most depended on:");
    for (qsizetype i = 0; i < std::min<qsizetype>(ranking.size(), 8); ++i)
        std::printf(" %s (%lld)", qPrintable(ranking[i].name), qlonglong(ranking[i].downloads));
    std::printf("\n");
    if (positional[0] == QLatin1String("scan")) {
        std::printf("RESULT scan_s=%.3f crates=%lld scanned_mb=%.1f vmhwm_mb=%.1f\n", scanSeconds,
                    qlonglong(counter.crateCount()), double(counter.scannedBytes()) / 1e6,
                    double(hwmKb) / 1024);
        return 0;
    }

    std::optional<VersionPolicy> policy = VersionPolicy::parse(versions, &error);
    if (!policy) {
        std::fprintf(stderr, "--versions: %s\n", qPrintable(error));
        return 2;
    }
    ResolverOptions options;
    options.policy = *policy;
    timer.restart();
    ClosureResolver resolver(options);
    for (const PopularCrate &crate : ranking)
        resolver.addRoot(SyncRoot{crate.name,
                                  SemverReq::any(),
                                  {},
                                  QStringLiteral("popular"),
                                  QStringLiteral("rank %1").arg(crate.rank)});
    const int files = local.resolve(resolver);
    const ResolverPlan plan = resolver.plan();
    const double closureSeconds = seconds(timer);
    std::printf("closure of the top %lld (--versions %s): %d index files read, %lld versions "
                "kept, %lld problems, %.3f s\n",
                qlonglong(ranking.size()), qPrintable(versions), files,
                qlonglong(plan.versions.size()), qlonglong(plan.problems.size()), closureSeconds);
    std::printf("RESULT closure_s=%.3f files=%d versions=%lld scan_s=%.3f\n", closureSeconds, files,
                qlonglong(plan.versions.size()), scanSeconds);
    return 0;
}

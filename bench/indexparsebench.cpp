// SPDX-License-Identifier: GPL-3.0-or-later
// Index-line parsing throughput over the blobs of a git index (bench/gen-git-index):
// IndexScanner's summary scan (name, vers, cksum, yanked), its dependency scan, and the
// IndexLine parser the rest of the code uses, over the same bytes in the same run.
//   bench_indexparse REPO [COMMIT] [--limit-mb N] [--runs N]
// The blobs are read into memory first (not timed); each pass is timed by the wall clock and
// by the process's CPU clock (on a shared machine the CPU figure is the steadier one).
#include "gitindex.h"
#include "indexline.h"
#include "indexscanner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace Stowaway;

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Pass
{
    double wall = 0;
    double cpu = 0;
};

/// Best of `runs` passes of `work` (the least disturbed one).
Pass timeBest(int runs, const std::function<void()> &work)
{
    Pass best{1e30, 1e30};
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = cpuSeconds();
        work();
        best.cpu = std::min(best.cpu, cpuSeconds() - cpu0);
        best.wall = std::min(best.wall, double(timer.nsecsElapsed()) / 1e9);
    }
    return best;
}

QByteArray resolveCommit(const QString &repo, const QString &rev)
{
    QProcess git;
    git.start(QStringLiteral("git"), {QStringLiteral("-C"), repo, QStringLiteral("rev-parse"),
                                      rev + QStringLiteral("^{commit}")});
    git.waitForFinished(30000);
    return git.readAllStandardOutput().trimmed();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    qint64 limitBytes = -1;
    int runs = 3;
    QStringList positional;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--limit-mb") && i + 1 < args.size())
            limitBytes = args[++i].toLongLong() * 1024 * 1024;
        else if (args[i] == QLatin1String("--runs") && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else
            positional.append(args[i]);
    }
    if (positional.isEmpty()) {
        std::fprintf(stderr, "usage: bench_indexparse REPO [COMMIT] [--limit-mb N] [--runs N]\n");
        return 2;
    }
    const QString repoPath = positional.at(0);
    const QByteArray commit =
        resolveCommit(repoPath, positional.size() > 1 ? positional.at(1) : QStringLiteral("HEAD"));
    GitIndex repo;
    QString error;
    if (commit.isEmpty() || !repo.open(repoPath, &error)) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(repoPath), qPrintable(error));
        return 1;
    }
    QList<QByteArray> files;
    qint64 total = 0;
    QElapsedTimer loadTimer;
    loadTimer.start();
    const bool ok = repo.forEachFile(
        commit,
        [&](const GitFile &file) {
            if (file.path == QLatin1String("config.json"))
                return true;
            files.append(file.bytes);
            total += file.bytes.size();
            return limitBytes < 0 || total < limitBytes;
        },
        true, &error);
    if (!ok) {
        std::fprintf(stderr, "cannot read %s: %s\n", commit.constData(), qPrintable(error));
        return 1;
    }
    const double loadSeconds = double(loadTimer.nsecsElapsed()) / 1e9;
    std::printf("blobs: %lld files, %.1f MB, read from the object database in %.2f s "
                "(%.2f GB/s)\n",
                qlonglong(files.size()), double(total) / 1e6, loadSeconds,
                double(total) / loadSeconds / 1e9);

    qint64 lines = 0;
    qint64 deps = 0;
    const auto scanAll = [&](IndexScanner::Fields fields) {
        IndexScanner scanner(fields);
        lines = 0;
        deps = 0;
        for (const QByteArray &file : files) {
            scanner.scan(file, [&](const ScannedLine &line) {
                ++lines;
                deps += qint64(line.deps.size());
            });
        }
    };
    const Pass summary = timeBest(runs, [&] { scanAll(IndexScanner::Fields::Summary); });
    const qint64 summaryLines = lines;
    const Pass withDeps = timeBest(runs, [&] { scanAll(IndexScanner::Fields::Dependencies); });
    const qint64 depCount = deps;
    qint64 indexLines = 0;
    const Pass indexLine = timeBest(1, [&] {
        indexLines = 0;
        for (const QByteArray &file : files)
            indexLines += IndexLine::parseFile(file).lines.size();
    });
    const auto gbps = [&](double seconds) { return double(total) / seconds / 1e9; };
    std::printf("lines: %lld (%lld dependencies); IndexLine agrees: %s\n", qlonglong(summaryLines),
                qlonglong(depCount), indexLines == summaryLines ? "yes" : "NO");
    std::printf("| parser | wall GB/s | CPU GB/s | x IndexLine (CPU) |\n|---|---:|---:|---:|\n");
    std::printf("| IndexScanner summary (name, vers, cksum, yanked) | %.2f | %.2f | %.1fx |\n",
                gbps(summary.wall), gbps(summary.cpu), indexLine.cpu / summary.cpu);
    std::printf("| IndexScanner with dependencies | %.2f | %.2f | %.1fx |\n", gbps(withDeps.wall),
                gbps(withDeps.cpu), indexLine.cpu / withDeps.cpu);
    std::printf("| IndexLine::parseFile (QStrings, every field) | %.2f | %.2f | 1.0x |\n",
                gbps(indexLine.wall), gbps(indexLine.cpu));
    std::printf("RESULT summary_gbps=%.3f summary_cpu_gbps=%.3f deps_gbps=%.3f "
                "deps_cpu_gbps=%.3f indexline_gbps=%.3f indexline_cpu_gbps=%.3f mb=%.1f\n",
                gbps(summary.wall), gbps(summary.cpu), gbps(withDeps.wall), gbps(withDeps.cpu),
                gbps(indexLine.wall), gbps(indexLine.cpu), double(total) / 1e6);
    return indexLines == summaryLines ? 0 : 1;
}

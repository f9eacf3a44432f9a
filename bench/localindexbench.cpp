// SPDX-License-Identifier: GPL-3.0-or-later
// Selection from a local git index (bench/gen-git-index), no network:
//   bench_localindex scan REPO [COMMIT]        reverse-dependency counts over the whole index
//                                              (streaming), time and peak RSS (VmHWM)
//   bench_localindex fetch DEST URL            clone (or fetch into) the bare repository DEST
//                                              from URL with GitIndex (libgit2), timed
//   bench_localindex serve MIRROR [--rounds N] index requests of every stored crate through
//                                              MirrorRouter, from the git object database and
//                                              from the served-index files (FileCache)
//   bench_localindex closure REPO [COMMIT] [--top N] [--versions newest|all|lines:K]
//                                              the closure of the top N crates by reverse
//                                              dependencies (default 1000), resolved from the
//                                              object database
// Prints human lines and one "RESULT key=value ..." line for scripts.
#include "closureresolver.h"
#include "gitindex.h"
#include "indexpath.h"
#include "localindex.h"
#include "mirrorrouter.h"
#include "mirrorstore.h"
#include "reversedependencies.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>

#include <cstdio>
#include <ctime>

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

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

/// Microseconds per index request through MirrorRouter::handle() for every stored crate,
/// `rounds` times, answered from the git object database and from the files.
int serveLookups(const QString &mirrorDir, int rounds)
{
    MirrorStore store{MirrorLayout(mirrorDir)};
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "cannot open the mirror: %s\n", qPrintable(error));
        return 1;
    }
    QList<HttpRequest> requests;
    for (const CrateListEntry &entry : store.crateList()) {
        if (entry.versionsStored == 0)
            continue;
        HttpRequest request;
        request.method = "GET";
        request.path = QStringLiteral("/index/") + IndexPath::relativePath(entry.name);
        request.target = request.path.toUtf8();
        request.localAddress = QHostAddress(QHostAddress::LocalHost);
        request.peerAddress = QHostAddress(QHostAddress::LocalHost);
        requests.append(request);
    }
    if (requests.isEmpty()) {
        std::fprintf(stderr, "the mirror stores no crate\n");
        return 1;
    }
    const auto measure = [&](bool fromGit, qint64 *bytes, QByteArray *etag) {
        MirrorRouterOptions options;
        options.serveFromGit = fromGit;
        MirrorRouter router(store.layout(), nullptr, nullptr, options);
        *bytes = 0;
        QElapsedTimer timer;
        timer.start();
        for (int round = 0; round < rounds; ++round) {
            for (const HttpRequest &request : requests) {
                const HttpResponse response = router.handle(request);
                *bytes += response.body.size();
                *etag = response.header("etag");
            }
        }
        return double(timer.nsecsElapsed()) / 1e3 / double(rounds * requests.size());
    };
    qint64 gitBytes = 0;
    qint64 fileBytes = 0;
    QByteArray gitEtag;
    QByteArray fileEtag;
    const double gitUs = measure(true, &gitBytes, &gitEtag);
    const double fileUs = measure(false, &fileBytes, &fileEtag);
    std::printf("%lld crates x %d rounds: %.1f us per index request from the git object database "
                "(ETag %s), %.1f us from the served-index files (ETag %s); same bytes: %s\n",
                qlonglong(requests.size()), rounds, gitUs, gitEtag.constData(), fileUs,
                fileEtag.constData(), gitBytes == fileBytes ? "yes" : "NO");
    std::printf("RESULT git_us=%.1f file_us=%.1f crates=%lld\n", gitUs, fileUs,
                qlonglong(requests.size()));
    return gitBytes == fileBytes ? 0 : 1;
}

int fetchInto(const QString &dest, const QString &url)
{
    QElapsedTimer timer;
    timer.start();
    const double cpu0 = cpuSeconds();
    GitIndex git;
    QString error;
    GitTransferProgress last;
    if (!git.open(dest, &error) || !git.fetch(
                                       url,
                                       [&last](const GitTransferProgress &progress) {
                                           last = progress;
                                           return true;
                                       },
                                       &error)) {
        std::fprintf(stderr, "fetch failed: %s\n", qPrintable(error));
        return 1;
    }
    const double wall = seconds(timer);
    std::printf("fetched %s into %s: tip %s, %lld objects, %.1f MB received, %.2f s (CPU %.2f s)\n",
                qPrintable(url), qPrintable(dest), git.tip().constData(),
                qlonglong(last.totalObjects), double(last.receivedBytes) / 1e6, wall,
                cpuSeconds() - cpu0);
    std::printf("RESULT fetch_s=%.3f objects=%lld mb=%.1f\n", wall, qlonglong(last.totalObjects),
                double(last.receivedBytes) / 1e6);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int top = 1000;
    int rounds = 20;
    QString versions = QStringLiteral("lines:3");
    QStringList positional;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--top") && i + 1 < args.size())
            top = args[++i].toInt();
        else if (args[i] == QLatin1String("--rounds") && i + 1 < args.size())
            rounds = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--versions") && i + 1 < args.size())
            versions = args[++i];
        else
            positional.append(args[i]);
    }
    if (positional.size() == 3 && positional[0] == QLatin1String("fetch"))
        return fetchInto(positional[1], positional[2]);
    if (positional.size() == 2 && positional[0] == QLatin1String("serve"))
        return serveLookups(positional[1], rounds);
    if (positional.size() < 2 ||
        (positional[0] != QLatin1String("scan") && positional[0] != QLatin1String("closure"))) {
        std::fprintf(stderr, "usage: bench_localindex scan|closure REPO [COMMIT] [--top N] "
                             "[--versions newest|all|lines:K]\n"
                             "       bench_localindex fetch DEST URL\n"
                             "       bench_localindex serve MIRROR [--rounds N]\n");
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
    const double scanCpu0 = cpuSeconds();
    ReverseDependencies counter;
    if (!local.countDependents(counter, &error)) {
        std::fprintf(stderr, "scan failed: %s\n", qPrintable(error));
        return 1;
    }
    const QList<PopularCrate> ranking = counter.ranking(top);
    const double scanSeconds = seconds(timer);
    const double scanCpu = cpuSeconds() - scanCpu0;
    const qint64 hwmKb = statusKb("VmHWM");
    std::printf("whole-index scan: %lld crates, %.1f MB of index in %.2f s, CPU %.2f s (blobs "
                "inflated from the pack and scanned with dependencies), peak RSS %.1f MB "
                "(%.1f MB before the scan)\n",
                qlonglong(counter.crateCount()), double(counter.scannedBytes()) / 1e6, scanSeconds,
                scanCpu, double(hwmKb) / 1024, double(rssBefore) / 1024);
    std::printf("most depended on:");
    for (qsizetype i = 0; i < std::min<qsizetype>(ranking.size(), 8); ++i)
        std::printf(" %s (%lld)", qPrintable(ranking[i].name), qlonglong(ranking[i].downloads));
    std::printf("\n");
    if (positional[0] == QLatin1String("scan")) {
        std::printf("RESULT scan_s=%.3f scan_cpu_s=%.3f crates=%lld scanned_mb=%.1f "
                    "vmhwm_mb=%.1f\n",
                    scanSeconds, scanCpu, qlonglong(counter.crateCount()),
                    double(counter.scannedBytes()) / 1e6, double(hwmKb) / 1024);
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
    const double closureCpu0 = cpuSeconds();
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
    const double closureCpu = cpuSeconds() - closureCpu0;
    std::printf("closure of the top %lld (--versions %s): %d index files read, %lld versions "
                "kept, %lld problems, %.3f s (CPU %.3f s)\n",
                qlonglong(ranking.size()), qPrintable(versions), files,
                qlonglong(plan.versions.size()), qlonglong(plan.problems.size()), closureSeconds,
                closureCpu);
    QMap<int, int> kinds;
    for (const ResolverProblem &problem : plan.problems)
        ++kinds[int(problem.kind)];
    for (auto it = kinds.cbegin(); it != kinds.cend(); ++it) {
        for (const ResolverProblem &problem : plan.problems) {
            if (int(problem.kind) == it.key()) {
                std::printf("  %d problem(s) of kind %d, e.g. %s\n", it.value(), it.key(),
                            qPrintable(problem.message));
                break;
            }
        }
    }
    std::printf("RESULT closure_s=%.3f closure_cpu_s=%.3f files=%d versions=%lld scan_s=%.3f\n",
                closureSeconds, closureCpu, files, qlonglong(plan.versions.size()), scanSeconds);
    return 0;
}

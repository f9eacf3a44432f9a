// SPDX-License-Identifier: GPL-3.0-or-later
// GitIndex at crates.io's size: builds a bare repository with N crate index files (about 8
// versions each, crates.io-like lines) in one commit, then times what a git sync does with
// it: the clone, listing every file's blob id (whole-tree comparison), reading every blob,
// a new commit touching K files and its fetch plus tree diff.
//
//   bench_gitindex [--crates N] [--changed K] [--dir DIR]
#include "gitindex.h"
#include "indexpath.h"
#include "testgitupstream.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

/// Names spread over the index folders as crates.io's are: four letters from the number.
QString crateName(int crate)
{
    QString name;
    for (int i = 0, n = crate * 7919 + 12345; i < 4; ++i, n /= 26)
        name += QChar(u'a' + n % 26);
    return name + QLatin1Char('-') + QString::number(crate);
}

QByteArray lines(int crate, int count)
{
    QByteArray file;
    const QByteArray name = crateName(crate).toUtf8();
    for (int v = 0; v < count; ++v) {
        file += R"({"name":")" + name + R"(","vers":"0.)" + QByteArray::number(v) +
                R"(.0","deps":[{"name":"serde","req":"^1","features":[],"optional":false,)"
                R"("default_features":true,"target":null,"kind":"normal"}],"cksum":")" +
                QByteArray(64, 'a' + char(v % 6)) +
                R"(","features":{},"yanked":false,"rust_version":"1.60"})" + '\n';
    }
    return file;
}

void report(const char *what, const QElapsedTimer &clock)
{
    std::printf("| %s | %.2f |\n", what, double(clock.nsecsElapsed()) / 1e9);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption crates(QStringLiteral("crates"), QStringLiteral("Index files."),
                                    QStringLiteral("n"), QStringLiteral("250000"));
    const QCommandLineOption changed(QStringLiteral("changed"),
                                     QStringLiteral("Files the second commit changes."),
                                     QStringLiteral("k"), QStringLiteral("100"));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Work folder."),
                                 QStringLiteral("dir"));
    parser.addOptions({crates, changed, dir});
    parser.process(app);
    const int count = parser.value(crates).toInt();
    const int touched = parser.value(changed).toInt();
    QTemporaryDir temp(parser.isSet(dir) ? parser.value(dir) + QStringLiteral("/gitbench-XXXXXX")
                                         : QString());
    if (!temp.isValid())
        return 1;
    QString error;
    TestGitUpstream upstream(temp.filePath(QStringLiteral("upstream.git")));
    if (!upstream.init(&error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;

    QElapsedTimer clock;
    clock.start();
    QHash<QString, std::optional<QByteArray>> files;
    files.insert(QStringLiteral("config.json"), QByteArray(R"({"dl":"http://127.0.0.1:1"})"));
    qint64 versions = 0;
    for (int i = 0; i < count; ++i) {
        const int n = 1 + (i * 7919) % 15; // 1..15 versions, about 8 on average
        versions += n;
        files.insert(IndexPath::relativePath(crateName(i)), lines(i, n));
    }
    const QByteArray first = upstream.commitFiles(files, QStringLiteral("Initial"), &error);
    if (first.isEmpty())
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    files.clear();
    std::printf("%d index files, %lld versions (libgit2 %s)\n\n| step | seconds |\n|---|---|\n",
                count, versions, "1.5");
    report("build the upstream commit (not Stowaway's work)", clock);

    GitIndex index;
    if (!index.open(temp.filePath(QStringLiteral("mirror/git/index.git")), &error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    clock.restart();
    GitTransferProgress last;
    if (!index.fetch(
            upstream.path(),
            [&last](const GitTransferProgress &p) {
                last = p;
                return true;
            },
            &error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    report(qPrintable(QStringLiteral("clone (%1 objects, %2 MB)")
                          .arg(last.totalObjects)
                          .arg(double(last.receivedBytes) / 1e6, 0, 'f', 1)),
           clock);

    clock.restart();
    qint64 listed = 0;
    index.forEachFile(
        index.tip(), [&listed](const GitFile &) { return ++listed > 0; }, false, &error);
    report(qPrintable(QStringLiteral("list %1 blob ids (whole-tree comparison)").arg(listed)),
           clock);

    clock.restart();
    qint64 bytes = 0;
    index.forEachFile(
        index.tip(),
        [&bytes](const GitFile &file) {
            bytes += file.bytes.size();
            return true;
        },
        true, &error);
    report(
        qPrintable(QStringLiteral("read every blob (%1 MB)").arg(double(bytes) / 1e6, 0, 'f', 1)),
        clock);

    for (int i = 0; i < touched; ++i) {
        const int crate = (i * 2477) % count;
        files.insert(IndexPath::relativePath(crateName(crate)), lines(crate, 16));
    }
    upstream.commitFiles(files, QStringLiteral("new versions"), &error);
    clock.restart();
    if (!index.fetch(upstream.path(), {}, &error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    report(qPrintable(QStringLiteral("fetch a commit changing %1 files").arg(touched)), clock);
    clock.restart();
    const auto changes = index.changedFiles(first, index.tip(), &error);
    report(qPrintable(QStringLiteral("tree diff (%1 changed files)")
                          .arg(changes ? changes->files.size() : -1)),
           clock);
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
#include "synccommand.h"

#include "closureresolver.h"
#include "commandparser.h"
#include "gitindex.h"
#include "indexpath.h"
#include "lockfileselection.h"
#include "mirrorstore.h"
#include "platformtable.h"
#include "progressrenderer.h"
#include "signalwatcher.h"
#include "syncengine.h"
#include "synclock.h"
#include "syncpublisher.h"
#include "syncrequestbuilder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>

#include <cstdio>

namespace Stowaway {

namespace {

QString number(qint64 value)
{
    return ProgressRenderer::outputLocale().toString(value);
}

QString seconds(qint64 milliseconds)
{
    return QString::number(double(milliseconds) / 1000.0, 'f', 1);
}

QJsonObject planJson(const SyncResult &result)
{
    QJsonArray crates;
    for (const PlannedVersion &v : result.plan.versions)
        crates.append(QJsonObject{{QStringLiteral("name"), v.name},
                                  {QStringLiteral("version"), v.version},
                                  {QStringLiteral("yanked"), v.yanked},
                                  {QStringLiteral("reason"), v.reason},
                                  {QStringLiteral("detail"), v.detail}});
    QJsonArray problems;
    for (const ResolverProblem &p : result.plan.problems)
        problems.append(p.message);
    QJsonArray failures;
    for (const SyncFailure &f : result.failures)
        failures.append(QJsonObject{{QStringLiteral("name"), f.name},
                                    {QStringLiteral("version"), f.version},
                                    {QStringLiteral("reason"), f.reason}});
    return {{QStringLiteral("crates"), crates},
            {QStringLiteral("count"), crates.size()},
            {QStringLiteral("problems"), problems},
            {QStringLiteral("failures"), failures}};
}

void printProblems(QTextStream &out, const SyncResult &result)
{
    const int shown = 20;
    if (!result.plan.problems.isEmpty()) {
        out << SyncCommand::tr("Problems in the dependency graph (%1):")
                   .arg(result.plan.problems.size())
            << "\n";
        for (qsizetype i = 0; i < result.plan.problems.size() && i < shown; ++i)
            out << "  " << result.plan.problems.at(i).message << "\n";
        if (result.plan.problems.size() > shown)
            out << "  "
                << SyncCommand::tr("… and %n more (--json lists all)", nullptr,
                                   int(result.plan.problems.size() - shown))
                << "\n";
    }
    if (!result.failures.isEmpty()) {
        out << SyncCommand::tr("Not stored (%1):").arg(result.failures.size()) << "\n";
        for (qsizetype i = 0; i < result.failures.size() && i < shown; ++i) {
            const SyncFailure &f = result.failures.at(i);
            out << "  " << f.name
                << (f.version.isEmpty() ? QString() : QLatin1Char(' ') + f.version) << ": "
                << f.reason << "\n";
        }
        if (result.failures.size() > shown)
            out << "  "
                << SyncCommand::tr("… and %n more (--json lists all)", nullptr,
                                   int(result.failures.size() - shown))
                << "\n";
    }
}

} // namespace

int SyncCommand::run(const QStringList &arguments, CommandContext &context)
{
    CommandParser parser(
        tr("Fills the mirror with the selected crates and every crate they depend on.\n"
           "Selection flags add to the mirror's saved selection; without them, sync "
           "brings the saved selection up to date."));
    parser.addOption({QStringLiteral("upstream"),
                      tr("Index to mirror (saved in mirror.toml; default "
                         "sparse+https://index.crates.io/): a sparse index, or a git "
                         "index such as https://github.com/rust-lang/crates.io-index, "
                         "a .git URL or a local path."),
                      QStringLiteral("URL")});
    parser.addOption(
        {QStringLiteral("popular"), tr("Add the N most downloaded crates."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("crate"),
                      tr("Add a crate, optionally with a requirement in cargo's "
                         "syntax: serde, tokio@1, rand@\">=0.7, <0.9\"."),
                      QStringLiteral("NAME[@REQ]")});
    parser.addOption({QStringLiteral("lockfile"),
                      tr("Add every registry package of a Cargo.lock, exact versions."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("versions"),
                      tr("Versions kept of each selected crate: newest, lines:K (the "
                         "newest of the K newest compatible lines) or all."),
                      QStringLiteral("POLICY")});
    parser.addOption({QStringLiteral("platform"),
                      tr("Only mirror platform-specific dependencies for this target "
                         "triple (repeatable; default: every platform)."),
                      QStringLiteral("TRIPLE")});
    parser.addOption({QStringLiteral("dev-deps"), tr("Also mirror dev-dependencies.")});
    parser.addOption(
        {QStringLiteral("all"), tr("Mirror every version of every crate (git index upstreams; "
                                   "remembered, later syncs fetch only what changed).")});
    parser.addOption({QStringLiteral("token-env"),
                      tr("A private upstream's token is in environment variable "
                         "NAME; it is sent to the index's host only."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("proxy"),
                      tr("Send upstream requests through this proxy: http://host:port, "
                         "http://user:password@host:port or socks5://host:port; none to go "
                         "direct; env to follow https_proxy, http_proxy, all_proxy and "
                         "no_proxy again (the default). Saved in mirror.toml."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("cainfo"),
                      tr("Also trust the certificate authorities in this PEM file, for an "
                         "upstream behind a private CA (saved in mirror.toml)."),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("jobs"), tr("Downloads at once (default 16)."), QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("dry-run"), tr("Show the plan; download and change nothing.")});
    parser.addOption({QStringLiteral("json"), tr("Print the result as JSON.")});
    parser.addOption({QStringLiteral("no-progress"), tr("No progress output.")});
    int exitCode = ExitOk;
    if (!parser.parse(arguments, context, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(context, tr("sync takes no arguments; name crates "
                                             "with --crate NAME"));

    const std::unique_ptr<MirrorStore> store = parser.openStore(context);
    if (!store)
        return ExitFailed;
    MirrorConfig config = store->config();
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));

    QString error;
    SyncOverrides overrides;
    overrides.upstream = parser.value(QStringLiteral("upstream"));
    overrides.versions = parser.value(QStringLiteral("versions"));
    overrides.platformsSet = parser.isSet(QStringLiteral("platform"));
    overrides.platforms = parser.values(QStringLiteral("platform"));
    overrides.devDeps = parser.isSet(QStringLiteral("dev-deps"));
    overrides.dryRun = dryRun;
    overrides.all = parser.isSet(QStringLiteral("all"));
    if (parser.isSet(QStringLiteral("cainfo")))
        overrides.cainfo = QFileInfo(parser.value(QStringLiteral("cainfo"))).absoluteFilePath();
    // "env" forgets a saved proxy, so the environment decides again.
    const bool proxyFromEnvironment = parser.value(QStringLiteral("proxy"))
                                          .trimmed()
                                          .compare(QLatin1String("env"), Qt::CaseInsensitive) == 0;
    if (proxyFromEnvironment)
        config.setProxy(QString());
    else
        overrides.proxy = parser.value(QStringLiteral("proxy")).trimmed();
    if (parser.isSet(QStringLiteral("token-env"))) {
        const QString variable = parser.value(QStringLiteral("token-env"));
        overrides.authorization = qgetenv(variable.toLocal8Bit().constData());
        if (overrides.authorization.isEmpty())
            return parser.usageError(
                context,
                tr("--token-env: environment variable %1 is empty or not set").arg(variable));
    }
    if (parser.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        overrides.jobs = parser.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || overrides.jobs < 1 || overrides.jobs > 256)
            return parser.usageError(context, tr("--jobs must be from 1 to 256"));
    }
    if (parser.isSet(QStringLiteral("popular"))) {
        bool ok = false;
        overrides.popular = parser.value(QStringLiteral("popular")).toInt(&ok);
        if (!ok || overrides.popular < 1 || overrides.popular > 100000)
            return parser.usageError(context, tr("--popular must be from 1 to 100000"));
    }
    const auto built = SyncRequestBuilder::build(config, overrides, &error);
    if (!built)
        return parser.usageError(context, error);
    SyncRequest request = *built;
    for (const QString &spec : parser.values(QStringLiteral("crate"))) {
        SyncRoot root;
        root.reason = QStringLiteral("named");
        root.name = spec.section(QLatin1Char('@'), 0, 0).trimmed();
        const QString reqText = spec.contains(QLatin1Char('@'))
                                    ? spec.section(QLatin1Char('@'), 1).trimmed()
                                    : QStringLiteral("*");
        if (!IndexPath::isValidCrateName(root.name))
            return parser.usageError(context, tr("'%1' is not a crate name").arg(root.name));
        const auto req = SemverReq::parse(reqText, &error);
        if (!req)
            return parser.usageError(context, tr("--crate %1: %2").arg(spec, error));
        root.req = *req;
        root.detail = reqText;
        request.roots.append(root);
    }
    for (const QString &path : parser.values(QStringLiteral("lockfile"))) {
        const auto lock = LockFileSelection::load(path, &error);
        if (!lock) {
            context.err << "stowaway: " << error << "\n";
            return ExitFailed;
        }
        request.roots += lock->roots();
        if (lock->foreignPackages() > 0)
            context.err << "stowaway: "
                        << tr("%1: %n package(s) come from other registries and are not mirrored",
                              nullptr, lock->foreignPackages())
                               .arg(path)
                        << "\n";
    }
    if (request.roots.isEmpty() && request.popular == 0 && !request.all &&
        store->selection().isEmpty() &&
        store->syncMarker(QStringLiteral("git.all")) != QLatin1String("1"))
        return parser.usageError(context, tr("nothing to sync yet: add crates with "
                                             "--crate NAME, --popular N or "
                                             "--lockfile Cargo.lock"));

    SyncLock lock(store->layout());
    if (!dryRun && !lock.tryLock(&error)) {
        context.err << "stowaway: " << error << "\n";
        return ExitFailed;
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    int columns = 80;
    const bool terminal = ProgressRenderer::isTerminal(fileno(stderr), &columns);
    std::optional<ProgressRenderer> renderer;
    if (!parser.isSet(QStringLiteral("no-progress")))
        renderer.emplace(context.err, terminal, columns);

    QNetworkAccessManager nam;
    SyncEngine engine(*store, nam);
    SyncResult result;
    // A desktop app running on this mirror shows the sync too; without one this does nothing.
    std::optional<SyncPublisher> publisher;
    if (!dryRun)
        publisher.emplace(store->layout().root());
    QObject::connect(&engine, &SyncEngine::progressChanged, &engine,
                     [&renderer, &publisher](const SyncProgress &progress) {
                         if (renderer)
                             renderer->update(progress);
                         if (publisher)
                             publisher->publishProgress(progress);
                     });
    QObject::connect(&engine, &SyncEngine::finished, &engine, [&result](const SyncResult &r) {
        result = r;
        QCoreApplication::quit();
    });
    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::stopRequested, &engine,
                     [&engine](int) { engine.cancel(); });
    engine.start(request);
    if (engine.isRunning())
        QCoreApplication::exec();
    if (renderer)
        renderer->finish();
    if (publisher)
        publisher->publishFinished(result);
    // A new upstream (CA file, proxy) is remembered once it has answered; an unreachable one
    // changes nothing.
    if (!dryRun && result.outcome != SyncResult::Outcome::Unreachable) {
        config.setUpstream(request.upstream);
        if (!overrides.cainfo.isEmpty())
            config.setCainfo(overrides.cainfo);
        if (!overrides.proxy.isEmpty())
            config.setProxy(overrides.proxy);
        if (config.isModified() && !store->setConfig(config, &error))
            context.err << "stowaway: " << error << "\n";
    }

    if (json) {
        QJsonObject object = planJson(result);
        object.insert(QStringLiteral("dry_run"), dryRun);
        object.insert(QStringLiteral("ok"), result.outcome == SyncResult::Outcome::Ok);
        object.insert(QStringLiteral("message"), result.message);
        object.insert(QStringLiteral("downloaded"), result.downloaded);
        object.insert(QStringLiteral("bytes_downloaded"), result.bytesDownloaded);
        object.insert(QStringLiteral("already_stored"), result.alreadyStored);
        object.insert(QStringLiteral("index_fetched"), result.indexFilesFetched);
        object.insert(QStringLiteral("index_unchanged"), result.indexFilesUnchanged);
        object.insert(QStringLiteral("index_lines_skipped"), result.indexLinesSkipped);
        if (!result.indexCommit.isEmpty())
            object.insert(QStringLiteral("index_commit"), result.indexCommit);
        object.insert(QStringLiteral("full_comparison"), result.fullComparison);
        object.insert(QStringLiteral("full_mirror"), result.fullMirror);
        object.insert(QStringLiteral("removed_upstream"),
                      QJsonArray::fromStringList(result.removedUpstream));
        object.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(result.warnings));
        context.out << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
    } else {
        QSet<QString> crates;
        for (const PlannedVersion &v : std::as_const(result.plan.versions))
            crates.insert(v.name.toLower());
        if (dryRun) {
            // The index carries no sizes; what the mirror already holds, it has measured.
            qint64 storedCount = 0;
            qint64 storedBytes = 0;
            for (const PlannedVersion &v : std::as_const(result.plan.versions)) {
                const auto record = store->version(v.name, v.version);
                if (record && record->state == QLatin1String("stored")) {
                    ++storedCount;
                    storedBytes += std::max<qint64>(0, record->size);
                }
            }
            context.out << tr("Plan: %1 versions of %2 crates; %3 already stored (%4), %5 to "
                              "download (sizes are known once downloaded).")
                               .arg(number(result.plan.versions.size()), number(crates.size()),
                                    number(storedCount), ProgressRenderer::formatBytes(storedBytes),
                                    number(result.plan.versions.size() - storedCount))
                        << "\n";
            for (const PlannedVersion &v : std::as_const(result.plan.versions))
                context.out << "  " << v.name << " " << v.version
                            << (v.yanked ? QLatin1Char(' ') + tr("(yanked)") : QString()) << "  — "
                            << (v.detail.isEmpty() ? v.reason
                                                   : ClosureResolver::detailText(v.detail))
                            << "\n";
        } else if (result.fullMirror && result.outcome != SyncResult::Outcome::Unreachable) {
            context.out << tr("Synced the whole index: %1 versions downloaded (%2), %3 found in "
                              "place; index files: %4 read; %5 s.")
                               .arg(number(result.downloaded),
                                    ProgressRenderer::formatBytes(result.bytesDownloaded),
                                    number(result.alreadyStored), number(result.indexFilesFetched),
                                    seconds(result.elapsedMs))
                        << "\n";
        } else if (result.outcome != SyncResult::Outcome::Unreachable) {
            context.out << tr("Synced %1 crates: %2 versions downloaded (%3), %4 already stored; "
                              "index files: %5 fetched, %6 unchanged; %7 s.")
                               .arg(number(crates.size()), number(result.downloaded),
                                    ProgressRenderer::formatBytes(result.bytesDownloaded),
                                    number(result.alreadyStored), number(result.indexFilesFetched),
                                    number(result.indexFilesUnchanged), seconds(result.elapsedMs))
                        << "\n";
        }
        if (result.indexLinesSkipped > 0)
            context.out << tr("%n index line(s) could not be read and were skipped.", nullptr,
                              int(result.indexLinesSkipped))
                        << "\n";
        if (!result.indexCommit.isEmpty())
            context.out << (result.fullComparison
                                ? tr("Git index at %1 (compared in full with what is stored).")
                                : tr("Git index at %1."))
                               .arg(result.indexCommit.left(12))
                        << "\n";
        if (!result.removedUpstream.isEmpty())
            context.out << tr("Removed upstream, kept in the mirror (%1): %2")
                               .arg(QString::number(result.removedUpstream.size()),
                                    result.removedUpstream.join(QStringLiteral(", ")))
                        << "\n";
        printProblems(context.out, result);
    }
    for (const QString &warning : std::as_const(result.warnings))
        context.err << "stowaway: " << tr("warning: %1").arg(warning) << "\n";
    context.out.flush();
    if (result.outcome != SyncResult::Outcome::Ok) {
        if (!result.message.isEmpty())
            context.err << "stowaway: " << result.message << "\n";
        return ExitFailed;
    }
    return ExitOk;
}

} // namespace Stowaway

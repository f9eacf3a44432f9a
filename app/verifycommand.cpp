// SPDX-License-Identifier: GPL-3.0-or-later
#include "verifycommand.h"

#include "commandparser.h"
#include "mirrorstore.h"
#include "progressrenderer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <limits>

namespace Stowaway {

namespace {
constexpr int problemsShown = 20;
constexpr qint64 progressEvery = 1000;
} // namespace

QByteArray VerifyCommand::toJson(const VerifyReport &report)
{
    QJsonArray problems;
    for (const VerifyProblem &problem : report.problems) {
        problems.append(QJsonObject{
            {QStringLiteral("kind"), VerifyProblem::kindName(problem.kind)},
            {QStringLiteral("crate"), problem.crate},
            {QStringLiteral("version"), problem.version},
            {QStringLiteral("path"), problem.path},
            {QStringLiteral("detail"), problem.detail},
            {QStringLiteral("repaired"), problem.repaired},
        });
    }
    QJsonObject object{
        {QStringLiteral("checked"), report.checked},
        {QStringLiteral("ok"), report.ok},
        {QStringLiteral("missing"), report.missing},
        {QStringLiteral("corrupt"), report.corrupt},
        {QStringLiteral("stray"), report.stray},
        {QStringLiteral("adoptable"), report.adoptable},
        {QStringLiteral("served_out_of_date"), report.servedOutOfDate},
        {QStringLiteral("upstream_missing"), report.upstreamMissing},
        {QStringLiteral("awaiting_download"), report.awaitingDownload},
        {QStringLiteral("repair"), report.repair},
        {QStringLiteral("clean"), report.clean()},
        {QStringLiteral("problems"), problems},
    };
    if (!report.error.isEmpty())
        object.insert(QStringLiteral("error"), report.error);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString VerifyCommand::toText(const VerifyReport &report, int limit)
{
    const QLocale locale = ProgressRenderer::outputLocale();
    auto n = [&locale](qint64 value) { return locale.toString(value); };
    QString text = tr("Checked %1 stored versions: %2 ok, %3 missing, %4 corrupt.\n"
                      "Stray files: %5 left alone, %6 adoptable. Served index files out of date: "
                      "%7. Upstream index files missing: %8.\n")
                       .arg(n(report.checked), n(report.ok), n(report.missing), n(report.corrupt),
                            n(report.stray), n(report.adoptable), n(report.servedOutOfDate),
                            n(report.upstreamMissing));
    qsizetype shown = 0;
    for (const VerifyProblem &problem : report.problems) {
        if (shown == limit)
            break;
        ++shown;
        QString what = problem.crate;
        if (!problem.version.isEmpty())
            what += QLatin1Char(' ') + problem.version;
        QString line = what.isEmpty() ? tr("%1: %2 — %3")
                                            .arg(VerifyProblem::kindName(problem.kind),
                                                 problem.path, problem.detail)
                                      : tr("%1: %2 (%3) — %4")
                                            .arg(VerifyProblem::kindName(problem.kind),
                                                 problem.path, what, problem.detail);
        if (problem.repaired)
            line = tr("%1 [repaired]").arg(line);
        text += QStringLiteral("  ") + line + QLatin1Char('\n');
    }
    if (report.problems.size() > shown)
        text += QStringLiteral("  ") +
                tr("…and %1 more (--json lists them all)").arg(n(report.problems.size() - shown)) +
                QLatin1Char('\n');
    if (!report.error.isEmpty())
        text += tr("Verify could not finish: %1").arg(report.error) + QLatin1Char('\n');
    if (report.clean()) {
        text += (report.problems.isEmpty() ? tr("The mirror is consistent.")
                                           : tr("Repaired; the mirror is consistent.")) +
                QLatin1Char('\n');
    } else if (!report.repair) {
        text += tr("Run 'stowaway verify --repair' to fix what can be fixed.") + QLatin1Char('\n');
    } else if (report.stray > 0) {
        text +=
            tr("Stray files were left alone: move or delete them yourself.") + QLatin1Char('\n');
    }
    if (report.awaitingDownload > 0)
        text += tr("%1 version(s) must be downloaded again: run 'stowaway sync'.", nullptr,
                   int(std::min<qint64>(report.awaitingDownload, std::numeric_limits<int>::max())))
                    .arg(n(report.awaitingDownload)) +
                QLatin1Char('\n');
    return text;
}

int VerifyCommand::run(const QStringList &arguments, CommandContext &context)
{
    CommandParser parser(
        tr("Re-hashes every stored .crate file against its checksum and checks that "
           "the state, the files and the served index agree."));
    parser.addOption(
        {QStringLiteral("repair"), tr("Fix what can be fixed: forget missing files, move damaged "
                                      "ones to quarantine/, adopt good stray files, rewrite the "
                                      "served index.")});
    parser.addOption({QStringLiteral("json"), tr("Print the report as JSON.")});
    int exitCode = ExitOk;
    if (!parser.parse(arguments, context, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(context, tr("verify takes no arguments"));

    const std::unique_ptr<MirrorStore> store = parser.openStore(context);
    if (!store)
        return ExitFailed;
    const VerifyReport report = store->verify(
        parser.isSet(QStringLiteral("repair")), [&context](qint64 done, qint64 total) {
            if (done % progressEvery == 0 || (done == total && total >= progressEvery)) {
                context.err << "verify: " << tr("hashed %1 of %2 files").arg(done).arg(total)
                            << "\n";
                context.err.flush();
            }
        });
    if (parser.isSet(QStringLiteral("json")))
        context.out << QString::fromUtf8(toJson(report)) << "\n";
    else
        context.out << toText(report, problemsShown);
    context.out.flush();
    return report.clean() ? ExitOk : ExitFailed;
}

} // namespace Stowaway

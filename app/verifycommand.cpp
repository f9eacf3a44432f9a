// SPDX-License-Identifier: GPL-3.0-or-later
#include "verifycommand.h"

#include "commandparser.h"
#include "mirrorstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

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
    const QLocale english(QLocale::English);
    auto n = [&english](qint64 value) { return english.toString(value); };
    QString text = QStringLiteral("Checked %1 stored versions: %2 ok, %3 missing, %4 corrupt.\n"
                                  "Stray files: %5 left alone, %6 adoptable. Served index files "
                                  "out of date: %7. Upstream index files missing: %8.\n")
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
        text +=
            QStringLiteral("  %1: %2%3 — %4%5\n")
                .arg(VerifyProblem::kindName(problem.kind), problem.path,
                     what.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(what), problem.detail,
                     problem.repaired ? QStringLiteral(" [repaired]") : QString());
    }
    if (report.problems.size() > shown)
        text += QStringLiteral("  …and %1 more (--json lists them all)\n")
                    .arg(n(report.problems.size() - shown));
    if (!report.error.isEmpty())
        text += QStringLiteral("Verify could not finish: %1\n").arg(report.error);
    if (report.clean()) {
        text += report.problems.isEmpty() ? QStringLiteral("The mirror is consistent.\n")
                                          : QStringLiteral("Repaired; the mirror is consistent.\n");
    } else if (!report.repair) {
        text += QStringLiteral("Run 'stowaway verify --repair' to fix what can be fixed.\n");
    } else if (report.stray > 0) {
        text += QStringLiteral("Stray files were left alone: move or delete them yourself.\n");
    }
    if (report.awaitingDownload > 0)
        text += QStringLiteral("%1 %2 downloaded again: run 'stowaway sync'.\n")
                    .arg(n(report.awaitingDownload), report.awaitingDownload == 1
                                                         ? QStringLiteral("version must be")
                                                         : QStringLiteral("versions must be"));
    return text;
}

int VerifyCommand::run(const QStringList &arguments, CommandContext &context)
{
    CommandParser parser(
        QStringLiteral("Re-hashes every stored .crate file against its checksum and checks that "
                       "the state, the files and the served index agree."));
    parser.addOption({QStringLiteral("repair"),
                      QStringLiteral("Fix what can be fixed: forget missing files, move damaged "
                                     "ones to quarantine/, adopt good stray files, rewrite the "
                                     "served index.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the report as JSON.")});
    int exitCode = ExitOk;
    if (!parser.parse(arguments, context, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(context, QStringLiteral("verify takes no arguments"));

    const std::unique_ptr<MirrorStore> store = parser.openStore(context);
    if (!store)
        return ExitFailed;
    const VerifyReport report = store->verify(
        parser.isSet(QStringLiteral("repair")), [&context](qint64 done, qint64 total) {
            if (done % progressEvery == 0 || (done == total && total >= progressEvery)) {
                context.err << "verify: hashed " << done << " of " << total << " files\n";
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

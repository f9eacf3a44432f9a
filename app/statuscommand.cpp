// SPDX-License-Identifier: GPL-3.0-or-later
#include "statuscommand.h"

#include "commandparser.h"
#include "mirrorstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace Stowaway {

namespace {

QString jsonString(const QString &text)
{
    // QJsonDocument only writes arrays and objects; write ["text"] and strip the brackets.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString counted(qint64 count, const char *singular, const char *plural)
{
    return QLocale(QLocale::English).toString(count) + QLatin1Char(' ') +
           QLatin1String(count == 1 ? singular : plural);
}

} // namespace

QString StatusCommand::toJson(const MirrorSummary &summary)
{
    const QString lastSync = summary.lastSync.isValid()
                                 ? jsonString(summary.lastSync.toUTC().toString(Qt::ISODate))
                                 : QStringLiteral("null");
    QStringList removed;
    for (const QString &name : summary.removedUpstream)
        removed.append(jsonString(name));
    // Numbers first, then every string in one pass, so no text is taken for a placeholder.
    return QStringLiteral("{\"crates\":%1,\"versions\":%2,\"bytes\":%3,\"upstream\":%6,"
                          "\"last_sync\":%7,\"versions_known\":%4,\"projected_full_bytes\":%5,"
                          "\"removed_upstream\":[%8]}")
        .arg(summary.crates)
        .arg(summary.versions)
        .arg(summary.bytes)
        .arg(summary.versionsKnown)
        .arg(summary.projectedFullBytes)
        .arg(jsonString(summary.upstream), lastSync, removed.join(QLatin1Char(',')));
}

QString StatusCommand::toText(const MirrorSummary &summary)
{
    const QLocale english(QLocale::English);
    const QString lastSync = summary.lastSync.isValid()
                                 ? summary.lastSync.toUTC().toString(Qt::ISODate)
                                 : QStringLiteral("never");
    QString text = counted(summary.crates, "crate", "crates") + QStringLiteral(", ") +
                   counted(summary.versions, "version", "versions") + QStringLiteral(", ") +
                   english.formattedDataSize(summary.bytes, 1, QLocale::DataSizeSIFormat) +
                   QStringLiteral("\nupstream: ") + summary.upstream +
                   QStringLiteral("\nlast sync: ") + lastSync + QLatin1Char('\n');
    if (summary.versionsKnown > summary.versions && summary.projectedFullBytes > 0)
        text +=
            QStringLiteral("full mirror (estimate): ") +
            english.formattedDataSize(summary.projectedFullBytes, 1, QLocale::DataSizeSIFormat) +
            QStringLiteral(" for ") +
            counted(summary.versionsKnown, "known version", "known versions") +
            QStringLiteral(" at the mean stored size\n");
    if (!summary.removedUpstream.isEmpty())
        text += QStringLiteral("removed upstream, kept here: ") +
                summary.removedUpstream.join(QStringLiteral(", ")) + QLatin1Char('\n');
    return text;
}

int StatusCommand::run(const QStringList &arguments, CommandContext &context)
{
    CommandParser parser(QStringLiteral("Shows what the mirror holds: crates, versions and "
                                        "bytes stored, the upstream index and the last sync."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one line of JSON.")});
    int exitCode = ExitOk;
    if (!parser.parse(arguments, context, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(context, QStringLiteral("status takes no arguments"));

    const std::unique_ptr<MirrorStore> store = parser.openStore(context);
    if (!store)
        return ExitFailed;
    const MirrorSummary summary = store->summary();
    context.out << (parser.isSet(QStringLiteral("json")) ? toJson(summary) + QLatin1Char('\n')
                                                         : toText(summary));
    context.out.flush();
    return ExitOk;
}

} // namespace Stowaway

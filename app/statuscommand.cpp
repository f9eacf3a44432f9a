// SPDX-License-Identifier: GPL-3.0-or-later
#include "statuscommand.h"

#include "commandparser.h"
#include "mirrorconfig.h"
#include "mirrorstore.h"
#include "progressrenderer.h"
#include "upstreamproxy.h"
#include "upstreamurl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QUrl>

#include <algorithm>
#include <limits>

namespace Stowaway {

namespace {

QString jsonString(const QString &text)
{
    // QJsonDocument only writes arrays and objects; write ["text"] and strip the brackets.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString grouped(qint64 count)
{
    return ProgressRenderer::outputLocale().toString(count);
}

int pluralCount(qint64 count)
{
    return int(std::min<qint64>(count, std::numeric_limits<int>::max()));
}

} // namespace

QString StatusCommand::proxyFor(const MirrorConfig &config, const QProcessEnvironment &environment)
{
    const auto proxy = UpstreamProxy::resolve(config.proxy(), environment, nullptr);
    if (!proxy)
        return {};
    // A sparse index as UpstreamUrl reads it; anything else is a git index's URL or path.
    const auto sparse = UpstreamUrl::parse(config.upstream(), nullptr);
    return proxy->describeFor(sparse ? sparse->baseUrl() : QUrl(config.upstream()));
}

QString StatusCommand::toJson(const MirrorSummary &summary, const QString &proxy)
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
                          "\"removed_upstream\":[%8],\"proxy\":%9}")
        .arg(summary.crates)
        .arg(summary.versions)
        .arg(summary.bytes)
        .arg(summary.versionsKnown)
        .arg(summary.projectedFullBytes)
        .arg(jsonString(summary.upstream), lastSync, removed.join(QLatin1Char(',')),
             proxy.isEmpty() ? QStringLiteral("null") : jsonString(proxy));
}

QString StatusCommand::toText(const MirrorSummary &summary, const QString &proxy)
{
    const QString lastSync =
        summary.lastSync.isValid() ? summary.lastSync.toUTC().toString(Qt::ISODate) : tr("never");
    QString text = tr("%1, %2, %3")
                       .arg(tr("%1 crate(s)", nullptr, pluralCount(summary.crates))
                                .arg(grouped(summary.crates)),
                            tr("%1 version(s)", nullptr, pluralCount(summary.versions))
                                .arg(grouped(summary.versions)),
                            ProgressRenderer::formatBytes(summary.bytes)) +
                   QLatin1Char('\n') + tr("upstream: %1").arg(summary.upstream) + QLatin1Char('\n');
    if (!proxy.isEmpty())
        text += tr("proxy: %1").arg(proxy) + QLatin1Char('\n');
    text += tr("last sync: %1").arg(lastSync) + QLatin1Char('\n');
    if (summary.versionsKnown > summary.versions && summary.projectedFullBytes > 0)
        text += tr("full mirror (estimate): %1 for %2 at the mean stored size")
                    .arg(ProgressRenderer::formatBytes(summary.projectedFullBytes),
                         tr("%1 known version(s)", nullptr, pluralCount(summary.versionsKnown))
                             .arg(grouped(summary.versionsKnown))) +
                QLatin1Char('\n');
    if (!summary.removedUpstream.isEmpty())
        text += tr("removed upstream, kept here: %1")
                    .arg(summary.removedUpstream.join(QStringLiteral(", "))) +
                QLatin1Char('\n');
    return text;
}

int StatusCommand::run(const QStringList &arguments, CommandContext &context)
{
    CommandParser parser(tr("Shows what the mirror holds: crates, versions and "
                            "bytes stored, the upstream index and the last sync."));
    parser.addOption({QStringLiteral("json"), tr("Print one line of JSON.")});
    int exitCode = ExitOk;
    if (!parser.parse(arguments, context, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(context, tr("status takes no arguments"));

    const std::unique_ptr<MirrorStore> store = parser.openStore(context);
    if (!store)
        return ExitFailed;
    const MirrorSummary summary = store->summary();
    const QString proxy = proxyFor(store->config(), QProcessEnvironment::systemEnvironment());
    context.out << (parser.isSet(QStringLiteral("json"))
                        ? toJson(summary, proxy) + QLatin1Char('\n')
                        : toText(summary, proxy));
    context.out.flush();
    return ExitOk;
}

} // namespace Stowaway

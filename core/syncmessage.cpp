// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Stowaway {

namespace {

constexpr qsizetype MaxFailures = 100;

QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

qint64 integer(const QJsonObject &object, const char *key, qint64 fallback = 0)
{
    return object.value(QLatin1String(key)).toInteger(fallback);
}

} // namespace

QByteArray SyncMessage::raise()
{
    return line({{QStringLiteral("type"), QStringLiteral("raise")}});
}

QByteArray SyncMessage::progress(const SyncProgress &p)
{
    return line({{QStringLiteral("type"), QStringLiteral("progress")},
                 {QStringLiteral("phase"), int(p.phase)},
                 {QStringLiteral("index_done"), p.indexFilesDone},
                 {QStringLiteral("index_total"), p.indexFilesTotal},
                 {QStringLiteral("files_done"), p.filesDone},
                 {QStringLiteral("files_failed"), p.filesFailed},
                 {QStringLiteral("files_total"), p.filesTotal},
                 {QStringLiteral("bytes_done"), p.bytesDone},
                 {QStringLiteral("bytes_total"), p.bytesTotal},
                 {QStringLiteral("rate"), p.bytesPerSecond},
                 {QStringLiteral("eta"), p.etaSeconds},
                 {QStringLiteral("current"), p.currentItem}});
}

QByteArray SyncMessage::finished(const SyncResult &r)
{
    QJsonArray failures;
    for (qsizetype i = 0; i < r.failures.size() && i < MaxFailures; ++i) {
        const SyncFailure &f = r.failures.at(i);
        failures.append(QJsonObject{{QStringLiteral("name"), f.name},
                                    {QStringLiteral("version"), f.version},
                                    {QStringLiteral("reason"), f.reason}});
    }
    return line({{QStringLiteral("type"), QStringLiteral("finished")},
                 {QStringLiteral("outcome"), int(r.outcome)},
                 {QStringLiteral("message"), r.message},
                 {QStringLiteral("failures"), failures},
                 {QStringLiteral("index_fetched"), r.indexFilesFetched},
                 {QStringLiteral("index_unchanged"), r.indexFilesUnchanged},
                 {QStringLiteral("already_stored"), r.alreadyStored},
                 {QStringLiteral("downloaded"), r.downloaded},
                 {QStringLiteral("bytes_downloaded"), r.bytesDownloaded},
                 {QStringLiteral("elapsed_ms"), r.elapsedMs}});
}

SyncMessage::Decoded SyncMessage::decode(const QByteArray &text)
{
    Decoded decoded;
    const QJsonObject o = QJsonDocument::fromJson(text.trimmed()).object();
    const QString type = o.value(QLatin1String("type")).toString();
    if (type == QLatin1String("raise")) {
        decoded.type = Type::Raise;
    } else if (type == QLatin1String("progress")) {
        const qint64 phase = integer(o, "phase", -1);
        if (phase < 0 || phase > int(SyncProgress::Phase::Cancelled))
            return decoded;
        SyncProgress &p = decoded.progress;
        p.phase = SyncProgress::Phase(phase);
        p.indexFilesDone = integer(o, "index_done");
        p.indexFilesTotal = integer(o, "index_total");
        p.filesDone = integer(o, "files_done");
        p.filesFailed = integer(o, "files_failed");
        p.filesTotal = integer(o, "files_total");
        p.bytesDone = integer(o, "bytes_done");
        p.bytesTotal = integer(o, "bytes_total", -1);
        p.bytesPerSecond = o.value(QLatin1String("rate")).toDouble();
        p.etaSeconds = integer(o, "eta", -1);
        p.currentItem = o.value(QLatin1String("current")).toString();
        decoded.type = Type::Progress;
    } else if (type == QLatin1String("finished")) {
        const qint64 outcome = integer(o, "outcome", -1);
        if (outcome < 0 || outcome > int(SyncResult::Outcome::DiskFull))
            return decoded;
        SyncResult &r = decoded.result;
        r.outcome = SyncResult::Outcome(outcome);
        r.message = o.value(QLatin1String("message")).toString();
        const QJsonArray failures = o.value(QLatin1String("failures")).toArray();
        for (const QJsonValue &value : failures) {
            const QJsonObject f = value.toObject();
            r.failures.append({f.value(QLatin1String("name")).toString(),
                               f.value(QLatin1String("version")).toString(),
                               f.value(QLatin1String("reason")).toString()});
        }
        r.indexFilesFetched = int(integer(o, "index_fetched"));
        r.indexFilesUnchanged = int(integer(o, "index_unchanged"));
        r.alreadyStored = int(integer(o, "already_stored"));
        r.downloaded = int(integer(o, "downloaded"));
        r.bytesDownloaded = integer(o, "bytes_downloaded");
        r.elapsedMs = integer(o, "elapsed_ms");
        decoded.type = Type::Finished;
    }
    return decoded;
}

} // namespace Stowaway

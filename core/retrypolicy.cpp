// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>

namespace Stowaway {

int RetryPolicy::backoffMs(int attempt, int baseMs, int maxMs)
{
    const int shift = std::clamp(attempt - 1, 0, 20);
    const qint64 delay = std::min<qint64>(qint64(baseMs) << shift, maxMs);
    const qint64 jitter = delay > 0 ? QRandomGenerator::global()->bounded(delay / 2 + 1) : 0;
    return int(delay + jitter);
}

std::optional<qint64> RetryPolicy::retryAfterSeconds(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<qint64>(seconds) : std::nullopt;
    // IMF-fixdate, the form servers send: "Sun, 06 Nov 1994 08:49:37 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    when.setTimeSpec(Qt::UTC);
    if (!when.isValid())
        return std::nullopt;
    return std::max<qint64>(0, now.secsTo(when));
}

} // namespace Stowaway

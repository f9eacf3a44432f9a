// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrypolicy.h"

#include <QDateTime>
#include <QString>

#include <algorithm>

namespace Stowaway {

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

RetryPolicy::ms RetryPolicy::delay(int retry, double random01, std::optional<ms> retryAfter) const
{
    const int doublings = std::clamp(retry - 1, 0, 20);
    const double factor = double(1LL << doublings);
    const double backoff = double(firstDelay.count()) * factor +
                           double(jitter.count()) * std::clamp(random01, 0.0, 1.0);
    ms wait{qint64(std::min(backoff, double(maxDelay.count())))};
    if (retryAfter)
        wait = std::max(wait, std::clamp(*retryAfter, ms{0}, maxRetryAfter));
    return wait;
}

std::optional<RetryPolicy::ms> RetryPolicy::parseRetryAfter(QByteArrayView value,
                                                            qint64 nowSecsSinceEpoch)
{
    const QByteArray text = value.toByteArray().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = true;
    for (char c : text)
        isNumber = isNumber && c >= '0' && c <= '9';
    if (isNumber) {
        bool ok = false;
        const qint64 seconds = text.size() <= 9 ? text.toLongLong(&ok) : 0;
        if (!ok)
            return text.size() > 9 ? std::optional<ms>(ms::max()) : std::nullopt;
        return ms{seconds * 1000};
    }
    // IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT" (the only date form senders may use).
    QDateTime when = QDateTime::fromString(QString::fromLatin1(text),
                                           QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    const qint64 seconds = when.toSecsSinceEpoch() - nowSecsSinceEpoch;
    return ms{std::max<qint64>(seconds, 0) * 1000};
}

} // namespace Stowaway

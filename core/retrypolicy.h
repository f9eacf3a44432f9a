// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace Stowaway {

/// How long to wait before retrying a download: exponential backoff with jitter, and the
/// server's Retry-After. Pure functions; thread-safe.
class RetryPolicy final
{
public:
    /// Delay before attempt `attempt + 1` after `attempt` failed ones (1-based):
    /// min(base * 2^(attempt-1), max), plus a random 0–50 %.
    static int backoffMs(int attempt, int baseMs, int maxMs);
    /// Seconds asked for by a Retry-After value (delta-seconds or an HTTP-date, which is
    /// measured from `now`); nullopt when absent or unreadable.
    static std::optional<qint64> retryAfterSeconds(const QByteArray &value, const QDateTime &now);
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

#include <chrono>
#include <optional>

namespace Stowaway {

/**
 * When and how often to retry an HTTP request upstream: exponential backoff with jitter,
 * `Retry-After` honoured (seconds or an HTTP date) but capped. The defaults are close to
 * cargo's (4 attempts, first retry after 0.5–1.5 s); tests shrink them. A plain value; the
 * functions are pure apart from delay()'s caller-supplied random number.
 */
struct RetryPolicy
{
    using ms = std::chrono::milliseconds;

    int maxAttempts = 4;     ///< attempts in all, the first one included (>= 1)
    ms firstDelay{500};      ///< base delay before the first retry; doubles per retry
    ms jitter{1000};         ///< up to this much random delay is added to every backoff
    ms maxDelay{10000};      ///< backoff cap (jitter included)
    ms maxRetryAfter{60000}; ///< a longer Retry-After is shortened to this

    /// True for the statuses worth another try: 408, 429 and 5xx.
    static bool isRetryableStatus(int status);

    /// The wait before retry number @p retry (1 = the first retry). @p random01 is a number
    /// in [0, 1) that scales the jitter; @p retryAfter is the server's Retry-After, if any,
    /// which wins when it asks for longer than the backoff.
    ms delay(int retry, double random01, std::optional<ms> retryAfter = std::nullopt) const;

    /// Parses a Retry-After header: delta-seconds (`120`) or an HTTP date (relative to
    /// @p nowSecsSinceEpoch; a date in the past means 0). Nothing for a malformed value.
    static std::optional<ms> parseRetryAfter(QByteArrayView value, qint64 nowSecsSinceEpoch);
};

} // namespace Stowaway

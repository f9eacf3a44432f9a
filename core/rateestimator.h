// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

namespace Stowaway {

/**
 * Transfer rate and time left from a running byte count: the rate is measured over a
 * sliding window (default 5 s) so it follows real changes without jumping with every
 * sample, and the ETA is only offered once the window holds enough history to mean
 * something. Feed it the total so far with a monotonic timestamp. A plain value.
 */
class RateEstimator final
{
public:
    explicit RateEstimator(qint64 windowMs = 5000, qint64 minimumHistoryMs = 2000);

    /// Records that `totalBytes` have arrived by `nowMs` (monotonic milliseconds).
    void sample(qint64 nowMs, qint64 totalBytes);

    /// Bytes per second over the window; 0 before two samples.
    double bytesPerSecond() const;
    /// Seconds until `remainingBytes` more arrive at the current rate; -1 when the rate
    /// is unknown or the history is shorter than the minimum.
    qint64 etaSeconds(qint64 remainingBytes) const;

private:
    struct Sample
    {
        qint64 ms;
        qint64 bytes;
    };
    qint64 m_windowMs;
    qint64 m_minimumHistoryMs;
    qint64 m_firstMs = -1;
    QList<Sample> m_samples;
};

} // namespace Stowaway

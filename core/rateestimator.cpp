// SPDX-License-Identifier: GPL-3.0-or-later
#include "rateestimator.h"

#include <cmath>

namespace Stowaway {

RateEstimator::RateEstimator(qint64 windowMs, qint64 minimumHistoryMs)
    : m_windowMs(windowMs), m_minimumHistoryMs(minimumHistoryMs)
{}

void RateEstimator::sample(qint64 nowMs, qint64 totalBytes)
{
    if (m_firstMs < 0)
        m_firstMs = nowMs;
    if (!m_samples.isEmpty() && m_samples.constLast().ms == nowMs) {
        m_samples.last().bytes = totalBytes;
    } else {
        m_samples.append({nowMs, totalBytes});
    }
    // Keep one sample older than the window so the window is always fully covered.
    while (m_samples.size() > 2 && nowMs - m_samples.at(1).ms >= m_windowMs)
        m_samples.removeFirst();
}

double RateEstimator::bytesPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &first = m_samples.constFirst();
    const Sample &last = m_samples.constLast();
    const qint64 spanMs = last.ms - first.ms;
    if (spanMs <= 0)
        return 0;
    return double(last.bytes - first.bytes) * 1000.0 / double(spanMs);
}

qint64 RateEstimator::etaSeconds(qint64 remainingBytes) const
{
    if (m_samples.isEmpty() || m_samples.constLast().ms - m_firstMs < m_minimumHistoryMs)
        return -1;
    const double rate = bytesPerSecond();
    if (rate <= 0 || remainingBytes < 0)
        return -1;
    return qint64(std::ceil(double(remainingBytes) / rate));
}

} // namespace Stowaway

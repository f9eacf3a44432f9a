// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChar>

#include <cstddef>

namespace Stowaway {

namespace NaturalCompareDetail {
inline unsigned unit(char c)
{
    return static_cast<unsigned char>(c);
}
inline unsigned unit(QChar c)
{
    return c.unicode();
}
} // namespace NaturalCompareDetail

/// Natural order of two names (QStringView or std::string_view): runs of ASCII digits
/// compare by value ("abc2" < "abc10", leading zeros ignored), everything else by code unit.
/// Returns <0, 0 or >0. No allocation.
template <typename View> int naturalCompare(View a, View b)
{
    using NaturalCompareDetail::unit;
    const auto digit = [](auto c) { return unit(c) >= '0' && unit(c) <= '9'; };
    std::size_t i = 0;
    std::size_t j = 0;
    const std::size_t na = std::size_t(a.size());
    const std::size_t nb = std::size_t(b.size());
    while (i < na && j < nb) {
        const unsigned ca = unit(a[i]);
        const unsigned cb = unit(b[j]);
        if (ca >= '0' && ca <= '9' && cb >= '0' && cb <= '9') {
            std::size_t si = i;
            std::size_t sj = j;
            while (si < na && unit(a[si]) == '0')
                ++si;
            while (sj < nb && unit(b[sj]) == '0')
                ++sj;
            std::size_t ei = si;
            std::size_t ej = sj;
            while (ei < na && digit(a[ei]))
                ++ei;
            while (ej < nb && digit(b[ej]))
                ++ej;
            if (ei - si != ej - sj)
                return ei - si < ej - sj ? -1 : 1;
            for (std::size_t k = 0; k < ei - si; ++k) {
                if (unit(a[si + k]) != unit(b[sj + k]))
                    return unit(a[si + k]) < unit(b[sj + k]) ? -1 : 1;
            }
            i = ei;
            j = ej;
            continue;
        }
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (na - i != nb - j)
        return na - i < nb - j ? -1 : 1;
    return 0;
}

} // namespace Stowaway

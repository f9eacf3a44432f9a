// SPDX-License-Identifier: GPL-3.0-or-later
#include "treemaplayout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace Stowaway {

qreal TreemapLayout::aspectRatio(const QRectF &rect)
{
    if (rect.width() <= 0 || rect.height() <= 0)
        return std::numeric_limits<qreal>::infinity();
    return std::max(rect.width() / rect.height(), rect.height() / rect.width());
}

qreal TreemapLayout::worst(qreal largest, qreal smallest, qreal sum, qreal side)
{
    // A row of total area `sum` along `side` is sum/side thick; an item of area a in it is
    // a/(sum/side) long. Its aspect ratio is max(side²·a/sum², sum²/(side²·a)).
    const qreal side2 = side * side;
    const qreal sum2 = sum * sum;
    return std::max(side2 * largest / sum2, sum2 / (side2 * smallest));
}

QList<QRectF> TreemapLayout::squarify(const QList<qreal> &values, const QRectF &bounds)
{
    QList<QRectF> result(values.size());
    if (bounds.width() <= 0 || bounds.height() <= 0)
        return result;
    std::vector<qsizetype> order;
    qreal total = 0;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (std::isfinite(values.at(i)) && values.at(i) > 0) {
            order.push_back(i);
            total += values.at(i);
        }
    }
    if (order.empty())
        return result;
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return values.at(a) > values.at(b); });
    // Areas in the same units as `bounds`.
    const qreal scale = bounds.width() * bounds.height() / total;
    std::vector<qreal> areas(order.size());
    for (size_t i = 0; i < order.size(); ++i)
        areas[i] = values.at(order[i]) * scale;

    QRectF space = bounds;
    size_t start = 0;
    while (start < order.size()) {
        const bool columnRow = space.width() >= space.height(); // row runs down the left edge
        const qreal side = columnRow ? space.height() : space.width();
        // Grow the row while its worst aspect ratio does not get worse.
        size_t end = start + 1;
        qreal sum = areas[start];
        qreal current = worst(areas[start], areas[start], sum, side);
        while (end < order.size()) {
            const qreal next = worst(areas[start], areas[end], sum + areas[end], side);
            if (next > current)
                break;
            current = next;
            sum += areas[end];
            ++end;
        }
        const bool last = end == order.size();
        // The last row fills what is left exactly, so rounding leaves no gap.
        const qreal thickness = last ? (columnRow ? space.width() : space.height()) : sum / side;
        qreal offset = 0;
        for (size_t i = start; i < end; ++i) {
            const qreal length = i + 1 == end ? side - offset : areas[i] / thickness;
            const QRectF rect = columnRow
                                    ? QRectF(space.left(), space.top() + offset, thickness, length)
                                    : QRectF(space.left() + offset, space.top(), length, thickness);
            result[order[i]] = rect;
            offset += length;
        }
        if (columnRow)
            space.setLeft(space.left() + thickness);
        else
            space.setTop(space.top() + thickness);
        start = end;
    }
    return result;
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QRectF>

namespace Stowaway {

/**
 * Squarified treemap layout: splits a rectangle into one rectangle per value, each with an
 * area proportional to its value, tiling the rectangle without overlap and keeping the
 * rectangles close to squares. Values are placed largest first in rows along the shorter
 * side of the space left; a value joins the current row while that does not make the
 * row's worst aspect ratio worse, otherwise the row is fixed and a new one starts.
 * Pure geometry, no Qt widgets: a plain value type with static functions.
 */
class TreemapLayout final
{
public:
    /// One rectangle per value, in the order given (the layout sorts internally). Values
    /// that are zero, negative or not finite get an empty rectangle; when no value is
    /// positive, all are empty.
    static QList<QRectF> squarify(const QList<qreal> &values, const QRectF &bounds);

    /// max(width/height, height/width); infinity for an empty rectangle.
    static qreal aspectRatio(const QRectF &rect);

private:
    /// The worst aspect ratio of a row of areas with sum `sum` laid along a side `side`.
    static qreal worst(qreal largest, qreal smallest, qreal sum, qreal side);
};

} // namespace Stowaway

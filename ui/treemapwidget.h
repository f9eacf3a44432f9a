// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFontMetrics>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace Stowaway {

/**
 * Draws values as a squarified treemap (TreemapLayout): one labelled rectangle per item,
 * area proportional to its value; hovering shows the item's tool tip (name and size).
 * Layout is recomputed on resize and setItems(), never in paintEvent().
 * Thread affinity: the GUI thread.
 */
class TreemapWidget final : public QWidget
{
    Q_OBJECT
public:
    struct Item
    {
        QString label; ///< drawn in the rectangle when it fits
        qint64 value = 0;
        QString detail;     ///< a second line under the label when it fits, e.g. the size
        QString toolTip;    ///< shown on hover
        bool muted = false; ///< drawn in grey, e.g. an "others" bucket
    };

    explicit TreemapWidget(QWidget *parent = nullptr);

    void setItems(const QList<Item> &items);
    const QList<Item> &items() const { return m_items; }
    /// The rectangle of each item (same order as items()), in widget coordinates.
    const QList<QRectF> &itemRects() const { return m_rects; }
    /// The item under `pos`, or -1.
    int itemAt(const QPointF &pos) const;

    /// The text lines drawn in a tile of `tile`'s size: the label, then the detail when a
    /// second line fits, each elided to the tile's inner width. None when the tile is lower
    /// than one line or narrower than a few characters, so no glyph is ever cut.
    static QStringList labelLines(const Item &item, const QSizeF &tile,
                                  const QFontMetrics &metrics);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// The user clicked the item at `index` in items().
    void itemClicked(int index);

protected:
    bool event(QEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void relayout();
    QColor colorOf(int index) const;

    QList<Item> m_items;
    QList<QRectF> m_rects;
};

} // namespace Stowaway

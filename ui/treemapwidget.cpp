// SPDX-License-Identifier: GPL-3.0-or-later
#include "treemapwidget.h"

#include "treemaplayout.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace Stowaway {

namespace {
/// Space between a tile's edge and its text, on each side.
constexpr QSizeF Margin(4, 2);
} // namespace

TreemapWidget::TreemapWidget(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void TreemapWidget::setItems(const QList<Item> &items)
{
    m_items = items;
    relayout();
    update();
}

void TreemapWidget::relayout()
{
    QList<qreal> values;
    values.reserve(m_items.size());
    for (const Item &item : std::as_const(m_items))
        values.append(qreal(item.value));
    m_rects = TreemapLayout::squarify(values, QRectF(rect()).adjusted(1, 1, -1, -1));
}

int TreemapWidget::itemAt(const QPointF &pos) const
{
    for (qsizetype i = 0; i < m_rects.size(); ++i) {
        if (m_rects.at(i).contains(pos))
            return int(i);
    }
    return -1;
}

QSize TreemapWidget::sizeHint() const
{
    return {480, 320};
}

QSize TreemapWidget::minimumSizeHint() const
{
    return {120, 80};
}

bool TreemapWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = itemAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), m_items.at(index).toolTip, this,
                               m_rects.at(index).toAlignedRect());
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void TreemapWidget::mouseReleaseEvent(QMouseEvent *event)
{
    const int index = event->button() == Qt::LeftButton ? itemAt(event->position()) : -1;
    if (index >= 0)
        Q_EMIT itemClicked(index);
    QWidget::mouseReleaseEvent(event);
}

void TreemapWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

QColor TreemapWidget::colorOf(int index) const
{
    if (m_items.at(index).muted)
        return palette().color(QPalette::Mid);
    // Hues spread by the golden angle, so neighbours differ; soft enough for dark text.
    const int hue = int(std::fmod(index * 137.508, 360.0));
    return QColor::fromHsl(hue, 110, 170);
}

void TreemapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (m_items.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("No crates stored yet: after a sync, the largest appear here."));
        return;
    }
    const QColor border = palette().color(QPalette::Base);
    const QFontMetrics metrics = fontMetrics();
    for (qsizetype i = 0; i < m_rects.size(); ++i) {
        const QRectF &box = m_rects.at(i);
        if (box.isEmpty())
            continue;
        painter.fillRect(box, colorOf(int(i)));
        painter.setPen(border);
        painter.drawRect(box);
        const QStringList lines = labelLines(m_items.at(i), box.size(), metrics);
        if (lines.isEmpty())
            continue;
        const QRectF textBox =
            box.adjusted(Margin.width(), Margin.height(), -Margin.width(), -Margin.height());
        painter.setPen(Qt::black);
        painter.save();
        painter.setClipRect(textBox); // belt and braces: nothing is drawn outside its tile
        for (qsizetype line = 0; line < lines.size(); ++line)
            painter.drawText(textBox.adjusted(0, line * metrics.height(), 0, 0),
                             Qt::AlignLeft | Qt::AlignTop, lines.at(line));
        painter.restore();
    }
}

QStringList TreemapWidget::labelLines(const Item &item, const QSizeF &tile,
                                      const QFontMetrics &metrics)
{
    const QSizeF inner = tile - 2 * Margin;
    if (inner.height() < metrics.height() || inner.width() < metrics.averageCharWidth() * 4)
        return {};
    const int width = int(inner.width()); // whole pixels, rounded down: never wider than the tile
    QStringList lines{metrics.elidedText(item.label, Qt::ElideRight, width)};
    if (!item.detail.isEmpty() && inner.height() >= 2 * metrics.height())
        lines.append(metrics.elidedText(item.detail, Qt::ElideRight, width));
    return lines;
}

} // namespace Stowaway

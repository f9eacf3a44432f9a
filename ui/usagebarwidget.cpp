// SPDX-License-Identifier: GPL-3.0-or-later
#include "usagebarwidget.h"

#include "datasize.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace Stowaway {

namespace {
const QColor mirrorColor(0x2f, 0x7e, 0xd8);
const QColor otherColor(0x9a, 0xa0, 0xa6);
const QColor overflowColor(0xc6, 0x28, 0x28);
constexpr int barHeight = 28;
} // namespace

UsageBarWidget::UsageBarWidget(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void UsageBarWidget::setUsage(qint64 total, qint64 available, qint64 mirror)
{
    m_total = std::max<qint64>(0, total);
    m_available = std::clamp<qint64>(available, 0, m_total);
    m_mirror = std::clamp<qint64>(mirror, 0, m_total - m_available);
    setToolTip(legendText());
    update();
}

void UsageBarWidget::setProjection(qint64 bytes)
{
    m_projection = std::max<qint64>(0, bytes);
    setToolTip(legendText());
    update();
}

qint64 UsageBarWidget::otherUsed() const
{
    return std::max<qint64>(0, m_total - m_available - m_mirror);
}

QString UsageBarWidget::legendText() const
{
    const QLocale locale;
    QString text =
        tr("Mirror %1 · other files %2 · free %3 of %4")
            .arg(DataSize::format(m_mirror, locale), DataSize::format(otherUsed(), locale),
                 DataSize::format(m_available, locale), DataSize::format(m_total, locale));
    if (m_projection > 0)
        text += tr(" · the sync adds about %1").arg(DataSize::format(m_projection, locale));
    return text;
}

QSize UsageBarWidget::sizeHint() const
{
    return {480, barHeight + fontMetrics().height() + 12};
}

QSize UsageBarWidget::minimumSizeHint() const
{
    return {160, sizeHint().height()};
}

void UsageBarWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF bar(0.5, 0.5, width() - 1.0, barHeight);
    painter.fillRect(bar, palette().base());
    const QBrush projected(mirrorColor, Qt::BDiagPattern);
    if (m_total > 0) {
        const qreal perByte = bar.width() / qreal(m_total);
        qreal x = bar.left();
        // A segment that is not empty stays visible (a small mirror on a large disk).
        const auto segment = [&](qint64 bytes, const QBrush &brush) {
            if (bytes <= 0)
                return;
            const qreal w = std::min(std::max(qreal(bytes) * perByte, 3.0), bar.right() - x);
            painter.fillRect(QRectF(x, bar.top(), w, bar.height()), brush);
            x += w;
        };
        segment(m_mirror, mirrorColor);
        segment(otherUsed(), otherColor);
        if (m_projection > 0) {
            // After the used space: what fits hatched in the mirror's colour; a red end
            // when it runs past the free space.
            segment(std::min(m_projection, m_available), projected);
            if (m_projection > m_available)
                painter.fillRect(QRectF(bar.right() - 6, bar.top(), 6, bar.height()),
                                 overflowColor);
        }
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(bar);

    // Legend: a swatch before each part.
    const QLocale locale;
    const QFontMetrics metrics = fontMetrics();
    const int swatch = metrics.height() - 4;
    const qreal y = barHeight + 6;
    qreal x = 0;
    const auto entry = [&](const QBrush &brush, const QString &text) {
        const QRectF box(x, y + 2, swatch, swatch);
        painter.fillRect(box, brush);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(box);
        x += swatch + 4;
        painter.setPen(palette().color(QPalette::WindowText));
        const int w = metrics.horizontalAdvance(text);
        painter.drawText(QRectF(x, y, w + 1, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         text);
        x += w + 14;
    };
    entry(mirrorColor, tr("Mirror %1").arg(DataSize::format(m_mirror, locale)));
    entry(otherColor, tr("Other files %1").arg(DataSize::format(otherUsed(), locale)));
    entry(palette().base(),
          tr("Free %1 of %2")
              .arg(DataSize::format(m_available, locale), DataSize::format(m_total, locale)));
    if (m_projection > 0)
        entry(m_projection > m_available ? QBrush(overflowColor) : projected,
              tr("Next sync about %1").arg(DataSize::format(m_projection, locale)));
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace Stowaway {

/**
 * A horizontal stacked bar of one volume: the mirror, everything else used, and free
 * space, with a legend line under it; optionally the bytes a sync would add, drawn hatched
 * after the mirror (red where it runs past the free space). Thread affinity: the GUI thread.
 */
class UsageBarWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit UsageBarWidget(QWidget *parent = nullptr);

    /// `total` and `available` of the volume (bytes); `mirror` of them is the mirror.
    void setUsage(qint64 total, qint64 available, qint64 mirror);
    /// Bytes a sync would add; 0 hides the projection.
    void setProjection(qint64 bytes);

    qint64 total() const { return m_total; }
    qint64 available() const { return m_available; }
    qint64 mirror() const { return m_mirror; }
    qint64 otherUsed() const;
    qint64 projection() const { return m_projection; }
    /// The legend line under the bar.
    QString legendText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    qint64 m_total = 0;
    qint64 m_available = 0;
    qint64 m_mirror = 0;
    qint64 m_projection = 0;
};

} // namespace Stowaway

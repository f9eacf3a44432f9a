// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorsummary.h"

#include <QDateTime>
#include <QWidget>

class QLabel;

namespace Stowaway {

/**
 * What a mirror holds, at a glance: crates, versions, size on disk, upstream and when it
 * was last synced ("3 hours ago"). Shows the MirrorSummary it is given; owns no data
 * source. GUI thread only.
 */
class MirrorSummaryWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MirrorSummaryWidget)
public:
    explicit MirrorSummaryWidget(QWidget *parent = nullptr);

    void setSummary(const MirrorSummary &summary,
                    const QDateTime &now = QDateTime::currentDateTimeUtc());

    /// "never", "just now", "5 minutes ago", "3 hours ago", "2 days ago".
    static QString ageText(const QDateTime &then, const QDateTime &now);

private:
    QLabel *m_crates;
    QLabel *m_versions;
    QLabel *m_size;
    QLabel *m_upstream;
    QLabel *m_lastSync;
};

} // namespace Stowaway

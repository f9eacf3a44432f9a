// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorsummarywidget.h"

#include "datasize.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace Stowaway {

namespace {
QLabel *valueLabel(const char *objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

MirrorSummaryWidget::MirrorSummaryWidget(QWidget *parent)
    : QWidget(parent)
    , m_crates(valueLabel("crates", this))
    , m_versions(valueLabel("versions", this))
    , m_size(valueLabel("size", this))
    , m_upstream(valueLabel("upstream", this))
    , m_lastSync(valueLabel("lastSync", this))
{
    auto *layout = new QFormLayout(this);
    layout->addRow(tr("Crates:"), m_crates);
    layout->addRow(tr("Versions:"), m_versions);
    layout->addRow(tr("Size on disk:"), m_size);
    layout->addRow(tr("Upstream:"), m_upstream);
    layout->addRow(tr("Last sync:"), m_lastSync);
    setSummary({});
}

void MirrorSummaryWidget::setSummary(const MirrorSummary &summary, const QDateTime &now)
{
    const QLocale locale;
    m_crates->setText(locale.toString(summary.crates));
    m_versions->setText(locale.toString(summary.versions));
    m_size->setText(DataSize::format(summary.bytes, locale));
    m_upstream->setText(summary.upstream.isEmpty() ? tr("not set") : summary.upstream);
    m_lastSync->setText(ageText(summary.lastSync, now));
    m_lastSync->setToolTip(
        summary.lastSync.isValid()
            ? locale.toString(summary.lastSync.toLocalTime(), QLocale::LongFormat)
            : QString());
}

QString MirrorSummaryWidget::ageText(const QDateTime &then, const QDateTime &now)
{
    if (!then.isValid())
        return tr("never");
    const qint64 seconds = then.secsTo(now);
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n minute(s) ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%n hour(s) ago", nullptr, int(seconds / 3600));
    return tr("%n day(s) ago", nullptr, int(seconds / 86400));
}

} // namespace Stowaway

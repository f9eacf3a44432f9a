// SPDX-License-Identifier: GPL-3.0-or-later
#include "platformlist.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace Stowaway {

PlatformList::PlatformList(const QStringList &triples, QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_summary(new QLabel(this))
{
    m_filter->setObjectName(QStringLiteral("platformFilter"));
    m_filter->setPlaceholderText(tr("Filter targets, e.g. linux or aarch64"));
    m_filter->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("platforms"));
    m_list->setUniformItemSizes(true);
    m_list->setMinimumHeight(160);
    m_summary->setObjectName(QStringLiteral("platformsSummary"));
    m_summary->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    layout->addWidget(m_summary);
    for (const QString &triple : triples)
        addTriple(triple);
    connect(m_filter, &QLineEdit::textChanged, this, &PlatformList::setFilter);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (m_updating)
            return;
        updateSummary();
        Q_EMIT checkedChanged(checked());
    });
    updateSummary();
}

QListWidgetItem *PlatformList::addTriple(const QString &triple)
{
    auto *item = new QListWidgetItem(triple, m_list);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
    return item;
}

QStringList PlatformList::checked() const
{
    QStringList triples;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            triples.append(m_list->item(row)->text());
    }
    return triples;
}

void PlatformList::setChecked(const QStringList &triples)
{
    m_updating = true;
    for (const QString &triple : triples) {
        if (m_list->findItems(triple, Qt::MatchExactly).isEmpty()) {
            auto *item = new QListWidgetItem(triple);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setToolTip(tr("Not a target this version of Stowaway knows"));
            m_list->insertItem(0, item);
        }
    }
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        item->setCheckState(triples.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    }
    m_updating = false;
    updateSummary();
}

void PlatformList::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text); // comes back here through textChanged
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        item->setHidden(!item->text().contains(text.trimmed(), Qt::CaseInsensitive));
    }
}

void PlatformList::updateSummary()
{
    const qsizetype count = checked().size();
    m_summary->setText(count == 0 ? tr("None checked: dependencies for every target are mirrored.")
                                  : tr("Dependencies for %n checked target(s) are mirrored.",
                                       nullptr, int(count)));
}

} // namespace Stowaway

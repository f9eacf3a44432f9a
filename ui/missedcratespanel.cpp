// SPDX-License-Identifier: GPL-3.0-or-later
#include "missedcratespanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Stowaway {

namespace {
enum Column { NameColumn, TimesColumn, LastColumn, ActionColumn };
constexpr int canonicalRole = Qt::UserRole + 1;
} // namespace

MissedCratesPanel::MissedCratesPanel(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_list(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary->setObjectName(QStringLiteral("missesSummary"));
    m_summary->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("missesList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Crate"), tr("Times asked"), tr("Last asked"), QString()});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents); // at most maxShown rows
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    layout->addWidget(m_summary);
    layout->addWidget(m_list);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        if (addButton(item->data(NameColumn, canonicalRole).toString()))
            Q_EMIT addRequested(item->text(NameColumn));
    });
    setMisses({}, {});
}

void MissedCratesPanel::setMisses(const QList<MissJournal::Crate> &misses,
                                  const QSet<QString> &selected)
{
    m_list->clear();
    const QLocale locale;
    const int buttonHeight = QPushButton(tr("Add")).sizeHint().height();
    const qsizetype shown = std::min<qsizetype>(misses.size(), maxShown);
    for (qsizetype i = 0; i < shown; ++i) {
        const MissJournal::Crate &crate = misses.at(i);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, crate.name);
        item->setData(NameColumn, canonicalRole, crate.canonicalName);
        if (!crate.versions.isEmpty())
            item->setToolTip(
                NameColumn,
                tr("Versions asked for: %1").arg(crate.versions.join(QStringLiteral(", "))));
        item->setText(TimesColumn, locale.toString(crate.count));
        item->setTextAlignment(TimesColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(LastColumn,
                      locale.toString(crate.lastSeen.toLocalTime(), QLocale::ShortFormat));
        if (selected.contains(crate.canonicalName)) {
            item->setText(ActionColumn, tr("Selected"));
            item->setSizeHint(ActionColumn, QSize(-1, buttonHeight));
            continue;
        }
        auto *button = new QPushButton(tr("Add"), m_list);
        // Rows as tall as the button, so it covers nothing of the row below.
        item->setSizeHint(ActionColumn,
                          QSize(button->sizeHint().width(), button->sizeHint().height()));
        button->setObjectName(QStringLiteral("add:") + crate.canonicalName);
        button->setToolTip(tr("Add %1 to the mirror's selection").arg(crate.name));
        const QString name = crate.name;
        connect(button, &QPushButton::clicked, this, [this, name] { Q_EMIT addRequested(name); });
        m_list->setItemWidget(item, ActionColumn, button);
    }
    if (misses.isEmpty())
        m_summary->setText(tr("Cargo has not asked for anything the mirror lacks."));
    else if (shown < misses.size())
        m_summary->setText(tr("Cargo asked for %1 crates the mirror lacks; the %2 asked for most "
                              "often are listed.")
                               .arg(locale.toString(misses.size()), locale.toString(shown)));
    else
        m_summary->setText(tr("Cargo asked for %n crate(s) the mirror lacks.", "", int(shown)));
}

void MissedCratesPanel::markSelected(const QString &canonicalName)
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        if (m_list->topLevelItem(row)->data(NameColumn, canonicalRole).toString() == canonicalName)
            setRowSelected(row);
    }
}

void MissedCratesPanel::setRowSelected(int row)
{
    QTreeWidgetItem *item = m_list->topLevelItem(row);
    m_list->removeItemWidget(item, ActionColumn); // deletes the button (later)
    item->setText(ActionColumn, tr("Selected"));
}

int MissedCratesPanel::shownCount() const
{
    return m_list->topLevelItemCount();
}

QPushButton *MissedCratesPanel::addButton(const QString &canonicalName) const
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item->data(NameColumn, canonicalRole).toString() == canonicalName)
            return qobject_cast<QPushButton *>(m_list->itemWidget(item, ActionColumn));
    }
    return nullptr;
}

} // namespace Stowaway

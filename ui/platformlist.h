// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace Stowaway {

/**
 * The targets whose platform-specific dependencies are mirrored: a filter box and a
 * checkable list of every target triple in the PlatformTable. Nothing checked means every
 * target (the summary line says so). GUI thread only.
 */
class PlatformList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlatformList)
public:
    explicit PlatformList(const QStringList &triples, QWidget *parent = nullptr);

    /// The checked triples, in table order.
    QStringList checked() const;
    /// Checks exactly `triples` (unknown names are kept and listed first); no signal.
    void setChecked(const QStringList &triples);
    /// Shows only the triples containing `text` (case-insensitive).
    void setFilter(const QString &text);

Q_SIGNALS:
    /// The user checked or unchecked a target.
    void checkedChanged(const QStringList &triples);

private:
    void updateSummary();
    QListWidgetItem *addTriple(const QString &triple);

    QLineEdit *m_filter;
    QListWidget *m_list;
    QLabel *m_summary;
    bool m_updating = false;
};

} // namespace Stowaway

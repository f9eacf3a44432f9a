// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "missjournal.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Stowaway {

/**
 * The crates cargo asked for that the mirror lacked (MissJournal::readCrates()): name, how
 * many times, when last, and an Add button per crate, one click from the selection.
 * Shows the `maxShown` most requested; crates already selected show "Selected" instead
 * of the button. The panel only asks (addRequested()); the Crates page writes the selection
 * and then calls markSelected(). Thread affinity: the GUI thread.
 */
class MissedCratesPanel final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int maxShown = 200;

    explicit MissedCratesPanel(QWidget *parent = nullptr);

    /// Replaces the list. `selected` holds canonical names already in the selection.
    void setMisses(const QList<MissJournal::Crate> &misses, const QSet<QString> &selected);
    /// The crate (canonical name) is now selected: its button becomes "Selected".
    void markSelected(const QString &canonicalName);
    int shownCount() const;
    /// The Add button of a crate (canonical name), or nullptr (not listed or selected).
    QPushButton *addButton(const QString &canonicalName) const;

Q_SIGNALS:
    /// The user wants this crate (spelling cargo used) in the selection.
    void addRequested(const QString &name);

private:
    void setRowSelected(int row);

    QLabel *m_summary;
    QTreeWidget *m_list;
};

} // namespace Stowaway

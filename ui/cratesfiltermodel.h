// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "craterow.h"

#include <QPointer>
#include <QSortFilterProxyModel>

#include <optional>
#include <string>
#include <vector>

namespace Stowaway {

class CratesModel;

/**
 * Filters and sorts a CratesModel for the Crates page. Typed filters: a text (substring of
 * the canonical name, case-insensitive, `-` and `_` alike as cargo compares names), which
 * rows to show (all, selected, not selected, missed) and an optional reason. Sorting uses
 * the raw values (UnderlyingRole semantics) read straight from the rows, names in natural
 * order ("abc2" before "abc10"), unranked crates after ranked ones; sort() is forwarded to
 * the source, which sorts its rows in place, and this proxy keeps the source order.
 *
 * Built for 250,000 rows (bench/cratesfilterbench.cpp): a filter change decides every row
 * up front from the source's flat buffers (CratesModel::searchText(), searchFlags(): one
 * scan, no QVariant, no allocation, no row touched), then rebuilds the mapping in one
 * layout change (Qt's incremental path emits one rowsRemoved/rowsInserted per scattered
 * block: seconds at this size) and never re-sorts. When the new filter is stricter than
 * the previous one (the user typed another character) only the rows still shown are
 * searched. filterAcceptsRow() returns those verdicts, or decides directly for rows the
 * source changed since.
 *
 * The source must be a CratesModel (setSourceModel() ignores anything else).
 * Thread affinity: the GUI thread.
 */
class CratesFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Show { All, Selected, NotSelected, Missed };

    explicit CratesFilterModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;
    CratesModel *cratesModel() const { return m_source; }

    /// Case-insensitive substring of the name; `-` and `_` match each other. Empty: all.
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    void setShow(Show show);
    Show show() const { return m_show; }
    /// Only rows selected for `reason`; std::nullopt: any reason.
    void setReasonFilter(std::optional<CrateRow::Reason> reason);
    std::optional<CrateRow::Reason> reasonFilter() const { return m_reason; }

    /// Sorts the source (CratesModel::sort()); this proxy keeps the source's order, so a
    /// filter change never re-sorts. Views with sorting enabled call this.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// Natural order of two crate names: digit runs compare by value, the rest by character.
    static int naturalCompare(QStringView a, QStringView b);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void refilter(bool narrowing);
    void forgetAccepted();
    bool acceptsFlags(quint8 flags) const;
    bool acceptsSearch(int row) const;

    QPointer<CratesModel> m_source;
    QString m_text;                            ///< as set
    QString m_needle;                          ///< canonical form of m_text
    std::optional<std::string> m_needleLatin1; ///< m_needle when ASCII (names are ASCII)
    Show m_show = Show::All;
    std::optional<CrateRow::Reason> m_reason;
    /// Verdict per source row from the last refilter(); valid until the source changes.
    std::vector<bool> m_accepted;
    bool m_acceptedValid = false;
};

} // namespace Stowaway

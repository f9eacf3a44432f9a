// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "craterow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QLocale>
#include <QStringList>

#include <vector>

namespace Stowaway {

class MirrorStore;
struct CrateListEntry;

/**
 * The Crates page's table: one row per CrateRow, columns Name, Selected, Why, Versions, Size
 * and Rank. Rows are kept in a QList with a hash from canonical name to row, so lookups and
 * updates by name are O(1). Changes come in batches: resetRows() (one reset), updateRows()
 * (coalesced dataChanged) and appendRows() (one insert).
 *
 * The Selected column is checkable, but setData() does not change the row: it emits
 * selectionChangeRequested() and the application decides (writes the selection, then calls
 * updateRows()). UnderlyingRole gives raw values for sorting (bytes, counts, rank, bool).
 *
 * Thread affinity: the GUI thread, like every model attached to a view.
 */
class CratesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SelectedColumn, WhyColumn, VersionsColumn, SizeColumn, RankColumn };
    static constexpr int columnCountValue = RankColumn + 1;

    enum Role {
        UnderlyingRole = Qt::UserRole + 1, ///< raw sortable value of the cell
        CanonicalNameRole,                 ///< QString, the row's key
        MissedRole,                        ///< bool
        ReasonRole,                        ///< int(CrateRow::Reason)
    };

    /// updateRows() signals the whole table, not one range per block, past this many ranges.
    static constexpr int maxChangedRanges = 64;
    /// resetPrepared() frees this many old rows or more off the GUI thread.
    static constexpr int disposeOffThreadRows = 20000;

    explicit CratesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Qt::CheckStateRole on the Selected column emits selectionChangeRequested(); the row
    /// itself is unchanged. Everything else is refused.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    /// Sorts the rows in place (one layout change; persistent indexes follow): by the raw
    /// values UnderlyingRole returns, names in natural order, ties by name, unranked crates
    /// after ranked ones. The order is kept through appendRows() and updateRows().
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    /// True when `a` sorts before `b` in `column`, ascending.
    static bool lessThan(const CrateRow &a, const CrateRow &b, int column);
    /// Rows with a blank cell in `column` (no rank) come after the others in both orders,
    /// by name: < 0 when `a` comes first, > 0 when `b` does, 0 when neither is blank.
    static int blankOrder(const CrateRow &a, const CrateRow &b, int column);

    /// Replaces every row (one model reset). Later duplicates of a canonical name are dropped.
    void resetRows(QList<CrateRow> rows);

    /// Rows made ready for resetPrepared(): duplicates dropped, sorted, name hash and search
    /// buffers built. A plain value.
    struct Prepared
    {
        QList<CrateRow> rows;
        QHash<QString, int> rowOf;
        QByteArray searchText;
        std::vector<int> searchOffsets{0};
        std::vector<quint8> searchFlags;
        int sortColumn = -1;
        Qt::SortOrder sortOrder = Qt::AscendingOrder;
    };
    /// Does all of resetRows()' work but the swap, in `sortColumn` order (-1: as given).
    /// A pure function for any thread: build 250,000 rows on a worker, then swap them in.
    static Prepared prepare(QList<CrateRow> rows, int sortColumn, Qt::SortOrder order);
    /// Replaces every row with prepared ones (one model reset, no per-row work); re-sorts
    /// only when the view's sort order changed since prepare(). The old rows are freed on a
    /// pool thread (QtConcurrent::run) from disposeOffThreadRows rows on.
    void resetPrepared(Prepared prepared);
    /// Replaces the rows with the same canonical names; unknown names are appended. Emits one
    /// dataChanged per contiguous block of rows, or one for the whole table past
    /// maxChangedRanges blocks.
    void updateRows(const QList<CrateRow> &rows);
    /// Appends rows (one insert); names already present are updated instead.
    void appendRows(const QList<CrateRow> &rows);

    const QList<CrateRow> &rows() const { return m_rows; }
    /// The row at `row`; it must be in range. For proxies: no QVariant, no allocation.
    const CrateRow &rowAt(int row) const { return m_rows.at(row); }
    /// Flags per row in searchFlags().
    enum SearchFlag : quint8 { SelectedFlag = 1, MissedFlag = 2, ReasonShift = 2 };
    /// Every row's canonical name in Latin-1, in row order, each followed by '\n': one
    /// contiguous buffer a filter can scan without touching the rows.
    const QByteArray &searchText() const { return m_searchText; }
    /// Where row `row`'s name starts in searchText(); searchOffsets()[rowCount()] is the end.
    const std::vector<int> &searchOffsets() const { return m_searchOffsets; }
    /// Per row: SelectedFlag | MissedFlag | int(reason) << ReasonShift.
    const std::vector<quint8> &searchFlags() const { return m_searchFlags; }
    /// The row of a crate (any spelling cargo treats as equal), or -1.
    int rowOf(QStringView name) const;

    /// Rows for the store's crate list. `missedNames` are the crates cargo asked for that
    /// the mirror lacked (MissRecorder): matching rows are marked, others added unselected.
    static QList<CrateRow> rowsFromStore(const MirrorStore &store,
                                         const QStringList &missedNames = {});
    /// The same from a crate list already read (MirrorState::crateList()); a pure function,
    /// callable on any thread (the Crates page builds its rows on a worker).
    static QList<CrateRow> rowsFromList(const QList<CrateListEntry> &list,
                                        const QStringList &missedNames = {});
    /// The Why column's text for a row.
    static QString reasonText(const CrateRow &row);

Q_SIGNALS:
    /// The user checked or unchecked a crate in the view.
    void selectionChangeRequested(const QString &name, bool selected);

private:
    QVariant displayData(const CrateRow &row, int column) const;
    static QVariant underlyingData(const CrateRow &row, int column);
    static qint64 sortKey(const CrateRow &row, int column);
    bool inOrder(int first, int second) const;
    void appendSearch(const CrateRow &row);
    static void appendSearchTo(const CrateRow &row, QByteArray &text, std::vector<int> &offsets,
                               std::vector<quint8> &flags);
    static quint8 flagsOf(const CrateRow &row);

    QList<CrateRow> m_rows;
    QHash<QString, int> m_rowOf; ///< canonical name → row
    QByteArray m_searchText;
    std::vector<int> m_searchOffsets{0};
    std::vector<quint8> m_searchFlags;
    QLocale m_locale;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratesmodel.h"

#include "closureresolver.h"
#include "datasize.h"
#include "indexpath.h"
#include "mirrorstore.h"
#include "naturalcompare.h"

#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <limits>
#include <memory>
#include <string_view>

namespace Stowaway {

CratesModel::CratesModel(QObject *parent) : QAbstractTableModel(parent) {}

int CratesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CratesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : columnCountValue;
}

QVariant CratesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CrateRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::CheckStateRole:
        if (index.column() == SelectedColumn)
            return row.selected ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (index.column() == WhyColumn && !row.reasonDetail.isEmpty())
            return row.reasonDetail;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= VersionsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case UnderlyingRole:
        return underlyingData(row, index.column());
    case CanonicalNameRole:
        return row.canonicalName;
    case MissedRole:
        return row.missed;
    case ReasonRole:
        return int(row.reason);
    default:
        return {};
    }
}

QVariant CratesModel::displayData(const CrateRow &row, int column) const
{
    switch (column) {
    case NameColumn:
        return row.name;
    case WhyColumn:
        return reasonText(row);
    case VersionsColumn:
        if (row.versionsKnown == 0 && row.versionsHeld == 0)
            return QString();
        return tr("%1 of %2")
            .arg(m_locale.toString(row.versionsHeld), m_locale.toString(row.versionsKnown));
    case SizeColumn:
        return row.versionsHeld > 0 ? DataSize::format(row.bytes, m_locale) : QString();
    case RankColumn:
        return row.rank > 0 ? m_locale.toString(row.rank) : QString();
    default:
        return {};
    }
}

QVariant CratesModel::underlyingData(const CrateRow &row, int column)
{
    switch (column) {
    case NameColumn:
        return row.canonicalName;
    case SelectedColumn:
        return row.selected;
    case WhyColumn:
        return int(row.reason);
    case VersionsColumn:
        return row.versionsHeld;
    case SizeColumn:
        return row.bytes;
    case RankColumn:
        return row.rank;
    default:
        return {};
    }
}

QString CratesModel::reasonText(const CrateRow &row)
{
    switch (row.reason) {
    case CrateRow::Reason::Popular:
        return row.rank > 0 ? tr("popular (rank %1)").arg(row.rank) : tr("popular");
    case CrateRow::Reason::Named:
        return tr("named");
    case CrateRow::Reason::Lockfile:
        if (row.reasonDetail.isEmpty())
            return tr("from a lockfile");
        // Saved as "=VERSION from PATH" (LockFileSelection).
        if (row.reasonDetail.startsWith(QLatin1Char('=')))
            return tr("lockfile: %1").arg(row.reasonDetail.mid(1));
        return tr("from %1").arg(row.reasonDetail);
    case CrateRow::Reason::Dependency:
        return row.reasonDetail.isEmpty() ? tr("a dependency")
                                          : ClosureResolver::detailText(row.reasonDetail);
    case CrateRow::Reason::None:
        break;
    }
    return row.missed ? tr("cargo asked for it, not mirrored") : QString();
}

QVariant CratesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SelectedColumn:
        return tr("Selected");
    case WhyColumn:
        return tr("Why");
    case VersionsColumn:
        return tr("Versions");
    case SizeColumn:
        return tr("Size");
    case RankColumn:
        return tr("Rank");
    default:
        return {};
    }
}

Qt::ItemFlags CratesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == SelectedColumn)
        result |= Qt::ItemIsUserCheckable;
    return result;
}

bool CratesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != SelectedColumn ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const bool wanted = value.value<Qt::CheckState>() == Qt::Checked;
    const CrateRow &row = m_rows.at(index.row());
    if (wanted != row.selected)
        Q_EMIT selectionChangeRequested(row.name, wanted);
    // The row changes when the application calls updateRows(); nothing was set here.
    return false;
}

int CratesModel::rowOf(QStringView name) const
{
    return m_rowOf.value(IndexPath::canonicalName(name), -1);
}

qint64 CratesModel::sortKey(const CrateRow &row, int column)
{
    switch (column) {
    case SelectedColumn:
        return row.selected ? 1 : 0;
    case WhyColumn:
        return int(row.reason);
    case VersionsColumn:
        return row.versionsHeld;
    case SizeColumn:
        return row.bytes;
    case RankColumn:
        return row.rank > 0 ? row.rank : std::numeric_limits<qint64>::max(); // unranked last
    default:
        return 0;
    }
}

bool CratesModel::lessThan(const CrateRow &a, const CrateRow &b, int column)
{
    if (column != NameColumn) {
        const qint64 ka = sortKey(a, column);
        const qint64 kb = sortKey(b, column);
        if (ka != kb)
            return ka < kb;
    }
    return naturalCompare(QStringView(a.canonicalName), QStringView(b.canonicalName)) < 0;
}

int CratesModel::blankOrder(const CrateRow &a, const CrateRow &b, int column)
{
    // Only the rank can be blank: crates outside the popular list have none.
    if (column != RankColumn || (a.rank > 0 && b.rank > 0))
        return 0;
    if ((a.rank > 0) != (b.rank > 0))
        return a.rank > 0 ? -1 : 1;
    return naturalCompare(QStringView(a.canonicalName), QStringView(b.canonicalName));
}

bool CratesModel::inOrder(int first, int second) const
{
    const CrateRow &a = m_rows.at(first);
    const CrateRow &b = m_rows.at(second);
    if (const int blank = blankOrder(a, b, m_sortColumn); blank != 0)
        return blank < 0;
    return m_sortOrder == Qt::AscendingOrder ? !lessThan(b, a, m_sortColumn)
                                             : !lessThan(a, b, m_sortColumn);
}

void CratesModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCountValue)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    std::vector<int> rowOrder(size_t(m_rows.size()));
    for (size_t i = 0; i < rowOrder.size(); ++i)
        rowOrder[i] = int(i);
    // Same order as lessThan(), from contiguous copies of the keys: the names as views into
    // the Latin-1 search buffer and one integer per row; the rows themselves are not touched.
    std::vector<std::string_view> names(rowOrder.size());
    std::vector<qint64> keys(column == NameColumn ? 0 : rowOrder.size());
    for (size_t i = 0; i < rowOrder.size(); ++i) {
        const int begin = m_searchOffsets[i];
        names[i] = std::string_view(m_searchText.constData() + begin,
                                    size_t(m_searchOffsets[i + 1] - begin - 1));
        if (!keys.empty())
            keys[i] = sortKey(m_rows.at(qsizetype(i)), column);
    }
    const auto ascending = [&](int x, int y) {
        if (!keys.empty() && keys[size_t(x)] != keys[size_t(y)])
            return keys[size_t(x)] < keys[size_t(y)];
        return naturalCompare(names[size_t(x)], names[size_t(y)]) < 0;
    };
    // Blank cells (crates without a rank) stay after the others in both orders, by name.
    const auto blank = [&](int x) {
        return column == RankColumn && keys[size_t(x)] == std::numeric_limits<qint64>::max();
    };
    if (order == Qt::AscendingOrder)
        std::stable_sort(rowOrder.begin(), rowOrder.end(), ascending);
    else
        std::stable_sort(rowOrder.begin(), rowOrder.end(), [&](int x, int y) {
            if (blank(x) || blank(y))
                return blank(x) == blank(y) ? ascending(x, y) : blank(y);
            return ascending(y, x);
        });
    // Permute rows, search buffers and the name → row hash (values only, no rehashing).
    std::vector<int> newRowOf(rowOrder.size());
    QList<CrateRow> sorted;
    sorted.reserve(m_rows.size());
    QByteArray text;
    text.reserve(m_searchText.size());
    std::vector<int> offsets{0};
    offsets.reserve(m_searchOffsets.size());
    std::vector<quint8> flags;
    flags.reserve(m_searchFlags.size());
    for (size_t i = 0; i < rowOrder.size(); ++i) {
        const size_t from = size_t(rowOrder[i]);
        newRowOf[from] = int(i);
        sorted.append(std::move(m_rows[qsizetype(from)]));
        text.append(names[from].data(), qsizetype(names[from].size()));
        text.append('\n');
        offsets.push_back(int(text.size()));
        flags.push_back(m_searchFlags[from]);
    }
    m_rows = std::move(sorted);
    m_searchText = std::move(text);
    m_searchOffsets = std::move(offsets);
    m_searchFlags = std::move(flags);
    for (auto it = m_rowOf.begin(); it != m_rowOf.end(); ++it)
        it.value() = newRowOf[size_t(it.value())];
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after.append(index.isValid() ? createIndex(newRowOf[size_t(index.row())], index.column())
                                     : QModelIndex());
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

quint8 CratesModel::flagsOf(const CrateRow &row)
{
    return quint8((row.selected ? SelectedFlag : 0) | (row.missed ? MissedFlag : 0) |
                  (int(row.reason) << ReasonShift));
}

void CratesModel::appendSearch(const CrateRow &row)
{
    appendSearchTo(row, m_searchText, m_searchOffsets, m_searchFlags);
}

void CratesModel::appendSearchTo(const CrateRow &row, QByteArray &text, std::vector<int> &offsets,
                                 std::vector<quint8> &flags)
{
    text += row.canonicalName.toLatin1();
    text += '\n';
    offsets.push_back(int(text.size()));
    flags.push_back(flagsOf(row));
}

CratesModel::Prepared CratesModel::prepare(QList<CrateRow> rows, int sortColumn,
                                           Qt::SortOrder order)
{
    Prepared prepared;
    prepared.sortColumn = sortColumn;
    prepared.sortOrder = order;
    prepared.rowOf.reserve(rows.size());
    prepared.rows.reserve(rows.size());
    for (CrateRow &row : rows) {
        if (row.canonicalName.isEmpty())
            row.canonicalName = IndexPath::canonicalName(row.name);
        if (prepared.rowOf.contains(row.canonicalName))
            continue;
        prepared.rowOf.insert(row.canonicalName, 0); // the row is set below, after sorting
        prepared.rows.append(std::move(row));
    }
    if (sortColumn >= 0) {
        std::stable_sort(prepared.rows.begin(), prepared.rows.end(),
                         [&](const CrateRow &a, const CrateRow &b) {
                             return order == Qt::AscendingOrder ? lessThan(a, b, sortColumn)
                                                                : lessThan(b, a, sortColumn);
                         });
    }
    prepared.searchOffsets.reserve(size_t(prepared.rows.size()) + 1);
    prepared.searchFlags.reserve(size_t(prepared.rows.size()));
    for (qsizetype i = 0; i < prepared.rows.size(); ++i) {
        const CrateRow &row = prepared.rows.at(i);
        prepared.rowOf[row.canonicalName] = int(i);
        appendSearchTo(row, prepared.searchText, prepared.searchOffsets, prepared.searchFlags);
    }
    return prepared;
}

void CratesModel::resetPrepared(Prepared prepared)
{
    beginResetModel();
    std::swap(m_rows, prepared.rows);
    std::swap(m_rowOf, prepared.rowOf);
    std::swap(m_searchText, prepared.searchText);
    std::swap(m_searchOffsets, prepared.searchOffsets);
    std::swap(m_searchFlags, prepared.searchFlags);
    // `prepared` now holds the old rows. Freeing a quarter of a million of them takes longer
    // than the whole reset (hundreds of ms on a busy machine): a pool thread does it.
    if (prepared.rows.size() >= disposeOffThreadRows) {
        QFuture<void> disposal = QtConcurrent::run(
            [old = std::make_shared<Prepared>(std::move(prepared))]() mutable { old.reset(); });
        Q_UNUSED(disposal)
    }
    const bool resort = m_sortColumn >= 0 &&
                        (prepared.sortColumn != m_sortColumn || prepared.sortOrder != m_sortOrder);
    endResetModel();
    if (resort)
        sort(m_sortColumn, m_sortOrder);
}

void CratesModel::resetRows(QList<CrateRow> rows)
{
    resetPrepared(prepare(std::move(rows), m_sortColumn, m_sortOrder));
}

void CratesModel::updateRows(const QList<CrateRow> &rows)
{
    QList<int> changed;
    QList<CrateRow> added;
    changed.reserve(rows.size());
    for (const CrateRow &update : rows) {
        CrateRow row = update;
        if (row.canonicalName.isEmpty())
            row.canonicalName = IndexPath::canonicalName(row.name);
        const int at = m_rowOf.value(row.canonicalName, -1);
        if (at < 0) {
            added.append(std::move(row));
        } else if (!(m_rows.at(at) == row)) {
            m_searchFlags[size_t(at)] = flagsOf(row);
            m_rows[at] = std::move(row);
            changed.append(at);
        }
    }
    if (!changed.isEmpty()) {
        std::sort(changed.begin(), changed.end());
        QList<std::pair<int, int>> ranges; // first, last
        for (int at : std::as_const(changed)) {
            if (!ranges.isEmpty() && at <= ranges.last().second + 1)
                ranges.last().second = at;
            else
                ranges.append({at, at});
        }
        const int lastColumn = columnCountValue - 1;
        if (ranges.size() > maxChangedRanges)
            ranges = {{ranges.first().first, ranges.last().second}};
        for (const auto &[first, last] : std::as_const(ranges))
            Q_EMIT dataChanged(index(first, 0), index(last, lastColumn));
    }
    bool resort = false;
    if (m_sortColumn >= 0) {
        for (int at : std::as_const(changed)) {
            if ((at > 0 && !inOrder(at - 1, at)) ||
                (at + 1 < m_rows.size() && !inOrder(at, at + 1))) {
                resort = true;
                break;
            }
        }
    }
    if (!added.isEmpty())
        appendRows(added); // sorts if needed
    else if (resort)
        sort(m_sortColumn, m_sortOrder);
}

void CratesModel::appendRows(const QList<CrateRow> &rows)
{
    QList<CrateRow> fresh;
    QList<CrateRow> existing;
    QSet<QString> seen;
    for (const CrateRow &input : rows) {
        CrateRow row = input;
        if (row.canonicalName.isEmpty())
            row.canonicalName = IndexPath::canonicalName(row.name);
        if (m_rowOf.contains(row.canonicalName))
            existing.append(std::move(row));
        else if (!seen.contains(row.canonicalName)) {
            seen.insert(row.canonicalName);
            fresh.append(std::move(row));
        }
    }
    if (!existing.isEmpty())
        updateRows(existing);
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (CrateRow &row : fresh) {
        m_rowOf.insert(row.canonicalName, int(m_rows.size()));
        appendSearch(row);
        m_rows.append(std::move(row));
    }
    endInsertRows();
    if (m_sortColumn >= 0)
        sort(m_sortColumn, m_sortOrder);
}

QList<CrateRow> CratesModel::rowsFromStore(const MirrorStore &store, const QStringList &missedNames)
{
    return rowsFromList(store.crateList(), missedNames);
}

QList<CrateRow> CratesModel::rowsFromList(const QList<CrateListEntry> &list,
                                          const QStringList &missedNames)
{
    QHash<QString, QString> missed; // canonical → spelling as asked
    for (const QString &name : missedNames)
        missed.insert(IndexPath::canonicalName(name), name);
    QList<CrateRow> rows;
    rows.reserve(list.size() + missed.size());
    for (const CrateListEntry &entry : list) {
        CrateRow row;
        row.name = entry.name;
        row.canonicalName = entry.canonicalName;
        row.reason = CrateRow::reasonFromString(entry.reason);
        row.selected = row.reason != CrateRow::Reason::None;
        row.reasonDetail = entry.detail;
        row.versionsHeld = entry.versionsStored;
        row.versionsKnown = entry.versionsKnown;
        row.bytes = entry.storedBytes;
        row.rank = entry.rank;
        row.missed = missed.remove(row.canonicalName);
        rows.append(std::move(row));
    }
    for (auto it = missed.cbegin(); it != missed.cend(); ++it) {
        CrateRow row;
        row.name = it.value();
        row.canonicalName = it.key();
        row.missed = true;
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace Stowaway

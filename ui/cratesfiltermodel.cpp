// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratesfiltermodel.h"

#include "cratesmodel.h"
#include "indexpath.h"
#include "naturalcompare.h"

#include <algorithm>
#include <string_view>

namespace Stowaway {

CratesFilterModel::CratesFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void CratesFilterModel::setSourceModel(QAbstractItemModel *model)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = qobject_cast<CratesModel *>(model);
    forgetAccepted();
    if (m_source) {
        // Any change to the rows makes the remembered verdicts stale.
        connect(m_source, &QAbstractItemModel::modelReset, this,
                &CratesFilterModel::forgetAccepted);
        connect(m_source, &QAbstractItemModel::rowsInserted, this,
                &CratesFilterModel::forgetAccepted);
        connect(m_source, &QAbstractItemModel::rowsRemoved, this,
                &CratesFilterModel::forgetAccepted);
        connect(m_source, &QAbstractItemModel::dataChanged, this,
                &CratesFilterModel::forgetAccepted);
        connect(m_source, &QAbstractItemModel::layoutChanged, this,
                &CratesFilterModel::forgetAccepted);
    }
    QSortFilterProxyModel::setSourceModel(m_source);
}

void CratesFilterModel::forgetAccepted()
{
    m_acceptedValid = false;
}

void CratesFilterModel::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    const QString needle = IndexPath::canonicalName(text.trimmed());
    const bool narrowing = needle.contains(m_needle);
    m_text = text;
    if (needle == m_needle)
        return;
    m_needle = needle;
    m_needleLatin1.reset();
    const bool latin1 = std::all_of(needle.cbegin(), needle.cend(),
                                    [](QChar c) { return c.unicode() < 0x80 && c != u'\n'; });
    if (latin1)
        m_needleLatin1 = needle.toStdString();
    refilter(narrowing);
}

void CratesFilterModel::setShow(Show show)
{
    if (show == m_show)
        return;
    // Narrowing from All only; other switches can bring rows back.
    const bool narrowing = m_show == Show::All;
    m_show = show;
    refilter(narrowing);
}

void CratesFilterModel::setReasonFilter(std::optional<CrateRow::Reason> reason)
{
    if (reason == m_reason)
        return;
    const bool narrowing = !m_reason.has_value();
    m_reason = reason;
    refilter(narrowing);
}

void CratesFilterModel::refilter(bool narrowing)
{
    // Decide every row here from the source's flat search buffers (no row is touched), then
    // let the proxy rebuild its mapping from the verdicts in one layout change.
    const int count = m_source ? m_source->rowCount() : 0;
    if (!m_acceptedValid || m_accepted.size() != size_t(count))
        narrowing = false;
    if (m_source && !narrowing && !m_needle.isEmpty() && m_needleLatin1.has_value()) {
        // One scan over the whole buffer: each hit marks its row, then skips to the next row.
        m_accepted.assign(size_t(count), false);
        const QByteArray &text = m_source->searchText();
        const std::vector<int> &offsets = m_source->searchOffsets();
        const std::string_view haystack(text.constData(), size_t(text.size()));
        const std::string_view needle(*m_needleLatin1);
        size_t at = haystack.find(needle);
        while (at != std::string_view::npos) {
            const auto next = std::upper_bound(offsets.begin(), offsets.end(), int(at));
            const size_t row = size_t(next - offsets.begin()) - 1;
            m_accepted[row] = acceptsFlags(m_source->searchFlags()[row]);
            at = haystack.find(needle, size_t(*next));
        }
    } else {
        if (!narrowing)
            m_accepted.assign(size_t(count), true);
        for (int row = 0; row < count; ++row) {
            if (m_accepted[size_t(row)]) // when narrowing: rejected rows stay rejected
                m_accepted[size_t(row)] = acceptsSearch(row);
        }
    }
    m_acceptedValid = m_source != nullptr;
    invalidate();
}

bool CratesFilterModel::acceptsFlags(quint8 flags) const
{
    const bool selected = flags & CratesModel::SelectedFlag;
    switch (m_show) {
    case Show::All:
        break;
    case Show::Selected:
        if (!selected)
            return false;
        break;
    case Show::NotSelected:
        if (selected)
            return false;
        break;
    case Show::Missed:
        if (!(flags & CratesModel::MissedFlag))
            return false;
        break;
    }
    return !m_reason || (flags >> CratesModel::ReasonShift) == int(*m_reason);
}

bool CratesFilterModel::acceptsSearch(int row) const
{
    if (!acceptsFlags(m_source->searchFlags()[size_t(row)]))
        return false;
    if (m_needle.isEmpty())
        return true;
    if (!m_needleLatin1)
        return false; // crate names are ASCII: nothing contains this
    const std::vector<int> &offsets = m_source->searchOffsets();
    const int begin = offsets[size_t(row)];
    const std::string_view name(m_source->searchText().constData() + begin,
                                size_t(offsets[size_t(row) + 1] - begin - 1));
    return name.find(*m_needleLatin1) != std::string_view::npos;
}

bool CratesFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_source || sourceParent.isValid())
        return false;
    if (m_acceptedValid && size_t(sourceRow) < m_accepted.size())
        return m_accepted[size_t(sourceRow)];
    // The source changed since the last pass (new, updated or moved rows): decide directly.
    return acceptsSearch(sourceRow);
}

int CratesFilterModel::naturalCompare(QStringView a, QStringView b)
{
    return Stowaway::naturalCompare(a, b);
}

bool CratesFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_source)
        return false;
    const CrateRow &a = m_source->rowAt(left.row());
    const CrateRow &b = m_source->rowAt(right.row());
    // Blank ranks last in both orders: descending sorts by "greater", so flip them there.
    if (const int blank = CratesModel::blankOrder(a, b, left.column()); blank != 0)
        return sortOrder() == Qt::DescendingOrder ? blank > 0 : blank < 0;
    return CratesModel::lessThan(a, b, left.column());
}

void CratesFilterModel::sort(int column, Qt::SortOrder order)
{
    if (m_source)
        m_source->sort(column, order);
}

} // namespace Stowaway

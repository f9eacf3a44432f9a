// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratesfiltermodel.h"

#include "cratesmodel.h"
#include "indexpath.h"

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
    m_narrowing = narrowing && m_acceptedValid;
    if (m_source)
        m_accepted.resize(size_t(m_source->rowCount()));
    invalidate();
    m_narrowing = false;
    m_acceptedValid = m_source != nullptr;
}

bool CratesFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_source || sourceParent.isValid())
        return false;
    const size_t slot = size_t(sourceRow);
    const bool remember = slot < m_accepted.size();
    if (m_narrowing && remember && !m_accepted[slot])
        return false;
    const CrateRow &row = m_source->rowAt(sourceRow);
    bool accept = true;
    switch (m_show) {
    case Show::All:
        break;
    case Show::Selected:
        accept = row.selected;
        break;
    case Show::NotSelected:
        accept = !row.selected;
        break;
    case Show::Missed:
        accept = row.missed;
        break;
    }
    if (accept && m_reason)
        accept = row.reason == *m_reason;
    if (accept && !m_needle.isEmpty())
        accept = QStringView(row.canonicalName).contains(QStringView(m_needle));
    if (remember)
        m_accepted[slot] = accept;
    return accept;
}

int CratesFilterModel::naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        const QChar ca = a.at(i);
        const QChar cb = b.at(j);
        if (ca.isDigit() && cb.isDigit()) {
            // Compare the digit runs by value: skip leading zeros, longer run is larger.
            qsizetype si = i;
            qsizetype sj = j;
            while (si < a.size() && a.at(si) == u'0')
                ++si;
            while (sj < b.size() && b.at(sj) == u'0')
                ++sj;
            qsizetype ei = si;
            qsizetype ej = sj;
            while (ei < a.size() && a.at(ei).isDigit())
                ++ei;
            while (ej < b.size() && b.at(ej).isDigit())
                ++ej;
            if (ei - si != ej - sj)
                return ei - si < ej - sj ? -1 : 1;
            for (qsizetype k = 0; k < ei - si; ++k) {
                if (a.at(si + k) != b.at(sj + k))
                    return a.at(si + k) < b.at(sj + k) ? -1 : 1;
            }
            i = ei;
            j = ej;
            continue;
        }
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (a.size() - i != b.size() - j)
        return a.size() - i < b.size() - j ? -1 : 1;
    return 0;
}

bool CratesFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_source)
        return false;
    return CratesModel::lessThan(m_source->rowAt(left.row()), m_source->rowAt(right.row()),
                                 left.column());
}

void CratesFilterModel::sort(int column, Qt::SortOrder order)
{
    if (m_source)
        m_source->sort(column, order);
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "platformtable.h"

#include <QFile>

#include <algorithm>

namespace Stowaway {

PlatformTable::PlatformTable()
{
    QFile file(QStringLiteral(":/stowaway/platforms.txt"));
    if (file.open(QIODevice::ReadOnly))
        load(QString::fromUtf8(file.readAll()));
}

PlatformTable PlatformTable::fromText(QStringView text)
{
    PlatformTable table{Empty{}};
    table.load(text);
    return table;
}

void PlatformTable::load(QStringView text)
{
    for (QStringView line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype tab = line.indexOf(QLatin1Char('\t'));
        if (tab <= 0)
            continue;
        const QString triple = line.left(tab).toString();
        m_platforms.insert(triple, Platform::fromCfgLine(triple, line.mid(tab + 1)));
    }
}

std::optional<Platform> PlatformTable::find(const QString &triple) const
{
    const auto it = m_platforms.constFind(triple);
    if (it == m_platforms.cend())
        return std::nullopt;
    return *it;
}

QStringList PlatformTable::triples() const
{
    QStringList list = m_platforms.keys();
    std::sort(list.begin(), list.end());
    return list;
}

} // namespace Stowaway

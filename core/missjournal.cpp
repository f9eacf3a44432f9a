// SPDX-License-Identifier: GPL-3.0-or-later
#include "missjournal.h"

#include "indexpath.h"

#include <QFile>
#include <QHash>

#include <algorithm>

namespace Stowaway {

namespace {

void readFile(const QString &path, QHash<QString, MissJournal::Crate> &crates)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine(4096);
        const auto parsed = MissJournal::parseLine(line);
        if (!parsed)
            continue;
        const QString canonical = IndexPath::canonicalName(parsed->name);
        MissJournal::Crate &crate = crates[canonical];
        if (crate.count == 0 || parsed->when >= crate.lastSeen) {
            crate.name = parsed->name;
            crate.lastSeen = parsed->when;
        }
        crate.canonicalName = canonical;
        ++crate.count;
        if (!parsed->version.isEmpty() && !crate.versions.contains(parsed->version))
            crate.versions.append(parsed->version);
    }
}

} // namespace

std::optional<MissJournal::Line> MissJournal::parseLine(QByteArrayView line)
{
    line = line.trimmed();
    const QList<QByteArray> fields = line.toByteArray().split('\t');
    if (fields.size() < 2 || fields.size() > 3)
        return std::nullopt;
    Line result;
    result.when = QDateTime::fromString(QString::fromLatin1(fields[0]), Qt::ISODate).toUTC();
    result.name = QString::fromLatin1(fields[1]);
    if (fields.size() == 3)
        result.version = QString::fromLatin1(fields[2]);
    if (!result.when.isValid() || !IndexPath::isValidCrateName(result.name) ||
        (!result.version.isEmpty() && !IndexPath::isValidVersion(result.version)))
        return std::nullopt;
    return result;
}

QList<MissJournal::Crate> MissJournal::readCrates(const QString &journalPath)
{
    QHash<QString, Crate> crates;
    readFile(journalPath + QStringLiteral(".1"), crates);
    readFile(journalPath, crates);
    QList<Crate> result = crates.values();
    for (Crate &crate : result)
        crate.versions.sort();
    std::sort(result.begin(), result.end(), [](const Crate &a, const Crate &b) {
        if (a.count != b.count)
            return a.count > b.count;
        if (a.lastSeen != b.lastSeen)
            return a.lastSeen > b.lastSeen;
        return a.canonicalName < b.canonicalName;
    });
    return result;
}

} // namespace Stowaway

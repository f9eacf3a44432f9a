// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "craterow.h"

#include <QList>
#include <QRandomGenerator>
#include <QSet>
#include <QStringList>

namespace Stowaway {

/// `count` crate rows with names shaped like crates.io's (lower-case words joined by `-`
/// or `_`, sometimes a number), varied selection, reasons, sizes and ranks. Deterministic
/// for a given seed; canonical names are unique. For the Crates page tests and benchmark.
inline QList<CrateRow> syntheticCrateRows(int count, quint32 seed = 42)
{
    static const char *const syllables[] = {
        "se",  "rde",   "to",  "kio",  "ser",  "de",   "json",   "clap", "rand", "log",
        "ba",  "se64",  "hy",  "per",  "syn",  "quo",  "te",     "proc", "ma",   "cro",
        "fu",  "tur",   "es",  "bit",  "fla",  "gs",   "lib",    "c",    "reg",  "ex",
        "ch",  "ro",    "no",  "tra",  "ce",   "ing",  "an",     "yh",   "ow",   "thi",
        "ser", "ror",   "url", "http", "mi",   "me",   "ws",     "rus",  "tls",  "ring",
        "sha", "blake", "zip", "tar",  "core", "util", "derive", "sys",  "api",  "cli",
        "web", "net",   "io",  "fs",   "xml",  "yaml", "toml",   "cfg",  "if",   "cc"};
    constexpr int syllableCount = int(sizeof(syllables) / sizeof(syllables[0]));
    QRandomGenerator random(seed);
    QSet<QString> seen;
    QList<CrateRow> rows;
    rows.reserve(count);
    while (rows.size() < count) {
        QString name;
        const int words = 1 + int(random.bounded(3));
        for (int w = 0; w < words; ++w) {
            if (w > 0)
                name += random.bounded(3) == 0 ? QLatin1Char('_') : QLatin1Char('-');
            const int parts = 1 + int(random.bounded(3));
            for (int p = 0; p < parts; ++p)
                name += QLatin1String(syllables[random.bounded(syllableCount)]);
        }
        if (random.bounded(4) == 0)
            name += QString::number(random.bounded(200));
        QString canonical = name;
        canonical.replace(QLatin1Char('-'), QLatin1Char('_'));
        if (seen.contains(canonical))
            continue;
        seen.insert(canonical);
        CrateRow row;
        row.name = name;
        row.canonicalName = canonical;
        const quint32 kind = random.bounded(20);
        row.reason = kind == 0   ? CrateRow::Reason::Popular
                     : kind == 1 ? CrateRow::Reason::Named
                     : kind == 2 ? CrateRow::Reason::Lockfile
                     : kind < 6  ? CrateRow::Reason::Dependency
                                 : CrateRow::Reason::None;
        row.selected = row.reason != CrateRow::Reason::None;
        row.versionsKnown = 1 + int(random.bounded(60));
        row.versionsHeld = row.selected ? 1 + int(random.bounded(row.versionsKnown)) : 0;
        row.bytes = qint64(row.versionsHeld) * (1000 + qint64(random.bounded(500000)));
        row.rank = row.reason == CrateRow::Reason::Popular ? int(rows.size()) + 1 : 0;
        if (row.reason == CrateRow::Reason::Popular)
            row.reasonDetail = QStringLiteral("rank %1").arg(row.rank);
        else if (row.reason == CrateRow::Reason::Dependency)
            row.reasonDetail = QStringLiteral("needed by serde 1.0.%1").arg(random.bounded(200));
        row.missed = !row.selected && random.bounded(100) == 0;
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace Stowaway

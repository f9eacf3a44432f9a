// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Stowaway {

/**
 * Reads the miss journal MissRecorder writes (`<mirror>/logs/misses.log`, and the rotated
 * `misses.log.1`): one line per request cargo made for something the mirror lacked, as
 * ISO-8601 UTC time, crate name and version (empty for an index miss), tab-separated.
 *
 * readCrates() answers "which crates did cargo ask for that the mirror lacked": one entry
 * per crate (cargo's `-`/`_` and case spellings merged), index and download misses alike.
 * Pure functions over files: safe on any thread (the Crates page reads it on a worker);
 * it does not lock against a writer, and a line being appended is skipped as malformed.
 */
class MissJournal final
{
public:
    struct Line
    {
        QDateTime when; ///< UTC
        QString name;
        QString version; ///< empty for an index miss
    };

    /// One crate cargo asked for, over the whole journal.
    struct Crate
    {
        QString name;          ///< the spelling cargo used most recently
        QString canonicalName; ///< IndexPath::canonicalName(name)
        qint64 count = 0;      ///< requests, index and downloads together
        QDateTime lastSeen;    ///< UTC
        QStringList versions;  ///< versions asked for by download, sorted; often empty
    };

    /// One journal line, without its newline; std::nullopt when malformed (bad time, name
    /// or version, wrong number of fields).
    static std::optional<Line> parseLine(QByteArrayView line);

    /// The misses of `journalPath` and `journalPath`.1 grouped per crate, most requested
    /// first (ties: most recent first, then by name). A missing journal gives an empty list.
    static QList<Crate> readCrates(const QString &journalPath);
};

} // namespace Stowaway

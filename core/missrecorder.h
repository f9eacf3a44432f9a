// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <mutex>

namespace Stowaway {

class MirrorLayout;

/**
 * Remembers what cargo asked for that the mirror does not hold: a crate name (index
 * misses) or a name and version (download misses), with a count and first/last time.
 *
 * Every miss is also appended to a journal (`<mirror>/logs/misses.log`, one line per miss:
 * ISO-8601 UTC time, name, version or empty, separated by tabs). Lines are buffered and
 * written when `flushThreshold()` are pending, when the oldest pending line is older than
 * `flushInterval()` (checked by a timer and on every record), on flush() and on
 * destruction. load() rebuilds the counts from the journal. When the journal grows past
 * `maxJournalBytes()` it is renamed to `misses.log.1` (replacing an older one).
 *
 * Memory is capped at `maxDistinct()` entries; misses of further names are still
 * journalled but not counted in memory (see droppedCount()).
 *
 * record(), snapshot(), flush() and load() are thread-safe. The object itself (and its
 * timer) belongs to the thread that created it, where it must also be destroyed.
 */
class MissRecorder final : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString name;    ///< as requested, or canonical (lower case, `_`) when grouped
        QString version; ///< empty for an index miss
        qint64 count = 0;
        QDateTime firstSeen; ///< UTC
        QDateTime lastSeen;  ///< UTC
    };

    enum class Grouping {
        Exact,         ///< one entry per requested name and version
        CanonicalName, ///< cargo's `-`/`_` and case permutations merged into one entry
    };

    /// Journals to `journalPath`; the directory is created on the first write.
    explicit MissRecorder(const QString &journalPath, QObject *parent = nullptr);
    /// Journals to `<mirror>/logs/misses.log`.
    explicit MissRecorder(const MirrorLayout &layout, QObject *parent = nullptr);
    ~MissRecorder() override;
    Q_DISABLE_COPY_MOVE(MissRecorder)

    static QString journalPathFor(const MirrorLayout &layout);

    /// Counts one miss now. Ignores names and versions that are not valid (they cannot
    /// come from the router, which validates first).
    void record(const QString &name, const QString &version = {});
    /// Same with an explicit time (UTC), for tests and replays.
    void record(const QString &name, const QString &version, const QDateTime &when);

    /// All entries, highest count first (ties: most recent first, then by name).
    QList<Entry> snapshot(Grouping grouping = Grouping::Exact) const;
    qsizetype distinctCount() const;
    qint64 droppedCount() const;

    /// Writes pending lines to the journal. False (with a warning logged) when the
    /// journal cannot be written; the lines stay pending then.
    bool flush();
    /// Adds the journal's misses (the rotated one first) to the counts in memory.
    /// Returns the number of lines read; malformed lines are skipped.
    qsizetype load();

    QString journalPath() const { return m_journalPath; }
    int flushThreshold() const;
    void setFlushThreshold(int lines);
    int flushInterval() const;
    void setFlushInterval(int milliseconds);
    qsizetype maxDistinct() const;
    void setMaxDistinct(qsizetype entries);
    qint64 maxJournalBytes() const;
    void setMaxJournalBytes(qint64 bytes);

private:
    void countLocked(const QString &name, const QString &version, const QDateTime &when);
    bool flushLocked();
    qsizetype loadFile(const QString &path);

    const QString m_journalPath;
    QTimer m_timer;
    mutable std::mutex m_mutex;
    QHash<QString, Entry> m_entries; // key: name + '\t' + version
    QByteArray m_pending;
    int m_pendingLines = 0;
    std::chrono::steady_clock::time_point m_oldestPending; // when the first pending line came
    qint64 m_dropped = 0;
    int m_flushThreshold = 256;
    int m_flushInterval = 5000;
    qsizetype m_maxDistinct = 100000;
    qint64 m_maxJournalBytes = qint64(16) * 1024 * 1024;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "missrecorder.h"

#include "indexpath.h"
#include "mirrorlayout.h"
#include "missjournal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMissRecorder, "stowaway.misses")

namespace Stowaway {

namespace {

QString keyOf(const QString &name, const QString &version)
{
    return name + QLatin1Char('\t') + version;
}

void mergeInto(MissRecorder::Entry &into, const MissRecorder::Entry &from)
{
    into.count += from.count;
    if (from.firstSeen < into.firstSeen)
        into.firstSeen = from.firstSeen;
    if (from.lastSeen > into.lastSeen)
        into.lastSeen = from.lastSeen;
}

} // namespace

MissRecorder::MissRecorder(const QString &journalPath, QObject *parent)
    : QObject(parent), m_journalPath(journalPath)
{
    m_timer.setInterval(m_flushInterval);
    connect(&m_timer, &QTimer::timeout, this, [this] { flush(); });
    m_timer.start();
}

MissRecorder::MissRecorder(const MirrorLayout &layout, QObject *parent)
    : MissRecorder(journalPathFor(layout), parent)
{}

MissRecorder::~MissRecorder()
{
    flush();
}

QString MissRecorder::journalPathFor(const MirrorLayout &layout)
{
    return layout.logsDir() + QStringLiteral("/misses.log");
}

void MissRecorder::record(const QString &name, const QString &version)
{
    record(name, version, QDateTime::currentDateTimeUtc());
}

void MissRecorder::record(const QString &name, const QString &version, const QDateTime &when)
{
    if (!IndexPath::isValidCrateName(name) ||
        (!version.isEmpty() && !IndexPath::isValidVersion(version)) || !when.isValid())
        return;
    const QDateTime utc = when.toUTC();
    std::lock_guard guard(m_mutex);
    countLocked(name, version, utc);
    const auto now = std::chrono::steady_clock::now();
    if (m_pendingLines == 0)
        m_oldestPending = now;
    m_pending += utc.toString(Qt::ISODateWithMs).toLatin1() + '\t' + name.toLatin1() + '\t' +
                 version.toLatin1() + '\n';
    ++m_pendingLines;
    if (m_pendingLines >= m_flushThreshold ||
        now - m_oldestPending >= std::chrono::milliseconds(m_flushInterval))
        flushLocked();
}

void MissRecorder::countLocked(const QString &name, const QString &version, const QDateTime &when)
{
    const QString key = keyOf(name, version);
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_maxDistinct) {
            ++m_dropped;
            return;
        }
        m_entries.insert(key, Entry{name, version, 1, when, when});
        return;
    }
    ++it->count;
    if (when < it->firstSeen)
        it->firstSeen = when;
    if (when > it->lastSeen)
        it->lastSeen = when;
}

QList<MissRecorder::Entry> MissRecorder::snapshot(Grouping grouping) const
{
    QList<Entry> result;
    {
        std::lock_guard guard(m_mutex);
        if (grouping == Grouping::Exact) {
            result = m_entries.values();
        } else {
            QHash<QString, Entry> grouped;
            for (const Entry &entry : m_entries) {
                const QString canonical = IndexPath::canonicalName(entry.name);
                const QString key = keyOf(canonical, entry.version);
                auto it = grouped.find(key);
                if (it == grouped.end())
                    grouped.insert(key, Entry{canonical, entry.version, entry.count,
                                              entry.firstSeen, entry.lastSeen});
                else
                    mergeInto(*it, entry);
            }
            result = grouped.values();
        }
    }
    std::sort(result.begin(), result.end(), [](const Entry &a, const Entry &b) {
        if (a.count != b.count)
            return a.count > b.count;
        if (a.lastSeen != b.lastSeen)
            return a.lastSeen > b.lastSeen;
        if (a.name != b.name)
            return a.name < b.name;
        return a.version < b.version;
    });
    return result;
}

qsizetype MissRecorder::distinctCount() const
{
    std::lock_guard guard(m_mutex);
    return m_entries.size();
}

qint64 MissRecorder::droppedCount() const
{
    std::lock_guard guard(m_mutex);
    return m_dropped;
}

bool MissRecorder::flush()
{
    std::lock_guard guard(m_mutex);
    return flushLocked();
}

bool MissRecorder::flushLocked()
{
    if (m_pendingLines == 0)
        return true;
    const QFileInfo info(m_journalPath);
    if (!QDir().mkpath(info.absolutePath())) {
        qCWarning(lcMissRecorder) << "Cannot create the folder" << info.absolutePath()
                                  << "for the miss journal; check its permissions.";
        return false;
    }
    if (info.exists() && info.size() + m_pending.size() > m_maxJournalBytes) {
        const QString rotated = m_journalPath + QStringLiteral(".1");
        QFile::remove(rotated);
        QFile::rename(m_journalPath, rotated);
    }
    QFile file(m_journalPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) ||
        file.write(m_pending) != m_pending.size()) {
        qCWarning(lcMissRecorder) << "Cannot write the miss journal" << m_journalPath << ":"
                                  << file.errorString() << "- check the disk and permissions.";
        return false;
    }
    m_pending.clear();
    m_pendingLines = 0;
    return true;
}

qsizetype MissRecorder::load()
{
    std::lock_guard guard(m_mutex);
    return loadFile(m_journalPath + QStringLiteral(".1")) + loadFile(m_journalPath);
}

qsizetype MissRecorder::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    qsizetype lines = 0;
    while (!file.atEnd()) {
        const auto line = MissJournal::parseLine(file.readLine(4096));
        if (!line)
            continue;
        countLocked(line->name, line->version, line->when);
        ++lines;
    }
    return lines;
}

int MissRecorder::flushThreshold() const
{
    std::lock_guard guard(m_mutex);
    return m_flushThreshold;
}

void MissRecorder::setFlushThreshold(int lines)
{
    std::lock_guard guard(m_mutex);
    m_flushThreshold = std::max(1, lines);
}

int MissRecorder::flushInterval() const
{
    std::lock_guard guard(m_mutex);
    return m_flushInterval;
}

void MissRecorder::setFlushInterval(int milliseconds)
{
    {
        std::lock_guard guard(m_mutex);
        m_flushInterval = std::max(1, milliseconds);
    }
    m_timer.setInterval(std::max(1, milliseconds));
}

qsizetype MissRecorder::maxDistinct() const
{
    std::lock_guard guard(m_mutex);
    return m_maxDistinct;
}

void MissRecorder::setMaxDistinct(qsizetype entries)
{
    std::lock_guard guard(m_mutex);
    m_maxDistinct = std::max<qsizetype>(1, entries);
}

qint64 MissRecorder::maxJournalBytes() const
{
    std::lock_guard guard(m_mutex);
    return m_maxJournalBytes;
}

void MissRecorder::setMaxJournalBytes(qint64 bytes)
{
    std::lock_guard guard(m_mutex);
    m_maxJournalBytes = std::max<qint64>(1024, bytes);
}

} // namespace Stowaway

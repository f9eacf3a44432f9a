// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorlayout.h"
#include "missrecorder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <thread>
#include <vector>

using namespace Stowaway;

namespace {

QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 11, 21), QTime(6, minute), Qt::UTC);
}

QList<QByteArray> journalLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class TestMissRecorder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void countsAndOrder();
    void groupsPermutations();
    void ignoresInvalid_data();
    void ignoresInvalid();
    void journalFormat();
    void flushesAtThreshold();
    void flushesOnTimer();
    void flushesOnDestruction();
    void loadRebuildsCounts();
    void loadSkipsMalformedLines();
    void capsDistinctEntries();
    void rotatesJournal();
    void concurrentRecords();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_journal;
};

void TestMissRecorder::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_journal = MissRecorder::journalPathFor(MirrorLayout(m_dir->path()));
    QCOMPARE(m_journal, m_dir->path() + QStringLiteral("/logs/misses.log"));
}

void TestMissRecorder::countsAndOrder()
{
    MissRecorder misses(m_journal);
    misses.record(QStringLiteral("tokio"), {}, at(1));
    misses.record(QStringLiteral("rand"), QStringLiteral("0.8.5"), at(2));
    misses.record(QStringLiteral("tokio"), {}, at(3));
    misses.record(QStringLiteral("anyhow"), {}, at(4));
    misses.record(QStringLiteral("tokio"), {}, at(0));
    const QList<MissRecorder::Entry> entries = misses.snapshot();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries[0].name, QStringLiteral("tokio"));
    QCOMPARE(entries[0].count, 3);
    QCOMPARE(entries[0].firstSeen, at(0));
    QCOMPARE(entries[0].lastSeen, at(3));
    // Same count: the most recent first.
    QCOMPARE(entries[1].name, QStringLiteral("anyhow"));
    QCOMPARE(entries[2].name, QStringLiteral("rand"));
    QCOMPARE(entries[2].version, QStringLiteral("0.8.5"));
    QCOMPARE(misses.distinctCount(), 3);
}

void TestMissRecorder::groupsPermutations()
{
    MissRecorder misses(m_journal);
    misses.record(QStringLiteral("foo-bar"), {}, at(1));
    misses.record(QStringLiteral("foo_bar"), {}, at(2));
    misses.record(QStringLiteral("Foo_Bar"), {}, at(3));
    misses.record(QStringLiteral("foo-bar"), QStringLiteral("1.0.0"), at(4));
    misses.record(QStringLiteral("other"), {}, at(5));
    QCOMPARE(misses.snapshot().size(), 5);
    const QList<MissRecorder::Entry> grouped =
        misses.snapshot(MissRecorder::Grouping::CanonicalName);
    QCOMPARE(grouped.size(), 3);
    QCOMPARE(grouped[0].name, QStringLiteral("foo_bar"));
    QCOMPARE(grouped[0].version, QString());
    QCOMPARE(grouped[0].count, 3);
    QCOMPARE(grouped[0].firstSeen, at(1));
    QCOMPARE(grouped[0].lastSeen, at(3));
}

void TestMissRecorder::ignoresInvalid_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::newRow("empty name") << ""
                                << "";
    QTest::newRow("tab in name") << "a\tb"
                                 << "";
    QTest::newRow("newline in name") << "a\nb"
                                     << "";
    QTest::newRow("traversal name") << "../x"
                                    << "";
    QTest::newRow("bad version") << "serde"
                                 << "1.0\t0";
    QTest::newRow("version with newline") << "serde"
                                          << "1.0.0\n";
}

void TestMissRecorder::ignoresInvalid()
{
    QFETCH(QString, name);
    QFETCH(QString, version);
    MissRecorder misses(m_journal);
    misses.record(name, version);
    QCOMPARE(misses.distinctCount(), 0);
    QVERIFY(misses.flush());
    QVERIFY(journalLines(m_journal).isEmpty());
}

void TestMissRecorder::journalFormat()
{
    MissRecorder misses(m_journal);
    misses.record(QStringLiteral("tokio"), {}, at(1));
    misses.record(QStringLiteral("openssl-src"), QStringLiteral("111.0.0+1.1.1a"), at(2));
    QVERIFY(journalLines(m_journal).isEmpty()); // buffered
    QVERIFY(misses.flush());
    QCOMPARE(journalLines(m_journal),
             QList<QByteArray>({"2026-11-21T06:01:00.000Z\ttokio\t",
                                "2026-11-21T06:02:00.000Z\topenssl-src\t111.0.0+1.1.1a"}));
    misses.record(QStringLiteral("rand"), {}, at(3));
    QVERIFY(misses.flush());
    QCOMPARE(journalLines(m_journal).size(), 3); // appended
}

void TestMissRecorder::flushesAtThreshold()
{
    MissRecorder misses(m_journal);
    misses.setFlushThreshold(3);
    misses.record(QStringLiteral("a"));
    misses.record(QStringLiteral("b"));
    QCOMPARE(journalLines(m_journal).size(), 0);
    misses.record(QStringLiteral("c"));
    QCOMPARE(journalLines(m_journal).size(), 3);
}

void TestMissRecorder::flushesOnTimer()
{
    MissRecorder misses(m_journal);
    misses.setFlushInterval(50);
    misses.record(QStringLiteral("late"));
    QTRY_COMPARE_WITH_TIMEOUT(journalLines(m_journal).size(), 1, 5000);
}

void TestMissRecorder::flushesOnDestruction()
{
    {
        MissRecorder misses(m_journal);
        misses.record(QStringLiteral("bye"), QStringLiteral("1.0.0"));
    }
    const QList<QByteArray> lines = journalLines(m_journal);
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines[0].endsWith("\tbye\t1.0.0"));
}

void TestMissRecorder::loadRebuildsCounts()
{
    {
        MissRecorder misses(m_journal);
        misses.record(QStringLiteral("tokio"), {}, at(1));
        misses.record(QStringLiteral("tokio"), {}, at(5));
        misses.record(QStringLiteral("rand"), QStringLiteral("0.8.5"), at(2));
    }
    MissRecorder reloaded(m_journal);
    QCOMPARE(reloaded.load(), 3);
    const QList<MissRecorder::Entry> entries = reloaded.snapshot();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].name, QStringLiteral("tokio"));
    QCOMPARE(entries[0].count, 2);
    QCOMPARE(entries[0].firstSeen, at(1));
    QCOMPARE(entries[0].lastSeen, at(5));
    QCOMPARE(entries[1].version, QStringLiteral("0.8.5"));
    // New misses add to the loaded counts and to the same journal.
    reloaded.record(QStringLiteral("rand"), QStringLiteral("0.8.5"), at(9));
    QVERIFY(reloaded.flush());
    QCOMPARE(journalLines(m_journal).size(), 4);
}

void TestMissRecorder::loadSkipsMalformedLines()
{
    QVERIFY(QDir().mkpath(QFileInfo(m_journal).absolutePath()));
    QFile file(m_journal);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("2026-11-21T06:01:00.000Z\tgood\t\n"
               "not a line\n"
               "yesterday\tbad-time\t\n"
               "2026-11-21T06:01:00.000Z\tbad name\t\n"
               "2026-11-21T06:01:00.000Z\tgood\t1.0.0\textra\n"
               "2026-11-21T06:01:00.000Z\tgood\tnot-a-version\n"
               "\n"
               "2026-11-21T06:02:00.000Z\tgood\t1.2.3");
    file.close();
    MissRecorder misses(m_journal);
    QCOMPARE(misses.load(), 2);
    QCOMPARE(misses.distinctCount(), 2);
}

void TestMissRecorder::capsDistinctEntries()
{
    MissRecorder misses(m_journal);
    misses.setMaxDistinct(5);
    for (int i = 0; i < 10; ++i)
        misses.record(QStringLiteral("crate%1").arg(i));
    misses.record(QStringLiteral("crate0"));
    QCOMPARE(misses.distinctCount(), 5);
    QCOMPARE(misses.droppedCount(), 5);
    QCOMPARE(misses.snapshot().first().count, 2);
    QVERIFY(misses.flush());
    QCOMPARE(journalLines(m_journal).size(), 11); // the journal keeps them all
}

void TestMissRecorder::rotatesJournal()
{
    MissRecorder misses(m_journal);
    misses.setMaxJournalBytes(2048);
    for (int i = 0; i < 200; ++i) {
        misses.record(QStringLiteral("crate%1").arg(i % 7), QStringLiteral("1.0.%1").arg(i));
        QVERIFY(misses.flush());
    }
    QVERIFY(QFileInfo(m_journal).size() <= 2048);
    QVERIFY(QFileInfo::exists(m_journal + QStringLiteral(".1")));
    MissRecorder reloaded(m_journal);
    const qsizetype lines = reloaded.load();
    QVERIFY(lines > 0);
    QVERIFY(lines < 200);
    QCOMPARE(lines, journalLines(m_journal).size() +
                        journalLines(m_journal + QStringLiteral(".1")).size());
}

void TestMissRecorder::concurrentRecords()
{
    MissRecorder misses(m_journal);
    misses.setFlushThreshold(100);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&misses, t] {
            for (int i = 0; i < 1000; ++i)
                misses.record(QStringLiteral("crate%1").arg(i % 10),
                              t % 2 ? QString() : QStringLiteral("1.0.0"));
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QVERIFY(misses.flush());
    qint64 total = 0;
    for (const MissRecorder::Entry &entry : misses.snapshot())
        total += entry.count;
    QCOMPARE(total, 8000);
    QCOMPARE(misses.distinctCount(), 20);
    QCOMPARE(journalLines(m_journal).size(), 8000);
}

QTEST_GUILESS_MAIN(TestMissRecorder)
#include "tst_missrecorder.moc"

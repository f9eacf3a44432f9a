// SPDX-License-Identifier: GPL-3.0-or-later
#include "missjournal.h"
#include "missrecorder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

class TestMissJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseLine_data();
    void parseLine();
    void readsWhatTheRecorderWrote();
    void missingJournalIsEmpty();
};

void TestMissJournal::parseLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::newRow("index miss") << QByteArray("2026-11-21T08:00:00.000Z\tserde\t\n") << true
                                << "serde"
                                << "";
    QTest::newRow("download miss")
        << QByteArray("2026-11-21T08:00:00Z\tRand_Core\t0.6.4") << true << "Rand_Core"
        << "0.6.4";
    QTest::newRow("two fields") << QByteArray("2026-11-21T08:00:00Z\tserde") << true << "serde"
                                << "";
    QTest::newRow("bad time") << QByteArray("yesterday\tserde\t") << false << ""
                              << "";
    QTest::newRow("bad name") << QByteArray("2026-11-21T08:00:00Z\t../x\t") << false << ""
                              << "";
    QTest::newRow("bad version") << QByteArray("2026-11-21T08:00:00Z\tserde\tone") << false << ""
                                 << "";
    QTest::newRow("too many fields")
        << QByteArray("2026-11-21T08:00:00Z\ta\t1.0.0\tx") << false << ""
        << "";
    QTest::newRow("empty") << QByteArray() << false << ""
                           << "";
}

void TestMissJournal::parseLine()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(QString, name);
    QFETCH(QString, version);
    const auto parsed = MissJournal::parseLine(line);
    QCOMPARE(parsed.has_value(), valid);
    if (!parsed)
        return;
    QCOMPARE(parsed->name, name);
    QCOMPARE(parsed->version, version);
    QCOMPARE(parsed->when, QDateTime(QDate(2026, 11, 21), QTime(8, 0), Qt::UTC));
}

void TestMissJournal::readsWhatTheRecorderWrote()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("logs/misses.log"));
    const QDateTime t0(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC);
    {
        MissRecorder recorder(path);
        recorder.setMaxJournalBytes(1024); // the older lines rotate to misses.log.1
        for (int i = 0; i < 30; ++i)
            recorder.record(QStringLiteral("left-pad"), {}, t0.addSecs(i));
        QVERIFY(recorder.flush());
        recorder.record(QStringLiteral("Left_Pad"), QStringLiteral("1.0.0"), t0.addSecs(100));
        recorder.record(QStringLiteral("serde"), {}, t0.addSecs(200));
        recorder.record(QStringLiteral("serde"), QStringLiteral("1.0.1"), t0.addSecs(50));
        recorder.record(QStringLiteral("tokio"), {}, t0.addSecs(300));
        recorder.record(QStringLiteral("anyhow"), {}, t0.addSecs(300));
        QVERIFY(recorder.flush());
    }
    QVERIFY(QFile::exists(path + QStringLiteral(".1")));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("garbage line\n2026-11-21T08:00:00Z\tserde"); // last line half written
    }
    const QList<MissJournal::Crate> crates = MissJournal::readCrates(path);
    QCOMPARE(crates.size(), 4);
    QCOMPARE(crates.at(0).canonicalName, QStringLiteral("left_pad"));
    QCOMPARE(crates.at(0).name, QStringLiteral("Left_Pad")); // the latest spelling
    QCOMPARE(crates.at(0).count, 31);
    QCOMPARE(crates.at(0).lastSeen, t0.addSecs(100));
    QCOMPARE(crates.at(0).versions, QStringList{QStringLiteral("1.0.0")});
    QCOMPARE(crates.at(1).name, QStringLiteral("serde"));
    QCOMPARE(crates.at(1).count, 3); // the half-written line still parses: it is complete
    QCOMPARE(crates.at(1).lastSeen, QDateTime(QDate(2026, 11, 21), QTime(8, 0), Qt::UTC));
    // Ties on count: the most recent first, then by name.
    QCOMPARE(crates.at(2).name, QStringLiteral("anyhow"));
    QCOMPARE(crates.at(3).name, QStringLiteral("tokio"));
}

void TestMissJournal::missingJournalIsEmpty()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(MissJournal::readCrates(dir.filePath(QStringLiteral("misses.log"))).isEmpty());
}

QTEST_GUILESS_MAIN(TestMissJournal)
#include "tst_missjournal.moc"

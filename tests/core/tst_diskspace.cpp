// SPDX-License-Identifier: GPL-3.0-or-later
#include "diskspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Stowaway;

class TestDiskSpace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesTheVolume_data();
    void matchesTheVolume();
    void reservationsShrinkTheCachedValue_data();
    void reservationsShrinkTheCachedValue();
    void refreshesAfterTheInterval();
    void unknownFolder();
};

void TestDiskSpace::matchesTheVolume_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("temp folder") << QDir::tempPath();
    QTest::newRow("root") << QStringLiteral("/");
    QTest::newRow("this binary's folder") << QCoreApplication::applicationDirPath();
}

void TestDiskSpace::matchesTheVolume()
{
    QFETCH(QString, path);
    const qint64 ours = DiskSpace::query(path);
    const QStorageInfo qt(path);
    QVERIFY(qt.isValid());
    // Other processes write in between: allow 256 MB of drift on a busy machine.
    QVERIFY2(qAbs(ours - qt.bytesAvailable()) < 256LL * 1024 * 1024,
             qPrintable(QStringLiteral("%1 vs %2").arg(ours).arg(qt.bytesAvailable())));
    DiskSpace space(path);
    QVERIFY(space.available() > 0);
}

void TestDiskSpace::reservationsShrinkTheCachedValue_data()
{
    QTest::addColumn<QList<qint64>>("reservations");
    QTest::addColumn<qint64>("expectedDrop");
    QTest::newRow("none") << QList<qint64>{} << qint64(0);
    QTest::newRow("one") << QList<qint64>{4096} << qint64(4096);
    QTest::newRow("several") << QList<qint64>{1000, 2000, 3000} << qint64(6000);
    QTest::newRow("negative ignored") << QList<qint64>{-5, 10} << qint64(10);
}

void TestDiskSpace::reservationsShrinkTheCachedValue()
{
    QFETCH(QList<qint64>, reservations);
    QFETCH(qint64, expectedDrop);
    QTemporaryDir dir;
    DiskSpace space(dir.path(), 60'000); // no refresh during the test
    const qint64 before = space.available();
    QVERIFY(before > 0);
    for (qint64 bytes : reservations)
        space.reserve(bytes);
    QCOMPARE(space.available(), before - expectedDrop);
    // More than is free: never negative.
    space.reserve(before * 2);
    QCOMPARE(space.available(), qint64(0));
    // invalidate() asks the volume again and forgets the reservations.
    space.invalidate();
    QVERIFY(space.available() > 0);
}

void TestDiskSpace::refreshesAfterTheInterval()
{
    QTemporaryDir dir;
    DiskSpace space(dir.path(), 20);
    const qint64 first = space.available();
    space.reserve(first); // the cached value says the disk is full ...
    QCOMPARE(space.available(), qint64(0));
    QThread::msleep(40); // ... until the interval passes and the volume is asked again
    QVERIFY(space.available() > 0);
}

void TestDiskSpace::unknownFolder()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no/such/folder"));
    QCOMPARE(DiskSpace::query(missing), qint64(-1));
    DiskSpace space(missing);
    QCOMPARE(space.available(), qint64(-1));
    space.reserve(100);
    QCOMPARE(space.available(), qint64(-1));
}

QTEST_GUILESS_MAIN(TestDiskSpace)
#include "tst_diskspace.moc"

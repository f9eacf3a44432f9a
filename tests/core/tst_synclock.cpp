// SPDX-License-Identifier: GPL-3.0-or-later
#include "synclock.h"

#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

class TestSyncLock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneSyncAtATime();
    void lockOfADeadProcessIsTakenOver();
};

void TestSyncLock::oneSyncAtATime()
{
    QTemporaryDir dir;
    const MirrorLayout layout(dir.path());
    SyncLock first(layout);
    QString error;
    QVERIFY2(first.tryLock(&error), qPrintable(error));
    QVERIFY(first.isLocked());
    QCOMPARE(first.fileName(), dir.filePath(QStringLiteral("sync.lock")));
    QVERIFY(first.tryLock(&error)); // holding it already is fine

    SyncLock second(layout);
    QVERIFY(!second.tryLock(&error));
    QCOMPARE(error, QStringLiteral("another sync (pid %1) is running on this mirror; wait for it "
                                   "to finish or stop it, then try again")
                        .arg(QCoreApplication::applicationPid()));
    first.unlock();
    QVERIFY(!first.isLocked());
    QVERIFY2(second.tryLock(&error), qPrintable(error));
}

void TestSyncLock::lockOfADeadProcessIsTakenOver()
{
    QTemporaryDir dir;
    const MirrorLayout layout(dir.path());
    // What a sync killed with SIGKILL leaves: a lock naming a process that is gone.
    QFile stale(dir.filePath(QStringLiteral("sync.lock")));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write("2147483646\n" + QCoreApplication::applicationName().toUtf8() + '\n' +
                QSysInfo::machineHostName().toUtf8() + '\n');
    stale.close();
    SyncLock lock(layout);
    QString error;
    QVERIFY2(lock.tryLock(&error), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSyncLock)
#include "tst_synclock.moc"

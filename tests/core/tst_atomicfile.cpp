// SPDX-License-Identifier: GPL-3.0-or-later
#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <unistd.h>

using namespace Stowaway;

namespace {
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden);
}

void touch(const QString &path)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
}
} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writeCreatesParents();
    void writeReplaces();
    void writeLeavesNoTemp();
    void tempThenMove();
    void moveFailureRemovesTemp();
    void removeMissingIsFine();
    void fileInTheWay();
    void staleTemps();
    void describeError_data();
    void describeError();

private:
    QTemporaryDir m_dir;
};

void TestAtomicFile::writeCreatesParents()
{
    const QString path = m_dir.filePath(QStringLiteral("a/b/c/file.txt"));
    QString error;
    QVERIFY2(AtomicFile::write(path, "hello\n", m_dir.filePath(QStringLiteral("tmp")), &error),
             qPrintable(error));
    QCOMPARE(readAll(path), QByteArray("hello\n"));
}

void TestAtomicFile::writeReplaces()
{
    const QString path = m_dir.filePath(QStringLiteral("replace.txt"));
    const QString temp = m_dir.filePath(QStringLiteral("tmp"));
    QString error;
    QVERIFY(AtomicFile::write(path, QByteArray(100000, 'x'), temp, &error));
    QVERIFY(AtomicFile::write(path, "short", temp, &error));
    QCOMPARE(readAll(path), QByteArray("short"));
    QVERIFY(AtomicFile::write(path, QByteArray(), temp, &error));
    QCOMPARE(readAll(path), QByteArray());
}

void TestAtomicFile::writeLeavesNoTemp()
{
    const QString temp = m_dir.filePath(QStringLiteral("tmp-clean"));
    QString error;
    for (int i = 0; i < 5; ++i)
        QVERIFY(AtomicFile::write(m_dir.filePath(QStringLiteral("n%1").arg(i)),
                                  QByteArray::number(i), temp, &error));
    QCOMPARE(entries(temp), QStringList());
}

void TestAtomicFile::tempThenMove()
{
    const QString temp = m_dir.filePath(QStringLiteral("tmp-move"));
    QString error;
    const QString tempPath = AtomicFile::writeTemp(temp, "payload", &error);
    QVERIFY2(!tempPath.isEmpty(), qPrintable(error));
    QVERIFY(tempPath.startsWith(temp + QLatin1Char('/') + QString::number(::getpid()) +
                                QLatin1Char('-')));
    QVERIFY(tempPath.endsWith(QLatin1String(".tmp")));
    const QString target = m_dir.filePath(QStringLiteral("moved/x.crate"));
    QVERIFY2(AtomicFile::moveIntoPlace(tempPath, target, &error), qPrintable(error));
    QCOMPARE(readAll(target), QByteArray("payload"));
    QVERIFY(!QFile::exists(tempPath));
    // New files follow the umask like any other file, not mkstemp's 0600.
    QVERIFY(QFile::permissions(target) & QFileDevice::ReadOther);
}

void TestAtomicFile::moveFailureRemovesTemp()
{
    const QString temp = m_dir.filePath(QStringLiteral("tmp-fail"));
    QString error;
    const QString tempPath = AtomicFile::writeTemp(temp, "payload", &error);
    QVERIFY(!tempPath.isEmpty());
    // The target is an existing non-empty folder: rename must fail.
    const QString target = m_dir.filePath(QStringLiteral("occupied"));
    QVERIFY(QDir().mkpath(target + QStringLiteral("/inside")));
    QVERIFY(!AtomicFile::moveIntoPlace(tempPath, target, &error));
    QVERIFY2(error.contains(target), qPrintable(error));
    QVERIFY(!QFile::exists(tempPath));
}

void TestAtomicFile::removeMissingIsFine()
{
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("gone.txt"));
    QVERIFY(AtomicFile::remove(path, &error));
    touch(path);
    QVERIFY(AtomicFile::remove(path, &error));
    QVERIFY(!QFile::exists(path));
}

void TestAtomicFile::fileInTheWay()
{
    const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
    touch(blocker);
    QString error;
    QVERIFY(!AtomicFile::write(blocker + QStringLiteral("/sub/file"), "x",
                               m_dir.filePath(QStringLiteral("tmp")), &error));
    QVERIFY2(error.contains(blocker) && error.contains(QLatin1String("in the way")),
             qPrintable(error));
}

void TestAtomicFile::staleTemps()
{
    const QString temp = m_dir.filePath(QStringLiteral("tmp-stale"));
    QVERIFY(QDir().mkpath(temp));
    // pid_max on Linux is at most 4194304, so this process cannot exist.
    touch(temp + QStringLiteral("/2147483600-dead.tmp"));
    touch(temp + QStringLiteral("/nopid.tmp"));
    const QString mine = temp + QStringLiteral("/%1-mine.tmp").arg(::getpid());
    const QString parent = temp + QStringLiteral("/%1-parent.tmp").arg(::getppid());
    const QString other = temp + QStringLiteral("/notes.txt");
    touch(mine);
    touch(parent);
    touch(other);
    QCOMPARE(AtomicFile::removeStaleTemps(temp), 2);
    QStringList left = entries(temp);
    left.sort();
    QStringList expected{QFileInfo(mine).fileName(), QFileInfo(parent).fileName(),
                         QStringLiteral("notes.txt")};
    expected.sort();
    QCOMPARE(left, expected);
}

void TestAtomicFile::describeError_data()
{
    QTest::addColumn<int>("errnoValue");
    QTest::addColumn<QString>("expected");
    QTest::newRow("disk full") << ENOSPC << "the disk is full: free space on";
    QTest::newRow("quota") << EDQUOT << "the disk is full";
    QTest::newRow("permission") << EACCES << "permission denied";
    QTest::newRow("not permitted") << EPERM << "permission denied";
    QTest::newRow("read-only") << EROFS << "read-only";
    QTest::newRow("other") << EIO << "Input/output error";
}

void TestAtomicFile::describeError()
{
    QFETCH(int, errnoValue);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(QStringLiteral("x.crate"));
    const QString message =
        AtomicFile::describeError(errnoValue, QStringLiteral("cannot write ") + path, path);
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(message.startsWith(QStringLiteral("cannot write ") + path), qPrintable(message));
    if (errnoValue == ENOSPC) // names the volume to clean up
        QVERIFY2(message.contains(QStringLiteral(" on ") + QStorageInfo(m_dir.path()).rootPath() +
                                  QStringLiteral(" and run again")),
                 qPrintable(message));
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"

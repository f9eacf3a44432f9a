// SPDX-License-Identifier: GPL-3.0-or-later
#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
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
    void batchPrimitivesMakeMissingFolders_data();
    void batchPrimitivesMakeMissingFolders();
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
    const QString tempPath = AtomicFile::writeTempUnsynced(temp, "payload", &error);
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
    const QString tempPath = AtomicFile::writeTempUnsynced(temp, "payload", &error);
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

void TestAtomicFile::batchPrimitivesMakeMissingFolders_data()
{
    // The unsynced writers try first and make a folder only when the call says it is missing;
    // a file in the way must still be named as such.
    QTest::addColumn<QString>("tempDir");    // relative to the test folder
    QTest::addColumn<QString>("target");     // where the temp file is renamed to
    QTest::addColumn<QString>("blocker");    // a file made first; empty: none
    QTest::addColumn<QStringList>("synced"); // folders renameUnsynced reports as changed
    QTest::addColumn<QString>("problem");    // expected in the error; empty: it works

    QTest::newRow("folders exist")
        << "exist/tmp"
        << "exist/file" << QString() << QStringList{"exist"} << QString();
    QTest::newRow("temp folder missing")
        << "new/tmp"
        << "new/file" << QString() << QStringList{"new"} << QString();
    QTest::newRow("target folders missing")
        << "t/tmp"
        << "t/a/b/file" << QString() << QStringList{"t", "t/a", "t/a/b"} << QString();
    QTest::newRow("file in the temp folder's way") << "w/tmp"
                                                   << "w/file"
                                                   << "w/tmp" << QStringList{} << "in the way";
    QTest::newRow("file in the target folder's way") << "v/tmp"
                                                     << "v/x/file"
                                                     << "v/x" << QStringList{} << "in the way";
}

void TestAtomicFile::batchPrimitivesMakeMissingFolders()
{
    QFETCH(QString, tempDir);
    QFETCH(QString, target);
    QFETCH(QString, blocker);
    QFETCH(QStringList, synced);
    QFETCH(QString, problem);
    const QString root = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(QDir().mkpath(root));
    const QString temps = root + '/' + tempDir;
    if (qstrcmp(QTest::currentDataTag(), "folders exist") == 0)
        QVERIFY(QDir().mkpath(temps));
    if (!blocker.isEmpty()) {
        QVERIFY(QDir().mkpath(QFileInfo(root + '/' + blocker).absolutePath()));
        touch(root + '/' + blocker);
    }
    QString error;
    const QString source = root + QStringLiteral("/source");
    touch(source);
    const QString written = AtomicFile::writeTempUnsynced(temps, "bytes", &error);
    const QString linked = AtomicFile::linkTempUnsynced(temps, source, {}, &error);
    if (problem.isEmpty() || blocker != tempDir) {
        QVERIFY2(!written.isEmpty() && !linked.isEmpty(), qPrintable(error));
        QCOMPARE(readAll(written), QByteArray("bytes"));
    } else {
        QVERIFY(written.isEmpty() && linked.isEmpty());
        QVERIFY2(error.contains(problem), qPrintable(error));
        return;
    }
    QStringList changed;
    const bool renamed = AtomicFile::renameUnsynced(written, root + '/' + target, &changed, &error);
    QCOMPARE(renamed, problem.isEmpty());
    if (!renamed) {
        QVERIFY2(error.contains(problem) && error.contains(root + '/' + blocker),
                 qPrintable(error));
        return;
    }
    QCOMPARE(readAll(root + '/' + target), QByteArray("bytes"));
    changed.removeDuplicates();
    QStringList expected;
    for (const QString &dir : synced)
        expected.append(root + '/' + dir);
    QCOMPARE(QSet<QString>(changed.cbegin(), changed.cend()),
             QSet<QString>(expected.cbegin(), expected.cend()));
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

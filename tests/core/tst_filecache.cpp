// SPDX-License-Identifier: GPL-3.0-or-later
#include "filecache.h"
#include "httpvalidators.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace Stowaway;

class TestFileCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void missing_data();
    void missing();
    void readsAndCaches();
    void noticesChanges_data();
    void noticesChanges();
    void boundedMemory();
    void bigFilesAreNotKept();
    void clear();
    void concurrentReaders();

private:
    QString write(const QString &name, const QByteArray &bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFileCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestFileCache::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString temp = path + QStringLiteral(".part");
    {
        QFile part(temp);
        if (!part.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            part.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(temp));
    }
    if (std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0)
        qFatal("cannot rename %s", qPrintable(temp));
    return path;
}

void TestFileCache::missing_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("no such file") << "nothing";
    QTest::newRow("no such directory") << "no/such/dir/file";
    QTest::newRow("a directory") << "dir";
    QTest::newRow("below a file") << "plain/below";
}

void TestFileCache::missing()
{
    QFETCH(QString, name);
    QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("dir")));
    write(QStringLiteral("plain"), "x");
    FileCache cache;
    const FileCache::Lookup lookup = cache.get(m_dir->filePath(name));
    QCOMPARE(lookup.status, FileCache::Status::NotFound);
    QVERIFY(lookup.file.bytes.isEmpty());
    QCOMPARE(cache.entryCount(), 0);
}

void TestFileCache::readsAndCaches()
{
    const QByteArray content = "hello index\n";
    const QString path = write(QStringLiteral("index/he/ll/hello"), content);
    QFile touch(path);
    QVERIFY(touch.open(QIODevice::ReadWrite));
    QVERIFY(touch.setFileTime(QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC),
                              QFileDevice::FileModificationTime));
    touch.close();

    FileCache cache;
    const FileCache::Lookup first = cache.get(path);
    QCOMPARE(first.status, FileCache::Status::Found);
    QCOMPARE(first.file.bytes, content);
    QCOMPARE(first.file.size, content.size());
    QCOMPARE(first.file.etag, HttpValidators::strongEtag(content));
    QCOMPARE(first.file.etag.size(), 34);
    QCOMPARE(first.file.lastModified, QByteArray("Sun, 06 Nov 1994 08:49:37 GMT"));
    QCOMPARE(first.file.mtimeSecs, 784111777);
    QVERIFY(first.file.inode != 0);
    QCOMPARE(cache.loads(), 1u);
    QCOMPARE(cache.hits(), 0u);

    const FileCache::Lookup second = cache.get(path);
    QCOMPARE(second.file.bytes, content);
    QCOMPARE(second.file.etag, first.file.etag);
    QCOMPARE(cache.loads(), 1u);
    QCOMPARE(cache.hits(), 1u);
    QCOMPARE(cache.entryCount(), 1);
    QCOMPARE(cache.cachedBytes(), content.size());
    // The same bytes, shared rather than copied.
    QCOMPARE(second.file.bytes.constData(), first.file.bytes.constData());
}

void TestFileCache::noticesChanges_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("atomic rename, other size") << "rename-grow";
    QTest::newRow("atomic rename, same size and mtime") << "rename-same";
    QTest::newRow("in place, same size and mtime") << "inplace-same";
    QTest::newRow("deleted") << "delete";
}

void TestFileCache::noticesChanges()
{
    QFETCH(QString, how);
    const QDateTime mtime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
    auto setMtime = [&](const QString &path) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(mtime, QFileDevice::FileModificationTime));
    };
    const QString path = write(QStringLiteral("f"), "version-1");
    setMtime(path);
    FileCache cache;
    QCOMPARE(cache.get(path).file.bytes, QByteArray("version-1"));

    QByteArray expected;
    if (how == QLatin1String("rename-grow")) {
        expected = "version-1 and more";
        write(QStringLiteral("f"), expected);
    } else if (how == QLatin1String("rename-same")) {
        expected = "version-2";
        write(QStringLiteral("f"), expected);
        setMtime(path);
    } else if (how == QLatin1String("inplace-same")) {
        expected = "version-3";
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QCOMPARE(file.write(expected), expected.size());
        file.close();
        setMtime(path); // only ctime tells this one apart
    } else {
        QVERIFY(QFile::remove(path));
    }
    const FileCache::Lookup lookup = cache.get(path);
    if (expected.isEmpty()) {
        QCOMPARE(lookup.status, FileCache::Status::NotFound);
        return;
    }
    QCOMPARE(lookup.status, FileCache::Status::Found);
    QCOMPARE(lookup.file.bytes, expected);
    QCOMPARE(lookup.file.etag, HttpValidators::strongEtag(expected));
    QCOMPARE(cache.loads(), 2u);
    QCOMPARE(cache.cachedBytes(), expected.size());
}

void TestFileCache::boundedMemory()
{
    FileCache cache(10000); // entries up to 1250 bytes are kept
    QStringList paths;
    for (int i = 0; i < 50; ++i)
        paths << write(QStringLiteral("f%1").arg(i), QByteArray(1000, char('a' + i % 26)));
    for (const QString &path : std::as_const(paths)) {
        QCOMPARE(cache.get(path).file.bytes.size(), 1000);
        QVERIFY2(cache.cachedBytes() <= 10000, QByteArray::number(cache.cachedBytes()).constData());
    }
    QVERIFY(cache.entryCount() >= 5);
    QVERIFY(cache.entryCount() <= 10);
    // The most recently used file is still there.
    const quint64 loads = cache.loads();
    cache.get(paths.last());
    QCOMPARE(cache.loads(), loads);
    // An evicted one is read again, correctly.
    const FileCache::Lookup first = cache.get(paths.first());
    QCOMPARE(first.file.bytes, QByteArray(1000, 'a'));
    QCOMPARE(cache.loads(), loads + 1);
}

void TestFileCache::bigFilesAreNotKept()
{
    FileCache cache(8000);
    const QByteArray big(1001, 'z');
    const QString path = write(QStringLiteral("big"), big);
    QCOMPARE(cache.get(path).file.bytes, big);
    QCOMPARE(cache.get(path).file.bytes, big);
    QCOMPARE(cache.entryCount(), 0);
    QCOMPARE(cache.cachedBytes(), 0);
    QCOMPARE(cache.loads(), 2u);
}

void TestFileCache::clear()
{
    FileCache cache;
    cache.get(write(QStringLiteral("a"), "aaa"));
    cache.get(write(QStringLiteral("b"), "bbbb"));
    QCOMPARE(cache.entryCount(), 2);
    QCOMPARE(cache.cachedBytes(), 7);
    cache.clear();
    QCOMPARE(cache.entryCount(), 0);
    QCOMPARE(cache.cachedBytes(), 0);
}

void TestFileCache::concurrentReaders()
{
    // Many small files, a cache that holds only some of them: loads, hits and evictions
    // race, and every lookup must still return the right bytes.
    QStringList paths;
    QList<QByteArray> contents;
    for (int i = 0; i < 64; ++i) {
        contents << QByteArray(200 + i, char('A' + i % 26));
        paths << write(QStringLiteral("c/%1").arg(i), contents.last());
    }
    FileCache cache(6000);
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                const int index = (i * 7 + t * 13) % 64;
                const FileCache::Lookup lookup = cache.get(paths[index]);
                if (lookup.file.bytes != contents[index] ||
                    lookup.file.etag != HttpValidators::strongEtag(contents[index]))
                    ++wrong;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(wrong.load(), 0);
    QVERIFY(cache.cachedBytes() <= 6000 + 8 * 263);
    QCOMPARE(cache.hits() + cache.loads(), 16000u);
}

QTEST_GUILESS_MAIN(TestFileCache)
#include "tst_filecache.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "fullmirrorqueue.h"

#include "mirrorstore.h"
#include "testregistry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

class TestFullMirrorQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void pages_data();
    void pages();
    void emptyQueue();
    void noWarningWhenItFits();
    void diskWarning_data();
    void diskWarning();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MirrorStore> m_store;
    TestRegistry m_registry;
};

void TestFullMirrorQueue::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_registry = TestRegistry();
    for (const char *name : {"alpha", "beta", "gamma", "Delta"}) {
        for (const char *version : {"1.0.0", "1.1.0", "2.0.0"})
            m_registry.addVersion(QString::fromLatin1(name), QString::fromLatin1(version));
    }
    m_store = std::make_unique<MirrorStore>(MirrorLayout(m_dir->filePath(QStringLiteral("m"))));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    QList<UpstreamIndexFile> files;
    for (const QString &name : m_registry.crateNames())
        files.append({name, m_registry.indexFile(name), {}, {}});
    QStringList errors;
    QVERIFY2(m_store->putUpstreamIndexes(files, &errors), qPrintable(errors.join(u'\n')));
    // Stored already: alpha 1.0.0. Removed upstream: gamma. In place but not recorded
    // (a killed run): beta 1.1.0. Everything else (7 versions) is to be downloaded.
    QVERIFY(m_store->putCrate(
        QStringLiteral("alpha"), QStringLiteral("1.0.0"),
        m_registry.crateFile(QStringLiteral("alpha"), QStringLiteral("1.0.0")), &error));
    QVERIFY(m_store->setRemovedUpstream({QStringLiteral("gamma")}, true, &error));
    const QString inPlace =
        m_store->layout().crateFile(QStringLiteral("beta"), QStringLiteral("1.1.0"));
    QVERIFY(QDir().mkpath(QFileInfo(inPlace).path()));
    QFile file(inPlace);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_registry.crateFile(QStringLiteral("beta"), QStringLiteral("1.1.0")));
}

void TestFullMirrorQueue::pages_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::newRow("one page") << 100;
    QTest::newRow("pages of 2") << 2;
    QTest::newRow("pages of 1") << 1;
    QTest::newRow("exact fit") << 8;
}

void TestFullMirrorQueue::pages()
{
    QFETCH(int, pageSize);
    FullMirrorQueue queue(*m_store, QStringLiteral("http://127.0.0.1:1/{crate}/{version}"),
                          pageSize);
    QCOMPARE(queue.total(), 8); // 7 to download + 1 in place
    QStringList keys;
    int adoptedTotal = 0;
    int calls = 0;
    while (!queue.atEnd()) {
        QVERIFY(++calls <= 20);
        int adopted = 0;
        const QList<CrateJob> jobs = queue.next(&adopted);
        adoptedTotal += adopted;
        QVERIFY(jobs.size() <= std::max(pageSize, 1));
        QVERIFY(!jobs.isEmpty() || queue.atEnd());
        for (const CrateJob &job : jobs) {
            keys.append(job.key());
            QCOMPARE(job.url,
                     QStringLiteral("http://127.0.0.1:1/%1/%2").arg(job.name, job.version));
            QCOMPARE(job.cksum, m_registry.checksum(job.name, job.version));
        }
    }
    keys.sort();
    QCOMPARE(keys, (QStringList{"Delta@1.0.0", "Delta@1.1.0", "Delta@2.0.0", "alpha@1.1.0",
                                "alpha@2.0.0", "beta@1.0.0", "beta@2.0.0"}));
    QCOMPARE(adoptedTotal, 1);
    QCOMPARE(m_store->version(QStringLiteral("beta"), QStringLiteral("1.1.0"))->state,
             QStringLiteral("stored"));
    // The gamma versions stay unstored and unasked.
    QCOMPARE(m_store->version(QStringLiteral("gamma"), QStringLiteral("1.0.0"))->state,
             QStringLiteral("known"));
}

void TestFullMirrorQueue::emptyQueue()
{
    QString error;
    for (const QString &name : m_registry.crateNames()) {
        for (const TestCrate *crate : m_registry.versions(name))
            m_store->putCrate(name, crate->version, m_registry.crateFile(name, crate->version),
                              &error);
    }
    FullMirrorQueue queue(*m_store, QStringLiteral("http://x/{crate}"));
    QCOMPARE(queue.total(), 0);
    QVERIFY(queue.atEnd());
    int adopted = -1;
    QVERIFY(queue.next(&adopted).isEmpty());
    QCOMPARE(adopted, 0);
    QVERIFY(queue.diskWarning().isEmpty());
}

void TestFullMirrorQueue::noWarningWhenItFits()
{
    // A few kilobytes always fit; the warning is for volumes the queue would fill.
    FullMirrorQueue queue(*m_store, QStringLiteral("http://x/{crate}"));
    QVERIFY(queue.total() > 0);
    QVERIFY(m_store->summary().versions > 0);
    QCOMPARE(queue.diskWarning(), QString());
}

void TestFullMirrorQueue::diskWarning_data()
{
    QTest::addColumn<qint64>("queued");
    QTest::addColumn<qint64>("mean");
    QTest::addColumn<qint64>("available");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fits") << qint64(1000) << qint64(100) << qint64(200000) << QString();
    QTest::newRow("exactly fits") << qint64(1000) << qint64(100) << qint64(100000) << QString();
    QTest::newRow("nothing queued") << qint64(0) << qint64(100) << qint64(0) << QString();
    QTest::newRow("unknown free space") << qint64(10) << qint64(100) << qint64(-1) << QString();
    QTest::newRow("crates.io on a small disk")
        << qint64(2000000) << qint64(125000) << qint64(50000000000)
        << "The remaining 2,000,000 versions need about 250.0 GB and the mirror's volume has "
           "50.0 GB free: the sync will stop before the disk fills. Free space or move the "
           "mirror (--mirror) to a larger volume.";
}

void TestFullMirrorQueue::diskWarning()
{
    QFETCH(qint64, queued);
    QFETCH(qint64, mean);
    QFETCH(qint64, available);
    QFETCH(QString, expected);
    QCOMPARE(FullMirrorQueue::diskWarning(queued, mean, available), expected);
}

QTEST_GUILESS_MAIN(TestFullMirrorQueue)
#include "tst_fullmirrorqueue.moc"

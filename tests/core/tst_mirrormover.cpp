// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2etools.h"
#include "mirrorlayout.h"
#include "mirrormover.h"
#include "mirrorstore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QtConcurrent>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

qint64 plenty(const QString &)
{
    return qint64(1) << 40;
}

} // namespace

class TestMirrorMover : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void movesAMirror();
    void refuses_data();
    void refuses();
    void notEnoughSpace();
    void cancelLeavesTheOldMirror();
    void failedVerifyLeavesTheOldMirror();
    void reusesAnInterruptedTarget();
    void runsInQtConcurrentWithProgress();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_source;
    QMap<QString, QByteArray> m_before;
};

void TestMirrorMover::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_source = m_dir->filePath(QStringLiteral("mirror"));
    // A real mirror (mirror.toml, state.sqlite, folders) plus files of a few sizes.
    {
        MirrorStore store{MirrorLayout(m_source)};
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
    }
    QByteArray big(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char((i * 131) % 251);
    QVERIFY(writeFile(m_source + QStringLiteral("/crates/serde/serde-1.0.0.crate"), big));
    QVERIFY(writeFile(m_source + QStringLiteral("/crates/rand/rand-0.8.5.crate"), "small"));
    QVERIFY(writeFile(m_source + QStringLiteral("/index/se/rd/serde"), "{\"name\":\"serde\"}\n"));
    QVERIFY(writeFile(m_source + QStringLiteral("/crates/empty/empty-0.1.0.crate"), ""));
    QVERIFY(writeFile(m_source + QStringLiteral("/tmp/download-123.part"), "temp"));
    m_before = fileSnapshot(m_source, {QStringLiteral("tmp/")});
    QVERIFY(m_before.contains(QStringLiteral("state.sqlite")));
}

void TestMirrorMover::movesAMirror()
{
    const QString target = m_dir->filePath(QStringLiteral("elsewhere/new-mirror"));
    MirrorMover mover(m_source, target, plenty);
    QCOMPARE(mover.check(), QString());
    QList<std::pair<qint64, qint64>> progress;
    QString error;
    QVERIFY2(mover.copy(
                 [&](qint64 done, qint64 total) {
                     progress.append({done, total});
                 },
                 {}, &error),
             qPrintable(error));
    QCOMPARE(fileSnapshot(target, {QStringLiteral("tmp/")}), m_before);
    QVERIFY(!QFile::exists(target + QLatin1Char('/') + QLatin1String(MirrorMover::MarkerName)));
    QVERIFY(QFileInfo(target + QStringLiteral("/tmp")).isDir());
    QVERIFY(!QFile::exists(target + QStringLiteral("/tmp/download-123.part")));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().first, MirrorMover::folderSize(m_source));
    QCOMPARE(progress.last().second, progress.last().first);
    QCOMPARE(fileSnapshot(m_source, {QStringLiteral("tmp/")}),
             m_before); // the old one is untouched until removed
    QVERIFY(mover.removeSource(&error));
    QVERIFY(!QFileInfo::exists(m_source));
    // The copy is a working mirror.
    MirrorStore moved{MirrorLayout(target)};
    QVERIFY2(moved.open(&error), qPrintable(error));
    QCOMPARE(moved.config().listen(), QStringLiteral("127.0.0.1:27428"));
}

void TestMirrorMover::refuses_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("message");
    QTest::newRow("the mirror itself") << "mirror"
                                       << "inside the mirror folder";
    QTest::newRow("inside the mirror") << "mirror/crates/new"
                                       << "inside the mirror folder";
    QTest::newRow("around the mirror") << "."
                                       << "inside the mirror folder";
    QTest::newRow("not empty") << "full"
                               << "is not empty";
    QTest::newRow("a file") << "file.txt"
                            << "is a file";
}

void TestMirrorMover::refuses()
{
    QFETCH(QString, target);
    QFETCH(QString, message);
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("full/something")), "x"));
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("file.txt")), "x"));
    QVERIFY(QFile::link(m_source, m_dir->filePath(QStringLiteral("link-to-mirror"))));
    const QString targetPath = QDir::cleanPath(m_dir->filePath(target));
    const auto before = fileSnapshot(m_dir->path(), {QStringLiteral("tmp/")});
    MirrorMover mover(m_source, targetPath, plenty);
    QVERIFY2(mover.check().contains(message), qPrintable(mover.check()));
    QCOMPARE(mover.checkTarget(), mover.check());
    QString error;
    QVERIFY(!mover.copy({}, {}, &error));
    QCOMPARE(error, mover.check());
    QCOMPARE(fileSnapshot(m_dir->path(), {QStringLiteral("tmp/")}), before);
}

void TestMirrorMover::notEnoughSpace()
{
    const QString target = m_dir->filePath(QStringLiteral("small-disk/mirror"));
    QString askedFor;
    MirrorMover mover(m_source, target, [&](const QString &path) {
        askedFor = path;
        return MirrorMover::folderSize(m_source); // the mirror fits, the spare room does not
    });
    const QString problem = mover.check();
    QVERIFY2(problem.contains(QLatin1String("Not enough free space")), qPrintable(problem));
    QVERIFY2(problem.contains(QLatin1String("another volume")), qPrintable(problem));
    QCOMPARE(mover.checkTarget(), QString()); // only the full check sizes the mirror
    QCOMPARE(askedFor, m_dir->path());        // the nearest folder that exists
    QString error;
    QVERIFY(!mover.copy({}, {}, &error));
    QVERIFY(!QFileInfo::exists(target));
}

void TestMirrorMover::cancelLeavesTheOldMirror()
{
    const QString target = m_dir->filePath(QStringLiteral("new"));
    QVERIFY(QDir().mkpath(target));
    MirrorMover mover(m_source, target, plenty);
    int calls = 0;
    QString error;
    QVERIFY(!mover.copy(
        {}, [&] { return ++calls > 3; }, &error));
    QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
    QCOMPARE(fileSnapshot(m_source, {QStringLiteral("tmp/")}), m_before);
    QVERIFY(QDir(target).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
}

void TestMirrorMover::failedVerifyLeavesTheOldMirror()
{
    // The copy is damaged between writing and reading back (here: by the progress hook,
    // as a failing disk would): verify catches it, the old mirror stays, the target is emptied.
    const QString target = m_dir->filePath(QStringLiteral("new"));
    MirrorMover mover(m_source, target, plenty);
    bool damaged = false;
    const auto progress = [&](qint64 done, qint64 total) {
        if (done != total || damaged)
            return;
        // Two files, so at least one is not the file still being written.
        for (const QString &relative : {QStringLiteral("crates/rand/rand-0.8.5.crate"),
                                        QStringLiteral("index/se/rd/serde")}) {
            QFile file(target + QLatin1Char('/') + relative);
            damaged = file.open(QIODevice::WriteOnly | QIODevice::Append) && file.write("!") == 1;
        }
    };
    QString error;
    QVERIFY(!mover.copy(progress, {}, &error));
    QVERIFY(damaged);
    QVERIFY2(error.contains(QLatin1String("differs from the original")), qPrintable(error));
    QCOMPARE(fileSnapshot(m_source, {QStringLiteral("tmp/")}), m_before);
    QVERIFY(QDir(target).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
}

void TestMirrorMover::reusesAnInterruptedTarget()
{
    // A crash mid-copy leaves the marker and part of the files: the next move clears them.
    const QString target = m_dir->filePath(QStringLiteral("new"));
    QVERIFY(writeFile(target + QLatin1Char('/') + QLatin1String(MirrorMover::MarkerName), ""));
    QVERIFY(writeFile(target + QStringLiteral("/crates/half-written.crate"), "half"));
    MirrorMover mover(m_source, target, plenty);
    QCOMPARE(mover.check(), QString());
    QString error;
    QVERIFY2(mover.copy({}, {}, &error), qPrintable(error));
    QCOMPARE(fileSnapshot(target, {QStringLiteral("tmp/")}), m_before);
}

void TestMirrorMover::runsInQtConcurrentWithProgress()
{
    const QString target = m_dir->filePath(QStringLiteral("new"));
    auto mover = std::make_shared<MirrorMover>(m_source, target, plenty);
    QFutureWatcher<QString> watcher;
    QSignalSpy progress(&watcher, &QFutureWatcherBase::progressValueChanged);
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(QtConcurrent::run([mover](QPromise<QString> &promise) {
        promise.setProgressRange(0, 1000);
        QString error;
        const bool ok = mover->copy(
            [&](qint64 done, qint64 total) {
                promise.setProgressValue(int(total ? done * 1000 / total : 1000));
            },
            [&] { return promise.isCanceled(); }, &error);
        promise.addResult(ok ? QString() : error);
    }));
    QVERIFY(finished.wait(30000));
    QCOMPARE(watcher.result(), QString());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), 1000);
    QCOMPARE(fileSnapshot(target, {QStringLiteral("tmp/")}), m_before);
}

QTEST_GUILESS_MAIN(TestMirrorMover)
#include "tst_mirrormover.moc"

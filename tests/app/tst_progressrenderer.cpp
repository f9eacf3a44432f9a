// SPDX-License-Identifier: GPL-3.0-or-later
#include "progressrenderer.h"

#include <QTest>

using namespace Stowaway;

class TestProgressRenderer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void line_data();
    void line();
    void eta_data();
    void eta();
    void interactiveRedrawsInPlace();
    void plainOutputIsThrottled();
};

void TestProgressRenderer::line_data()
{
    QTest::addColumn<SyncProgress>("progress");
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("expected");
    SyncProgress resolving;
    resolving.phase = SyncProgress::Phase::Resolving;
    resolving.indexFilesDone = 312;
    resolving.indexFilesTotal = 1200;
    resolving.currentItem = QStringLiteral("tokio");
    QTest::newRow("resolving") << resolving << 80 << "resolving   312/1,200 index files  tokio";
    SyncProgress downloading;
    downloading.phase = SyncProgress::Phase::Downloading;
    downloading.filesDone = 1204;
    downloading.filesTotal = 2000;
    downloading.bytesDone = 45200000;
    downloading.bytesTotal = 120000000;
    downloading.bytesPerSecond = 3100000;
    downloading.etaSeconds = 24;
    downloading.currentItem = QStringLiteral("serde 1.0.195");
    QTest::newRow("downloading")
        << downloading << 120
        << "downloading [#########---------------] 1,204/2,000 crates  45.2 MB/120.0 MB  "
           "3.1 MB/s  ETA 0:24  serde 1.0.195";
    SyncProgress failures = downloading;
    failures.filesFailed = 3;
    failures.bytesTotal = -1;
    failures.etaSeconds = -1;
    failures.bytesPerSecond = 0;
    failures.currentItem.clear();
    QTest::newRow("failures, unknown total")
        << failures << 80
        << "downloading [##########------] 1,204/2,000 crates (3 failed)  45.2 MB";
    SyncProgress fetching;
    fetching.indexObjectsDone = 100000;
    fetching.indexObjectsTotal = 400000;
    fetching.indexBytesReceived = 52000000;
    QTest::newRow("fetching a git index")
        << fetching << 80 << "fetching    [####------------] 100,000/400,000 git objects  52.0 MB";
    QTest::newRow("narrow terminal truncates")
        << downloading << 50
        << QStringLiteral("downloading [###-----] 1,204/2,000 crates  45.2 M") + QChar(0x2026);
}

void TestProgressRenderer::line()
{
    QFETCH(SyncProgress, progress);
    QFETCH(int, width);
    QFETCH(QString, expected);
    const QString text = ProgressRenderer::line(progress, width);
    QCOMPARE(text, expected);
    QVERIFY(text.size() <= width);
}

void TestProgressRenderer::eta_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown") << qint64(-1) << "?";
    QTest::newRow("seconds") << qint64(7) << "0:07";
    QTest::newRow("minutes") << qint64(754) << "12:34";
    QTest::newRow("hours") << qint64(3 * 3600 + 5 * 60 + 9) << "3:05:09";
}

void TestProgressRenderer::eta()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    QCOMPARE(ProgressRenderer::formatEta(seconds), expected);
}

void TestProgressRenderer::interactiveRedrawsInPlace()
{
    QString out;
    QTextStream stream(&out);
    ProgressRenderer renderer(stream, true, 80);
    SyncProgress p;
    p.phase = SyncProgress::Phase::Resolving;
    p.indexFilesTotal = 10;
    p.currentItem = QStringLiteral("a-long-crate-name");
    renderer.update(p);
    p.currentItem = QStringLiteral("b");
    renderer.update(p);
    renderer.finish();
    const QStringList draws = out.split(QLatin1Char('\r'), Qt::SkipEmptyParts);
    QCOMPARE(draws.size(), 2);
    // The shorter second line blanks out what is left of the first.
    QCOMPARE(draws.at(1).size(), draws.at(0).size() + 1); // + the final newline
    QVERIFY(out.endsWith(QLatin1Char('\n')));
}

void TestProgressRenderer::plainOutputIsThrottled()
{
    QString out;
    QTextStream stream(&out);
    ProgressRenderer renderer(stream, false, 80, 60000);
    SyncProgress p;
    p.phase = SyncProgress::Phase::Resolving;
    for (int i = 0; i < 100; ++i) {
        p.indexFilesDone = i;
        renderer.update(p);
    }
    p.phase = SyncProgress::Phase::Downloading;
    p.filesTotal = 5;
    renderer.update(p);
    renderer.update(p);
    QCOMPARE(out.count(QLatin1Char('\n')), 2); // one line per phase, no carriage returns
    QVERIFY(!out.contains(QLatin1Char('\r')));
}

QTEST_GUILESS_MAIN(TestProgressRenderer)
#include "tst_progressrenderer.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "treemaplayout.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace Stowaway;

class TestTreemapLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void geometry_data();
    void geometry();
    void equalValuesAreNearSquares_data();
    void equalValuesAreNearSquares();
    void paperExample();
    void degenerateInput();
};

namespace {
constexpr qreal eps = 1e-6;

QList<qreal> randomValues(int count, quint32 seed, qreal spread)
{
    QRandomGenerator random(seed);
    QList<qreal> values;
    for (int i = 0; i < count; ++i)
        values.append(1.0 + random.generateDouble() * (spread - 1.0));
    return values;
}

/// Crate sizes look like this: a few large, a long tail (Zipf-like).
QList<qreal> zipf(int count)
{
    QList<qreal> values;
    for (int i = 1; i <= count; ++i)
        values.append(1e9 / i);
    return values;
}
} // namespace

void TestTreemapLayout::geometry_data()
{
    QTest::addColumn<QList<qreal>>("values");
    QTest::addColumn<QRectF>("bounds");
    QTest::addColumn<qreal>("maxWorstAspect"); // bound on the worst rectangle's aspect ratio
    QTest::newRow("one") << QList<qreal>{5} << QRectF(0, 0, 300, 200) << 1.6;
    QTest::newRow("two equal, wide") << QList<qreal>{1, 1} << QRectF(0, 0, 400, 100) << 2.1;
    QTest::newRow("unsorted input")
        << QList<qreal>{1, 9, 3, 7, 5} << QRectF(10, 20, 200, 150) << 4.0;
    QTest::newRow("random 50, spread 10, square")
        << randomValues(50, 7, 10) << QRectF(0, 0, 500, 500) << 4.0;
    QTest::newRow("random 200, spread 3, wide")
        << randomValues(200, 11, 3) << QRectF(0, 0, 900, 300) << 4.0;
    QTest::newRow("zipf 31 (crate sizes)") << zipf(31) << QRectF(0, 0, 640, 400) << 6.0;
    QTest::newRow("zero and negative skipped")
        << QList<qreal>{4, 0, 2, -3, 2} << QRectF(0, 0, 100, 100) << 2.1;
}

void TestTreemapLayout::geometry()
{
    QFETCH(QList<qreal>, values);
    QFETCH(QRectF, bounds);
    QFETCH(qreal, maxWorstAspect);
    const QList<QRectF> rects = TreemapLayout::squarify(values, bounds);
    QCOMPARE(rects.size(), values.size());
    qreal total = 0;
    for (qreal v : values)
        total += v > 0 ? v : 0;
    const qreal area = bounds.width() * bounds.height();
    qreal covered = 0;
    qreal worst = 0;
    for (qsizetype i = 0; i < rects.size(); ++i) {
        const QRectF &r = rects.at(i);
        if (values.at(i) <= 0) {
            QVERIFY(r.isEmpty());
            continue;
        }
        // Area proportional to the value.
        const qreal expected = values.at(i) / total * area;
        QVERIFY2(std::abs(r.width() * r.height() - expected) <= 1e-6 * area,
                 qPrintable(QStringLiteral("item %1: area %2, expected %3")
                                .arg(i)
                                .arg(r.width() * r.height())
                                .arg(expected)));
        // Inside the bounds.
        QVERIFY(r.left() >= bounds.left() - eps && r.top() >= bounds.top() - eps);
        QVERIFY(r.right() <= bounds.right() + eps && r.bottom() <= bounds.bottom() + eps);
        covered += r.width() * r.height();
        worst = std::max(worst, TreemapLayout::aspectRatio(r));
        // No overlaps.
        for (qsizetype j = i + 1; j < rects.size(); ++j) {
            const QRectF overlap = r.intersected(rects.at(j));
            QVERIFY2(overlap.width() * overlap.height() <= 1e-6 * area,
                     qPrintable(QStringLiteral("items %1 and %2 overlap").arg(i).arg(j)));
        }
    }
    // Together they tile the bounds.
    QVERIFY(std::abs(covered - area) <= 1e-6 * area);
    qInfo("%lld rectangles, worst aspect ratio %.2f", qlonglong(rects.size()), worst);
    QVERIFY2(worst <= maxWorstAspect, qPrintable(QString::number(worst)));
}

void TestTreemapLayout::equalValuesAreNearSquares_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("4") << 4;
    QTest::newRow("9") << 9;
    QTest::newRow("16") << 16;
    QTest::newRow("100") << 100;
}

void TestTreemapLayout::equalValuesAreNearSquares()
{
    QFETCH(int, count);
    const QList<qreal> values(count, 1.0);
    const QList<QRectF> rects = TreemapLayout::squarify(values, QRectF(0, 0, 600, 600));
    qreal sum = 0;
    for (const QRectF &r : rects) {
        QVERIFY(TreemapLayout::aspectRatio(r) <= 2.0);
        sum += TreemapLayout::aspectRatio(r);
    }
    // Near squares on average; a slice-and-dice layout would give `count` on average.
    QVERIFY2(sum / count <= 1.5, qPrintable(QString::number(sum / count)));
}

void TestTreemapLayout::paperExample()
{
    // The classic example: 6,6,4,3,2,2,1 in a 6 × 4 rectangle. The first row is the two 6s
    // down the short side (each 3 × 2), and no rectangle is worse than 3:1 (a slice layout
    // of the same values gives 24:1 for the 1).
    const QList<qreal> values{6, 6, 4, 3, 2, 2, 1};
    const QList<QRectF> rects = TreemapLayout::squarify(values, QRectF(0, 0, 6, 4));
    QCOMPARE(rects.at(0), QRectF(0, 0, 3, 2));
    QCOMPARE(rects.at(1), QRectF(0, 2, 3, 2));
    for (const QRectF &r : rects)
        QVERIFY2(TreemapLayout::aspectRatio(r) <= 3.0,
                 qPrintable(QString::number(TreemapLayout::aspectRatio(r))));
}

void TestTreemapLayout::degenerateInput()
{
    QVERIFY(TreemapLayout::squarify({}, QRectF(0, 0, 10, 10)).isEmpty());
    const QList<QRectF> none = TreemapLayout::squarify({0, -1, qQNaN()}, QRectF(0, 0, 10, 10));
    QCOMPARE(none.size(), 3);
    for (const QRectF &r : none)
        QVERIFY(r.isEmpty());
    const QList<QRectF> flat = TreemapLayout::squarify({1, 2}, QRectF(0, 0, 0, 10));
    QCOMPARE(flat.size(), 2);
    QVERIFY(flat.at(0).isEmpty() && flat.at(1).isEmpty());
    QVERIFY(std::isinf(TreemapLayout::aspectRatio(QRectF())));
}

QTEST_GUILESS_MAIN(TestTreemapLayout)
#include "tst_treemaplayout.moc"

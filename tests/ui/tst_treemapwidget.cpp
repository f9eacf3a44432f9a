// SPDX-License-Identifier: GPL-3.0-or-later
#include "treemapwidget.h"

#include <QApplication>
#include <QFontMetrics>
#include <QTest>

using namespace Stowaway;

class TestTreemapWidget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void labelLines_data();
    void labelLines();
    void tilesKeepTheirText();
};

void TestTreemapWidget::labelLines_data()
{
    const QFontMetrics metrics(QApplication::font());
    const qreal line = metrics.height();
    const qreal wide = metrics.horizontalAdvance(QStringLiteral("serde_json_and_more")) + 40;
    QTest::addColumn<QSizeF>("tile");
    QTest::addColumn<int>("lines");
    QTest::addColumn<bool>("elided");
    QTest::newRow("roomy: label and size") << QSizeF(wide, 3 * line) << 2 << false;
    QTest::newRow("one line high: label only") << QSizeF(wide, line + 5) << 1 << false;
    QTest::newRow("narrow: elided, not cut")
        << QSizeF(metrics.averageCharWidth() * 6 + 8, 3 * line) << 2 << true;
    QTest::newRow("lower than a line: nothing") << QSizeF(wide, line - 1) << 0 << false;
    QTest::newRow("a sliver: nothing")
        << QSizeF(metrics.averageCharWidth() * 2, 3 * line) << 0 << false;
}

void TestTreemapWidget::labelLines()
{
    QFETCH(QSizeF, tile);
    QFETCH(int, lines);
    QFETCH(bool, elided);
    const QFontMetrics metrics(QApplication::font());
    TreemapWidget::Item item;
    item.label = QStringLiteral("serde_json_and_more");
    item.value = 1;
    item.detail = QStringLiteral("123.4 MB");
    const QStringList drawn = TreemapWidget::labelLines(item, tile, metrics);
    QCOMPARE(drawn.size(), lines);
    for (const QString &text : drawn) {
        // Every line fits inside the tile's margins: no glyph is drawn past the edge.
        QVERIFY2(metrics.horizontalAdvance(text) <= tile.width() - 8, qPrintable(text));
    }
    if (lines > 0)
        QCOMPARE(drawn.first().endsWith(QChar(0x2026)), elided);
}

void TestTreemapWidget::tilesKeepTheirText()
{
    // A real widget: small tiles among big ones get no label, and painting them is fine.
    TreemapWidget widget;
    QList<TreemapWidget::Item> items;
    for (int i = 0; i < 60; ++i)
        items.append({QStringLiteral("crate-with-a-long-name-%1").arg(i), qint64(1000000 / (i + 1)),
                      QStringLiteral("%1 kB").arg(i), QString(), false});
    widget.resize(400, 240);
    widget.setItems(items);
    const QFontMetrics metrics(widget.font());
    int labelled = 0;
    int blank = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QSizeF tile = widget.itemRects().at(i).size();
        const QStringList lines = TreemapWidget::labelLines(items.at(i), tile, metrics);
        (lines.isEmpty() ? blank : labelled) += 1;
        for (const QString &text : lines)
            QVERIFY(metrics.horizontalAdvance(text) <= tile.width());
    }
    QVERIFY(labelled > 0);
    QVERIFY(blank > 0);
    QVERIFY(!widget.grab().isNull());
}

QTEST_MAIN(TestTreemapWidget)
#include "tst_treemapwidget.moc"

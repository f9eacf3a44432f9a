// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorsummarywidget.h"

#include <QApplication>
#include <QLabel>
#include <QTest>

using namespace Stowaway;

class TestMirrorSummaryWidget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void showsSummary();
    void ageText_data();
    void ageText();
};

void TestMirrorSummaryWidget::showsSummary()
{
    MirrorSummaryWidget widget;
    const QDateTime now(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC);
    MirrorSummary summary;
    summary.crates = 1204;
    summary.versions = 5310;
    summary.bytes = 3100000000;
    summary.upstream = QStringLiteral("sparse+https://index.crates.io/");
    summary.lastSync = now.addSecs(-3 * 3600);
    widget.setSummary(summary, now);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    auto text = [&](const char *name) {
        return widget.findChild<QLabel *>(QLatin1String(name))->text();
    };
    QCOMPARE(text("crates"), QStringLiteral("1,204"));
    QCOMPARE(text("versions"), QStringLiteral("5,310"));
    QCOMPARE(text("size"), QStringLiteral("3.1 GB"));
    QCOMPARE(text("upstream"), QStringLiteral("sparse+https://index.crates.io/"));
    QCOMPARE(text("lastSync"), QStringLiteral("3 hour(s) ago"));

    widget.setSummary({}, now);
    QCOMPARE(text("crates"), QStringLiteral("0"));
    QCOMPARE(text("lastSync"), QStringLiteral("never"));
    QCOMPARE(text("upstream"), QStringLiteral("not set"));
}

void TestMirrorSummaryWidget::ageText_data()
{
    QTest::addColumn<qint64>("secondsAgo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seconds") << qint64(30) << "just now";
    QTest::newRow("minutes") << qint64(5 * 60 + 10) << "5 minute(s) ago";
    QTest::newRow("hours") << qint64(2 * 3600) << "2 hour(s) ago";
    QTest::newRow("days") << qint64(3 * 86400 + 5) << "3 day(s) ago";
}

void TestMirrorSummaryWidget::ageText()
{
    QFETCH(qint64, secondsAgo);
    QFETCH(QString, expected);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(MirrorSummaryWidget::ageText(now.addSecs(-secondsAgo), now), expected);
    QCOMPARE(MirrorSummaryWidget::ageText(QDateTime(), now), QStringLiteral("never"));
}

QTEST_MAIN(TestMirrorSummaryWidget)
#include "tst_mirrorsummarywidget.moc"

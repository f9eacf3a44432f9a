// SPDX-License-Identifier: GPL-3.0-or-later
#include "appicons.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QTest>

using namespace Stowaway;
using State = AppIcons::TrayState;

Q_DECLARE_METATYPE(Stowaway::AppIcons::TrayState)

namespace {
QImage imageOf(const QIcon &icon, int size)
{
    return icon.pixmap(QSize(size, size)).toImage().convertToFormat(QImage::Format_ARGB32);
}

bool isGreen(QRgb pixel)
{
    return qAlpha(pixel) > 200 && qGreen(pixel) > qBlue(pixel) + 40 &&
           qGreen(pixel) > qRed(pixel) + 40;
}
} // namespace

class TestAppIcons : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void svgSourcesAreCompiledIn();
    void appIconHasEverySize();
    void trayIcon_data();
    void trayIcon();
    void statesLookDifferent();
    void syncingProgress_data();
    void syncingProgress();
};

void TestAppIcons::svgSourcesAreCompiledIn()
{
    const QStringList names{"stowaway",          "tray-idle",           "tray-syncing",
                            "tray-error",        "tray-stopped",        "tray-idle-active",
                            "tray-error-active", "tray-stopped-active", "tray-syncing-active",
                            "badge-cargo"};
    for (const QString &name : names) {
        QFile svg(":/icons/" + name + ".svg");
        QVERIFY2(svg.open(QIODevice::ReadOnly), qPrintable(name));
        QVERIFY2(svg.readAll().contains("<svg"), qPrintable(name));
    }
}

void TestAppIcons::appIconHasEverySize()
{
    const QIcon icon = AppIcons::appIcon();
    QVERIFY(!icon.isNull());
    const QList<QSize> sizes = icon.availableSizes();
    for (const int size : {16, 22, 32, 48, 64, 128, 256}) {
        QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(QString::number(size)));
        const QImage image = imageOf(icon, size);
        QCOMPARE(image.size(), QSize(size, size));
        // The crate fills the middle; the corners stay transparent.
        QVERIFY(qAlpha(image.pixel(size / 2, size * 3 / 4)) == 255);
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
    }
}

void TestAppIcons::trayIcon_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<bool>("cargo");
    QTest::addColumn<QString>("name");
    QTest::newRow("idle") << State::Idle << false << "tray-idle";
    QTest::newRow("syncing") << State::Syncing << false << "tray-syncing";
    QTest::newRow("error") << State::Error << false << "tray-error";
    QTest::newRow("stopped") << State::Stopped << false << "tray-stopped";
    QTest::newRow("idle, cargo") << State::Idle << true << "tray-idle-active";
    QTest::newRow("syncing, cargo") << State::Syncing << true << "tray-syncing-active";
    QTest::newRow("error, cargo") << State::Error << true << "tray-error-active";
    QTest::newRow("stopped, cargo") << State::Stopped << true << "tray-stopped-active";
}

void TestAppIcons::trayIcon()
{
    QFETCH(State, state);
    QFETCH(bool, cargo);
    QFETCH(QString, name);
    QCOMPARE(AppIcons::trayIconName(state, cargo), name);
    const QIcon icon = AppIcons::trayIcon(state, cargo);
    for (const int size : {16, 22, 32, 48}) {
        QVERIFY2(icon.availableSizes().contains(QSize(size, size)),
                 qPrintable(QString::number(size)));
        const QImage image = imageOf(icon, size);
        QCOMPARE(image.size(), QSize(size, size));
        // The green "cargo points here" dot sits at (12.5, 3.5) on the 16 px grid.
        const QRgb dot = image.pixel(size * 25 / 32, size * 7 / 32);
        QCOMPARE(isGreen(dot), cargo);
        // The badge alone is that same dot on a transparent ground.
        const QImage badge = imageOf(AppIcons::cargoBadge(), size);
        QVERIFY(isGreen(badge.pixel(size * 25 / 32, size * 7 / 32)));
        QCOMPARE(qAlpha(badge.pixel(size / 4, size * 3 / 4)), 0);
    }
}

void TestAppIcons::statesLookDifferent()
{
    const QList<State> states{State::Idle, State::Syncing, State::Error, State::Stopped};
    for (const int size : {16, 22}) {
        QList<QImage> images;
        for (const State state : states) {
            for (const bool cargo : {false, true}) {
                const QImage image = imageOf(AppIcons::trayIcon(state, cargo), size);
                QVERIFY(!images.contains(image));
                images.append(image);
            }
        }
    }
}

void TestAppIcons::syncingProgress_data()
{
    QTest::addColumn<double>("fraction");
    QTest::addColumn<bool>("cargo");
    QTest::addColumn<double>("expectedFilled"); // the clamped fraction
    QTest::newRow("none") << 0.0 << false << 0.0;
    QTest::newRow("a quarter") << 0.25 << false << 0.25;
    QTest::newRow("half, cargo") << 0.5 << true << 0.5;
    QTest::newRow("most") << 0.8 << false << 0.8;
    QTest::newRow("all, cargo") << 1.0 << true << 1.0;
    QTest::newRow("below zero") << -3.0 << false << 0.0;
    QTest::newRow("above one") << 7.5 << false << 1.0;
}

void TestAppIcons::syncingProgress()
{
    QFETCH(double, fraction);
    QFETCH(bool, cargo);
    QFETCH(double, expectedFilled);
    const QIcon icon = AppIcons::syncingTrayIcon(fraction, cargo);
    for (const int size : {16, 22, 32, 48}) {
        QVERIFY(icon.availableSizes().contains(QSize(size, size)));
        const QImage image = imageOf(icon, size);
        QCOMPARE(image.size(), QSize(size, size));
        // Walk the middle row of the bar's inside and measure how much of it is blue.
        const int y = size * 13 / 16;
        const int left = size * 2 / 16;
        const int right = size * 14 / 16; // exclusive
        int blue = 0;
        for (int x = left; x < right; ++x) {
            const QRgb pixel = image.pixel(x, y);
            if (qBlue(pixel) > 150 && qRed(pixel) < 100)
                ++blue;
        }
        const double measured = double(blue) / (right - left);
        QVERIFY2(qAbs(measured - expectedFilled) <= 1.0 / (right - left) + 1e-9,
                 qPrintable(QStringLiteral("size %1: %2 of the bar is filled, expected %3")
                                .arg(size)
                                .arg(measured)
                                .arg(expectedFilled)));
        // The badge stays visible above the bar.
        QCOMPARE(isGreen(image.pixel(size * 25 / 32, size * 7 / 32)), cargo);
    }
    // A different fraction draws a different icon.
    if (expectedFilled < 1.0)
        QVERIFY(imageOf(icon, 22) != imageOf(AppIcons::syncingTrayIcon(1.0, cargo), 22));
}

QTEST_MAIN(TestAppIcons)
#include "tst_appicons.moc"

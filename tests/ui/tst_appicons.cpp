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

QTEST_MAIN(TestAppIcons)
#include "tst_appicons.moc"

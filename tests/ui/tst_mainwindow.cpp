// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pagesAreAddedWithOneCall();
    void remembersGeometryAndPage();
    void closingHidesWhenThereIsATray();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("stowaway-tests"));
    QSettings().clear();
}

void TestMainWindow::pagesAreAddedWithOneCall()
{
    MainWindow window;
    QCOMPARE(window.pageCount(), 0);
    auto *first = new QLabel(QStringLiteral("one"));
    auto *second = new QLabel(QStringLiteral("two"));
    QCOMPARE(window.addPage(first, {}, QStringLiteral("Overview")), 0);
    QCOMPARE(window.addPage(second, {}, QStringLiteral("Crates")), 1);
    QCOMPARE(window.pageCount(), 2);
    QCOMPARE(window.page(1), second);
    QCOMPARE(second->window(), &window); // owned by the window now
    QCOMPARE(window.currentPage(), 0);
    auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("sidebar"));
    QVERIFY(sidebar);
    QCOMPARE(sidebar->count(), 2);
    QCOMPARE(sidebar->item(1)->text(), QStringLiteral("Crates"));
    sidebar->setCurrentRow(1);
    QCOMPARE(window.findChild<QStackedWidget *>(QStringLiteral("pages"))->currentWidget(), second);
}

void TestMainWindow::remembersGeometryAndPage()
{
    {
        MainWindow window;
        window.addPage(new QLabel, {}, QStringLiteral("a"));
        window.addPage(new QLabel, {}, QStringLiteral("b"));
        window.show();
        window.resize(777, 555);
        window.setCurrentPage(1);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.close();
    }
    MainWindow again;
    again.addPage(new QLabel, {}, QStringLiteral("a"));
    again.addPage(new QLabel, {}, QStringLiteral("b"));
    again.restoreSettings();
    QCOMPARE(again.size(), QSize(777, 555));
    QCOMPARE(again.currentPage(), 1);
}

void TestMainWindow::closingHidesWhenThereIsATray()
{
    MainWindow window;
    window.addPage(new QLabel, {}, QStringLiteral("a"));
    window.setHideOnClose(true);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.close()); // the close is refused: the window only hides
    QVERIFY(window.isHidden());
    window.raiseWindow();
    QVERIFY(window.isVisible());
    window.setHideOnClose(false);
    QVERIFY(window.close());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QSettings>
#include <QStackedWidget>

namespace Stowaway {

namespace {
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString PageKey = QStringLiteral("window/page");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_sidebar(new QListWidget(this)), m_stack(new QStackedWidget(this))
{
    setWindowTitle(tr("Stowaway"));
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_stack->setObjectName(QStringLiteral("pages"));
    m_sidebar->setIconSize(QSize(24, 24));
    m_sidebar->setFixedWidth(180);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    resize(900, 640);
}

MainWindow::~MainWindow() = default;

int MainWindow::addPage(QWidget *page, const QIcon &icon, const QString &title)
{
    const int index = m_stack->addWidget(page);
    m_sidebar->addItem(new QListWidgetItem(icon, title));
    if (m_sidebar->currentRow() < 0)
        m_sidebar->setCurrentRow(0);
    return index;
}

int MainWindow::pageCount() const
{
    return m_stack->count();
}

QWidget *MainWindow::page(int index) const
{
    return m_stack->widget(index);
}

int MainWindow::currentPage() const
{
    return m_stack->currentIndex();
}

void MainWindow::setCurrentPage(int index)
{
    m_sidebar->setCurrentRow(index);
}

void MainWindow::raiseWindow()
{
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    show();
    raise();
    activateWindow();
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    restoreState(settings.value(StateKey).toByteArray());
    const int page = settings.value(PageKey, 0).toInt();
    if (page >= 0 && page < pageCount())
        setCurrentPage(page);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(PageKey, currentPage());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    if (m_hideOnClose) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace Stowaway

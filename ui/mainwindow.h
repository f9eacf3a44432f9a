// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace Stowaway {

/**
 * The window: a sidebar listing the pages and a stack showing the chosen one. Pages are
 * built elsewhere and handed over with addPage() (the window takes ownership). Remembers
 * its geometry and page in QSettings. With setHideOnClose(true) (when there is a tray),
 * closing the window only hides it and the app keeps running. GUI thread only.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Appends `page` to the sidebar and the stack; returns its index.
    int addPage(QWidget *page, const QIcon &icon, const QString &title);
    int pageCount() const;
    QWidget *page(int index) const;
    int currentPage() const;
    void setCurrentPage(int index);

    void setHideOnClose(bool hide) { m_hideOnClose = hide; }
    bool hidesOnClose() const { return m_hideOnClose; }

    /// Shows the window, un-minimises it and brings it to the front.
    void raiseWindow();
    /// Restores the geometry saved by an earlier run (call before show()).
    void restoreSettings();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void saveSettings() const;

    QListWidget *m_sidebar;
    QStackedWidget *m_stack;
    bool m_hideOnClose = false;
};

} // namespace Stowaway

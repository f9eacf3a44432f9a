// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "craterow.h"
#include "cratesmodel.h"
#include "missjournal.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMimeData;
class QSpinBox;
class QTableView;

namespace Stowaway {

class CratesFilterModel;
class MirrorStore;
class MissedCratesPanel;

/**
 * The Crates page: every crate the index knows in a filterable, sortable table (CratesModel
 * behind CratesFilterModel), the crates cargo asked for that the mirror lacked
 * (MissedCratesPanel), and the ways to change the saved selection — the one `stowaway sync`
 * without flags brings up to date: the Selected checkbox, Cargo.lock import (file dialog or
 * drag and drop) and "Add" on a missed crate. Each change is written to `store` at once and
 * announced with selectionChanged(); a sync is the application's business. "Add the popular
 * N" needs the upstream's API, so it is only asked for (popularRequested()).
 *
 * The crate list is read on a worker (MirrorReader through QtConcurrent::run) when the page
 * is built and on reload(); loaded() follows each read. Messages (an import that failed, a
 * crate that stays because another needs it) appear in a line above the table; nothing
 * modal. `store` belongs to the GUI thread and must outlive the page.
 */
class CratesPage final : public QWidget
{
    Q_OBJECT
public:
    explicit CratesPage(MirrorStore &store, QWidget *parent = nullptr);
    ~CratesPage() override;

    CratesModel *model() const { return m_model; }
    CratesFilterModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }
    MissedCratesPanel *missedPanel() const { return m_missed; }
    bool isLoading() const { return m_loading; }
    /// The text of the message line (empty when hidden).
    QString message() const;

    /// Adds every crates.io package of each Cargo.lock to the saved selection, pinned to its
    /// version (as `sync --lockfile`). A file that is not a lockfile gets a message saying
    /// so and what to pick instead; the others are still imported. Returns the number of
    /// selection entries written.
    int importLockFiles(const QStringList &paths);
    /// Selects (reason "named", any version) or unselects a crate in the saved selection.
    bool setCrateSelected(const QString &name, bool selected);

public Q_SLOTS:
    /// Reads the crate list and the miss journal again, off the GUI thread.
    void reload();
    /// Opens the (non-modal) file dialog for Cargo.lock files.
    void chooseLockFiles();
    /// Shows one crate: the filter becomes its name (e.g. from DiskUsagePage::crateActivated).
    void showCrate(const QString &name);

Q_SIGNALS:
    /// The saved selection changed: a sync would now fetch something else.
    void selectionChanged();
    /// The user asked to add the `n` most downloaded crates (needs a sync with --popular).
    void popularRequested(int n);
    /// A reload finished and the table shows its result.
    void loaded();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    /// What the worker hands back: rows already built, so the GUI thread only swaps them in.
    struct Loaded
    {
        CratesModel::Prepared rows;
        QList<MissJournal::Crate> misses;
        QString error;
    };
    enum class Tone { Info, Error };
    void onLoaded();
    void showMessage(const QString &text, Tone tone);
    void updateCount();
    /// The row of `name` once selected for `reason` (the strongest reason shows).
    CrateRow addedRow(const QString &name, CrateRow::Reason reason, const QString &detail) const;
    /// Puts rows from addedRow() in the table and the missed-crates panel.
    void applyAdded(const QList<CrateRow> &rows);
    static QStringList localFiles(const QMimeData *mime);

    MirrorStore &m_store;
    CratesModel *m_model;
    CratesFilterModel *m_filter;
    QTableView *m_view;
    QLineEdit *m_filterEdit;
    QComboBox *m_show;
    QLabel *m_count;
    QLabel *m_message;
    QSpinBox *m_popularCount;
    MissedCratesPanel *m_missed;
    QFutureWatcher<Loaded> m_watcher;
    bool m_reloadAgain = false;
    bool m_loading = false; ///< from reload() until its result is shown
};

} // namespace Stowaway

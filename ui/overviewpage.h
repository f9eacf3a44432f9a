// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "syncprogress.h"
#include "syncrequest.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace Stowaway {

class CargoToggle;
class MirrorRuntime;
class MirrorSummaryWidget;

/**
 * The window's first page: the server's address (with a Copy button) and state (with
 * Start/Stop), the cargo switch with a preview of the exact change to config.toml, what
 * the mirror holds, a big Sync button, and the running sync's progress — bar, rate, ETA,
 * current crate — with the errors of the last sync and their reasons.
 *
 * Drives the MirrorRuntime and CargoToggle it is given (not owned; both outlive it).
 * Child widgets carry object names for tests: "serverAddress", "copyAddress",
 * "serverState", "serverButton", "cargoSwitch", "cargoPreview", "cargoMessage",
 * "syncButton", "pauseButton", "progressBar", "rateLabel", "currentLabel", "errorList".
 * GUI thread only.
 */
class OverviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)
public:
    OverviewPage(MirrorRuntime &runtime, CargoToggle &cargo, QWidget *parent = nullptr);

    /// "1.2 MB/s · 3 min left"; empty while nothing is known.
    static QString rateText(const SyncProgress &progress);

private:
    void refreshServer();
    void refreshCargo();
    void refreshSummary();
    void refreshSync();
    void showProgress(const SyncProgress &progress);
    void showResult(const SyncResult &result);

    MirrorRuntime &m_runtime;
    CargoToggle &m_cargo;
    QLabel *m_address;
    QPushButton *m_copy;
    QLabel *m_serverState;
    QPushButton *m_serverButton;
    QCheckBox *m_cargoSwitch;
    QPlainTextEdit *m_cargoPreview;
    QLabel *m_cargoMessage;
    MirrorSummaryWidget *m_summary;
    QPushButton *m_syncButton;
    QPushButton *m_pauseButton;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QLabel *m_current;
    QListWidget *m_errors;
};

} // namespace Stowaway

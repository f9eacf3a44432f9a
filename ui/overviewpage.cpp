// SPDX-License-Identifier: GPL-3.0-or-later
#include "overviewpage.h"

#include "cargotoggle.h"
#include "datasize.h"
#include "mirrorruntime.h"
#include "mirrorstore.h"
#include "mirrorsummarywidget.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Stowaway {

namespace {
template <typename T> T *named(T *widget, const char *name)
{
    widget->setObjectName(QLatin1String(name));
    return widget;
}
} // namespace

OverviewPage::OverviewPage(MirrorRuntime &runtime, CargoToggle &cargo, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
    , m_cargo(cargo)
    , m_address(named(new QLabel(this), "serverAddress"))
    , m_copy(named(new QPushButton(tr("Copy"), this), "copyAddress"))
    , m_serverState(named(new QLabel(this), "serverState"))
    , m_serverButton(named(new QPushButton(this), "serverButton"))
    , m_cargoSwitch(named(new QCheckBox(tr("Use this mirror in cargo"), this), "cargoSwitch"))
    , m_cargoPreview(named(new QPlainTextEdit(this), "cargoPreview"))
    , m_cargoMessage(named(new QLabel(this), "cargoMessage"))
    , m_summary(named(new MirrorSummaryWidget(this), "summary"))
    , m_syncButton(named(new QPushButton(tr("Sync now"), this), "syncButton"))
    , m_pauseButton(named(new QPushButton(tr("Pause"), this), "pauseButton"))
    , m_progress(named(new QProgressBar(this), "progressBar"))
    , m_rate(named(new QLabel(this), "rateLabel"))
    , m_current(named(new QLabel(this), "currentLabel"))
    , m_errors(named(new QListWidget(this), "errorList"))
{
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cargoPreview->setReadOnly(true);
    m_cargoPreview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_cargoPreview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_cargoPreview->setMaximumHeight(150);
    m_cargoMessage->setWordWrap(true);
    m_cargoMessage->hide(); // shown when flipping the switch has something to say
    m_syncButton->setMinimumHeight(48);
    QFont big = m_syncButton->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_syncButton->setFont(big);
    m_current->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors->setMaximumHeight(140);
    m_errors->hide(); // shown when a sync reports errors

    auto *server = new QGroupBox(tr("Server"), this);
    auto *serverRow = new QHBoxLayout(server);
    serverRow->addWidget(m_address, 1);
    serverRow->addWidget(m_copy);
    serverRow->addWidget(m_serverState);
    serverRow->addWidget(m_serverButton);

    auto *cargoBox = new QGroupBox(tr("Cargo"), this);
    auto *cargoColumn = new QVBoxLayout(cargoBox);
    cargoColumn->addWidget(m_cargoSwitch);
    cargoColumn->addWidget(m_cargoMessage);
    cargoColumn->addWidget(m_cargoPreview);

    auto *syncBox = new QGroupBox(tr("Sync"), this);
    auto *syncColumn = new QVBoxLayout(syncBox);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_syncButton, 1);
    buttons->addWidget(m_pauseButton);
    syncColumn->addLayout(buttons);
    syncColumn->addWidget(m_progress);
    syncColumn->addWidget(m_rate);
    syncColumn->addWidget(m_current);
    syncColumn->addWidget(m_errors);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(server);
    layout->addWidget(m_summary);
    layout->addWidget(cargoBox);
    layout->addWidget(syncBox);
    layout->addStretch(1);

    connect(m_copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_runtime.serverUrl()); });
    connect(m_serverButton, &QPushButton::clicked, this, [this] {
        if (m_runtime.isServerRunning())
            m_runtime.stopServer();
        else
            m_runtime.startServer();
    });
    connect(m_cargoSwitch, &QCheckBox::clicked, this, [this](bool checked) {
        const CargoConfigResult result = m_cargo.setEnabled(checked, m_runtime.serverUrl());
        m_cargoMessage->setText(result.message);
        m_cargoMessage->setVisible(!result.message.isEmpty());
    });
    connect(m_syncButton, &QPushButton::clicked, this, [this] { m_runtime.startSync(); });
    connect(m_pauseButton, &QPushButton::clicked, this, [this] {
        if (m_runtime.syncState() == MirrorRuntime::SyncState::Paused)
            m_runtime.resume();
        else
            m_runtime.pause();
    });
    connect(&m_runtime, &MirrorRuntime::serverStateChanged, this, [this] {
        refreshServer();
        refreshCargo();
    });
    connect(&m_runtime, &MirrorRuntime::summaryChanged, this, &OverviewPage::refreshSummary);
    connect(&m_runtime, &MirrorRuntime::syncStateChanged, this, &OverviewPage::refreshSync);
    connect(&m_runtime, &MirrorRuntime::progressChanged, this, &OverviewPage::showProgress);
    connect(&m_runtime, &MirrorRuntime::syncFinished, this, &OverviewPage::showResult);
    connect(&m_cargo, &CargoToggle::changed, this, &OverviewPage::refreshCargo);

    refreshServer();
    refreshCargo();
    refreshSummary();
    refreshSync();
    showProgress(m_runtime.progress());
}

QString OverviewPage::rateText(const SyncProgress &progress)
{
    if (progress.bytesPerSecond <= 0)
        return {};
    const QLocale locale;
    QString text = tr("%1/s").arg(DataSize::format(qint64(progress.bytesPerSecond), locale));
    if (progress.etaSeconds >= 0) {
        const qint64 s = progress.etaSeconds;
        const QString eta = s < 60     ? tr("%n second(s) left", nullptr, int(s))
                            : s < 3600 ? tr("%n minute(s) left", nullptr, int((s + 59) / 60))
                                       : tr("%n hour(s) left", nullptr, int((s + 3599) / 3600));
        text += QStringLiteral(" · ") + eta;
    }
    return text;
}

void OverviewPage::refreshServer()
{
    m_address->setText(m_runtime.serverUrl());
    switch (m_runtime.serverState()) {
    case MirrorRuntime::ServerState::Running:
        m_serverState->setText(tr("running"));
        m_serverState->setToolTip({});
        break;
    case MirrorRuntime::ServerState::Stopped:
        m_serverState->setText(tr("stopped"));
        m_serverState->setToolTip({});
        break;
    case MirrorRuntime::ServerState::Failed:
        m_serverState->setText(tr("not running: %1").arg(m_runtime.serverError()));
        m_serverState->setToolTip(m_runtime.serverError());
        break;
    }
    m_serverButton->setText(m_runtime.isServerRunning() ? tr("Stop") : tr("Start"));
}

void OverviewPage::refreshCargo()
{
    const QString url = m_runtime.serverUrl();
    const CargoConfigStatus status = m_cargo.status(url);
    m_cargoSwitch->setChecked(status.state == CargoConfigStatus::Enabled);
    const CargoConfigPreview preview = m_cargo.previewToggle(url);
    m_cargoSwitch->setEnabled(preview.ok && preview.changes);
    if (!preview.ok)
        m_cargoPreview->setPlainText(preview.message);
    else if (!preview.changes)
        m_cargoPreview->setPlainText(tr("Nothing to change in %1").arg(preview.file));
    else
        m_cargoPreview->setPlainText(tr("Flipping the switch changes %1:").arg(preview.file) +
                                     QLatin1Char('\n') + preview.diff);
    m_cargoSwitch->setToolTip(status.message);
}

void OverviewPage::refreshSummary()
{
    m_summary->setSummary(m_runtime.store().summary());
}

void OverviewPage::refreshSync()
{
    const MirrorRuntime::SyncState state = m_runtime.syncState();
    m_syncButton->setEnabled(!m_runtime.isSyncing());
    m_pauseButton->setEnabled(state == MirrorRuntime::SyncState::Running ||
                              state == MirrorRuntime::SyncState::Paused);
    m_pauseButton->setText(state == MirrorRuntime::SyncState::Paused ? tr("Resume") : tr("Pause"));
    if (state == MirrorRuntime::SyncState::External)
        m_syncButton->setText(tr("Syncing from the command line…"));
    else
        m_syncButton->setText(m_runtime.isSyncing() ? tr("Syncing…") : tr("Sync now"));
    if (state == MirrorRuntime::SyncState::Running) {
        m_errors->clear();
        m_errors->hide();
    }
}

void OverviewPage::showProgress(const SyncProgress &progress)
{
    const QLocale locale;
    const qint64 total = std::max<qint64>(progress.filesTotal, 0);
    // QProgressBar takes ints; scale when there are more files than that.
    const int scale = total > 1000000 ? int(total / 1000000) + 1 : 1;
    m_progress->setMaximum(int(total / scale));
    m_progress->setValue(int(std::min(progress.filesDone, total) / scale));
    m_progress->setFormat(
        total > 0
            ? tr("%1 of %2 files").arg(locale.toString(progress.filesDone), locale.toString(total))
            : SyncProgress::phaseName(progress.phase));
    m_rate->setText(rateText(progress));
    m_current->setText(progress.currentItem);
}

void OverviewPage::showResult(const SyncResult &result)
{
    m_errors->clear();
    if (result.outcome != SyncResult::Outcome::Ok &&
        result.outcome != SyncResult::Outcome::Cancelled && !result.message.isEmpty())
        m_errors->addItem(result.message);
    for (const SyncFailure &f : result.failures)
        m_errors->addItem(tr("%1 %2: %3").arg(f.name, f.version, f.reason));
    m_errors->setVisible(m_errors->count() > 0);
    m_current->clear();
    if (result.outcome == SyncResult::Outcome::Ok)
        m_rate->setText(tr("%1 (%2), %3", "Done: N versions downloaded (size), M already stored")
                            .arg(tr("Done: %Ln version(s) downloaded", nullptr, result.downloaded),
                                 DataSize::format(result.bytesDownloaded),
                                 tr("%Ln already stored", nullptr, result.alreadyStored)));
    refreshSummary();
    refreshSync();
}

} // namespace Stowaway

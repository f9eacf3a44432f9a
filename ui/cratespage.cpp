// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratespage.h"

#include "cratesfiltermodel.h"
#include "cratesmodel.h"
#include "indexpath.h"
#include "lockfileimport.h"
#include "mirrorreader.h"
#include "mirrorstore.h"
#include "missedcratespanel.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QGroupBox>
#include <QHash>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QtConcurrent/QtConcurrentRun>
#include <QVBoxLayout>

namespace Stowaway {

namespace {
/// The order MirrorState::crateList() picks the reason a row shows: lower is stronger.
int strength(CrateRow::Reason reason)
{
    switch (reason) {
    case CrateRow::Reason::Named:
        return 0;
    case CrateRow::Reason::Lockfile:
        return 1;
    case CrateRow::Reason::Popular:
        return 2;
    case CrateRow::Reason::Dependency:
        return 3;
    case CrateRow::Reason::None:
        break;
    }
    return 4;
}
} // namespace

CratesPage::CratesPage(MirrorStore &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new CratesModel(this))
    , m_filter(new CratesFilterModel(this))
    , m_view(new QTableView(this))
    , m_filterEdit(new QLineEdit(this))
    , m_show(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_message(new QLabel(this))
    , m_popularCount(new QSpinBox(this))
    , m_missed(new MissedCratesPanel(this))
{
    setAcceptDrops(true);
    m_filter->setSourceModel(m_model);

    m_filterEdit->setObjectName(QStringLiteral("filter"));
    m_filterEdit->setPlaceholderText(tr("Filter crates by name"));
    m_filterEdit->setClearButtonEnabled(true);
    m_show->setObjectName(QStringLiteral("show"));
    m_show->addItem(tr("All crates"), int(CratesFilterModel::Show::All));
    m_show->addItem(tr("Selected"), int(CratesFilterModel::Show::Selected));
    m_show->addItem(tr("Not selected"), int(CratesFilterModel::Show::NotSelected));
    m_show->addItem(tr("Asked for, missing"), int(CratesFilterModel::Show::Missed));
    m_count->setObjectName(QStringLiteral("count"));
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_show);
    filterRow->addWidget(m_count);

    m_popularCount->setObjectName(QStringLiteral("popularCount"));
    m_popularCount->setRange(1, 100000);
    m_popularCount->setValue(500);
    m_popularCount->setGroupSeparatorShown(true);
    auto *addPopular = new QPushButton(this);
    const auto popularText = [addPopular](int n) {
        addPopular->setText(tr("Add the %n most popular", "", n));
    };
    popularText(m_popularCount->value());
    connect(m_popularCount, &QSpinBox::valueChanged, addPopular, popularText);
    addPopular->setObjectName(QStringLiteral("addPopular"));
    addPopular->setToolTip(tr("Add the N most downloaded crates; the next sync fetches them"));
    auto *import = new QPushButton(tr("Import Cargo.lock…"), this);
    import->setObjectName(QStringLiteral("importLockFiles"));
    import->setToolTip(tr("Add every crate a project's Cargo.lock uses, at its exact version. "
                          "You can also drop Cargo.lock files on this page."));
    auto *actionRow = new QHBoxLayout;
    actionRow->addWidget(new QLabel(tr("Most downloaded crates:"), this));
    actionRow->addWidget(m_popularCount);
    actionRow->addWidget(addPopular);
    actionRow->addStretch(1);
    actionRow->addWidget(import);

    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_view->setObjectName(QStringLiteral("crates"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights and no content-sized columns: nothing scans 250,000 rows to lay out.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(CratesModel::NameColumn, 220);
    m_view->setColumnWidth(CratesModel::WhyColumn, 260);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CratesModel::NameColumn, Qt::AscendingOrder);

    auto *missedBox = new QGroupBox(tr("Asked for by cargo, not in the mirror"), this);
    auto *missedLayout = new QVBoxLayout(missedBox);
    missedLayout->addWidget(m_missed);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(missedBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addLayout(actionRow);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &CratesFilterModel::setFilterText);
    connect(m_show, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setShow(CratesFilterModel::Show(m_show->currentData().toInt())); });
    connect(m_filter, &QAbstractItemModel::modelReset, this, &CratesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &CratesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &CratesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &CratesPage::updateCount);
    connect(m_model, &CratesModel::selectionChangeRequested, this, &CratesPage::setCrateSelected);
    connect(addPopular, &QPushButton::clicked, this,
            [this] { Q_EMIT popularRequested(m_popularCount->value()); });
    connect(import, &QPushButton::clicked, this, &CratesPage::chooseLockFiles);
    connect(m_missed, &MissedCratesPanel::addRequested, this,
            [this](const QString &name) { setCrateSelected(name, true); });
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, &CratesPage::onLoaded);
    updateCount();
    reload();
}

CratesPage::~CratesPage() = default;

QString CratesPage::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void CratesPage::reload()
{
    if (m_watcher.isRunning()) {
        m_reloadAgain = true;
        return;
    }
    m_loading = true;
    const MirrorLayout layout = m_store.layout();
    const int column = m_model->sortColumn();
    const Qt::SortOrder order = m_model->sortOrder();
    m_watcher.setFuture(QtConcurrent::run([layout, column, order] {
        MirrorReading reading = MirrorReader::read(layout, true);
        QStringList missedNames;
        missedNames.reserve(reading.misses.size());
        for (const MissJournal::Crate &crate : std::as_const(reading.misses))
            missedNames.append(crate.name);
        // Sorted and indexed here, so the GUI thread only swaps the rows in.
        return Loaded{CratesModel::prepare(CratesModel::rowsFromList(reading.crates, missedNames),
                                           column, order),
                      std::move(reading.misses), std::move(reading.error)};
    }));
}

void CratesPage::onLoaded()
{
    // Taken, not copied: the future keeps no share of 250,000 rows.
    Loaded result = m_watcher.future().takeResult();
    if (!result.error.isEmpty())
        showMessage(result.error, Tone::Error);
    m_model->resetPrepared(std::move(result.rows));
    QSet<QString> selected;
    for (const MissJournal::Crate &crate : std::as_const(result.misses)) {
        const int row = m_model->rowOf(crate.canonicalName);
        if (row >= 0 && m_model->rowAt(row).selected)
            selected.insert(crate.canonicalName);
    }
    m_missed->setMisses(result.misses, selected);
    updateCount();
    m_loading = false;
    if (m_reloadAgain) {
        m_reloadAgain = false;
        reload();
    }
    Q_EMIT loaded();
}

void CratesPage::updateCount()
{
    const QLocale locale;
    m_count->setText(
        tr("%1 of %2 crates")
            .arg(locale.toString(m_filter->rowCount()), locale.toString(m_model->rowCount())));
}

void CratesPage::showMessage(const QString &text, Tone tone)
{
    m_message->setText(text);
    QPalette palette = this->palette();
    if (tone == Tone::Error)
        palette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    m_message->setPalette(palette);
    m_message->setProperty("tone",
                           tone == Tone::Error ? QStringLiteral("error") : QStringLiteral("info"));
    m_message->setVisible(!text.isEmpty());
}

bool CratesPage::setCrateSelected(const QString &name, bool selected)
{
    if (m_loading)
        m_reloadAgain = true; // the read in flight may predate this change
    QString error;
    int removed = 0;
    const bool ok = selected ? m_store.addToSelection(name, QStringLiteral("named"),
                                                      QStringLiteral("*"), &error)
                             : m_store.removeFromSelection(name, &error, &removed);
    if (!ok) {
        showMessage(tr("Could not change the selection of %1: %2. Check that the mirror folder is "
                       "writable and try again.")
                        .arg(name, error),
                    Tone::Error);
        return false;
    }
    if (selected) {
        applyAdded({addedRow(name, CrateRow::Reason::Named, QStringLiteral("*"))});
        showMessage(tr("%1 is selected; the next sync fetches it.").arg(name), Tone::Info);
    } else {
        // Rebuild the row's reason from what is left (dependency entries stay).
        const int at = m_model->rowOf(name);
        CrateRow row = at >= 0 ? m_model->rowAt(at) : CrateRow{};
        row.name = at >= 0 ? row.name : name;
        row.canonicalName = IndexPath::canonicalName(name);
        row.selected = false;
        row.reason = CrateRow::Reason::None;
        row.reasonDetail.clear();
        row.rank = 0;
        for (const SelectionEntry &entry : m_store.selectionOf(name)) {
            const CrateRow::Reason reason = CrateRow::reasonFromString(entry.reason);
            row.selected = true;
            if (strength(reason) < strength(row.reason)) {
                row.reason = reason;
                row.reasonDetail = entry.detail;
            }
        }
        m_model->updateRows({row});
        if (row.selected)
            showMessage(tr("%1 stays in the mirror for now: %2. It goes when nothing selected "
                           "needs it any more, at the next sync.")
                            .arg(row.name, CratesModel::reasonText(row)),
                        Tone::Info);
        else
            showMessage(tr("%1 is no longer selected.").arg(row.name), Tone::Info);
    }
    if (selected || removed > 0)
        Q_EMIT selectionChanged();
    return true;
}

CrateRow CratesPage::addedRow(const QString &name, CrateRow::Reason reason,
                              const QString &detail) const
{
    const int at = m_model->rowOf(name);
    CrateRow row = at >= 0 ? m_model->rowAt(at) : CrateRow{};
    if (at < 0) {
        row.name = name;
        row.canonicalName = IndexPath::canonicalName(name);
    }
    row.selected = true;
    if (strength(reason) < strength(row.reason)) {
        row.reason = reason;
        row.reasonDetail = detail;
    }
    return row;
}

void CratesPage::applyAdded(const QList<CrateRow> &rows)
{
    m_model->updateRows(rows); // one update: a sorted table re-sorts at most once
    for (const CrateRow &row : rows)
        m_missed->markSelected(row.canonicalName);
}

int CratesPage::importLockFiles(const QStringList &paths)
{
    if (m_loading)
        m_reloadAgain = true; // the read in flight may predate these entries
    LockFileImport import = LockFileImport::read(paths);
    QString error;
    if (!import.entries.isEmpty() && !m_store.addToSelection(import.entries, &error))
        import.problems << tr("Some crates could not be added: %1").arg(error);
    QHash<QString, CrateRow> added; // one row per crate, however many versions it pins
    for (const SelectionEntry &entry : std::as_const(import.entries)) {
        const QString canonical = IndexPath::canonicalName(entry.name);
        if (!added.contains(canonical))
            added.insert(canonical, addedRow(entry.name, CrateRow::Reason::Lockfile, entry.detail));
    }
    applyAdded(added.values());
    showMessage(import.summary(), import.problems.isEmpty() ? Tone::Info : Tone::Error);
    if (!import.entries.isEmpty())
        Q_EMIT selectionChanged();
    return int(import.entries.size());
}

void CratesPage::showCrate(const QString &name)
{
    m_show->setCurrentIndex(0); // all crates
    m_filterEdit->setText(name);
    const int row = m_model->rowOf(name);
    if (row < 0)
        return;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, CratesModel::NameColumn));
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
    }
}

void CratesPage::chooseLockFiles()
{
    auto *dialog = new QFileDialog(this, tr("Import Cargo.lock files"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setNameFilters({tr("Cargo lockfiles (Cargo.lock *.lock)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::filesSelected, this,
            [this](const QStringList &files) { importLockFiles(files); });
    dialog->open();
}

QStringList CratesPage::localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    return files;
}

void CratesPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void CratesPage::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    importLockFiles(files);
}

} // namespace Stowaway

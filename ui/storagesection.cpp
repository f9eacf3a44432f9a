// SPDX-License-Identifier: GPL-3.0-or-later
#include "storagesection.h"

#include "configsaver.h"
#include "datasize.h"
#include "homepath.h"
#include "mirrormover.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QtConcurrent>

namespace Stowaway {

StorageSection::StorageSection(QString root, QWidget *parent)
    : QGroupBox(tr("Storage folder"), parent)
    , m_path(new QLabel(this))
    , m_size(new QLabel(this))
    , m_moveButton(new QPushButton(tr("Move…"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_message(ConfigSaver::problemLabel(QStringLiteral("storageMessage"), this))
{
    m_path->setObjectName(QStringLiteral("storagePath"));
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_size->setObjectName(QStringLiteral("storageSize"));
    m_moveButton->setObjectName(QStringLiteral("moveStorage"));
    m_moveButton->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_cancelButton->setObjectName(QStringLiteral("cancelMove"));
    m_progress->setObjectName(QStringLiteral("storageProgress"));
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_cancelButton->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_moveButton);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    auto *form = new QFormLayout(this);
    form->addRow(tr("Folder:"), m_path);
    form->addRow(tr("Size:"), m_size);
    form->addRow(QString(), buttons);
    form->addRow(QString(), m_message);

    connect(m_moveButton, &QPushButton::clicked, this, &StorageSection::chooseTarget);
    connect(m_cancelButton, &QPushButton::clicked, this, &StorageSection::cancelMove);
    connect(&m_move, &QFutureWatcherBase::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    connect(&m_move, &QFutureWatcherBase::finished, this, &StorageSection::moveFinished);
    connect(&m_sizing, &QFutureWatcherBase::finished, this, &StorageSection::showSize);
    setRoot(root);
}

StorageSection::~StorageSection()
{
    // A running move is cancelled and waited for (it clears its partial copy).
    m_move.cancel();
    m_move.waitForFinished();
    m_sizing.waitForFinished();
}

void StorageSection::setRoot(const QString &root)
{
    m_root = root;
    m_path->setText(HomePath::display(root));
    m_size->setText(tr("Measuring…"));
    measureSize();
}

void StorageSection::measureSize()
{
    if (m_root.isEmpty() || isMoving())
        return;
    m_sizing.setFuture(
        QtConcurrent::run([root = m_root] { return MirrorMover::folderSize(root); }));
}

void StorageSection::showSize()
{
    if (m_sizing.future().resultCount() > 0)
        m_size->setText(DataSize::format(m_sizing.result()));
}

void StorageSection::chooseTarget()
{
    const QString target = QFileDialog::getExistingDirectory(
        this, tr("Move the mirror to an empty folder"), QFileInfo(m_root).absolutePath());
    if (!target.isEmpty())
        moveTo(target);
}

void StorageSection::moveTo(const QString &target)
{
    if (isMoving())
        return;
    auto mover = std::make_shared<MirrorMover>(m_root, target);
    const QString problem = mover->checkTarget(); // the free space is checked by copy()
    ConfigSaver::showProblem(m_message, problem);
    if (!problem.isEmpty())
        return;
    m_target = mover->target();
    m_moveButton->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();
    Q_EMIT moveStarted();
    m_move.setFuture(QtConcurrent::run([mover](QPromise<MoveResult> &promise) {
        promise.setProgressRange(0, 1000);
        MoveResult result;
        result.ok = mover->copy(
            [&promise](qint64 done, qint64 total) {
                promise.setProgressValue(total > 0 ? int(done * 1000 / total) : 1000);
            },
            [&promise] { return promise.isCanceled(); }, &result.error);
        promise.addResult(result);
    }));
}

void StorageSection::cancelMove()
{
    m_move.cancel();
}

void StorageSection::moveFinished()
{
    m_progress->hide();
    m_cancelButton->hide();
    m_moveButton->setEnabled(true);
    const MoveResult result = m_move.future().resultCount() > 0
                                  ? m_move.result()
                                  : MoveResult{false, tr("The move was cancelled; the mirror "
                                                         "stays where it was.")};
    if (!result.ok) {
        ConfigSaver::showProblem(m_message, result.error);
        Q_EMIT moveFailed(result.error);
        return;
    }
    const QString oldRoot = m_root;
    setRoot(m_target);
    Q_EMIT storageMoved(m_target);
    // The app uses the new folder now: the old one goes, in the background.
    auto mover = std::make_shared<MirrorMover>(oldRoot, m_target);
    QtConcurrent::run([mover] {
        QString error;
        mover->removeSource(&error);
        return error;
    }).then(this, [this](const QString &error) { ConfigSaver::showProblem(m_message, error); });
}

} // namespace Stowaway

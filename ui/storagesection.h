// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QGroupBox>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Stowaway {

/**
 * Where the mirror lives: its folder and size, and "Move…", which copies the whole mirror
 * to an empty folder with room for it (MirrorMover, on a QtConcurrent thread, with a
 * progress bar and Cancel), verifies the copy, emits storageMoved() so the app switches
 * to it, then deletes the old folder in the background. A failed or cancelled move keeps
 * the old mirror as it was. The mirror must not be written (no sync) while it moves:
 * the section emits moveStarted() first. GUI thread only.
 */
class StorageSection final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StorageSection)
public:
    explicit StorageSection(QString root, QWidget *parent = nullptr);
    ~StorageSection() override;

    QString root() const { return m_root; }
    /// Shows another folder (after the app switched stores); sizes it in the background.
    void setRoot(const QString &root);
    bool isMoving() const { return m_move.isRunning(); }
    /// Measures the folder again in the background (a sync changed its size).
    void measureSize();

public Q_SLOTS:
    /// Asks for a folder, then moveTo() it.
    void chooseTarget();
    /// Starts moving the mirror to `target` (refused with a message when it cannot).
    void moveTo(const QString &target);
    /// Cancels a running move; the old mirror stays.
    void cancelMove();

Q_SIGNALS:
    /// A move starts: pause syncs until storageMoved() or moveFailed().
    void moveStarted();
    /// The copy in `newRoot` is complete and verified; switch to it now (the old folder is
    /// removed after this returns). Connect with a direct connection.
    void storageMoved(const QString &newRoot);
    /// The move failed or was cancelled; the mirror stays where it was.
    void moveFailed(const QString &message);

private:
    struct MoveResult
    {
        bool ok = false;
        QString error;
    };
    void moveFinished();
    void showSize();

    QString m_root;
    QString m_target;
    QLabel *m_path;
    QLabel *m_size;
    QPushButton *m_moveButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_message;
    QFutureWatcher<MoveResult> m_move;
    QFutureWatcher<qint64> m_sizing;
};

} // namespace Stowaway

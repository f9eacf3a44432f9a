// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace Stowaway {

/**
 * Moves a whole mirror folder to a new place, in the order that keeps the old mirror
 * usable until the new one is proven: copy every file (hashing it as it is read) →
 * make the copy durable → verify (size and SHA-256 of every copied file read back) →
 * the caller switches to the new folder → removeSource().
 *
 * check() refuses a target that is the source, inside it or around it, a non-empty
 * folder, a file, or a volume without room for the mirror plus a margin. A target
 * holding only what an interrupted move left (it carries a marker file until the copy is
 * verified) counts as empty and is cleared. copy() that fails or is cancelled removes
 * what it wrote to the target; a crash leaves the source untouched and the marked target.
 * Temp files in the mirror's tmp/ are not copied.
 *
 * Blocking file I/O: run copy() and removeSource() off the UI thread (QtConcurrent::run
 * with a QFutureWatcher). `progress` and `cancelled` are called on that thread. One
 * instance per move; not for concurrent use.
 */
class MirrorMover final
{
    Q_DECLARE_TR_FUNCTIONS(MirrorMover)

public:
    using Progress = std::function<void(qint64 doneBytes, qint64 totalBytes)>;
    using Cancelled = std::function<bool()>;
    /// Free bytes on the volume holding `path` (an existing folder).
    using FreeSpace = std::function<qint64(const QString &path)>;

    /// The marker file in a target while the copy is not verified.
    static constexpr const char *MarkerName = ".stowaway-move-incomplete";
    /// Room left on the target volume after the copy.
    static constexpr qint64 SpareBytes = 64 * 1024 * 1024;

    MirrorMover(QString source, QString target, FreeSpace freeSpace = {});

    const QString &source() const { return m_source; }
    const QString &target() const { return m_target; }

    /// Bytes and files of a folder, tmp/ excluded (what copy() copies).
    static qint64 folderSize(const QString &root, int *files = nullptr);

    /// Empty when the move may start; else a sentence for the user saying what is wrong
    /// and what to do. Walks the source to size it: off the UI thread.
    QString check() const;
    /// The part of check() that needs no walk (where the target is, whether it is empty):
    /// cheap enough for the UI thread, to refuse a bad choice at once.
    QString checkTarget() const;
    /// check(), then copies and verifies. False with `error` set on failure or cancel (the
    /// target's new contents are removed then).
    bool copy(const Progress &progress, const Cancelled &cancelled, QString *error);
    /// Deletes the old mirror folder. Call only after switching to the target.
    bool removeSource(QString *error);

private:
    struct CopiedFile
    {
        QString relative;
        qint64 size = 0;
        QByteArray sha256;
    };
    bool copyFile(const QString &relative, CopiedFile *copied, const Progress &progress,
                  const Cancelled &cancelled, qint64 *done, qint64 total, QString *error);
    bool verify(const QList<CopiedFile> &files, const Cancelled &cancelled, QString *error) const;
    /// Removes everything in the target (it held nothing of value before the move).
    void clearTarget() const;

    QString m_source;
    QString m_target;
    FreeSpace m_freeSpace;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Stowaway {

/**
 * Crash-safe file writes: write a temp file, fsync it, rename it over the target, fsync the
 * directory. After a kill -9 or a power cut the target holds either the old or the new bytes,
 * never a mix; at worst a temp file is left in the temp folder.
 *
 * The temp folder must be on the same volume as the targets (the mirror's `tmp/`), so the
 * rename is atomic. Temp files are named `<pid>-<random>.tmp`; removeStaleTemps() deletes the
 * ones whose process is gone. Static helpers only, safe on any thread. Error texts are meant
 * for users: they name the file and say what to do.
 */
class AtomicFile final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::AtomicFile)

public:
    /// Writes `bytes` to `path` through a temp file in `tempDir`, creating parent folders.
    static bool write(const QString &path, const QByteArray &bytes, const QString &tempDir,
                      QString *error);

    /// Creates an empty temp file in `tempDir` and returns its path (empty on failure).
    static QString createTemp(const QString &tempDir, QString *error);

    /// fsyncs `tempPath`, renames it to `path` (creating parent folders) and fsyncs the
    /// folder. On failure the temp file is removed.
    static bool moveIntoPlace(const QString &tempPath, const QString &path, QString *error);

    /// Renames `from` to `to` (same volume) and fsyncs both folders. For moving kept files.
    static bool rename(const QString &from, const QString &to, QString *error);

    /// Removes `path` (a missing file is fine) and fsyncs its folder.
    static bool remove(const QString &path, QString *error);

    /// Creates `dir` and its parents, fsyncing each parent a new folder was made in.
    static bool makePath(const QString &dir, QString *error);

    /// fsyncs a folder so a rename or unlink in it is durable.
    static bool syncDirectory(const QString &dir, QString *error);

    // Batches: the caller writes and renames many files without syncing each, then makes them
    // all durable with one sync() — one syncfs(2) of the volume instead of N fsyncs.

    /// A new hard link in `tempDir` to the existing file `source` (same volume), WITHOUT
    /// fsync: the same content as writeTempUnsynced(source's bytes) without a new inode or
    /// a byte written. Falls back to writing `bytes` (which must be source's content) where
    /// the file system has no hard links. `source` must never be changed in place.
    /// @p linked tells which of the two it made (a link's bytes are as durable as source's).
    static QString linkTempUnsynced(const QString &tempDir, const QString &source,
                                    const QByteArray &bytes, QString *error,
                                    bool *linked = nullptr);
    /// Writes `bytes` into a new temp file in `tempDir` WITHOUT fsync; returns its path or
    /// empty. Call sync() on it before renaming it into place (moveIntoPlace() does).
    static QString writeTempUnsynced(const QString &tempDir, const QByteArray &bytes,
                                     QString *error);

    /// Renames `from` to `to`, creating parent folders, WITHOUT syncing anything. Appends to
    /// `changedDirs` every folder whose entries changed (the parent of `to`, and the parent
    /// of each folder created): pass them to the batch's next sync().
    static bool renameUnsynced(const QString &from, const QString &to, QStringList *changedDirs,
                               QString *error);

    /// Makes `dir` and its missing parents WITHOUT syncing; `changedDirs` gets every folder
    /// whose entries changed. Call sync() on them before relying on the new folders.
    static bool makePathUnsynced(const QString &dir, QStringList *changedDirs, QString *error);

    /// Makes `paths` (files, or folders whose entries changed) durable. A few paths are
    /// fsynced one by one; more than `batchThreshold` cost one syncfs(2) of the volume
    /// holding `volumePath` (Linux; elsewhere each path is fsynced).
    static bool sync(const QStringList &paths, const QString &volumePath, QString *error);
    static constexpr int batchThreshold = 8;

    /// Removes temp files in `tempDir` left behind by processes that no longer run.
    /// Returns how many were removed.
    static int removeStaleTemps(const QString &tempDir);

    /// A user-facing message for an OS error: `failure` (translated, like "cannot write
    /// PATH") followed by the cause; ENOSPC (naming the volume of `path`), EACCES/EPERM and
    /// EROFS get advice.
    static QString describeError(int errnoValue, const QString &failure, const QString &path);

private:
    static QString writeTempFile(const QString &tempDir, const QByteArray &bytes, QString *error);
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStorageInfo>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Stowaway {

namespace {

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

QByteArray nativePath(const QString &path)
{
    return QFile::encodeName(path);
}

/// A fresh name for a temp file in `tempDir` (pid + random, so two processes never collide).
QString tempName(const QString &tempDir)
{
    return tempDir + QLatin1Char('/') + QString::number(::getpid()) + QLatin1Char('-') +
           QString::number(QRandomGenerator::global()->generate64(), 36) + QStringLiteral(".tmp");
}

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, static_cast<size_t>(size));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        size -= written;
    }
    return true;
}

bool syncPath(const QString &path, bool directory)
{
    const int fd = ::open(nativePath(path).constData(),
                          (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
}

} // namespace

QString AtomicFile::describeError(int errnoValue, const QString &failure, const QString &path)
{
    switch (errnoValue) {
    case ENOSPC:
    case EDQUOT: {
        QStorageInfo volume(QFileInfo(path).absolutePath());
        QString where = volume.isValid() ? volume.rootPath() : QFileInfo(path).absolutePath();
        return tr("%1: the disk is full: free space on %2 and run again").arg(failure, where);
    }
    case EACCES:
    case EPERM:
        return tr("%1: permission denied — make the folder writable for this user, or pass "
                  "--mirror DIR")
            .arg(failure);
    case EROFS:
        return tr("%1: the volume is read-only — pass --mirror DIR with a writable folder")
            .arg(failure);
    default:
        return tr("%1: %2").arg(failure, QString::fromLocal8Bit(std::strerror(errnoValue)));
    }
}

bool AtomicFile::syncDirectory(const QString &dir, QString *error)
{
    if (syncPath(dir, true))
        return true;
    setError(error, describeError(errno, tr("cannot sync the folder %1").arg(dir), dir));
    return false;
}

bool AtomicFile::makePath(const QString &dir, QString *error)
{
    // The same walk as the batch variant; here each new folder's entry is synced at once.
    QStringList changedDirs;
    if (!makePathUnsynced(dir, &changedDirs, error))
        return false;
    for (const QString &parent : std::as_const(changedDirs)) {
        if (!syncDirectory(parent, error))
            return false;
    }
    return true;
}

QString AtomicFile::createTemp(const QString &tempDir, QString *error)
{
    if (!makePath(tempDir, error))
        return {};
    // Not mkstemp: that makes 0600 files, and the served files must be readable by a
    // server running as another user. O_EXCL with mode 0666 lets the umask decide.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString path = tempName(tempDir);
        const int fd =
            ::open(nativePath(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            return path;
        }
        if (errno != EEXIST) {
            setError(error, describeError(errno, tr("cannot create a temp file in %1").arg(tempDir),
                                          tempDir));
            return {};
        }
    }
    setError(error, tr("cannot create a temp file in %1: every name tried exists").arg(tempDir));
    return {};
}

QString AtomicFile::writeTempUnsynced(const QString &tempDir, const QByteArray &bytes,
                                      QString *error)
{
    return writeTempFile(tempDir, bytes, error);
}

QString AtomicFile::linkTempUnsynced(const QString &tempDir, const QString &source,
                                     const QByteArray &bytes, QString *error, bool *linked)
{
    if (linked)
        *linked = false;
    const QByteArray from = nativePath(source);
    bool madeDir = false;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString path = tempName(tempDir);
        if (::link(from.constData(), nativePath(path).constData()) == 0) {
            if (linked)
                *linked = true;
            return path;
        }
        // The temp folder normally exists: it is made only when the link says it is missing.
        if ((errno == ENOENT || errno == ENOTDIR) && !madeDir && !QFileInfo(tempDir).isDir()) {
            if (!makePath(tempDir, error))
                return {};
            madeDir = true;
            continue;
        }
        if (errno != EEXIST)
            break; // no hard links here (or the source went away): write a copy instead
    }
    return writeTempFile(tempDir, bytes, error);
}

QString AtomicFile::writeTempFile(const QString &tempDir, const QByteArray &bytes, QString *error)
{
    // One open that creates the file and writes it (createTemp() + open would be two). The
    // temp folder normally exists: it is made only when the open says it is missing.
    bool madeDir = false;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString tempPath = tempName(tempDir);
        const int fd =
            ::open(nativePath(tempPath).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0 && (errno == ENOENT || errno == ENOTDIR) && !madeDir) {
            if (!makePath(tempDir, error))
                return {};
            madeDir = true;
            continue;
        }
        if (fd < 0) {
            setError(error, describeError(errno, tr("cannot create a temp file in %1").arg(tempDir),
                                          tempDir));
            return {};
        }
        const bool ok = writeAll(fd, bytes.constData(), bytes.size());
        const int saved = errno;
        ::close(fd);
        if (!ok) {
            ::unlink(nativePath(tempPath).constData());
            setError(error, describeError(saved, tr("cannot write %1").arg(tempPath), tempPath));
            return {};
        }
        return tempPath;
    }
    setError(error, tr("cannot create a temp file in %1: every name tried exists").arg(tempDir));
    return {};
}

bool AtomicFile::moveIntoPlace(const QString &tempPath, const QString &path, QString *error)
{
    const QString parent = QFileInfo(path).absolutePath();
    bool ok = syncPath(tempPath, false);
    if (!ok) {
        setError(error, describeError(errno, tr("cannot sync %1").arg(tempPath), tempPath));
    } else if (!makePath(parent, error)) {
        ok = false;
    } else if (::rename(nativePath(tempPath).constData(), nativePath(path).constData()) != 0) {
        setError(error, describeError(errno, tr("cannot write %1").arg(path), path));
        ok = false;
    }
    if (!ok) {
        ::unlink(nativePath(tempPath).constData());
        return false;
    }
    return syncDirectory(parent, error);
}

bool AtomicFile::write(const QString &path, const QByteArray &bytes, const QString &tempDir,
                       QString *error)
{
    // moveIntoPlace() syncs the temp file: writing it unsynced spares a second fsync.
    const QString tempPath = writeTempUnsynced(tempDir, bytes, error);
    if (tempPath.isEmpty())
        return false;
    return moveIntoPlace(tempPath, path, error);
}

bool AtomicFile::rename(const QString &from, const QString &to, QString *error)
{
    const QString parent = QFileInfo(to).absolutePath();
    if (!makePath(parent, error))
        return false;
    if (::rename(nativePath(from).constData(), nativePath(to).constData()) != 0) {
        setError(error, describeError(errno, tr("cannot move %1 to %2").arg(from, to), to));
        return false;
    }
    return syncDirectory(QFileInfo(from).absolutePath(), error) && syncDirectory(parent, error);
}

bool AtomicFile::remove(const QString &path, QString *error)
{
    if (::unlink(nativePath(path).constData()) != 0) {
        if (errno == ENOENT)
            return true;
        setError(error, describeError(errno, tr("cannot remove %1").arg(path), path));
        return false;
    }
    return syncDirectory(QFileInfo(path).absolutePath(), error);
}

bool AtomicFile::renameUnsynced(const QString &from, const QString &to, QStringList *changedDirs,
                                QString *error)
{
    const QString parent = QFileInfo(to).absolutePath();
    // The folder usually exists (a batch renames many files into few folders): it is made
    // only when the rename says it is missing (or something is in its way: makePath says what).
    bool renamed = ::rename(nativePath(from).constData(), nativePath(to).constData()) == 0;
    int failure = renamed ? 0 : errno;
    if ((failure == ENOENT || failure == ENOTDIR) && !QFileInfo(parent).isDir()) {
        if (!makePathUnsynced(parent, changedDirs, error))
            return false;
        renamed = ::rename(nativePath(from).constData(), nativePath(to).constData()) == 0;
        failure = renamed ? 0 : errno;
    }
    if (!renamed) {
        setError(error, describeError(failure, tr("cannot write %1").arg(to), to));
        return false;
    }
    if (changedDirs)
        changedDirs->append(parent);
    return true;
}

bool AtomicFile::makePathUnsynced(const QString &dir, QStringList *changedDirs, QString *error)
{
    const QString clean = QDir::cleanPath(QDir(dir).absolutePath());
    QFileInfo info(clean);
    if (info.isDir())
        return true;
    if (info.exists()) {
        setError(error,
                 tr("cannot create the folder %1: a file of that name is in the way — move it away "
                    "and run again")
                     .arg(clean));
        return false;
    }
    const QString parent = info.absolutePath();
    if (parent != clean && !makePathUnsynced(parent, changedDirs, error))
        return false;
    if (::mkdir(nativePath(clean).constData(), 0777) != 0 && errno != EEXIST) {
        setError(error, describeError(errno, tr("cannot create the folder %1").arg(clean), clean));
        return false;
    }
    if (changedDirs)
        changedDirs->append(parent);
    return true;
}

bool AtomicFile::sync(const QStringList &pathList, const QString &volumePath, QString *error)
{
    QStringList paths = pathList;
    paths.removeDuplicates();
    if (paths.isEmpty())
        return true;
#ifdef __linux__
    if (paths.size() > batchThreshold) {
        const int fd =
            ::open(nativePath(volumePath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            setError(error, describeError(errno, tr("cannot sync the volume of %1").arg(volumePath),
                                          volumePath));
            return false;
        }
        // syncfs reports write-back errors of the volume since Linux 5.8.
        const bool ok = ::syncfs(fd) == 0;
        const int saved = errno;
        ::close(fd);
        if (!ok)
            setError(error, describeError(saved, tr("cannot sync the volume of %1").arg(volumePath),
                                          volumePath));
        return ok;
    }
#else
    Q_UNUSED(volumePath)
#endif
    for (const QString &path : paths) {
        if (!syncPath(path, QFileInfo(path).isDir())) {
            setError(error, describeError(errno, tr("cannot sync %1").arg(path), path));
            return false;
        }
    }
    return true;
}

int AtomicFile::removeStaleTemps(const QString &tempDir)
{
    QDir dir(tempDir);
    int removed = 0;
    const QStringList names = dir.entryList({QStringLiteral("*.tmp")}, QDir::Files | QDir::Hidden);
    for (const QString &name : names) {
        bool isNumber = false;
        const qint64 pid = name.section(QLatin1Char('-'), 0, 0).toLongLong(&isNumber);
        // A live process (other than us: we have made none yet) may still be writing it.
        if (isNumber && pid > 0 && pid != ::getpid() &&
            (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM))
            continue;
        if (isNumber && pid == ::getpid())
            continue;
        if (QFile::remove(dir.filePath(name)))
            ++removed;
    }
    return removed;
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrormover.h"

#include "atomicfile.h"
#include "datasize.h"
#include "homepath.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QStorageInfo>

Q_LOGGING_CATEGORY(lcMirrorMover, "stowaway.mover")

namespace Stowaway {

namespace {

constexpr qint64 ChunkBytes = 1024 * 1024;

QString clean(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

/// `path` with symbolic links resolved as far as it exists (the rest appended as is).
QString resolved(const QString &path)
{
    QString existing = path;
    QString rest;
    while (!QFileInfo::exists(existing) && existing != QDir::rootPath()) {
        rest = QLatin1Char('/') + QFileInfo(existing).fileName() + rest;
        existing = QFileInfo(existing).absolutePath();
    }
    const QString canonical = QFileInfo(existing).canonicalFilePath();
    return QDir::cleanPath((canonical.isEmpty() ? existing : canonical) + rest);
}

bool isInside(const QString &path, const QString &folder)
{
    const QString a = resolved(path);
    const QString b = resolved(folder);
    return a == b || a.startsWith(b == QDir::rootPath() ? b : b + QLatin1Char('/'));
}

/// The relative paths of the files to copy: everything but tmp/'s contents.
QStringList filesToCopy(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    const QDir base(root);
    while (it.hasNext()) {
        const QString relative = base.relativeFilePath(it.next());
        if (!relative.startsWith(QLatin1String("tmp/")))
            files.append(relative);
    }
    return files;
}

qint64 defaultFreeSpace(const QString &path)
{
    return QStorageInfo(path).bytesAvailable();
}

} // namespace

MirrorMover::MirrorMover(QString source, QString target, FreeSpace freeSpace)
    : m_source(clean(source))
    , m_target(clean(target))
    , m_freeSpace(freeSpace ? std::move(freeSpace) : FreeSpace(defaultFreeSpace))
{}

qint64 MirrorMover::folderSize(const QString &root, int *files)
{
    qint64 bytes = 0;
    const QStringList list = filesToCopy(root);
    for (const QString &relative : list)
        bytes += QFileInfo(QDir(root).filePath(relative)).size();
    if (files)
        *files = int(list.size());
    return bytes;
}

QString MirrorMover::checkTarget() const
{
    if (!QFileInfo(m_source).isDir())
        return tr("The mirror folder %1 does not exist.").arg(HomePath::display(m_source));
    if (isInside(m_target, m_source) || isInside(m_source, m_target))
        return tr("%1 is inside the mirror folder or contains it: choose a folder elsewhere.")
            .arg(HomePath::display(m_target));
    const QFileInfo target(m_target);
    if (target.exists() && !target.isDir())
        return tr("%1 is a file: choose an empty folder.").arg(HomePath::display(m_target));
    if (target.isDir()) {
        const QStringList entries =
            QDir(m_target).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        const bool leftByUs = QFileInfo::exists(QDir(m_target).filePath(QLatin1String(MarkerName)));
        if (!entries.isEmpty() && !leftByUs)
            return tr("%1 is not empty: choose an empty folder, or a new one.")
                .arg(HomePath::display(m_target));
    }
    return {};
}

QString MirrorMover::check() const
{
    if (const QString problem = checkTarget(); !problem.isEmpty())
        return problem;
    QString existing = m_target;
    while (!QFileInfo(existing).isDir() && existing != QDir::rootPath())
        existing = QFileInfo(existing).absolutePath();
    const qint64 needed = folderSize(m_source) + SpareBytes;
    const qint64 available = m_freeSpace(existing);
    if (available < needed) {
        const QLocale locale;
        return tr("Not enough free space for the mirror in %1: it needs %2, the volume has %3 "
                  "free. Free some space or choose another volume.")
            .arg(HomePath::display(m_target), DataSize::format(needed, locale),
                 DataSize::format(std::max<qint64>(available, 0), locale));
    }
    return {};
}

bool MirrorMover::copy(const Progress &progress, const Cancelled &cancelled, QString *error)
{
    const QString problem = check();
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    clearTarget(); // only an interrupted move's leftovers can be there
    QString failure;
    const auto fail = [&](const QString &message) {
        clearTarget();
        if (error)
            *error = message;
        return false;
    };
    if (!AtomicFile::write(QDir(m_target).filePath(QLatin1String(MarkerName)), QByteArray(),
                           QDir(m_target).filePath(QStringLiteral("tmp")), &failure))
        return fail(tr("Cannot write to %1: %2").arg(HomePath::display(m_target), failure));

    const QStringList files = filesToCopy(m_source);
    qint64 total = 0;
    for (const QString &relative : files)
        total += QFileInfo(QDir(m_source).filePath(relative)).size();
    qint64 done = 0;
    QList<CopiedFile> copied;
    QStringList written{m_target};
    for (const QString &relative : files) {
        CopiedFile file;
        if (!copyFile(relative, &file, progress, cancelled, &done, total, &failure))
            return fail(failure);
        copied.append(file);
        written.append(QDir(m_target).filePath(relative));
    }
    for (const QString &relative : QDir(m_source).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!QDir(m_target).mkpath(relative)) // empty folders, tmp/ among them
            return fail(tr("Cannot create %1 in %2.").arg(relative, HomePath::display(m_target)));
    }
    if (!AtomicFile::sync(written, m_target, &failure))
        return fail(tr("Cannot make the copy durable: %1").arg(failure));
    if (!verify(copied, cancelled, &failure))
        return fail(failure);
    if (!AtomicFile::remove(QDir(m_target).filePath(QLatin1String(MarkerName)), &failure))
        return fail(failure);
    qCInfo(lcMirrorMover) << "copied" << copied.size() << "files," << total << "bytes, from"
                          << m_source << "to" << m_target;
    return true;
}

bool MirrorMover::copyFile(const QString &relative, CopiedFile *copied, const Progress &progress,
                           const Cancelled &cancelled, qint64 *done, qint64 total, QString *error)
{
    const QString from = QDir(m_source).filePath(relative);
    const QString to = QDir(m_target).filePath(relative);
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(HomePath::display(from), in.errorString());
        return false;
    }
    if (!QDir().mkpath(QFileInfo(to).absolutePath())) {
        *error = tr("Cannot create a folder in %1.").arg(HomePath::display(m_target));
        return false;
    }
    QFile out(to);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = tr("Cannot write %1: %2").arg(HomePath::display(to), out.errorString());
        return false;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 size = 0;
    while (true) {
        if (cancelled && cancelled()) {
            *error = tr("The move was cancelled; the mirror stays in %1.")
                         .arg(HomePath::display(m_source));
            return false;
        }
        const QByteArray chunk = in.read(ChunkBytes);
        if (chunk.isEmpty())
            break;
        hash.addData(chunk);
        if (out.write(chunk) != chunk.size()) {
            *error = tr("Cannot write %1: %2").arg(HomePath::display(to), out.errorString());
            return false;
        }
        size += chunk.size();
        *done += chunk.size();
        if (progress)
            progress(*done, std::max(total, *done));
    }
    if (in.error() != QFileDevice::NoError || !out.flush()) {
        *error =
            tr("Copying %1 failed: %2")
                .arg(HomePath::display(from),
                     in.error() != QFileDevice::NoError ? in.errorString() : out.errorString());
        return false;
    }
    *copied = {relative, size, hash.result()};
    return true;
}

bool MirrorMover::verify(const QList<CopiedFile> &files, const Cancelled &cancelled,
                         QString *error) const
{
    for (const CopiedFile &file : files) {
        if (cancelled && cancelled()) {
            *error = tr("The move was cancelled; the mirror stays in %1.")
                         .arg(HomePath::display(m_source));
            return false;
        }
        const QString path = QDir(m_target).filePath(file.relative);
        QFile copy(path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (copy.size() != file.size || !copy.open(QIODevice::ReadOnly) || !hash.addData(&copy) ||
            hash.result() != file.sha256) {
            *error = tr("The copy of %1 differs from the original; the mirror stays in %2. "
                        "Check the target drive and try again.")
                         .arg(file.relative, HomePath::display(m_source));
            return false;
        }
    }
    return true;
}

void MirrorMover::clearTarget() const
{
    QDir target(m_target);
    if (!target.exists())
        return;
    const QStringList entries =
        target.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const QString path = target.filePath(entry);
        if (QFileInfo(path).isDir() && !QFileInfo(path).isSymLink())
            QDir(path).removeRecursively();
        else
            QFile::remove(path);
    }
}

bool MirrorMover::removeSource(QString *error)
{
    if (QDir(m_source).removeRecursively())
        return true;
    if (error)
        *error = tr("The mirror now lives in %1, but the old folder %2 could not be removed "
                    "completely; delete it by hand.")
                     .arg(HomePath::display(m_target), HomePath::display(m_source));
    return false;
}

} // namespace Stowaway

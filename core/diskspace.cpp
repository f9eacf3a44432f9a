// SPDX-License-Identifier: GPL-3.0-or-later
#include "diskspace.h"

#include <QFile>
#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <sys/statvfs.h>
#else
#include <QStorageInfo>
#endif

namespace Stowaway {

DiskSpace::DiskSpace(QString path, int refreshMs) : m_path(std::move(path)), m_refreshMs(refreshMs)
{}

qint64 DiskSpace::available()
{
    if (!m_valid || m_age.elapsed() >= m_refreshMs) {
        m_available = query(m_path);
        m_reserved = 0;
        m_valid = true;
        m_age.start();
    }
    if (m_available < 0)
        return -1;
    return std::max<qint64>(m_available - m_reserved, 0);
}

void DiskSpace::reserve(qint64 bytes)
{
    if (bytes > 0)
        m_reserved += bytes;
}

qint64 DiskSpace::query(const QString &path)
{
#ifdef Q_OS_UNIX
    struct statvfs info
    {
    };
    if (::statvfs(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return qint64(info.f_bavail) * qint64(info.f_frsize);
#else
    const QStorageInfo volume(path);
    return volume.isValid() ? volume.bytesAvailable() : -1;
#endif
}

} // namespace Stowaway

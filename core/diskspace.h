// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QString>

namespace Stowaway {

/**
 * Free space on the volume holding a folder, cheap enough to ask before every download.
 *
 * QStorageInfo re-reads the mount table on each query (an open of /dev/disk/by-label, a
 * readlink per path component and a parse of /proc/self/mountinfo); a sync that asked it
 * before each of 2,000 files spent more time there than on hashing. DiskSpace asks the
 * kernel (statvfs) at most once per refresh interval and, in between, subtracts what the
 * caller says it is about to write, so a burst of downloads still sees the space shrink.
 *
 * A plain value owned by one thread; no I/O in the constructor.
 */
class DiskSpace final
{
public:
    explicit DiskSpace(QString path, int refreshMs = 250);

    /// Bytes available to this user on the volume, or -1 when it cannot be told (no such
    /// folder, an exotic file system): callers then go ahead and let a failed write say so.
    qint64 available();

    /// Records that `bytes` are about to be written, so the next available() before the
    /// next refresh is that much smaller.
    void reserve(qint64 bytes);

    /// Forces the next available() to ask the kernel again.
    void invalidate() { m_valid = false; }

    const QString &path() const { return m_path; }

    /// One uncached query of the volume holding `path`, or -1.
    static qint64 query(const QString &path);

private:
    QString m_path;
    int m_refreshMs;
    QElapsedTimer m_age;
    qint64 m_available = -1;
    qint64 m_reserved = 0;
    bool m_valid = false;
};

} // namespace Stowaway

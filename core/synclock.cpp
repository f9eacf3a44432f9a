// SPDX-License-Identifier: GPL-3.0-or-later
#include "synclock.h"

#include <QDir>

namespace Stowaway {

SyncLock::SyncLock(const MirrorLayout &layout)
    : m_path(QDir(layout.root()).filePath(QStringLiteral("sync.lock"))), m_file(m_path)
{
    // A sync may run for hours; only a dead owner makes the lock stale, never its age.
    m_file.setStaleLockTime(0);
}

SyncLock::~SyncLock() = default;

bool SyncLock::tryLock(QString *error)
{
    if (m_file.isLocked() || m_file.tryLock(0))
        return true;
    if (!error)
        return false;
    qint64 pid = 0;
    QString host;
    QString app;
    if (m_file.error() == QLockFile::LockFailedError && m_file.getLockInfo(&pid, &host, &app))
        *error = SyncLock::tr("another sync (pid %1) is running on this mirror; wait for it "
                              "to finish or stop it, then try again")
                     .arg(pid);
    else if (m_file.error() == QLockFile::LockFailedError)
        *error = SyncLock::tr("another sync is running on this mirror; wait for it to finish "
                              "or stop it, then try again");
    else
        *error =
            SyncLock::tr("cannot create %1; check that the mirror folder is writable").arg(m_path);
    return false;
}

void SyncLock::unlock()
{
    if (m_file.isLocked())
        m_file.unlock();
}

} // namespace Stowaway

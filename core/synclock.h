// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorlayout.h"

#include <QCoreApplication>
#include <QLockFile>
#include <QString>

namespace Stowaway {

/**
 * The mirror-wide sync lock: `sync.lock` in the mirror folder, held by whichever sync runs
 * (`stowaway sync` or the desktop app), so two syncs never write the same mirror at once.
 * A lock left by a process that died is taken over. Released by unlock() or the destructor.
 * Not thread-safe; use it on one thread.
 */
class SyncLock final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::SyncLock)

public:
    explicit SyncLock(const MirrorLayout &layout);
    ~SyncLock();
    SyncLock(const SyncLock &) = delete;
    SyncLock &operator=(const SyncLock &) = delete;

    /// Takes the lock without waiting. When another process (or another SyncLock) holds it,
    /// returns false with `error` set to one line naming its pid and what to do.
    bool tryLock(QString *error);
    void unlock();
    bool isLocked() const { return m_file.isLocked(); }
    QString fileName() const { return m_path; }

private:
    QString m_path;
    QLockFile m_file;
};

} // namespace Stowaway

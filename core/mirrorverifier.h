// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorlayout.h"
#include "mirrorstate.h"
#include "servedindexwriter.h"
#include "verifyreport.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

namespace Stowaway {

/**
 * Reconciles a mirror's state with its files: re-hashes every stored version's .crate, looks
 * for stray files in crates/, and compares every served index file with what the state says
 * it must be. With `repair` it marks missing and damaged versions (moving damaged files to
 * the quarantine folder), records adoptable stray files as stored, clears forgotten upstream
 * validators and rewrites stale served files; other stray files are only reported.
 *
 * This is the work behind MirrorStore::verify(), which most code should call. It does not
 * own the layout, state or writer it is given: they must outlive it. Thread affinity: the
 * thread that uses the MirrorState.
 */
class MirrorVerifier final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::MirrorVerifier)

public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    /// `quarantineDir`: where repair moves damaged .crate files.
    MirrorVerifier(const MirrorLayout &layout, MirrorState &state, ServedIndexWriter &served,
                   QString quarantineDir);

    /// One pass over the mirror; without `repair` nothing is changed. `progress` is called
    /// once per hashed file.
    VerifyReport run(bool repair, const Progress &progress = {});

private:
    void checkStrayFiles(VerifyReport &report, bool repair);
    void checkServedFiles(VerifyReport &report, bool repair);
    /// Sets the state of `records`, then rewrites the served files of their crates.
    bool markVersions(const QList<VersionRecord> &records, const QString &state, QString *error);
    bool quarantine(const QString &path, const QString &crate, const QString &version,
                    QString *error);

    const MirrorLayout &m_layout;
    MirrorState &m_state;
    ServedIndexWriter &m_served;
    QString m_quarantineDir;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorlayout.h"
#include "mirrorstate.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Stowaway {

/**
 * Derives and writes the index files the mirror serves. A crate's served file is exactly the
 * lines of its upstream index file whose version the state records as stored with the same
 * cksum, byte for byte and in upstream order; with no such version there is no served file.
 *
 * Used by MirrorStore (after every write) and MirrorVerifier (checks and repairs). It does
 * not own the layout or the state: both must outlive it. Thread affinity: the thread that
 * uses the MirrorState.
 */
class ServedIndexWriter final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::ServedIndexWriter)

public:
    /// How a crate's served file on disk compares with what the state says it must be.
    enum class Status {
        UpToDate,       ///< the file matches (or is absent and nothing is stored)
        NothingToServe, ///< a file exists, but no version of the crate is stored
        NotServed,      ///< versions are stored, but there is no file
        Differs         ///< the file exists and its bytes differ
    };

    ServedIndexWriter(const MirrorLayout &layout, MirrorState &state);
    ServedIndexWriter(const ServedIndexWriter &) = delete;
    ServedIndexWriter &operator=(const ServedIndexWriter &) = delete;

    /// Compares the served file of `crate` with its expected bytes. Reads only.
    Status status(const CrateRecord &crate) const;

    /// Rewrites (or removes) the served file of `crate` if it differs, then clears its dirty
    /// flag.
    bool regenerate(const CrateRecord &crate, QString *error);
    /// The same for many crates, in one state transaction with two syncs in all. On failure
    /// the crates stay dirty, so the next MirrorStore::open() tries again. A file already up to
    /// date is synced too before its flag is cleared: an unsynced publish() may have left it.
    bool regenerate(const QList<CrateRecord> &crates, QString *error);
    /// Rewrites the served files of @p crates that differ, at once and without syncing: cargo
    /// sees them immediately, but they are not durable yet, so their dirty flags stay set.
    /// @p toSync gets what must be synced before the flags may be cleared (the files copied
    /// rather than linked, and every folder whose entries changed); see MirrorStore's settling.
    bool publish(const QList<CrateRecord> &crates, QStringList *toSync, QString *error);

private:
    enum class Durability { Synced, Unsynced };
    /// Writes the differing files, renames them into place and removes the ones with nothing
    /// to serve. Synced: copies are synced before their rename, and @p toSync gets the
    /// folders and the files already up to date. Unsynced: @p toSync gets the copies too.
    bool writeFiles(const QList<CrateRecord> &crates, Durability durability, QStringList *toSync,
                    QString *error);
    /// `sameAsUpstream`: set when the result is byte for byte the upstream file.
    QByteArray expectedBytes(const CrateRecord &crate, bool *sameAsUpstream = nullptr) const;

    const MirrorLayout &m_layout;
    MirrorState &m_state;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorlayout.h"
#include "mirrorstate.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Stowaway {

/// One upstream index file for a batch, exactly as fetched.
struct UpstreamIndexFile
{
    QString name;
    QByteArray bytes;
    QString etag;
    QString lastModified;
};

/// One download for a batch: a temp file on the mirror's volume.
struct CrateFileItem
{
    QString name;
    QString version;
    QString tempPath;
    /// The file's SHA-256 and size when the caller computed them while writing it (a
    /// download hashed as it arrived); empty / -1: the store reads the file to find out.
    QString sha256 = {};
    qint64 size = -1;
};

/// An item of a batch that was not stored, and why (a message for users).
struct CrateFileFailure
{
    QString name;
    QString version;
    QString error;
};

/// Served files rewritten without a sync (ServedIndexWriter::publish()): what must be synced
/// before the dirty flags of these crates may be cleared.
struct UnsettledServed
{
    QStringList paths;     ///< files and folders to sync
    QSet<qint64> crateIds; ///< crates whose served file is current but maybe not durable
    bool isEmpty() const { return paths.isEmpty() && crateIds.isEmpty(); }
};

/**
 * Writes one batch of fetched index files and downloaded .crate files to the mirror with one
 * sync and one state commit for the whole batch (one more of each when the batch replaces
 * index files of crates the mirror already has):
 *
 *  1. every index file and download is checked (crate name; SHA-256 against the cksum of the
 *     batch's own index file for that crate, else the state's); bad downloads are removed;
 *  2. one transaction reads what the state says of the batch's versions and marks the crates
 *     it already has whose index file the batch replaces dirty; their new index files are
 *     written and synced before they replace the old ones (a kill after that must still
 *     refresh their served files, yank flags included, from the new files);
 *  3. everything is renamed into place; one sync makes the files, their names and the served
 *     files published unsynced since the last batch durable. A new file may be torn by a power
 *     cut before that sync completes, but nothing refers to it yet;
 *  4. one transaction records the index files (versions, yank flags, validators), the stored
 *     files and their sizes, marks the affected crates dirty, and clears the dirty flags of
 *     the served files step 3 made durable (unless the batch touches those crates again).
 *
 * A kill or power cut at any point leaves stray temp files (MirrorStore::open() removes them)
 * or files in place that the state does not record (an index file is fetched again, a .crate
 * is adopted only after a SHA-256 check); never a served line without its stored file. The served
 * files themselves are the caller's (ServedIndexWriter). Does not own the layout or the state.
 */
class MirrorBatchWriter final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::MirrorBatchWriter)

public:
    struct Result
    {
        QList<CrateRecord> touched;       ///< crates whose served file must be rewritten
        QStringList indexErrors;          ///< one per problem with the index files
        QList<CrateFileFailure> failures; ///< downloads not stored (the rest are)
        QString error;                    ///< a sync or commit failure of the batch as a whole
    };

    MirrorBatchWriter(const MirrorLayout &layout, MirrorState &state);
    MirrorBatchWriter(const MirrorBatchWriter &) = delete;
    MirrorBatchWriter &operator=(const MirrorBatchWriter &) = delete;

    /// Stores @p files and @p items (taking ownership of every temp file) and settles
    /// @p unsettled along (emptied when its flags are cleared). With nothing to store it only
    /// settles: one sync and one commit.
    Result write(const QList<UpstreamIndexFile> &files, const QList<CrateFileItem> &items,
                 UnsettledServed *unsettled);

private:
    void dropTemp(const CrateFileItem &item) const;

    const MirrorLayout &m_layout;
    MirrorState &m_state;
};

} // namespace Stowaway

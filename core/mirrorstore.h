// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorbatchwriter.h"
#include "mirrorconfig.h"
#include "mirrorlayout.h"
#include "mirrorstate.h"
#include "mirrorsummary.h"
#include "resolverplan.h"
#include "servedindexwriter.h"
#include "verifyreport.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>

namespace Stowaway {

/**
 * The mirror on disk: mirror.toml, the state database, crate files, the upstream index files
 * as fetched and the index we serve. Everything else writes to the mirror through this class,
 * which keeps two invariants:
 *
 *  - the served index lists a version only when its .crate is stored and verified;
 *  - each served line is byte-identical to the upstream line, in upstream order.
 *
 * Every file write is crash-safe (AtomicFile) and every state change is a transaction.
 * The batch writers (storeBatch(), putUpstreamIndexes(), putCrateFiles()) keep the same
 * order for every item, but sync the whole batch at each step at once (one syncfs(2) instead
 * of an fsync per file and folder) and record it in one transaction (MirrorBatchWriter); the
 * single-item writers are batches of one.
 * Order of a write: file renamed into place → state commit (marks the crate's served file
 * dirty) → served file rewritten → dirty flag cleared. open() rewrites the served file of
 * every crate still marked dirty, so a kill -9 at any point leaves at worst a stray temp file
 * (removed by open()) or a stored-but-unrecorded .crate (verify offers to adopt it).
 *
 * Thread affinity: one MirrorStore per thread; create, use and destroy it on the same thread
 * (it owns a QSqlDatabase connection). Several stores, in one process or several, may open
 * the same mirror: SQLite serialises the writers. The server threads do not use it; they
 * read the served index and crate files directly.
 */
class MirrorStore final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::MirrorStore)

public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit MirrorStore(MirrorLayout layout);
    ~MirrorStore();
    MirrorStore(const MirrorStore &) = delete;
    MirrorStore &operator=(const MirrorStore &) = delete;

    /// Creates the folders, loads (or creates) mirror.toml, opens and migrates the state,
    /// removes stale temp files and rewrites served files left dirty by an interrupted write.
    bool open(QString *error);
    bool isOpen() const { return m_state.isOpen(); }

    const MirrorLayout &layout() const { return m_layout; }
    const MirrorConfig &config() const { return m_config; }
    /// Replaces the settings and writes mirror.toml if a value changed. Rejects values the
    /// file could not be read back with (same checks and messages as loading).
    bool setConfig(const MirrorConfig &config, QString *error);
    /// Where verify --repair moves damaged .crate files.
    QString quarantineDir() const;

    /// Saves an upstream index file exactly as fetched, records its versions (new ones as
    /// "known"; yank flags updated) with the HTTP validators, and rewrites the served file.
    bool putUpstreamIndex(const QString &name, const QByteArray &fileBytes, const QString &etag,
                          const QString &lastModified, QString *error);

    /// The same for many files: each valid one is saved; one write and sync of all files, one
    /// transaction for all rows, each affected served file rewritten once. Returns true when
    /// every file was stored; otherwise `errors` gets a message per problem (a bad crate name
    /// skips that file; a failing write or commit fails the rest of the batch).
    bool putUpstreamIndexes(const QList<UpstreamIndexFile> &files, QStringList *errors);

    /// Stores a .crate after checking its SHA-256 against the recorded cksum; nothing reaches
    /// crates/ on a mismatch or for a version the state does not know.
    bool putCrate(const QString &name, const QString &version, const QByteArray &bytes,
                  QString *error);
    /// Same for a download already in a temp file (make it with newTempFile(): it must be on
    /// the mirror's volume). Takes ownership: the temp file is moved or removed.
    bool putCrateFile(const QString &name, const QString &version, const QString &tempPath,
                      QString *error);
    /// Stores many downloads at once: each temp file is hashed against the state's cksum;
    /// the good ones are synced with one call, renamed into place, synced again, recorded in
    /// one transaction, and each affected crate's served file is rewritten once. Takes
    /// ownership of every temp file. Returns true when all were stored; otherwise
    /// `failures` lists the ones that were not (unknown version, damaged, or the batch's
    /// write or commit failed), the others are stored.
    ///
    /// How the served files of the crates a batch touched are updated:
    ///  - Now: rewritten and synced, their dirty flags cleared (two more syncs, one commit);
    ///  - Deferred: only marked dirty; the next publishDirty() (or open(), after a crash)
    ///    rewrites them, and until then cargo sees the crates as they were;
    ///  - Visible: rewritten at once without a sync, so cargo sees them immediately; they stay
    ///    marked dirty until the next batch or settleServed() has made them durable (that
    ///    batch's first sync covers them, its commit clears the flags).
    enum class ServedUpdate { Now, Deferred, Visible };
    bool putCrateFiles(const QList<CrateFileItem> &items, QList<CrateFileFailure> *failures,
                       ServedUpdate update = ServedUpdate::Now);
    /// Index files and downloads in one batch (MirrorBatchWriter: two syncs, one commit): a
    /// download may be checked against an index file of the same batch. Everything else as
    /// putUpstreamIndexes() and putCrateFiles(); a failure to update the served files goes to
    /// @p servedError (what was stored stays stored, and the crates stay marked dirty).
    bool storeBatch(const QList<UpstreamIndexFile> &files, const QList<CrateFileItem> &items,
                    ServedUpdate update, QStringList *indexErrors,
                    QList<CrateFileFailure> *failures, QString *servedError = nullptr);
    /// Makes the served files of ServedUpdate::Visible batches durable and clears their dirty
    /// flags: one sync, one commit. Nothing to do when the last batch already settled them.
    bool settleServed(QString *error);
    /// Rewrites the served file of every crate marked dirty, in one batch.
    bool publishDirty(QString *error);
    /// Records versions whose .crate is already in place with the right checksum (left by a
    /// run killed between moving files into place and recording them), as one batch.
    /// Returns the items that were not adopted (no file, or a different one: left alone).
    QList<CrateFileItem> adoptCrateFiles(const QList<CrateFileItem> &items);
    /// Of @p versions (planned by a sync), the ones to download: not stored with that
    /// checksum, and not left whole in place by an interrupted run (those are adopted here,
    /// in one batch). A version the state does not know yet is new: it is downloaded.
    /// @p alreadyStored gets how many were stored already or adopted.
    QList<PlannedVersion> versionsToFetch(const QList<PlannedVersion> &versions,
                                          int *alreadyStored);
    /// An empty temp file in the mirror's temp folder, for streaming a download into.
    QString newTempFile(QString *error) const;

    std::optional<CrateRecord> crate(const QString &name) const;
    std::optional<VersionRecord> version(const QString &name, const QString &version) const;

    /// Rewrites one crate's served index file from its upstream file and the state.
    bool regenerateServedIndex(const QString &name, QString *error);

    /// Counts from the state, upstream from mirror.toml, the last successful sync.
    MirrorSummary summary() const;

    /// Records why `name` is mirrored; `reason` is "popular", "named", "lockfile" or
    /// "dependency". Adding the same (name, reason, detail) twice keeps one entry.
    bool addToSelection(const QString &name, const QString &reason, const QString &detail,
                        QString *error);
    /// The same for many entries, in one transaction. An invalid entry is skipped; the
    /// others are kept. Returns false with the first problem when one was skipped.
    bool addToSelection(const QList<SelectionEntry> &entries, QString *error);
    /// What a sync saves of its selection: @p roots are added, and the "dependency" entries are
    /// replaced by the dependencies @p plan holds (they only say why a crate is there; a name
    /// among the roots is not repeated). Three transactions, not one per entry.
    bool saveSyncSelection(const QList<SelectionEntry> &roots, const ResolverPlan &plan,
                           QString *error);
    /// Every selection entry, ordered by crate name. A crate may appear once per reason/detail.
    QList<SelectionEntry> selection() const;
    /// Every crate the state knows plus every selected name not fetched yet, with version
    /// counts, stored bytes and the strongest selection reason; ordered by name. Read-only.
    QList<CrateListEntry> crateList() const;
    /// Removes the entries with `reason` ("popular", "named", "lockfile", "dependency").
    bool clearSelection(const QString &reason, QString *error);
    /// Unselects a crate: removes its "popular", "named" and "lockfile" entries (any spelling
    /// cargo treats as equal), so `sync` without flags no longer asks for it. Its
    /// "dependency" entries stay until the next sync recomputes them. `removed` gets the
    /// number of entries removed.
    bool removeFromSelection(const QString &name, QString *error, int *removed = nullptr);
    /// The selection entries of one crate, oldest first.
    QList<SelectionEntry> selectionOf(const QString &name) const;

    /// Marks crates deleted upstream (they stay, with whatever is stored) or clears the mark.
    bool setRemovedUpstream(const QStringList &names, bool removed, QString *error)
    {
        return m_state.setRemovedUpstream(names, removed, error);
    }
    /// Crates the upstream deleted that the mirror keeps, by name.
    QStringList removedUpstreamCrates() const { return m_state.removedUpstreamCrates(); }
    /// Every crate's upstream ETag by lower-cased name (for comparing a whole git tree).
    QHash<QString, QString> crateEtags() const { return m_state.crateEtags(); }
    /// A full mirror's download queue, a page at a time: versions known and not stored
    /// (states known, missing, corrupt) of crates not removed upstream, after row @p afterId.
    QList<VersionRecord> unstoredVersions(qint64 afterId, int limit, qint64 *lastId) const
    {
        return m_state.unstoredVersions(afterId, limit, lastId);
    }
    qint64 unstoredVersionCount() const { return m_state.unstoredVersionCount(); }
    /// A sync marker such as the last fully synced git commit; empty when unset.
    QString syncMarker(const QString &key) const { return m_state.meta(key); }
    bool setSyncMarker(const QString &key, const QString &value, QString *error)
    {
        return m_state.setMeta(key, value, error);
    }

    qint64 beginSyncRun(QString *error);
    /// `status` is "ok", "failed" or "cancelled".
    bool finishSyncRun(qint64 id, const QString &status, const SyncRunCounts &counts,
                       const QString &errorText, QString *error);

    /// Re-hashes every stored version's file and reconciles state and tree (lists crates/
    /// and index/ — the only place that walks the tree; MirrorVerifier does the work). With
    /// `repair`: missing and corrupt versions are marked so (corrupt files are moved to
    /// quarantine/), adoptable stray files are recorded as stored, served files are rewritten.
    /// Other stray files are only reported. Without `repair` nothing is changed. `progress` is
    /// called per hashed file.
    VerifyReport verify(bool repair, const Progress &progress = {});

private:
    MirrorLayout m_layout;
    MirrorConfig m_config;
    MirrorState m_state;
    ServedIndexWriter m_served{m_layout, m_state}; ///< after the two it refers to
    MirrorBatchWriter m_batch{m_layout, m_state};
    UnsettledServed m_unsettled; ///< Visible served files not synced yet
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "popularcrate.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <atomic>
#include <optional>

namespace Stowaway {

class ClosureResolver;
class GitIndex;
class ReverseDependencies;

/**
 * Selection from a local git index: the index file of any crate at one commit, read
 * straight from the object database with no HTTP request, so popular, named, lockfile and
 * closure selection work offline; and popularity without the network (crates ranked by how
 * many crates depend on them) for when the downloads API cannot be reached.
 *
 * Borrows the GitIndex, which must outlive it; like the GitIndex it blocks (a whole-index
 * scan takes seconds) and must be used from one thread at a time, a worker thread in
 * product code.
 */
class LocalIndex final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::LocalIndex)

public:
    LocalIndex(const GitIndex &git, QByteArray commit);

    const QByteArray &commit() const { return m_commit; }
    /// Whole-index scans stop early (and fail) once @p flag is set; it must outlive this.
    void setCancelFlag(const std::atomic_bool *flag) { m_cancel = flag; }

    /// The raw index file of @p crateName (any spelling); nothing when the commit has none
    /// or the name is not a valid crate name.
    std::optional<QByteArray> indexFile(const QString &crateName) const;

    /// Hands @p resolver every index file it asks for (parsed with IndexLine), or reports
    /// the crate missing, until it is closed. Returns the number of files read.
    int resolve(ClosureResolver &resolver) const;

    /// Streams every index file of the commit through @p counter (one blob in memory at a
    /// time). False with @p error set when the commit cannot be read.
    bool countDependents(ReverseDependencies &counter, QString *error) const;

    /// The @p n crates with most dependents (see ReverseDependencies::ranking), from one
    /// whole-index scan; nothing with @p error set when the commit cannot be read.
    std::optional<QList<PopularCrate>> popular(int n, QString *error) const;

private:
    const GitIndex &m_git;
    const QByteArray m_commit;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace Stowaway

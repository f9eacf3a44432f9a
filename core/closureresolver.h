// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "indexline.h"
#include "resolverplan.h"
#include "semverreq.h"
#include "targetfilter.h"
#include "versionpolicy.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Stowaway {

/// How a sync selects versions: the policy for roots, the platforms whose target
/// dependencies count, and whether dev-dependencies are followed.
struct ResolverOptions
{
    VersionPolicy policy = {};
    TargetFilter platforms = {}; ///< default: every target applies
    bool devDeps = false;
};

/// A crate the user asked for (`--popular`, `--crate`, `--lockfile`).
struct SyncRoot
{
    QString name = {};
    SemverReq req = SemverReq::any();
    QString exactVersion = {}; ///< from a lockfile: keep exactly this version, yanked or not
    QString reason = {};       ///< `popular`, `named` or `lockfile`
    QString detail = {};       ///< e.g. "--crate serde@^1" or the lockfile's path
};

/**
 * The dependency closure of a sync, computed as a pure, synchronous state machine that the
 * sync engine pumps: add roots, fetch the index files the resolver asks for, hand them in
 * with provide() (or provideMissing()), repeat until isClosed(), then read plan().
 *
 * Roots keep the versions the policy selects (a lockfile pin keeps exactly its version).
 * For every kept version, each normal and build dependency (dev ones only with
 * ResolverOptions::devDeps), optional ones included, whose target applies, resolves to the
 * newest non-yanked version matching its requirement by cargo's rules; that version is kept
 * and followed in turn. Renamed dependencies resolve through `package`; dependencies on
 * another registry are skipped and reported. Names compare as cargo compares them
 * (IndexPath::canonicalName); output keeps the index's spelling.
 *
 * Each crate's versions are parsed and sorted once; requirement lookups are memoised per
 * crate, so a closure of thousands of crates plans in milliseconds. Not thread-safe: use
 * it from one thread (it owns no QObject and does no I/O).
 */
class ClosureResolver final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::ClosureResolver)

public:
    explicit ClosureResolver(ResolverOptions options);

    /// Adds a root. If its index file is already provided, its versions are kept at once.
    void addRoot(const SyncRoot &root);

    /// Crates whose index file is needed and neither provided nor missing yet, in the
    /// order they were first needed.
    QStringList pendingNames() const;
    /// The pending crates not returned by an earlier call: over the resolver's lifetime
    /// every crate is handed out at most once. The engine fetches exactly these.
    QStringList takeNewNames();
    /// How many crates are pending.
    int pendingCount() const { return m_pendingCount; }

    /// The crate's parsed upstream index file. A file for a crate nobody asked for yet is
    /// kept for later; a second file for the same crate is ignored.
    void provide(const QString &name, const QList<IndexLine> &lines);
    /// The crate's index file could not be had (404, fetch failure): reported in plan().
    void provideMissing(const QString &name, const QString &why);

    /// True when nothing is pending.
    bool isClosed() const { return m_pendingCount == 0; }

    /// The detail saved for a dependency is "needed by NAME VERSION" (kept in the mirror's
    /// state as data, in English); this is its translated text for display. Other details
    /// come back as they are.
    static QString detailText(const QString &detail);
    /// Every kept version, sorted by name then version, and the problems so far.
    ResolverPlan plan() const;
    /// The versions kept since the last call, in the order they were kept. A kept version
    /// stays kept (later requirements only add versions), so a caller may download these
    /// before the closure is complete; over the resolver's lifetime each is returned once.
    QList<PlannedVersion> takeNewlyKept();

private:
    enum class State { Unknown, Pending, Provided, Missing };
    struct Reason
    {
        QString reason = {};
        QString detail = {};
    };
    /// Someone waiting for a crate's index: a root, or a dependency of a kept version.
    struct Waiter
    {
        qsizetype root = -1; ///< index into m_roots, or -1 for a dependency
        QString req = {};
        int parentCrate = -1;
        qsizetype parentVersion = -1;
    };
    struct Crate
    {
        QString key = {};      ///< canonical name
        QString spelling = {}; ///< the name as first asked for
        State state = State::Unknown;
        bool handedOut = false;
        QList<IndexLine> lines;
        QList<VersionPolicy::Candidate> candidates; ///< usable lines, parsed
        QList<qsizetype> lineOf;                    ///< candidate -> index into lines
        QList<qsizetype> newestFirst;               ///< candidate indexes, newest first
        QList<std::optional<Reason>> kept;          ///< per candidate
        QHash<QString, qsizetype> resolved;         ///< requirement -> candidate or Outcome
        QList<Waiter> waiting;
        QString firstNeededBy = {};
    };
    enum Outcome : qsizetype { NoMatch = -1, OnlyYanked = -2, BadRequirement = -3 };

    int crateFor(const QString &name);
    /// Marks `name` Provided or Missing once; its index, or -1 when it was settled before.
    int settle(const QString &name, State state);
    void setPending(Crate &crate);
    void applyRoot(int crateIndex, qsizetype rootIndex);
    void need(int crateIndex, Waiter waiter);
    void resolveDependency(int crateIndex, const Waiter &waiter);
    qsizetype resolve(Crate &crate, const QString &reqText);
    std::optional<SemverReq> parseReq(const QString &text, QString *error);
    void keep(int crateIndex, qsizetype candidate, const Reason &reason, bool isRoot);
    void drain();
    void expand(int crateIndex, qsizetype candidate);
    QString label(int crateIndex, qsizetype candidate) const;
    QString rootLabel(const SyncRoot &root) const;
    void addProblem(ResolverProblem::Kind kind, const QString &crate, const QString &message);

    ResolverOptions m_options;
    std::vector<Crate> m_crates;
    QHash<QString, int> m_index; ///< canonical name -> m_crates index
    QList<SyncRoot> m_roots;
    QList<std::pair<int, qsizetype>> m_toExpand;
    QList<std::pair<int, qsizetype>> m_newlyKept; ///< since the last takeNewlyKept()
    QHash<QString, std::optional<SemverReq>> m_reqs;
    QHash<QString, QString> m_reqErrors;
    QList<ResolverProblem> m_problems;
    QSet<QString> m_problemKeys;
    QList<int> m_askOrder; ///< crates in the order they became pending
    qsizetype m_handedOut = 0;
    int m_pendingCount = 0;
};

} // namespace Stowaway

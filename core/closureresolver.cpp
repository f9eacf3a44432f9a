// SPDX-License-Identifier: GPL-3.0-or-later
#include "closureresolver.h"

#include "indexpath.h"
#include "lockfile.h"

#include <algorithm>
#include <utility>

namespace Stowaway {

namespace {

const QString DependencyReason = QStringLiteral("dependency");
/// Saved (untranslated) before the parent of a dependency; detailText() translates it.
constexpr char NeededByPrefix[] = "needed by ";

// crates.io's index named explicitly (a dependency written `registry = "crates-io"` from
// another registry's point of view) is the same registry, not a foreign one.
bool isForeignRegistry(const QString &registry)
{
    if (registry.isEmpty())
        return false;
    if (LockFile::isCratesIo(registry) ||
        LockFile::isCratesIo(QLatin1String("registry+") + registry))
        return false;
    return registry != QLatin1String("https://index.crates.io/") &&
           registry != QLatin1String("https://index.crates.io");
}

} // namespace

ClosureResolver::ClosureResolver(ResolverOptions options) : m_options(std::move(options)) {}

int ClosureResolver::crateFor(const QString &name)
{
    const QString key = IndexPath::canonicalName(name);
    const auto found = m_index.constFind(key);
    if (found != m_index.constEnd())
        return *found;
    const int index = int(m_crates.size());
    Crate crate;
    crate.key = key;
    crate.spelling = name;
    m_crates.push_back(std::move(crate));
    m_index.insert(key, index);
    return index;
}

void ClosureResolver::setPending(Crate &crate)
{
    if (crate.state != State::Unknown)
        return;
    crate.state = State::Pending;
    ++m_pendingCount;
    m_askOrder.append(m_index.value(crate.key));
}

QString ClosureResolver::detailText(const QString &detail)
{
    const QLatin1String prefix(NeededByPrefix);
    if (detail.startsWith(prefix))
        return tr("needed by %1").arg(detail.mid(prefix.size()));
    return detail;
}

QStringList ClosureResolver::pendingNames() const
{
    QStringList names;
    for (int index : m_askOrder) {
        if (m_crates[index].state == State::Pending)
            names.append(m_crates[index].spelling);
    }
    return names;
}

QStringList ClosureResolver::takeNewNames()
{
    QStringList names;
    for (; m_handedOut < m_askOrder.size(); ++m_handedOut) {
        Crate &crate = m_crates[m_askOrder[m_handedOut]];
        if (crate.state == State::Pending && !crate.handedOut) {
            crate.handedOut = true;
            names.append(crate.spelling);
        }
    }
    return names;
}

void ClosureResolver::addRoot(const SyncRoot &root)
{
    m_roots.append(root);
    need(crateFor(root.name), Waiter{.root = m_roots.size() - 1});
    drain();
}

int ClosureResolver::settle(const QString &name, State state)
{
    const int index = crateFor(name);
    Crate &crate = m_crates[index];
    if (crate.state == State::Provided || crate.state == State::Missing)
        return -1;
    if (crate.state == State::Pending)
        --m_pendingCount;
    crate.state = state;
    return index;
}

void ClosureResolver::provide(const QString &name, const QList<IndexLine> &lines)
{
    const int index = settle(name, State::Provided);
    if (index < 0)
        return;
    Crate &crate = m_crates[index];
    crate.lines = lines;
    crate.candidates.reserve(lines.size());
    crate.lineOf.reserve(lines.size());
    QSet<QString> seen; // a version listed twice is planned once (the first line wins)
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (seen.contains(lines[i].vers))
            continue;
        seen.insert(lines[i].vers);
        if (std::optional<SemverVersion> version = SemverVersion::parse(lines[i].vers)) {
            crate.candidates.append({std::move(*version), lines[i].yanked});
            crate.lineOf.append(i);
        }
    }
    crate.kept.resize(crate.candidates.size());
    crate.newestFirst.resize(crate.candidates.size());
    for (qsizetype i = 0; i < crate.newestFirst.size(); ++i)
        crate.newestFirst[i] = i;
    std::stable_sort(crate.newestFirst.begin(), crate.newestFirst.end(),
                     [&crate](qsizetype a, qsizetype b) {
                         return crate.candidates[a].version > crate.candidates[b].version;
                     });
    const QList<Waiter> waiting = std::exchange(crate.waiting, {});
    for (const Waiter &waiter : waiting) {
        if (waiter.root >= 0)
            applyRoot(index, waiter.root);
        else
            resolveDependency(index, waiter);
    }
    drain();
}

void ClosureResolver::provideMissing(const QString &name, const QString &why)
{
    const int index = settle(name, State::Missing);
    if (index < 0)
        return;
    Crate &crate = m_crates[index];
    QString message;
    if (crate.firstNeededBy.isEmpty())
        message = tr("%1 is not available upstream (%2)").arg(crate.spelling, why);
    else if (crate.waiting.size() > 1)
        message = tr("%1 is not available upstream (%2); needed by %3 and %n more", nullptr,
                     int(crate.waiting.size() - 1))
                      .arg(crate.spelling, why, crate.firstNeededBy);
    else
        message = tr("%1 is not available upstream (%2); needed by %3")
                      .arg(crate.spelling, why, crate.firstNeededBy);
    crate.waiting.clear();
    addProblem(ResolverProblem::Kind::MissingCrate, crate.spelling, message);
}

void ClosureResolver::need(int crateIndex, Waiter waiter)
{
    Crate &crate = m_crates[crateIndex];
    switch (crate.state) {
    case State::Provided:
        if (waiter.root >= 0)
            applyRoot(crateIndex, waiter.root);
        else
            resolveDependency(crateIndex, waiter);
        return;
    case State::Missing:
        return;
    case State::Unknown:
        crate.firstNeededBy = waiter.root >= 0 ? rootLabel(m_roots[waiter.root])
                                               : label(waiter.parentCrate, waiter.parentVersion);
        setPending(crate);
        break;
    case State::Pending:
        break;
    }
    m_crates[crateIndex].waiting.append(std::move(waiter));
}

void ClosureResolver::applyRoot(int crateIndex, qsizetype rootIndex)
{
    const SyncRoot &root = m_roots[rootIndex];
    Crate &crate = m_crates[crateIndex];
    const Reason reason{root.reason, root.detail};
    if (!root.exactVersion.isEmpty()) {
        const std::optional<SemverVersion> wanted = SemverVersion::parse(root.exactVersion);
        for (qsizetype c = 0; c < crate.candidates.size(); ++c) {
            if (crate.lines[crate.lineOf[c]].vers == root.exactVersion ||
                (wanted && crate.candidates[c].version == *wanted)) {
                keep(crateIndex, c, reason, true);
                return;
            }
        }
        addProblem(ResolverProblem::Kind::MissingPin, crate.spelling,
                   tr("%1 pins %2 %3, but the index has no such version")
                       .arg(rootLabel(root), crate.spelling, root.exactVersion));
        return;
    }
    const QList<qsizetype> chosen = m_options.policy.choose(crate.candidates, root.req);
    for (qsizetype c : chosen)
        keep(crateIndex, c, reason, true);
    if (chosen.isEmpty())
        addProblem(ResolverProblem::Kind::NoMatchingRoot, crate.spelling,
                   tr("%1: no non-yanked version of %2 matches %3")
                       .arg(rootLabel(root), crate.spelling, root.req.toString()));
}

std::optional<SemverReq> ClosureResolver::parseReq(const QString &text, QString *error)
{
    auto found = m_reqs.constFind(text);
    if (found == m_reqs.constEnd()) {
        QString parseError;
        found = m_reqs.insert(text, SemverReq::parse(text, &parseError));
        if (!*found)
            m_reqErrors.insert(text, parseError);
    }
    if (!*found && error)
        *error = m_reqErrors.value(text);
    return *found;
}

qsizetype ClosureResolver::resolve(Crate &crate, const QString &reqText)
{
    const auto memo = crate.resolved.constFind(reqText);
    if (memo != crate.resolved.constEnd())
        return *memo;
    qsizetype outcome = BadRequirement;
    if (const std::optional<SemverReq> req = parseReq(reqText, nullptr)) {
        outcome = NoMatch;
        for (qsizetype c : std::as_const(crate.newestFirst)) {
            if (!req->matches(crate.candidates[c].version))
                continue;
            if (!crate.candidates[c].yanked) {
                outcome = c;
                break;
            }
            outcome = OnlyYanked;
        }
    }
    crate.resolved.insert(reqText, outcome);
    return outcome;
}

void ClosureResolver::resolveDependency(int crateIndex, const Waiter &waiter)
{
    Crate &crate = m_crates[crateIndex];
    const qsizetype outcome = resolve(crate, waiter.req);
    if (outcome >= 0) {
        keep(crateIndex, outcome,
             {DependencyReason,
              QLatin1String(NeededByPrefix) + label(waiter.parentCrate, waiter.parentVersion)},
             false);
        return;
    }
    const QString parent = label(waiter.parentCrate, waiter.parentVersion);
    switch (outcome) {
    case OnlyYanked:
        addProblem(ResolverProblem::Kind::OnlyYanked, crate.spelling,
                   tr("%1 needs %2 %3, but every matching version is yanked")
                       .arg(parent, crate.spelling, waiter.req));
        break;
    case BadRequirement: {
        QString error;
        parseReq(waiter.req, &error);
        addProblem(ResolverProblem::Kind::InvalidRequirement, crate.spelling,
                   tr("%1 needs %2 \"%3\", which is not a valid requirement: %4")
                       .arg(parent, crate.spelling, waiter.req, error));
        break;
    }
    default:
        addProblem(ResolverProblem::Kind::Unsatisfiable, crate.spelling,
                   tr("%1 needs %2 %3, but the index has no such version")
                       .arg(parent, crate.spelling, waiter.req));
        break;
    }
}

void ClosureResolver::keep(int crateIndex, qsizetype candidate, const Reason &reason, bool isRoot)
{
    std::optional<Reason> &kept = m_crates[crateIndex].kept[candidate];
    if (kept) {
        // A root names the version itself: that says more than "needed by".
        if (isRoot && kept->reason == DependencyReason)
            kept = reason;
        return;
    }
    kept = reason;
    m_toExpand.append({crateIndex, candidate});
    m_newlyKept.append({crateIndex, candidate});
}

QList<PlannedVersion> ClosureResolver::takeNewlyKept()
{
    QList<PlannedVersion> versions;
    versions.reserve(m_newlyKept.size());
    for (const auto &[crateIndex, candidate] : std::exchange(m_newlyKept, {})) {
        const Crate &crate = m_crates[crateIndex];
        const IndexLine &line = crate.lines[crate.lineOf[candidate]];
        const Reason &reason = *crate.kept[candidate];
        versions.append(
            {line.name, line.vers, line.cksum, line.yanked, reason.reason, reason.detail});
    }
    return versions;
}

void ClosureResolver::drain()
{
    // Index-based: expand() may append while we walk.
    for (qsizetype i = 0; i < m_toExpand.size(); ++i)
        expand(m_toExpand[i].first, m_toExpand[i].second);
    m_toExpand.clear();
}

void ClosureResolver::expand(int crateIndex, qsizetype candidate)
{
    // Copy the line's deps list (implicitly shared, cheap): need() may grow m_crates.
    const QList<IndexDependency> deps =
        m_crates[crateIndex].lines[m_crates[crateIndex].lineOf[candidate]].deps;
    for (const IndexDependency &dep : deps) {
        if (dep.kind == QLatin1String("dev") && !m_options.devDeps)
            continue;
        if (!dep.target.isEmpty() && !m_options.platforms.applies(dep.target))
            continue;
        if (isForeignRegistry(dep.registry)) {
            addProblem(
                ResolverProblem::Kind::ForeignRegistry, dep.crateName(),
                tr("%1 depends on %2 %3 from another registry (%4); skipped, "
                   "only one registry is mirrored")
                    .arg(label(crateIndex, candidate), dep.crateName(), dep.req, dep.registry));
            continue;
        }
        need(crateFor(dep.crateName()),
             Waiter{.req = dep.req, .parentCrate = crateIndex, .parentVersion = candidate});
    }
}

QString ClosureResolver::label(int crateIndex, qsizetype candidate) const
{
    const Crate &crate = m_crates[crateIndex];
    const IndexLine &line = crate.lines[crate.lineOf[candidate]];
    return line.name + QLatin1Char(' ') + line.vers;
}

QString ClosureResolver::rootLabel(const SyncRoot &root) const
{
    if (root.detail.isEmpty())
        return root.reason.isEmpty() ? root.name : root.reason;
    return root.detail;
}

void ClosureResolver::addProblem(ResolverProblem::Kind kind, const QString &crate,
                                 const QString &message)
{
    if (m_problemKeys.contains(message))
        return;
    m_problemKeys.insert(message);
    m_problems.append({kind, crate, message});
}

ResolverPlan ClosureResolver::plan() const
{
    QList<int> order;
    for (int i = 0; i < int(m_crates.size()); ++i) {
        if (m_crates[i].state == State::Provided)
            order.append(i);
    }
    std::sort(order.begin(), order.end(),
              [this](int a, int b) { return m_crates[a].key < m_crates[b].key; });
    ResolverPlan plan;
    for (int index : std::as_const(order)) {
        const Crate &crate = m_crates[index];
        // newestFirst reversed is oldest first.
        for (auto it = crate.newestFirst.crbegin(); it != crate.newestFirst.crend(); ++it) {
            const std::optional<Reason> &reason = crate.kept[*it];
            if (!reason)
                continue;
            const IndexLine &line = crate.lines[crate.lineOf[*it]];
            plan.versions.append(
                {line.name, line.vers, line.cksum, line.yanked, reason->reason, reason->detail});
        }
    }
    plan.problems = m_problems;
    return plan;
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Stowaway {

/// One version a sync keeps, and why.
struct PlannedVersion
{
    QString name = {};    ///< as spelled in the index (original case)
    QString version = {}; ///< exactly as in the index line's `vers`
    QString cksum = {};   ///< SHA-256 of the .crate, from the index line
    bool yanked = false;
    QString reason = {}; ///< the root's reason (`popular`, `named`, `lockfile`) or `dependency`
    QString detail = {}; ///< the root's detail, or "needed by serde 1.0.195"

    bool operator==(const PlannedVersion &) const = default;
};

/// Something the closure could not follow. The sync goes on; the user is told.
struct ResolverProblem
{
    enum class Kind {
        Unsatisfiable,      ///< no version of the dependency matches the requirement
        OnlyYanked,         ///< every matching version is yanked
        InvalidRequirement, ///< the requirement is not valid semver syntax
        MissingCrate,       ///< upstream has no index file for the crate (or it failed)
        ForeignRegistry,    ///< a dependency on another registry, skipped
        MissingPin,         ///< a lockfile pins a version the index does not have
        NoMatchingRoot,     ///< a root's requirement selects no version
    };
    Kind kind = Kind::Unsatisfiable;
    QString crate = {};   ///< the crate the problem is about
    QString message = {}; ///< one line for the user

    bool operator==(const ResolverProblem &) const = default;
};

/**
 * What ClosureResolver decided: every (name, version) to mirror exactly once, sorted by
 * name (cargo's comparison) then version, and the problems met on the way. A plain value.
 */
struct ResolverPlan
{
    QList<PlannedVersion> versions = {};
    QList<ResolverProblem> problems = {};
};

} // namespace Stowaway

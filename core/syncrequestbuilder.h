// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mirrorstate.h"
#include "syncrequest.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace Stowaway {

class MirrorConfig;

/// What a caller (CLI flags, the desktop app) asks of one sync on top of mirror.toml.
/// Empty / unset fields fall back to the mirror's settings.
struct SyncOverrides
{
    QString upstream;      ///< empty: mirror.toml's upstream
    QString versions;      ///< empty: mirror.toml's versions policy
    QStringList platforms; ///< used when `platformsSet`
    bool platformsSet = false;
    bool devDeps = false; ///< or'ed with mirror.toml's dev-deps
    int jobs = 0;         ///< 0: mirror.toml's jobs
    int popular = 0;
    QList<SyncRoot> roots;
    bool dryRun = false;
    bool all = false;         ///< every crate of a git index upstream (`sync --all`)
    QByteArray authorization; ///< a private upstream's token; see SyncRequest::authorization
    QString cainfo;           ///< empty: mirror.toml's cainfo; a PEM file of extra CAs
    QString proxy;            ///< empty: mirror.toml's proxy; "none" or a proxy URL
};

/**
 * Builds the SyncRequest of one sync from a mirror's settings and the caller's overrides,
 * the same way for `stowaway sync` and the desktop app. Pure function; any thread.
 */
class SyncRequestBuilder final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::SyncRequestBuilder)

public:
    /// The request; std::nullopt with `error` set to one line saying what is wrong with which
    /// value (an upstream, versions policy, target triple or proxy that does not parse).
    /// The proxy environment variables are read from this process's environment.
    static std::optional<SyncRequest> build(const MirrorConfig &config,
                                            const SyncOverrides &overrides, QString *error);
    /// The roots a sync without selection flags syncs again: the saved selection's "named"
    /// (with its requirement), "lockfile" (its exact version, saved as "=VERSION from PATH")
    /// and "popular" entries. "dependency" entries are not roots: they follow from the others.
    static QList<SyncRoot> savedRoots(const QList<SelectionEntry> &selection);
};

} // namespace Stowaway

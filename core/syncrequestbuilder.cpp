// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncrequestbuilder.h"

#include "gitindex.h"

#include <QDir>
#include <QFileInfo>

#include "mirrorconfig.h"
#include "platformtable.h"
#include "tlstrust.h"
#include "upstreamproxy.h"
#include "upstreamurl.h"

namespace Stowaway {

std::optional<SyncRequest> SyncRequestBuilder::build(const MirrorConfig &config,
                                                     const SyncOverrides &overrides, QString *error)
{
    QString problem;
    const auto fail = [&](const QString &message) -> std::optional<SyncRequest> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    SyncRequest request;
    const QString upstreamText =
        overrides.upstream.isEmpty() ? config.upstream() : overrides.upstream;
    if (GitIndex::isGitUpstream(upstreamText)) {
        // A local path is kept absolute, so the mirror finds it from any folder.
        request.upstream = upstreamText.contains(QLatin1String("://"))
                               ? upstreamText
                               : QDir::cleanPath(QFileInfo(upstreamText).absoluteFilePath());
    } else {
        const auto upstream = UpstreamUrl::parse(upstreamText, &problem);
        if (!upstream)
            return fail(problem);
        request.upstream = upstream->text();
    }
    request.all = overrides.all;
    if (request.all && !GitIndex::isGitUpstream(request.upstream))
        return fail(
            SyncRequestBuilder::tr("--all needs a git index upstream, which lists every crate: "
                                   "add --upstream https://github.com/rust-lang/crates.io-index"));
    request.contact = config.contact();
    request.dryRun = overrides.dryRun;

    const auto policy = VersionPolicy::parse(
        overrides.versions.isEmpty() ? config.versions() : overrides.versions, &problem);
    if (!policy)
        return fail(problem);
    request.policy = *policy;

    const QStringList triples = overrides.platformsSet ? overrides.platforms : config.platforms();
    QStringList unknown;
    request.platforms = TargetFilter::forTriples(triples, PlatformTable(), &unknown);
    if (!unknown.isEmpty())
        return fail(SyncRequestBuilder::tr("unknown target triple %1; `rustc --print target-list` "
                                           "lists them")
                        .arg(unknown.join(QStringLiteral(", "))));
    request.devDeps = overrides.devDeps || config.devDeps();
    request.jobs = overrides.jobs > 0 ? overrides.jobs : config.jobs();
    request.popular = overrides.popular;
    request.roots = overrides.roots;
    request.authorization = overrides.authorization;
    const QString cainfo = overrides.cainfo.isEmpty() ? config.cainfo() : overrides.cainfo;
    if (!cainfo.isEmpty()) {
        const auto trust = TlsTrust::fromFile(cainfo, &problem);
        if (!trust)
            return fail(problem);
        request.tls = *trust;
    }
    const auto proxy =
        UpstreamProxy::resolve(overrides.proxy.isEmpty() ? config.proxy() : overrides.proxy,
                               QProcessEnvironment::systemEnvironment(), &problem);
    if (!proxy)
        return fail(problem);
    request.proxy = *proxy;
    return request;
}

QList<SyncRoot> SyncRequestBuilder::savedRoots(const QList<SelectionEntry> &selection)
{
    QList<SyncRoot> roots;
    for (const SelectionEntry &entry : selection) {
        SyncRoot root;
        root.name = entry.name;
        root.reason = entry.reason;
        root.detail = entry.detail;
        if (entry.reason == QLatin1String("named")) {
            if (auto req = SemverReq::parse(entry.detail))
                root.req = *req;
        } else if (entry.reason == QLatin1String("lockfile")) {
            if (!entry.detail.startsWith(QLatin1Char('=')))
                continue;
            root.exactVersion = entry.detail.mid(1).section(QLatin1Char(' '), 0, 0);
        } else if (entry.reason != QLatin1String("popular")) {
            continue;
        }
        roots.append(root);
    }
    return roots;
}

} // namespace Stowaway

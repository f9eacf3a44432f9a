// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filecache.h"
#include "gitservedindex.h"
#include "lantoken.h"
#include "mirrorlayout.h"
#include "mirrorsummary.h"
#include "requesthandler.h"

#include <QByteArray>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>

namespace Stowaway {

class MissRecorder;

/// How a MirrorRouter answers; the defaults suit `stowaway serve`.
struct MirrorRouterOptions
{
    /// Adds `"auth-required": true` to config.json (also implied by a token).
    bool authRequired = false;
    /// LAN sharing: when not empty, every request but `/robots.txt` must carry this token
    /// in `Authorization` (raw, as cargo sends it, or "Bearer …"), else 401.
    LanToken token;
    /// The scheme of the URLs in config.json (`https` behind a TLS terminator).
    QByteArray scheme = QByteArrayLiteral("http");
    /// Upper bound of file bytes kept in memory.
    qint64 cacheBytes = qint64(256) * 1024 * 1024;
    /// The summary callback is called at most once per this interval.
    std::chrono::milliseconds summaryMaxAge{1000};
    /// Git-backed mirrors: answer index files from the synced commit's blobs
    /// (GitServedIndex), falling back to the files when it cannot.
    bool serveFromGit = true;
};

/**
 * Serves one mirror folder to cargo and browsers:
 *
 *   GET/HEAD /index/config.json           generated from the validated Host header
 *   GET/HEAD /index/{cargo index path}    `index/…` files, with ETag / Last-Modified / 304;
 *                                         for a git-backed mirror the synced commit's blob,
 *                                         stored versions only (GitServedIndex)
 *   GET/HEAD /crates/{n}/{n}-{v}.crate    `crates/{n}/{n}-{v}.crate` (also
 * /crates/{n}/{v}/download) GET/HEAD / and /index.html            a page saying what the mirror
 * holds and how to use it GET/HEAD /robots.txt                  disallows crawling
 *
 * Everything else is 404 (never 410/451); other methods are 405. With a token (LAN
 * sharing) a GET/HEAD of anything but /robots.txt without it, or with a wrong one, is 401
 * with `WWW-Authenticate: Cargo login_url="<scheme>://<host>/"` (the home page too: it
 * shows the upstream and a snippet without the token). Names and versions are
 * validated before any path is built, so no request reaches a file outside the folder.
 * Index and crate requests for files that are not there are reported to the MissRecorder.
 *
 * handle() is thread-safe and called concurrently by the server. The router reads files
 * only (through a bounded FileCache) and never lists directories. It does not own the
 * MissRecorder, which must outlive it; `summary` is called from server threads, at most
 * once per `summaryMaxAge`, and must be thread-safe.
 */
class MirrorRouter final : public RequestHandler
{
public:
    MirrorRouter(MirrorLayout layout, std::function<MirrorSummary()> summary,
                 MissRecorder *misses = nullptr, MirrorRouterOptions options = {});
    ~MirrorRouter() override;
    Q_DISABLE_COPY_MOVE(MirrorRouter)

    HttpResponse handle(const HttpRequest &request) override;

    const MirrorLayout &layout() const { return m_layout; }
    const MirrorRouterOptions &options() const { return m_options; }
    /// Replaces the token (empty: no check); thread-safe, takes effect for the next request.
    void setToken(const LanToken &token);
    LanToken token() const;
    FileCache &fileCache() { return m_cache; }

private:
    HttpResponse unauthorized(const HttpRequest &request) const;
    HttpResponse serveIndex(const HttpRequest &request, QStringView relative);
    HttpResponse serveGitIndex(const HttpRequest &request, GitServedIndex::Lookup &lookup) const;
    HttpResponse serveConfig(const HttpRequest &request, bool authRequired) const;
    HttpResponse serveCrate(const HttpRequest &request, QStringView relative);
    HttpResponse serveHome(const HttpRequest &request);
    HttpResponse serveFile(const HttpRequest &request, const QByteArray &nativePath,
                           const QByteArray &contentType, const QByteArray &cacheControl,
                           const QString &missName, const QString &missVersion);
    MirrorSummary currentSummary();

    const MirrorLayout m_layout;
    const QByteArray m_indexRoot;  // native, ends with '/'
    const QByteArray m_cratesRoot; // native, ends with '/'
    const std::function<MirrorSummary()> m_summary;
    MissRecorder *const m_misses;
    const MirrorRouterOptions m_options;
    const QByteArray m_homePagePolicy;
    FileCache m_cache;
    std::unique_ptr<GitServedIndex> m_git;

    mutable std::shared_mutex m_tokenMutex;
    LanToken m_token;

    std::mutex m_summaryMutex;
    MirrorSummary m_cachedSummary;
    std::chrono::steady_clock::time_point m_summaryTime;
    bool m_haveSummary = false;
};

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorrouter.h"

#include "hostheader.h"
#include "httpvalidators.h"
#include "indexpath.h"
#include "mirrorhomepage.h"
#include "missrecorder.h"

#include <QFile>
#include <QLoggingCategory>

#include <limits>

Q_LOGGING_CATEGORY(lcMirrorRouter, "stowaway.router")

namespace Stowaway {

namespace {

QByteArray nativeDir(const QString &dir)
{
    return QFile::encodeName(dir) + '/';
}

void addHeader(HttpResponse &response, const QByteArray &name, const QByteArray &value)
{
    response.headers.append({name, value});
}

HttpResponse notFound(const QByteArray &message)
{
    HttpResponse response = HttpResponse::error(404, message);
    addHeader(response, QByteArrayLiteral("cache-control"), QByteArrayLiteral("no-cache"));
    return response;
}

HttpResponse plainNotFound()
{
    return notFound(QByteArrayLiteral("Not found: this mirror has nothing at that address."));
}

// Splits "a/b/c" into at most `max` parts; false when there are more.
bool splitPath(QStringView path, QStringView *parts, int max, int &count)
{
    count = 0;
    qsizetype start = 0;
    while (count < max) {
        const qsizetype slash = path.indexOf(QLatin1Char('/'), start);
        if (slash < 0) {
            parts[count++] = path.sliced(start);
            return true;
        }
        parts[count++] = path.sliced(start, slash - start);
        start = slash + 1;
    }
    return false;
}

} // namespace

MirrorRouter::MirrorRouter(MirrorLayout layout, std::function<MirrorSummary()> summary,
                           MissRecorder *misses, MirrorRouterOptions options)
    : m_layout(std::move(layout))
    , m_indexRoot(nativeDir(m_layout.servedIndexDir()))
    , m_cratesRoot(nativeDir(m_layout.cratesDir()))
    , m_summary(std::move(summary))
    , m_misses(misses)
    , m_options(std::move(options))
    , m_homePagePolicy(MirrorHomePage::contentSecurityPolicy())
    , m_cache(m_options.cacheBytes)
    , m_git(m_options.serveFromGit ? std::make_unique<GitServedIndex>(m_layout) : nullptr)
    , m_token(m_options.token)
{}

MirrorRouter::~MirrorRouter() = default;

void MirrorRouter::setToken(const LanToken &token)
{
    const std::unique_lock lock(m_tokenMutex);
    m_token = token;
}

LanToken MirrorRouter::token() const
{
    const std::shared_lock lock(m_tokenMutex);
    return m_token;
}

HttpResponse MirrorRouter::handle(const HttpRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = HttpResponse::error(
            405, QByteArrayLiteral("Method not allowed: this mirror answers GET and HEAD only."));
        addHeader(response, QByteArrayLiteral("allow"), QByteArrayLiteral("GET, HEAD"));
        return response;
    }
    const QStringView path(request.path);
    const LanToken required = token();
    if (!required.isEmpty() && path != QLatin1String("/robots.txt") &&
        (request.headerCount("authorization") != 1 ||
         !required.accepts(request.header("authorization"))))
        return unauthorized(request);
    if (path == QLatin1String("/index/config.json"))
        return serveConfig(request, m_options.authRequired || !required.isEmpty());
    if (path.startsWith(QLatin1String("/index/")))
        return serveIndex(request, path.sliced(7));
    if (path.startsWith(QLatin1String("/crates/")))
        return serveCrate(request, path.sliced(8));
    if (path == QLatin1String("/") || path == QLatin1String("/index.html"))
        return serveHome(request);
    if (path == QLatin1String("/robots.txt")) {
        HttpResponse response;
        addHeader(response, QByteArrayLiteral("content-type"),
                  QByteArrayLiteral("text/plain; charset=utf-8"));
        response.body = QByteArrayLiteral("User-agent: *\nDisallow: /\n");
        return response;
    }
    return plainNotFound();
}

HttpResponse MirrorRouter::unauthorized(const HttpRequest &request) const
{
    QByteArray host = HostHeader::fromRequest(request);
    if (host.isEmpty())
        host = HostHeader::fromAddress(request.localAddress, request.localPort);
    HttpResponse response = HttpResponse::error(
        401, QByteArrayLiteral("Unauthorized: this mirror is shared with a token. Ask its owner "
                               "for the cargo configuration (Stowaway shows it under LAN "
                               "sharing) and put the token in cargo's credentials."));
    addHeader(response, QByteArrayLiteral("www-authenticate"),
              "Cargo login_url=\"" + m_options.scheme + "://" + host + "/\"");
    addHeader(response, QByteArrayLiteral("cache-control"), QByteArrayLiteral("no-store"));
    return response;
}

HttpResponse MirrorRouter::serveIndex(const HttpRequest &request, QStringView relative)
{
    const QString name = IndexPath::crateNameFromPath(relative);
    if (name.isEmpty())
        return plainNotFound();
    if (m_git) {
        GitServedIndex::Lookup lookup = m_git->lookup(name);
        if (lookup.status == GitServedIndex::Lookup::Status::Served)
            return serveGitIndex(request, lookup);
        if (lookup.status == GitServedIndex::Lookup::Status::Failed)
            qCWarning(lcMirrorRouter)
                << "Serving" << name
                << "from the index files: the git index could not be read:" << lookup.error;
    }
    // The path is now known to be `xx/yy/name` in lower-case ASCII.
    const QByteArray nativePath = m_indexRoot + relative.toLatin1();
    return serveFile(request, nativePath, QByteArrayLiteral("text/plain; charset=utf-8"),
                     QByteArrayLiteral("no-cache"), name, QString());
}

HttpResponse MirrorRouter::serveGitIndex(const HttpRequest &request,
                                         GitServedIndex::Lookup &lookup) const
{
    HttpResponse response;
    response.headers.reserve(3);
    // No Last-Modified (a blob has no date), so only If-None-Match can make this a 304.
    if (HttpValidators::isNotModified(request, lookup.etag, std::numeric_limits<qint64>::max())) {
        response.status = 304;
    } else {
        addHeader(response, QByteArrayLiteral("content-type"),
                  QByteArrayLiteral("text/plain; charset=utf-8"));
        response.body = std::move(lookup.bytes);
    }
    addHeader(response, QByteArrayLiteral("etag"), lookup.etag);
    addHeader(response, QByteArrayLiteral("cache-control"), QByteArrayLiteral("no-cache"));
    return response;
}

HttpResponse MirrorRouter::serveConfig(const HttpRequest &request, bool authRequired) const
{
    const QByteArray host = HostHeader::fromRequest(request);
    if (host.isEmpty()) {
        // Never echo the value: it may be anything an attacker chose.
        HttpResponse response = HttpResponse::error(
            400, QByteArrayLiteral("Bad request: config.json needs exactly one valid Host header "
                                   "(a host name or IP address with an optional port)."));
        response.closeConnection = true;
        return response;
    }
    const QByteArray base = m_options.scheme + "://" + host;
    QByteArray body =
        "{\"dl\":\"" + base + "/crates/{crate}/{crate}-{version}.crate\",\"api\":\"" + base + '"';
    if (authRequired)
        body += ",\"auth-required\":true";
    body += "}\n";
    HttpResponse response;
    addHeader(response, QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json"));
    addHeader(response, QByteArrayLiteral("cache-control"), QByteArrayLiteral("no-cache"));
    response.body = std::move(body);
    return response;
}

HttpResponse MirrorRouter::serveCrate(const HttpRequest &request, QStringView relative)
{
    QStringView parts[3];
    int count = 0;
    if (!splitPath(relative, parts, 3, count))
        return plainNotFound();
    QStringView name;
    QStringView version;
    if (count == 2) {
        // {name}/{name}-{version}.crate: the file name must repeat the directory name.
        name = parts[0];
        const QStringView file = parts[1];
        const QLatin1String suffix(".crate");
        if (name.isEmpty() || !file.endsWith(suffix) || !file.startsWith(name) ||
            file.size() <= name.size() + 1 + suffix.size() || file.at(name.size()) != u'-')
            return plainNotFound();
        version = file.sliced(name.size() + 1, file.size() - name.size() - 1 - suffix.size());
    } else if (count == 3 && parts[2] == QLatin1String("download")) {
        name = parts[0];
        version = parts[1];
    } else {
        return plainNotFound();
    }
    if (!IndexPath::isValidCrateName(name) || !IndexPath::isValidVersion(version))
        return plainNotFound();
    const QByteArray latinName = name.toLatin1();
    const QByteArray latinVersion = version.toLatin1();
    const QByteArray nativePath =
        m_cratesRoot + latinName + '/' + latinName + '-' + latinVersion + ".crate";
    return serveFile(request, nativePath, QByteArrayLiteral("application/gzip"),
                     QByteArrayLiteral("public, max-age=31536000, immutable"), name.toString(),
                     version.toString());
}

HttpResponse MirrorRouter::serveFile(const HttpRequest &request, const QByteArray &nativePath,
                                     const QByteArray &contentType, const QByteArray &cacheControl,
                                     const QString &missName, const QString &missVersion)
{
    FileCache::Lookup lookup = m_cache.get(nativePath);
    if (lookup.status == FileCache::Status::NotFound) {
        if (m_misses)
            m_misses->record(missName, missVersion);
        return notFound(
            missVersion.isEmpty()
                ? QByteArrayLiteral("Not found: this mirror does not hold that crate.")
                : QByteArrayLiteral("Not found: this mirror does not hold that crate version."));
    }
    if (lookup.status == FileCache::Status::Failed) {
        qCWarning(lcMirrorRouter) << "Cannot read" << QFile::decodeName(nativePath)
                                  << "- check the mirror folder's permissions.";
        return HttpResponse::error(
            500, QByteArrayLiteral("Internal error: the mirror could not read this file; "
                                   "its log says why."));
    }
    FileCache::File &file = lookup.file;
    HttpResponse response;
    response.headers.reserve(5);
    if (HttpValidators::isNotModified(request, file.etag, file.mtimeSecs)) {
        response.status = 304;
    } else {
        addHeader(response, QByteArrayLiteral("content-type"), contentType);
        response.body = std::move(file.bytes);
    }
    addHeader(response, QByteArrayLiteral("etag"), file.etag);
    addHeader(response, QByteArrayLiteral("last-modified"), file.lastModified);
    addHeader(response, QByteArrayLiteral("cache-control"), cacheControl);
    return response;
}

HttpResponse MirrorRouter::serveHome(const HttpRequest &request)
{
    QByteArray host = HostHeader::fromRequest(request);
    if (host.isEmpty())
        host = HostHeader::fromAddress(request.localAddress, request.localPort);
    HttpResponse response;
    addHeader(response, QByteArrayLiteral("content-type"),
              QByteArrayLiteral("text/html; charset=utf-8"));
    addHeader(response, QByteArrayLiteral("cache-control"), QByteArrayLiteral("no-cache"));
    addHeader(response, QByteArrayLiteral("content-security-policy"), m_homePagePolicy);
    addHeader(response, QByteArrayLiteral("x-content-type-options"), QByteArrayLiteral("nosniff"));
    addHeader(response, QByteArrayLiteral("referrer-policy"), QByteArrayLiteral("no-referrer"));
    response.body = MirrorHomePage::render(currentSummary(), host);
    return response;
}

MirrorSummary MirrorRouter::currentSummary()
{
    if (!m_summary)
        return {};
    std::lock_guard guard(m_summaryMutex);
    const auto now = std::chrono::steady_clock::now();
    if (!m_haveSummary || now - m_summaryTime >= m_options.summaryMaxAge) {
        m_cachedSummary = m_summary();
        m_summaryTime = now;
        m_haveSummary = true;
    }
    return m_cachedSummary;
}

} // namespace Stowaway

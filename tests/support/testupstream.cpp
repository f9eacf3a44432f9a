// SPDX-License-Identifier: GPL-3.0-or-later
#include "testupstream.h"

#include "testregistry.h"

#include "cratearchive.h"
#include "httpdate.h"
#include "semverversion.h"
#include "testupstreamconnection.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>
#include <functional>

namespace Stowaway::Testing {

namespace {

UpstreamResponse textResponse(int status, const QByteArray &text)
{
    UpstreamResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "text/plain"}};
    response.body = text + '\n';
    return response;
}

// "bytes=N-" or "bytes=N-M"; false for anything else (then the whole body is served).
bool parseRange(const QByteArray &value, qint64 *first, qint64 *last)
{
    if (!value.startsWith("bytes=") || value.contains(','))
        return false;
    const QByteArray spec = value.mid(6);
    const qsizetype dash = spec.indexOf('-');
    if (dash <= 0)
        return false;
    bool ok = false;
    *first = spec.left(dash).toLongLong(&ok);
    if (!ok || *first < 0)
        return false;
    *last = -1;
    if (dash + 1 < spec.size()) {
        *last = spec.mid(dash + 1).toLongLong(&ok);
        if (!ok || *last < *first)
            return false;
    }
    return true;
}

} // namespace

TestUpstream::TestUpstream(QString registryDir) : m_dir(std::move(registryDir))
{
    m_clock.start();
}

TestUpstream::~TestUpstream()
{
    stop();
}

bool TestUpstream::start(quint16 port, QString *error)
{
    if (m_thread)
        return true;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("TestUpstream"));
    m_thread->start();
    if (m_tls.isNull()) {
        m_server = new QTcpServer;
    } else {
        auto *server = new QSslServer;
        server->setSslConfiguration(m_tls);
        m_server = server;
    }
    m_server->moveToThread(m_thread.get());
    bool ok = false;
    QString message;
    QMetaObject::invokeMethod(
        m_server,
        [this, port, &ok, &message] {
            // A TLS connection becomes pending only after its handshake.
            QObject::connect(m_server, &QTcpServer::pendingConnectionAvailable, m_server, [this] {
                while (QTcpSocket *socket = m_server->nextPendingConnection())
                    new TestUpstreamConnection(socket, this);
            });
            ok = m_server->listen(QHostAddress::LocalHost, port);
            if (ok)
                m_port = m_server->serverPort();
            else
                message = m_server->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        if (error)
            *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(message);
        stop();
    }
    return ok;
}

bool TestUpstream::setTls(const QString &certificateFile, const QString &keyFile, QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile);
    QFile keyIn(keyFile);
    const QSslKey key = keyIn.open(QIODevice::ReadOnly) ? QSslKey(&keyIn, QSsl::Rsa) : QSslKey();
    if (chain.isEmpty() || key.isNull()) {
        if (error)
            *error = QStringLiteral("cannot load the TLS certificate %1 or key %2")
                         .arg(certificateFile, keyFile);
        return false;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    m_tls = tls;
    return true;
}

std::unique_ptr<TestUpstream> TestUpstream::serve(const TestRegistry &registry, const QString &dir,
                                                  QString *error)
{
    // The base URL in config.json is rewritten per request, so a placeholder will do.
    if (!registry.writeRegistry(dir, QStringLiteral("http://127.0.0.1:1"), error))
        return nullptr;
    auto upstream = std::make_unique<TestUpstream>(dir);
    if (!upstream->start(0, error))
        return nullptr;
    return upstream;
}

void TestUpstream::stop()
{
    if (!m_thread)
        return;
    QTcpServer *server = m_server;
    QMetaObject::invokeMethod(
        server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    m_server = nullptr;
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
}

QString TestUpstream::baseUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(m_tls.isNull() ? QStringLiteral("http") : QStringLiteral("https"))
        .arg(m_port);
}

QString TestUpstream::indexUrl() const
{
    return QStringLiteral("sparse+") + baseUrl() + QStringLiteral("/index/");
}

void TestUpstream::setRewriteConfig(bool rewrite)
{
    QMutexLocker lock(&m_mutex);
    m_rewriteConfig = rewrite;
}

void TestUpstream::setRangeSupported(bool supported)
{
    QMutexLocker lock(&m_mutex);
    m_rangeSupported = supported;
}

void TestUpstream::setRequiredToken(const QByteArray &token)
{
    QMutexLocker lock(&m_mutex);
    m_requiredToken = token;
}

void TestUpstream::setRedirectDownloads(bool redirect, const QString &toBaseUrl)
{
    QMutexLocker lock(&m_mutex);
    m_redirectDownloads = redirect;
    m_redirectBase = toBaseUrl;
}

void TestUpstream::setDownloads(const QString &name, qint64 downloads)
{
    QMutexLocker lock(&m_mutex);
    if (!m_downloadsComputed) {
        m_downloads = computeDownloads();
        m_downloadsComputed = true;
    }
    m_downloads.insert(name, downloads);
}

void TestUpstream::addFault(const QString &pattern, const UpstreamFault &fault)
{
    QMutexLocker lock(&m_mutex);
    FaultRule rule{pattern, {}, fault};
    if (pattern.startsWith(QLatin1StringView("re:")))
        rule.regex = QRegularExpression(pattern.mid(3));
    m_faults.append(rule);
}

void TestUpstream::clearFaults()
{
    QMutexLocker lock(&m_mutex);
    m_faults.clear();
}

QList<UpstreamRequest> TestUpstream::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_log;
}

int TestUpstream::requestCount(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    const QByteArray wanted = path.toUtf8();
    return int(std::count_if(m_log.cbegin(), m_log.cend(),
                             [&](const UpstreamRequest &r) { return r.path == wanted; }));
}

void TestUpstream::clearLog()
{
    QMutexLocker lock(&m_mutex);
    m_log.clear();
}

int TestUpstream::openConnections() const
{
    QMutexLocker lock(&m_mutex);
    return m_open;
}

int TestUpstream::peakConnections() const
{
    QMutexLocker lock(&m_mutex);
    return m_peak;
}

void TestUpstream::resetPeak()
{
    QMutexLocker lock(&m_mutex);
    m_peak = m_open;
}

void TestUpstream::connectionOpened()
{
    QMutexLocker lock(&m_mutex);
    m_peak = std::max(m_peak, ++m_open);
}

void TestUpstream::connectionClosed()
{
    QMutexLocker lock(&m_mutex);
    --m_open;
}

std::optional<UpstreamFault> TestUpstream::takeFault(const QByteArray &path)
{
    const QString text = QString::fromUtf8(path);
    for (FaultRule &rule : m_faults) {
        if (rule.fault.count == 0)
            continue;
        bool matches = false;
        if (rule.pattern.startsWith(QLatin1StringView("re:")))
            matches = rule.regex.match(text).hasMatch();
        else if (rule.pattern.endsWith(QLatin1Char('*')))
            matches = text.startsWith(rule.pattern.chopped(1));
        else
            matches = text == rule.pattern;
        if (!matches)
            continue;
        if (rule.fault.count > 0)
            --rule.fault.count;
        return rule.fault;
    }
    return std::nullopt;
}

UpstreamResponse TestUpstream::respond(UpstreamRequest request)
{
    std::optional<UpstreamFault> fault;
    bool redirect = false;
    QByteArray requiredToken;
    QString redirectBase;
    {
        QMutexLocker lock(&m_mutex);
        redirectBase = m_redirectBase.isEmpty() ? baseUrl() : m_redirectBase;
        redirect = m_redirectDownloads;
        requiredToken = m_requiredToken;
        request.time = QDateTime::currentDateTimeUtc();
        request.msecs = m_clock.elapsed();
        m_log.append(request);
        fault = takeFault(request.path);
    }
    UpstreamResponse response;
    using Kind = UpstreamFault::Kind;
    if (!requiredToken.isEmpty() && request.header("Authorization") != requiredToken) {
        response = textResponse(401, "a token is required");
    } else if (fault && fault->kind == Kind::Status) {
        response = textResponse(fault->arg, "injected failure");
    } else if (fault &&
               (fault->kind == Kind::TooManyRequests || fault->kind == Kind::ServiceUnavailable)) {
        response = textResponse(fault->kind == Kind::TooManyRequests ? 429 : 503, "slow down");
        response.headers.emplace_back("Retry-After", QByteArray::number(fault->arg));
    } else if (request.method != "GET" && request.method != "HEAD") {
        response = textResponse(405, "method not allowed");
    } else {
        const QString path = QString::fromUtf8(request.path);
        const QStringList parts = path.split(QLatin1Char('/'));
        if (parts.contains(QStringLiteral("..")) || parts.contains(QStringLiteral("."))) {
            response = textResponse(400, "bad path");
        } else if (path.startsWith(QLatin1StringView("/api/v1/crates"))) {
            response = serveApi(request);
        } else if (path.startsWith(QLatin1StringView("/index/"))) {
            response = serveFile(request, m_dir + path, false, fault);
        } else if (path.startsWith(QLatin1StringView("/crates/")) && parts.size() == 4 &&
                   path.endsWith(QLatin1StringView(".crate"))) {
            response = serveFile(request, m_dir + path, true, fault);
        } else if (path.startsWith(QLatin1StringView("/crates/")) && parts.size() == 5 &&
                   parts[4] == QLatin1StringView("download")) {
            const QString crate = QStringLiteral("/crates/%1/%1-%2.crate").arg(parts[2], parts[3]);
            if (redirect) {
                response = textResponse(302, "moved");
                response.headers.emplace_back("Location", QString(redirectBase + crate).toUtf8());
            } else {
                response = serveFile(request, m_dir + crate, true, fault);
            }
        } else {
            response = textResponse(404, "not found");
        }
    }
    if (fault && (fault->kind == Kind::ConnectionReset || fault->kind == Kind::TruncatedBody ||
                  fault->kind == Kind::Stall))
        response.transportFault = fault;
    response.headOnly = request.method == "HEAD";
    return response;
}

UpstreamResponse TestUpstream::serveFile(const UpstreamRequest &request, const QString &file,
                                         bool isCrate, std::optional<UpstreamFault> fault)
{
    QFile in(file);
    if (!QFileInfo(file).isFile() || !in.open(QIODevice::ReadOnly))
        return textResponse(404, "not found");
    QByteArray body = in.readAll();
    UpstreamResponse response;
    using Kind = UpstreamFault::Kind;
    bool rewrite = false, ranges = false;
    {
        QMutexLocker lock(&m_mutex);
        rewrite = m_rewriteConfig;
        ranges = m_rangeSupported;
    }
    if (!isCrate && file.endsWith(QLatin1StringView("/index/config.json")) && rewrite) {
        QJsonObject config = QJsonDocument::fromJson(body).object();
        config.insert(
            QStringLiteral("dl"),
            QString(baseUrl() + QStringLiteral("/crates/{crate}/{crate}-{version}.crate")));
        config.insert(QStringLiteral("api"), baseUrl());
        body = QJsonDocument(config).toJson(QJsonDocument::Compact);
    }
    if (!isCrate && fault &&
        (fault->kind == Kind::MalformedLines || fault->kind == Kind::FutureSchemaLines)) {
        const qsizetype firstEnd = body.indexOf('\n') + 1;
        const QByteArray name = QJsonDocument::fromJson(body.left(firstEnd))
                                    .object()
                                    .value(u"name")
                                    .toString()
                                    .toUtf8();
        const QByteArray line = fault->kind == Kind::MalformedLines
                                    ? QByteArray(QByteArray("{\"name\":\"") + name +
                                                 "\",\"vers\":\"9.9.9\",this is not json\n")
                                    : QByteArray(QByteArray("{\"name\":\"") + name +
                                                 "\",\"vers\":\"99.0.0\",\"deps\":[],\"cksum\":\"" +
                                                 QByteArray(64, '0') +
                                                 "\",\"features\":{},\"yanked\":false,\"v\":3}\n");
        body.insert(firstEnd, line);
    }
    if (isCrate && fault && fault->kind == Kind::WrongChecksum && !body.isEmpty()) {
        body[body.size() / 2] = char(body[body.size() / 2] ^ 0x5a);
        body[body.size() - 1] = char(body[body.size() - 1] ^ 0x5a);
    }
    if (isCrate && fault && fault->kind == Kind::GzipEncoded) {
        body = CrateArchive::gzip(body);
        response.headers.emplace_back("Content-Encoding", "gzip");
    }
    response.headers.emplace_back("Content-Type",
                                  isCrate ? "application/x-tar" : "application/json");
    if (!isCrate) {
        const QByteArray etag =
            '"' + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(16) + '"';
        const QByteArray lastModified =
            HttpDate::imfFixdate(QFileInfo(file).lastModified().toSecsSinceEpoch());
        response.headers.emplace_back("ETag", etag);
        response.headers.emplace_back("Last-Modified", lastModified);
        const QByteArray ifNoneMatch = request.header("if-none-match");
        if ((!ifNoneMatch.isEmpty() && ifNoneMatch == etag) ||
            (ifNoneMatch.isEmpty() && request.header("if-modified-since") == lastModified)) {
            response.status = 304;
            return response;
        }
        response.body = body;
        return response;
    }
    if (ranges)
        response.headers.emplace_back("Accept-Ranges", "bytes");
    qint64 first = 0, last = -1;
    if (ranges && parseRange(request.header("range"), &first, &last)) {
        const qint64 size = body.size();
        if (first >= size) {
            response.status = 416;
            response.headers.emplace_back("Content-Range", "bytes */" + QByteArray::number(size));
            return response;
        }
        if (last < 0 || last >= size)
            last = size - 1;
        response.status = 206;
        response.headers.emplace_back("Content-Range", "bytes " + QByteArray::number(first) + '-' +
                                                           QByteArray::number(last) + '/' +
                                                           QByteArray::number(size));
        body = body.mid(first, last - first + 1);
    }
    response.body = body;
    return response;
}

UpstreamResponse TestUpstream::serveApi(const UpstreamRequest &request)
{
    if (request.path != "/api/v1/crates")
        return textResponse(404, "not found");
    const qsizetype question = request.target.indexOf('?');
    const QUrlQuery query(question < 0 ? QString()
                                       : QString::fromUtf8(request.target.mid(question + 1)));
    const int perPage = std::clamp(query.hasQueryItem(QStringLiteral("per_page"))
                                       ? query.queryItemValue(QStringLiteral("per_page")).toInt()
                                       : 10,
                                   1, 100);
    const bool seek = query.hasQueryItem(QStringLiteral("seek"));
    qint64 offset = 0;
    if (seek) {
        offset = QByteArray::fromBase64(query.queryItemValue(QStringLiteral("seek")).toLatin1())
                     .toLongLong();
    } else {
        const int page = query.hasQueryItem(QStringLiteral("page"))
                             ? query.queryItemValue(QStringLiteral("page")).toInt()
                             : 1;
        if (page < 1)
            return textResponse(400, "page must be 1 or more");
        offset = qint64(page - 1) * perPage;
    }

    QList<std::pair<QString, qint64>> ranked;
    QHash<QString, QString> maxVersions;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_downloadsComputed) {
            m_downloads = computeDownloads();
            m_downloadsComputed = true;
        }
        for (auto it = m_downloads.cbegin(); it != m_downloads.cend(); ++it)
            ranked.append({it.key(), it.value()});
        maxVersions = m_maxVersions;
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    QJsonArray crates;
    for (qint64 i = offset; i < ranked.size() && i < offset + perPage; ++i) {
        crates.append(
            QJsonObject{{QStringLiteral("name"), ranked[i].first},
                        {QStringLiteral("downloads"), ranked[i].second},
                        {QStringLiteral("max_version"), maxVersions.value(ranked[i].first)}});
    }
    QJsonValue next = QJsonValue::Null;
    if (offset + perPage < ranked.size()) {
        next = seek ? QStringLiteral("?seek=%1&per_page=%2&sort=downloads")
                          .arg(QString::fromLatin1(QByteArray::number(offset + perPage).toBase64()))
                          .arg(perPage)
                    : QStringLiteral("?page=%1&per_page=%2&sort=downloads")
                          .arg(offset / perPage + 2)
                          .arg(perPage);
    }
    const QJsonObject meta{{QStringLiteral("total"), qint64(ranked.size())},
                           {QStringLiteral("next_page"), next}};
    UpstreamResponse response;
    response.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    response.body = QJsonDocument(QJsonObject{{QStringLiteral("crates"), crates},
                                              {QStringLiteral("meta"), meta}})
                        .toJson(QJsonDocument::Compact);
    return response;
}

// Called with m_mutex held. Deeper dependency trees rank higher: the top layer of a layered
// registry comes first, its leaves last; ties are broken by name.
QHash<QString, qint64> TestUpstream::computeDownloads()
{
    QHash<QString, QStringList> deps;
    QDirIterator it(m_dir + QStringLiteral("/index"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (file.endsWith(QLatin1StringView("/config.json")))
            continue;
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            continue;
        QString name;
        std::optional<SemverVersion> best;
        QString bestText;
        QStringList names;
        for (const QByteArray &line : in.readAll().split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object.isEmpty())
                continue;
            name = object.value(u"name").toString();
            for (const QJsonValue &dep : object.value(u"deps").toArray()) {
                const QJsonObject d = dep.toObject();
                const QString package = d.value(u"package").toString();
                names.append(package.isEmpty() ? d.value(u"name").toString() : package);
            }
            const QString vers = object.value(u"vers").toString();
            const auto parsed = SemverVersion::parse(vers);
            if (!object.value(u"yanked").toBool() && parsed && (!best || *best < *parsed)) {
                best = parsed;
                bestText = vers;
            }
        }
        if (!name.isEmpty()) {
            names.removeDuplicates();
            deps.insert(name, names);
            m_maxVersions.insert(name, bestText);
        }
    }
    QHash<QString, int> depth;
    std::function<int(const QString &, int)> depthOf = [&](const QString &name, int guard) {
        if (depth.contains(name))
            return depth.value(name);
        int d = 0;
        if (guard < 64) {
            for (const QString &dep : deps.value(name)) {
                if (deps.contains(dep))
                    d = std::max(d, depthOf(dep, guard + 1) + 1);
            }
        }
        depth.insert(name, d);
        return d;
    };
    QStringList names = deps.keys();
    names.sort();
    QHash<QString, qint64> downloads;
    for (int i = 0; i < names.size(); ++i)
        downloads.insert(names[i], qint64(depthOf(names[i], 0) + 1) * 1000000 + (names.size() - i));
    return downloads;
}

} // namespace Stowaway::Testing

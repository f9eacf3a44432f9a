// SPDX-License-Identifier: GPL-3.0-or-later
// CrateDownloader against TestUpstream on 127.0.0.1: the happy path into a real MirrorStore,
// each fault with the outcome a user needs, resume, many jobs, cancel and a full disk.
#include "cratedownloader.h"
#include "http2upgrader.h"
#include "httprequest.h"
#include "httpresponse.h"
#include "httpserver.h"
#include "mirrorstore.h"
#include "testregistry.h"
#include "testupstream.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

/// Serves a TestRegistry's `.crate` files at /crates/NAME/NAME-VERSION.crate from an in-process
/// HttpServer (which speaks h2c), and remembers which HTTP versions the requests came in.
class CrateFiles final : public RequestHandler
{
public:
    explicit CrateFiles(const TestRegistry &registry) : m_registry(registry) {}

    HttpResponse handle(const HttpRequest &request) override
    {
        const QString name = request.path.section(QLatin1Char('/'), -2, -2);
        const QString file = request.path.section(QLatin1Char('/'), -1);
        const QString version = file.mid(name.size() + 1).chopped(int(qstrlen(".crate")));
        QMutexLocker lock(&m_mutex); // TestRegistry caches the files it makes
        m_versions.insert(request.versionMajor);
        HttpResponse response;
        response.setHeader("content-type", "application/gzip");
        response.body = m_registry.crateFile(name, version);
        return response;
    }
    QSet<int> versions() const
    {
        QMutexLocker lock(&m_mutex);
        return m_versions;
    }

private:
    const TestRegistry &m_registry;
    mutable QMutex m_mutex;
    QSet<int> m_versions;
};

} // namespace

namespace {

struct RunResult
{
    QHash<QString, QString> paths;   // key -> verified path
    QHash<QString, QString> reasons; // key -> failure
    QStringList diskFull;
    qint64 elapsedMs = 0;
    int finishedCount = 0;
};

} // namespace

class TestCrateDownloader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void downloadsIntoTheStore();
    void faults_data();
    void faults();
    void resume_data();
    void resume();
    void manyJobs();
    void cancelKeepsOnlyParts();
    void diskFullStopsEverything();
    void duplicateJobsAreIgnored();
    void followsRedirects();
    void tokenGoesToTheIndexHostOnly_data();
    void tokenGoesToTheIndexHostOnly();
    void unreachableAndUnsupported();
    void upstreamGoneGivesUpTheQueue_data();
    void upstreamGoneGivesUpTheQueue();
    void cleartextHttp2FallsBackToHttp1();
    void aStalledFirstDownloadHoldsNoOther_data();
    void aStalledFirstDownloadHoldsNoOther();
    void managersFollowTheProtocol_data();
    void managersFollowTheProtocol();

private:
    CrateJob jobFor(const TestCrate &crate, const QString &base = {}) const;
    /// Jobs for the first crates of the registry, every version, 60 or a few more.
    QList<CrateJob> firstJobs(const QString &base = {}) const;
    CrateDownloaderOptions options() const;
    RunResult run(const QList<CrateJob> &jobs, CrateDownloaderOptions opts, int timeoutMs = 15000);
    QStringList filesUnder(const QString &dir) const;
    QString partialDir() const
    {
        return CrateDownloader::partialDir(MirrorLayout(m_mirror->path()));
    }

    QTemporaryDir m_registryDir;
    TestRegistry m_registry = TestRegistry::layered(70, 3);
    std::unique_ptr<TestUpstream> m_upstream;
    std::unique_ptr<QTemporaryDir> m_mirror;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    const TestCrate *m_sample = nullptr;
};

void TestCrateDownloader::initTestCase()
{
    QVERIFY(m_registryDir.isValid());
    QString error;
    QVERIFY2(
        m_registry.writeRegistry(m_registryDir.path(), QStringLiteral("http://unused"), &error),
        qPrintable(error));
    m_sample = m_registry.versions(m_registry.crateNames().first()).first();
    QVERIFY(m_registry.crateFile(m_sample->name, m_sample->version).size() > 200);
}

void TestCrateDownloader::init()
{
    m_upstream = std::make_unique<TestUpstream>(m_registryDir.path());
    QString error;
    QVERIFY2(m_upstream->start(0, &error), qPrintable(error));
    m_mirror = std::make_unique<QTemporaryDir>();
    QVERIFY(m_mirror->isValid());
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestCrateDownloader::cleanup()
{
    m_nam.reset();
    m_upstream.reset();
    m_mirror.reset();
}

CrateJob TestCrateDownloader::jobFor(const TestCrate &crate, const QString &base) const
{
    return CrateJob{crate.name, crate.version,
                    (base.isEmpty() ? m_upstream->baseUrl() : base) +
                        QStringLiteral("/crates/%1/%1-%2.crate").arg(crate.name, crate.version),
                    m_registry.checksum(crate.name, crate.version), -1};
}

QList<CrateJob> TestCrateDownloader::firstJobs(const QString &base) const
{
    QList<CrateJob> list;
    for (const QString &name : m_registry.crateNames()) {
        for (const TestCrate *crate : m_registry.versions(name))
            list.append(jobFor(*crate, base));
        if (list.size() >= 60)
            break;
    }
    return list;
}

CrateDownloaderOptions TestCrateDownloader::options() const
{
    CrateDownloaderOptions opts;
    opts.partialDir = partialDir();
    opts.userAgent = "stowaway/0.1.0-test (tests@example.invalid)";
    opts.stallTimeoutMs = 1000;
    opts.retry.firstDelay = std::chrono::milliseconds(50);
    opts.retry.jitter = std::chrono::milliseconds(50);
    opts.retry.maxDelay = std::chrono::milliseconds(200);
    return opts;
}

RunResult TestCrateDownloader::run(const QList<CrateJob> &jobs, CrateDownloaderOptions opts,
                                   int timeoutMs)
{
    RunResult result;
    CrateDownloader downloader(m_nam.get(), std::move(opts));
    connect(&downloader, &CrateDownloader::downloaded, this,
            [&](const CrateJob &job, const QString &path, qint64 bytes) {
                QCOMPARE(QFileInfo(path).size(), bytes);
                result.paths.insert(job.key(), path);
            });
    connect(&downloader, &CrateDownloader::failed, this,
            [&](const CrateJob &job, const QString &reason) {
                result.reasons.insert(job.key(), reason);
            });
    connect(&downloader, &CrateDownloader::diskFull, this,
            [&](const QString &message) { result.diskFull.append(message); });
    connect(&downloader, &CrateDownloader::finished, this, [&] { ++result.finishedCount; });
    QElapsedTimer clock;
    clock.start();
    downloader.enqueue(jobs);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.finishedCount > 0, timeoutMs); }();
    result.elapsedMs = clock.elapsed();
    const CrateDownloadStats stats = downloader.stats();
    [&] {
        QCOMPARE(stats.inFlight, 0);
        QCOMPARE(stats.queued, 0);
        QCOMPARE(stats.done, result.paths.size());
        QCOMPARE(stats.failed, result.reasons.size());
    }();
    return result;
}

QStringList TestCrateDownloader::filesUnder(const QString &dir) const
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

void TestCrateDownloader::downloadsIntoTheStore()
{
    MirrorStore store{MirrorLayout(m_mirror->path())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY2(store.putUpstreamIndex(m_sample->name, m_registry.indexFile(m_sample->name), {}, {},
                                    &error),
             qPrintable(error));
    const RunResult result = run({jobFor(*m_sample)}, options());
    QVERIFY(result.reasons.isEmpty());
    QCOMPARE(result.finishedCount, 1);
    const QString path = result.paths.value(jobFor(*m_sample).key());
    QVERIFY(path.startsWith(partialDir()));
    QVERIFY2(store.putCrateFile(m_sample->name, m_sample->version, path, &error),
             qPrintable(error));
    QFile stored(store.layout().crateFile(m_sample->name, m_sample->version));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), m_registry.crateFile(m_sample->name, m_sample->version));
    QVERIFY(!QFileInfo::exists(path));

    const QList<UpstreamRequest> log = m_upstream->requests();
    QCOMPARE(log.size(), 1);
    QVERIFY(log[0].header("user-agent").startsWith("stowaway/"));
    QCOMPARE(log[0].header("accept-encoding"), QByteArray("identity"));
    QVERIFY(log[0].header("range").isEmpty());
}

void TestCrateDownloader::faults_data()
{
    QTest::addColumn<UpstreamFault>("fault");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("reason"); // parts the failure must name, '|'-separated
    QTest::addColumn<int>("minMs");
    using Kind = UpstreamFault::Kind;
    QTest::newRow("500 once") << UpstreamFault::status(500, 1) << true << 2 << QString() << 0;
    QTest::newRow("500 always") << UpstreamFault::status(500) << false << 4
                                << QStringLiteral("HTTP 500 from http://127.0.0.1|after 4 attempt")
                                << 0;
    QTest::newRow("404") << UpstreamFault::status(404) << false << 1
                         << QStringLiteral("HTTP 404 from") << 0;
    QTest::newRow("410") << UpstreamFault::status(410) << false << 1
                         << QStringLiteral("HTTP 410 from") << 0;
    QTest::newRow("429 Retry-After 1")
        << UpstreamFault::tooManyRequests(1, 1) << true << 2 << QString() << 1000;
    QTest::newRow("503 Retry-After 1")
        << UpstreamFault::serviceUnavailable(1, 1) << true << 2 << QString() << 1000;
    QTest::newRow("429 Retry-After 3600")
        << UpstreamFault::tooManyRequests(3600) << false << 1
        << QStringLiteral("HTTP 429|wait 3600 s|run sync again later") << 0;
    QTest::newRow("reset mid-head once")
        << UpstreamFault::of(Kind::ConnectionReset, 1, 0) << true << -2 << QString() << 0;
    QTest::newRow("reset mid-body once")
        << UpstreamFault::of(Kind::ConnectionReset, 1, 1) << true << -2 << QString() << 0;
    QTest::newRow("reset always") << UpstreamFault::of(Kind::ConnectionReset, -1, 1) << false << -4
                                  << QStringLiteral("connection|after 4 attempt") << 0;
    QTest::newRow("truncated once")
        << UpstreamFault::of(Kind::TruncatedBody, 1) << true << 2 << QString() << 0;
    QTest::newRow("stall mid-body once")
        << UpstreamFault::of(Kind::Stall, 1, 0) << true << 2 << QString() << 1000;
    QTest::newRow("stall before head once")
        << UpstreamFault::of(Kind::Stall, 1, 1) << true << 2 << QString() << 1000;
    QTest::newRow("stall always") << UpstreamFault::of(Kind::Stall, -1, 1) << false << 2
                                  << QStringLiteral("stalled: no data for 1 s|after 2 attempt")
                                  << 1900;
    QTest::newRow("wrong checksum once")
        << UpstreamFault::of(Kind::WrongChecksum, 1) << true << 2 << QString() << 0;
    QTest::newRow("wrong checksum always")
        << UpstreamFault::of(Kind::WrongChecksum) << false << 2
        << QStringLiteral("checksum mismatch|expected|got|upstream served different bytes") << 0;
    // The downloader never decompresses (explicit Accept-Encoding: identity), so a .crate
    // wrapped in one more gzip layer hashes differently and is refused, not silently
    // unwrapped: the checksum in the index is over the bytes the registry serves.
    QTest::newRow("gzip-encoded") << UpstreamFault::of(Kind::GzipEncoded) << false << 2
                                  << QStringLiteral("checksum mismatch") << 0;
}

void TestCrateDownloader::faults()
{
    QFETCH(UpstreamFault, fault);
    QFETCH(bool, succeeds);
    QFETCH(int, requests);
    QFETCH(QString, reason);
    QFETCH(int, minMs);
    const CrateJob job = jobFor(*m_sample);
    const QString path = QUrl(job.url).path();
    m_upstream->addFault(path, fault);
    CrateDownloaderOptions opts = options();
    if (QByteArray(QTest::currentDataTag()) == "stall always")
        opts.retry.maxAttempts = 2;
    const RunResult result = run({job}, opts);
    QCOMPARE(result.finishedCount, 1);
    // Qt itself resends a request once when the connection dies before any response byte,
    // so a reset may cost an extra request: negative counts are minimums.
    if (requests > 0)
        QCOMPARE(m_upstream->requestCount(path), requests);
    else
        QVERIFY(m_upstream->requestCount(path) >= -requests);
    QVERIFY2(result.elapsedMs >= minMs, qPrintable(QString::number(result.elapsedMs)));
    if (succeeds) {
        QVERIFY2(result.reasons.isEmpty(), qPrintable(result.reasons.value(job.key())));
        QFile file(result.paths.value(job.key()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_registry.crateFile(m_sample->name, m_sample->version));
    } else {
        QVERIFY(result.paths.isEmpty());
        const QString actual = result.reasons.value(job.key());
        for (const QString &part : reason.split(QLatin1Char('|')))
            QVERIFY2(actual.contains(part), qPrintable(actual));
        // A refused file leaves nothing behind; only transport failures keep a part to resume.
        if (actual.contains(QLatin1StringView("checksum")) ||
            actual.contains(QLatin1StringView("HTTP 4")))
            QCOMPARE(filesUnder(m_mirror->path()), QStringList());
    }
    QVERIFY(!QDir(m_mirror->path()).exists(QStringLiteral("crates")) ||
            filesUnder(m_mirror->path() + QStringLiteral("/crates")).isEmpty());
}

void TestCrateDownloader::resume_data()
{
    QTest::addColumn<QString>("part"); // "half", "garbage-full", "complete"
    QTest::addColumn<bool>("rangeSupport");
    QTest::addColumn<QByteArray>("firstRange"); // Range header of the first request
    QTest::addColumn<int>("requests");
    QTest::addColumn<bool>("knownSize");
    QTest::newRow("half, Range") << QStringLiteral("half") << true << QByteArray("bytes=H-") << 1
                                 << false;
    QTest::newRow("half, Range, size known")
        << QStringLiteral("half") << true << QByteArray("bytes=H-") << 1 << true;
    QTest::newRow("half, no Range support")
        << QStringLiteral("half") << false << QByteArray("bytes=H-") << 1 << false;
    QTest::newRow("whole but wrong: 416, then all")
        << QStringLiteral("garbage-full") << true << QByteArray("bytes=F-") << 2 << false;
    QTest::newRow("whole but wrong, size known")
        << QStringLiteral("garbage-full") << true << QByteArray() << 1 << true;
    QTest::newRow("complete: no request")
        << QStringLiteral("complete") << true << QByteArray() << 0 << false;
}

void TestCrateDownloader::resume()
{
    QFETCH(QString, part);
    QFETCH(bool, rangeSupport);
    QFETCH(QByteArray, firstRange);
    QFETCH(int, requests);
    QFETCH(bool, knownSize);
    const QByteArray bytes = m_registry.crateFile(m_sample->name, m_sample->version);
    QByteArray partBytes = bytes;
    if (part == QLatin1StringView("half"))
        partBytes = bytes.left(bytes.size() / 2);
    else if (part == QLatin1StringView("garbage-full"))
        partBytes = QByteArray(bytes.size(), 'x');
    firstRange.replace("H", QByteArray::number(bytes.size() / 2));
    firstRange.replace("F", QByteArray::number(bytes.size()));
    QVERIFY(QDir().mkpath(partialDir()));
    {
        QFile file(QDir(partialDir())
                       .filePath(m_sample->name + QLatin1Char('-') + m_sample->version +
                                 QStringLiteral(".crate.part")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(partBytes), partBytes.size());
    }
    m_upstream->setRangeSupported(rangeSupport);
    CrateJob job = jobFor(*m_sample);
    if (knownSize)
        job.expectedSize = bytes.size();
    const RunResult result = run({job}, options());
    QVERIFY2(result.reasons.isEmpty(), qPrintable(result.reasons.value(job.key())));
    QFile file(result.paths.value(job.key()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytes);
    const QList<UpstreamRequest> log = m_upstream->requests();
    QCOMPARE(log.size(), requests);
    if (requests > 0)
        QCOMPARE(log.first().header("range"), firstRange);
}

void TestCrateDownloader::manyJobs()
{
    QList<CrateJob> jobs;
    qint64 totalBytes = 0;
    for (const QString &name : m_registry.crateNames()) {
        for (const TestCrate *crate : m_registry.versions(name)) {
            jobs.append(jobFor(*crate));
            totalBytes += m_registry.crateFile(crate->name, crate->version).size();
        }
    }
    QVERIFY(jobs.size() >= 200);
    CrateDownloaderOptions opts = options();
    opts.jobs = 16;
    int maxInFlight = 0;
    RunResult result;
    {
        CrateDownloader downloader(m_nam.get(), opts);
        QSignalSpy finished(&downloader, &CrateDownloader::finished);
        connect(&downloader, &CrateDownloader::downloaded, this,
                [&](const CrateJob &job, const QString &path, qint64) {
                    maxInFlight = std::max(maxInFlight, downloader.stats().inFlight);
                    result.paths.insert(job.key(), path);
                });
        connect(&downloader, &CrateDownloader::failed, this,
                [&](const CrateJob &job, const QString &why) {
                    result.reasons.insert(job.key(), why);
                });
        QElapsedTimer clock;
        clock.start();
        downloader.enqueue(jobs);
        QCOMPARE(downloader.stats().queued + downloader.stats().inFlight, int(jobs.size()));
        QVERIFY(finished.wait(20000));
        result.elapsedMs = clock.elapsed();
        const CrateDownloadStats stats = downloader.stats();
        QCOMPARE(stats.done, int(jobs.size()));
        QCOMPARE(stats.failed, 0);
        QCOMPARE(stats.bytesReceived, totalBytes);
        QCOMPARE(finished.count(), 1);
    }
    QVERIFY(result.reasons.isEmpty());
    QCOMPARE(result.paths.size(), jobs.size());
    QVERIFY(maxInFlight <= 16);
    for (const CrateJob &job : std::as_const(jobs)) {
        QFile file(result.paths.value(job.key()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromLatin1(
                     QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()),
                 job.cksum);
    }
    QVERIFY(m_upstream->peakConnections() >= 2);
    qInfo("%lld crates (%lld bytes) at jobs=16 over loopback: %lld ms, %d connections at most",
          static_cast<long long>(jobs.size()), static_cast<long long>(totalBytes),
          static_cast<long long>(result.elapsedMs), m_upstream->peakConnections());
}

void TestCrateDownloader::cancelKeepsOnlyParts()
{
    m_upstream->addFault(QStringLiteral("/crates/*"),
                         UpstreamFault::of(UpstreamFault::Kind::Stall));
    QList<CrateJob> jobs;
    for (const QString &name : m_registry.crateNames().mid(0, 20))
        jobs.append(jobFor(*m_registry.versions(name).first()));
    CrateDownloaderOptions opts = options();
    opts.stallTimeoutMs = 30000;
    opts.jobs = 4;
    CrateDownloader downloader(m_nam.get(), opts);
    QSignalSpy finished(&downloader, &CrateDownloader::finished);
    QSignalSpy downloaded(&downloader, &CrateDownloader::downloaded);
    QSignalSpy failed(&downloader, &CrateDownloader::failed);
    downloader.enqueue(jobs);
    QTRY_COMPARE_WITH_TIMEOUT(m_upstream->requests().size(), 4, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(downloader.stats().bytesReceived > 0, 5000);
    QCOMPARE(downloader.stats().inFlight, 4);
    QCOMPARE(downloader.stats().current.size(), 4);
    downloader.cancel();
    QVERIFY(downloader.isIdle());
    QVERIFY(finished.wait(5000));
    QCOMPARE(downloaded.count(), 0);
    QCOMPARE(failed.count(), 0);
    const QStringList files = filesUnder(m_mirror->path());
    QVERIFY(!files.isEmpty());
    for (const QString &file : files) {
        QVERIFY2(file.startsWith(partialDir() + QLatin1Char('/')), qPrintable(file));
        QVERIFY(file.endsWith(QLatin1StringView(".crate.part")));
    }
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_upstream->requests().size(), 4);
}

void TestCrateDownloader::diskFullStopsEverything()
{
    CrateDownloaderOptions opts = options();
    opts.diskMarginBytes = qint64(1) << 60; // no disk has an exbibyte free
    const RunResult result = run({jobFor(*m_sample)}, opts);
    QCOMPARE(result.diskFull.size(), 1);
    QVERIFY2(result.diskFull.first().contains(QLatin1StringView("MB free")) &&
                 result.diskFull.first().contains(QLatin1StringView("run sync again")) &&
                 result.diskFull.first().contains(partialDir()),
             qPrintable(result.diskFull.first()));
    QVERIFY(result.paths.isEmpty());
    QVERIFY(result.reasons.isEmpty());
    QCOMPARE(m_upstream->requests().size(), 0);
}

void TestCrateDownloader::duplicateJobsAreIgnored()
{
    const CrateJob job = jobFor(*m_sample);
    const RunResult result = run({job, job, job}, options());
    QCOMPARE(result.paths.size(), 1);
    QCOMPARE(m_upstream->requests().size(), 1);
}

void TestCrateDownloader::followsRedirects()
{
    m_upstream->setRedirectDownloads(true);
    CrateJob job = jobFor(*m_sample);
    job.url = m_upstream->baseUrl() +
              QStringLiteral("/crates/%1/%2/download").arg(m_sample->name, m_sample->version);
    const RunResult result = run({job}, options());
    QVERIFY2(result.reasons.isEmpty(), qPrintable(result.reasons.value(job.key())));
    QFile file(result.paths.value(job.key()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), m_registry.crateFile(m_sample->name, m_sample->version));
    const QList<UpstreamRequest> log = m_upstream->requests();
    QCOMPARE(log.size(), 2);
    QVERIFY(log[0].path.endsWith("/download"));
    QVERIFY(log[1].path.endsWith(".crate"));
    QVERIFY(log[1].header("user-agent").startsWith("stowaway/"));
}

void TestCrateDownloader::unreachableAndUnsupported()
{
    // A port nobody listens on: refused, retried, then reported with the attempts.
    quint16 deadPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        deadPort = probe.serverPort();
    }
    CrateJob refused = jobFor(*m_sample);
    refused.url = QStringLiteral("http://127.0.0.1:%1/crates/x/x-1.0.0.crate").arg(deadPort);
    CrateJob unsupported = jobFor(*m_registry.versions(m_sample->name).last());
    unsupported.url = QStringLiteral("gopher://127.0.0.1/x");
    const RunResult result = run({refused, unsupported}, options());
    QVERIFY(result.paths.isEmpty());
    QVERIFY2(result.reasons.value(refused.key()).contains(QLatin1StringView("refused")) &&
                 result.reasons.value(refused.key()).contains(QLatin1StringView("after 4 attempt")),
             qPrintable(result.reasons.value(refused.key())));
    QVERIFY(!result.reasons.value(unsupported.key()).isEmpty());
    QVERIFY2(!result.reasons.value(unsupported.key()).contains(QLatin1StringView("attempt")),
             qPrintable(result.reasons.value(unsupported.key())));
    QCOMPARE(filesUnder(m_mirror->path()), QStringList());
}

void TestCrateDownloader::tokenGoesToTheIndexHostOnly_data()
{
    QTest::addColumn<QString>("urlHost");       // where the job's URL points
    QTest::addColumn<QString>("redirectHost");  // empty: no redirect
    QTest::addColumn<QList<bool>>("withToken"); // per request, in order
    QTest::newRow("the index's host") << "127.0.0.1"
                                      << "" << QList<bool>{true};
    QTest::newRow("another host") << "localhost"
                                  << "" << QList<bool>{false};
    QTest::newRow("redirect on the same host") << "127.0.0.1"
                                               << "127.0.0.1" << QList<bool>{true, true};
    QTest::newRow("redirect to another host") << "127.0.0.1"
                                              << "localhost" << QList<bool>{true, false};
}

void TestCrateDownloader::tokenGoesToTheIndexHostOnly()
{
    QFETCH(QString, urlHost);
    QFETCH(QString, redirectHost);
    QFETCH(QList<bool>, withToken);
    const quint16 port = QUrl(m_upstream->baseUrl()).port();
    if (!redirectHost.isEmpty())
        m_upstream->setRedirectDownloads(
            true, QStringLiteral("http://%1:%2").arg(redirectHost).arg(port));
    CrateJob job = jobFor(*m_sample);
    job.url =
        QStringLiteral("http://%1:%2").arg(urlHost).arg(port) +
        (redirectHost.isEmpty()
             ? QStringLiteral("/crates/%1/%1-%2.crate").arg(m_sample->name, m_sample->version)
             : QStringLiteral("/crates/%1/%2/download").arg(m_sample->name, m_sample->version));
    CrateDownloaderOptions opts = options();
    opts.authorization = "secret-token-of-a-private-registry";
    opts.authorizationHost = QStringLiteral("127.0.0.1");
    const RunResult result = run({job}, opts);
    m_upstream->setRedirectDownloads(false);
    QVERIFY2(result.reasons.isEmpty(), qPrintable(result.reasons.value(job.key())));
    const QList<UpstreamRequest> log = m_upstream->requests();
    QCOMPARE(log.size(), withToken.size());
    for (qsizetype i = 0; i < log.size(); ++i)
        QCOMPARE(log[i].header("authorization") == opts.authorization, withToken[i]);
}

void TestCrateDownloader::upstreamGoneGivesUpTheQueue_data()
{
    QTest::addColumn<int>("files");
    QTest::addColumn<int>("jobs");
    QTest::addColumn<int>("limit");
    QTest::newRow("30 files, 2 at once, limit 3") << 30 << 2 << 3;
    QTest::newRow("40 files, 4 at once, limit 5") << 40 << 4 << 5;
    QTest::newRow("limit 0: every file is tried") << 6 << 2 << 0;
}

void TestCrateDownloader::upstreamGoneGivesUpTheQueue()
{
    QFETCH(int, files);
    QFETCH(int, jobs);
    QFETCH(int, limit);
    quint16 deadPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        deadPort = probe.serverPort();
    }
    QList<CrateJob> list;
    for (int i = 0; i < files; ++i) {
        CrateJob job = jobFor(*m_sample);
        job.version = QStringLiteral("0.%1.0").arg(i);
        job.url =
            QStringLiteral("http://127.0.0.1:%1/crates/x/x-0.%2.0.crate").arg(deadPort).arg(i);
        list.append(job);
    }
    CrateDownloaderOptions opts = options();
    opts.jobs = jobs;
    opts.unreachableLimit = limit;
    const RunResult result = run(list, opts);
    QVERIFY(result.paths.isEmpty());
    QCOMPARE(result.reasons.size(), files); // every file is accounted for
    int notTried = 0;
    for (const QString &reason : result.reasons) {
        if (reason.startsWith(QLatin1StringView("not tried"))) {
            ++notTried;
            QVERIFY2(reason.contains(QLatin1StringView("refused")) &&
                         reason.contains(QLatin1StringView("run sync again")),
                     qPrintable(reason));
        }
    }
    // At most `limit` failures in a row plus the ones already in flight were tried.
    if (limit > 0)
        QVERIFY2(notTried >= files - limit - jobs, qPrintable(QString::number(notTried)));
    else
        QCOMPARE(notTried, 0);
}

void TestCrateDownloader::cleartextHttp2FallsBackToHttp1()
{
    // With h2c allowed Qt offers an upgrade; TestUpstream ignores it, as HTTP/1.1-only
    // servers do, and the downloads go on over HTTP/1.1.
    CrateDownloaderOptions opts = options();
    opts.allowCleartextHttp2 = true;
    QList<CrateJob> jobs;
    for (const TestCrate *crate : m_registry.versions(m_sample->name))
        jobs.append(jobFor(*crate));
    const RunResult result = run(jobs, opts);
    QVERIFY(result.reasons.isEmpty());
    QCOMPARE(result.paths.size(), jobs.size());
    const QList<UpstreamRequest> log = m_upstream->requests();
    QVERIFY(!log.isEmpty());
    QVERIFY(std::any_of(log.cbegin(), log.cend(), [](const UpstreamRequest &r) {
        return r.header("upgrade").contains("h2c");
    }));
}

void TestCrateDownloader::aStalledFirstDownloadHoldsNoOther_data()
{
    QTest::addColumn<int>("jobs");
    QTest::newRow("one manager (6 jobs)") << 6;
    QTest::newRow("three managers (16 jobs)") << 16;
}

void TestCrateDownloader::aStalledFirstDownloadHoldsNoOther()
{
    // The very first download of a fresh downloader stalls after half its body. Every other
    // file must arrive long before the stall timeout, on the other connections: nothing may
    // wait behind the stalled answer (Qt does that on a new connection while it is still
    // finding out whether the server speaks cleartext HTTP/2).
    QFETCH(int, jobs);
    const QList<CrateJob> list = firstJobs();
    const CrateJob stalled = list.constFirst();
    m_upstream->addFault(
        QStringLiteral("/crates/%1/%1-%2.crate").arg(stalled.name, stalled.version),
        UpstreamFault::of(UpstreamFault::Kind::Stall, 1));
    CrateDownloaderOptions opts = options();
    opts.jobs = jobs;
    opts.stallTimeoutMs = 20000;
    CrateDownloader downloader(m_nam.get(), opts);
    QSet<QString> done;
    connect(&downloader, &CrateDownloader::downloaded, this,
            [&done](const CrateJob &job, const QString &, qint64) { done.insert(job.key()); });
    QElapsedTimer clock;
    clock.start();
    downloader.enqueue(list);
    QTRY_VERIFY_WITH_TIMEOUT(done.size() == list.size() - 1, 10000);
    QVERIFY2(clock.elapsed() < 10000, "the other downloads waited for the stalled one");
    QVERIFY(!done.contains(stalled.key()));
    QCOMPARE(downloader.stats().inFlight, 1); // only the stalled one is left
    downloader.cancel();
}

void TestCrateDownloader::managersFollowTheProtocol_data()
{
    QTest::addColumn<bool>("h2c"); // else TestUpstream, HTTP/1.1 only
    QTest::addColumn<int>("jobs");
    QTest::addColumn<int>("managers");
    QTest::newRow("HTTP/1.1, 16 jobs: three managers") << false << 16 << 3;
    QTest::newRow("HTTP/1.1, 6 jobs: one manager") << false << 6 << 1;
    QTest::newRow("HTTP/2, 16 jobs: one manager") << true << 16 << 1;
}

void TestCrateDownloader::managersFollowTheProtocol()
{
    // Qt opens at most 6 HTTP/1.1 connections per host and manager, so HTTP/1.x downloads
    // spread over more managers; HTTP/2 multiplexes all of them over one connection, and more
    // managers would only cost TLS handshakes and network threads.
    QFETCH(bool, h2c);
    QFETCH(int, jobs);
    QFETCH(int, managers);
    CrateFiles files(m_registry);
    Http2Upgrader upgrader;
    HttpServer server(files, ServerOptions{});
    server.setProtocolUpgrader(&upgrader);
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    const QList<CrateJob> list =
        firstJobs(h2c ? QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()) : QString());
    CrateDownloaderOptions opts = options();
    opts.jobs = jobs;
    opts.allowCleartextHttp2 = h2c;
    CrateDownloader downloader(m_nam.get(), opts);
    QCOMPARE(downloader.networkManagers(), 1); // nothing known before the first answer
    QSignalSpy finished(&downloader, &CrateDownloader::finished);
    downloader.enqueue(list);
    QVERIFY(finished.wait(20000));
    QCOMPARE(downloader.stats().done, int(list.size()));
    QCOMPARE(downloader.networkManagers(), managers);
    if (h2c)
        QCOMPARE(files.versions(), QSet<int>{2});
}

QTEST_GUILESS_MAIN(TestCrateDownloader)
#include "tst_cratedownloader.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpvalidators.h"
#include "indexpath.h"
#include "mirrorlayout.h"
#include "mirrorrouter.h"
#include "missrecorder.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

using namespace Stowaway;
using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

const QByteArray Secret = QByteArrayLiteral("TOP-SECRET-OUTSIDE-THE-MIRROR");
const QByteArray SerdeIndex =
    QByteArrayLiteral("{\"name\":\"serde\",\"vers\":\"1.0.0\",\"deps\":[],\"cksum\":\"00\"}\n");
const QDateTime FixedMtime(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);

HttpRequest makeRequest(const QByteArray &method, const QString &path, const Headers &headers = {})
{
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.target = path.toUtf8();
    request.headers = headers;
    request.localAddress = QHostAddress(QHostAddress::LocalHost);
    request.localPort = 14000;
    request.peerAddress = QHostAddress(QHostAddress::LocalHost);
    request.peerPort = 50000;
    return request;
}

HttpRequest get(const QString &path, const Headers &headers = {})
{
    return makeRequest("GET", path, headers);
}

} // namespace

class TestMirrorRouter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void configJson_data();
    void configJson();
    void configJsonAuthRequired();
    void indexPaths_data();
    void indexPaths();
    void indexHeaders();
    void etagFollowsContent();
    void conditional_data();
    void conditional();
    void crates_data();
    void crates();
    void crateHeaders();
    void neverOutsideTheMirror_data();
    void neverOutsideTheMirror();
    void missesRecorded();
    void headMatchesGet_data();
    void headMatchesGet();
    void methodNotAllowed_data();
    void methodNotAllowed();
    void otherPaths_data();
    void otherPaths();
    void homePage();
    void homePageEscapesSummary();
    void homePageWithInvalidHost();
    void summaryIsCached();
    void concurrentRewrites();

private:
    void writeFile(const QString &relative, const QByteArray &bytes,
                   const QDateTime &mtime = FixedMtime);
    void makeRouter(MirrorRouterOptions options = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    MirrorSummary m_summary;
    std::atomic<int> m_summaryCalls{0};
    std::unique_ptr<MissRecorder> m_misses;
    std::unique_ptr<MirrorRouter> m_router;
    QByteArray m_crateBytes;
};

void TestMirrorRouter::writeFile(const QString &relative, const QByteArray &bytes,
                                 const QDateTime &mtime)
{
    const QString path = m_root + QLatin1Char('/') + relative;
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    // Write a temporary file and rename it over the target, like the store does (without
    // the fsync QSaveFile would add, which makes the suite slow on a busy disk).
    const QString temp = path + QStringLiteral(".part");
    {
        QFile part(temp);
        QVERIFY(part.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(part.write(bytes), bytes.size());
    }
    QCOMPARE(std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()),
             0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(mtime, QFileDevice::FileModificationTime));
}

void TestMirrorRouter::makeRouter(MirrorRouterOptions options)
{
    m_router.reset();
    m_router = std::make_unique<MirrorRouter>(
        MirrorLayout(m_root),
        [this] {
            ++m_summaryCalls;
            return m_summary;
        },
        m_misses.get(), std::move(options));
}

void TestMirrorRouter::initTestCase()
{
    // One mirror for the whole run (file system metadata is slow on a busy disk); tests
    // that change files use files of their own.
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->filePath(QStringLiteral("mirror"));
    QVERIFY(QDir().mkpath(m_root));
    // Files next to the mirror folder that no request may ever reach.
    for (const QString &outside :
         {QStringLiteral("secret.txt"), QStringLiteral("index"), QStringLiteral("serde"),
          QStringLiteral("crates/x/x-1.0.0.crate"), QStringLiteral("mirror-secret")}) {
        const QString path = m_dir->filePath(outside);
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(Secret);
    }
    writeFile(QStringLiteral("index/se/rd/serde"), SerdeIndex);
    writeFile(QStringLiteral("index/3/l/log"), QByteArrayLiteral("{\"name\":\"log\"}\n"));
    writeFile(QStringLiteral("index/2/cc"), QByteArrayLiteral("{\"name\":\"cc\"}\n"));
    writeFile(QStringLiteral("index/1/a"), QByteArrayLiteral("{\"name\":\"a\"}\n"));
    writeFile(QStringLiteral("index/my/cr/mycrate"), QByteArrayLiteral("{\"name\":\"MyCrate\"}\n"));
    m_crateBytes.resize(3000);
    for (char &c : m_crateBytes)
        c = char(QRandomGenerator::global()->bounded(256));
    writeFile(QStringLiteral("crates/serde/serde-1.0.0.crate"), m_crateBytes);
    writeFile(QStringLiteral("crates/openssl-src/openssl-src-111.0.0+1.1.1a.crate"),
              QByteArrayLiteral("plus-version"));
    writeFile(QStringLiteral("crates/MyCrate/MyCrate-1.0.0.crate"), QByteArrayLiteral("mixed"));
    writeFile(QStringLiteral("crates/a/a-0.1.0.crate"), QByteArrayLiteral("one-letter"));
    // Files inside the mirror folder that are not served either.
    writeFile(QStringLiteral("mirror.toml"), Secret);
    writeFile(QStringLiteral("upstream/index/se/rd/serde"), Secret);
}

void TestMirrorRouter::cleanupTestCase()
{
    m_dir.reset();
}

void TestMirrorRouter::init()
{

    m_summary = {};
    m_summary.crates = 12345;
    m_summary.versions = 67890;
    m_summary.bytes = qint64(5) * 1024 * 1024 * 1024;
    m_summary.upstream = QStringLiteral("https://index.crates.io/");
    m_summary.lastSync = QDateTime(QDate(2026, 11, 20), QTime(22, 15), Qt::UTC);
    m_summaryCalls = 0;
    m_misses = std::make_unique<MissRecorder>(MirrorLayout(m_root));
    makeRouter();
}

void TestMirrorRouter::cleanup()
{
    m_router.reset();
    m_misses.reset();
}

void TestMirrorRouter::configJson_data()
{
    QTest::addColumn<QList<QByteArray>>("hosts");
    QTest::addColumn<QByteArray>("expected"); // empty: 400

    auto valid = [](const char *row, const QByteArray &host, const QByteArray &expected) {
        QTest::newRow(row) << QList<QByteArray>{host} << expected;
    };
    valid("name", "localhost", "localhost");
    valid("name and port", "localhost:8080", "localhost:8080");
    valid("dotted name", "mirror.example.com", "mirror.example.com");
    valid("upper case is lowered", "Mirror.Example.COM:80", "mirror.example.com:80");
    valid("hyphenated name", "build-box-7.lan:14000", "build-box-7.lan:14000");
    valid("fully qualified with dot", "mirror.example.", "mirror.example.");
    valid("ipv4", "127.0.0.1", "127.0.0.1");
    valid("ipv4 and port 1", "192.168.1.20:1", "192.168.1.20:1");
    valid("ipv4 and port 65535", "10.0.0.1:65535", "10.0.0.1:65535");
    valid("ipv6 loopback", "[::1]", "[::1]");
    valid("ipv6 and port", "[2001:db8::1]:8443", "[2001:db8::1]:8443");
    valid("ipv4-mapped ipv6", "[::ffff:127.0.0.1]:80", "[::ffff:127.0.0.1]:80");
    valid("63 character label", QByteArray(63, 'a') + ".lan", QByteArray(63, 'a') + ".lan");

    auto invalid = [](const char *row, const QList<QByteArray> &hosts) {
        QTest::newRow(row) << hosts << QByteArray();
    };
    invalid("missing", {});
    invalid("empty", {""});
    invalid("two host headers", {"evilone.example", "eviltwo.example"});
    invalid("the same host twice", {"localhost", "localhost"});
    invalid("space", {"evil host.example"});
    invalid("userinfo", {"user@evil.example"});
    invalid("path", {"evil.example/steal"});
    invalid("double quotes", {"\"evil.example\""});
    invalid("single quote", {"evil'example"});
    invalid("markup", {"<script>evilscript</script>"});
    invalid("utf-8", {"caf\xc3\xa9-evil.example"});
    invalid("crlf injection", {"evil.example\r\nx-evil: 1"});
    invalid("nul", {QByteArray("evil\0example", 12)});
    invalid("port 0", {"evil.example:0"});
    invalid("port 99999", {"evil.example:99999"});
    invalid("port 65536", {"evil.example:65536"});
    invalid("empty port", {"evil.example:"});
    invalid("port with letters", {"evil.example:8o"});
    invalid("two ports", {"evil.example:80:80"});
    invalid("bad ipv4", {"999.168.1.20"});
    invalid("short ipv4", {"192.168.20"});
    invalid("unbracketed ipv6", {"2001:db8::77"});
    invalid("unterminated ipv6", {"[2001:db8::77"});
    invalid("ipv6 zone id", {"[fe80::77%eth0]"});
    invalid("ipv6 junk after bracket", {"[2001:db8::77]evil"});
    invalid("ipv6 port 0", {"[2001:db8::77]:0"});
    invalid("not ipv6 in brackets", {"[evil.example]"});
    invalid("ipvfuture", {"[v1.evil]"});
    invalid("leading hyphen", {"-evil.example"});
    invalid("trailing hyphen", {"evil-.example"});
    invalid("empty label", {"evil..example"});
    invalid("leading dot", {".evil.example"});
    invalid("underscore", {"evil_host.example"});
    invalid("backslash", {"evil\\example"});
    invalid("label too long", {QByteArray(64, 'e') + ".example"});
    invalid("too long", {QByteArray(300, 'e')});
    invalid("percent", {"evil%2eexample"});
    invalid("comma list", {"evil.example,other.example"});
}

void TestMirrorRouter::configJson()
{
    QFETCH(QList<QByteArray>, hosts);
    QFETCH(QByteArray, expected);
    Headers headers;
    for (const QByteArray &host : hosts)
        headers.append({"host", host});
    const HttpResponse response =
        m_router->handle(get(QStringLiteral("/index/config.json"), headers));
    if (expected.isEmpty()) {
        QCOMPARE(response.status, 400);
        for (const QByteArray &host : hosts) {
            if (!host.isEmpty())
                QVERIFY2(!response.body.contains(host), response.body.constData());
        }
        QVERIFY(!response.body.contains("evil"));
        QVERIFY(response.header("location").isNull());
        return;
    }
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("content-type"), QByteArray("application/json"));
    QCOMPARE(response.body, "{\"dl\":\"http://" + expected +
                                "/crates/{crate}/{crate}-{version}.crate\",\"api\":\"http://" +
                                expected + "\"}\n");
}

void TestMirrorRouter::configJsonAuthRequired()
{
    MirrorRouterOptions options;
    options.authRequired = true;
    makeRouter(options);
    const HttpResponse response =
        m_router->handle(get(QStringLiteral("/index/config.json"), {{"host", "[::1]:9000"}}));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body,
             QByteArray("{\"dl\":\"http://[::1]:9000/crates/{crate}/{crate}-{version}"
                        ".crate\",\"api\":\"http://[::1]:9000\",\"auth-required\":"
                        "true}\n"));
}

void TestMirrorRouter::indexPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("four+") << "/index/se/rd/serde" << 200 << SerdeIndex;
    QTest::newRow("three") << "/index/3/l/log" << 200 << QByteArray("{\"name\":\"log\"}\n");
    QTest::newRow("two") << "/index/2/cc" << 200 << QByteArray("{\"name\":\"cc\"}\n");
    QTest::newRow("one") << "/index/1/a" << 200 << QByteArray("{\"name\":\"a\"}\n");
    QTest::newRow("mixed-case crate, lower-case path")
        << "/index/my/cr/mycrate" << 200 << QByteArray("{\"name\":\"MyCrate\"}\n");
    QTest::newRow("upper-case path") << "/index/My/Cr/MyCrate" << 404 << QByteArray();
    QTest::newRow("wrong prefix") << "/index/ab/cd/serde" << 404 << QByteArray();
    QTest::newRow("missing prefix") << "/index/serde" << 404 << QByteArray();
    QTest::newRow("trailing slash") << "/index/se/rd/serde/" << 404 << QByteArray();
    QTest::newRow("double slash") << "/index/se//rd/serde" << 404 << QByteArray();
    QTest::newRow("dot segment") << "/index/se/rd/./serde" << 404 << QByteArray();
    QTest::newRow("index root") << "/index/" << 404 << QByteArray();
    QTest::newRow("index without slash") << "/index" << 404 << QByteArray();
    QTest::newRow("valid but absent") << "/index/to/ki/tokio" << 404 << QByteArray();
    QTest::newRow("directory") << "/index/se/rd" << 404 << QByteArray();
}

void TestMirrorRouter::indexPaths()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const HttpResponse response = m_router->handle(get(path));
    QCOMPARE(response.status, status);
    if (status == 200)
        QCOMPARE(response.body, body);
    QVERIFY(!response.body.contains(Secret));
}

void TestMirrorRouter::indexHeaders()
{
    const HttpResponse response = m_router->handle(get(QStringLiteral("/index/se/rd/serde")));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("content-type"), QByteArray("text/plain; charset=utf-8"));
    QCOMPARE(response.header("etag"), HttpValidators::strongEtag(SerdeIndex));
    QVERIFY(response.header("etag").startsWith('"'));
    QVERIFY(!response.header("etag").startsWith("W/"));
    QCOMPARE(response.header("last-modified"), QByteArray("Wed, 01 May 2024 12:00:00 GMT"));
    QVERIFY(response.header("content-encoding").isNull());
    QVERIFY(response.header("content-length").isNull()); // the server adds it
}

void TestMirrorRouter::etagFollowsContent()
{
    writeFile(QStringLiteral("index/ch/an/changing"), SerdeIndex);
    const QString path = QStringLiteral("/index/ch/an/changing");
    const QByteArray first = m_router->handle(get(path)).header("etag");
    QCOMPARE(m_router->handle(get(path)).header("etag"), first);

    const QByteArray grown = SerdeIndex + "{\"name\":\"serde\",\"vers\":\"1.0.1\"}\n";
    writeFile(QStringLiteral("index/ch/an/changing"), grown);
    const HttpResponse changed = m_router->handle(get(path));
    QCOMPARE(changed.body, grown);
    QVERIFY(changed.header("etag") != first);

    // Same length, same mtime, different bytes (a yank flip): still noticed.
    QByteArray flipped = grown;
    flipped.replace("1.0.1", "1.0.2");
    writeFile(QStringLiteral("index/ch/an/changing"), flipped);
    const HttpResponse flippedResponse = m_router->handle(get(path));
    QCOMPARE(flippedResponse.body, flipped);
    QVERIFY(flippedResponse.header("etag") != changed.header("etag"));

    // Back to the first content: back to the first tag.
    writeFile(QStringLiteral("index/ch/an/changing"), SerdeIndex);
    QCOMPARE(m_router->handle(get(path)).header("etag"), first);

    // Gone: 404.
    QVERIFY(QFile::remove(m_root + QStringLiteral("/index/ch/an/changing")));
    QCOMPARE(m_router->handle(get(path)).status, 404);
}

void TestMirrorRouter::conditional_data()
{
    const QByteArray etag = HttpValidators::strongEtag(SerdeIndex);
    const QByteArray other = HttpValidators::strongEtag("other");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << Headers{} << 200;
    QTest::newRow("inm exact") << Headers{{"if-none-match", etag}} << 304;
    QTest::newRow("inm list") << Headers{{"if-none-match", other + ", " + etag}} << 304;
    QTest::newRow("inm list no spaces") << Headers{{"if-none-match", other + "," + etag}} << 304;
    QTest::newRow("inm in second header")
        << Headers{{"if-none-match", other}, {"if-none-match", etag}} << 304;
    QTest::newRow("inm star") << Headers{{"if-none-match", "*"}} << 304;
    QTest::newRow("inm weak form matches") << Headers{{"if-none-match", "W/" + etag}} << 304;
    QTest::newRow("inm mismatch") << Headers{{"if-none-match", other}} << 200;
    QTest::newRow("inm unquoted") << Headers{{"if-none-match", etag.mid(1, etag.size() - 2)}}
                                  << 200;
    QTest::newRow("inm prefix only") << Headers{{"if-none-match", etag.left(10) + '"'}} << 200;
    QTest::newRow("ims older") << Headers{{"if-modified-since", "Wed, 01 May 2024 11:59:59 GMT"}}
                               << 200;
    QTest::newRow("ims equal") << Headers{{"if-modified-since", "Wed, 01 May 2024 12:00:00 GMT"}}
                               << 304;
    QTest::newRow("ims newer") << Headers{{"if-modified-since", "Thu, 02 May 2024 08:00:00 GMT"}}
                               << 304;
    QTest::newRow("ims rfc850 equal")
        << Headers{{"if-modified-since", "Wednesday, 01-May-24 12:00:00 GMT"}} << 304;
    QTest::newRow("ims asctime equal")
        << Headers{{"if-modified-since", "Wed May  1 12:00:00 2024"}} << 304;
    QTest::newRow("ims garbage") << Headers{{"if-modified-since", "yesterday"}} << 200;
    QTest::newRow("ims twice") << Headers{{"if-modified-since", "Thu, 02 May 2024 08:00:00 GMT"},
                                          {"if-modified-since", "Thu, 02 May 2024 08:00:00 GMT"}}
                               << 200;
    QTest::newRow("inm mismatch beats newer ims")
        << Headers{{"if-none-match", other}, {"if-modified-since", "Thu, 02 May 2030 08:00:00 GMT"}}
        << 200;
    QTest::newRow("inm match with older ims")
        << Headers{{"if-none-match", etag}, {"if-modified-since", "Mon, 01 Jan 2001 00:00:00 GMT"}}
        << 304;
}

void TestMirrorRouter::conditional()
{
    QFETCH(Headers, headers);
    QFETCH(int, status);
    for (const QByteArray &method : {QByteArray("GET"), QByteArray("HEAD")}) {
        const HttpResponse response =
            m_router->handle(makeRequest(method, QStringLiteral("/index/se/rd/serde"), headers));
        QCOMPARE(response.status, status);
        QCOMPARE(response.header("etag"), HttpValidators::strongEtag(SerdeIndex));
        QCOMPARE(response.header("last-modified"), QByteArray("Wed, 01 May 2024 12:00:00 GMT"));
        if (status == 304)
            QVERIFY(response.body.isEmpty());
        else
            QCOMPARE(response.body, SerdeIndex);
    }
}

void TestMirrorRouter::crates_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body"); // "*" stands for the random serde crate
    QTest::newRow("file form") << "/crates/serde/serde-1.0.0.crate" << 200 << QByteArray("*");
    QTest::newRow("download form") << "/crates/serde/1.0.0/download" << 200 << QByteArray("*");
    QTest::newRow("plus in file form") << "/crates/openssl-src/openssl-src-111.0.0+1.1.1a.crate"
                                       << 200 << QByteArray("plus-version");
    QTest::newRow("plus in download form")
        << "/crates/openssl-src/111.0.0+1.1.1a/download" << 200 << QByteArray("plus-version");
    QTest::newRow("undecoded %2B")
        << "/crates/openssl-src/openssl-src-111.0.0%2B1.1.1a.crate" << 404 << QByteArray();
    QTest::newRow("space instead of plus")
        << "/crates/openssl-src/openssl-src-111.0.0 1.1.1a.crate" << 404 << QByteArray();
    QTest::newRow("original case")
        << "/crates/MyCrate/MyCrate-1.0.0.crate" << 200 << QByteArray("mixed");
    QTest::newRow("one letter name")
        << "/crates/a/a-0.1.0.crate" << 200 << QByteArray("one-letter");
    QTest::newRow("name mismatch") << "/crates/serde/serde_json-1.0.0.crate" << 404 << QByteArray();
    QTest::newRow("other crate's dir") << "/crates/a/serde-1.0.0.crate" << 404 << QByteArray();
    QTest::newRow("name prefix trick") << "/crates/ser/serde-1.0.0.crate" << 404 << QByteArray();
    QTest::newRow("no version") << "/crates/serde/serde-.crate" << 404 << QByteArray();
    QTest::newRow("no dash") << "/crates/serde/serde1.0.0.crate" << 404 << QByteArray();
    QTest::newRow("wrong extension") << "/crates/serde/serde-1.0.0.tar.gz" << 404 << QByteArray();
    QTest::newRow("dir only") << "/crates/serde" << 404 << QByteArray();
    QTest::newRow("dir slash") << "/crates/serde/" << 404 << QByteArray();
    QTest::newRow("not download") << "/crates/serde/1.0.0/upload" << 404 << QByteArray();
    QTest::newRow("extra segment") << "/crates/serde/1.0.0/download/x" << 404 << QByteArray();
    QTest::newRow("bad version") << "/crates/serde/v1.0.0/download" << 404 << QByteArray();
    QTest::newRow("absent version") << "/crates/serde/serde-9.9.9.crate" << 404 << QByteArray();
    QTest::newRow("absent crate") << "/crates/tokio/1.0.0/download" << 404 << QByteArray();
    QTest::newRow("crates root") << "/crates/" << 404 << QByteArray();
}

void TestMirrorRouter::crates()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const HttpResponse response = m_router->handle(get(path));
    QCOMPARE(response.status, status);
    QVERIFY(response.status != 410 && response.status != 451);
    if (status == 200)
        QCOMPARE(response.body, body == "*" ? m_crateBytes : body);
}

void TestMirrorRouter::crateHeaders()
{
    const HttpResponse response =
        m_router->handle(get(QStringLiteral("/crates/serde/serde-1.0.0.crate")));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("content-type"), QByteArray("application/gzip"));
    QVERIFY(response.header("content-encoding").isNull());
    QCOMPARE(response.header("cache-control"), QByteArray("public, max-age=31536000, immutable"));
    QCOMPARE(response.header("etag"), HttpValidators::strongEtag(m_crateBytes));
    QCOMPARE(response.header("last-modified"), QByteArray("Wed, 01 May 2024 12:00:00 GMT"));
    const HttpResponse again = m_router->handle(get(QStringLiteral("/crates/serde/1.0.0/download"),
                                                    {{"if-none-match", response.header("etag")}}));
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
}

void TestMirrorRouter::neverOutsideTheMirror_data()
{
    QTest::addColumn<QString>("path");
    // Space-separated request paths.
    const char *paths =
        "/../secret.txt /index/../secret.txt /index/../../secret.txt "
        "/index/../mirror-secret /index/3/a/../../../../secret.txt "
        "/index/se/rd/../../../../serde /index/.. /index/1/.. /index/2/.. /index/a%2f.. "
        "/index/a/../../secret.txt /index//etc/passwd /index/%2e%2e/secret.txt "
        "/crates/../secret.txt /crates/../crates/x/x-1.0.0.crate /crates/x/x-1.0.0.crate "
        "/crates/../../crates/x/x-1.0.0.crate /crates/..%2f..%2fsecret.txt "
        "/crates/a%2f../x-1.0.0.crate /crates/../x/1.0.0/download "
        "/crates/x/../../../x/1.0.0/download /crates/x/1.0.0/../../../../secret.txt "
        "/crates/../../secret.txt/1.0.0/download /crates/..\\..\\secret.txt "
        "/crates/x/x-1.0.0.crate/../../../../secret.txt "
        "/crates/x/1.0.0%2f..%2f..%2f..%2fsecret.txt/download /secret.txt /mirror-secret "
        "//secret.txt ";
    const QStringList list = QString::fromLatin1(paths).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &path : list)
        QTest::newRow(qPrintable(path)) << path;
}

void TestMirrorRouter::neverOutsideTheMirror()
{
    QFETCH(QString, path);
    // Both as the server hands it over (decoded) and with the slashes already decoded.
    for (const QString &variant :
         {path, QString(path).replace(QStringLiteral("%2f"), QStringLiteral("/"))}) {
        const HttpResponse response = m_router->handle(get(variant));
        QVERIFY2(response.status == 404 || response.status == 400,
                 qPrintable(variant + QStringLiteral(" -> ") + QString::number(response.status)));
        QVERIFY(!response.body.contains(Secret));
    }
}

void TestMirrorRouter::missesRecorded()
{
    m_router->handle(get(QStringLiteral("/index/to/ki/tokio")));
    m_router->handle(get(QStringLiteral("/index/fo/o-/foo-bar")));
    m_router->handle(get(QStringLiteral("/index/fo/o_/foo_bar")));
    m_router->handle(get(QStringLiteral("/crates/tokio/1.0.0/download")));
    m_router->handle(get(QStringLiteral("/crates/tokio/tokio-1.0.0.crate")));
    m_router->handle(get(QStringLiteral("/crates/serde/serde-9.9.9.crate")));
    // Not misses: served files, malformed paths, config.
    m_router->handle(get(QStringLiteral("/index/se/rd/serde")));
    m_router->handle(get(QStringLiteral("/index/ab/cd/serde")));
    m_router->handle(get(QStringLiteral("/crates/serde/serde_json-1.0.0.crate")));

    const QList<MissRecorder::Entry> exact = m_misses->snapshot();
    QCOMPARE(exact.size(), 5);
    QCOMPARE(exact.first().name, QStringLiteral("tokio"));
    QCOMPARE(exact.first().version, QStringLiteral("1.0.0"));
    QCOMPARE(exact.first().count, 2);
    QStringList seen;
    for (const MissRecorder::Entry &entry : exact)
        seen << entry.name + QLatin1Char('@') + entry.version;
    seen.sort();
    QCOMPARE(seen, QStringList({QStringLiteral("foo-bar@"), QStringLiteral("foo_bar@"),
                                QStringLiteral("serde@9.9.9"), QStringLiteral("tokio@"),
                                QStringLiteral("tokio@1.0.0")}));
    const QList<MissRecorder::Entry> grouped =
        m_misses->snapshot(MissRecorder::Grouping::CanonicalName);
    QCOMPARE(grouped.size(), 4);
    QCOMPARE(grouped.first().count, 2);

    // Without a recorder the router still answers 404.
    m_router = std::make_unique<MirrorRouter>(MirrorLayout(m_root), nullptr);
    QCOMPARE(m_router->handle(get(QStringLiteral("/index/to/ki/tokio"))).status, 404);
}

void TestMirrorRouter::headMatchesGet_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<Headers>("headers");
    QTest::newRow("config") << "/index/config.json" << Headers{{"host", "localhost:1"}};
    QTest::newRow("bad config") << "/index/config.json" << Headers{};
    QTest::newRow("index") << "/index/se/rd/serde" << Headers{};
    QTest::newRow("crate") << "/crates/serde/serde-1.0.0.crate" << Headers{};
    QTest::newRow("missing") << "/crates/serde/serde-2.0.0.crate" << Headers{};
    QTest::newRow("home") << "/" << Headers{{"host", "localhost:1"}};
}

void TestMirrorRouter::headMatchesGet()
{
    QFETCH(QString, path);
    QFETCH(Headers, headers);
    const HttpResponse getResponse = m_router->handle(makeRequest("GET", path, headers));
    const HttpResponse headResponse = m_router->handle(makeRequest("HEAD", path, headers));
    QCOMPARE(headResponse.status, getResponse.status);
    QCOMPARE(headResponse.headers, getResponse.headers);
    QCOMPARE(headResponse.body.size(), getResponse.body.size());
}

void TestMirrorRouter::methodNotAllowed_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("POST index") << QByteArray("POST") << "/index/se/rd/serde";
    QTest::newRow("PUT crate") << QByteArray("PUT") << "/crates/serde/serde-1.0.0.crate";
    QTest::newRow("DELETE crate") << QByteArray("DELETE") << "/crates/serde/1.0.0/download";
    QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << "/";
    QTest::newRow("lower-case get") << QByteArray("get") << "/index/se/rd/serde";
    QTest::newRow("unknown path") << QByteArray("PATCH") << "/nothing";
}

void TestMirrorRouter::methodNotAllowed()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const HttpResponse response = m_router->handle(makeRequest(method, path));
    QCOMPARE(response.status, 405);
    QCOMPARE(response.header("allow"), QByteArray("GET, HEAD"));
}

void TestMirrorRouter::otherPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("favicon") << "/favicon.ico" << 404;
    QTest::newRow("robots") << "/robots.txt" << 200;
    QTest::newRow("empty") << "" << 404;
    QTest::newRow("unknown") << "/api/v1/crates" << 404;
    QTest::newRow("index.html with suffix") << "/index.htmlx" << 404;
    QTest::newRow("config.json outside index") << "/config.json" << 404;
    QTest::newRow("mirror.toml") << "/mirror.toml" << 404;
    QTest::newRow("state db") << "/state.sqlite" << 404;
    QTest::newRow("upstream index") << "/upstream/index/se/rd/serde" << 404;
    QTest::newRow("logs") << "/logs/misses.log" << 404;
}

void TestMirrorRouter::otherPaths()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    const HttpResponse response = m_router->handle(get(path));
    QCOMPARE(response.status, status);
    QVERIFY(!response.body.contains(Secret));
    if (path == QLatin1String("/robots.txt"))
        QVERIFY(response.body.contains("Disallow: /"));
}

void TestMirrorRouter::homePage()
{
    for (const QString &path : {QStringLiteral("/"), QStringLiteral("/index.html")}) {
        const HttpResponse response = m_router->handle(get(path, {{"host", "mirror.lan:8080"}}));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("content-type"), QByteArray("text/html; charset=utf-8"));
        QVERIFY(response.header("content-security-policy").contains("default-src 'none'"));
        const QString page = QString::fromUtf8(response.body);
        QVERIFY(page.contains(QStringLiteral("12,345")));
        QVERIFY(page.contains(QStringLiteral("67,890")));
        QVERIFY(page.contains(QStringLiteral("5.4 GB")));
        QVERIFY(page.contains(QStringLiteral("https://index.crates.io/")));
        QVERIFY(page.contains(QStringLiteral("2026-11-20 22:15 UTC")));
        QVERIFY(
            page.contains(QStringLiteral("[source.crates-io]\nreplace-with = &quot;stowaway&quot;"
                                         "\n\n[source.stowaway]\nregistry = &quot;"
                                         "sparse+http://mirror.lan:8080/index/&quot;")));
        QVERIFY(page.contains(QStringLiteral("stowaway cargo-config enable")));
        QVERIFY(!page.contains(QStringLiteral("src=")));
        QVERIFY(!page.contains(QStringLiteral("href=")));
    }
}

void TestMirrorRouter::homePageEscapesSummary()
{
    m_summary.upstream = QStringLiteral("https://x/<script>alert(\"pwned\")</script>&'");
    m_summary.lastSync = {};
    makeRouter();
    const QString page =
        QString::fromUtf8(m_router->handle(get(QStringLiteral("/"), {{"host", "localhost"}})).body);
    QVERIFY(!page.contains(QStringLiteral("<script>alert")));
    QVERIFY(page.contains(QStringLiteral(
        "https://x/&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&amp;&#39;")));
    QVERIFY(page.contains(QStringLiteral("never")));
    QCOMPARE(page.count(QStringLiteral("<script>")), 1); // only the page's own copy button
}

void TestMirrorRouter::homePageWithInvalidHost()
{
    const QByteArray hostile = "evil.example\"><script>alert(1)</script>";
    const HttpResponse response = m_router->handle(get(QStringLiteral("/"), {{"host", hostile}}));
    QCOMPARE(response.status, 200);
    QVERIFY(!response.body.contains("evil.example"));
    QVERIFY(response.body.contains("sparse+http://127.0.0.1:14000/index/"));

    HttpRequest ipv6 = get(QStringLiteral("/"));
    ipv6.localAddress = QHostAddress(QStringLiteral("::1"));
    ipv6.localPort = 8080;
    QVERIFY(m_router->handle(ipv6).body.contains("sparse+http://[::1]:8080/index/"));

    HttpRequest mapped = get(QStringLiteral("/"));
    mapped.localAddress = QHostAddress(QStringLiteral("::ffff:192.168.1.9"));
    QVERIFY(m_router->handle(mapped).body.contains("sparse+http://192.168.1.9:14000/index/"));
}

void TestMirrorRouter::summaryIsCached()
{
    for (int i = 0; i < 20; ++i)
        QCOMPARE(m_router->handle(get(QStringLiteral("/"))).status, 200);
    QCOMPARE(m_summaryCalls.load(), 1);

    MirrorRouterOptions options;
    options.summaryMaxAge = std::chrono::milliseconds(20);
    makeRouter(options);
    m_summaryCalls = 0;
    m_router->handle(get(QStringLiteral("/")));
    m_summary.crates = 424242;
    QTRY_VERIFY_WITH_TIMEOUT(m_router->handle(get(QStringLiteral("/"))).body.contains("424,242"),
                             2000);
    QVERIFY(m_summaryCalls.load() >= 2);
    // Index requests never ask for the summary.
    const int before = m_summaryCalls.load();
    for (int i = 0; i < 20; ++i)
        m_router->handle(get(QStringLiteral("/index/se/rd/serde")));
    QCOMPARE(m_summaryCalls.load(), before);
}

void TestMirrorRouter::concurrentRewrites()
{
    // Two versions of one index file of different sizes, swapped by atomic rename while
    // eight threads read it: every body must be exactly one of them, with its own ETag.
    const QByteArray versionA = QByteArray(5000, 'a') + '\n';
    const QByteArray versionB = QByteArray(9000, 'b') + '\n';
    const QByteArray etagA = HttpValidators::strongEtag(versionA);
    const QByteArray etagB = HttpValidators::strongEtag(versionB);
    const QString target = m_root + QStringLiteral("/index/ra/ce/racey");
    const QString temp = m_root + QStringLiteral("/tmp/racey.part");
    QVERIFY(QDir().mkpath(m_root + QStringLiteral("/tmp")));
    QVERIFY(QDir().mkpath(m_root + QStringLiteral("/index/ra/ce")));
    auto publish = [&](const QByteArray &bytes) {
        QFile file(temp);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(bytes) != bytes.size())
            return false;
        file.close();
        return std::rename(QFile::encodeName(temp).constData(),
                           QFile::encodeName(target).constData()) == 0;
    };
    QVERIFY(publish(versionA));

    std::atomic<bool> done{false};
    std::atomic<int> rewrites{0};
    std::atomic<bool> writerFailed{false};
    std::thread writer([&] {
        for (int i = 0; !done.load() && i < 200000; ++i) {
            if (!publish(i % 2 ? versionA : versionB)) {
                writerFailed = true;
                return;
            }
            ++rewrites;
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(rewrites.load() >= 2 || writerFailed.load(), 5000);
    std::atomic<int> bad{0};
    std::atomic<int> seenA{0};
    std::atomic<int> seenB{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 8; ++t) {
        readers.emplace_back([&] {
            const HttpRequest request = get(QStringLiteral("/index/ra/ce/racey"));
            for (int i = 0; i < 2000; ++i) {
                if (i % 10 == 0) // let the writer interleave with the readers
                    std::this_thread::sleep_for(std::chrono::microseconds(20));
                const HttpResponse response = m_router->handle(request);
                const QByteArray etag = response.header("etag");
                if (response.status == 200 && response.body == versionA && etag == etagA)
                    ++seenA;
                else if (response.status == 200 && response.body == versionB && etag == etagB)
                    ++seenB;
                else
                    ++bad;
            }
        });
    }
    for (std::thread &reader : readers)
        reader.join();
    done = true;
    writer.join();
    QVERIFY(!writerFailed.load());
    QCOMPARE(bad.load(), 0);
    QCOMPARE(seenA.load() + seenB.load(), 8 * 2000);
    QVERIFY(rewrites.load() > 2);
    qInfo("%d rewrites, %d bodies A, %d bodies B, %llu loads", rewrites.load(), seenA.load(),
          seenB.load(), static_cast<unsigned long long>(m_router->fileCache().loads()));
}

QTEST_GUILESS_MAIN(TestMirrorRouter)
#include "tst_mirrorrouter.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// GitServedIndex through MirrorRouter: a git-backed mirror (bare clone of a TestGitUpstream
// at git/index.git, the synced marker in the state, some versions stored) answers index
// requests from the synced commit's blobs, stored versions only, byte-identical lines.
#include "gitindex.h"
#include "gitservedindex.h"
#include "httpvalidators.h"
#include "indexpath.h"
#include "mirrorrouter.h"
#include "mirrorstore.h"
#include "testgitupstream.h"
#include "testregistry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Stowaway;
using Stowaway::Testing::TestCrate;
using Stowaway::Testing::TestGitUpstream;
using Stowaway::Testing::TestRegistry;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

HttpRequest request(const QByteArray &method, const QString &name, const Headers &headers = {})
{
    HttpRequest r;
    r.method = method;
    r.path = QStringLiteral("/index/") + IndexPath::relativePath(name);
    r.target = r.path.toUtf8();
    r.headers = headers;
    r.localAddress = QHostAddress(QHostAddress::LocalHost);
    r.localPort = 14000;
    r.peerAddress = QHostAddress(QHostAddress::LocalHost);
    r.peerPort = 50000;
    return r;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestGitServedIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void servesStoredLinesOnly();
    void conditionalRequests_data();
    void conditionalRequests();
    void etagChangesWhenAVersionIsStored();
    void etagChangesWhenUpstreamChanges();
    void deletedUpstreamServedFromStoredCopy();
    void withoutMarkerServesFiles();
    void concurrentLookups();
    void cacheReusesAnswersUntilTheStateChanges();

private:
    bool syncTo(const QByteArray &commit);
    QByteArray expectedServed(const QString &name) const;

    TestRegistry m_registry = TestRegistry::small();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestGitUpstream> m_upstream;
    std::unique_ptr<MirrorStore> m_store;
    std::unique_ptr<MirrorRouter> m_router;
    QByteArray m_commit;
};

void TestGitServedIndex::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QString error;
    m_upstream = std::make_unique<TestGitUpstream>(m_dir->filePath(QStringLiteral("up.git")));
    QVERIFY2(m_upstream->init(&error), qPrintable(error));
    m_commit = m_upstream->publish(m_registry, QStringLiteral("http://127.0.0.1:1"), {},
                                   QStringLiteral("publish"), &error);
    QVERIFY2(!m_commit.isEmpty(), qPrintable(error));

    // The mirror: every index file known, only the first version of each crate stored.
    m_store = std::make_unique<MirrorStore>(MirrorLayout(m_dir->filePath(QStringLiteral("m"))));
    QVERIFY2(m_store->open(&error), qPrintable(error));
    for (const QString &name : m_registry.crateNames()) {
        QVERIFY2(m_store->putUpstreamIndex(name, m_registry.indexFile(name), {}, {}, &error),
                 qPrintable(error));
        const TestCrate *first = m_registry.versions(name).first();
        QVERIFY2(m_store->putCrate(name, first->version, m_registry.crateFile(name, first->version),
                                   &error),
                 qPrintable(error));
    }
    QVERIFY(syncTo(m_commit));
    m_router = std::make_unique<MirrorRouter>(m_store->layout(), nullptr);
}

void TestGitServedIndex::cleanup()
{
    m_router.reset();
    m_store.reset();
    m_upstream.reset();
    m_dir.reset();
}

/// Fetches the upstream into the mirror's clone and records @p commit as synced.
bool TestGitServedIndex::syncTo(const QByteArray &commit)
{
    GitIndex clone;
    QString error;
    if (!clone.open(m_store->layout().gitIndexDir(), &error) ||
        !clone.fetch(m_upstream->url(), {}, &error) ||
        !m_store->setSyncMarker(GitServedIndex::syncedMarkerKey(),
                                QString::fromLatin1(commit) + u' ' + m_upstream->url(), &error)) {
        qWarning() << error;
        return false;
    }
    return clone.hasCommit(commit);
}

/// The stored versions' upstream lines, as the served-index file on disk has them.
QByteArray TestGitServedIndex::expectedServed(const QString &name) const
{
    QByteArray out;
    for (const TestCrate *crate : m_registry.versions(name)) {
        const std::optional<VersionRecord> record = m_store->version(name, crate->version);
        if (record && record->state == QLatin1String("stored"))
            out += m_registry.indexLine(*crate) + '\n';
    }
    return out;
}

void TestGitServedIndex::servesStoredLinesOnly()
{
    int multiVersion = 0;
    for (const QString &name : m_registry.crateNames()) {
        const HttpResponse response = m_router->handle(request("GET", name));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, expectedServed(name));
        // The same bytes the files-based path serves.
        QCOMPARE(response.body, readFile(m_store->layout().servedIndexFile(name)));
        QVERIFY(response.header("etag").startsWith('"') && response.header("etag").endsWith('"'));
        QCOMPARE(response.header("etag").size(), 1 + 40 + 1 + 16 + 1);
        QVERIFY(response.header("last-modified").isEmpty());
        QCOMPARE(response.header("content-type"), QByteArray("text/plain; charset=utf-8"));
        multiVersion += m_registry.versions(name).size() > 1;
        if (m_registry.versions(name).size() > 1)
            QVERIFY(response.body.size() < m_registry.indexFile(name).size());
    }
    QVERIFY(multiVersion >= 2);
    // The ETag names the blob the answer came from.
    const QString name = m_registry.crateNames().first();
    GitIndex clone;
    QString error;
    QVERIFY2(clone.open(m_store->layout().gitIndexDir(), &error), qPrintable(error));
    const std::optional<GitFile> blob =
        clone.readFile(m_commit, IndexPath::relativePath(name), &error);
    QVERIFY2(blob, qPrintable(error));
    QVERIFY(m_router->handle(request("GET", name))
                .header("etag")
                .startsWith(QByteArray('"' + blob->blobId + '-')));
    // Unknown crates are still 404.
    QCOMPARE(m_router->handle(request("GET", QStringLiteral("no-such-crate"))).status, 404);
}

void TestGitServedIndex::conditionalRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<int>("status");
    QTest::newRow("GET same ETag") << QByteArray("GET") << "same" << 304;
    QTest::newRow("HEAD same ETag") << QByteArray("HEAD") << "same" << 304;
    QTest::newRow("GET ETag in a list") << QByteArray("GET") << "list" << 304;
    QTest::newRow("GET other ETag") << QByteArray("GET") << "other" << 200;
    QTest::newRow("GET If-Modified-Since only") << QByteArray("GET") << "ims" << 200;
    QTest::newRow("GET unconditional") << QByteArray("GET") << "none" << 200;
}

void TestGitServedIndex::conditionalRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, condition);
    QFETCH(int, status);
    const QString name = m_registry.crateNames().first();
    const QByteArray etag = m_router->handle(request("GET", name)).header("etag");
    QVERIFY(!etag.isEmpty());
    Headers headers;
    if (condition == QLatin1String("same"))
        headers.append({QByteArray("if-none-match"), etag});
    else if (condition == QLatin1String("list"))
        headers.append({QByteArray("if-none-match"), QByteArray("\"x\", " + etag)});
    else if (condition == QLatin1String("other"))
        headers.append({QByteArray("if-none-match"), QByteArray("\"0000\"")});
    else if (condition == QLatin1String("ims"))
        headers.append(
            {QByteArray("if-modified-since"), QByteArray("Fri, 01 Jan 2100 00:00:00 GMT")});
    const HttpResponse response = m_router->handle(request(method, name, headers));
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("etag"), etag);
    if (status == 304 || method == "HEAD")
        QVERIFY(response.body.isEmpty() || method == "HEAD");
    else
        QCOMPARE(response.body, expectedServed(name));
}

void TestGitServedIndex::etagChangesWhenAVersionIsStored()
{
    QString name;
    for (const QString &candidate : m_registry.crateNames()) {
        if (m_registry.versions(candidate).size() > 1) {
            name = candidate;
            break;
        }
    }
    QVERIFY(!name.isEmpty());
    const HttpResponse before = m_router->handle(request("GET", name));
    const TestCrate *second = m_registry.versions(name).at(1);
    QString error;
    QVERIFY2(m_store->putCrate(name, second->version, m_registry.crateFile(name, second->version),
                               &error),
             qPrintable(error));
    const HttpResponse after = m_router->handle(
        request("GET", name, {{QByteArray("if-none-match"), before.header("etag")}}));
    QCOMPARE(after.status, 200);
    QVERIFY(after.header("etag") != before.header("etag"));
    QVERIFY(after.body.contains(m_registry.indexLine(*second)));
    QCOMPARE(after.body, expectedServed(name));
    // Same blob, so the same first part.
    QCOMPARE(after.header("etag").left(42), before.header("etag").left(42));
}

void TestGitServedIndex::etagChangesWhenUpstreamChanges()
{
    const QString name = m_registry.crateNames().first();
    const TestCrate *first = m_registry.versions(name).first();
    const QByteArray before = m_router->handle(request("GET", name)).header("etag");
    QString error;
    const QByteArray yanked = m_upstream->yank(name, first->version, &error);
    QVERIFY2(!yanked.isEmpty(), qPrintable(error));
    // Not synced yet: the synced commit still answers.
    QCOMPARE(m_router->handle(request("GET", name)).header("etag"), before);
    QVERIFY(syncTo(yanked));
    const HttpResponse after = m_router->handle(request("GET", name));
    QCOMPARE(after.status, 200);
    QVERIFY(after.header("etag") != before);
    QVERIFY(after.body.contains("\"yanked\":true"));
    QCOMPARE(after.body,
             m_upstream->file(IndexPath::relativePath(name)).split('\n').first() + '\n');
}

void TestGitServedIndex::deletedUpstreamServedFromStoredCopy()
{
    const QString name = m_registry.crateNames().first();
    QString error;
    const QByteArray removed = m_upstream->removeCrate(name, &error);
    QVERIFY2(!removed.isEmpty(), qPrintable(error));
    QVERIFY(syncTo(removed));
    const HttpResponse response = m_router->handle(request("GET", name));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, expectedServed(name));
    // From the file on disk: the FileCache's content ETag, and a Last-Modified.
    QCOMPARE(response.header("etag"), HttpValidators::strongEtag(response.body));
    QVERIFY(!response.header("last-modified").isEmpty());
}

void TestGitServedIndex::withoutMarkerServesFiles()
{
    QString error;
    QVERIFY2(m_store->setSyncMarker(GitServedIndex::syncedMarkerKey(), {}, &error),
             qPrintable(error));
    const QString name = m_registry.crateNames().first();
    const HttpResponse response = m_router->handle(request("GET", name));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("etag"), HttpValidators::strongEtag(expectedServed(name)));
    MirrorRouterOptions off;
    off.serveFromGit = false;
    QVERIFY2(m_store->setSyncMarker(GitServedIndex::syncedMarkerKey(),
                                    QString::fromLatin1(m_commit) + u' ' + m_upstream->url(),
                                    &error),
             qPrintable(error));
    MirrorRouter filesOnly(m_store->layout(), nullptr, nullptr, off);
    QCOMPARE(filesOnly.handle(request("GET", name)).header("etag"),
             HttpValidators::strongEtag(expectedServed(name)));
}

void TestGitServedIndex::concurrentLookups()
{
    GitServedIndex served(m_store->layout());
    const QStringList names = m_registry.crateNames();
    QHash<QString, QByteArray> expected;
    for (const QString &name : names)
        expected.insert(name, expectedServed(name));
    std::atomic<int> good{0};
    std::atomic<int> bad{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 100; ++i) {
                const QString &name = names.at((i + t) % names.size());
                const GitServedIndex::Lookup lookup = served.lookup(name);
                if (lookup.status == GitServedIndex::Lookup::Status::Served &&
                    lookup.bytes == expected.value(name))
                    ++good;
                else
                    ++bad;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(bad.load(), 0);
    QCOMPARE(good.load(), 400);
}

void TestGitServedIndex::cacheReusesAnswersUntilTheStateChanges()
{
    QString name;
    for (const QString &candidate : m_registry.crateNames()) {
        if (m_registry.versions(candidate).size() > 1) {
            name = candidate;
            break;
        }
    }
    QVERIFY(!name.isEmpty());
    GitServedIndex served(m_store->layout());
    const GitServedIndex::Lookup first = served.lookup(name);
    const GitServedIndex::Lookup second = served.lookup(name);
    QCOMPARE(served.cacheMisses(), quint64(1));
    QCOMPARE(served.cacheHits(), quint64(1));
    QCOMPARE(second.bytes, first.bytes);
    QCOMPARE(second.etag, first.etag);

    const TestCrate *next = m_registry.versions(name).at(1);
    QString error;
    QVERIFY2(
        m_store->putCrate(name, next->version, m_registry.crateFile(name, next->version), &error),
        qPrintable(error));
    const GitServedIndex::Lookup after = served.lookup(name);
    QCOMPARE(served.cacheMisses(), quint64(2));
    QVERIFY(after.etag != first.etag);
    QCOMPARE(after.bytes, expectedServed(name));

    served.setCacheLimit(0);
    served.lookup(name);
    served.lookup(name);
    QCOMPARE(served.cacheMisses(), quint64(4));
    QCOMPARE(served.cacheHits(), quint64(1));
}

QTEST_GUILESS_MAIN(TestGitServedIndex)
#include "tst_gitservedindex.moc"

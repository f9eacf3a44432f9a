// SPDX-License-Identifier: GPL-3.0-or-later
#include "gitindexsource.h"

#include "testgitupstream.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

Q_DECLARE_METATYPE(Stowaway::IndexFetch)
Q_DECLARE_METATYPE(Stowaway::RegistryConfig)

namespace {
const QByteArray Config = R"({"dl":"http://127.0.0.1:9/crates","api":"http://127.0.0.1:9"})";
QByteArray line(const char *name, const char *version)
{
    return QByteArray(R"({"name":")") + name + R"(","vers":")" + version +
           R"(","deps":[],"cksum":"00","features":{},"yanked":false})" + '\n';
}
} // namespace

class TestGitIndexSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void configAfterAClone();
    void readsAtTheTip_data();
    void readsAtTheTip();
    void manyReadsComeBackOnce();
    void listChangesDiffsOrListsEverything();
    void badConfigIsNotUnreachable();
    void abortAllDropsResults();
    void destroyedWhileCloning();
    void crateNameOfPath_data();
    void crateNameOfPath();

private:
    /// A source whose fetchConfig() succeeded.
    std::unique_ptr<GitIndexSource> readySource();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestGitUpstream> m_upstream;
    QByteArray m_first;
};

void TestGitIndexSource::initTestCase()
{
    qRegisterMetaType<IndexFetch>();
    qRegisterMetaType<RegistryConfig>();
}

void TestGitIndexSource::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_upstream = std::make_unique<TestGitUpstream>(m_dir->filePath(QStringLiteral("up.git")));
    QString error;
    QVERIFY2(m_upstream->init(&error), qPrintable(error));
    m_first = m_upstream->commitFiles({{"config.json", Config},
                                       {"se/rd/serde", line("serde", "1.0.0")},
                                       {"1/a", line("a", "0.1.0")},
                                       {"README.md", "not a crate"}},
                                      "first", &error);
    QVERIFY2(!m_first.isEmpty(), qPrintable(error));
}

std::unique_ptr<GitIndexSource> TestGitIndexSource::readySource()
{
    auto source = std::make_unique<GitIndexSource>(m_dir->filePath(QStringLiteral("clone.git")),
                                                   m_upstream->path());
    QSignalSpy ready(source.get(), &IndexSource::configReady);
    source->fetchConfig();
    if (!ready.wait(10000))
        return nullptr;
    return source;
}

void TestGitIndexSource::configAfterAClone()
{
    GitIndexSource source(m_dir->filePath(QStringLiteral("clone.git")), m_upstream->url());
    QSignalSpy ready(&source, &IndexSource::configReady);
    QSignalSpy failed(&source, &IndexSource::configFailed);
    QSignalSpy progress(&source, &GitIndexSource::transferProgress);
    source.fetchConfig();
    QVERIFY(ready.wait(10000));
    QCOMPARE(failed.size(), 0);
    const auto config = ready.constFirst().constFirst().value<RegistryConfig>();
    QCOMPARE(config.dl, QStringLiteral("http://127.0.0.1:9/crates"));
    QCOMPARE(source.tip(), m_first);
    // The last report is the finished transfer.
    QVERIFY(!progress.isEmpty());
    const auto last = progress.constLast().constFirst().value<GitTransferProgress>();
    QCOMPARE(last.receivedObjects, last.totalObjects);
    QVERIFY(last.totalObjects > 0);
}

void TestGitIndexSource::readsAtTheTip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("etag"); // "tip" stands for the file's current blob id
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("ok") << "serde" << QByteArray() << int(IndexFetch::Status::Ok)
                        << line("serde", "1.0.0");
    QTest::newRow("name case does not matter")
        << "SERDE" << QByteArray() << int(IndexFetch::Status::Ok) << line("serde", "1.0.0");
    QTest::newRow("old etag") << "a" << QByteArray(40, '0') << int(IndexFetch::Status::Ok)
                              << line("a", "0.1.0");
    QTest::newRow("current etag") << "a" << QByteArray("tip")
                                  << int(IndexFetch::Status::NotModified) << QByteArray();
    QTest::newRow("no such crate")
        << "nope" << QByteArray() << int(IndexFetch::Status::NotFound) << QByteArray();
    QTest::newRow("not a crate name")
        << "../x" << QByteArray() << int(IndexFetch::Status::NotFound) << QByteArray();
}

void TestGitIndexSource::readsAtTheTip()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, etag);
    QFETCH(int, status);
    QFETCH(QByteArray, bytes);
    const auto source = readySource();
    QVERIFY(source);
    // A commit after the config was read is not seen: reads stay at the fetched tip.
    QString error;
    QVERIFY(!m_upstream->commitFiles({{"1/a", line("a", "0.2.0")}}, "later", &error).isEmpty());
    if (etag == "tip") {
        QSignalSpy first(source.get(), &IndexSource::indexFetched);
        source->fetch(name);
        QVERIFY(first.wait(5000));
        etag = first.constFirst().constFirst().value<IndexFetch>().etag;
    }
    QSignalSpy fetched(source.get(), &IndexSource::indexFetched);
    source->fetch(name, etag);
    QVERIFY(fetched.wait(5000));
    QCOMPARE(fetched.size(), 1);
    const auto result = fetched.constFirst().constFirst().value<IndexFetch>();
    QCOMPARE(result.name, name);
    QCOMPARE(int(result.status), status);
    QCOMPARE(result.bytes, bytes);
    if (status == int(IndexFetch::Status::Ok))
        QCOMPARE(result.etag.size(), 40);
    if (status == int(IndexFetch::Status::NotFound))
        QCOMPARE(result.httpStatus, 404);
}

void TestGitIndexSource::manyReadsComeBackOnce()
{
    const auto source = readySource();
    QVERIFY(source);
    QSignalSpy fetched(source.get(), &IndexSource::indexFetched);
    const int count = 600; // more than one batch
    for (int i = 0; i < count; ++i)
        source->fetch(i % 2 ? QStringLiteral("serde") : QStringLiteral("a"));
    QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), count, 10000);
    for (const QList<QVariant> &args : std::as_const(fetched))
        QCOMPARE(args.constFirst().value<IndexFetch>().status, IndexFetch::Status::Ok);
}

void TestGitIndexSource::listChangesDiffsOrListsEverything()
{
    const auto source = readySource();
    QVERIFY(source);
    // Full listing: only crate files, README.md and config.json left out.
    QSignalSpy changes(source.get(), &GitIndexSource::changesReady);
    source->listChanges({});
    QVERIFY(changes.wait(5000));
    auto result = changes.takeFirst().constFirst().value<GitIndexChanges>();
    QVERIFY(result.full);
    QStringList names;
    for (const GitIndexEntry &entry : std::as_const(result.present))
        names.append(entry.name);
    names.sort();
    QCOMPARE(names, (QStringList{"a", "serde"}));

    // After a new version and a deletion upstream, a diff from the first commit.
    QString error;
    QVERIFY(!m_upstream
                 ->commitFiles({{"1/a", line("a", "0.1.0") + line("a", "0.2.0")},
                                {"se/rd/serde", std::nullopt},
                                {"3/n/new", line("new", "1.0.0")}},
                               "second", &error)
                 .isEmpty());
    QSignalSpy ready(source.get(), &IndexSource::configReady);
    source->fetchConfig();
    QVERIFY(ready.wait(10000));
    source->listChanges(m_first);
    QVERIFY(changes.wait(5000));
    result = changes.takeFirst().constFirst().value<GitIndexChanges>();
    QVERIFY(!result.full);
    QCOMPARE(result.from, m_first);
    QCOMPARE(result.to, m_upstream->head());
    names.clear();
    for (const GitIndexEntry &entry : std::as_const(result.present))
        names.append(entry.name);
    names.sort();
    QCOMPARE(names, (QStringList{"a", "new"}));
    QCOMPARE(result.removed, QStringList{"serde"});

    // A commit the clone does not have: a full listing again.
    source->listChanges(QByteArray(40, 'f'));
    QVERIFY(changes.wait(5000));
    QVERIFY(changes.takeFirst().constFirst().value<GitIndexChanges>().full);
}

void TestGitIndexSource::badConfigIsNotUnreachable()
{
    QString error;
    QVERIFY(!m_upstream->commitFiles({{"config.json", "{not json"}}, "broken", &error).isEmpty());
    GitIndexSource source(m_dir->filePath(QStringLiteral("clone.git")), m_upstream->path());
    QSignalSpy failed(&source, &IndexSource::configFailed);
    source.fetchConfig();
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.constFirst().at(1).toBool(), false);
    QVERIFY2(failed.constFirst().constFirst().toString().contains(QStringLiteral("config.json")),
             qPrintable(failed.constFirst().constFirst().toString()));

    // No config.json at all.
    QVERIFY(!m_upstream->commitFiles({{"config.json", std::nullopt}}, "gone", &error).isEmpty());
    failed.clear();
    source.fetchConfig();
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.constFirst().constFirst().toString().contains(QStringLiteral("config.json")));
}

void TestGitIndexSource::abortAllDropsResults()
{
    const auto source = readySource();
    QVERIFY(source);
    QSignalSpy fetched(source.get(), &IndexSource::indexFetched);
    for (int i = 0; i < 10; ++i)
        source->fetch(QStringLiteral("serde"));
    source->abortAll();
    QTest::qWait(200);
    QCOMPARE(fetched.size(), 0);
    // Still usable afterwards.
    source->fetch(QStringLiteral("a"));
    QVERIFY(fetched.wait(5000));
    QCOMPARE(fetched.size(), 1);
}

void TestGitIndexSource::destroyedWhileCloning()
{
    QHash<QString, std::optional<QByteArray>> files;
    for (int i = 0; i < 3000; ++i)
        files.insert(QStringLiteral("cr/at/crate%1").arg(i),
                     line("crate", "1.0.0") + QByteArray::number(i));
    QString error;
    QVERIFY(!m_upstream->commitFiles(files, "many", &error).isEmpty());
    const QString clone = m_dir->filePath(QStringLiteral("clone.git"));
    {
        GitIndexSource source(clone, m_upstream->path());
        QSignalSpy ready(&source, &IndexSource::configReady);
        source.fetchConfig();
        source.abortAll(); // cancels the transfer at its next progress report
        QTest::qWait(50);
        QCOMPARE(ready.size(), 0);
    } // the destructor waits for the clone task to stop
    // The half-made clone does not get in the way of the next one.
    GitIndexSource again(clone, m_upstream->path());
    QSignalSpy ready(&again, &IndexSource::configReady);
    again.fetchConfig();
    QVERIFY(ready.wait(20000));
    QCOMPARE(again.tip(), m_upstream->head());
}

void TestGitIndexSource::crateNameOfPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("name");
    QTest::newRow("four letters") << "se/rd/serde"
                                  << "serde";
    QTest::newRow("one") << "1/a"
                         << "a";
    QTest::newRow("two") << "2/ab"
                         << "ab";
    QTest::newRow("three") << "3/a/abc"
                           << "abc";
    QTest::newRow("config") << "config.json" << QString();
    QTest::newRow("readme") << "README.md" << QString();
    QTest::newRow("wrong folder") << "xx/yy/serde" << QString();
    QTest::newRow("github folder") << ".github/workflows/ci.yml" << QString();
}

void TestGitIndexSource::crateNameOfPath()
{
    QFETCH(QString, path);
    QFETCH(QString, name);
    QCOMPARE(GitIndexSource::crateNameOfPath(path), name);
}

QTEST_GUILESS_MAIN(TestGitIndexSource)
#include "tst_gitindexsource.moc"

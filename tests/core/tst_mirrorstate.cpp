// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorstate.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

namespace {
const QString cksumA(64, QLatin1Char('a'));
const QString cksumB(64, QLatin1Char('b'));

QVariant pragma(const QString &path, const QString &name)
{
    QVariant value;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA ") + name) && query.next())
                value = query.value(0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    return value;
}
} // namespace

class TestMirrorState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void schemaAndPragmas();
    void newerSchemaRefused();
    void cratesAreCaseInsensitive();
    void versionStates();
    void cksumChangeForgetsStoredCopy();
    void counts();
    void selection_data();
    void selection();
    void selectionRejectsBadInput();
    void removeFromSelection_data();
    void removeFromSelection();
    void syncRuns();
    void twoStatesOneFile();
    void rollbackDiscards();
    void migratesVersionOneKeepingData();
    void removedUpstreamAndMeta();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString dbPath() const { return m_dir->filePath(QStringLiteral("state.sqlite")); }
};

void TestMirrorState::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMirrorState::schemaAndPragmas()
{
    {
        MirrorState state;
        QString error;
        QVERIFY2(state.open(dbPath(), &error), qPrintable(error));
        QVERIFY(state.isOpen());
    }
    QCOMPARE(pragma(dbPath(), QStringLiteral("user_version")).toInt(), MirrorState::schemaVersion);
    QCOMPARE(pragma(dbPath(), QStringLiteral("journal_mode")).toString(), QStringLiteral("wal"));
    // Reopening an up-to-date database migrates nothing and keeps the data.
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    QVERIFY(state.upsertCrate(QStringLiteral("serde"), {}, {}, &error) > 0);
    state.close();
    QVERIFY(state.open(dbPath(), &error));
    QVERIFY(state.crate(QStringLiteral("serde")));
}

void TestMirrorState::newerSchemaRefused()
{
    {
        MirrorState state;
        QString error;
        QVERIFY(state.open(dbPath(), &error));
    }
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bump"));
    MirrorState state;
    QString error;
    QVERIFY(!state.open(dbPath(), &error));
    QVERIFY2(error.contains(QLatin1String("newer stowaway")), qPrintable(error));
    QVERIFY(!state.isOpen());
}

void TestMirrorState::cratesAreCaseInsensitive()
{
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    const qint64 id = state.upsertCrate(QStringLiteral("Inflector"), QStringLiteral("\"e1\""),
                                        QStringLiteral("Mon"), &error);
    QVERIFY2(id > 0, qPrintable(error));
    QCOMPARE(state.upsertCrate(QStringLiteral("inflector"), QStringLiteral("\"e2\""), {}, &error),
             id);
    const std::optional<CrateRecord> record = state.crate(QStringLiteral("INFLECTOR"));
    QVERIFY(record);
    QCOMPARE(record->name, QStringLiteral("inflector"));
    QCOMPARE(record->etag, QStringLiteral("\"e2\""));
    QVERIFY(record->fetchedAt.isValid());
    QCOMPARE(state.crates().size(), 1);
}

void TestMirrorState::versionStates()
{
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    const qint64 id = state.upsertCrate(QStringLiteral("a"), {}, {}, &error);
    QVERIFY(state.upsertVersion(id, QStringLiteral("1.0.0"), cksumA, false, &error));
    QVERIFY(state.upsertVersion(id, QStringLiteral("1.1.0"), cksumB, false, &error));
    QCOMPARE(state.version(QStringLiteral("a"), QStringLiteral("1.0.0"))->state,
             QStringLiteral("known"));
    QVERIFY(state.setVersionStored(id, QStringLiteral("1.0.0"), 123, &error));
    QVERIFY(!state.setVersionStored(id, QStringLiteral("9.9.9"), 1, &error));
    QVERIFY(error.contains(QLatin1String("9.9.9")));
    // Re-recording an index line keeps the state and takes the new yank flag.
    QVERIFY(state.upsertVersion(id, QStringLiteral("1.0.0"), cksumA, true, &error));
    const std::optional<VersionRecord> record =
        state.version(QStringLiteral("A"), QStringLiteral("1.0.0"));
    QVERIFY(record);
    QCOMPARE(record->state, QStringLiteral("stored"));
    QCOMPARE(record->size, 123);
    QVERIFY(record->yanked);
    QCOMPARE(record->cksum, cksumA);
    const QHash<QString, QString> stored{{QStringLiteral("1.0.0"), cksumA}};
    QCOMPARE(state.storedVersions(id), stored);
    QVERIFY(state.setVersionState(id, QStringLiteral("1.1.0"), QStringLiteral("missing"), &error));
    QCOMPARE(state.versionsInStates({QStringLiteral("missing"), QStringLiteral("stored")}).size(),
             2);
    // The CHECK constraint keeps the state column honest.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("CHECK constraint")));
    QVERIFY(!state.setVersionState(id, QStringLiteral("1.1.0"), QStringLiteral("bogus"), &error));
}

void TestMirrorState::cksumChangeForgetsStoredCopy()
{
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    const qint64 id = state.upsertCrate(QStringLiteral("a"), {}, {}, &error);
    QVERIFY(state.upsertVersion(id, QStringLiteral("1.0.0"), cksumA, false, &error));
    QVERIFY(state.setVersionStored(id, QStringLiteral("1.0.0"), 10, &error));
    QVERIFY(state.upsertVersion(id, QStringLiteral("1.0.0"), cksumB, false, &error));
    const std::optional<VersionRecord> record =
        state.version(QStringLiteral("a"), QStringLiteral("1.0.0"));
    QCOMPARE(record->cksum, cksumB);
    QCOMPARE(record->state, QStringLiteral("missing"));
}

void TestMirrorState::counts()
{
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    QCOMPARE(state.storedCrateCount(), 0);
    QCOMPARE(state.storedBytes(), 0);
    const qint64 a = state.upsertCrate(QStringLiteral("a"), {}, {}, &error);
    const qint64 b = state.upsertCrate(QStringLiteral("b"), {}, {}, &error);
    state.upsertCrate(QStringLiteral("c"), {}, {}, &error);
    for (const QString &v : {QStringLiteral("1.0.0"), QStringLiteral("2.0.0")}) {
        QVERIFY(state.upsertVersion(a, v, cksumA, false, &error));
        QVERIFY(state.upsertVersion(b, v, cksumA, false, &error));
    }
    QVERIFY(state.setVersionStored(a, QStringLiteral("1.0.0"), 100, &error));
    QVERIFY(state.setVersionStored(a, QStringLiteral("2.0.0"), 250, &error));
    QVERIFY(state.setVersionStored(b, QStringLiteral("1.0.0"), 7, &error));
    QVERIFY(state.setVersionState(b, QStringLiteral("2.0.0"), QStringLiteral("corrupt"), &error));
    QCOMPARE(state.storedCrateCount(), 2);
    QCOMPARE(state.storedVersionCount(), 3);
    QCOMPARE(state.storedBytes(), 357);
}

void TestMirrorState::selection_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("detail");
    QTest::newRow("popular") << "popular"
                             << "rank 12";
    QTest::newRow("named") << "named"
                           << "";
    QTest::newRow("lockfile") << "lockfile"
                              << "Cargo.lock at /x";
    QTest::newRow("dependency") << "dependency"
                                << "needed by serde 1.0.1";
}

void TestMirrorState::selection()
{
    QFETCH(QString, reason);
    QFETCH(QString, detail);
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    QVERIFY2(state.addToSelection(QStringLiteral("serde_json"), reason, detail, &error),
             qPrintable(error));
    QVERIFY(state.addToSelection(QStringLiteral("Serde_Json"), reason, detail, &error));
    QVERIFY(state.addToSelection(QStringLiteral("anyhow"), reason, detail, &error));
    const QList<SelectionEntry> entries = state.selection();
    QCOMPARE(entries.size(), 2); // the duplicate (any case) is kept once
    QCOMPARE(entries.at(0).name, QStringLiteral("anyhow"));
    QCOMPARE(entries.at(1).name, QStringLiteral("serde_json"));
    QCOMPARE(entries.at(1).reason, reason);
    QCOMPARE(entries.at(1).detail, detail);
    QVERIFY(entries.at(1).addedAt.isValid());
}

void TestMirrorState::selectionRejectsBadInput()
{
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    QVERIFY(!state.addToSelection(QStringLiteral("a/b"), QStringLiteral("named"), {}, &error));
    QVERIFY(error.contains(QLatin1String("a/b")));
    QVERIFY(!state.addToSelection(QStringLiteral("ab"), QStringLiteral("whim"), {}, &error));
    QVERIFY(error.contains(QLatin1String("whim")));
    QVERIFY(state.selection().isEmpty());
}

void TestMirrorState::removeFromSelection_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("spelling"); // how the removal names the crate
    QTest::addColumn<bool>("removed");
    QTest::newRow("popular") << "popular"
                             << "serde-json" << true;
    QTest::newRow("named") << "named"
                           << "serde_json" << true;
    QTest::newRow("lockfile, other case") << "lockfile"
                                          << "Serde-JSON" << true;
    QTest::newRow("dependency stays") << "dependency"
                                      << "serde_json" << false;
}

void TestMirrorState::removeFromSelection()
{
    QFETCH(QString, reason);
    QFETCH(QString, spelling);
    QFETCH(bool, removed);
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    QVERIFY(
        state.addToSelection(QStringLiteral("serde_json"), reason, QStringLiteral("a"), &error));
    QVERIFY(
        state.addToSelection(QStringLiteral("serde_json"), reason, QStringLiteral("b"), &error));
    QVERIFY(state.addToSelection(QStringLiteral("serde"), reason, QStringLiteral("a"), &error));
    QCOMPARE(state.selectionOf(spelling).size(), 2);
    QCOMPARE(state.selectionOf(spelling).at(0).detail, QStringLiteral("a"));
    int count = -1;
    QVERIFY2(state.removeFromSelection(spelling, &error, &count), qPrintable(error));
    QCOMPARE(count, removed ? 2 : 0);
    QCOMPARE(state.selectionOf(QStringLiteral("serde_json")).size(), removed ? 0 : 2);
    // Other crates keep their entries.
    QCOMPARE(state.selectionOf(QStringLiteral("serde")).size(), 1);
    QCOMPARE(state.selection().size(), removed ? 1 : 3);
}

void TestMirrorState::syncRuns()
{
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    QVERIFY(!state.lastSuccessfulSync().isValid());
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const qint64 failed = state.beginSyncRun(&error);
    QVERIFY(failed > 0);
    QVERIFY(state.finishSyncRun(failed, QStringLiteral("failed"), {}, QStringLiteral("offline"),
                                &error));
    QVERIFY(!state.lastSuccessfulSync().isValid());
    const qint64 ok = state.beginSyncRun(&error);
    QVERIFY(ok > failed);
    QVERIFY(!state.lastSuccessfulSync().isValid()); // still running
    QVERIFY(state.finishSyncRun(ok, QStringLiteral("ok"), {3, 10, 4096}, {}, &error));
    const QDateTime last = state.lastSuccessfulSync();
    QVERIFY(last.isValid());
    QCOMPARE(last.timeSpec(), Qt::UTC);
    QVERIFY(last >= before && last <= QDateTime::currentDateTimeUtc().addSecs(1));
    QVERIFY(!state.finishSyncRun(12345, QStringLiteral("ok"), {}, {}, &error));
}

void TestMirrorState::twoStatesOneFile()
{
    // Two connections (as two threads or processes would have) share one database.
    MirrorState first;
    MirrorState second;
    QString error;
    QVERIFY(first.open(dbPath(), &error));
    QVERIFY(second.open(dbPath(), &error));
    QVERIFY(first.upsertCrate(QStringLiteral("shared"), {}, {}, &error) > 0);
    QVERIFY(second.crate(QStringLiteral("shared")));
}

void TestMirrorState::rollbackDiscards()
{
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    QVERIFY(state.beginTransaction(&error));
    QVERIFY(state.upsertCrate(QStringLiteral("temporary"), {}, {}, &error) > 0);
    state.rollback();
    QVERIFY(!state.crate(QStringLiteral("temporary")));
    QVERIFY(state.beginTransaction(&error));
    QVERIFY(state.upsertCrate(QStringLiteral("kept"), {}, {}, &error) > 0);
    QVERIFY(state.commit(&error));
    QVERIFY(state.crate(QStringLiteral("kept")));
}

void TestMirrorState::migratesVersionOneKeepingData()
{
    // A state written by schema 1: its rows survive, the new column and table appear.
    {
        MirrorState state;
        QString error;
        QVERIFY(state.open(dbPath(), &error));
        const qint64 id =
            state.upsertCrate(QStringLiteral("serde"), QStringLiteral("e"), {}, &error);
        QVERIFY(state.upsertVersion(id, QStringLiteral("1.0.0"), cksumA, false, &error));
    }
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("DROP TABLE meta")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE crates DROP COLUMN removed_upstream")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
    MirrorState state;
    QString error;
    QVERIFY2(state.open(dbPath(), &error), qPrintable(error));
    QCOMPARE(pragma(dbPath(), QStringLiteral("user_version")).toInt(), 2);
    QCOMPARE(state.version(QStringLiteral("serde"), QStringLiteral("1.0.0"))->cksum, cksumA);
    QVERIFY(state.removedUpstreamCrates().isEmpty());
    QVERIFY(state.setMeta(QStringLiteral("k"), QStringLiteral("v"), &error));
    QCOMPARE(state.meta(QStringLiteral("k")), QStringLiteral("v"));
}

void TestMirrorState::removedUpstreamAndMeta()
{
    MirrorState state;
    QString error;
    QVERIFY(state.open(dbPath(), &error));
    const qint64 a =
        state.upsertCrate(QStringLiteral("Alpha"), QStringLiteral("blob1"), {}, &error);
    state.upsertCrate(QStringLiteral("beta"), QStringLiteral("blob2"), {}, &error);
    QVERIFY(state.upsertVersion(a, QStringLiteral("1.0.0"), cksumA, false, &error));
    QVERIFY(state.upsertVersion(a, QStringLiteral("1.1.0"), cksumB, true, &error));
    QCOMPARE(state.versionCount(), 2);
    const QHash<QString, QString> etags = state.crateEtags();
    QCOMPARE(etags.size(), 2);
    QCOMPARE(etags.value(QStringLiteral("alpha")), QStringLiteral("blob1"));
    QCOMPARE(etags.value(QStringLiteral("beta")), QStringLiteral("blob2"));

    QVERIFY(
        state.setRemovedUpstream({QStringLiteral("ALPHA"), QStringLiteral("beta")}, true, &error));
    QCOMPARE(state.removedUpstreamCrates(), (QStringList{"Alpha", "beta"}));
    QVERIFY(state.setRemovedUpstream({QStringLiteral("beta")}, false, &error));
    QCOMPARE(state.removedUpstreamCrates(), QStringList{"Alpha"});
    // A fresh index file means the crate exists upstream again.
    state.upsertCrate(QStringLiteral("alpha"), QStringLiteral("blob3"), {}, &error);
    QVERIFY(state.removedUpstreamCrates().isEmpty());

    QVERIFY(state.meta(QStringLiteral("git.synced")).isEmpty());
    QVERIFY(state.setMeta(QStringLiteral("git.synced"), QStringLiteral("abc url"), &error));
    QVERIFY(state.setMeta(QStringLiteral("git.synced"), QStringLiteral("def url"), &error));
    QCOMPARE(state.meta(QStringLiteral("git.synced")), QStringLiteral("def url"));
    QVERIFY(state.setMeta(QStringLiteral("git.synced"), {}, &error));
    QVERIFY(state.meta(QStringLiteral("git.synced")).isEmpty());
}

QTEST_GUILESS_MAIN(TestMirrorState)
#include "tst_mirrorstate.moc"

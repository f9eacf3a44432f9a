// SPDX-License-Identifier: GPL-3.0-or-later
#include "lockfileselection.h"
#include "mirrorlayout.h"
#include "mirrorstore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

class TestLockFileSelection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cratesIoPackagesBecomeExactRoots();
    void notALockFile_data();
    void notALockFile();
    void savedSelectionReadsBack();
};

namespace {
QString data(const char *name)
{
    return QStringLiteral(STOWAWAY_TEST_DATA "/lockfiles/") + QLatin1String(name);
}
} // namespace

void TestLockFileSelection::cratesIoPackagesBecomeExactRoots()
{
    QString error;
    const auto lock = LockFileSelection::load(data("v4.lock"), &error);
    QVERIFY2(lock, qPrintable(error));
    QVERIFY(QDir::isAbsolutePath(lock->path()));
    QCOMPARE(lock->foreignPackages(), 1); // company-crate
    QCOMPARE(lock->roots().size(), 2);    // the local package "demo" is no root
    const SyncRoot &first = lock->roots().at(0);
    QCOMPARE(first.name, QStringLiteral("openssl-src"));
    QCOMPARE(first.exactVersion, QStringLiteral("300.2.1+3.2.0"));
    QCOMPARE(first.reason, QStringLiteral("lockfile"));
    QCOMPARE(first.detail, QStringLiteral("=300.2.1+3.2.0 from ") + lock->path());
    const QList<SelectionEntry> entries = lock->entries();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(1).name, QStringLiteral("yanked-one"));
    QCOMPARE(entries.at(1).reason, QStringLiteral("lockfile"));
    QCOMPARE(entries.at(1).detail, lock->roots().at(1).detail);
}

void TestLockFileSelection::notALockFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("says");
    QTest::newRow("Cargo.toml") << data("notalock.lock") << "does not look like a Cargo.lock";
    QTest::newRow("broken TOML") << data("broken.lock") << "does not look like a Cargo.lock";
    QTest::newRow("future format") << data("future.lock") << "newer cargo";
    QTest::newRow("missing") << data("nowhere.lock") << "cannot read";
}

void TestLockFileSelection::notALockFile()
{
    QFETCH(QString, path);
    QFETCH(QString, says);
    QString error;
    QVERIFY(!LockFileSelection::load(path, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
}

void TestLockFileSelection::savedSelectionReadsBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MirrorStore store{MirrorLayout(dir.path())};
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const auto lock = LockFileSelection::load(data("v3.lock"), &error);
    QVERIFY2(lock, qPrintable(error));
    QVERIFY(!lock->roots().isEmpty());
    QVERIFY2(store.addToSelection(lock->entries(), &error), qPrintable(error));
    const QList<SelectionEntry> saved = store.selection();
    QCOMPARE(saved.size(), lock->roots().size());
    for (const SelectionEntry &entry : saved) {
        QCOMPARE(entry.reason, QStringLiteral("lockfile"));
        // SyncEngine::savedRoots() reads "=VERSION from PATH" back into an exact pin.
        QVERIFY(entry.detail.startsWith(QLatin1Char('=')));
        QVERIFY(entry.detail.endsWith(QStringLiteral(" from ") + lock->path()));
    }
}

QTEST_GUILESS_MAIN(TestLockFileSelection)
#include "tst_lockfileselection.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "lockfile.h"

#include <QTest>

using namespace Stowaway;

class TestLockFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formats_data();
    void formats();
    void rejected_data();
    void rejected();
    void missingFile();

private:
    static QString data(const QString &name)
    {
        return QStringLiteral(STOWAWAY_TEST_DATA "/lockfiles/") + name;
    }
};

void TestLockFile::formats_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("format");
    QTest::addColumn<QStringList>("packages"); // name@version=checksum-prefix
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QStringList>("foreign");
    QTest::newRow("v1 with [metadata] checksums")
        << "v1.lock" << 1 << QStringList{"libc@0.2.66=d515b1f4", "rand@0.7.3=6a6b1679"} << 1
        << QStringList{};
    QTest::newRow("v2 with inline checksums")
        << "v2.lock" << 2 << QStringList{"cfg-if@1.0.0=baf1de43"} << 1 << QStringList{};
    QTest::newRow("v3 skips path and git packages")
        << "v3.lock" << 3 << QStringList{"serde@1.0.195=63261df4"} << 3 << QStringList{};
    QTest::newRow("v4 with build metadata and another registry")
        << "v4.lock" << 4
        << QStringList{"company-crate@2.1.0=00000000", "openssl-src@300.2.1+3.2.0=3fe476c2",
                       "yanked-one@0.1.2=11111111"}
        << 1 << QStringList{"company-crate"};
}

void TestLockFile::formats()
{
    QFETCH(QString, file);
    QFETCH(int, format);
    QFETCH(QStringList, packages);
    QFETCH(int, skipped);
    QFETCH(QStringList, foreign);
    QString error;
    const auto lock = LockFile::load(data(file), &error);
    QVERIFY2(lock, qPrintable(error));
    QCOMPARE(lock->formatVersion(), format);
    QStringList got;
    for (const auto &p : lock->registryPackages())
        got << p.name + QLatin1Char('@') + p.version + QLatin1Char('=') + p.checksum.left(8);
    QCOMPARE(got, packages);
    QCOMPARE(lock->localOrGitPackages(), skipped);
    QStringList foreignNames;
    for (const auto &p : lock->foreignRegistryPackages())
        foreignNames << p.name;
    QCOMPARE(foreignNames, foreign);
}

void TestLockFile::rejected_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("syntax error names the line") << "broken.lock"
                                                 << "broken.lock line 5";
    QTest::newRow("future format") << "future.lock"
                                   << "format version 7 is not supported";
    QTest::newRow("a Cargo.toml is not a lockfile") << "notalock.lock"
                                                    << "no [[package]]";
}

void TestLockFile::rejected()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!LockFile::load(data(file), &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestLockFile::missingFile()
{
    QString error;
    QVERIFY(!LockFile::load(QStringLiteral("/nonexistent/Cargo.lock"), &error));
    QVERIFY2(error.contains(QLatin1String("cannot read /nonexistent/Cargo.lock")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestLockFile)
#include "tst_lockfile.moc"

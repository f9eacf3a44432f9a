// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlstatements.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;

namespace {
/// A WAL database with one table (k TEXT PRIMARY KEY, v INTEGER) on connection @p name.
void openDatabase(const QString &name, const QString &path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    QVERIFY(db.open());
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
    QVERIFY(
        query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER)")));
}

void closeDatabase(const QString &name)
{
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
}

qint64 valueOf(SqlStatements &statements, const QString &key)
{
    qint64 value = -1;
    statements.select(QStringLiteral("SELECT v FROM t WHERE k = ?"), {key},
                      [&value](const QSqlQuery &row) {
                          value = row.value(0).toLongLong();
                          return false;
                      });
    return value;
}
} // namespace

class TestSqlStatements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        openDatabase(QStringLiteral("a"), m_dir.filePath(QStringLiteral("state.db")));
        openDatabase(QStringLiteral("b"), m_dir.filePath(QStringLiteral("state.db")));
    }
    void cleanup()
    {
        closeDatabase(QStringLiteral("a"));
        closeDatabase(QStringLiteral("b"));
        QFile::remove(m_dir.filePath(QStringLiteral("state.db")));
    }

    void reusesOneStatementPerText_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("distinctTexts");
        QTest::newRow("one row") << 1 << 1;
        QTest::newRow("many rows, one text") << 500 << 1;
        QTest::newRow("many rows, two texts") << 500 << 2;
    }
    void reusesOneStatementPerText()
    {
        QFETCH(int, rows);
        QFETCH(int, distinctTexts);
        SqlStatements statements(QStringLiteral("a"));
        for (int i = 0; i < rows; ++i) {
            const QString sql =
                (i % distinctTexts == 0)
                    ? QStringLiteral("INSERT INTO t (k, v) VALUES (?, ?)")
                    : QStringLiteral("INSERT OR REPLACE INTO t (k, v) VALUES (?, ?)");
            QString error;
            QVERIFY2(statements.exec(sql, {QStringLiteral("k%1").arg(i), i}, &error),
                     qPrintable(error));
        }
        QCOMPARE(statements.preparedCount(), qsizetype(distinctTexts));
        // Bindings are replaced, not appended: every row got its own values.
        for (int i = 0; i < rows; i += 97)
            QCOMPARE(valueOf(statements, QStringLiteral("k%1").arg(i)), qint64(i));
        qint64 count = 0;
        statements.select(QStringLiteral("SELECT COUNT(*) FROM t"), {},
                          [&count](const QSqlQuery &row) {
                              count = row.value(0).toLongLong();
                              return true;
                          });
        QCOMPARE(count, qint64(rows));
    }

    void reportsCounts_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("affected");
        QTest::newRow("update two") << QStringLiteral("UPDATE t SET v = v + 1 WHERE v < 2") << 2;
        QTest::newRow("update none") << QStringLiteral("UPDATE t SET v = 0 WHERE v > 100") << 0;
        QTest::newRow("delete all") << QStringLiteral("DELETE FROM t") << 3;
    }
    void reportsCounts()
    {
        QFETCH(QString, sql);
        QFETCH(int, affected);
        SqlStatements statements(QStringLiteral("a"));
        qint64 lastId = -1;
        for (int i = 0; i < 3; ++i)
            QVERIFY(statements.exec(QStringLiteral("INSERT INTO t (k, v) VALUES (?, ?)"),
                                    {QStringLiteral("k%1").arg(i), i}, nullptr, nullptr, &lastId));
        QCOMPARE(lastId, qint64(3)); // rowid of the third row
        int changed = -1;
        QVERIFY(statements.exec(sql, {}, nullptr, &changed));
        QCOMPARE(changed, affected);
    }

    void leavesNoReadTransactionOpen_data()
    {
        QTest::addColumn<bool>("stopEarly");
        QTest::newRow("read every row") << false;
        QTest::newRow("stop after the first row") << true;
    }
    void leavesNoReadTransactionOpen()
    {
        // A statement left stepping would pin connection a to an old snapshot: it would not
        // see what b commits afterwards (another process writing the same mirror).
        QFETCH(bool, stopEarly);
        SqlStatements a(QStringLiteral("a"));
        SqlStatements b(QStringLiteral("b"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(b.exec(QStringLiteral("INSERT INTO t (k, v) VALUES (?, ?)"),
                           {QStringLiteral("k%1").arg(i), i}, nullptr));
        int seen = 0;
        QVERIFY(a.select(QStringLiteral("SELECT k FROM t ORDER BY k"), {},
                         [&seen, stopEarly](const QSqlQuery &) {
                             ++seen;
                             return !stopEarly;
                         }));
        QCOMPARE(seen, stopEarly ? 1 : 3);
        QVERIFY(b.exec(QStringLiteral("UPDATE t SET v = 42 WHERE k = 'k0'"), {}, nullptr));
        QCOMPARE(valueOf(a, QStringLiteral("k0")), qint64(42));
        // And a can write: no lock is held by its earlier read.
        QString error;
        QVERIFY2(a.exec(QStringLiteral("BEGIN IMMEDIATE"), {}, &error), qPrintable(error));
        QVERIFY(a.exec(QStringLiteral("UPDATE t SET v = 7 WHERE k = 'k1'"), {}, &error));
        QVERIFY2(a.exec(QStringLiteral("COMMIT"), {}, &error), qPrintable(error));
        QCOMPARE(valueOf(b, QStringLiteral("k1")), qint64(7));
    }

    void reportsErrors_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QVariantList>("binds");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("kept");
        QTest::newRow("syntax error") << QStringLiteral("SELEC v FROM t") << QVariantList{}
                                      << QStringLiteral("rejected a query") << 0;
        QTest::newRow("unknown table") << QStringLiteral("SELECT v FROM nowhere") << QVariantList{}
                                       << QStringLiteral("rejected a query") << 0;
        QTest::newRow("constraint")
            << QStringLiteral("INSERT INTO t (k, v) VALUES (?, ?)")
            << QVariantList{QStringLiteral("dup"), 1} << QStringLiteral("could not update") << 1;
    }
    void reportsErrors()
    {
        QFETCH(QString, sql);
        QFETCH(QVariantList, binds);
        QFETCH(QString, expected);
        QFETCH(int, kept);
        SqlStatements statements(QStringLiteral("a"));
        QVERIFY(
            statements.exec(QStringLiteral("INSERT INTO t (k, v) VALUES ('dup', 0)"), {}, nullptr));
        QString error;
        QVERIFY(!statements.exec(sql, binds, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        // A statement that failed to prepare is not kept; one that failed to run is, and runs
        // again with other values.
        QCOMPARE(statements.preparedCount(), qsizetype(1 + kept));
        if (kept)
            QVERIFY(statements.exec(sql, {QStringLiteral("fresh"), 2}, &error));
    }

    void clearFinalizesStatements()
    {
        SqlStatements statements(QStringLiteral("a"));
        QVERIFY(
            statements.exec(QStringLiteral("INSERT INTO t (k, v) VALUES ('x', 1)"), {}, nullptr));
        QCOMPARE(valueOf(statements, QStringLiteral("x")), qint64(1));
        QCOMPARE(statements.preparedCount(), qsizetype(2));
        statements.clear();
        QCOMPARE(statements.preparedCount(), qsizetype(0));
        QCOMPARE(valueOf(statements, QStringLiteral("x")), qint64(1)); // prepares again
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestSqlStatements)
#include "tst_sqlstatements.moc"

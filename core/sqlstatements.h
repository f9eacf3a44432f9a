// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>

namespace Stowaway {

/**
 * Prepared statements of one QtSql connection, kept by their SQL text.
 *
 * A statement is prepared the first time its text is run and reused afterwards, so a hot
 * query (a version lookup per downloaded file) is parsed once per connection instead of once
 * per call. Every call resets its statement before returning: no read transaction stays open
 * between calls, so the connection keeps seeing what other processes commit.
 *
 * Not thread-safe; owned by the object that owns the connection, and used on the thread that
 * opened it. clear() must run before the connection is closed.
 */
class SqlStatements final
{
public:
    /// Called for each result row; return false to stop reading.
    using RowHandler = std::function<bool(const QSqlQuery &row)>;

    explicit SqlStatements(QString connection);
    ~SqlStatements();
    SqlStatements(const SqlStatements &) = delete;
    SqlStatements &operator=(const SqlStatements &) = delete;

    /**
     * Runs @p sql with positional @p binds. On failure returns false with a message in
     * @p error (when given). @p rowsAffected and @p lastInsertId, when given, receive the
     * statement's counts.
     */
    bool exec(const QString &sql, const QVariantList &binds, QString *error,
              int *rowsAffected = nullptr, qint64 *lastInsertId = nullptr);

    /// Runs a query and hands each row to @p row; false (and @p error) if it could not run.
    bool select(const QString &sql, const QVariantList &binds, const RowHandler &row,
                QString *error = nullptr);

    /// Finalizes every kept statement (before the connection closes).
    void clear();

    /// Number of statements prepared so far (kept ones), for tests.
    qsizetype preparedCount() const { return m_statements.size(); }

private:
    QSqlQuery *prepared(const QString &sql, const QVariantList &binds, QString *error);

    QString m_connection;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
};

} // namespace Stowaway

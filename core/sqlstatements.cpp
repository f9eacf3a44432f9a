// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlstatements.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcSql, "stowaway.state.sql")

namespace {
enum class Step { Prepare, Run };

/// Logs a failed statement and, when asked, says in @p error what the user reads.
void report(QString *error, Step step, const QString &sql, const QSqlQuery &query)
{
    const QString why = query.lastError().text();
    qCWarning(lcSql) << (step == Step::Prepare ? "prepare failed:" : "query failed:") << sql << why;
    if (!error)
        return;
    // Translated in the context of the class whose messages these always were.
    *error = step == Step::Prepare
                 ? QCoreApplication::translate("Stowaway::MirrorState",
                                               "the mirror state rejected a query: %1")
                       .arg(why)
                 : QCoreApplication::translate("Stowaway::MirrorState",
                                               "could not update the mirror state: %1")
                       .arg(why);
}
} // namespace

SqlStatements::SqlStatements(QString connection) : m_connection(std::move(connection)) {}

SqlStatements::~SqlStatements()
{
    clear();
}

void SqlStatements::clear()
{
    m_statements.clear();
}

QSqlQuery *SqlStatements::prepared(const QString &sql, const QVariantList &binds, QString *error)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto query = std::make_shared<QSqlQuery>(QSqlDatabase::database(m_connection, false));
        query->setForwardOnly(true);
        if (!query->prepare(sql)) {
            report(error, Step::Prepare, sql, *query);
            return nullptr;
        }
        it = m_statements.insert(sql, std::move(query));
    }
    QSqlQuery *query = it.value().get();
    for (qsizetype i = 0; i < binds.size(); ++i)
        query->bindValue(int(i), binds.at(i));
    if (!query->exec()) {
        report(error, Step::Run, sql, *query);
        query->finish();
        return nullptr;
    }
    return query;
}

bool SqlStatements::exec(const QString &sql, const QVariantList &binds, QString *error,
                         int *rowsAffected, qint64 *lastInsertId)
{
    QSqlQuery *query = prepared(sql, binds, error);
    if (!query)
        return false;
    if (rowsAffected)
        *rowsAffected = query->numRowsAffected();
    if (lastInsertId)
        *lastInsertId = query->lastInsertId().toLongLong();
    query->finish();
    return true;
}

bool SqlStatements::select(const QString &sql, const QVariantList &binds, const RowHandler &row,
                           QString *error)
{
    QSqlQuery *query = prepared(sql, binds, error);
    if (!query)
        return false;
    while (query->next()) {
        if (!row(*query))
            break;
    }
    query->finish();
    return true;
}

} // namespace Stowaway

// SPDX-License-Identifier: GPL-3.0-or-later
#include "w3cimportledger.h"

#include "sqldialect.h"
#include "sqliteconnection.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Byline {

// One statement of the ledger, run with values (whole numbers or text), through SQLite's own
// interface in a project file, where QtSql's binding took as long as the rest of an annotation's
// import, and through QtSql on a server.
class W3cImportLedger::Statement final {
public:
    Statement(const QSqlDatabase &database, const QString &sql)
        : m_query(database)
    {
        if (sqlite3 *connection = sqliteConnection(database)) {
            const QByteArray utf8 = sql.toUtf8();
            if (sqlite3_prepare_v3(connection, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT,
                    &m_statement, nullptr)
                != SQLITE_OK)
                m_error = QString::fromUtf8(sqlite3_errmsg(connection));
            return;
        }
        if (!m_query.prepare(sql))
            m_error = m_query.lastError().text();
    }
    ~Statement() { sqlite3_finalize(m_statement); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    /// Runs it; then next() steps through its rows, if any. False on an error.
    bool exec(std::initializer_list<QVariant> values)
    {
        if (!m_statement) {
            for (const QVariant &value : values)
                m_query.addBindValue(value);
            return m_query.exec() || fail(m_query.lastError().text());
        }
        sqlite3_reset(m_statement);
        int parameter = 0;
        for (const QVariant &value : values) {
            if (value.typeId() == QMetaType::QString) {
                const QByteArray utf8 = value.toString().toUtf8();
                sqlite3_bind_text(
                    m_statement, ++parameter, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_int64(m_statement, ++parameter, value.toLongLong());
            }
        }
        m_row = sqlite3_step(m_statement);
        m_stepped = true;
        if (m_row == SQLITE_ROW)
            return true;
        // Done: reset at once, so that it holds nothing open.
        const QString error = m_row == SQLITE_DONE
            ? QString()
            : QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_statement)));
        sqlite3_reset(m_statement);
        return error.isEmpty() || fail(error);
    }
    /// The rows exec() changed.
    qint64 changes() const
    {
        return m_statement ? sqlite3_changes64(sqlite3_db_handle(m_statement)) : m_query.numRowsAffected();
    }
    bool next()
    {
        if (!m_statement)
            return m_query.next();
        if (!m_stepped)
            m_row = sqlite3_step(m_statement);
        m_stepped = false;
        return m_row == SQLITE_ROW;
    }
    qint64 integer(int column) const
    {
        return m_statement ? sqlite3_column_int64(m_statement, column) : m_query.value(column).toLongLong();
    }
    QString text(int column) const
    {
        if (!m_statement)
            return m_query.value(column).toString();
        const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QString::fromUtf8(utf8, sqlite3_column_bytes(m_statement, column));
    }
    /// Lets go of its rows, so that the tables can be dropped.
    void finish()
    {
        if (m_statement)
            sqlite3_reset(m_statement);
        else
            m_query.finish();
    }

private:
    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }

    QSqlQuery m_query;
    sqlite3_stmt *m_statement = nullptr;
    int m_row = SQLITE_DONE;
    bool m_stepped = false; ///< m_row holds the first row exec() read
    QString m_error;
};

W3cImportLedger::W3cImportLedger(const QSqlDatabase &database)
    : m_database(database)
{
    QSqlQuery query(database);
    // In SQLite a temporary table lives in a file of its own, whose pages are cached like the
    // project's: bounded, whatever the size of the import. The ids are the table's key, in one
    // b-tree rather than a table and its index: an insert per annotation.
    const bool sqlite = SqlDialect::of(database).isSqlite();
    const QStringList statements {
        u"CREATE TEMPORARY TABLE w3c_import_ids (id TEXT PRIMARY KEY, line BIGINT NOT NULL,"
        " field TEXT NOT NULL, article_id BIGINT, entity_id BIGINT)%1"_s.arg(
            sqlite ? u" WITHOUT ROWID"_s : QString()),
        u"CREATE TEMPORARY TABLE w3c_import_deferred (article_id BIGINT NOT NULL, seq BIGINT NOT NULL,"
        " line BIGINT NOT NULL, field TEXT NOT NULL, annotation TEXT NOT NULL,"
        " PRIMARY KEY (article_id, seq))"_s,
    };
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            m_error = query.lastError().text();
            return;
        }
    }
    m_claim = std::make_unique<Statement>(database,
        u"INSERT INTO w3c_import_ids (id, line, field) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"_s);
    m_earlier
        = std::make_unique<Statement>(database, u"SELECT line, field FROM w3c_import_ids WHERE id = ?"_s);
    m_noteEntity = std::make_unique<Statement>(
        database, u"UPDATE w3c_import_ids SET article_id = ?, entity_id = ? WHERE id = ?"_s);
    m_entity = std::make_unique<Statement>(
        database, u"SELECT entity_id FROM w3c_import_ids WHERE id = ? AND article_id = ?"_s);
    m_defer = std::make_unique<Statement>(database,
        u"INSERT INTO w3c_import_deferred (article_id, seq, line, field, annotation) VALUES (?, ?, ?, ?, ?)"_s);
    for (const Statement *statement :
        { m_claim.get(), m_earlier.get(), m_noteEntity.get(), m_entity.get(), m_defer.get() }) {
        if (!statement->isValid()) {
            m_error = statement->errorString();
            return;
        }
    }
    m_open = true;
}

W3cImportLedger::~W3cImportLedger()
{
    // Inside the transaction, or after it: a rollback takes the tables back anyway.
    m_claim.reset();
    m_earlier.reset();
    m_noteEntity.reset();
    m_entity.reset();
    m_defer.reset();
    QSqlQuery query(m_database);
    query.exec(u"DROP TABLE IF EXISTS w3c_import_ids"_s);
    query.exec(u"DROP TABLE IF EXISTS w3c_import_deferred"_s);
}

bool W3cImportLedger::fail(const Statement &statement)
{
    m_error = statement.errorString();
    return false;
}

std::optional<QString> W3cImportLedger::claim(const QString &id, qint64 line, const QString &field)
{
    if (!m_claim->exec({ id, line, field })) {
        fail(*m_claim);
        return QString();
    }
    if (m_claim->changes() == 1)
        return std::nullopt;
    if (!m_earlier->exec({ id }) || !m_earlier->next()) {
        fail(*m_earlier);
        return QString();
    }
    const QString earlier = tr("%1 (line %2)").arg(m_earlier->text(1)).arg(m_earlier->integer(0));
    m_earlier->finish();
    return earlier;
}

bool W3cImportLedger::noteEntity(const QString &id, RecordId articleId, RecordId entityId)
{
    return m_noteEntity->exec({ articleId, entityId, id }) || fail(*m_noteEntity);
}

RecordId W3cImportLedger::entity(const QString &id, RecordId articleId)
{
    if (!m_entity->exec({ id, articleId })) {
        fail(*m_entity);
        return 0;
    }
    const RecordId found = m_entity->next() ? m_entity->integer(0) : 0;
    m_entity->finish();
    return found;
}

bool W3cImportLedger::defer(RecordId articleId, const Deferred &quote)
{
    return m_defer->exec(
               { articleId, ++m_deferred, quote.line, quote.field, QString::fromUtf8(quote.annotation) })
        || fail(*m_defer);
}

// One article's quotes at a time, each read whole before visit() runs: visit stores through the
// same connection, and on a server any other statement discards the rows a forward-only query
// has not yet read. An article's quotes are few; the articles may be many.
bool W3cImportLedger::forEachDeferred(
    const std::function<bool(RecordId articleId, const QList<Deferred> &)> &visit)
{
    if (m_deferred == 0)
        return true;
    QSqlQuery nextArticle(m_database);
    nextArticle.prepare(u"SELECT min(article_id) FROM w3c_import_deferred WHERE article_id > ?"_s);
    QSqlQuery quotesOf(m_database);
    quotesOf.prepare(u"SELECT line, field, annotation FROM w3c_import_deferred WHERE article_id = ?"
                     " ORDER BY seq"_s);
    RecordId articleId = 0;
    for (;;) {
        nextArticle.addBindValue(articleId);
        if (!nextArticle.exec() || !nextArticle.next()) {
            m_error = nextArticle.lastError().text();
            return false;
        }
        if (nextArticle.isNull(0))
            return true;
        articleId = nextArticle.value(0).toLongLong();
        nextArticle.finish();
        quotesOf.addBindValue(articleId);
        if (!quotesOf.exec()) {
            m_error = quotesOf.lastError().text();
            return false;
        }
        QList<Deferred> quotes;
        while (quotesOf.next()) {
            quotes.append({ quotesOf.value(0).toLongLong(), quotesOf.value(1).toString(),
                quotesOf.value(2).toString().toUtf8() });
        }
        if (quotesOf.lastError().isValid()) {
            m_error = quotesOf.lastError().text();
            return false;
        }
        quotesOf.finish();
        if (!visit(articleId, quotes))
            return false;
    }
}

} // namespace Byline

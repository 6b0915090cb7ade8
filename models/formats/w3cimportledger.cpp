// SPDX-License-Identifier: GPL-3.0-or-later
#include "w3cimportledger.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Temporary: each connection has its own, and a project file never holds them.
const QStringList &tableNames()
{
    static const QStringList names { u"w3c_import_ids"_s, u"w3c_import_deferred"_s };
    return names;
}

} // namespace

W3cImportLedger::W3cImportLedger(const QSqlDatabase &database)
    : m_database(database)
    , m_claim(database)
    , m_earlier(database)
    , m_noteEntity(database)
    , m_entity(database)
    , m_defer(database)
{
    QSqlQuery query(database);
    // In SQLite a temporary table lives in a file of its own, whose pages are cached like the
    // project's: bounded, whatever the size of the import.
    const QStringList statements {
        u"CREATE TEMPORARY TABLE w3c_import_ids (id TEXT PRIMARY KEY, line BIGINT NOT NULL,"
        " field TEXT NOT NULL, article_id BIGINT, entity_id BIGINT)"_s,
        u"CREATE TEMPORARY TABLE w3c_import_deferred (article_id BIGINT NOT NULL, seq BIGINT NOT NULL,"
        " line BIGINT NOT NULL, field TEXT NOT NULL, annotation TEXT NOT NULL,"
        " PRIMARY KEY (article_id, seq))"_s,
    };
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            fail(query);
            return;
        }
    }
    m_open = m_claim.prepare(u"INSERT INTO w3c_import_ids (id, line, field) VALUES (?, ?, ?)"
                             " ON CONFLICT (id) DO NOTHING"_s)
        && m_earlier.prepare(u"SELECT line, field FROM w3c_import_ids WHERE id = ?"_s)
        && m_noteEntity.prepare(u"UPDATE w3c_import_ids SET article_id = ?, entity_id = ? WHERE id = ?"_s)
        && m_entity.prepare(u"SELECT entity_id FROM w3c_import_ids WHERE id = ? AND article_id = ?"_s)
        && m_defer.prepare(u"INSERT INTO w3c_import_deferred (article_id, seq, line, field, annotation)"
                           " VALUES (?, ?, ?, ?, ?)"_s);
    if (!m_open)
        m_error = m_claim.lastError().text();
}

W3cImportLedger::~W3cImportLedger()
{
    // Inside the transaction, or after it: a rollback takes them back anyway.
    m_claim.finish();
    m_earlier.finish();
    m_noteEntity.finish();
    m_entity.finish();
    m_defer.finish();
    QSqlQuery query(m_database);
    for (const QString &table : tableNames())
        query.exec(u"DROP TABLE IF EXISTS "_s + table);
}

bool W3cImportLedger::fail(const QSqlQuery &query)
{
    m_error = query.lastError().text();
    return false;
}

std::optional<QString> W3cImportLedger::claim(const QString &id, qint64 line, const QString &field)
{
    m_claim.addBindValue(id);
    m_claim.addBindValue(line);
    m_claim.addBindValue(field);
    if (!m_claim.exec()) {
        fail(m_claim);
        return QString();
    }
    if (m_claim.numRowsAffected() == 1)
        return std::nullopt;
    m_earlier.addBindValue(id);
    if (!m_earlier.exec() || !m_earlier.next()) {
        fail(m_earlier);
        return QString();
    }
    const QString earlier
        = tr("%1 (line %2)").arg(m_earlier.value(1).toString()).arg(m_earlier.value(0).toLongLong());
    m_earlier.finish();
    return earlier;
}

bool W3cImportLedger::noteEntity(const QString &id, RecordId articleId, RecordId entityId)
{
    m_noteEntity.addBindValue(articleId);
    m_noteEntity.addBindValue(entityId);
    m_noteEntity.addBindValue(id);
    return m_noteEntity.exec() || fail(m_noteEntity);
}

RecordId W3cImportLedger::entity(const QString &id, RecordId articleId)
{
    m_entity.addBindValue(id);
    m_entity.addBindValue(articleId);
    if (!m_entity.exec()) {
        fail(m_entity);
        return 0;
    }
    const RecordId found = m_entity.next() ? m_entity.value(0).toLongLong() : 0;
    m_entity.finish();
    return found;
}

bool W3cImportLedger::defer(RecordId articleId, const Deferred &quote)
{
    m_defer.addBindValue(articleId);
    m_defer.addBindValue(++m_deferred);
    m_defer.addBindValue(quote.line);
    m_defer.addBindValue(quote.field);
    m_defer.addBindValue(QString::fromUtf8(quote.annotation));
    return m_defer.exec() || fail(m_defer);
}

bool W3cImportLedger::forEachDeferred(
    const std::function<bool(RecordId articleId, const QList<Deferred> &)> &visit)
{
    if (m_deferred == 0)
        return true;
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT article_id, line, field, annotation FROM w3c_import_deferred"
                    " ORDER BY article_id, seq"_s))
        return fail(query);
    RecordId articleId = 0;
    QList<Deferred> quotes;
    while (query.next()) {
        const RecordId next = query.value(0).toLongLong();
        if (next != articleId && !quotes.isEmpty()) {
            if (!visit(articleId, quotes))
                return false;
            quotes.clear();
        }
        articleId = next;
        quotes.append(
            { query.value(1).toLongLong(), query.value(2).toString(), query.value(3).toString().toUtf8() });
    }
    if (query.lastError().isValid())
        return fail(query);
    return quotes.isEmpty() || visit(articleId, quotes);
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchbacklog.h"

#include "ftssegments.h"
#include "sqldialect.h"
#include "store.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// A step takes about this long: long enough that committing is a small part of it, short enough
// that an edit waiting for the file is not felt.
constexpr qint64 stepTarget = 200; // ms
constexpr qint64 firstStepRows = 2'000;
constexpr qint64 largestStepRows = 200'000;

// A server indexes every row as it is written. An open project file has the table: opening one
// upgrades it to the current schema, or refuses it.
bool keepsBacklog(const Store &store)
{
    return SqlDialect::of(store.database()).isSqlite();
}

} // namespace

const QStringList &SearchBacklog::indexedTables()
{
    static const QStringList tables { u"articles"_s, u"entities"_s, u"quotes"_s, u"figures"_s };
    return tables;
}

SearchBacklog::SearchBacklog(Store &store)
    : m_store(store)
{
}

qint64 SearchBacklog::remaining(const Store &store)
{
    if (!keepsBacklog(store))
        return 0;
    QSqlQuery query(store.database());
    if (!query.exec(u"SELECT coalesce(sum(last_id - first_id + 1), 0) FROM search_backlog"_s)
        || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

QList<IdRange> SearchBacklog::articleRanges(const Store &store)
{
    QList<IdRange> ranges;
    if (!keepsBacklog(store))
        return ranges;
    QSqlQuery query(store.database());
    if (!query.exec(
            u"SELECT first_id, last_id FROM search_backlog WHERE source = 'articles' ORDER BY first_id"_s))
        return ranges;
    while (query.next())
        ranges.append({ query.value(0).toLongLong(), query.value(1).toLongLong() });
    return ranges;
}

QStringList SearchBacklog::recordStatements(const QHash<QString, RecordId> &lastIdBefore)
{
    QStringList statements;
    for (const QString &table : indexedTables()) {
        const QString after = QString::number(lastIdBefore.value(table));
        // max(id) alone reads the last row of the table's b-tree, not the added ones.
        statements << u"INSERT INTO search_backlog (source, first_id, last_id) SELECT '%1', %2 + 1, last"
                      " FROM (SELECT max(id) AS last FROM %1) WHERE last > %2"_s.arg(table, after);
    }
    return statements;
}

QString SearchBacklog::indexStatement(const QString &table, const QString &idCondition)
{
    if (table == u"articles"_s)
        return u"INSERT INTO article_search (rowid, title, text) SELECT id, title, text FROM articles"
               " WHERE id %1"_s.arg(idCondition);
    // The annotation search, as schema step 4 fills it.
    const QString columns = u"INSERT INTO annotation_search (rowid, body, speaker, type, kind, status, layer,"
                            " article_id, record_id)"_s;
    if (table == u"entities"_s)
        return columns
            + u" SELECT id * 4 + 1, name, '', type, '', status, 'entity', article_id, id FROM entities"
              " WHERE id %1"_s.arg(idCondition);
    if (table == u"quotes"_s)
        return columns
            + u" SELECT q.id * 4 + 2, coalesce((SELECT group_concat(part, ' … ') FROM"
              " (SELECT substr(a.text, p.start_offset + 1, p.end_offset - p.start_offset) AS part"
              " FROM quote_parts p JOIN articles a ON a.id = q.article_id WHERE p.quote_id = q.id"
              " ORDER BY p.position)), ''), coalesce(e.name, ''), '', q.kind, q.status, 'quote',"
              " q.article_id, q.id FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id"
              " WHERE q.id %1"_s.arg(idCondition);
    Q_ASSERT(table == u"figures"_s);
    return columns
        + u" SELECT f.id * 4 + 3, substr(a.text, f.span_start + 1, f.span_end - f.span_start), '', '',"
          " f.kind, f.status, 'figure', f.article_id, f.id FROM figures f JOIN articles a"
          " ON a.id = f.article_id WHERE f.id %1"_s.arg(idCondition);
}

qint64 SearchBacklog::indexNext(qint64 rows)
{
    if (!keepsBacklog(m_store))
        return 0;
    if (m_store.isReadOnly() || m_store.inTransaction()) {
        fail(tr("The search index can only be completed in a project open for writing, outside other "
                "changes."));
        return -1;
    }
    QSqlQuery query(m_store.database());
    // IMMEDIATE takes the file for writing first: a step that read the backlog and then found
    // another connection had written meanwhile could not write at all.
    m_busy = false;
    if (!query.exec(u"BEGIN IMMEDIATE"_s)) {
        // SQLITE_BUSY, or one of its extended codes.
        m_busy = (query.lastError().nativeErrorCode().toInt() & 0xff) == SQLITE_BUSY;
        fail(query.lastError().text());
        return -1;
    }
    const auto rollBack = [&](const QString &error) {
        QSqlQuery(m_store.database()).exec(u"ROLLBACK"_s);
        fail(error);
        return qint64(-1);
    };
    if (!query.exec(u"SELECT source, first_id, last_id FROM search_backlog ORDER BY CASE source"
                    " WHEN 'articles' THEN 0 WHEN 'entities' THEN 1 WHEN 'quotes' THEN 2 ELSE 3 END,"
                    " first_id LIMIT 1"_s))
        return rollBack(query.lastError().text());
    if (!query.next()) {
        query.finish();
        return query.exec(u"COMMIT"_s) ? 0 : rollBack(query.lastError().text());
    }
    const QString table = query.value(0).toString();
    const RecordId first = query.value(1).toLongLong();
    const RecordId last = query.value(2).toLongLong();
    query.finish();
    if (!indexedTables().contains(table))
        return rollBack(tr("The search backlog names a table Byline does not index: %1.").arg(table));
    const RecordId upTo = std::min(last, first + std::max<qint64>(rows, 1) - 1);
    const QStringList restore = widenFtsSegments(
        m_store.database(), { table == u"articles"_s ? u"article_search"_s : u"annotation_search"_s });
    if (!query.exec(indexStatement(table, u"BETWEEN %1 AND %2"_s.arg(first).arg(upTo))))
        return rollBack(query.lastError().text());
    for (const QString &statement : restore) {
        if (!query.exec(statement))
            return rollBack(query.lastError().text());
    }
    const QString shrink = upTo == last
        ? u"DELETE FROM search_backlog WHERE source = '%1' AND first_id = %2"_s.arg(table).arg(first)
        : u"UPDATE search_backlog SET first_id = %3 WHERE source = '%1' AND first_id = %2"_s.arg(table)
              .arg(first)
              .arg(upTo + 1);
    if (!query.exec(shrink) || !query.exec(u"COMMIT"_s))
        return rollBack(query.lastError().text());
    return upTo - first + 1;
}

bool SearchBacklog::catchUp(const Progress &progress)
{
    const qint64 total = remaining(m_store);
    qint64 done = 0;
    qint64 rows = firstStepRows;
    QElapsedTimer step;
    while (true) {
        // An import may add to the backlog while it is indexed.
        if (progress && !progress(done, std::max(total, done)))
            return false;
        step.start();
        const qint64 indexed = indexNext(rows);
        if (indexed < 0)
            return false;
        if (indexed == 0)
            return true;
        done += indexed;
        // An annotation row costs a fraction of an article's text: the steps follow the clock,
        // growing at most fourfold at a time.
        const qint64 took = std::max<qint64>(step.elapsed(), 1);
        rows = std::clamp(std::min(indexed * stepTarget / took, rows * 4), qint64(100), largestStepRows);
    }
}

bool SearchBacklog::fail(const QString &error)
{
    m_error = error;
    return false;
}

} // namespace Byline

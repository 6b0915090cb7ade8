// SPDX-License-Identifier: GPL-3.0-or-later
// Store::BulkInsert: an import's transaction, with the row-by-row triggers set aside; and
// Store::ForeignKeysOff, for imports.
#include "ftssegments.h"
#include "importlogging.h"
#include "searchbacklog.h"
#include "sqldialect.h"
#include "sqlitebulkwriter.h"
#include "sqliteconnection.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::Store", text);
}

// The insert triggers of schema steps 4 and 6: each added row updates its article's count, the
// corpus counts and a search row, one statement or three per row. What they would write is
// written by BulkInsert::catchUp() instead, over all the added rows at once. The other triggers
// stay: rows added here are neither changed nor removed before that.
const QStringList &suspendedTriggers()
{
    static const QStringList names {
        u"articles_search_insert"_s,
        u"entities_insert"_s,
        u"mentions_count_insert"_s,
        u"quotes_insert"_s,
        u"quotes_count_insert"_s,
        u"quote_parts_insert"_s,
        u"figures_insert"_s,
        u"figures_count_insert"_s,
        // The per-annotator counts of schema step 11.
        u"entities_annotator_count_insert"_s,
        u"quotes_annotator_count_insert"_s,
        u"figures_annotator_count_insert"_s,
        u"mentions_annotator_total_insert"_s,
        u"quotes_annotator_total_insert"_s,
        u"figures_annotator_total_insert"_s,
    };
    return names;
}

// The delete triggers of the annotation tables (schema steps 4, 6 and 11). Each removed row
// rewrites its article's row and two indexes over its counts, updates three count rows and removes
// a search row: some forty rows per article in a first corpus extraction. removeAnnotations()
// lowers the counts from the rows as read and removes the search rows set-wise instead, and
// commit() counts each article once (catchUpStatements()). quote_parts_delete would empty the
// search row of a quote whose parts go, which is gone by then.
const QStringList &suspendedRemovalTriggers()
{
    static const QStringList names {
        u"entities_delete"_s,
        u"quotes_delete"_s,
        u"quote_parts_delete"_s,
        u"figures_delete"_s,
        u"mentions_count_delete"_s,
        u"quotes_count_delete"_s,
        u"figures_count_delete"_s,
        u"entities_annotator_count_delete"_s,
        u"quotes_annotator_count_delete"_s,
        u"figures_annotator_count_delete"_s,
        u"mentions_annotator_total_delete"_s,
        u"quotes_annotator_total_delete"_s,
        u"figures_annotator_total_delete"_s,
    };
    return names;
}

// The tables whose added rows catchUp() finds by id: AUTOINCREMENT gives every added row an id
// above the largest one before.
const QStringList &watchedTables()
{
    static const QStringList tables { u"articles"_s, u"entities"_s, u"mentions"_s, u"quotes"_s,
        u"figures"_s };
    return tables;
}

// SQLite's page cache for the import's writes: the articles table has some twenty indexes, and
// with the default 2 MB cache a large import rereads their pages from the file. Bounded, so
// memory stays flat whatever the corpus size; the connection's own size comes back afterwards.
constexpr int importCacheKibibytes = 64 * 1024;

} // namespace

Store::ForeignKeysOff::ForeignKeysOff(Store &store, bool off)
    : m_database(store.m_database)
{
    sqlite3 *connection = sqliteConnection(m_database);
    if (!off || !connection || !sqlite3_get_autocommit(connection) || store.isReadOnly())
        return;
    QSqlQuery query(m_database);
    m_off = query.exec(u"PRAGMA foreign_keys = OFF"_s);
}

Store::ForeignKeysOff::~ForeignKeysOff()
{
    if (m_off)
        QSqlQuery(m_database).exec(u"PRAGMA foreign_keys = ON"_s);
}

Store::SoleWriterJournal::SoleWriterJournal(Store &store, bool wanted)
    : m_database(store.m_database)
{
    sqlite3 *connection = sqliteConnection(m_database);
    if (!wanted || !connection || !sqlite3_get_autocommit(connection) || store.isReadOnly())
        return;
    m_active = leaveTheLog();
}

Store::SoleWriterJournal::~SoleWriterJournal()
{
    if (m_active)
        returnToTheLog();
}

bool Store::SoleWriterJournal::leaveTheLog()
{
    QSqlQuery query(m_database);
    // Only from the log: a file in a rollback journal already belongs to an outer one.
    if (!query.exec(u"PRAGMA journal_mode"_s) || !query.next() || query.value(0).toString() != u"wal"_s)
        return false;
    if (query.exec(u"PRAGMA synchronous"_s) && query.next())
        m_synchronous = query.value(0).toInt();
    query.finish();
    // Leaving the log takes the file for a moment, which another connection's lock refuses at
    // once, without waiting: the answer is whether this connection is alone.
    if (!query.exec(u"PRAGMA journal_mode = DELETE"_s) || !query.next()
        || query.value(0).toString() != u"delete"_s)
        return false;
    query.finish();
    // The file is taken now and kept until the log is back. EXTRA: a commit also flushes the
    // folder after deleting its journal, which a power cut could otherwise bring back.
    for (const QString &statement : { u"PRAGMA locking_mode = EXCLUSIVE"_s, u"PRAGMA synchronous = EXTRA"_s,
             u"BEGIN EXCLUSIVE"_s, u"COMMIT"_s }) {
        if (!query.exec(statement)) {
            qCWarning(lcImport) << "cannot take the project file alone:" << query.lastError().text();
            QSqlQuery(m_database).exec(u"ROLLBACK"_s);
            returnToTheLog();
            return false;
        }
    }
    return true;
}

void Store::SoleWriterJournal::returnToTheLog()
{
    QSqlQuery query(m_database);
    for (const QString &statement : { u"PRAGMA locking_mode = NORMAL"_s,
             u"PRAGMA synchronous = %1"_s.arg(m_synchronous), u"PRAGMA journal_mode = WAL"_s }) {
        if (!query.exec(statement))
            qCWarning(lcImport).noquote()
                << statement << "failed:" << query.lastError().text()
                << "(the project file keeps its rollback journal until it is opened for writing again)";
    }
}

Store::BulkInsert::BulkInsert(Store &store, Removals removals)
    : m_store(store)
    // Removed annotations take their mentions, quote parts and speaker references with them.
    , m_foreignKeysOff(store, removals == Removals::None)
    , m_journal(store, removals == Removals::None)
    , m_transaction(store)
{
    // A read-only project refuses the first write with its own message, as without a bulk insert.
    if (!m_transaction.isOpen() || store.m_bulkInsert || store.isReadOnly()
        || !SqlDialect::of(store.m_database).isSqlite())
        return;
    QSqlQuery query(store.m_database);
    if (!query.exec(u"SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"_s))
        return;
    QStringList suspended = suspendedTriggers();
    if (removals == Removals::OldSuggestions)
        suspended += suspendedRemovalTriggers();
    QHash<QString, QString> definitions;
    while (query.next()) {
        if (suspended.contains(query.value(0).toString()))
            definitions.insert(query.value(0).toString(), query.value(1).toString());
    }
    // A schema without all of them (or with others in their place) keeps its triggers running.
    if (definitions.size() != suspended.size())
        return;
    for (const QString &table : watchedTables()) {
        if (!query.exec(u"SELECT coalesce(max(id), 0) FROM "_s + table) || !query.next())
            return;
        m_lastIdBefore.insert(table, query.value(0).toLongLong());
    }
    // Dropped inside the transaction: a rollback brings them back with everything else.
    for (const QString &name : std::as_const(suspended)) {
        if (!query.exec(u"DROP TRIGGER "_s + name)) {
            m_failed = true;
            m_store.fail(query.lastError().text());
            return;
        }
        m_triggers.append(definitions.value(name));
    }
    if (query.exec(u"PRAGMA cache_size"_s) && query.next())
        m_cacheSize = query.value(0).toInt();
    query.exec(u"PRAGMA cache_size = -%1"_s.arg(importCacheKibibytes));
    // Documents go in through SqliteBulkWriter, whose inserts keep no statement journal (see
    // there). A plain insert journals every page it changes until it is done, in memory up to
    // 16 MB (models/sqliteconnection.cpp), then in a temporary file that serves every later
    // statement of the transaction; the catch-up's large statements still do, and the file keeps
    // memory flat where temp_store = MEMORY would grow with the import. Without the writer
    // (another driver), documents go through QtSql.
    store.m_bulkWriter = SqliteBulkWriter::open(store.m_database);
    m_restoreSearchSettings = widenFtsSegments(
        store.m_database, { u"article_search"_s, u"article_filter"_s, u"annotation_search"_s });
    store.m_bulkInsert = true;
    store.m_bulkRemovals = removals == Removals::OldSuggestions;
    if (removals == Removals::None)
        m_searchIndexing = store.m_searchIndexing;
    m_active = true;
}

Store::BulkInsert::~BulkInsert()
{
    // Without commit() the transaction rolls back, and the dropped triggers come back with it.
    restoreSettings();
}

bool Store::BulkInsert::isOpen() const
{
    // Store::addDocument() ends the store's part when a document failed halfway.
    return m_transaction.isOpen() && !m_failed && (!m_active || m_store.m_bulkInsert);
}

bool Store::BulkInsert::writesDirectly() const
{
    return m_active && m_store.m_bulkWriter;
}

bool Store::BulkInsert::commit(const KeepGoing &keepGoing)
{
    if (!isOpen())
        return false;
    if (m_active && !catchUp(keepGoing))
        return false;
    restoreSettings();
    QElapsedTimer timer;
    timer.start();
    const bool committed = m_transaction.commit();
    qCDebug(lcImport) << "commit" << timer.elapsed() << "ms; SQLite's memory at its peak"
                      << sqlite3_memory_highwater(0) / 1'000'000 << "MB";
    return committed || m_store.fail(m_store.m_database.lastError().text());
}

void Store::BulkInsert::restoreSettings()
{
    if (!std::exchange(m_active, false))
        return;
    m_store.m_bulkInsert = false;
    m_store.m_bulkRemovals = false;
    m_store.m_removedFrom.clear();
    m_store.m_bulkWriter.reset();
    if (m_cacheSize != 0)
        QSqlQuery(m_store.m_database).exec(u"PRAGMA cache_size = %1"_s.arg(m_cacheSize));
}

namespace {

// Lets keepGoing stop the connection's statements while it lives.
class CatchUpInterruption final {
public:
    CatchUpInterruption(const QSqlDatabase &database, const Store::BulkInsert::KeepGoing &keepGoing)
        : m_connection(keepGoing ? sqliteConnection(database) : nullptr)
        , m_keepGoing(keepGoing)
    {
        if (m_connection)
            sqlite3_progress_handler(m_connection, instructionsBetweenChecks, &ask, this);
    }
    ~CatchUpInterruption()
    {
        if (m_connection)
            sqlite3_progress_handler(m_connection, 0, nullptr, nullptr);
    }
    CatchUpInterruption(const CatchUpInterruption &) = delete;
    CatchUpInterruption &operator=(const CatchUpInterruption &) = delete;

private:
    // SQLite counts its own instructions, not the work FTS5 does for each: indexing an article's
    // text is a few of them but a fraction of a millisecond. This asks a few times a second in
    // the slowest statement, at no measurable cost.
    static constexpr int instructionsBetweenChecks = 100'000;

    // Non-zero interrupts the running statement.
    static int ask(void *self) { return static_cast<CatchUpInterruption *>(self)->m_keepGoing() ? 0 : 1; }

    sqlite3 *m_connection;
    const Store::BulkInsert::KeepGoing &m_keepGoing;
};

} // namespace

// Writes what the suspended triggers would have written for the added rows, then brings the
// triggers back, all inside the transaction.
bool Store::BulkInsert::catchUp(const KeepGoing &keepGoing)
{
    // The catch-up's statements each run for seconds at 100,000 articles: SQLite asks keepGoing
    // every few milliseconds, and stops the statement when it says no.
    const CatchUpInterruption interruption(m_store.m_database, keepGoing);
    // Whole documents from the writer came with their articles' counts: the corpus totals are the
    // writer's to add, and the search indexes are left.
    SqliteBulkWriter *writer = m_store.m_bulkWriter.get();
    const bool written = writer && writer->coversAddedRows(m_lastIdBefore);
    // A catch-up over all added rows would count the writer's documents twice.
    if (writer && writer->documents() > 0 && !written) {
        m_failed = true;
        return m_store.fail(tr("The import cannot be completed: rows were added or taken back beside its "
                               "documents. Nothing was imported."));
    }
    if (written && !writer->writeTotals()) {
        m_failed = true;
        return m_store.fail(writer->errorString());
    }
    QSqlQuery query(m_store.m_database);
    QElapsedTimer timer;
    QStringList statements = written
        ? searchStatements(m_lastIdBefore, m_searchIndexing)
        : catchUpStatements(m_lastIdBefore, m_store.m_removedFrom, m_searchIndexing);
    // A writer's documents came with their counts; articles that lost annotations are counted.
    if (written && !m_store.m_removedFrom.isEmpty())
        statements << articleCountStatement({}, m_store.m_removedFrom);
    for (const QString &statement : statements + m_restoreSearchSettings + m_triggers) {
        timer.start();
        const bool done = query.exec(statement);
        qCDebug(lcImport) << "catch-up" << timer.elapsed() << "ms:" << QStringView(statement).left(90);
        if (!done) {
            m_failed = true;
            return m_store.fail(query.lastError().text());
        }
    }
    m_triggers.clear();
    return true;
}

// Ids are the store's own integers, so they go into the statements as text.
QStringList Store::BulkInsert::searchStatements(
    const QHash<QString, RecordId> &lastIdBefore, SearchIndexing indexing)
{
    const auto after
        = [&](const QString &table) { return u"> "_s + QString::number(lastIdBefore.value(table)); };
    // The list's text filter is a small part of the indexing, and the article list has no other
    // way to filter: it is never deferred.
    QStringList statements {
        u"INSERT INTO article_filter (rowid, title, source, key) SELECT id, title, source,"
        " key FROM articles WHERE id %1"_s.arg(after(u"articles"_s))
    };
    if (indexing == SearchIndexing::Deferred)
        return statements + SearchBacklog::recordStatements(lastIdBefore);
    for (const QString &table : SearchBacklog::indexedTables())
        statements << SearchBacklog::indexStatement(table, after(table));
    return statements;
}

// The articles' own counts, counted anew: each article that got annotations after lastIdBefore's
// ids (an added one, or an older one in a corpus extraction) and each one in removedFrom. Without
// lastIdBefore, only those. Counting an article's rows reads a few dozen index entries; its row and
// the indexes over its counts are written once, whatever changed.
QString Store::BulkInsert::articleCountStatement(
    const std::optional<QHash<QString, RecordId>> &lastIdBefore, const QSet<RecordId> &removedFrom)
{
    QStringList articles;
    if (lastIdBefore) {
        const auto after = [&](const QString &table) { return QString::number(lastIdBefore->value(table)); };
        articles << u"SELECT article_id FROM entities WHERE id > %1 UNION SELECT article_id FROM quotes"
                    " WHERE id > %2 UNION SELECT article_id FROM figures WHERE id > %3"_s.arg(
                        after(u"entities"_s), after(u"quotes"_s), after(u"figures"_s));
    }
    if (!removedFrom.isEmpty()) {
        QStringList ids;
        ids.reserve(removedFrom.size());
        for (const RecordId id : removedFrom)
            ids << QString::number(id);
        articles << u"VALUES (%1)"_s.arg(ids.join(u"), ("_s));
    }
    return u"UPDATE articles SET"
           " entity_count = (SELECT COUNT(*) FROM entities e WHERE e.article_id = articles.id),"
           " quote_count = (SELECT COUNT(*) FROM quotes q WHERE q.article_id = articles.id),"
           " figure_count = (SELECT COUNT(*) FROM figures f WHERE f.article_id = articles.id)"
           " WHERE id IN (%1)"_s.arg(articles.join(u" UNION "_s));
}

QStringList Store::BulkInsert::catchUpStatements(
    const QHash<QString, RecordId> &lastIdBefore, const QSet<RecordId> &removedFrom, SearchIndexing indexing)
{
    const auto after = [&](const QString &table) { return QString::number(lastIdBefore.value(table)); };
    QStringList statements = searchStatements(lastIdBefore, indexing);
    statements << articleCountStatement(lastIdBefore, removedFrom);
    // The corpus counts (schema step 6).
    const std::pair<QString, QString> layers[]
        = { { u"mention"_s, u"mentions"_s }, { u"quote"_s, u"quotes"_s }, { u"figure"_s, u"figures"_s } };
    for (const auto &[layer, table] : layers) {
        statements << u"INSERT INTO annotation_counts (layer, status, total) SELECT '%1', status, COUNT(*)"
                      " FROM %2 WHERE id > %3 GROUP BY status ON CONFLICT (layer, status)"
                      " DO UPDATE SET total = annotation_counts.total + excluded.total"_s.arg(
                          layer, table, after(table));
    }
    // The per-annotator counts (schema step 11), under the key the triggers use.
    const QString owner = u"CASE WHEN status = 'auto' THEN '' ELSE annotator END"_s;
    const std::pair<QString, QString> articleLayers[] = { { u"entity_count"_s, u"entities"_s },
        { u"quote_count"_s, u"quotes"_s }, { u"figure_count"_s, u"figures"_s } };
    // NOT INDEXED: for the GROUP BY's order SQLite would walk the whole article_id index instead
    // of the added rows' id range, which made each batch of a corpus extraction read every
    // annotation of the project (5 s per 1,000 articles at 100,000).
    for (const auto &[column, table] : articleLayers) {
        statements
            << u"INSERT INTO article_counts_by_annotator (article_id, annotator, %1) SELECT article_id, %4,"
               " COUNT(*) FROM %2 NOT INDEXED WHERE id > %3 GROUP BY article_id, %4"
               " ON CONFLICT (article_id, annotator)"
               " DO UPDATE SET %1 = article_counts_by_annotator.%1 + excluded.%1"_s.arg(
                   column, table, after(table), owner);
    }
    for (const auto &[layer, table] : layers) {
        statements << u"INSERT INTO annotation_counts_by_annotator (annotator, layer, status, total)"
                      " SELECT %4, '%1', status, COUNT(*) FROM %2 WHERE id > %3 GROUP BY %4, status"
                      " ON CONFLICT (annotator, layer, status)"
                      " DO UPDATE SET total = annotation_counts_by_annotator.total + excluded.total"_s.arg(
                          layer, table, after(table), owner);
    }
    return statements;
}

} // namespace Byline

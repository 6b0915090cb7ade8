// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QString>

#include <memory>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace Byline {

class OffsetMap;

/// Adds whole documents to a project file through SQLite's own interface, for Store::BulkInsert:
/// the rows of an import are most of its time, and QtSql spends more on binding each value (a
/// QVariant, a placeholder name) than SQLite spends on storing it. The rows are the ones
/// Store::addDocument() writes otherwise (StoreColumns gives both their values).
///
/// A document's annotations go in by table, up to 64 rows per statement, with the ids given here
/// as AUTOINCREMENT would give them. SQLite's work for each statement (starting it, reading and
/// writing the table's sqlite_sequence row, ending it) was more than its work for the row itself:
/// an article's seventy-odd rows now take some fifteen statements.
///
/// Each insert is INSERT OR FAIL, which spares SQLite the statement journal that OR ABORT keeps for
/// every insert into a table with AUTOINCREMENT and constraints. Inside an import's long
/// transaction that journal copied every page each insert touched, spilled to a temporary file, and
/// took a fifth of the import's time. A failing statement may leave the rows before it; the failure
/// ends the bulk insert, whose transaction then rolls back.
class SqliteBulkWriter final {
public:
    /// Null when database is not a SQLite connection this build reaches (another driver).
    static std::unique_ptr<SqliteBulkWriter> open(const QSqlDatabase &database);
    ~SqliteBulkWriter();
    SqliteBulkWriter(const SqliteBulkWriter &) = delete;
    SqliteBulkWriter &operator=(const SqliteBulkWriter &) = delete;

    /// Stores article (under key, with its import time set) and its annotations, giving them their
    /// ids as Store::addDocument() does. The spans must fit map's text (the caller checked them).
    bool add(Article &article, const QString &key, AnnotationSet &annotations, const OffsetMap &map);
    QString errorString() const { return m_error; }

    // The rows of the article add() is storing (StoreColumns::addAnnotations() calls them).
    bool insertEntity(Entity &entity);
    bool insertQuote(Quote &quote);
    bool insertFigure(Figure &figure);

private:
    class Statement;
    class TableRows;
    explicit SqliteBulkWriter(sqlite3 *connection);
    bool prepare();
    bool readNextIds();
    bool fail(const QString &message);
    QString sqliteError() const;

    sqlite3 *m_connection;
    const OffsetMap *m_map = nullptr; ///< of the article add() is storing
    std::unique_ptr<Statement> m_nextIds;
    std::unique_ptr<TableRows> m_articles, m_entities, m_mentions, m_quotes, m_quoteParts, m_figures;
    /// The ids the next entity, mention, quote and figure get.
    RecordId m_nextEntity = 0, m_nextMention = 0, m_nextQuote = 0, m_nextFigure = 0;
    QString m_error;
};

} // namespace Byline

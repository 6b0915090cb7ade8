// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QHash>
#include <QString>

#include <array>
#include <map>
#include <memory>
#include <tuple>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace Byline {

class OffsetMap;
struct NewSuggestions;

/// Adds whole documents to a project file through SQLite's own interface, for Store::BulkInsert:
/// the rows of an import are most of its time, and QtSql spends more on binding each value (a
/// QVariant, a placeholder name) than SQLite spends on storing it. The rows are the ones
/// Store::addDocument() writes otherwise (StoreColumns gives both their values).
///
/// A document's annotations go in by table, up to 64 rows per statement, with the ids given here
/// as AUTOINCREMENT would give them: an article's seventy-odd rows take some fifteen statements,
/// each of which also starts and ends, and reads and writes its table's sqlite_sequence row. With
/// them go the counts the suspended insert triggers would keep (see coversAddedRows()).
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
    /// Stores annotations of an article the project holds, its id articleId and its key for
    /// messages, giving them their ids as add() does; a quote's speaker may be an entity stored
    /// before (StoreColumns::addAnnotations()). Their counts are left to Store::BulkInsert's
    /// catch-up, which counts the rows that did not come from the store's own writer: for a
    /// writer of the caller's, beside the store's, which counts no documents().
    bool addAnnotations(RecordId articleId, const QString &key, AnnotationSet &annotations,
        const OffsetMap &map, const QHash<RecordId, RecordId> &storedSpeakers);
    /// Stores an extraction's new suggestions for an article the project holds (key for messages;
    /// StoreColumns::addSuggestions()), giving them their ids as add() does. Their counts are left
    /// to Store::BulkInsert's catch-up, as those of addAnnotations(). The spans must fit map's text
    /// (the caller checked them).
    bool addSuggestions(const QString &key, const NewSuggestions &rows, const OffsetMap &map);
    /// Sets the details of a suggestion made again as Store::updateSuggestionDetails() does: its
    /// confidence, rule and, for all but mentions, extra (columns no trigger watches), with a
    /// statement prepared once for each table.
    bool changeSuggestionDetails(QLatin1StringView table, RecordId id, const Provenance &provenance,
        const std::optional<QString> &extra = std::nullopt);
    QString errorString() const { return m_error; }

    // The rows of the article being stored (StoreColumns::addAnnotations() and addSuggestions()
    // call them).
    bool insertEntity(Entity &entity);
    bool insertMention(Mention &mention); ///< joining an entity stored before, or insertEntity()'s
    bool insertQuote(Quote &quote);
    bool insertFigure(Figure &figure);

    /// Whether the rows the bulk insert added after lastIdBefore's ids (per table: articles,
    /// entities, mentions, quotes, figures) are all this writer's, so that the counts the suspended
    /// insert triggers would have kept for them are written: their articles' counts and
    /// per-annotator counts with each document, the corpus totals by writeTotals(). Not when
    /// anything else added rows meanwhile, nor when a savepoint took some of the writer's back.
    bool coversAddedRows(const QHash<QString, RecordId> &lastIdBefore) const;
    /// Adds the documents' annotations to the corpus counts by layer and status, and by annotator.
    bool writeTotals();
    /// The documents add() stored.
    qint64 documents() const { return m_documents; }
    /// A savepoint of the bulk insert rolled back: some of the writer's rows may be gone.
    void noteRollback() { m_alone = false; }

private:
    class Statement;
    class TableRows;
    explicit SqliteBulkWriter(sqlite3 *connection);
    bool prepare();
    bool readNextIds();
    /// Inserts the annotation rows kept for the document being added, table by table.
    bool flushAnnotations(const QString &key);
    void count(const QString &layer, const Provenance &provenance);
    bool fail(const QString &message);
    QString sqliteError() const;

    sqlite3 *m_connection;
    const OffsetMap *m_map = nullptr; ///< of the article add() is storing
    std::map<QString, std::array<qint64, 3>> m_owners; ///< its entities, quotes, figures by annotator
    std::unique_ptr<Statement> m_nextIds;
    /// By table, and whether the statement sets extra too.
    std::map<std::pair<QString, bool>, std::unique_ptr<Statement>> m_detailUpdates;
    std::unique_ptr<TableRows> m_articles, m_entities, m_mentions, m_quotes, m_quoteParts, m_figures,
        m_articleCounts;
    qint64 m_documents = 0;
    bool m_alone = true; ///< no other rows went in between the writer's, none of them went back
    /// The first document's ids: its article's, and the first each of the annotation tables got
    /// (articles, entities, mentions, quotes, figures). The last ones are m_lastArticle's and the
    /// next ids' predecessors.
    std::array<RecordId, 5> m_firstIds {};
    RecordId m_lastArticle = 0;
    std::map<std::pair<QString, QString>, qint64> m_layerTotals; ///< by layer and status
    std::map<std::tuple<QString, QString, QString>, qint64>
        m_annotatorTotals; ///< by annotator, layer, status
    /// The ids the next entity, mention, quote and figure get.
    RecordId m_nextEntity = 0, m_nextMention = 0, m_nextQuote = 0, m_nextFigure = 0;
    QString m_error;
};

} // namespace Byline

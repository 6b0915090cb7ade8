// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitebulkwriter.h"

#include "offsetmap.h"
#include "sqliteconnection.h"
#include "storecolumns.h"
#include "suggestiondiff.h"

#include <QCoreApplication>
#include <QStringEncoder>

#include <array>
#include <variant>
#include <vector>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::Store", text);
}

// The counts schema steps 4, 6 and 11's insert triggers keep, which the writer writes itself for
// whole documents (the articles' own with StoreColumns::articleWithCountsInsert): it knows them
// before their first row goes in. (Not the search rows: written with each document, FTS5 writes a
// small segment of its index at the end of every statement, and merging those cost more than the
// whole catch-up.)
constexpr StoreColumns::Insert articleCountsInsert { "article_counts_by_annotator"_L1,
    "article_id, annotator, entity_count, quote_count, figure_count"_L1, 5, false };

// A record of the document being added gets its id (AUTOINCREMENT's next, given here), and its
// times and version as the store gives them.
template<typename Record> void number(Record &record, RecordId &nextId)
{
    StoreColumns::stamp(record.provenance);
    record.id = nextId++;
    record.version.value = StoreColumns::firstVersion;
}

} // namespace

// A prepared statement: a query of whole numbers, or a change.
class SqliteBulkWriter::Statement final {
public:
    Statement(sqlite3 *connection, const QString &sql)
    {
        const QByteArray utf8 = sql.toUtf8();
        sqlite3_prepare_v3(
            connection, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
    }
    ~Statement() { sqlite3_finalize(m_statement); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_statement != nullptr; }

    /// Runs a statement that returns no rows, its parameters bound by bind(statement) first.
    template<typename Bind> bool execute(const Bind &bind)
    {
        bind(m_statement);
        const int result = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        return result == SQLITE_DONE;
    }

    /// The first row's first count columns, as whole numbers; empty when the query failed.
    QList<qint64> row(int count)
    {
        QList<qint64> values;
        if (sqlite3_step(m_statement) == SQLITE_ROW) {
            for (int column = 0; column < count; ++column)
                values << sqlite3_column_int64(m_statement, column);
        }
        sqlite3_reset(m_statement);
        return values;
    }

private:
    sqlite3_stmt *m_statement = nullptr;
};

// The rows one table gets from the document being added, as StoreColumns' Row: values are kept
// in column order and go in together at flush(), in statements of 64 rows and of the powers of two
// below it for the rest, each prepared once.
//
// Texts are written as UTF-8 into one buffer that keeps its capacity from flush to flush: an
// article's seventy-odd rows have some six hundred texts (status, annotator, times, names), and a
// QByteArray each cost an import more than SQLite's storing them.
class SqliteBulkWriter::TableRows final {
public:
    TableRows(sqlite3 *connection, const StoreColumns::Insert &insert, QLatin1StringView suffix = {})
        : m_connection(connection)
        , m_insert(insert)
        , m_suffix(suffix)
        , m_columns(StoreColumns::columnCount(insert))
    {
    }
    ~TableRows()
    {
        for (sqlite3_stmt *statement : m_statements)
            sqlite3_finalize(statement);
    }
    TableRows(const TableRows &) = delete;
    TableRows &operator=(const TableRows &) = delete;

    void integer(std::optional<qint64> value) { m_values.emplace_back(value ? Value(*value) : Value()); }
    void real(std::optional<double> value) { m_values.emplace_back(value ? Value(*value) : Value()); }
    void text(QStringView value) { m_values.emplace_back(appendText(value)); }
    void nullableText(QStringView value)
    {
        m_values.emplace_back(value.isEmpty() ? Value() : appendText(value));
    }

    /// Inserts the rows kept since the last flush; false with SQLite's error when one is refused.
    bool flush()
    {
        const qsizetype rows = qsizetype(m_values.size()) / m_columns;
        bool stored = true;
        for (qsizetype row = 0; stored && row < rows;) {
            int power = maximumPower;
            while ((qsizetype(1) << power) > rows - row)
                --power;
            stored = insert(power, row);
            row += qsizetype(1) << power;
        }
        m_values.clear();
        m_texts.truncate(0); // keeps the capacity
        return stored;
    }

private:
    /// Where a text's UTF-8 lies in m_texts: its place, not a pointer, since the buffer moves as
    /// it grows.
    struct Text {
        qsizetype offset;
        qsizetype size;
    };
    using Value = std::variant<std::monostate, qint64, double, Text>;
    static constexpr int maximumPower = 6; // 64 rows: at most 1,280 values, far below SQLite's limit

    Text appendText(QStringView value)
    {
        const qsizetype offset = m_texts.size();
        const qsizetype needed = offset + m_encoder.requiredSpace(value.size());
        if (needed > m_texts.capacity())
            m_texts.reserve(std::max(needed, 2 * m_texts.capacity()));
        m_texts.resize(needed);
        char *const start = m_texts.data() + offset;
        const char *const end = m_encoder.appendToBuffer(start, value);
        m_texts.resize(offset + (end - start));
        return { offset, qsizetype(end - start) };
    }

    // The 2^power rows from firstRow on, in one statement.
    bool insert(int power, qsizetype firstRow)
    {
        sqlite3_stmt *statement = prepared(power);
        if (!statement)
            return false;
        const auto first = m_values.cbegin() + firstRow * m_columns;
        const auto last = first + (qsizetype(1) << power) * m_columns;
        int column = 0;
        for (auto value = first; value != last; ++value)
            bind(statement, ++column, *value);
        const int result = sqlite3_step(statement);
        sqlite3_reset(statement);
        return result == SQLITE_DONE;
    }

    // SQLITE_STATIC: the values outlive the statement's run; each run binds all of its own first.
    void bind(sqlite3_stmt *statement, int column, const Value &value) const
    {
        if (const auto *number = std::get_if<qint64>(&value)) {
            sqlite3_bind_int64(statement, column, *number);
        } else if (const auto *real = std::get_if<double>(&value)) {
            sqlite3_bind_double(statement, column, *real);
        } else if (const auto *text = std::get_if<Text>(&value)) {
            // The text columns are NOT NULL: unset text is stored empty. Never a null pointer,
            // which SQLite would store as NULL.
            const char *const utf8 = text->size > 0 ? m_texts.constData() + text->offset : "";
            sqlite3_bind_text(statement, column, utf8, int(text->size), SQLITE_STATIC);
        } else {
            sqlite3_bind_null(statement, column);
        }
    }

    sqlite3_stmt *prepared(int power)
    {
        sqlite3_stmt *&statement = m_statements[std::size_t(power)];
        if (!statement) {
            const QByteArray sql
                = StoreColumns::insertStatement(m_insert, "INSERT OR FAIL"_L1, m_suffix, 1 << power).toUtf8();
            sqlite3_prepare_v3(m_connection, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                &statement, nullptr);
        }
        return statement;
    }

    sqlite3 *m_connection;
    StoreColumns::Insert m_insert;
    QLatin1StringView m_suffix;
    qsizetype m_columns;
    std::vector<Value> m_values;
    QByteArray m_texts; ///< the UTF-8 of the kept rows' texts, one after another
    QStringEncoder m_encoder { QStringEncoder::Utf8, QStringConverter::Flag::Stateless };
    std::array<sqlite3_stmt *, maximumPower + 1> m_statements {};
};

std::unique_ptr<SqliteBulkWriter> SqliteBulkWriter::open(const QSqlDatabase &database)
{
    sqlite3 *connection = sqliteConnection(database);
    if (!connection)
        return nullptr;
    std::unique_ptr<SqliteBulkWriter> writer(new SqliteBulkWriter(connection));
    return writer->prepare() ? std::move(writer) : nullptr;
}

SqliteBulkWriter::SqliteBulkWriter(sqlite3 *connection)
    : m_connection(connection)
{
}

SqliteBulkWriter::~SqliteBulkWriter() = default;

bool SqliteBulkWriter::prepare()
{
    // What AUTOINCREMENT would give next: above the largest id the table holds or ever held.
    QStringList nextIds;
    for (const char *table : { "entities", "mentions", "quotes", "figures" }) {
        nextIds << u"max(coalesce((SELECT max(id) FROM %1), 0),"
                   " coalesce((SELECT seq FROM sqlite_sequence WHERE name = '%1'), 0)) + 1"_s.arg(
                       QLatin1StringView(table));
    }
    m_nextIds = std::make_unique<Statement>(m_connection, u"SELECT "_s + nextIds.join(u", "_s));
    m_articles = std::make_unique<TableRows>(m_connection, StoreColumns::articleWithCountsInsert);
    m_entities = std::make_unique<TableRows>(m_connection, StoreColumns::entityInsert);
    m_mentions = std::make_unique<TableRows>(m_connection, StoreColumns::mentionInsert);
    m_quotes = std::make_unique<TableRows>(m_connection, StoreColumns::quoteInsert);
    m_quoteParts = std::make_unique<TableRows>(m_connection, StoreColumns::quotePartInsert);
    m_figures = std::make_unique<TableRows>(m_connection, StoreColumns::figureInsert);
    m_articleCounts = std::make_unique<TableRows>(m_connection, articleCountsInsert);
    return m_nextIds->isValid();
}

bool SqliteBulkWriter::changeSuggestionDetails(
    QLatin1StringView table, RecordId id, const Provenance &provenance, const std::optional<QString> &extra)
{
    std::unique_ptr<Statement> &update = m_detailUpdates[{ QString(table), extra.has_value() }];
    if (!update) {
        update = std::make_unique<Statement>(
            m_connection, StoreColumns::suggestionDetailsUpdate(table, extra.has_value()));
    }
    const QByteArray rule = provenance.rule.toUtf8();
    const QByteArray extraText = extra ? extra->toUtf8() : QByteArray();
    const bool changed = update->isValid() && update->execute([&](sqlite3_stmt *statement) {
        int column = 0;
        if (provenance.confidence)
            sqlite3_bind_double(statement, ++column, *provenance.confidence);
        else
            sqlite3_bind_null(statement, ++column);
        sqlite3_bind_text(statement, ++column, rule.constData(), int(rule.size()), SQLITE_STATIC);
        if (extra && !extra->isEmpty())
            sqlite3_bind_text(
                statement, ++column, extraText.constData(), int(extraText.size()), SQLITE_STATIC);
        else if (extra)
            sqlite3_bind_null(statement, ++column);
        sqlite3_bind_int64(statement, ++column, id);
    });
    return changed || fail(tr("Cannot change the suggestion: %1").arg(sqliteError()));
}

// Read for each document, not once: whatever else the transaction added meanwhile is counted, and
// noticed (coversAddedRows()).
bool SqliteBulkWriter::readNextIds()
{
    const auto ids = m_nextIds->row(4);
    if (ids.size() != 4)
        return false;
    const QList<qint64> continued { m_nextEntity, m_nextMention, m_nextQuote, m_nextFigure };
    if (m_documents > 0 && ids != continued)
        m_alone = false;
    m_nextEntity = ids[0];
    m_nextMention = ids[1];
    m_nextQuote = ids[2];
    m_nextFigure = ids[3];
    return true;
}

bool SqliteBulkWriter::fail(const QString &message)
{
    m_error = message;
    return false;
}

QString SqliteBulkWriter::sqliteError() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_connection));
}

bool SqliteBulkWriter::add(
    Article &article, const QString &key, AnnotationSet &annotations, const OffsetMap &map)
{
    if (!article.imported.isValid())
        article.imported = StoreColumns::now();
    StoreColumns::appendArticle(*m_articles, article, key);
    m_articles->integer(annotations.entities.size());
    m_articles->integer(annotations.quotes.size());
    m_articles->integer(annotations.figures.size());
    if (!m_articles->flush())
        return fail(tr("Cannot store article %1: %2").arg(key, sqliteError()));
    const RecordId id = sqlite3_last_insert_rowid(m_connection);
    if (m_documents > 0 && id != m_lastArticle + 1)
        m_alone = false;
    article.id = id;
    article.key = key;
    if (!readNextIds())
        return fail(tr("Cannot store article %1: %2").arg(key, sqliteError()));
    if (m_documents == 0)
        m_firstIds = { id, m_nextEntity, m_nextMention, m_nextQuote, m_nextFigure };
    m_map = &map;
    m_owners.clear();
    StoreColumns::addAnnotations(*this, article.id, annotations);
    for (const auto &[annotator, counts] : m_owners) {
        m_articleCounts->integer(article.id);
        m_articleCounts->text(annotator);
        for (const qint64 count : counts)
            m_articleCounts->integer(count);
    }
    const bool stored = flushAnnotations(key);
    m_lastArticle = id;
    ++m_documents;
    return stored;
}

bool SqliteBulkWriter::addAnnotations(RecordId articleId, const QString &key, AnnotationSet &annotations,
    const OffsetMap &map, const QHash<RecordId, RecordId> &storedSpeakers)
{
    if (!readNextIds())
        return fail(tr("Cannot store the annotations of article %1: %2").arg(key, sqliteError()));
    m_map = &map;
    StoreColumns::addAnnotations(*this, articleId, annotations, storedSpeakers);
    m_owners.clear(); // the catch-up's to count
    return flushAnnotations(key);
}

bool SqliteBulkWriter::addSuggestions(const QString &key, const NewSuggestions &rows, const OffsetMap &map)
{
    if (!readNextIds())
        return fail(tr("Cannot store the suggestions for article %1: %2").arg(key, sqliteError()));
    m_map = &map;
    StoreColumns::addSuggestions(*this, rows);
    m_owners.clear(); // the catch-up's to count
    return flushAnnotations(key);
}

bool SqliteBulkWriter::flushAnnotations(const QString &key)
{
    // In this order, since each table's rows name those of the tables before it.
    const std::pair<TableRows *, const char *> tables[] = {
        { m_entities.get(), QT_TR_NOOP("Cannot store the entities of article %1: %2") },
        { m_mentions.get(), QT_TR_NOOP("Cannot store the mentions of article %1: %2") },
        { m_quotes.get(), QT_TR_NOOP("Cannot store the quotes of article %1: %2") },
        { m_quoteParts.get(), QT_TR_NOOP("Cannot store the quotes of article %1: %2") },
        { m_figures.get(), QT_TR_NOOP("Cannot store the figures of article %1: %2") },
        { m_articleCounts.get(), QT_TR_NOOP("Cannot count the annotations of article %1: %2") },
    };
    bool stored = true;
    for (const auto &[rows, message] : tables) {
        // Every table is flushed, so that a failure leaves no rows behind for the next document.
        if (!rows->flush() && stored)
            stored = fail(tr(message).arg(key, sqliteError()));
    }
    return stored;
}

bool SqliteBulkWriter::insertEntity(Entity &entity)
{
    number(entity, m_nextEntity);
    StoreColumns::appendEntity(*m_entities, entity);
    ++m_owners[StoreColumns::countedOwner(entity.provenance)][0];
    for (Mention &mention : entity.mentions) {
        mention.entityId = entity.id;
        mention.articleId = entity.articleId;
        insertMention(mention);
    }
    return true;
}

bool SqliteBulkWriter::insertMention(Mention &mention)
{
    number(mention, m_nextMention);
    StoreColumns::appendMention(*m_mentions, mention, *m_map);
    count(u"mention"_s, mention.provenance);
    return true;
}

bool SqliteBulkWriter::insertQuote(Quote &quote)
{
    number(quote, m_nextQuote);
    StoreColumns::appendQuote(*m_quotes, quote, *m_map);
    for (qsizetype position = 0; position < quote.content.size(); ++position)
        StoreColumns::appendQuotePart(*m_quoteParts, quote.id, position, quote.content[position], *m_map);
    ++m_owners[StoreColumns::countedOwner(quote.provenance)][1];
    count(u"quote"_s, quote.provenance);
    return true;
}

bool SqliteBulkWriter::insertFigure(Figure &figure)
{
    number(figure, m_nextFigure);
    StoreColumns::appendFigure(*m_figures, figure, *m_map);
    ++m_owners[StoreColumns::countedOwner(figure.provenance)][2];
    count(u"figure"_s, figure.provenance);
    return true;
}

void SqliteBulkWriter::count(const QString &layer, const Provenance &provenance)
{
    const QString status = toString(provenance.status);
    ++m_layerTotals[{ layer, status }];
    ++m_annotatorTotals[{ StoreColumns::countedOwner(provenance), layer, status }];
}

bool SqliteBulkWriter::coversAddedRows(const QHash<QString, RecordId> &lastIdBefore) const
{
    if (m_documents == 0 || !m_alone)
        return false;
    static const char *const tables[] = { "articles", "entities", "mentions", "quotes", "figures" };
    // The writer's ids run without a gap from the first document's to the last one's.
    const std::array<RecordId, 5> lastIds
        = { m_lastArticle, m_nextEntity - 1, m_nextMention - 1, m_nextQuote - 1, m_nextFigure - 1 };
    for (std::size_t table = 0; table < lastIds.size(); ++table) {
        const QString name = QLatin1StringView(tables[table]);
        // Through the rowid: the ranges before and after the writer's own, empty unless another
        // wrote. Its first ids are above lastIdBefore's, its last ones at least the first minus one.
        Statement others(m_connection,
            u"SELECT EXISTS (SELECT 1 FROM %1 WHERE id > %2 AND id < %3)"
            " OR EXISTS (SELECT 1 FROM %1 WHERE id > %4)"_s.arg(name)
                .arg(lastIdBefore.value(name))
                .arg(m_firstIds[table])
                .arg(lastIds[table]));
        const auto found = others.row(1);
        if (found.size() != 1 || found[0] != 0)
            return false;
    }
    return true;
}

bool SqliteBulkWriter::writeTotals()
{
    TableRows layerTotals(m_connection, { "annotation_counts"_L1, "layer, status, total"_L1, 3, false },
        " ON CONFLICT (layer, status) DO UPDATE SET total = annotation_counts.total + excluded.total"_L1);
    for (const auto &[key, total] : m_layerTotals) {
        layerTotals.text(key.first);
        layerTotals.text(key.second);
        layerTotals.integer(total);
    }
    TableRows annotatorTotals(m_connection,
        { "annotation_counts_by_annotator"_L1, "annotator, layer, status, total"_L1, 4, false },
        " ON CONFLICT (annotator, layer, status) DO UPDATE SET"
        " total = annotation_counts_by_annotator.total + excluded.total"_L1);
    for (const auto &[key, total] : m_annotatorTotals) {
        const auto &[annotator, layer, status] = key;
        annotatorTotals.text(annotator);
        annotatorTotals.text(layer);
        annotatorTotals.text(status);
        annotatorTotals.integer(total);
    }
    return (layerTotals.flush() && annotatorTotals.flush()) || fail(sqliteError());
}

} // namespace Byline

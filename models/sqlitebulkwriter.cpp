// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitebulkwriter.h"

#include "offsetmap.h"
#include "sqliteconnection.h"
#include "storecolumns.h"

#include <QCoreApplication>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::Store", text);
}

} // namespace

// One prepared insert, and StoreColumns' Row for it: values are bound in column order.
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

    void integer(std::optional<qint64> value)
    {
        if (value)
            sqlite3_bind_int64(m_statement, ++m_column, *value);
        else
            sqlite3_bind_null(m_statement, ++m_column);
    }
    void real(std::optional<double> value)
    {
        if (value)
            sqlite3_bind_double(m_statement, ++m_column, *value);
        else
            sqlite3_bind_null(m_statement, ++m_column);
    }
    // SQLITE_TRANSIENT: SQLite takes a copy, since the values are often temporaries.
    void text(const QString &value)
    {
        const void *characters = value.isNull() ? static_cast<const void *>(u"") : value.utf16();
        sqlite3_bind_text16(
            m_statement, ++m_column, characters, int(value.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
    }
    void nullableText(const QString &value)
    {
        if (value.isEmpty())
            sqlite3_bind_null(m_statement, ++m_column);
        else
            text(value);
    }

    /// Runs the insert with the values bound since the last run: the new row's id, or none.
    std::optional<RecordId> run(sqlite3 *connection)
    {
        m_column = 0;
        const int result = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        if (result != SQLITE_DONE)
            return std::nullopt;
        return sqlite3_last_insert_rowid(connection);
    }

private:
    sqlite3_stmt *m_statement = nullptr;
    int m_column = 0;
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
    const auto insert = [this](const StoreColumns::Insert &table) {
        return std::make_unique<Statement>(
            m_connection, StoreColumns::insertStatement(table, "INSERT OR FAIL"_L1));
    };
    m_article = insert(StoreColumns::articleInsert);
    m_entity = insert(StoreColumns::entityInsert);
    m_mention = insert(StoreColumns::mentionInsert);
    m_quote = insert(StoreColumns::quoteInsert);
    m_quotePart = insert(StoreColumns::quotePartInsert);
    m_figure = insert(StoreColumns::figureInsert);
    for (const auto *statement : { &m_article, &m_entity, &m_mention, &m_quote, &m_quotePart, &m_figure }) {
        if (!(*statement)->isValid())
            return false;
    }
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
    StoreColumns::appendArticle(*m_article, article, key);
    const auto id = m_article->run(m_connection);
    if (!id)
        return fail(tr("Cannot store article %1: %2").arg(key, sqliteError()));
    article.id = *id;
    article.key = key;
    m_map = &map;
    return StoreColumns::addAnnotations(*this, *id, annotations);
}

bool SqliteBulkWriter::insertEntity(Entity &entity)
{
    StoreColumns::stamp(entity.provenance);
    StoreColumns::appendEntity(*m_entity, entity);
    const auto id = m_entity->run(m_connection);
    if (!id)
        return fail(tr("Cannot store entity %1: %2").arg(entity.name, sqliteError()));
    entity.id = *id;
    entity.version.value = StoreColumns::firstVersion;
    for (Mention &mention : entity.mentions) {
        mention.entityId = entity.id;
        mention.articleId = entity.articleId;
        StoreColumns::stamp(mention.provenance);
        StoreColumns::appendMention(*m_mention, mention, *m_map);
        const auto mentionId = m_mention->run(m_connection);
        if (!mentionId)
            return fail(tr("Cannot store the mention: %1").arg(sqliteError()));
        mention.id = *mentionId;
        mention.version.value = StoreColumns::firstVersion;
    }
    return true;
}

bool SqliteBulkWriter::insertQuote(Quote &quote)
{
    StoreColumns::stamp(quote.provenance);
    StoreColumns::appendQuote(*m_quote, quote, *m_map);
    const auto id = m_quote->run(m_connection);
    if (!id)
        return fail(tr("Cannot store the quote: %1").arg(sqliteError()));
    quote.id = *id;
    quote.version.value = StoreColumns::firstVersion;
    for (qsizetype position = 0; position < quote.content.size(); ++position) {
        StoreColumns::appendQuotePart(*m_quotePart, quote.id, position, quote.content[position], *m_map);
        if (!m_quotePart->run(m_connection))
            return fail(tr("Cannot store the quote: %1").arg(sqliteError()));
    }
    return true;
}

bool SqliteBulkWriter::insertFigure(Figure &figure)
{
    StoreColumns::stamp(figure.provenance);
    StoreColumns::appendFigure(*m_figure, figure, *m_map);
    const auto id = m_figure->run(m_connection);
    if (!id)
        return fail(tr("Cannot store the figure: %1").arg(sqliteError()));
    figure.id = *id;
    figure.version.value = StoreColumns::firstVersion;
    return true;
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectcopier.h"

#include "sqldialect.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::ProjectCopier", text);
}

// Parents before children, for the foreign keys; the ORDER BY keeps ids growing, as they were made.
struct TableOrder {
    QString table;
    QString order;
};

const TableOrder tables[] = {
    { u"entity_types"_s, u"position"_s },
    { u"annotation_kinds"_s, u"layer, position"_s },
    { u"articles"_s, u"id"_s },
    { u"entities"_s, u"id"_s },
    { u"mentions"_s, u"id"_s },
    { u"quotes"_s, u"id"_s },
    { u"quote_parts"_s, u"quote_id, position"_s },
    { u"figures"_s, u"id"_s },
    { u"assignments"_s, u"article_id, annotator"_s },
    { u"curation_state"_s, u"article_id"_s },
};

// Kept by the target's triggers and generated columns, never copied.
bool isDerived(const QString &column)
{
    return column == u"entity_count"_s || column == u"quote_count"_s || column == u"figure_count"_s
        || column == u"search_document"_s;
}

// Rows per INSERT: large enough that a round trip to the server carries many, small enough to
// stay under SQLite's limit of 32766 values in one statement.
constexpr int batchRows = 200;

} // namespace

ProjectCopier::ProjectCopier(const Store &source, Store &target)
    : m_source(source)
    , m_target(target)
{
}

bool ProjectCopier::failed(const QString &message)
{
    m_error = message;
    return false;
}

bool ProjectCopier::copy(const std::function<void(const QString &, qint64)> &progress)
{
    if (m_target.isReadOnly())
        return failed(tr("%1 is open read-only.").arg(m_target.path()));
    if (const int articles = m_target.articleCount(); articles > 0)
        return failed(tr("%1 already holds %2 articles; a project is copied into an empty one only.")
                .arg(m_target.path())
                .arg(articles));
    Store::Transaction transaction(m_target);
    if (!transaction.isOpen())
        return failed(m_target.database().lastError().text());
    // The new project's default schema gives way to the copied one.
    QSqlQuery clear(m_target.database());
    if (!clear.exec(u"DELETE FROM entity_types"_s) || !clear.exec(u"DELETE FROM annotation_kinds"_s))
        return failed(clear.lastError().text());
    for (const TableOrder &table : tables) {
        if (!copyTable(table.table, table.order, progress))
            return false;
    }
    QSqlQuery sequences(m_target.database());
    for (const QString &statement : SqlDialect::of(m_target.database())
             .resetIdSequences({ u"articles"_s, u"entities"_s, u"mentions"_s, u"quotes"_s, u"figures"_s })) {
        if (!sequences.exec(statement))
            return failed(sequences.lastError().text());
    }
    if (!transaction.commit())
        return failed(m_target.database().lastError().text());
    // A server plans queries from its statistics of each table, which autovacuum gathers only a
    // while after a large load: until then the first readers of a pushed corpus get plans made for
    // empty tables (772 ms instead of 10 for the article list's first page at 100,000 articles).
    // A project file keeps no statistics, so its plans stay the ones the schema tests check.
    if (!SqlDialect::of(m_target.database()).isSqlite())
        QSqlQuery(m_target.database()).exec(u"ANALYZE"_s); // statistics only: the copy stands without
    return true;
}

bool ProjectCopier::copyTable(
    const QString &table, const QString &order, const std::function<void(const QString &, qint64)> &progress)
{
    // The columns both projects have: a source of an older Byline lacks none (it is upgraded on
    // opening), and derived columns are left to the target.
    const QSqlRecord sourceColumns = m_source.database().record(table);
    const QSqlRecord targetColumns = m_target.database().record(table);
    QStringList columns;
    for (int i = 0; i < sourceColumns.count(); ++i) {
        const QString name = sourceColumns.fieldName(i);
        if (!isDerived(name) && targetColumns.contains(name))
            columns << name;
    }
    QSqlQuery read(m_source.database());
    read.setForwardOnly(true);
    if (!read.exec(u"SELECT %1 FROM %2 ORDER BY %3"_s.arg(columns.join(u", "_s), table, order)))
        return failed(tr("Cannot read %1: %2").arg(table, read.lastError().text()));

    QStringList rowMarks;
    for (qsizetype i = 0; i < columns.size(); ++i)
        rowMarks << u"?"_s;
    const QString row = u"("_s + rowMarks.join(u", "_s) + u")"_s;
    const QString insertHead = u"INSERT INTO %1 (%2) VALUES "_s.arg(table, columns.join(u", "_s));
    QSqlQuery write(m_target.database());
    QString preparedFor; // the statement write holds, so that full batches prepare once
    QVariantList values;
    int rowsInBatch = 0;
    qint64 copied = 0;
    const auto flush = [&] {
        if (rowsInBatch == 0)
            return true;
        QStringList rows;
        for (int i = 0; i < rowsInBatch; ++i)
            rows << row;
        const QString statement = insertHead + rows.join(u", "_s);
        if (statement != preparedFor) {
            write.prepare(statement);
            preparedFor = statement;
        }
        for (const QVariant &value : std::as_const(values))
            write.addBindValue(value);
        if (!write.exec())
            return failed(tr("Cannot copy %1: %2").arg(table, write.lastError().text()));
        copied += rowsInBatch;
        m_rows += rowsInBatch;
        values.clear();
        rowsInBatch = 0;
        if (progress)
            progress(table, copied);
        return true;
    };
    while (read.next()) {
        for (qsizetype i = 0; i < columns.size(); ++i)
            values << read.value(int(i));
        if (++rowsInBatch == batchRows && !flush())
            return false;
    }
    if (read.lastError().isValid())
        return failed(tr("Cannot read %1: %2").arg(table, read.lastError().text()));
    return flush();
}

} // namespace Byline

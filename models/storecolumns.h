// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "offsetmap.h"
#include "texthash.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QLatin1StringView>

#include <optional>
#include <string_view>

namespace Byline::StoreColumns {

// How a record's values go into the columns of its insert statement, written once for the store's
// QtSql statements and for SQLite's own interface (SqliteBulkWriter), so that an import stores the
// same rows whichever way it goes. A Row takes the values in column order:
//   integer(std::optional<qint64>), real(std::optional<double>): NULL when empty;
//   text(const QString &): never NULL, since the text columns are NOT NULL (unset text is stored empty);
//   nullableText(const QString &): NULL when empty.

/// Now, to the millisecond as stored, so that a record compares equal after a round trip.
QDateTime now();
/// A time as its column holds it (ISO 8601, UTC, milliseconds).
QString timestamp(const QDateTime &time);
/// A new record gets its times here and keeps them, so that the caller's copy (the document's
/// memory, an undo command) matches what is stored.
void stamp(Provenance &provenance);
/// The suggestion an analyst changed, as its column holds it; empty when there is none.
QString previousText(const Provenance &provenance);

/// The version a new row starts at (the column's default), which the records written get.
inline constexpr int firstVersion = 1;

/// The columns of each table's insert, in the order the append functions below give values.
inline constexpr auto provenanceColumns
    = QLatin1StringView("status, annotator, created_at, modified_at, confidence, rule, previous");
inline constexpr int provenanceColumnCount = 7;
struct Insert {
    QLatin1StringView table;
    QLatin1StringView columns; ///< before the provenance columns, when the table has them
    int count; ///< of those columns
    bool provenance;
};
inline constexpr Insert articleInsert { QLatin1StringView("articles"),
    QLatin1StringView("key, title, source, published, imported_at, status, text, text_hash, extra"), 9,
    false };
/// An article whose counts are known as it goes in, its annotations with it (SqliteBulkWriter):
/// articleInsert's columns, then the counts.
inline constexpr Insert articleWithCountsInsert { QLatin1StringView("articles"),
    QLatin1StringView("key, title, source, published, imported_at, status, text, text_hash, extra,"
                      " entity_count, quote_count, figure_count"),
    12, false };
static_assert(std::string_view(articleWithCountsInsert.columns.data(), articleInsert.columns.size())
        == std::string_view(articleInsert.columns.data(), articleInsert.columns.size()),
    "an article's columns come first, in articleInsert's order, so that appendArticle() fills them");
inline constexpr Insert entityInsert { QLatin1StringView("entities"),
    QLatin1StringView("id, article_id, name, type, extra"), 5, true };
inline constexpr Insert mentionInsert { QLatin1StringView("mentions"),
    QLatin1StringView("id, entity_id, start_offset, end_offset"), 4, true };
inline constexpr Insert quoteInsert { QLatin1StringView("quotes"),
    QLatin1StringView(
        "id, article_id, kind, cue_start, cue_end, source_start, source_end, speaker_id, extra"),
    9, true };
inline constexpr Insert quotePartInsert { QLatin1StringView("quote_parts"),
    QLatin1StringView("quote_id, position, start_offset, end_offset"), 4, false };
inline constexpr Insert figureInsert { QLatin1StringView("figures"),
    QLatin1StringView(
        "id, article_id, kind, span_start, span_end, number_start, number_end, value_number, value_text,"
        " value_max, unit, qualifier, extra"),
    13, true };

/// The values a row of insert takes.
constexpr int columnCount(const Insert &insert)
{
    return insert.count + (insert.provenance ? provenanceColumnCount : 0);
}

/// "INSERT INTO table (columns) VALUES (?, ...)", with verb in place of "INSERT" when given
/// ("INSERT OR FAIL"), suffix after it (" RETURNING id") and as many rows of values as asked.
QString insertStatement(const Insert &insert, QLatin1StringView verb = QLatin1StringView("INSERT"),
    QLatin1StringView suffix = {}, int rows = 1);

/// The change of a suggestion made again: "UPDATE table SET confidence = ?, rule = ?[, extra = ?]
/// ... WHERE id = ?", columns no trigger watches, and its version raised.
QString suggestionDetailsUpdate(QLatin1StringView table, bool withExtra);

template<typename Row> void appendId(Row &row, RecordId id)
{
    row.integer(id > 0 ? std::optional<qint64>(id) : std::nullopt);
}

/// Whose an annotation counts as in the per-annotator counts (schema step 11), as the triggers
/// key them: suggestions are nobody's yet.
inline QString countedOwner(const Provenance &provenance)
{
    return provenance.status == AnnotationStatus::Auto ? QString() : provenance.annotator;
}

/// A span the store can keep: inside the text, and with ends that are code point offsets.
inline bool fitsText(const Span &span, const OffsetMap &map)
{
    return span.isValidIn(map.utf16Length()) && map.isBoundary(span.start) && map.isBoundary(span.end);
}

/// A quote the store can keep: some content, and every span fits the text.
inline bool quoteFitsText(const Quote &quote, const OffsetMap &map)
{
    if (quote.content.isEmpty())
        return false;
    for (const Span &part : quote.content) {
        if (!fitsText(part, map))
            return false;
    }
    return (quote.cue.isNull() || fitsText(quote.cue, map))
        && (quote.source.isNull() || fitsText(quote.source, map));
}

/// Why the store would refuse one of the annotations (an AnnotationSet, or NewSuggestions with
/// their mentions joining stored entities), as insertEntity() and the others say it; empty when
/// it takes them all.
template<typename Annotations> QString outsideText(const Annotations &annotations, const OffsetMap &map)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("Byline::Store", text); };
    for (const Entity &entity : annotations.entities) {
        for (const Mention &mention : entity.mentions) {
            if (!fitsText(mention.span, map))
                return tr("A mention of %1 lies outside the article text.").arg(entity.name);
        }
    }
    if constexpr (requires { annotations.mentions; }) {
        for (const Mention &mention : annotations.mentions) {
            if (!fitsText(mention.span, map))
                return tr("The mention lies outside the article text.");
        }
    }
    for (const Quote &quote : annotations.quotes) {
        if (!quoteFitsText(quote, map))
            return tr("The quote has no content or lies outside the article text.");
    }
    for (const Figure &figure : annotations.figures) {
        if (!fitsText(figure.span, map) || !fitsText(figure.number, map))
            return tr("The figure lies outside the article text.");
    }
    return {};
}

// A span as two code-point columns, NULL for a null span.
template<typename Row> void appendSpan(Row &row, const Span &span, const OffsetMap &map)
{
    if (span.isNull()) {
        row.integer(std::nullopt);
        row.integer(std::nullopt);
        return;
    }
    row.integer(map.toCodePoint(span.start));
    row.integer(map.toCodePoint(span.end));
}

template<typename Row> void appendProvenance(Row &row, const Provenance &provenance)
{
    const QDateTime created = provenance.created.isValid() ? provenance.created : now();
    const QDateTime modified = provenance.modified.isValid() ? provenance.modified : created;
    row.text(toString(provenance.status));
    row.text(provenance.annotator);
    row.text(timestamp(created));
    row.text(timestamp(modified));
    row.real(provenance.confidence);
    row.text(provenance.rule);
    row.nullableText(previousText(provenance));
}

// value_number, value_text, value_max, unit, qualifier.
template<typename Row> void appendFigureValues(Row &row, const Figure &figure)
{
    const bool textual = figure.value.typeId() == QMetaType::QString;
    row.real(!textual && figure.value.isValid() ? std::optional(figure.value.toDouble()) : std::nullopt);
    row.nullableText(textual ? figure.value.toString() : QString());
    row.real(figure.valueMax.isValid() ? std::optional(figure.valueMax.toDouble()) : std::nullopt);
    row.text(figure.unit);
    row.text(figure.qualifier);
}

// Under key, which Store::unusedKey() made the project's own.
template<typename Row> void appendArticle(Row &row, const Article &article, const QString &key)
{
    row.text(key);
    row.text(article.title);
    row.text(article.source);
    row.text(article.published);
    row.text(timestamp(article.imported));
    row.text(toString(article.status));
    row.text(article.text);
    row.text(textHash(article.text));
    row.nullableText(article.extra);
}

template<typename Row> void appendEntity(Row &row, const Entity &entity)
{
    appendId(row, entity.id);
    row.integer(entity.articleId);
    row.text(entity.name);
    row.text(entity.type);
    row.nullableText(entity.extra);
    appendProvenance(row, entity.provenance);
}

template<typename Row> void appendMention(Row &row, const Mention &mention, const OffsetMap &map)
{
    appendId(row, mention.id);
    row.integer(mention.entityId);
    appendSpan(row, mention.span, map);
    appendProvenance(row, mention.provenance);
}

template<typename Row> void appendQuote(Row &row, const Quote &quote, const OffsetMap &map)
{
    appendId(row, quote.id);
    row.integer(quote.articleId);
    row.text(toString(quote.kind));
    appendSpan(row, quote.cue, map);
    appendSpan(row, quote.source, map);
    appendId(row, quote.speakerId);
    row.nullableText(quote.extra);
    appendProvenance(row, quote.provenance);
}

template<typename Row>
void appendQuotePart(Row &row, RecordId quoteId, qsizetype position, const Span &part, const OffsetMap &map)
{
    row.integer(quoteId);
    row.integer(position);
    appendSpan(row, part, map);
}

template<typename Row> void appendFigure(Row &row, const Figure &figure, const OffsetMap &map)
{
    appendId(row, figure.id);
    row.integer(figure.articleId);
    row.text(figure.kind);
    appendSpan(row, figure.span, map);
    appendSpan(row, figure.number, map);
    appendFigureValues(row, figure);
    row.nullableText(figure.extra);
    appendProvenance(row, figure.provenance);
}

/// Adds an article's annotations through sink (the store's own inserts, or SqliteBulkWriter's),
/// as new records: each gets a new id, and quotes name their speakers by the entities' new ids.
/// A speaker that is not among the entities may be one the article has already: storedSpeakers
/// maps the id the quote gives to the stored entity's.
template<typename Sink>
bool addAnnotations(Sink &sink, RecordId articleId, AnnotationSet &annotations,
    const QHash<RecordId, RecordId> &storedSpeakers = {})
{
    QHash<RecordId, RecordId> entityIds = storedSpeakers;
    for (Entity &entity : annotations.entities) {
        const RecordId given = entity.id;
        entity.id = 0;
        entity.articleId = articleId;
        for (Mention &mention : entity.mentions)
            mention.id = 0;
        if (!sink.insertEntity(entity))
            return false;
        entityIds.insert(given, entity.id);
    }
    for (Quote &quote : annotations.quotes) {
        quote.id = 0;
        quote.articleId = articleId;
        quote.speakerId = entityIds.value(quote.speakerId);
        if (!sink.insertQuote(quote))
            return false;
    }
    for (Figure &figure : annotations.figures) {
        figure.id = 0;
        figure.articleId = articleId;
        if (!sink.insertFigure(figure))
            return false;
    }
    return true;
}

/// Adds an extraction's new suggestions (NewSuggestions, their article ids set) through sink, as
/// new records: new entities with their mentions, mentions joining a stored entity, quotes whose
/// speaker is a new entity (rows.entities[i] has the id -(i + 1) until stored) or a stored one,
/// and figures.
template<typename Sink, typename NewRows> bool addSuggestions(Sink &sink, const NewRows &rows)
{
    QList<RecordId> entityIds;
    entityIds.reserve(rows.entities.size());
    const auto stored = [&entityIds](RecordId id) { return id < 0 ? entityIds.at(-id - 1) : id; };
    for (Entity entity : rows.entities) {
        entity.id = 0;
        if (!sink.insertEntity(entity))
            return false;
        entityIds << entity.id;
    }
    for (Mention mention : rows.mentions) {
        mention.entityId = stored(mention.entityId);
        if (!sink.insertMention(mention))
            return false;
    }
    for (Quote quote : rows.quotes) {
        quote.speakerId = stored(quote.speakerId);
        if (!sink.insertQuote(quote))
            return false;
    }
    for (Figure figure : rows.figures) {
        if (!sink.insertFigure(figure))
            return false;
    }
    return true;
}

} // namespace Byline::StoreColumns

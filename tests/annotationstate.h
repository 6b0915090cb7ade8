// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "store.h"

#include <QHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

/// What tests that write annotations two ways compare: the annotations and what the triggers keep
/// for them, without the ids and times the writes gave the rows.
namespace Test {

using namespace Qt::StringLiterals;

inline QString provenanceDetails(const Byline::Provenance &provenance)
{
    return u"%1 %2 %3 %4"_s.arg(toString(provenance.status), provenance.annotator,
        provenance.confidence ? QString::number(*provenance.confidence, 'g', 17) : u"-"_s, provenance.rule);
}

inline QString spanList(const QList<Byline::Span> &spans)
{
    QStringList parts;
    for (const Byline::Span &span : spans)
        parts << u"%1-%2"_s.arg(span.start).arg(span.end);
    return parts.join(u'+');
}

/// An article's annotations but for ids and times, in a fixed order.
inline QStringList describe(const Byline::AnnotationSet &set)
{
    QStringList lines;
    QHash<Byline::RecordId, QString> names;
    for (const Byline::Entity &entity : set.entities) {
        names.insert(entity.id, entity.name);
        lines << u"entity %1 %2 %3 %4"_s.arg(
            entity.name, entity.type, provenanceDetails(entity.provenance), entity.extra);
        for (const Byline::Mention &mention : entity.mentions) {
            lines << u"mention of %1 %2 %3"_s.arg(
                entity.name, spanList({ mention.span }), provenanceDetails(mention.provenance));
        }
    }
    for (const Byline::Quote &quote : set.quotes) {
        lines << u"quote %1 %2 cue %3 source %4 by %5 %6"_s.arg(toString(quote.kind), spanList(quote.content),
            spanList({ quote.cue }), spanList({ quote.source }), names.value(quote.speakerId, u"-"_s),
            provenanceDetails(quote.provenance) + u' ' + quote.extra);
    }
    for (const Byline::Figure &figure : set.figures) {
        lines << u"figure %1 %2 %3 %4 %5 %6"_s.arg(figure.kind, spanList({ figure.span, figure.number }),
            figure.value.toString(), figure.unit, figure.qualifier,
            provenanceDetails(figure.provenance) + u' ' + figure.extra);
    }
    lines.sort();
    return lines;
}

/// The rows a statement gives, a line each, its values joined by "|".
inline QStringList rows(Byline::Store &store, const QString &sql)
{
    QStringList lines;
    QSqlQuery query(store.database());
    if (!query.exec(sql))
        return { u"failed: "_s + sql };
    while (query.next()) {
        QStringList values;
        for (int column = 0; column < query.record().count(); ++column)
            values << query.value(column).toString();
        lines << values.join(u'|');
    }
    return lines;
}

/// The articles whose entity, quote or figure count on their row is not their annotations' own:
/// the rows themselves, which no reference wrong the same way can show.
inline QStringList articlesWithWrongCounts(Byline::Store &store)
{
    return rows(store,
        u"SELECT id FROM articles a WHERE"
        " entity_count <> (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id)"
        " OR quote_count <> (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id)"
        " OR figure_count <> (SELECT COUNT(*) FROM figures f WHERE f.article_id = a.id)"_s);
}

/// What the triggers keep (or a bulk insert catches up) for the annotations: the counts of
/// articles, corpus and annotators, and the search rows.
inline QStringList derivedState(Byline::Store &store)
{
    QStringList state;
    state << rows(store, u"SELECT id, entity_count, quote_count, figure_count FROM articles ORDER BY id"_s);
    state << rows(store, u"SELECT layer, status, total FROM annotation_counts ORDER BY layer, status"_s);
    state << rows(store,
        u"SELECT article_id, annotator, entity_count, quote_count, figure_count"
        " FROM article_counts_by_annotator ORDER BY article_id, annotator"_s);
    state << rows(store,
        u"SELECT annotator, layer, status, total FROM annotation_counts_by_annotator"
        " ORDER BY annotator, layer, status"_s);
    state << rows(store,
        u"SELECT article_id, layer, status, type, kind, speaker, body FROM annotation_search"
        " ORDER BY article_id, layer, status, type, kind, speaker, body"_s);
    return state;
}

} // namespace Test

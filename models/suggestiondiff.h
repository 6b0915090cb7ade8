// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

namespace Byline {

/// What one run of the extractors added to an article.
struct SuggestionCounts {
    int entities = 0;
    int mentions = 0;
    int quotes = 0;
    int figures = 0;
    SuggestionCounts &operator+=(const SuggestionCounts &other);
};

/// The rows an article's suggestions come to, once kept clear of the analyst's work: what
/// SuggestionWriter adds after the old suggestions are gone. Entities not stored yet have the
/// negative ids -1, -2, ... (in the order of entities), which mentions and the speakers of quotes
/// refer to like the stored ids of the analyst's entities.
struct NewSuggestions {
    QList<Entity> entities; ///< new entities, each with its mentions
    QList<Mention> mentions; ///< joining a stored entity
    QList<Quote> quotes;
    QList<Figure> figures;

    /// suggestions come from the extractor (ids its own, speakers its entities); kept is what the
    /// article holds without its old suggestions.
    static NewSuggestions decide(
        RecordId articleId, const AnnotationSet &kept, const AnnotationSet &suggestions);
    SuggestionCounts counts() const;
};

/// The writes that turn an article's stored annotations into what removing its old suggestions
/// and adding the new ones would leave, in content (not ids and times), counts and search rows.
///
/// A re-run suggests mostly what it suggested before: the old suggestion that is made again
/// stays, and only the difference is written. Removing a suggestion costs the search index
/// (FTS5) far more than reading it, so the rows kept are the point.
struct SuggestionPlan {
    // Old suggestions (status auto) nobody makes again.
    QList<RecordId> removedMentions;
    QList<RecordId> removedQuotes;
    QList<RecordId> removedFigures;
    QList<RecordId> removedEntities;
    /// New rows. Old suggested entities that removal would take and a new entity of the same
    /// name and type replaces stay instead: what refers to them has their stored id.
    NewSuggestions added;
    /// Old suggestions made again whose details (confidence, rule, extra) changed: columns no
    /// trigger of the counts or the search index watches, so an update in place.
    QList<Entity> changedEntities;
    QList<Mention> changedMentions;
    QList<Quote> changedQuotes;
    QList<Figure> changedFigures;

    bool isEmpty() const;
};

/// Compares an article's stored annotations, old suggestions included, with the suggestions that
/// would replace them (SuggestionPlan). Needs no store.
class SuggestionDiff final {
public:
    explicit SuggestionDiff(const AnnotationSet &stored);

    /// The stored annotations as Store::removeSuggestions() leaves them: without the suggestions
    /// (status auto), except suggested entities that the analyst's mentions or quotes refer to.
    const AnnotationSet &kept() const { return m_kept; }
    /// wanted was decided over kept().
    SuggestionPlan plan(const NewSuggestions &wanted) const;

private:
    AnnotationSet m_stored;
    AnnotationSet m_kept;
};

} // namespace Byline

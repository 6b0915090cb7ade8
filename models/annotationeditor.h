// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "corpusoccurrences.h"
#include "spansnapping.h"
#include "store.h"

#include <QCoreApplication>

namespace Byline {

class Document;

/// Names one annotation of the current article for review: a mention, a quote or a figure.
struct AnnotationRef {
    Layer layer = Layer::Entities;
    RecordId id = 0;
    bool isNull() const { return id == 0; }
    friend bool operator==(const AnnotationRef &, const AnnotationRef &) = default;
};

/// The analyst's edits of the current article, each one step on the undo stack.
///
/// Selections are snapped to words unless told otherwise. Editing a suggestion (status
/// auto or accepted) makes it "edited" and keeps what it was in its provenance, so the
/// change can be exported and learned from. Every function returns false (or 0) with
/// errorString() set when it cannot do what was asked, and then changes nothing.
class AnnotationEditor final {
    Q_DECLARE_TR_FUNCTIONS(AnnotationEditor)
public:
    explicit AnnotationEditor(Document *document);

    QString errorString() const { return m_error; }

    // Entities
    /// Tags a mention of the given type; it joins the entity of the same name (case and white
    /// space ignored) or starts one. Returns the mention's id.
    RecordId tagEntity(Span selection, const QString &type, Snapping snapping = Snapping::EntityName);
    /// The names an entity goes by in the article: its own and its mentions' (rejected ones
    /// aside), longest first.
    QStringList occurrenceNames(RecordId entityId) const;
    /// The other places in the article where the entity's names occur untagged, as whole words.
    QList<Span> untaggedOccurrences(RecordId entityId) const;
    bool tagOccurrences(RecordId entityId, const QList<Span> &spans);
    /// Tags occurrences in this and other articles as one step: in another article they join
    /// the entity of the same name and type there, or a new one.
    bool tagOccurrencesAcrossArticles(RecordId entityId, const QList<Occurrence> &occurrences);
    bool renameEntity(RecordId entityId, const QString &name);
    bool setEntityType(RecordId entityId, const QString &type);
    bool removeMention(RecordId mentionId);
    /// Re-selects a mention's extent; it stays with its entity.
    bool setMentionSpan(RecordId mentionId, Span selection, Snapping snapping = Snapping::EntityName);
    bool removeEntity(RecordId entityId);
    /// Moves source's mentions and quotes to target and removes source.
    bool mergeEntities(RecordId targetId, RecordId sourceId);
    /// Moves one mention into a new entity named after it. Returns the new entity's id.
    RecordId splitMention(RecordId mentionId);

    // Quotes
    /// Starts a quote from its content; the kind is guessed from quotation marks. Returns its id.
    RecordId createQuote(Span selection, Snapping snapping = Snapping::Words);
    bool addQuotePart(RecordId quoteId, Span selection, Snapping snapping = Snapping::Words);
    bool setQuoteSource(RecordId quoteId, Span selection, Snapping snapping = Snapping::Words);
    bool setQuoteCue(RecordId quoteId, Span selection, Snapping snapping = Snapping::Words);
    bool setSpeaker(RecordId quoteId, RecordId entityId);
    /// Tags the quote's source as an entity (joining one of the same name) and makes it the speaker.
    RecordId speakerFromSource(RecordId quoteId, const QString &type);
    bool setQuoteKind(RecordId quoteId, QuoteKind kind);
    /// Sets one content part's span exactly (dragging an edge, moving it by a word).
    bool setQuotePart(RecordId quoteId, int part, Span span);
    /// Cuts a content part in two at a position inside it.
    bool splitQuotePart(RecordId quoteId, int part, qsizetype position);
    /// Joins a content part with the next one.
    bool joinQuoteParts(RecordId quoteId, int part);
    bool removeQuote(RecordId quoteId);
    /// Entities of the article, the one mentioned nearest before position first.
    QList<RecordId> speakerCandidates(qsizetype position) const;

    // Figures
    /// Marks a figure; value, kind and unit are parsed from the selection. Returns its id.
    RecordId createFigure(Span selection, Snapping snapping = Snapping::Words);
    bool changeFigure(const Figure &figure);
    /// Re-selects a figure's extent; value, kind and unit are parsed again.
    bool setFigureSpan(RecordId figureId, Span selection, Snapping snapping = Snapping::Words);
    bool removeFigure(RecordId figureId);

    // Review
    bool accept(AnnotationRef annotation);
    bool reject(AnnotationRef annotation);
    /// The span an annotation covers in the text (a quote: its first content part).
    Span spanOf(AnnotationRef annotation) const;
    /// The next (or previous) suggestion still to review after (before) position.
    AnnotationRef nextUnreviewed(qsizetype position, bool forward = true) const;
    /// The next (or previous) suggestion still to review after (before) the given one, which
    /// may be reviewed by now; annotations at one position come in a stable order.
    AnnotationRef nextUnreviewed(AnnotationRef current, bool forward = true) const;
    int unreviewedCount() const;
    bool setArticleStatus(ArticleStatus status);

private:
    bool fail(const QString &message) const;
    const Quote *quote(RecordId quoteId) const;
    const Figure *figure(RecordId figureId) const;
    const Mention *mention(RecordId mentionId) const;
    /// The provenance of an annotation after the analyst changed it, with the earlier state kept.
    Provenance editedProvenance(const Provenance &before, const QJsonObject &snapshot) const;
    bool changeQuote(const Quote &before, Quote after, const QString &text);
    Span snapped(Span selection, Snapping snapping) const;
    RecordId lastInsertedMention(RecordId entityId, Span span) const;

    Document *m_document;
    mutable QString m_error;
};

} // namespace Byline

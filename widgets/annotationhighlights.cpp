// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationhighlights.h"

#include "document.h"

#include <QCoreApplication>

namespace Byline {

namespace {

// A named context, so that lupdate files these strings where tr() looks them up.
struct AnnotationHighlights {
    Q_DECLARE_TR_FUNCTIONS(AnnotationHighlights)
};

QString tr(const char *text)
{
    return AnnotationHighlights::tr(text);
}

// What made a suggestion and how sure it was, for the analyst deciding on it.
QString origin(const Provenance &provenance)
{
    if (provenance.rule.isEmpty())
        return {};
    const QString confidence = provenance.confidence
        ? AnnotationHighlights::tr(", confidence %1%").arg(qRound(*provenance.confidence * 100))
        : QString();
    return AnnotationHighlights::tr("\nSuggested by rule %1%2").arg(provenance.rule, confidence);
}

const QColor quoteColour(0xc0, 0x39, 0x2b);
const QColor sourceColour(0x29, 0x80, 0xb9);
const QColor cueColour(0x8e, 0x44, 0xad);
const QColor figureColour(0x16, 0xa0, 0x85);

} // namespace

QList<SpanHighlight> annotationHighlights(const Document &document, bool showRejected)
{
    // Rejected suggestions stay in the project; shown, they are grey, so they never pass for
    // annotations.
    const auto hidden = [showRejected](const Provenance &provenance) {
        return !showRejected && provenance.status == AnnotationStatus::Rejected;
    };
    const auto shade = [](const Provenance &provenance, const QColor &colour) {
        return provenance.status == AnnotationStatus::Rejected ? QColor(Qt::gray) : colour;
    };
    QList<SpanHighlight> highlights;
    const AnnotationSet &annotations = document.annotations();
    const QString &text = document.currentArticle().text;

    for (const Entity &entity : annotations.entities) {
        const auto type = document.entityType(entity.type);
        const QColor colour = type ? type->colour : QColor(Qt::gray);
        for (const Mention &mention : entity.mentions) {
            if (hidden(mention.provenance))
                continue;
            highlights.append(
                { mention.span, SpanHighlight::EntityBackground, shade(mention.provenance, colour),
                    tr("%1 %2 (%3)").arg(entity.type, entity.name, toString(mention.provenance.status))
                        + origin(mention.provenance),
                    0, mention.id });
        }
    }
    for (const Quote &quote : annotations.quotes) {
        if (hidden(quote.provenance))
            continue;
        const Entity *speaker = document.entity(quote.speakerId);
        const QString who = speaker ? speaker->name : textOf(text, quote.source);
        const QString tooltip = tr("Quote, %1, by %2 (%3)")
                                    .arg(toString(quote.kind), who.isEmpty() ? tr("unknown speaker") : who,
                                        toString(quote.provenance.status))
            + origin(quote.provenance);
        for (const Span &part : quote.content)
            highlights.append({ part, SpanHighlight::QuoteUnderline, shade(quote.provenance, quoteColour),
                tooltip, 1, quote.id });
        if (!quote.source.isNull())
            highlights.append({ quote.source, SpanHighlight::SourceUnderline,
                shade(quote.provenance, sourceColour), tr("Source of a quote: %1").arg(who), 1, quote.id });
        if (!quote.cue.isNull())
            highlights.append({ quote.cue, SpanHighlight::CueFrame, shade(quote.provenance, cueColour),
                tr("Cue: %1").arg(textOf(text, quote.cue)), 1, quote.id });
    }
    for (const Figure &figure : annotations.figures) {
        if (hidden(figure.provenance))
            continue;
        highlights.append({ figure.span, SpanHighlight::FigureFrame, shade(figure.provenance, figureColour),
            tr("Figure, %1: %2 %3 (%4)")
                    .arg(
                        figure.kind, figure.value.toString(), figure.unit, toString(figure.provenance.status))
                + origin(figure.provenance),
            2, figure.id });
    }
    return highlights;
}

} // namespace Byline

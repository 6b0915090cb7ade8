// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/extractor.h"

#include "extraction/entityextractor.h"
#include "extraction/figureextractor.h"
#include "extraction/quoteextractor.h"
#include "extraction/textanalysis.h"

namespace Byline {

AnnotationSet Extractor::extract(const QString &text) const
{
    const TextAnalysis analysis(text);
    const ProjectLexicon *project = m_project.isEmpty() ? nullptr : &m_project;
    EntityAnalysis entities = EntityExtractor::extract(analysis, project);
    AnnotationSet result;
    result.quotes = QuoteExtractor::extract(analysis, entities, project);
    result.figures = FigureExtractor::extract(analysis, entities);
    result.entities = std::move(entities.entities);
    if (project) {
        auto covered = [&](const Span &span) { return text.mid(span.start, span.length()); };
        result.quotes.removeIf([&](const Quote &quote) {
            QStringList parts;
            for (const Span &part : quote.content)
                parts.append(covered(part));
            return m_project.isRejectedQuote(parts.join(u' '));
        });
        result.figures.removeIf(
            [&](const Figure &figure) { return m_project.isRejectedFigure(covered(figure.span)); });
    }
    return result;
}

} // namespace Byline

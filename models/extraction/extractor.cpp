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
    EntityAnalysis entities = EntityExtractor::extract(analysis);
    AnnotationSet result;
    result.quotes = QuoteExtractor::extract(analysis, entities);
    result.figures = FigureExtractor::extract(analysis, entities);
    result.entities = std::move(entities.entities);
    return result;
}

} // namespace Byline

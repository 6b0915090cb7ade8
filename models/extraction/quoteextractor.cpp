// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/quoteextractor.h"

namespace Byline {

QList<Quote> QuoteExtractor::extract(const TextAnalysis &, const EntityAnalysis &)
{
    return {};
}

} // namespace Byline

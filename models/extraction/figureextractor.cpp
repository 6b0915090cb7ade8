// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/figureextractor.h"

namespace Byline {

QList<Figure> FigureExtractor::extract(const TextAnalysis &, const EntityAnalysis &)
{
    return {};
}

} // namespace Byline

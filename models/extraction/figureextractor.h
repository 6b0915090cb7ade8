// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "extraction/entityextractor.h"
#include "extraction/textanalysis.h"

namespace Byline {

/// Finds figures: numbers in digits or words with their scale, money (symbols, ISO 4217
/// codes, currency names), percentages, dates as ISO 8601 strings, durations, ranges,
/// qualifiers ("more than") and the noun phrase they count. Numbers inside names are not
/// figures.
class FigureExtractor final {
public:
    static QList<Figure> extract(const TextAnalysis &text, const EntityAnalysis &entities);
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

namespace Byline {

/// How a selection made with the mouse becomes an annotation's span.
enum class Snapping {
    Raw, ///< exactly as selected (Alt held)
    Words, ///< grown to whole words, edge white space and punctuation dropped
    EntityName, ///< as Words, and a possessive ’s and a leading "the" dropped too
};

/// Snaps span to the rule; a selection of nothing but white space or punctuation becomes null.
Span snapSpan(QStringView text, Span span, Snapping snapping);

/// True when the character is a quotation mark of any kind Byline reads (" “ ” „ « » ‘ ’ ‹ ›).
bool isQuotationMark(QChar character);

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "spanhighlight.h"

namespace Byline {

class Document;

/// How the current article's annotations are drawn over its text: entities as a
/// background in their type's colour, quote content underlined with its source and cue
/// marked, figures framed. Rejected suggestions are drawn in grey when asked to, else not.
QList<SpanHighlight> annotationHighlights(const Document &document, bool showRejected = false);

} // namespace Byline

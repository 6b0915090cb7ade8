// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "extraction/entityextractor.h"
#include "extraction/textanalysis.h"

namespace Byline {

class ProjectLexicon;

/// Finds attributions: direct quotes between quotation marks of any kind (malformed and
/// multi-paragraph ones included), reported speech after a speech cue, and mixed quotes;
/// with their cue, source span and the speaker resolved to an entity through names,
/// pronouns and descriptions ("the Kazakh president").
class QuoteExtractor final {
public:
    /// `project`, if given, adds the cues analysts confirmed.
    static QList<Quote> extract(
        const TextAnalysis &text, const EntityAnalysis &entities, const ProjectLexicon *project = nullptr);
};

} // namespace Byline

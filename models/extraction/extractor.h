// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "extraction/projectlexicon.h"

#include <QString>

namespace Byline {

/// Suggests entities, quotes and figures for one article text, offline and as a pure
/// function of the text. Every suggestion has status Auto, a confidence and the name of
/// the rule that made it. Spans are UTF-16 offsets inside the text; quote speakers refer
/// to the returned entities by their ids (1..n).
class Extractor final {
public:
    AnnotationSet extract(const QString &text) const;

    /// What the project's analysts accepted, rejected and confirmed; used from the next call.
    void setProjectLexicon(ProjectLexicon lexicon) { m_project = std::move(lexicon); }
    const ProjectLexicon &projectLexicon() const { return m_project; }

private:
    ProjectLexicon m_project;
};

} // namespace Byline

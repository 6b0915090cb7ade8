// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QMap>
#include <QString>

namespace Byline {

/// One article's annotations split into the version of each annotator.
///
/// Every annotation records its annotator (Provenance::annotator); a mention belongs to
/// whoever made it, so an entity appears in each version that has a mention of it. Only
/// an analyst's judgement counts: extractor suggestions nobody reviewed (status auto, no
/// annotator) and rejected ones are left out, and so is the curated layer. An annotator took part in an
/// article when their version holds anything; until articles are assigned to annotators that is the only
/// evidence, so an annotator who found nothing in an article counts as missing there.
class AnnotatorVersions final {
public:
    static QMap<QString, AnnotationSet> split(const AnnotationSet &annotations);
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "store.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace Byline {

/// One annotator's version of a unit, or the curated layer's: the annotation as they made it.
struct CurationVersion {
    Layer layer = Layer::Entities;
    /// Mentions: the mention's entity (its mentions left out). Quotes: the speaker (id 0: none).
    Entity entity;
    Mention mention; ///< mentions only
    Quote quote; ///< quotes only
    Figure figure; ///< figures only

    const Provenance &provenance() const;
    RecordId recordId() const;
    /// Where it is in the text: a mention's or figure's span, a quote's content from first to last part.
    Span span() const;
};

/// What several annotators marked as the same thing in one article, side by side: the annotation
/// of each (or its absence) and the curated layer's decision.
struct CurationUnit {
    enum class Decision { Open, Accepted, Rejected };

    Layer layer = Layer::Entities;
    /// One per annotator of the article (CurationUnits::annotators()); nullopt where they did not mark it.
    QList<std::optional<CurationVersion>> versions;
    /// The curated layer's version; a rejected one (status rejected) says the unit is left out.
    std::optional<CurationVersion> curated;
    /// Every annotator marked it, all the same way: the same span and type (mentions), content
    /// characters, kind, cue and speaker (quotes), number, kind, value and unit (figures).
    bool agreed = false;
    /// Per annotator: their version (or its absence) is not the one most of them gave. Where no
    /// version has a majority of its own, every version of a disagreement differs.
    QList<bool> differsFromMajority;
    /// The first annotator whose version most gave (the one "accept all agreed" takes), or -1.
    int majorityAnnotator = -1;
    Span span; ///< from the first to the last character any version covers

    Decision decision() const;
};

/// One article's annotations grouped into units, per layer, for curation.
///
/// Versions are aligned the way agreement compares annotators (models/agreement/): mentions by
/// overlapping spans, quotes by their content characters (QuoteContent: quotation marks, white
/// space and the cut into parts do not count), figures by overlapping numbers. Each annotator's
/// annotations are matched one to one against the units so far, best match first (an exact span
/// before an overlap), and what matches nothing starts a unit of its own. The curated layer is
/// aligned last, the same way, so that a decision stays with its unit after it was edited; a
/// curated annotation that matches no unit is a unit of its own.
class CurationUnits final {
public:
    static CurationUnits align(const Article &article, const AnnotationSet &annotations);

    /// The annotators of the article, by name; the curated layer is none of them.
    const QStringList &annotators() const { return m_annotators; }
    /// In layer order (entities, quotes, figures), then in text order.
    const QList<CurationUnit> &units() const { return m_units; }
    /// How many units no decision covers yet.
    int openCount() const;

private:
    QStringList m_annotators;
    QList<CurationUnit> m_units;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "offsetmap.h"

#include <QList>

#include <string>
#include <utility>
#include <vector>

namespace Byline {

/// The characters of a quote's content by which the dataset format scores quotes: code points of
/// the content spans, quotation marks and white space left out, so that cutting a quote into parts
/// or taking its marks along changes nothing. The scorer, the agreement between annotators and
/// curation's alignment of their quotes all compare quotes by these characters.
class QuoteContent final {
public:
    using Chars = std::vector<qsizetype>; ///< code point offsets, sorted, unique

    explicit QuoteContent(const QString &text);

    /// The content characters of spans in UTF-16 offsets (a Quote's content).
    Chars of(const QList<Span> &content) const;
    /// The content characters of spans already in code points [start, end).
    static Chars of(const std::u32string &text, const QList<std::pair<qsizetype, qsizetype>> &spans);

    static qsizetype common(const Chars &a, const Chars &b);
    /// Common characters over all characters; 0 for two empty sets. Nested quotes share
    /// characters: the closest one, not the biggest, scores highest.
    static double jaccard(const Chars &a, const Chars &b);
    static Chars unite(const Chars &a, const Chars &b);

private:
    std::u32string m_text;
    OffsetMap m_offsets;
};

} // namespace Byline

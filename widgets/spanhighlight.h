// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QColor>
#include <QString>

namespace Byline {

/// One decoration the article view paints over its text. Styles differ in shape, not only
/// in colour, so that an entity inside a quote inside a figure stays readable.
struct SpanHighlight {
    enum Style { EntityBackground, QuoteUnderline, FigureFrame, SourceUnderline, CueFrame };

    Span span;
    Style style = EntityBackground;
    QColor colour;
    QString tooltip;
    int layer = 0; ///< paint order: higher layers are drawn over lower ones
    qint64 id = 0; ///< the caller's id of the annotation, handed back by highlightsAt()

    friend bool operator==(const SpanHighlight &, const SpanHighlight &) = default;
};

} // namespace Byline

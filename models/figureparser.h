// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QCoreApplication>
#include <QString>
#include <QStringView>
#include <QVariant>

namespace Byline {

/// What FigureParser read from a selection. Spans are relative to the text parsed.
struct ParsedFigure {
    QString kind; ///< count, money, percent, measure, date, duration, other
    Span span; ///< the number with its currency and unit or counted noun, without the qualifier
    Span number; ///< the number alone; the lower bound of a range; the whole of a date
    QVariant value; ///< double, or an ISO 8601 string for dates
    QVariant valueMax; ///< upper bound of a range, or null
    QString unit; ///< the counted noun as written, an ISO 4217 code, "%", "years", "times"
    QString qualifier; ///< "about", "more than", ..., lower case; empty when none
    bool ok = false;
    QString problem; ///< translated, when !ok

    /// A manual figure of the article, when the spans are in its coordinates (the second
    /// FigureParser::parse); id and timestamps are left to the store.
    Figure toFigure(RecordId articleId) const;
};

/// Reads the figure an analyst selected ("2,030 soldiers", "$1.2bn", "more than 160 people",
/// "between 10 and 15 days", "5 January 2022") by the rules of section 3 of the annotation
/// guidelines. Unlike FigureExtractor it does not decide whether the text is a figure: the
/// analyst did. It only refuses what the guidelines exclude (weekdays, months alone,
/// ordinals, clock times, numbers inside names, scores), decades, impossible dates, changes
/// ("from 10% to 15%", two figures) and selections without a number.
class FigureParser final {
    Q_DECLARE_TR_FUNCTIONS(FigureParser)
public:
    static ParsedFigure parse(QStringView selection);
    /// The same, with spans in the coordinates of `text`.
    static ParsedFigure parse(const QString &text, const Span &selection);
};

} // namespace Byline

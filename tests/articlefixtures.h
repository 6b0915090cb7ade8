// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "spanhighlight.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace Byline::Fixtures {

/// A long article: paragraphs of about a hundred words, quotes, numbers and emoji throughout.
inline QString longArticle(int words)
{
    using namespace Qt::StringLiterals;
    static const QStringList vocabulary = {
        u"the"_s,
        u"president"_s,
        u"said"_s,
        u"“we"_s,
        u"will"_s,
        u"not"_s,
        u"allow”"_s,
        u"2,030"_s,
        u"soldiers"_s,
        u"Kazakhstan"_s,
        u"arrived"_s,
        u"on"_s,
        u"Monday"_s,
        u"in"_s,
        u"Almaty"_s,
        u"😀"_s,
    };
    QString text;
    for (int i = 0; i < words; ++i) {
        text += vocabulary.at((i * 7 + i / 13) % vocabulary.size());
        text += (i % 97 == 96) ? u"\n\n"_s : u" "_s;
    }
    return text;
}

/// @p count highlights of every style spread evenly over @p text; quotes run over several.
inline QList<SpanHighlight> manyHighlights(const QString &text, int count)
{
    using namespace Qt::StringLiterals;
    QList<SpanHighlight> highlights;
    const qsizetype step = text.size() / count;
    for (int i = 0; i < count; ++i) {
        const qsizetype start = i * step;
        const auto style = SpanHighlight::Style(i % 5);
        const qsizetype length = style == SpanHighlight::QuoteUnderline ? step * 3 : 12;
        highlights.append({ { start, std::min(start + length, text.size()) }, style, QColor(Qt::darkCyan),
            u"highlight %1"_s.arg(i), i % 3, i });
    }
    return highlights;
}

} // namespace Byline::Fixtures

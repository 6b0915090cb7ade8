// SPDX-License-Identifier: GPL-3.0-or-later
#include "spansnapping.h"

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

bool isWordCharacter(QChar character)
{
    return character.isLetterOrNumber() || character.isMark();
}

// Apostrophes and hyphens join words ("Kassym-Jomart", "O’Brien"), periods join digits ("1.5").
bool joinsWord(QStringView text, qsizetype at)
{
    if (at <= 0 || at + 1 >= text.size())
        return false;
    const QChar character = text[at];
    const bool joiner = character == u'-' || character == u'\'' || character == u'’'
        || ((character == u'.' || character == u',') && text[at - 1].isDigit() && text[at + 1].isDigit());
    return joiner && isWordCharacter(text[at - 1]) && isWordCharacter(text[at + 1]);
}

bool insideWord(QStringView text, qsizetype at)
{
    return isWordCharacter(text[at]) || joinsWord(text, at);
}

// Percent signs and currency symbols belong to figures; everything else that is neither
// a word nor a space is trimmed from the edges.
bool isTrimmable(QChar character)
{
    return character.isSpace() || (character.isPunct() && character != u'%');
}

} // namespace

bool isQuotationMark(QChar character)
{
    return u"\"“”„«»‘’‹›"_s.contains(character);
}

Span snapSpan(QStringView text, Span span, Snapping snapping)
{
    if (!span.isValidIn(text.size()))
        return {};
    if (snapping == Snapping::Raw)
        return span;
    qsizetype start = span.start;
    qsizetype end = span.end;
    // Grow to word edges: a selection that starts or ends inside a word takes all of it. An
    // edge right at a hyphen or apostrophe was put there on purpose ("Russian" in
    // "Russian-led", as a double click selects it), so it stays.
    const auto deliberateEdge = [&text](qsizetype at) {
        return at > 0 && at < text.size() && text[at] != u'.' && text[at] != u','
            && !isWordCharacter(text[at]) && joinsWord(text, at);
    };
    const bool keepStart = deliberateEdge(start - 1);
    const bool keepEnd = deliberateEdge(span.end);
    while (!keepStart && start > 0 && start < text.size() && insideWord(text, start)
        && insideWord(text, start - 1))
        --start;
    while (!keepEnd && end > 0 && end < text.size() && insideWord(text, end) && insideWord(text, end - 1))
        ++end;
    while (start < end && isTrimmable(text[start]))
        ++start;
    while (end > start && isTrimmable(text[end - 1]))
        --end;
    if (snapping == Snapping::EntityName) {
        const QStringView selected = text.sliced(start, end - start);
        if (selected.endsWith(u"’s"_s) || selected.endsWith(u"'s"_s))
            end -= 2;
        else if (selected.endsWith(u"’"_s) || selected.endsWith(u"'"_s))
            end -= 1;
        for (const QLatin1StringView article : { "the "_L1, "The "_L1 }) {
            if (text.sliced(start, end - start).startsWith(article) && end - start > article.size())
                start += article.size();
        }
        while (end > start && isTrimmable(text[end - 1]))
            --end;
    }
    if (start >= end)
        return {};
    return { start, end };
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/quotecontent.h"

#include <QChar>

#include <algorithm>
#include <iterator>

namespace Byline {

namespace {

constexpr char32_t quoteMarks[] = { U'"', U'\'', U'\u201C', U'\u201D', U'\u2018', U'\u2019', U'\u00AB',
    U'\u00BB', U'\u201E', U'\u201F', U'\u2039', U'\u203A', U' ', U'\n', U'\t' };

bool isQuoteMark(char32_t c)
{
    return std::find(std::begin(quoteMarks), std::end(quoteMarks), c) != std::end(quoteMarks);
}

std::u32string codePoints(const QString &text)
{
    const QList<uint> ucs4 = text.toUcs4();
    return std::u32string(ucs4.cbegin(), ucs4.cend());
}

} // namespace

QuoteContent::QuoteContent(const QString &text)
    : m_text(codePoints(text))
    , m_offsets(text)
{
}

QuoteContent::Chars QuoteContent::of(const QList<Span> &content) const
{
    QList<std::pair<qsizetype, qsizetype>> spans;
    for (const Span &part : content) {
        if (!part.isNull())
            spans.append({ m_offsets.toCodePoint(part.start), m_offsets.toCodePoint(part.end) });
    }
    return of(m_text, spans);
}

QuoteContent::Chars QuoteContent::of(
    const std::u32string &text, const QList<std::pair<qsizetype, qsizetype>> &spans)
{
    const qsizetype length = qsizetype(text.size());
    Chars out;
    for (const auto &[start, end] : spans) {
        qsizetype a = std::max<qsizetype>(0, start);
        qsizetype b = std::min(length, end);
        while (a < b && isQuoteMark(text[a]))
            ++a;
        while (b > a && isQuoteMark(text[b - 1]))
            --b;
        for (qsizetype i = a; i < b; ++i) {
            if (!QChar::isSpace(text[i]) && !isQuoteMark(text[i]))
                out.push_back(i);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

qsizetype QuoteContent::common(const Chars &a, const Chars &b)
{
    qsizetype count = 0;
    auto i = a.cbegin();
    auto j = b.cbegin();
    while (i != a.cend() && j != b.cend()) {
        if (*i < *j) {
            ++i;
        } else if (*j < *i) {
            ++j;
        } else {
            ++count;
            ++i;
            ++j;
        }
    }
    return count;
}

double QuoteContent::jaccard(const Chars &a, const Chars &b)
{
    if (a.empty() && b.empty())
        return 0.0;
    const qsizetype shared = common(a, b);
    return double(shared) / double(qsizetype(a.size() + b.size()) - shared);
}

QuoteContent::Chars QuoteContent::unite(const Chars &a, const Chars &b)
{
    Chars out;
    out.reserve(a.size() + b.size());
    std::set_union(a.cbegin(), a.cend(), b.cbegin(), b.cend(), std::back_inserter(out));
    return out;
}

} // namespace Byline

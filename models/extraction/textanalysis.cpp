// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/textanalysis.h"

#include <QSet>

#include <algorithm>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

bool isApostrophe(QChar c)
{
    return c == u'\'' || c == u'\u2019';
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c.isMark();
}

const QSet<QString> &abbreviations()
{
    // Words that end with a full stop without ending the sentence.
    static const QSet<QString> words {
        u"mr"_s,
        u"mrs"_s,
        u"ms"_s,
        u"dr"_s,
        u"st"_s,
        u"prof"_s,
        u"gen"_s,
        u"sen"_s,
        u"rep"_s,
        u"gov"_s,
        u"lt"_s,
        u"col"_s,
        u"capt"_s,
        u"sgt"_s,
        u"maj"_s,
        u"rev"_s,
        u"no"_s,
        u"vs"_s,
        u"etc"_s,
        u"inc"_s,
        u"ltd"_s,
        u"co"_s,
        u"corp"_s,
        u"jr"_s,
        u"sr"_s,
        u"jan"_s,
        u"feb"_s,
        u"mar"_s,
        u"apr"_s,
        u"jun"_s,
        u"jul"_s,
        u"aug"_s,
        u"sep"_s,
        u"sept"_s,
        u"oct"_s,
        u"nov"_s,
        u"dec"_s,
        u"approx"_s,
        u"est"_s,
        u"fig"_s,
        u"al"_s,
        u"e.g"_s,
        u"i.e"_s,
    };
    return words;
}

} // namespace

TextAnalysis::TextAnalysis(const QString &text)
    : m_text(text)
{
    tokenise();
    split();
}

QStringView TextAnalysis::tokenText(qsizetype index) const
{
    const Token &token = m_tokens.at(index);
    return QStringView(m_text).mid(token.start, token.end - token.start);
}

bool TextAnalysis::isCapitalised(qsizetype index) const
{
    if (index < 0 || index >= m_tokens.size() || m_tokens[index].kind != Token::Word)
        return false;
    return m_text.at(m_tokens[index].start).isUpper();
}

qsizetype TextAnalysis::tokenAt(qsizetype offset) const
{
    const auto it = std::lower_bound(m_tokens.cbegin(), m_tokens.cend(), offset,
        [](const Token &token, qsizetype value) { return token.end <= value; });
    return it - m_tokens.cbegin();
}

bool TextAnalysis::adjacent(qsizetype left, qsizetype right) const
{
    return left >= 0 && right < m_tokens.size() && m_tokens[left].end == m_tokens[right].start;
}

void TextAnalysis::tokenise()
{
    const qsizetype n = m_text.size();
    m_tokens.reserve(n / 5);
    qsizetype i = 0;
    while (i < n) {
        const QChar c = m_text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        if (c.isDigit()) {
            // 2,030 and 274.5 are one number; "2,03" or a trailing full stop are not part of it
            ++i;
            while (i < n) {
                if (m_text.at(i).isDigit()) {
                    ++i;
                } else if ((m_text.at(i) == u',' || m_text.at(i) == u'.') && i + 1 < n
                    && m_text.at(i + 1).isDigit()) {
                    i += 2;
                } else {
                    break;
                }
            }
            // "A321" or "4x4": letters glued on both sides make a word, not a number
            if (start > 0 && m_text.at(start - 1).isLetter() && !m_tokens.isEmpty()
                && m_tokens.last().end == start && m_tokens.last().kind == Token::Word) {
                m_tokens.last().end = i;
                continue;
            }
            m_tokens.append({ start, i, Token::Number });
            continue;
        }
        if (isWordChar(c)) {
            ++i;
            while (i < n) {
                const QChar d = m_text.at(i);
                if (isWordChar(d)) {
                    ++i;
                } else if (isApostrophe(d) && i + 1 < n && m_text.at(i + 1).isLetter()) {
                    // a possessive or contracted 's is a token of its own, "O'Brien" is not split
                    const bool genitive = (m_text.at(i + 1) == u's' || m_text.at(i + 1) == u'S')
                        && (i + 2 >= n || !isWordChar(m_text.at(i + 2)));
                    if (genitive)
                        break;
                    i += 2;
                } else if (d == u'.' && i + 2 < n && i - start == 1 && m_text.at(i + 1).isUpper()
                    && m_text.at(i + 2) == u'.') {
                    // initialisms: U.S., U.K.
                    i += 3;
                    while (i + 1 < n && m_text.at(i).isUpper() && m_text.at(i + 1) == u'.')
                        i += 2;
                } else {
                    break;
                }
            }
            m_tokens.append({ start, i, Token::Word });
            continue;
        }
        if (isApostrophe(c) && i + 1 < n && (m_text.at(i + 1) == u's' || m_text.at(i + 1) == u'S')
            && (i + 2 >= n || !isWordChar(m_text.at(i + 2))) && i > 0 && isWordChar(m_text.at(i - 1))) {
            m_tokens.append({ start, i + 2, Token::Word });
            i += 2;
            continue;
        }
        // a lone low or high surrogate is one punctuation token like any other symbol
        ++i;
        if (c.isHighSurrogate() && i < n && m_text.at(i).isLowSurrogate())
            ++i;
        m_tokens.append({ start, i, Token::Punct });
    }
}

void TextAnalysis::split()
{
    const qsizetype count = m_tokens.size();
    m_sentenceOfToken.resize(count);
    m_paragraphOfToken.resize(count);
    auto isOpening = [&](qsizetype t) {
        const QChar c = m_text.at(m_tokens[t].start);
        return c == u'"' || c == u'\u201C' || c == u'\u00AB' || c == u'\u2018' || c == u'(' || c == u'\u201E'
            || c == u'\'';
    };
    auto isClosing = [&](qsizetype t) {
        const QChar c = m_text.at(m_tokens[t].start);
        return c == u'"' || c == u'\u201D' || c == u'\u00BB' || c == u'\u2019' || c == u')' || c == u'\''
            || c == u'\u201C';
    };
    qsizetype sentenceStart = 0;
    qsizetype paragraphStart = 0;
    for (qsizetype t = 0; t < count; ++t) {
        const bool last = t + 1 == count;
        bool paragraphBreak = last;
        if (!last) {
            const QStringView gap
                = QStringView(m_text).mid(m_tokens[t].end, m_tokens[t + 1].start - m_tokens[t].end);
            paragraphBreak = gap.contains(u'\n');
        }
        bool sentenceBreak = paragraphBreak;
        if (!sentenceBreak && m_tokens[t].kind == Token::Punct) {
            const QChar c = m_text.at(m_tokens[t].start);
            if (c == u'.' || c == u'!' || c == u'?' || c == u'\u2026') {
                // swallow closing marks after the stop
                qsizetype end = t;
                while (end + 1 < count && m_tokens[end + 1].kind == Token::Punct && isClosing(end + 1)
                    && m_tokens[end + 1].start == m_tokens[end].end)
                    ++end;
                const qsizetype next = end + 1;
                bool breaks = next < count;
                if (breaks) {
                    const QChar n = m_text.at(m_tokens[next].start);
                    // an emoji after the stop stands outside the sentence ("... on Friday. 👍")
                    const char32_t symbol
                        = QStringView(m_text).mid(m_tokens[next].start, 2).toUcs4().value(0);
                    breaks = n.isUpper() || n.isDigit() || isOpening(next)
                        || QChar::category(symbol) == QChar::Symbol_Other;
                    // a space is needed after the stop, except before an opening mark
                    breaks = breaks && (m_tokens[end].end < m_tokens[next].start);
                }
                if (breaks && c == u'.' && t > 0 && m_tokens[t - 1].kind == Token::Word
                    && m_tokens[t - 1].end == m_tokens[t].start) {
                    const QString word = tokenText(t - 1).toString().toLower();
                    const bool initial = word.size() == 1 && m_text.at(m_tokens[t - 1].start).isUpper();
                    if (abbreviations().contains(word) || initial || word.contains(u'.'))
                        breaks = false;
                }
                if (breaks) {
                    for (qsizetype k = t + 1; k <= end; ++k) {
                        m_sentenceOfToken[k] = m_sentences.size();
                        m_paragraphOfToken[k] = m_paragraphs.size();
                    }
                    m_sentenceOfToken[t] = m_sentences.size();
                    m_paragraphOfToken[t] = m_paragraphs.size();
                    t = end;
                    sentenceBreak = true;
                    if (t + 1 < count) {
                        const QStringView gap = QStringView(m_text).mid(
                            m_tokens[t].end, m_tokens[t + 1].start - m_tokens[t].end);
                        paragraphBreak = gap.contains(u'\n');
                    } else {
                        paragraphBreak = true;
                    }
                }
            }
        }
        m_sentenceOfToken[t] = m_sentences.size();
        m_paragraphOfToken[t] = m_paragraphs.size();
        if (sentenceBreak || paragraphBreak) {
            m_sentences.append({ sentenceStart, t + 1 });
            sentenceStart = t + 1;
        }
        if (paragraphBreak) {
            m_paragraphs.append({ paragraphStart, t + 1 });
            paragraphStart = t + 1;
        }
    }
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace Byline {

/// A word, number or punctuation character of an article, by UTF-16 offsets.
struct Token {
    enum Kind : quint8 { Word, Number, Punct };
    qsizetype start = 0;
    qsizetype end = 0;
    Kind kind = Word;
};

/// Splits a text into paragraphs, sentences and tokens, with their offsets. Sentences end
/// at . ! ? (and the closing marks after them) before a capital, a digit or an opening
/// mark, unless the word before is an abbreviation ("Mr.", "U.S.", an initial) or the
/// point is a decimal one. Our own rules: ICU's sentence BreakIterator splits after
/// "Mr." and needs a dictionary of abbreviations we would maintain anyway.
class TextAnalysis final {
public:
    explicit TextAnalysis(const QString &text);

    const QString &text() const { return m_text; }
    const QList<Token> &tokens() const { return m_tokens; }
    /// Sentences and paragraphs as half-open ranges of token indexes.
    const QList<std::pair<qsizetype, qsizetype>> &sentences() const { return m_sentences; }
    const QList<std::pair<qsizetype, qsizetype>> &paragraphs() const { return m_paragraphs; }
    qsizetype sentenceOf(qsizetype token) const { return m_sentenceOfToken.value(token, -1); }
    qsizetype paragraphOf(qsizetype token) const { return m_paragraphOfToken.value(token, -1); }

    QStringView tokenText(qsizetype index) const;
    bool isCapitalised(qsizetype index) const;
    /// Token index at or after a UTF-16 offset (tokens().size() when none).
    qsizetype tokenAt(qsizetype offset) const;
    /// True when nothing but white space separates the two tokens... or nothing at all.
    bool adjacent(qsizetype left, qsizetype right) const;

private:
    void tokenise();
    void split();

    QString m_text;
    QList<Token> m_tokens;
    QList<std::pair<qsizetype, qsizetype>> m_sentences;
    QList<std::pair<qsizetype, qsizetype>> m_paragraphs;
    QList<qsizetype> m_sentenceOfToken;
    QList<qsizetype> m_paragraphOfToken;
};

} // namespace Byline

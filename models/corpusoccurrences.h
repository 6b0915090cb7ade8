// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "searchbacklog.h"

#include <QCoreApplication>
#include <QRegularExpression>

class QSqlQuery;

namespace Byline {

class Store;

/// Finds the names of an entity in a text as whole words, case as written: "Kazakhstan" in
/// "Kazakhstan’s" and "pro-Kazakhstan", never in "Kazakhstani". Longer names claim their words
/// first, so that "Vladimir Putin" is one occurrence, not a "Putin" inside it.
class NameMatcher final {
public:
    explicit NameMatcher(QStringList names);

    bool isEmpty() const { return m_patterns.isEmpty(); }
    /// The names as given, longest first, without blanks and repeats.
    QStringList names() const { return m_names; }
    /// Where the names occur, in text order, leaving out every place that overlaps taken.
    QList<Span> find(const QString &text, QList<Span> taken = {}) const;

private:
    QStringList m_names;
    QList<QRegularExpression> m_patterns;
};

/// One untagged place where a name occurs, in some article of the corpus.
struct Occurrence {
    RecordId articleId = 0;
    QString title;
    Span span; ///< in the article text (UTF-16)
    QString context; ///< the words around it, on one line
    Span contextMatch; ///< the occurrence within context
};

/// The words around span in text, on one line, with "…" where it was cut.
Occurrence occurrenceIn(const QString &text, Span span);

/// The untagged occurrences of names in the articles of the corpus, an article batch at a time.
///
/// The full-text index (SqlDialect::articlesWithAnyPhrase()) narrows the corpus to the articles
/// that hold every word of a name, in article order, a batch per call, so that a caller can show what is
/// found while it searches and stop when it has enough; the exact, case-sensitive match on word edges is
/// NameMatcher's. Articles not yet indexed (an import's, SearchBacklog) follow, found by the names'
/// text. Places that overlap a mention already tagged (of any entity) are left out.
class CorpusOccurrenceSearch final {
    Q_DECLARE_TR_FUNCTIONS(CorpusOccurrenceSearch)
public:
    static constexpr int articleBatch = 25;

    /// Searches every article but skipArticleId (the one the caller knows best already).
    CorpusOccurrenceSearch(const Store &store, const QStringList &names, RecordId skipArticleId = 0);

    /// The occurrences in the next articles, at most articleLimit of them read; empty at the end
    /// or on an error.
    QList<Occurrence> fetch(int articleLimit = articleBatch);
    bool atEnd() const { return m_atEnd; }
    /// Articles read so far (those the index offered, whether or not they held an untagged occurrence).
    int articlesRead() const { return m_articlesRead; }
    QString errorString() const { return m_error; }

private:
    QList<Span> mentionSpans(RecordId articleId, const QString &text) const;
    bool prepareIndexed(QSqlQuery &query, int articleLimit) const;
    bool prepareUnindexed(QSqlQuery &query, int articleLimit) const;
    bool isUnindexed(RecordId articleId) const;

    const Store &m_store;
    NameMatcher m_matcher;
    RecordId m_skipArticleId;
    QStringList m_phrases; ///< the names the index is asked for
    /// The articles an import left for the search index (SearchBacklog) when the search began:
    /// read after the index, without it.
    QList<IdRange> m_unindexed;
    bool m_indexReadWhole = false;
    qint64 m_lastArticleId = 0;
    qint64 m_lastUnindexedId = 0;
    int m_articlesRead = 0;
    bool m_atEnd = false;
    QString m_error;
};

} // namespace Byline

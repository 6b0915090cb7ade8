// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "corpusquery.h"
#include "sqldialect.h"

#include <QRegularExpression>
#include <QSqlQuery>

#include <functional>

namespace Byline {

class Store;

/// One place a search found: an article's text or title, or one of its annotations.
struct SearchHit {
    enum class Kind { Article, Entity, Quote, Figure };
    Kind kind = Kind::Article;
    RecordId articleId = 0;
    RecordId recordId = 0; ///< the entity, quote or figure; 0 for the article itself
    QString key;
    QString title;
    QString snippet; ///< the words around the hit, on one line
    Span snippetMatch; ///< the hit within the snippet; null when only the title matched
    /// The hit in the article text (UTF-16), where the article view should open; null when only
    /// the title matched, or for an entity without mentions.
    Span span;
};

/// Full-text search over the project (schema version 4: FTS5 in a file, tsvector columns on a
/// server, through SqlDialect), a page at a time.
///
/// Hits come in article order (annotations in record order), not by relevance: FTS5 then reads
/// its index as a stream, and each page continues after the last hit instead of ranking every
/// match again, so the first page of "the" in 100,000 articles costs what a rare word costs.
/// Runs on the thread of the store's connection (SearchResultModel runs it on a worker).
class CorpusSearch final {
public:
    static constexpr int pageSize = 50;

    explicit CorpusSearch(const Store &store);

    /// Starts over with a new query; false (and errorString()) when the query does not parse.
    bool setQuery(const QString &text);
    /// The next hits, at most limit of them; empty at the end or on an error.
    QList<SearchHit> fetch(int limit = pageSize);
    bool atEnd() const { return m_atEnd; }
    QString errorString() const { return m_error; }

    /// Runs the whole search, handing over the hits a batch at a time until the callback
    /// returns false. False when the query does not parse or the search fails.
    bool run(const QString &text, int batchSize, const std::function<bool(const QList<SearchHit> &)> &batch);

    /// Counts the next hits of the query, at most limit of them, without reading their texts, so
    /// that a caller can count in steps and stop; -1 on an error.
    int countMore(int limit);
    /// Whether countMore() has counted every hit.
    bool isCounted() const { return m_counted; }

private:
    TextSearchSql searchSql() const;
    QSqlQuery hitQuery(const QString &columns, qint64 afterRowId, int limit) const;
    QList<SearchHit> fetchArticles(int limit);
    QList<SearchHit> fetchAnnotations(int limit);
    bool failed(const QString &message);

    const Store &m_store;
    std::optional<CorpusQuery> m_query;
    QList<QRegularExpression> m_wordPatterns; ///< where no marked text shows the hit
    qint64 m_lastRowId = 0;
    qint64 m_lastCountedRowId = 0;
    bool m_atEnd = true;
    bool m_counted = true;
    QString m_error;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "corpusquery.h"

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

/// Full-text search over the project (FTS5, schema version 3), a page at a time.
///
/// Hits come in article order (annotations in record order), not by relevance: FTS5 then reads
/// its index as a stream, and each page continues after the last hit instead of ranking every
/// match again, so the first page of "the" in 100,000 articles costs what a rare word costs.
/// Runs on the thread of the store's connection.
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

private:
    QList<SearchHit> fetchArticles(int limit);
    QList<SearchHit> fetchAnnotations(int limit);
    bool failed(const QString &message);

    const Store &m_store;
    std::optional<CorpusQuery> m_query;
    qint64 m_lastRowId = 0;
    bool m_atEnd = true;
    QString m_error;
};

} // namespace Byline

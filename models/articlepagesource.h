// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <optional>

namespace Byline {

/// An article as the article list shows it: everything but the text.
struct ArticleSummary {
    RecordId id = 0;
    QString key;
    QString title;
    QString source;
    QString published;
    ArticleStatus status = ArticleStatus::Todo;
    int entityCount = 0;
    int quoteCount = 0;
    int figureCount = 0;
    bool curated = false; ///< has annotations of the curated layer (annotator "curator")
    bool curationDone = false; ///< a curator marked its curation done
};

/// The column the article list is sorted by; ties go by id in the same direction.
/// Status sorts by its stored name (done, in progress, todo).
enum class ArticleSortColumn { Id, Title, Status, Source, Published, Key, Entities, Quotes, Figures };

struct ArticleSort {
    ArticleSortColumn column = ArticleSortColumn::Id;
    Qt::SortOrder order = Qt::AscendingOrder;
    friend bool operator==(const ArticleSort &, const ArticleSort &) = default;
};

/// Which articles the article list shows; an empty filter shows all.
struct ArticleFilter {
    std::optional<ArticleStatus> status;
    QString text; ///< in the title, source or key, case-insensitive for ASCII
    QString publishedFrom; ///< ISO 8601 date, inclusive; empty for no lower bound
    QString publishedTo; ///< ISO 8601 date, inclusive (the whole day); empty for no upper bound
    int minEntities = 0;
    int minQuotes = 0;
    int minFigures = 0;
    QString queueOf; ///< only the articles assigned to this annotator (models/assignments.h)

    bool isEmpty() const { return *this == ArticleFilter(); }
    friend bool operator==(const ArticleFilter &, const ArticleFilter &) = default;
};

/// Where the article list gets its pages: the store, or a test's counting double.
class ArticlePageSource {
public:
    virtual ~ArticlePageSource() = default;
    virtual QList<ArticleSummary> articleSummaries(
        int offset, int limit, const ArticleSort &sort, const ArticleFilter &filter) const
        = 0;
    /// The page after the row last (as a page returned it) in the same sort and filter. It is
    /// found by last's sort value and id, so it costs a page wherever it is; an offset would read
    /// every row before it again, and scrolling through the whole list would be quadratic.
    virtual QList<ArticleSummary> articlePageAfter(
        const ArticleSummary &last, int limit, const ArticleSort &sort, const ArticleFilter &filter) const
        = 0;
    virtual int articleCount(const ArticleFilter &filter) const = 0;
};

} // namespace Byline

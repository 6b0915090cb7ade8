// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Byline {

class Document;

/// The project's articles, fetched from the store a page at a time as the view scrolls.
/// Sorting and filtering ask the store again (its indexes sort), so the model never holds
/// more than the pages the view has scrolled through.
class ArticleListModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    /// Entities, Quotes and Figures count what the session may read of the annotations: for an
    /// annotator in blind mode their own and the suggestions, for everyone else the totals
    /// (Store::countsOwnOnly()). Curation shows whether the curated layer has begun and whether a
    /// curator marked it done, to every member: progress reveals no annotation, and an annotator
    /// sees where the curator is without seeing what the curator decided. It does not sort (no index
    /// orders by it).
    enum Column { Title, Status, Entities, Quotes, Figures, Source, Published, Key, Curation, ColumnCount };
    static constexpr int pageSize = 200;

    explicit ArticleListModel(Document *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    /// Re-reads the first page in the new order; a column of -1 goes back to id order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    ArticleSort sortOrder() const { return m_sort; }
    ArticleFilter filter() const { return m_filter; }
    void setFilter(const ArticleFilter &filter);
    /// Where pages come from; the store unless a test counts the requests.
    void setPageSource(const ArticlePageSource *source);

    RecordId articleId(int row) const;
    /// The row of an article, fetching pages until it is loaded; -1 when it is not in the project.
    int rowOf(RecordId articleId);
    /// Reads the list again from its first page: the filter's articles changed (a queue did).
    void requery();

private:
    void refreshArticle(RecordId articleId);
    void refreshLoadedRows();
    void updateTotal();
    const ArticlePageSource &pages() const;

    Document *m_document;
    const ArticlePageSource *m_pageSource = nullptr;
    ArticleSort m_sort;
    ArticleFilter m_filter;
    QList<ArticleSummary> m_rows;
    QHash<RecordId, int> m_rowOfId;
    // The last row as its page read it: the next page starts after its sort value and id. The row
    // in m_rows may show a newer count or status since, which would skip or repeat rows.
    std::optional<ArticleSummary> m_pageEnd;
    int m_total = 0;
    bool m_fetching = false;
};

} // namespace Byline

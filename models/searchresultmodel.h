// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "corpussearch.h"

#include <QAbstractListModel>

namespace Byline {

class Store;

/// The hits of a corpus search, fetched a page at a time as the view scrolls.
/// Display shows the snippet; IdRole the article, SpanRole the hit in its text.
class SearchResultModel final : public QAbstractListModel {
    Q_OBJECT
public:
    explicit SearchResultModel(const Store &store, QObject *parent = nullptr);

    /// Starts a new search and loads its first page; false (and errorString()) for a query
    /// that does not parse, which leaves the list empty.
    bool setQuery(const QString &text);
    QString query() const { return m_query; }
    QString errorString() const { return m_search.errorString(); }
    SearchHit hit(int row) const { return m_hits.value(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    CorpusSearch m_search;
    QString m_query;
    QList<SearchHit> m_hits;
    bool m_fetching = false;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;

namespace Byline {

class SearchIndexer;
class Store;
class SearchResultModel;

/// Searches the corpus: a query line and its hits, which arrive in batches from the model's
/// worker while the panel says how far the search is; Escape stops it. Choosing a hit announces
/// where it is, so that the window can open the article at it.
class SearchPanel final : public QWidget {
    Q_OBJECT
public:
    explicit SearchPanel(SearchResultModel *model, QWidget *parent = nullptr);

    QLineEdit *queryEdit() const { return m_queryEdit; }
    QListView *view() const { return m_view; }
    /// Searching…, how many hits, or why the query cannot run.
    QLabel *statusLabel() const { return m_message; }
    /// Says, while the store's search index is incomplete (SearchBacklog), that hits may be
    /// missing; with the indexer completing it (none in a read-only project), searches again when
    /// it is done.
    void followIndex(const Store &store, SearchIndexer *indexer);
    /// Shown while the index is incomplete.
    QLabel *indexingLabel() const { return m_indexing; }

Q_SIGNALS:
    void hitActivated(Byline::RecordId articleId, Byline::Span span);

private:
    void search();
    /// Says hits in what was imported last may be missing, with nothing indexing it now.
    void showIncomplete();
    void showStatus();

    SearchResultModel *m_model;
    QLineEdit *m_queryEdit;
    QLabel *m_message;
    QLabel *m_indexing;
    const Store *m_store = nullptr;
    QListView *m_view;
};

} // namespace Byline

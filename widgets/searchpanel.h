// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;

namespace Byline {

class SearchIndexer;
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
    /// Says, while the indexer completes the search index, that hits may be missing, and searches
    /// again when it is done.
    void setIndexer(SearchIndexer *indexer);
    /// Shown while the index is incomplete.
    QLabel *indexingLabel() const { return m_indexing; }

Q_SIGNALS:
    void hitActivated(Byline::RecordId articleId, Byline::Span span);

private:
    void search();
    void showStatus();

    SearchResultModel *m_model;
    QLineEdit *m_queryEdit;
    QLabel *m_message;
    QLabel *m_indexing;
    QListView *m_view;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "corpussearch.h"

#include <QAbstractListModel>
#include <QThread>

#include <atomic>
#include <memory>

namespace Byline {

class Store;

/// The hits of a corpus search, searched on a worker thread of their own and delivered in
/// batches, so that the window never waits for the index.
///
/// The worker has its own connection to the project (Store::openConnection). A query sends the
/// first batch at once and then counts the hits in steps; fetchMore() asks for the next batch as
/// the view scrolls. Every query has a generation: a new one, or cancel(), makes the worker drop
/// what it was doing for the old one at its next step, and anything the old one still sends is
/// ignored, so its hits never appear under the new query.
/// Display shows the snippet; IdRole the article, SpanRole the hit in its text.
class SearchResultModel final : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int batchSize = CorpusSearch::pageSize;
    /// Hits counted per step of the count, between which the worker answers fetchMore().
    static constexpr int countStep = 5000;

    /// store: the project, which must outlive the model (the worker's connection shares its lock).
    explicit SearchResultModel(const Store &store, QObject *parent = nullptr);
    ~SearchResultModel() override;

    /// Empties the list and starts a new search; false (and errorString()) for a query that does
    /// not parse, which searches nothing. Returns at once: the hits arrive with batchArrived().
    bool setQuery(const QString &text);
    /// Stops the search: the hits shown stay, no more come.
    void cancel();
    QString query() const { return m_query; }
    QString errorString() const { return m_error; }
    SearchHit hit(int row) const { return m_hits.value(row); }
    /// Whether a batch was asked for and has not yet arrived.
    bool isSearching() const { return m_waiting; }
    bool isCancelled() const { return m_cancelled; }
    /// Every hit of the query, once counted; -1 until then.
    int hitCount() const { return m_hitCount; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// A batch of hits was appended (count may be 0 for a search without hits).
    void batchArrived(int count);
    void searchingChanged(bool searching);
    void hitCountChanged(int count);
    /// The search failed (errorString()); the hits shown so far stay.
    void failed(const QString &message);

private:
    struct Worker;

    // Worker thread.
    void startOnWorker(quint64 generation, const QString &text);
    void fetchOnWorker(quint64 generation);
    void countOnWorker(quint64 generation);
    bool isCurrent(quint64 generation) const { return m_latestGeneration.load() == generation; }

    // GUI thread.
    void receiveBatch(quint64 generation, const QList<SearchHit> &hits, bool atEnd, const QString &error);
    void receiveCount(quint64 generation, int count);
    void setWaiting(bool waiting);
    quint64 nextGeneration();

    QThread m_thread;
    QObject *m_workerContext; ///< lives on m_thread: what runs there is invoked on it
    std::unique_ptr<Worker> m_worker; ///< touched on m_thread only
    /// The newest generation, read by the worker to drop stale work.
    std::atomic<quint64> m_latestGeneration = 0;

    quint64 m_generation = 0;
    QString m_query;
    QString m_error;
    QList<SearchHit> m_hits;
    int m_hitCount = -1;
    bool m_atEnd = true;
    bool m_waiting = false;
    bool m_cancelled = false;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchresultmodel.h"

#include "modelroles.h"
#include "store.h"

using namespace Qt::StringLiterals;

namespace Byline {

// What the worker thread owns: its connection to the project and the search in progress. A
// QSqlDatabase belongs to the thread that opened it, so both are made and destroyed there.
struct SearchResultModel::Worker {
    const Store &store;
    std::unique_ptr<Store> connection;
    std::unique_ptr<CorpusSearch> search;
    int counted = 0;
};

SearchResultModel::SearchResultModel(const Store &store, QObject *parent)
    : QAbstractListModel(parent)
    , m_workerContext(new QObject)
    , m_worker(std::make_unique<Worker>(Worker { store, {}, {}, 0 }))
{
    m_thread.setObjectName(u"Byline search"_s);
    m_workerContext->moveToThread(&m_thread);
    m_thread.start();
}

SearchResultModel::~SearchResultModel()
{
    nextGeneration(); // whatever the worker is at, it stops at its next step
    QMetaObject::invokeMethod(m_workerContext, [worker = m_worker.get()] {
        worker->search.reset();
        worker->connection.reset();
    });
    m_thread.quit();
    m_thread.wait();
    delete m_workerContext;
}

quint64 SearchResultModel::nextGeneration()
{
    m_generation = m_latestGeneration.load() + 1;
    m_latestGeneration.store(m_generation);
    return m_generation;
}

bool SearchResultModel::setQuery(const QString &text)
{
    // Parsing reads no data: a query that cannot run is answered at once.
    const CorpusQuery parsed = CorpusQuery::parse(text);
    const quint64 generation = nextGeneration();
    beginResetModel();
    m_query = text;
    m_hits.clear();
    m_error = parsed.errorString();
    m_atEnd = !parsed.isValid();
    m_hitCount = -1;
    m_cancelled = false;
    endResetModel();
    Q_EMIT hitCountChanged(m_hitCount);
    if (!parsed.isValid()) {
        setWaiting(false);
        return false;
    }
    setWaiting(true);
    QMetaObject::invokeMethod(m_workerContext, [this, generation, text] { startOnWorker(generation, text); });
    return true;
}

void SearchResultModel::cancel()
{
    if (m_atEnd && !m_waiting)
        return;
    nextGeneration();
    m_atEnd = true;
    m_cancelled = true;
    setWaiting(false);
}

void SearchResultModel::setWaiting(bool waiting)
{
    if (m_waiting == waiting)
        return;
    m_waiting = waiting;
    Q_EMIT searchingChanged(waiting);
}

void SearchResultModel::startOnWorker(quint64 generation, const QString &text)
{
    if (!isCurrent(generation))
        return;
    Worker &worker = *m_worker;
    if (!worker.connection) {
        StoreError error;
        worker.connection = worker.store.openConnection(Store::Mode::ReadOnly, &error);
        if (!worker.connection) {
            QMetaObject::invokeMethod(this,
                [this, generation, message = error.message] { receiveBatch(generation, {}, true, message); });
            return;
        }
    }
    worker.search = std::make_unique<CorpusSearch>(*worker.connection);
    worker.counted = 0;
    worker.search->setQuery(text);
    fetchOnWorker(generation);
    // The count follows the first batch, in steps, so that a fetchMore() waits one step at most.
    QMetaObject::invokeMethod(m_workerContext, [this, generation] { countOnWorker(generation); });
}

void SearchResultModel::fetchOnWorker(quint64 generation)
{
    if (!isCurrent(generation) || !m_worker->search)
        return;
    CorpusSearch &search = *m_worker->search;
    const QList<SearchHit> hits = search.fetch(batchSize);
    QMetaObject::invokeMethod(
        this, [this, generation, hits, atEnd = search.atEnd(), error = search.errorString()] {
            receiveBatch(generation, hits, atEnd, error);
        });
}

void SearchResultModel::countOnWorker(quint64 generation)
{
    if (!isCurrent(generation) || !m_worker->search)
        return;
    Worker &worker = *m_worker;
    const int counted = worker.search->countMore(countStep);
    if (counted < 0)
        return; // the batches report the failure
    worker.counted += counted;
    if (!worker.search->isCounted()) {
        QMetaObject::invokeMethod(m_workerContext, [this, generation] { countOnWorker(generation); });
        return;
    }
    QMetaObject::invokeMethod(
        this, [this, generation, count = worker.counted] { receiveCount(generation, count); });
}

void SearchResultModel::receiveBatch(
    quint64 generation, const QList<SearchHit> &hits, bool atEnd, const QString &error)
{
    if (generation != m_generation)
        return; // a query since replaced or cancelled
    m_atEnd = atEnd || !error.isEmpty();
    if (!hits.isEmpty()) {
        const int first = int(m_hits.size());
        beginInsertRows(QModelIndex(), first, first + int(hits.size()) - 1);
        m_hits.append(hits);
        endInsertRows();
    }
    // The last batch tells the count before the count does.
    if (m_atEnd && error.isEmpty() && m_hitCount < 0)
        receiveCount(generation, int(m_hits.size()));
    setWaiting(false);
    Q_EMIT batchArrived(int(hits.size()));
    if (!error.isEmpty()) {
        m_error = error;
        Q_EMIT failed(error);
    }
}

void SearchResultModel::receiveCount(quint64 generation, int count)
{
    if (generation != m_generation || m_hitCount == count)
        return;
    m_hitCount = count;
    Q_EMIT hitCountChanged(count);
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchHit &hit = m_hits[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return hit.snippet;
    case Qt::ToolTipRole:
        return hit.title.isEmpty() ? hit.key : hit.title;
    case IdRole:
        return hit.articleId;
    case SpanRole:
        return QVariant::fromValue(hit.span);
    case SortRole:
        return index.row();
    }
    return {};
}

bool SearchResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

// Asks the worker for the next batch, once: views ask again on every scroll.
void SearchResultModel::fetchMore(const QModelIndex &parent)
{
    if (m_waiting || !canFetchMore(parent))
        return;
    setWaiting(true);
    QMetaObject::invokeMethod(
        m_workerContext, [this, generation = m_generation] { fetchOnWorker(generation); });
}

} // namespace Byline

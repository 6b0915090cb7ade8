// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchindexer.h"

#include "searchbacklog.h"
#include "store.h"

#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>

using namespace std::chrono_literals;

namespace Byline {

namespace {

// Longer than the longest sleep of SQLite's busy handler (100 ms), so that a writer waiting for
// the file finds it free before the next step takes it.
constexpr auto pauseBetweenSteps = 120ms;
constexpr auto retryAfterBusy = 1000ms;

} // namespace

SearchIndexer::SearchIndexer(const Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    connect(&m_watcher, &QFutureWatcher<SearchIndexingResult>::finished, this, [this] {
        const SearchIndexingResult result = m_watcher.result();
        if (std::exchange(m_startAgain, false) && !m_stopped && result.error.isEmpty())
            start();
        // Unless that found nothing, the run goes on for the window.
        if (!m_watcher.isRunning())
            Q_EMIT finished(result);
    });
}

SearchIndexer::~SearchIndexer()
{
    m_stopped = true;
    m_watcher.waitForFinished();
}

void SearchIndexer::start()
{
    if (m_watcher.isRunning()) {
        m_startAgain = true;
        return;
    }
    if (m_store.isReadOnly() || SearchBacklog::remaining(m_store) == 0)
        return;
    m_stopped = false;
    // Runs on the worker thread: the signals reach the window through its event loop.
    m_watcher.setFuture(QtConcurrent::run([this] {
        SearchIndexingResult result;
        StoreError error;
        const auto connection = m_store.openConnection(Store::Mode::ReadWrite, &error);
        if (!connection) {
            result.error = error.message;
            return result;
        }
        SearchBacklog backlog(*connection);
        const auto report = [this, first = true](qint64 indexed, qint64 total) mutable {
            if (!std::exchange(first, false))
                QThread::msleep(pauseBetweenSteps.count());
            Q_EMIT progressed(indexed, total);
            return !m_stopped.load();
        };
        bool done = backlog.catchUp(report);
        // Another connection held the file for longer than the busy timeout: the rows are still
        // there to be indexed once it is done.
        while (!done && backlog.wasBusy() && !m_stopped) {
            QThread::msleep(retryAfterBusy.count());
            done = backlog.catchUp(report);
        }
        result.complete = done;
        if (!done && !m_stopped)
            result.error = backlog.errorString();
        return result;
    }));
    Q_EMIT started();
}

void SearchIndexer::stop()
{
    m_stopped = true;
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>

#include <atomic>

namespace Byline {

class Store;

/// What a run of the SearchIndexer came to.
struct SearchIndexingResult {
    bool complete = false; ///< the backlog is empty
    QString error; ///< why it stopped, when it failed; empty when complete or stopped
};

/// Indexes a project's search backlog (SearchBacklog) in the background while the analyst works:
/// on a worker thread with a connection of its own, a step of a fraction of a second at a time,
/// and a pause after each one that lets an edit waiting for the file go first (SQLite's busy
/// handler looks again within a tenth of a second). That holds for a transaction whose first
/// statement writes; an import or extraction reads first, and SQLite refuses it while another
/// connection writes, so the window stops the indexer for those (MainWindow::pauseIndexing()).
/// Stopping ends it after its step; what was committed stays, and the next start continues.
class SearchIndexer final : public QObject {
    Q_OBJECT
public:
    /// The store must outlive the indexer, whose destructor stops it and waits.
    explicit SearchIndexer(const Store &store, QObject *parent = nullptr);
    ~SearchIndexer() override;

    /// Starts a run when the project has a backlog; while one is going, another follows it (an
    /// import may have added to the backlog after the run found it empty).
    void start();
    /// Asks the run to stop after its step; finished() follows.
    void stop();
    bool isRunning() const { return m_watcher.isRunning(); }
    /// Blocks until the run has ended (closing the project, tests).
    void waitForFinished() { m_watcher.waitForFinished(); }

Q_SIGNALS:
    void started();
    /// Rows of the backlog indexed so far in this run, of total when it started; a few times a second.
    void progressed(qint64 done, qint64 total);
    void finished(const Byline::SearchIndexingResult &result);

private:
    const Store &m_store;
    std::atomic<bool> m_stopped = false;
    bool m_startAgain = false;
    QFutureWatcher<SearchIndexingResult> m_watcher;
};

} // namespace Byline

Q_DECLARE_METATYPE(Byline::SearchIndexingResult)

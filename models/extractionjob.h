// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "suggestionwriter.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace Byline {

class Store;

/// Runs the extractors over many articles without the GUI thread ever waiting on them: a worker
/// thread with its own connection to the project writes the suggestions, the thread pool
/// extracts a batch, its articles side by side, while the batch before is written, and in a
/// project file the batch after is read meanwhile on a connection of its own
/// (ExtractionBatches), with what its articles hold, so that the pool also plans its writes. Cancel drops the
/// batch in flight; every batch written stays written. Signals arrive on the thread that made the job.
///
/// Over the whole corpus the job pages through the articles by id, holding one batch at a time,
/// and writes each batch in one transaction together with the project's resume point: a run
/// that is killed or cancelled continues, the next time, after the last batch it wrote, so
/// every article is extracted once.
class ExtractionJob final : public QObject {
    Q_OBJECT
public:
    /// Every article of the project, continuing an unfinished run.
    explicit ExtractionJob(const Store &store, QObject *parent = nullptr);
    /// The given articles, in this order, each once.
    ExtractionJob(const Store &store, QList<RecordId> articleIds, QObject *parent = nullptr);
    ~ExtractionJob() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    /// The articles to extract, with those an earlier, unfinished run did; known from the first
    /// progressed().
    int total() const { return m_total; }
    /// How many articles an earlier, unfinished run had done when this one started.
    int resumed() const { return m_resumed; }

Q_SIGNALS:
    /// done counts the articles of the earlier run too.
    void progressed(int done, int total);
    void articleExtracted(Byline::RecordId articleId);
    void finished(const Byline::SuggestionCounts &counts, bool cancelled);
    void failed(const QString &message);

private:
    class Run;

    void run(); // on the worker thread
    void runFinished();
    /// Calls function on the job's own thread.
    template<typename Function> void report(Function function);

    const Store &m_store;
    const bool m_wholeCorpus;
    const QList<RecordId> m_articleIds; ///< the given articles; empty over the whole corpus
    std::unique_ptr<QThread> m_thread;
    std::atomic_bool m_cancelled = false;
    bool m_running = false;
    int m_total = 0;
    int m_resumed = 0;
    SuggestionCounts m_counts;
    QString m_failure;
};

} // namespace Byline

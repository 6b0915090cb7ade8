// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "suggester.h"
#include "suggestionwriter.h"

#include <QFutureWatcher>
#include <QObject>

namespace Byline {

class Store;

/// Runs the extractors over many articles without blocking the GUI: texts are read and
/// suggestions written on the caller's thread (the store's connection lives there), the
/// extraction itself runs on the thread pool, the articles of a batch side by side, while the
/// batch before is written. Cancel drops the batch in flight; every batch written stays written.
///
/// Over the whole corpus the job pages through the articles by id, holding one batch at a time,
/// and writes each batch in one transaction together with the project's resume point: a run
/// that is killed or cancelled continues, the next time, after the last batch it wrote, so
/// every article is extracted once.
class ExtractionJob final : public QObject {
    Q_OBJECT
public:
    /// Every article of the project, continuing an unfinished run.
    explicit ExtractionJob(Store &store, QObject *parent = nullptr);
    /// The given articles, in this order.
    ExtractionJob(Store &store, QList<RecordId> articleIds, QObject *parent = nullptr);
    ~ExtractionJob() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    /// The articles to extract, with those an earlier, unfinished run did.
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
    QList<RecordId> nextIds();
    bool extractNextBatch();
    void batchExtracted();
    bool writeBatch(const QList<RecordId> &ids, const QList<AnnotationSet> &suggestions);
    void finish(bool cancelled);

    Store &m_store;
    SuggestionWriter m_writer;
    const bool m_wholeCorpus;
    QList<RecordId> m_articleIds; ///< the given articles; empty over the whole corpus
    qsizetype m_next = 0; ///< of the given articles
    RecordId m_lastRead = 0; ///< over the whole corpus: the last article read
    QList<RecordId> m_inFlight;
    int m_total = 0;
    int m_resumed = 0;
    int m_done = 0;
    SuggestionCounts m_counts;
    Suggester m_suggester; ///< taught by the project once, when the job starts
    QFutureWatcher<AnnotationSet> m_watcher;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace Byline

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
/// extraction itself runs on the thread pool, a batch at a time. Cancel drops the batch in
/// flight; every article written before stays written.
class ExtractionJob final : public QObject {
    Q_OBJECT
public:
    ExtractionJob(Store &store, QList<RecordId> articleIds, QObject *parent = nullptr);
    ~ExtractionJob() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    int total() const { return int(m_articleIds.size()); }

Q_SIGNALS:
    void progressed(int done, int total);
    void articleExtracted(Byline::RecordId articleId);
    void finished(const Byline::SuggestionCounts &counts, bool cancelled);
    void failed(const QString &message);

private:
    using Batch = QList<std::pair<RecordId, AnnotationSet>>;
    void extractNextBatch();
    void writeBatch();

    Store &m_store;
    SuggestionWriter m_writer;
    QList<RecordId> m_articleIds;
    qsizetype m_next = 0;
    SuggestionCounts m_counts;
    Suggester m_suggester; ///< taught by the project once, when the job starts
    QFutureWatcher<Batch> m_watcher;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QThread>
#include <QThreadPool>

#include <future>
#include <memory>
#include <optional>

namespace Byline {

class Store;

/// One batch of an extraction run: whole articles and, when read ahead, what they hold.
struct ExtractionBatch {
    QList<Article> articles;
    /// Read beside the writer: the writer's Store::dataVersion() just before the read, and the
    /// articles' annotations, in their order (SuggestionWriter::ReadAhead). Without them the
    /// writer reads the annotations itself.
    std::optional<qint64> dataVersion;
    QList<AnnotationSet> stored;
    /// Why the articles could not be read; the run stops there.
    QString error;

    bool isEmpty() const { return articles.isEmpty(); }
};

/// The batches of an extraction run, in order: the articles after a resume point a page at a
/// time, or the given articles (any removed meanwhile passed over). The first batches are small
/// and each is twice the one before, so the first progress shows soon.
///
/// In a project file each batch is read, with its articles' annotations, while the writer writes
/// an earlier one: on a connection of the reader's own and on one thread, since a connection
/// belongs to the thread that opened it (a pool of one thread that never expires). On a server,
/// or when that connection cannot open, the writer's connection reads each batch when asked.
class ExtractionBatches final {
public:
    /// Every article after the one with id `after` (0: from the first).
    ExtractionBatches(Store &writer, RecordId after);
    /// The given articles, in this order.
    ExtractionBatches(Store &writer, QList<RecordId> articleIds);
    ~ExtractionBatches();
    ExtractionBatches(const ExtractionBatches &) = delete;
    ExtractionBatches &operator=(const ExtractionBatches &) = delete;

    /// The next batch, empty after the last and from then on; reading the one after it begins.
    /// Called on the writer's thread.
    std::shared_ptr<const ExtractionBatch> take();

private:
    /// Whether the reader's connection opened (never on a server).
    bool openReader();
    /// Begins reading the next batch on the reader's thread; needs the reader.
    void readAhead();
    /// Runs function on the pool's one thread, the reader's.
    template<typename Function> auto onReaderThread(Function function);
    /// The next articles through `store`, advancing the position; the batch's error says why,
    /// when they could not be read.
    ExtractionBatch readArticles(const Store &store);

    Store &m_writer;
    const bool m_wholeCorpus;
    const QList<RecordId> m_articleIds;
    RecordId m_lastRead = 0; ///< over the whole corpus
    qsizetype m_next = 0; ///< of the given articles
    qsizetype m_size; ///< of the next batch
    QThreadPool m_pool; ///< the reader's one thread
    std::unique_ptr<Store> m_reader; ///< opened, used and closed on the pool's thread
    QThread *m_readerThread = nullptr;
    std::future<ExtractionBatch> m_reading;
    /// An empty batch was taken: the run has seen its end, whatever was added since.
    bool m_exhausted = false;
};

} // namespace Byline

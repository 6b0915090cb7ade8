// SPDX-License-Identifier: GPL-3.0-or-later
#include "extractionbatches.h"

#include "sqldialect.h"
#include "store.h"
#include "suggestionwriter.h"

namespace Byline {

namespace {

// The first batch: nothing is written until it is extracted, so the first progress shows sooner
// (at 1,000 articles, 68 ms after the start instead of 174).
constexpr qsizetype firstBatchSize = 16;
// Large enough that the thread pool stays busy and a commit is not what takes the time, small
// enough that cancel answers at once and a killed run loses little. Each commit writes the search
// index a segment and the catch-up's statements and rewrites the index pages the batch touched,
// and the bulk insert's triggers, set aside and back, make every statement prepare again: 128
// articles instead of 32 took a first run over 10,000 articles from 10.0 to 8.3 s, and 512
// instead of 128 from 73 to 81 % of the extractors alone (for some 120 MB more at the peak,
// whatever the corpus: four batches are in memory at most).
constexpr qsizetype batchSize = 512;

} // namespace

// Through a task of the standard library's, not QtConcurrent::run(): a thread that waits for a
// QtConcurrent task takes it over when the pool has not started it yet, and the reader's
// connection must stay on the pool's thread.
template<typename Function> auto ExtractionBatches::onReaderThread(Function function)
{
    using Result = std::invoke_result_t<Function>;
    auto task = std::make_shared<std::packaged_task<Result()>>(std::move(function));
    std::future<Result> result = task->get_future();
    m_pool.start([task] { (*task)(); });
    return result;
}

ExtractionBatches::ExtractionBatches(Store &writer, RecordId after)
    : m_writer(writer)
    , m_wholeCorpus(true)
    , m_lastRead(after)
    , m_size(firstBatchSize)
{
    if (openReader())
        readAhead();
}

ExtractionBatches::ExtractionBatches(Store &writer, QList<RecordId> articleIds)
    : m_writer(writer)
    , m_wholeCorpus(false)
    , m_articleIds(std::move(articleIds))
    , m_size(firstBatchSize)
{
    if (openReader())
        readAhead();
}

ExtractionBatches::~ExtractionBatches()
{
    if (m_reading.valid())
        m_reading.wait();
    if (m_reader)
        onReaderThread([this] { m_reader.reset(); }).wait();
}

std::shared_ptr<const ExtractionBatch> ExtractionBatches::take()
{
    // After the last batch (or one that could not be read) nothing more is read, on a server
    // either, where articles added since would otherwise come after the run saw its end.
    if (m_exhausted)
        return std::make_shared<const ExtractionBatch>();
    auto batch = std::make_shared<const ExtractionBatch>(m_reader ? m_reading.get() : readArticles(m_writer));
    m_exhausted = batch->isEmpty();
    if (m_reader && !m_exhausted)
        readAhead();
    return batch;
}

bool ExtractionBatches::openReader()
{
    if (!SqlDialect::of(m_writer.database()).isSqlite())
        return false;
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    onReaderThread([this] {
        StoreError error;
        m_reader = m_writer.openConnection(Store::Mode::ReadOnly, &error);
        m_readerThread = QThread::currentThread();
    }).wait();
    return m_reader != nullptr;
}

void ExtractionBatches::readAhead()
{
    // Taken before the read begins: whatever another connection commits from here on changes it,
    // and the writer then reads the batch again (SuggestionWriter::write()).
    const std::optional<qint64> before = m_writer.dataVersion();
    m_reading = onReaderThread([this, before] {
        Q_ASSERT(QThread::currentThread() == m_readerThread);
        ExtractionBatch batch = readArticles(*m_reader);
        bool read = false;
        if (before && batch.error.isEmpty())
            batch.stored = SuggestionWriter::storedAnnotations(*m_reader, batch.articles, &read);
        // Without what its articles hold the writer reads it itself, and stops if it cannot.
        if (read)
            batch.dataVersion = before;
        else
            batch.stored.clear();
        return batch;
    });
}

ExtractionBatch ExtractionBatches::readArticles(const Store &store)
{
    const qsizetype size = m_size;
    m_size = std::min(2 * m_size, batchSize);
    ExtractionBatch batch;
    if (m_wholeCorpus) {
        // The next page of whole articles, read with one query.
        bool read = false;
        batch.articles = store.articlesAfter(m_lastRead, int(size), &read);
        if (!read)
            batch.error = store.errorString();
        else if (!batch.isEmpty())
            m_lastRead = batch.articles.last().id;
        return batch;
    }
    while (batch.isEmpty() && m_next < m_articleIds.size()) {
        const QList<RecordId> ids = m_articleIds.mid(m_next, size);
        m_next += ids.size();
        bool read = false;
        batch.articles = store.articles(ids, &read);
        if (!read) {
            batch.error = store.errorString();
            break;
        }
    }
    return batch;
}

} // namespace Byline

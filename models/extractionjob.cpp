// SPDX-License-Identifier: GPL-3.0-or-later
#include "extractionjob.h"

#include "store.h"
#include "suggester.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Byline {

namespace {

// Large enough that the thread pool stays busy, small enough that cancel answers at once.
constexpr qsizetype batchSize = 16;

} // namespace

ExtractionJob::ExtractionJob(Store &store, QList<RecordId> articleIds, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_writer(store)
    , m_articleIds(std::move(articleIds))
{
    connect(&m_watcher, &QFutureWatcher<Batch>::finished, this, &ExtractionJob::writeBatch);
}

ExtractionJob::~ExtractionJob()
{
    m_watcher.waitForFinished();
}

void ExtractionJob::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancelled = false;
    m_suggester = Suggester::forProject(m_store);
    extractNextBatch();
}

void ExtractionJob::cancel()
{
    m_cancelled = true;
}

void ExtractionJob::extractNextBatch()
{
    if (m_cancelled || m_next >= m_articleIds.size()) {
        m_running = false;
        Q_EMIT finished(m_counts, m_cancelled);
        return;
    }
    QList<std::pair<RecordId, QString>> texts;
    for (; m_next < m_articleIds.size() && texts.size() < batchSize; ++m_next) {
        if (const auto article = m_store.article(m_articleIds[m_next]))
            texts.append({ article->id, article->text });
    }
    m_watcher.setFuture(QtConcurrent::run([texts, suggester = m_suggester] {
        Batch batch;
        for (const auto &[id, text] : texts)
            batch.append({ id, suggester.suggest(text) });
        return batch;
    }));
}

void ExtractionJob::writeBatch()
{
    if (m_cancelled) {
        extractNextBatch();
        return;
    }
    const Batch batch = m_watcher.result();
    for (const auto &[id, suggestions] : batch) {
        if (!m_writer.write(id, suggestions, &m_counts)) {
            m_running = false;
            Q_EMIT failed(m_writer.errorString());
            return;
        }
        Q_EMIT articleExtracted(id);
    }
    Q_EMIT progressed(int(m_next), total());
    extractNextBatch();
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "extractionjob.h"

#include "store.h"
#include "suggester.h"

#include <QSqlError>
#include <QtConcurrent/QtConcurrentMap>

namespace Byline {

namespace {

// Large enough that the thread pool stays busy and a commit is not what takes the time, small
// enough that cancel answers at once and a killed run loses little.
constexpr qsizetype batchSize = 32;

} // namespace

ExtractionJob::ExtractionJob(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_writer(store)
    , m_wholeCorpus(true)
{
    connect(&m_watcher, &QFutureWatcher<AnnotationSet>::finished, this, &ExtractionJob::batchExtracted);
}

ExtractionJob::ExtractionJob(Store &store, QList<RecordId> articleIds, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_writer(store)
    , m_wholeCorpus(false)
    , m_articleIds(std::move(articleIds))
    , m_total(int(m_articleIds.size()))
{
    connect(&m_watcher, &QFutureWatcher<AnnotationSet>::finished, this, &ExtractionJob::batchExtracted);
}

ExtractionJob::~ExtractionJob()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

void ExtractionJob::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancelled = false;
    m_suggester = Suggester::forProject(m_store);
    if (m_wholeCorpus) {
        const std::optional<RecordId> resumePoint = m_store.extractionResumePoint();
        m_lastRead = resumePoint.value_or(0);
        m_total = m_store.articleCount();
        m_resumed = m_total - m_store.articleCountAfter(m_lastRead);
        m_done = m_resumed;
        // Recorded before the first batch, so that a later run knows this one did not finish.
        if (!resumePoint && !m_store.setExtractionResumePoint(0)) {
            m_running = false;
            Q_EMIT failed(m_store.errorString());
            return;
        }
    }
    if (!extractNextBatch())
        finish(false);
}

void ExtractionJob::cancel()
{
    m_cancelled = true;
}

QList<RecordId> ExtractionJob::nextIds()
{
    QList<RecordId> ids;
    if (m_wholeCorpus) {
        for (const ArticleSummary &summary : m_store.articleSummariesAfter(m_lastRead, batchSize))
            ids << summary.id;
        if (!ids.isEmpty())
            m_lastRead = ids.last();
    } else {
        ids = m_articleIds.mid(m_next, batchSize);
        m_next += ids.size();
    }
    return ids;
}

bool ExtractionJob::extractNextBatch()
{
    QStringList texts;
    // An article removed meanwhile is passed over.
    while (m_inFlight.isEmpty()) {
        const QList<RecordId> ids = nextIds();
        if (ids.isEmpty())
            return false;
        for (const RecordId id : ids) {
            if (auto article = m_store.article(id)) {
                m_inFlight << id;
                texts << std::move(article->text);
            }
        }
    }
    m_watcher.setFuture(QtConcurrent::mapped(
        texts, [suggester = m_suggester](const QString &text) { return suggester.suggest(text); }));
    return true;
}

void ExtractionJob::batchExtracted()
{
    if (m_cancelled) {
        finish(true);
        return;
    }
    const QList<AnnotationSet> suggestions = m_watcher.future().results();
    const QList<RecordId> ids = std::exchange(m_inFlight, {});
    // The next batch is extracted while this one is written.
    const bool more = extractNextBatch();
    if (!writeBatch(ids, suggestions)) {
        m_watcher.cancel();
        m_running = false;
        return;
    }
    if (!more)
        finish(false);
}

// Emits failed() when a write fails.
bool ExtractionJob::writeBatch(const QList<RecordId> &ids, const QList<AnnotationSet> &suggestions)
{
    Store::Transaction transaction(m_store);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (!m_writer.write(ids[i], suggestions[i], &m_counts)) {
            Q_EMIT failed(m_writer.errorString());
            return false;
        }
    }
    if ((m_wholeCorpus && !m_store.setExtractionResumePoint(ids.last())) || !transaction.commit()) {
        Q_EMIT failed(tr("Cannot save the suggestions: %1").arg(m_store.database().lastError().text()));
        return false;
    }
    m_done += int(ids.size());
    for (const RecordId id : ids)
        Q_EMIT articleExtracted(id);
    Q_EMIT progressed(m_done, m_total);
    return true;
}

void ExtractionJob::finish(bool cancelled)
{
    m_running = false;
    // A cancelled run stays unfinished, so the next one continues it.
    if (m_wholeCorpus && !cancelled && !m_store.setExtractionResumePoint(std::nullopt)) {
        Q_EMIT failed(m_store.errorString());
        return;
    }
    Q_EMIT finished(m_counts, cancelled);
}

} // namespace Byline

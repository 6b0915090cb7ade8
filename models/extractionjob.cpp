// SPDX-License-Identifier: GPL-3.0-or-later
#include "extractionjob.h"

#include "backgroundcheckpointer.h"
#include "extractionbatches.h"
#include "sqldialect.h"
#include "store.h"
#include "suggester.h"

#include <QPointer>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <deque>
#include <numeric>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// How many batches are extracted ahead of the one being written.
constexpr int batchesAhead = 2;

// One article's suggestions and, when its batch was read ahead, the plan of their write.
struct Extracted {
    AnnotationSet suggestions;
    SuggestionWriter::ArticlePlan plan;
};

// The extractors' threads give way to the writer's, the run's critical path, and to the rest of
// the desktop, and take what the writer leaves: on two cores a first run over 10,000 articles
// went from 62 to 71 % of the extractors alone. Qt's thread priorities do nothing under Linux's
// default scheduler, where a thread's own nice value does.
void yieldToTheWriter()
{
#ifdef Q_OS_LINUX
    setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 10);
#else
    QThread::currentThread()->setPriority(QThread::LowestPriority);
#endif
}

// Each article once, in the order given: a batch is planned from what its articles held before the
// batches ahead of it were written, so an article in two would be planned from rows gone by then.
QList<RecordId> withoutRepeats(QList<RecordId> ids)
{
    QSet<RecordId> seen;
    ids.removeIf([&seen](RecordId id) {
        const bool repeated = seen.contains(id);
        seen.insert(id);
        return repeated;
    });
    return ids;
}

} // namespace

/// One run on the worker thread: its connection, where it is in the corpus, what it wrote.
class ExtractionJob::Run final {
    Q_DECLARE_TR_FUNCTIONS(ExtractionJob)
public:
    Run(ExtractionJob &job, Store &store, BackgroundCheckpointer *checkpointer, Suggester suggester)
        : m_job(job)
        , m_store(store)
        , m_checkpointer(checkpointer)
        , m_writer(store)
        , m_suggester(std::move(suggester))
    {
    }

    void execute()
    {
        if (m_job.m_wholeCorpus && !startAtResumePoint())
            return;
        const int total = m_job.m_wholeCorpus ? m_store.articleCount() : int(m_job.m_articleIds.size());
        const int resumed = m_done;
        m_job.report([total, resumed](ExtractionJob &job) {
            job.m_total = total;
            job.m_resumed = resumed;
        });

        ExtractionBatches batches = m_job.m_wholeCorpus ? ExtractionBatches(m_store, m_lastRead)
                                                        : ExtractionBatches(m_store, m_job.m_articleIds);
        // The batches being extracted, oldest first. While the oldest is written, the two after it
        // are extracted: the extractors always have a batch to go on with, and the writer finds
        // the next one done, whichever of them is quicker with a given batch (at 10,000 articles a
        // first run kept 1.87 cores busy instead of 1.83).
        std::deque<std::pair<std::shared_ptr<const ExtractionBatch>, QFuture<Extracted>>> inFlight;
        const auto stopExtracting = [&inFlight] {
            for (auto &[batch, extracting] : inFlight)
                extracting.cancel();
            for (auto &[batch, extracting] : inFlight)
                extracting.waitForFinished();
        };
        // Why the next batch could not be read: the run stops there, after writing the batches
        // extracted before it.
        QString readFailure;
        // Begins extracting the next batch, if there is one.
        const auto extractNext = [&] {
            std::shared_ptr<const ExtractionBatch> next = batches.take();
            if (!next->error.isEmpty())
                readFailure = next->error;
            else if (!next->isEmpty())
                inFlight.emplace_back(next, extract(next));
        };
        for (int ahead = 0; ahead < batchesAhead; ++ahead)
            extractNext();
        while (!inFlight.empty() && !m_job.m_cancelled) {
            const auto [current, extracting] = std::move(inFlight.front());
            inFlight.pop_front();
            const QList<Extracted> extracted = extracting.results();
            if (m_job.m_cancelled)
                break;
            // In a project file, the batch after the next one is read meanwhile (ExtractionBatches).
            extractNext();
            if (!write(*current, extracted, total)) {
                stopExtracting();
                return;
            }
        }
        stopExtracting();
        if (!readFailure.isEmpty()) {
            fail(readFailure);
            return;
        }
        // A cancelled run stays unfinished, so the next one continues it.
        if (m_job.m_wholeCorpus && !m_job.m_cancelled && !m_store.setExtractionResumePoint(std::nullopt))
            fail(m_store.errorString());
    }

private:
    bool startAtResumePoint()
    {
        const std::optional<RecordId> resumePoint = m_store.extractionResumePoint();
        m_lastRead = resumePoint.value_or(0);
        m_done = m_store.articleCount() - m_store.articleCountAfter(m_lastRead);
        // Recorded before the first batch, so that a later run knows this one did not finish.
        if (!resumePoint && !m_store.setExtractionResumePoint(0))
            return fail(m_store.errorString());
        return true;
    }

    // A batch read ahead is planned here too, beside the writer: the plans need no store.
    QFuture<Extracted> extract(const std::shared_ptr<const ExtractionBatch> &batch) const
    {
        QList<qsizetype> positions(batch->articles.size());
        std::iota(positions.begin(), positions.end(), 0);
        return QtConcurrent::mapped(&m_extractors, positions,
            [batch, suggester = m_suggester, writer = QThread::currentThread()](qsizetype i) {
                // Not on the writer's own thread, which runs a batch itself when it waits for one
                // its pool has not started.
                if (QThread::currentThread() != writer) {
                    static thread_local const bool yielded = (yieldToTheWriter(), true);
                    Q_UNUSED(yielded);
                }
                const Article &article = batch->articles.at(i);
                Extracted extracted { .suggestions = suggester.suggest(article.text) };
                if (batch->dataVersion)
                    extracted.plan
                        = SuggestionWriter::plan(article.id, batch->stored.at(i), extracted.suggestions);
                return extracted;
            });
    }

    bool write(const ExtractionBatch &batch, const QList<Extracted> &extracted, int total)
    {
        QList<AnnotationSet> suggestions;
        SuggestionWriter::ReadAhead readAhead { .dataVersion = batch.dataVersion.value_or(0),
            .stored = batch.stored };
        for (const Extracted &article : extracted) {
            suggestions << article.suggestions;
            readAhead.plans << article.plan;
        }
        SuggestionCounts counts;
        // The batch is written whole or not at all: a failure ends the run and rolls it all back.
        // So everything inside shares this one transaction: a savepoint of the bulk insert's, the
        // writer's or a record's would undo nothing more, and SQLite would copy every page written
        // while it is open (in memory, past 16 MB into a temporary file) in case it is rolled back to.
        Store::Transaction transaction(m_store, Store::Transaction::Inner::ShareThis);
        // Each article's old suggestions go before its new ones are added, through the writer's
        // removeAnnotations(), which lowers their counts from the rows as it read them; no row
        // added here changes before the commit: the counts and search rows are caught up there.
        Store::BulkInsert bulkInsert(m_store, Store::BulkInsert::Removals::OldSuggestions);
        const bool written = batch.dataVersion
            ? m_writer.write(batch.articles, suggestions, readAhead, &counts)
            : m_writer.write(batch.articles, suggestions, &counts);
        if (!written)
            return fail(m_writer.errorString());
        if ((m_job.m_wholeCorpus && !m_store.setExtractionResumePoint(batch.articles.last().id))
            || !bulkInsert.commit())
            return fail(tr("Cannot save the suggestions: %1").arg(m_store.errorString()));
        if (!transaction.commit())
            return fail(tr("Cannot save the suggestions: %1").arg(m_store.database().lastError().text()));
        if (m_checkpointer)
            m_checkpointer->committed();
        m_done += int(batch.articles.size());
        QList<RecordId> ids;
        for (const Article &article : batch.articles)
            ids << article.id;
        m_job.report([ids, counts, done = m_done, total](ExtractionJob &job) {
            job.m_counts += counts;
            for (const RecordId id : ids)
                Q_EMIT job.articleExtracted(id);
            Q_EMIT job.progressed(done, total);
        });
        return true;
    }

    bool fail(const QString &message)
    {
        m_job.report([message](ExtractionJob &job) { job.m_failure = message; });
        return false;
    }

    ExtractionJob &m_job;
    Store &m_store;
    BackgroundCheckpointer *m_checkpointer; ///< null on a server
    SuggestionWriter m_writer;
    const Suggester m_suggester; ///< taught by the project once, before the run starts
    mutable QThreadPool m_extractors; ///< a thread per core, each yielding to the writer
    RecordId m_lastRead = 0; ///< over the whole corpus: the last article an earlier run wrote
    int m_done = 0;
};

ExtractionJob::ExtractionJob(const Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_wholeCorpus(true)
{
}

ExtractionJob::ExtractionJob(const Store &store, QList<RecordId> articleIds, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_wholeCorpus(false)
    , m_articleIds(withoutRepeats(std::move(articleIds)))
    , m_total(int(m_articleIds.size()))
{
}

ExtractionJob::~ExtractionJob()
{
    if (m_thread) {
        m_cancelled = true;
        m_thread->wait();
    }
}

void ExtractionJob::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancelled = false;
    m_failure.clear();
    m_counts = {};
    m_thread.reset(QThread::create([this] { run(); }));
    connect(m_thread.get(), &QThread::finished, this, &ExtractionJob::runFinished);
    m_thread->start();
}

void ExtractionJob::cancel()
{
    m_cancelled = true;
}

void ExtractionJob::run()
{
    StoreError error;
    const std::unique_ptr<Store> store = m_store.openConnection(Store::Mode::ReadWrite, &error);
    if (!store) {
        report([message = error.message](ExtractionJob &job) { job.m_failure = message; });
        return;
    }
    Suggester suggester = Suggester::forProject(*store);
    // Declared after the connection, so gone before it: until then it copies the log through a
    // connection of its own.
    std::unique_ptr<BackgroundCheckpointer> checkpointer;
    if (SqlDialect::of(store->database()).isSqlite()) {
        // Each batch's commit waits for no flush to the disk, on this connection only: in WAL mode
        // a commit then survives the process being killed, and a power loss can undo only the
        // last batches, never corrupt the project. Their resume point goes with them, in the same
        // transaction, so the next run extracts them again. Two flushes per batch otherwise.
        QSqlQuery(store->database()).exec(u"PRAGMA synchronous = NORMAL"_s);
        checkpointer = BackgroundCheckpointer::start(store->database());
    }
    Run(*this, *store, checkpointer.get(), std::move(suggester)).execute();
}

template<typename Function> void ExtractionJob::report(Function function)
{
    // Queued behind the worker's earlier reports and before runFinished(), in order.
    QMetaObject::invokeMethod(
        this, [this, function = std::move(function)] { function(*this); }, Qt::QueuedConnection);
}

void ExtractionJob::runFinished()
{
    m_thread->wait();
    m_thread.reset();
    m_running = false;
    if (!m_failure.isEmpty())
        Q_EMIT failed(m_failure);
    else
        Q_EMIT finished(m_counts, m_cancelled);
}

} // namespace Byline

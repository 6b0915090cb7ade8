// SPDX-License-Identifier: GPL-3.0-or-later
#include "formatjob.h"

#include "formatregistry.h"
#include "importplan.h"
#include "store.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Often enough for a progress bar to move smoothly, rarely enough not to flood the event loop.
constexpr qint64 progressInterval = 100; // ms

} // namespace

FormatJob::FormatJob(Work work, QObject *parent)
    : QObject(parent)
    , m_work(std::move(work))
{
    connect(&m_watcher, &QFutureWatcher<FormatJobResult>::finished, this, [this] {
        // The work says whether it stopped: a cancel that came after the last article changes nothing.
        Q_EMIT finished(m_watcher.result());
    });
}

FormatJob::~FormatJob()
{
    m_cancelled = true;
    m_watcher.waitForFinished();
}

FormatJob *FormatJob::exportTo(const Store &store, const QString &formatName, const FormatOptions &options,
    const ExportSelection &selection, const QString &path, QObject *parent)
{
    auto work = [&store, formatName, options, selection, path](const FormatProgress &progress) {
        FormatJobResult result;
        auto format = FormatRegistry::create(formatName);
        if (!format || !format->capabilities().testFlag(DatasetFormat::CanWrite)) {
            result.error = DatasetFormat::tr("Byline cannot write %1.").arg(formatName);
            return result;
        }
        StoreError error;
        const auto connection = store.openConnection(Store::Mode::ReadOnly, &error);
        if (!connection) {
            result.error = error.message;
            return result;
        }
        const SelectedArticles articles(*connection, selection);
        if (!articles.isValid()) {
            result.error = articles.errorString();
            return result;
        }
        // The formats count against the whole project; the selection knows how many it takes.
        const qint64 total = articles.count();
        format->setOptions(options);
        format->setSelection(selection);
        bool stopped = false;
        result.succeeded = format->write(*connection, path, [&](qint64 done, qint64) {
            stopped = !progress(done, total);
            return !stopped;
        });
        if (result.succeeded)
            result.articles = total;
        else if (stopped)
            result.cancelled = true; // the format's "cancelled" is not a failure to report
        else
            result.error = format->errorString();
        return result;
    };
    return new FormatJob(work, parent);
}

FormatJob *FormatJob::importFrom(const Store &store, const QString &formatName, const FormatOptions &options,
    const QStringList &paths, QObject *parent)
{
    auto work = [&store, formatName, options, paths](const FormatProgress &progress) {
        FormatJobResult result;
        StoreError error;
        const auto connection = store.openConnection(Store::Mode::ReadWrite, &error);
        if (!connection) {
            result.error = error.message;
            return result;
        }
        // The rows commit before they are indexed for search: the window's SearchIndexer does
        // that afterwards (Document::notifyArticlesAdded()).
        connection->setSearchIndexing(Store::SearchIndexing::Deferred);
        // The files' documents refer only to their own rows (see Store::ForeignKeysOff).
        const Store::ForeignKeysOff unchecked(*connection);
        Store::Transaction whole(*connection);
        if (!whole.isOpen()) {
            result.error = connection->errorString();
            return result;
        }
        bool cancelled = false;
        const auto cancellable = [&](qint64 done, qint64 total) {
            cancelled = !progress(done, total);
            return !cancelled;
        };
        const ImportPlan plan = ImportPlan::make(paths, formatName);
        result.warnings << plan.errors() << plan.warnings();
        for (const auto &[path, unitFormat] : plan.units()) {
            const auto format = FormatRegistry::create(unitFormat);
            if (!format || !format->capabilities().testFlag(DatasetFormat::CanRead)) {
                result.warnings << DatasetFormat::tr("%1: no format Byline reads; choose one.")
                                       .arg(QFileInfo(path).fileName());
                continue;
            }
            format->setOptions(options);
            // Each file in a savepoint of its own, so that one bad file leaves the others in.
            Store::Transaction file(*connection);
            FormatReadReport report;
            const bool read = format->read(*connection, path, &report, cancellable);
            if (cancelled)
                break;
            if (!read) {
                result.warnings << format->errorString();
                result.failedFiles << path;
                continue;
            }
            if (!file.commit()) {
                result.error = connection->errorString();
                return result;
            }
            result.articles += report.articles;
            result.skipped += report.skipped;
            result.warnings << report.warnings;
            for (const QString &record : std::as_const(report.badRecords))
                result.warnings << DatasetFormat::tr("skipped a bad record: %1").arg(record);
        }
        if (cancelled) {
            result.cancelled = true;
            result.articles = 0;
            return result; // the whole import rolls back
        }
        result.succeeded = whole.commit();
        if (!result.succeeded)
            result.error = connection->errorString();
        return result;
    };
    return new FormatJob(work, parent);
}

void FormatJob::start()
{
    if (m_watcher.isRunning())
        return;
    m_cancelled = false;
    // Runs on the worker thread: signals sent from there reach the window through its event loop.
    auto progress = [this, clock = QElapsedTimer()](qint64 done, qint64 total) mutable {
        if (!clock.isValid() || clock.elapsed() >= progressInterval || (total > 0 && done >= total)) {
            clock.start();
            Q_EMIT progressed(done, total);
        }
        return !m_cancelled.load();
    };
    m_watcher.setFuture(QtConcurrent::run([work = m_work, progress]() mutable { return work(progress); }));
}

void FormatJob::cancel()
{
    m_cancelled = true;
}

} // namespace Byline

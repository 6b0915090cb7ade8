// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"
#include "exportselection.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace Byline {

class Store;

/// What a finished export or import did.
struct FormatJobResult {
    bool succeeded = false;
    bool cancelled = false;
    QString error; ///< why it failed; empty when it succeeded or was cancelled
    qint64 articles = 0; ///< written, or imported
    int skipped = 0; ///< import: articles already in the project, and bad records skipped
    QStringList warnings; ///< import: what was skipped and why, and the files that could not be read
    QStringList failedFiles; ///< import: the files and folders a format refused, none of them taken
};

/// Runs one export or import through a dataset format on the thread pool, so that the window
/// stays responsive, with progress and cancel. The work opens its own connection to the
/// project (Store::openConnection) on the worker thread; the store given must outlive the job,
/// whose destructor waits for the work to end.
///
/// A cancelled or failed export leaves no file: the formats write through QSaveFile or
/// FolderWriter, which put the result in place only when it is complete. An import runs in one
/// transaction: a cancel takes nothing; a file that cannot be read is reported and left out,
/// and the other files are kept.
class FormatJob final : public QObject {
    Q_OBJECT
public:
    /// Writes what the selection takes from the project to path, with the format of this short
    /// name and these options.
    static FormatJob *exportTo(const Store &store, const QString &formatName, const FormatOptions &options,
        const ExportSelection &selection, const QString &path, QObject *parent = nullptr);
    /// Reads files and folders into the project with the format of this short name or, when it
    /// is empty, the one each file or folder is (see ImportPlan).
    static FormatJob *importFrom(const Store &store, const QString &formatName, const FormatOptions &options,
        const QStringList &paths, QObject *parent = nullptr);
    ~FormatJob() override;

    void start();
    /// Asks the work to stop; finished() follows with cancelled set.
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    /// Blocks until the work has ended (closing the window, tests).
    void waitForFinished() { m_watcher.waitForFinished(); }

Q_SIGNALS:
    /// Articles (or, for an import of unknown length, records) done; total is 0 when unknown.
    /// Sent at most a few times a second.
    void progressed(qint64 done, qint64 total);
    void finished(const Byline::FormatJobResult &result);

private:
    using Work = std::function<FormatJobResult(const FormatProgress &progress)>;
    FormatJob(Work work, QObject *parent);

    Work m_work;
    std::atomic<bool> m_cancelled = false;
    QFutureWatcher<FormatJobResult> m_watcher;
};

} // namespace Byline

Q_DECLARE_METATYPE(Byline::FormatJobResult)

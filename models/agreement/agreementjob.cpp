// SPDX-License-Identifier: GPL-3.0-or-later
#include "agreement/agreementjob.h"

#include "agreement/agreementrun.h"
#include "store.h"

#include <QtConcurrentRun>

namespace Byline {

AgreementJob::AgreementJob(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome outcome = m_watcher.result();
        if (!outcome.error.isEmpty())
            Q_EMIT failed(outcome.error);
        else
            Q_EMIT finished(outcome.report, m_cancelled->load());
    });
}

AgreementJob::~AgreementJob()
{
    cancel();
    m_watcher.waitForFinished();
}

void AgreementJob::start(const QString &projectPath)
{
    if (m_watcher.isRunning())
        return;
    m_cancelled = std::make_shared<std::atomic<bool>>(false);
    // the destructor waits for the worker, so the job outlives every progress call
    AgreementJob *job = this;
    m_watcher.setFuture(QtConcurrent::run([projectPath, cancelled = m_cancelled, job] {
        Outcome outcome;
        StoreError error;
        const auto store = Store::open(projectPath, Store::Mode::ReadOnly, &error);
        if (!store) {
            outcome.error = error.message;
            return outcome;
        }
        int reported = -1;
        outcome.report = AgreementRun::run(*store, [&](int done, int total) {
            // a signal per percent, not per article: the event queue stays short
            const int percent = total ? int(qint64(done) * 100 / total) : 100;
            if (percent != reported || done == total) {
                reported = percent;
                QMetaObject::invokeMethod(
                    job, [job, done, total] { Q_EMIT job->progressed(done, total); }, Qt::QueuedConnection);
            }
            return !cancelled->load();
        });
        return outcome;
    }));
}

void AgreementJob::cancel()
{
    if (m_cancelled)
        m_cancelled->store(true);
}

} // namespace Byline

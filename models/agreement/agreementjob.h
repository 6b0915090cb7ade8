// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agreement/agreement.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace Byline {

/// Computes a project's agreement on a worker thread, through a read-only connection of
/// its own (a SQLite connection belongs to the thread that opened it), so that the window
/// stays responsive over 100,000 articles. Reports progress and can be cancelled.
class AgreementJob final : public QObject {
    Q_OBJECT
public:
    explicit AgreementJob(QObject *parent = nullptr);
    ~AgreementJob() override;

    void start(const QString &projectPath);
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void progressed(int done, int total);
    void finished(const Byline::AgreementReport &report, bool cancelled);
    void failed(const QString &message);

private:
    struct Outcome {
        AgreementReport report;
        QString error;
    };
    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
};

} // namespace Byline

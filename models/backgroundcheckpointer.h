// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

class QSqlDatabase;
struct sqlite3;

namespace Byline {

/// Copies a project file's write-ahead log into the file on a thread of its own, through a
/// connection of its own, while another connection writes in many short transactions (a corpus
/// extraction commits a batch at a time).
///
/// SQLite otherwise copies the log at the end of the commit that makes it pass wal_autocheckpoint
/// pages, on the writer's thread: a seventh of a first extraction run, while the second core had
/// time to spare. The writer's own checkpoints stay as a bound, set far apart while this one runs,
/// so the log cannot grow without end if this one falls behind. A checkpoint of this kind
/// (PASSIVE) never makes the writer or a reader wait.
class BackgroundCheckpointer final {
public:
    /// Null when writer is not a connection to a SQLite file in WAL mode. The writer's connection
    /// must stay open until this one is gone: it sets the writer's bound back then.
    static std::unique_ptr<BackgroundCheckpointer> start(const QSqlDatabase &writer);
    /// Stops after copying what the log holds, and gives the writer its own setting back.
    ~BackgroundCheckpointer();
    BackgroundCheckpointer(const BackgroundCheckpointer &) = delete;
    BackgroundCheckpointer &operator=(const BackgroundCheckpointer &) = delete;

    /// The writer committed: the log has pages to copy.
    void committed();
    /// The checkpoints this one ran, for tests.
    int checkpoints() const;

private:
    BackgroundCheckpointer(sqlite3 *writer, sqlite3 *connection, int writerAutoCheckpoint);
    void run(std::stop_token stop);

    sqlite3 *m_writer;
    sqlite3 *m_connection; ///< its own, opened on the writer's file
    int m_writerAutoCheckpoint; ///< the writer's setting before, in pages
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    bool m_pending = false; ///< a commit since the last checkpoint
    int m_checkpoints = 0;
    std::jthread m_thread; ///< last: it starts once the rest is set
};

} // namespace Byline

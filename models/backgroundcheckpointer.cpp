// SPDX-License-Identifier: GPL-3.0-or-later
#include "backgroundcheckpointer.h"

#include "sqliteconnection.h"

#include <QLoggingCategory>

#include <sqlite3.h>

namespace Byline {

namespace {

Q_LOGGING_CATEGORY(lcCheckpoint, "byline.checkpoint", QtWarningMsg)

// The writer's own checkpoints while this one runs: 64 MB of log in a project of 16 kB pages.
// The log is rewound only when a write starts after a checkpoint copied all of it, and this one
// seldom finishes between two batches: the writer's checkpoint at this bound does, with little
// left to copy. (In a 10,000-article extraction, 2,000 pages kept nearly all of the gain.)
constexpr int writerAutoCheckpointPages = 4'000;

int pragmaValue(sqlite3 *connection, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    int value = -1;
    if (sqlite3_prepare_v2(connection, sql, -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW)
        value = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    return value;
}

} // namespace

std::unique_ptr<BackgroundCheckpointer> BackgroundCheckpointer::start(const QSqlDatabase &writer)
{
    sqlite3 *writerConnection = sqliteConnection(writer);
    if (!writerConnection)
        return nullptr;
    const char *path = sqlite3_db_filename(writerConnection, "main");
    if (!path || !*path)
        return nullptr; // in memory
    sqlite3 *connection = nullptr;
    if (sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        qCWarning(lcCheckpoint) << "cannot open" << path << sqlite3_errmsg(connection);
        sqlite3_close(connection);
        return nullptr;
    }
    // Like the writer's: the log is flushed at each checkpoint, not at each commit.
    sqlite3_exec(connection, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
    sqlite3_stmt *mode = nullptr;
    bool wal = false;
    if (sqlite3_prepare_v2(connection, "PRAGMA journal_mode", -1, &mode, nullptr) == SQLITE_OK
        && sqlite3_step(mode) == SQLITE_ROW)
        wal = qstricmp(reinterpret_cast<const char *>(sqlite3_column_text(mode, 0)), "wal") == 0;
    sqlite3_finalize(mode);
    const int autoCheckpoint = pragmaValue(writerConnection, "PRAGMA wal_autocheckpoint");
    if (!wal || autoCheckpoint < 0) {
        sqlite3_close(connection);
        return nullptr;
    }
    return std::unique_ptr<BackgroundCheckpointer>(
        new BackgroundCheckpointer(writerConnection, connection, autoCheckpoint));
}

BackgroundCheckpointer::BackgroundCheckpointer(sqlite3 *writer, sqlite3 *connection, int writerAutoCheckpoint)
    : m_writer(writer)
    , m_connection(connection)
    , m_writerAutoCheckpoint(writerAutoCheckpoint)
    , m_thread([this](std::stop_token stop) { run(stop); })
{
    if (writerAutoCheckpoint > 0)
        sqlite3_wal_autocheckpoint(m_writer, std::max(writerAutoCheckpoint, writerAutoCheckpointPages));
}

BackgroundCheckpointer::~BackgroundCheckpointer()
{
    m_thread.request_stop();
    m_thread.join();
    sqlite3_wal_autocheckpoint(m_writer, m_writerAutoCheckpoint);
    sqlite3_close(m_connection);
}

void BackgroundCheckpointer::committed()
{
    {
        const std::lock_guard lock(m_mutex);
        m_pending = true;
    }
    m_wake.notify_one();
}

int BackgroundCheckpointer::checkpoints() const
{
    const std::lock_guard lock(m_mutex);
    return m_checkpoints;
}

void BackgroundCheckpointer::run(std::stop_token stop)
{
    bool stopping = false;
    while (!stopping) {
        {
            std::unique_lock lock(m_mutex);
            // Woken by a commit, or by the stop request for the last copy.
            m_wake.wait(lock, stop, [this] { return m_pending; });
            m_pending = false;
            stopping = stop.stop_requested();
        }
        int logPages = 0;
        int copied = 0;
        const int result
            = sqlite3_wal_checkpoint_v2(m_connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied);
        // Busy: the writer's own checkpoint is running; the next commit wakes this one again.
        if (result != SQLITE_OK && result != SQLITE_BUSY)
            qCWarning(lcCheckpoint) << "checkpoint failed:" << sqlite3_errmsg(m_connection);
        const std::lock_guard lock(m_mutex);
        ++m_checkpoints;
    }
}

} // namespace Byline

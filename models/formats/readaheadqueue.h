// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace Byline {

/// The hand-over between a thread that reads and parses a file's records and the caller that
/// stores them (JsonlReadAhead, W3cReadAhead). Records cross in batches, one lock per batch and
/// not per record, and only a few batches may wait: memory stays flat whatever the file's size.
template<typename Record> class ReadAheadQueue final {
public:
    /// A batch is handed over when it holds this many records or bytes, whichever comes first,
    /// so that a batch of long records stays small.
    ReadAheadQueue(std::size_t batchRecords, qsizetype batchBytes)
        : m_batchRecords(batchRecords)
        , m_batchBytes(batchBytes)
    {
    }

    /// The reader's: adds a record that took this many bytes of the file. False when the caller
    /// is gone: the reader stops.
    bool add(Record record, qsizetype bytes)
    {
        m_filling.push_back(std::move(record));
        m_fillingBytes += bytes;
        if (m_filling.size() < m_batchRecords && m_fillingBytes < m_batchBytes)
            return true;
        m_fillingBytes = 0;
        return hand();
    }

    /// The reader's last word: what is left goes over, and nothing comes after it. error says why
    /// the reading stopped before the end of the file, if it did.
    void finish(const QString &error)
    {
        hand();
        const std::lock_guard lock(m_mutex);
        m_error = error;
        m_finished = true;
        m_changed.notify_all();
    }

    /// The caller's: the next record; nothing once the reader finished and all were taken.
    std::optional<Record> next()
    {
        if (m_taken == m_current.size()) {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_ready.empty() || m_finished; });
            if (m_ready.empty())
                return std::nullopt;
            m_current = std::move(m_ready.front());
            m_ready.pop_front();
            m_taken = 0;
            m_changed.notify_all();
        }
        return std::move(m_current[m_taken++]);
    }

    /// Given to finish(); known once next() returned nothing.
    QString errorString() const { return m_error; }

    /// The caller is gone: the reader's next add() says stop, and a reader waiting for room wakes.
    void stop()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopped = true;
        }
        m_changed.notify_all();
    }

private:
    using Batch = std::vector<Record>;
    // How many batches may wait for the caller before the reader waits in turn.
    static constexpr std::size_t readyBatches = 4;

    // Waits for room, then hands the batch being filled over; false when the caller is gone.
    bool hand()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_stopped || m_ready.size() < readyBatches; });
        if (m_stopped)
            return false;
        if (!m_filling.empty())
            m_ready.push_back(std::exchange(m_filling, {}));
        m_changed.notify_all();
        return true;
    }

    const std::size_t m_batchRecords;
    const qsizetype m_batchBytes;
    Batch m_filling; ///< the reader's own, until handed over
    qsizetype m_fillingBytes = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_ready; ///< parsed, not yet taken
    bool m_finished = false; ///< nothing more comes after m_ready
    bool m_stopped = false;
    QString m_error;
    Batch m_current; ///< the batch next() takes from, the caller's own
    std::size_t m_taken = 0;
};

} // namespace Byline

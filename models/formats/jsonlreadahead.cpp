// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlreadahead.h"

#include "jsonlcodec.h"
#include "linestream.h"

namespace Byline {

namespace {

// A batch is handed over when it holds this many records or bytes, whichever comes first: one
// lock per batch, not per line, and a batch of long articles stays small.
constexpr std::size_t batchRecords = 32;
constexpr qsizetype batchBytes = 1024 * 1024;
// How many batches may wait for the caller before the reader waits in turn.
constexpr std::size_t readyBatches = 4;

} // namespace

JsonlReadAhead::JsonlReadAhead(QIODevice &device, qsizetype maximumLength, OffsetUnit unit)
    : m_thread([this, &device, maximumLength, unit] { read(device, maximumLength, unit); })
{
}

JsonlReadAhead::~JsonlReadAhead()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void JsonlReadAhead::read(QIODevice &device, qsizetype maximumLength, OffsetUnit unit)
{
    LineStream lines(device, maximumLength);
    Batch batch;
    qsizetype bytes = 0;
    while (const auto line = lines.next()) {
        if (!lines.tooLong() && line->trimmed().isEmpty())
            continue;
        Record record;
        record.lineNumber = lines.lineNumber();
        if (lines.tooLong())
            record.problem = lines.tooLongReason();
        else
            record.document = JsonlCodec::read(*line, &record.problem, unit);
        bytes += line->size();
        batch.push_back(std::move(record));
        if ((batch.size() >= batchRecords || bytes >= batchBytes) && !hand(batch))
            return;
        if (batch.empty())
            bytes = 0;
    }
    hand(batch);
    const std::lock_guard lock(m_mutex);
    m_error = lines.errorString();
    m_finished = true;
    m_changed.notify_all();
}

// Waits for room, then hands the batch over; false when the caller is gone.
bool JsonlReadAhead::hand(Batch &batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stopped || m_ready.size() < readyBatches; });
    if (m_stopped)
        return false;
    if (!batch.empty())
        m_ready.push_back(std::exchange(batch, {}));
    m_changed.notify_all();
    return true;
}

std::optional<JsonlReadAhead::Record> JsonlReadAhead::next()
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

} // namespace Byline

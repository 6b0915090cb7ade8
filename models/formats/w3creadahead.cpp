// SPDX-License-Identifier: GPL-3.0-or-later
#include "w3creadahead.h"

#include "w3cannotationstream.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// As JsonlReadAhead's: a batch is handed over at this many annotations or bytes, whichever comes
// first, and this many may wait for the caller.
constexpr std::size_t batchRecords = 64;
constexpr qsizetype batchBytes = 1024 * 1024;
constexpr std::size_t readyBatches = 4;

} // namespace

W3cReadAhead::W3cReadAhead(QIODevice &device, qsizetype maximumLength, bool stopAtProblem)
    : m_thread([this, &device, maximumLength, stopAtProblem] { read(device, maximumLength, stopAtProblem); })
{
}

W3cReadAhead::~W3cReadAhead()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void W3cReadAhead::read(QIODevice &device, qsizetype maximumLength, bool stopAtProblem)
{
    W3cAnnotationStream annotations(device, maximumLength);
    Batch batch;
    qsizetype bytes = 0;
    bool stopping = false;
    while (!stopping) {
        const auto item = annotations.next();
        if (!item)
            break;
        Record record;
        record.field = item->field;
        record.line = item->line;
        if (item->tooLong) {
            record.problem = annotations.tooLongReason();
        } else {
            QJsonParseError parseError;
            // Parsed in place: the document keeps none of the bytes.
            const QJsonDocument json = QJsonDocument::fromJson(
                QByteArray::fromRawData(item->bytes.data(), item->bytes.size()), &parseError);
            if (parseError.error != QJsonParseError::NoError || !json.isObject())
                record.problem = W3cAnnotationStream::tr("not JSON (%1), or not an annotation object")
                                     .arg(parseError.errorString());
            else
                record.annotation = json.object();
        }
        stopping = stopAtProblem && !record.problem.isEmpty();
        bytes += item->bytes.size();
        batch.push_back(std::move(record));
        if ((batch.size() >= batchRecords || bytes >= batchBytes) && !hand(batch))
            return;
        if (batch.empty())
            bytes = 0;
    }
    hand(batch);
    const std::lock_guard lock(m_mutex);
    m_error = annotations.errorString();
    m_finished = true;
    m_changed.notify_all();
}

// Waits for room, then hands the batch over; false when the caller is gone.
bool W3cReadAhead::hand(Batch &batch)
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

std::optional<W3cReadAhead::Record> W3cReadAhead::next()
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

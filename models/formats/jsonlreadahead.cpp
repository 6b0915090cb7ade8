// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlreadahead.h"

#include "jsonlcodec.h"
#include "linestream.h"
#include "texthash.h"

namespace Byline {

namespace {

// A batch is handed over when it holds this many records or bytes, whichever comes first: one
// lock per batch, not per line, and a batch of long articles stays small.
constexpr std::size_t batchRecords = 32;
constexpr qsizetype batchBytes = 1024 * 1024;

} // namespace

JsonlReadAhead::JsonlReadAhead(QIODevice &device, qsizetype maximumLength, OffsetUnit unit)
    : m_queue(batchRecords, batchBytes)
    , m_thread([this, &device, maximumLength, unit] { read(device, maximumLength, unit); })
{
}

JsonlReadAhead::~JsonlReadAhead()
{
    m_queue.stop();
    m_thread.join();
}

void JsonlReadAhead::read(QIODevice &device, qsizetype maximumLength, OffsetUnit unit)
{
    LineStream lines(device, maximumLength);
    while (const auto line = lines.next()) {
        if (!lines.tooLong() && line->trimmed().isEmpty())
            continue;
        Record record;
        record.lineNumber = lines.lineNumber();
        if (lines.tooLong())
            record.problem = lines.tooLongReason();
        else
            record.document = JsonlCodec::read(*line, &record.problem, unit);
        // Hashed here, beside the storing thread, which looks the article up by its hash.
        if (record.document)
            textHash(record.document->article.text);
        if (!m_queue.add(std::move(record), line->size()))
            return;
    }
    m_queue.finish(lines.errorString());
}

std::optional<JsonlReadAhead::Record> JsonlReadAhead::next()
{
    return m_queue.next();
}

} // namespace Byline

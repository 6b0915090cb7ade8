// SPDX-License-Identifier: GPL-3.0-or-later
#include "w3creadahead.h"

#include "w3cannotationstream.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// As JsonlReadAhead's: a batch is handed over at this many annotations or bytes, whichever comes
// first.
constexpr std::size_t batchRecords = 64;
constexpr qsizetype batchBytes = 1024 * 1024;

} // namespace

W3cReadAhead::W3cReadAhead(QIODevice &device, qsizetype maximumLength, bool stopAtProblem)
    : m_queue(batchRecords, batchBytes)
    , m_thread([this, &device, maximumLength, stopAtProblem] { read(device, maximumLength, stopAtProblem); })
{
}

W3cReadAhead::~W3cReadAhead()
{
    m_queue.stop();
    m_thread.join();
}

void W3cReadAhead::read(QIODevice &device, qsizetype maximumLength, bool stopAtProblem)
{
    W3cAnnotationStream annotations(device, maximumLength);
    while (const auto item = annotations.next()) {
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
        const bool stopping = stopAtProblem && !record.problem.isEmpty();
        if (!m_queue.add(std::move(record), item->bytes.size()))
            return;
        if (stopping)
            break;
    }
    m_queue.finish(annotations.errorString());
}

std::optional<W3cReadAhead::Record> W3cReadAhead::next()
{
    return m_queue.next();
}

} // namespace Byline

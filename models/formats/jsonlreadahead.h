// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/datasetdocument.h"
#include "fileoffsets.h"
#include "readaheadqueue.h"

#include <QString>

#include <optional>
#include <thread>

class QIODevice;

namespace Byline {

/// Parses the lines of a JSONL file on a thread of its own while the caller stores the records
/// before them: parsing and storing each take a good part of an import, and the machine has a
/// core for each. Records come in file order. Bounded: a few batches wait at most, so memory
/// stays flat whatever the file's size. The device belongs to the reading thread until the
/// object is destroyed.
class JsonlReadAhead final {
public:
    /// A non-empty line: its document, or why it has none.
    struct Record {
        qint64 lineNumber = 0;
        std::optional<DatasetDocument> document;
        QString problem;
    };

    JsonlReadAhead(QIODevice &device, qsizetype maximumLength, OffsetUnit unit = OffsetUnit::CodePoints);
    /// Stops the reading thread, wherever it is.
    ~JsonlReadAhead();
    JsonlReadAhead(const JsonlReadAhead &) = delete;
    JsonlReadAhead &operator=(const JsonlReadAhead &) = delete;

    /// The next record; nothing at the end of the file or when the device failed.
    std::optional<Record> next();
    /// Set when the device failed; known once next() returned nothing.
    QString errorString() const { return m_queue.errorString(); }

private:
    void read(QIODevice &device, qsizetype maximumLength, OffsetUnit unit);

    ReadAheadQueue<Record> m_queue;
    std::thread m_thread; ///< after the queue, which it uses from its start
};

} // namespace Byline

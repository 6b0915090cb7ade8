// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/datasetdocument.h"
#include "fileoffsets.h"

#include <QString>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

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
    QString errorString() const { return m_error; }

private:
    using Batch = std::vector<Record>;
    void read(QIODevice &device, qsizetype maximumLength, OffsetUnit unit);
    bool hand(Batch &batch);

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_ready; ///< parsed, not yet taken
    bool m_finished = false; ///< the reader reached the end: nothing more comes after m_ready
    bool m_stopped = false; ///< the caller is gone: the reader stops
    QString m_error;
    Batch m_current; ///< the batch next() takes from, the caller's own
    std::size_t m_taken = 0;
    std::thread m_thread;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

class QIODevice;

namespace Byline {

/// Reads and parses the annotations of a W3C Web Annotation file (W3cAnnotationStream) on a
/// thread of its own while the caller checks and stores the ones before them: parsing is a third
/// of an import, and the machine has a core for it. Annotations come in file order. Bounded: a
/// few batches wait at most, so memory stays flat whatever the file's size. The device belongs
/// to the reading thread until the object is destroyed.
class W3cReadAhead final {
public:
    /// An annotation: its object, or why it has none.
    struct Record {
        QString field; ///< as W3cAnnotationStream::Annotation's
        qint64 line = 0;
        std::optional<QJsonObject> annotation;
        QString problem;
    };

    /// With stopAtProblem, the reader stops after the first record with a problem, which ends
    /// an import that skips none: not to read on through a gigabyte the caller will not take.
    W3cReadAhead(QIODevice &device, qsizetype maximumLength, bool stopAtProblem);
    /// Stops the reading thread once the annotation it reads is read.
    ~W3cReadAhead();
    W3cReadAhead(const W3cReadAhead &) = delete;
    W3cReadAhead &operator=(const W3cReadAhead &) = delete;

    /// The next annotation; nothing at the end, or when the file is no collection, page, array
    /// or annotation, or the device failed.
    std::optional<Record> next();
    /// Why the reading stopped before the end; known once next() returned nothing.
    QString errorString() const { return m_error; }

private:
    using Batch = std::vector<Record>;
    void read(QIODevice &device, qsizetype maximumLength, bool stopAtProblem);
    bool hand(Batch &batch);

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_ready; ///< parsed, not yet taken
    bool m_finished = false; ///< the reader is done: nothing more comes after m_ready
    bool m_stopped = false; ///< the caller is gone: the reader stops
    QString m_error;
    Batch m_current; ///< the batch next() takes from, the caller's own
    std::size_t m_taken = 0;
    std::thread m_thread;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "readaheadqueue.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <thread>

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
    QString errorString() const { return m_queue.errorString(); }

private:
    void read(QIODevice &device, qsizetype maximumLength, bool stopAtProblem);

    ReadAheadQueue<Record> m_queue;
    std::thread m_thread; ///< after the queue, which it uses from its start
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <optional>

class QIODevice;

namespace Byline {

/// Splits a JSON array into the bytes of its elements without parsing them, so that a large
/// export is read one element at a time. The file is read in windows of a fixed size, an
/// element cut by a window's end carried into the next: memory holds a window and the element
/// being read, whatever the file's size. An element longer than a cap is read to its end
/// without being held, as LineStream refuses a long line. The elements themselves are left to
/// QJsonDocument, which reports their errors.
class JsonArrayScanner final {
    Q_DECLARE_TR_FUNCTIONS(JsonArrayScanner)
public:
    /// Large reads keep the system calls few; a window is all of the file memory holds besides
    /// an element.
    static constexpr qsizetype defaultWindow = 1024 * 1024;

    /// Reads from the open device, from its current position, and decides whether it holds an
    /// array (white space and a byte order mark before it allowed).
    JsonArrayScanner(QIODevice &device, qsizetype maximumElement, qsizetype window = defaultWindow);

    /// Whether the device holds an array.
    bool isArray() const { return m_isArray; }
    /// The next element, or nothing at the end of the array or on an error. The view lasts
    /// until the next call. An element over the cap comes back empty, with tooLong() set.
    std::optional<QByteArrayView> next();
    /// The last element was longer than the cap, and came back without its bytes.
    bool tooLong() const { return m_tooLong; }
    /// Why the last next() returned nothing, empty at a proper end.
    QString errorString() const { return m_error; }

private:
    bool fill();
    bool available();
    bool skipSpace();
    std::optional<QByteArrayView> fail(const QString &message);

    QIODevice &m_device;
    qsizetype m_maximumElement;
    qsizetype m_window;
    QByteArray m_buffer;
    qsizetype m_position = 0; ///< the next byte to scan, in m_buffer
    qsizetype m_end = 0; ///< bytes of m_buffer holding data
    qsizetype m_elementStart = -1; ///< where the element being read starts in m_buffer; -1 between
    qint64 m_dropped = 0; ///< bytes of the device before m_buffer's first
    qsizetype m_count = 0;
    bool m_isArray = false;
    bool m_atEnd = false;
    bool m_done = false;
    bool m_tooLong = false;
    QString m_error;
};

} // namespace Byline

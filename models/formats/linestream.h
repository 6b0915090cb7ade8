// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>

#include <optional>

class QIODevice;

namespace Byline {

/// Reads a file line by line through one large buffer, refusing a line longer than a cap
/// without ever holding more than the cap: a hostile gigabyte without a line feed costs the
/// cap, not a gigabyte, and the lines after it can still be read.
class LineStream final {
    Q_DECLARE_TR_FUNCTIONS(LineStream)
public:
    /// What importers accept by default: far above any article, far below the memory of a laptop.
    static constexpr qsizetype defaultMaximumLength = 64 * 1024 * 1024;

    LineStream(QIODevice &device, qsizetype maximumLength = defaultMaximumLength);

    /// The next line without its line feed (or CR LF); nothing at the end of the file or when
    /// the device fails. The view lasts until the next call. A line over the cap comes back
    /// empty, with tooLong() set, and is skipped.
    std::optional<QByteArrayView> next();
    /// The number of the line next() returned last, counting from 1.
    qint64 lineNumber() const { return m_lineNumber; }
    bool tooLong() const { return m_tooLong; }
    /// "longer than 64 MiB", for the message of a line that was too long.
    QString tooLongReason() const;
    /// Set when the device failed.
    QString errorString() const { return m_error; }
    /// Bytes consumed so far, for progress.
    qint64 position() const { return m_consumed; }

private:
    bool fill();

    QIODevice &m_device;
    qsizetype m_maximumLength;
    QByteArray m_buffer;
    qsizetype m_start = 0; ///< where the next line begins in m_buffer
    qsizetype m_end = 0; ///< bytes of m_buffer holding data
    qint64 m_lineNumber = 0;
    qint64 m_consumed = 0;
    bool m_tooLong = false;
    bool m_atEnd = false;
    QString m_error;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "linestream.h"

#include <QIODevice>

#include <cstring>

namespace Byline {

namespace {

// Large reads keep the system calls few; the buffer grows only as far as the longest line.
constexpr qsizetype chunkSize = 1024 * 1024;

} // namespace

LineStream::LineStream(QIODevice &device, qsizetype maximumLength)
    : m_device(device)
    , m_maximumLength(maximumLength)
{
}

// Moves the unread bytes to the front and reads more after them. False at the end of the file.
bool LineStream::fill()
{
    if (m_atEnd)
        return false;
    if (m_start > 0) {
        std::memmove(m_buffer.data(), m_buffer.constData() + m_start, m_end - m_start);
        m_end -= m_start;
        m_start = 0;
    }
    if (m_buffer.size() < m_end + chunkSize)
        m_buffer.resize(m_end + chunkSize);
    const qint64 read = m_device.read(m_buffer.data() + m_end, chunkSize);
    if (read < 0)
        m_error = m_device.errorString();
    if (read <= 0) {
        m_atEnd = true;
        return false;
    }
    m_end += read;
    return true;
}

std::optional<QByteArrayView> LineStream::next()
{
    m_tooLong = false;
    qsizetype scanned = m_start;
    for (;;) {
        const auto *found = static_cast<const char *>(
            std::memchr(m_buffer.constData() + scanned, '\n', size_t(m_end - scanned)));
        if (found || (m_atEnd && m_end > m_start) || m_end - m_start > m_maximumLength) {
            const qsizetype stop = found ? found - m_buffer.constData() : m_end;
            ++m_lineNumber;
            if (stop - m_start > m_maximumLength) {
                // Drop the line, reading on to its end without keeping it.
                m_tooLong = true;
                while (!found) {
                    m_consumed += m_end - m_start;
                    m_start = m_end = 0;
                    if (!fill())
                        return QByteArrayView();
                    found = static_cast<const char *>(std::memchr(m_buffer.constData(), '\n', size_t(m_end)));
                }
                const qsizetype next = found - m_buffer.constData() + 1;
                m_consumed += next - m_start;
                m_start = next;
                return QByteArrayView();
            }
            QByteArrayView line(m_buffer.constData() + m_start, stop - m_start);
            const qsizetype next = found ? stop + 1 : stop;
            m_consumed += next - m_start;
            m_start = next;
            if (line.endsWith('\r'))
                line.chop(1);
            return line;
        }
        scanned = m_end - m_start;
        // At the end of the file, the bytes after the last line feed are the last line.
        if (!fill() && m_end == m_start)
            return std::nullopt;
    }
}

QString LineStream::tooLongReason() const
{
    constexpr qsizetype mebibyte = 1024 * 1024;
    const QString cap = m_maximumLength % mebibyte == 0 ? tr("%1 MiB").arg(m_maximumLength / mebibyte)
                                                        : tr("%1 bytes").arg(m_maximumLength);
    return tr("the line is longer than %1, the most an importer reads as one record").arg(cap);
}

} // namespace Byline

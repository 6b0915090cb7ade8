// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonarrayscanner.h"

#include <QIODevice>

#include <cstring>
#include <utility>

namespace Byline {

JsonArrayScanner::JsonArrayScanner(QIODevice &device, qsizetype maximumElement, qsizetype window)
    : m_device(device)
    , m_maximumElement(maximumElement)
    , m_window(window)
{
    // The mark is looked for in the first bytes whatever the window: it is three of them.
    while (m_end < 3 && fill()) { }
    if (QByteArrayView(m_buffer).first(m_end).startsWith("\xEF\xBB\xBF"))
        m_position = 3;
    skipSpace();
    m_isArray = available() && m_buffer.at(m_position) == '[';
    if (m_isArray)
        ++m_position;
    else
        m_done = true;
}

// Drops what is read and not kept (the element being read, unless it is over the cap already),
// then reads a window after the rest. False at the end of the device or on an error.
bool JsonArrayScanner::fill()
{
    if (m_atEnd)
        return false;
    if (m_elementStart >= 0 && !m_tooLong && m_position - m_elementStart > m_maximumElement)
        m_tooLong = true;
    const qsizetype keep = m_elementStart >= 0 && !m_tooLong ? m_elementStart : m_position;
    if (keep > 0) {
        std::memmove(m_buffer.data(), m_buffer.constData() + keep, size_t(m_end - keep));
        m_end -= keep;
        m_position -= keep;
        if (m_elementStart >= 0)
            m_elementStart = std::max<qsizetype>(m_elementStart - keep, 0);
        m_dropped += keep;
    }
    if (m_buffer.size() < m_end + m_window)
        m_buffer.resize(m_end + m_window);
    const qint64 read = m_device.read(m_buffer.data() + m_end, m_window);
    if (read < 0)
        m_error = tr("cannot read: %1").arg(m_device.errorString());
    if (read <= 0) {
        m_atEnd = true;
        return false;
    }
    m_end += read;
    return true;
}

// Whether there is a byte at m_position, reading on for one.
bool JsonArrayScanner::available()
{
    return m_position < m_end || (fill() && m_position < m_end);
}

// False at the end of the device.
bool JsonArrayScanner::skipSpace()
{
    while (available()) {
        const char c = m_buffer.at(m_position);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return true;
        ++m_position;
    }
    return false;
}

std::optional<QByteArrayView> JsonArrayScanner::fail(const QString &message)
{
    m_done = true;
    m_error = m_error.isEmpty() ? message : m_error;
    return std::nullopt;
}

std::optional<QByteArrayView> JsonArrayScanner::next()
{
    m_tooLong = false;
    if (m_done)
        return std::nullopt;
    if (skipSpace()) {
        const char c = m_buffer.at(m_position);
        if (c == ']') {
            m_done = true;
            return std::nullopt;
        }
        if (m_count > 0) {
            // Between elements: a comma, or the end of the array.
            if (c != ',')
                return fail(tr("a comma or ] expected after element %1 at byte %2")
                        .arg(m_count - 1)
                        .arg(m_dropped + m_position));
            ++m_position;
            skipSpace();
        }
    }
    m_elementStart = m_position;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    // The bytes of a window are scanned in a tight loop; a window is read when they run out.
    for (bool ended = false; !ended;) {
        if (!available()) {
            m_elementStart = -1;
            return fail(tr("the file ends inside element %1: it is truncated").arg(m_count));
        }
        const char *bytes = m_buffer.constData();
        qsizetype at = m_position;
        for (; at < m_end; ++at) {
            const char c = bytes[at];
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    break;
                --depth;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        ended = at < m_end;
        m_position = at;
    }
    ++m_count;
    const qsizetype start = std::exchange(m_elementStart, -1);
    if (m_tooLong)
        return QByteArrayView();
    const QByteArrayView element = QByteArrayView(m_buffer).sliced(start, m_position - start).trimmed();
    if (element.size() > m_maximumElement) {
        m_tooLong = true;
        return QByteArrayView();
    }
    return element;
}

} // namespace Byline

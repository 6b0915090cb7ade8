// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonarrayscanner.h"

namespace Byline {

JsonArrayScanner::JsonArrayScanner(QByteArrayView bytes)
    : m_bytes(bytes)
{
    if (m_bytes.startsWith("\xEF\xBB\xBF"))
        m_position = 3;
    skipSpace();
    m_isArray = m_position < m_bytes.size() && m_bytes.at(m_position) == '[';
    if (m_isArray)
        ++m_position;
    else
        m_done = true;
}

void JsonArrayScanner::skipSpace()
{
    while (m_position < m_bytes.size()) {
        const char c = m_bytes.at(m_position);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            break;
        ++m_position;
    }
}

std::optional<QByteArrayView> JsonArrayScanner::next()
{
    if (m_done)
        return std::nullopt;
    skipSpace();
    if (m_position < m_bytes.size() && m_count > 0) {
        // Between elements: a comma, or the end of the array.
        const char c = m_bytes.at(m_position);
        if (c == ']') {
            m_done = true;
            return std::nullopt;
        }
        if (c != ',') {
            m_done = true;
            m_error
                = tr("a comma or ] expected after element %1 at byte %2").arg(m_count - 1).arg(m_position);
            return std::nullopt;
        }
        ++m_position;
        skipSpace();
    } else if (m_position < m_bytes.size() && m_bytes.at(m_position) == ']') {
        m_done = true;
        return std::nullopt;
    }
    const qsizetype begin = m_position;
    int depth = 0;
    bool inString = false;
    for (; m_position < m_bytes.size(); ++m_position) {
        const char c = m_bytes.at(m_position);
        if (inString) {
            if (c == '\\')
                ++m_position;
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
    if (m_position >= m_bytes.size()) {
        m_done = true;
        m_error = tr("the file ends inside element %1: it is truncated").arg(m_count);
        return std::nullopt;
    }
    ++m_count;
    return m_bytes.sliced(begin, m_position - begin).trimmed();
}

} // namespace Byline

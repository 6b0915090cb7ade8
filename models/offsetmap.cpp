// SPDX-License-Identifier: GPL-3.0-or-later
#include "offsetmap.h"

#include <algorithm>

namespace Byline {

OffsetMap::OffsetMap(QStringView text)
    : m_utf16Length(text.size())
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i].isHighSurrogate() && text[i + 1].isLowSurrogate()) {
            m_pairStarts.append(i);
            ++i;
        }
    }
}

qsizetype OffsetMap::toCodePoint(qsizetype utf16Offset) const
{
    // Pairs that end at or before the offset each count one code point less; an offset
    // inside a pair counts as the pair's start.
    const auto pairsBefore
        = std::lower_bound(m_pairStarts.cbegin(), m_pairStarts.cend(), utf16Offset) - m_pairStarts.cbegin();
    return utf16Offset - pairsBefore;
}

bool OffsetMap::isBoundary(qsizetype utf16Offset) const
{
    return utf16Offset >= 0 && utf16Offset <= m_utf16Length
        && !std::binary_search(m_pairStarts.cbegin(), m_pairStarts.cend(), utf16Offset - 1);
}

qsizetype OffsetMap::toUtf16(qsizetype codePointOffset) const
{
    // The k-th pair starts at code point m_pairStarts[k] - k; every pair starting before
    // the wanted code point adds one code unit.
    qsizetype low = 0;
    qsizetype high = m_pairStarts.size();
    while (low < high) {
        const qsizetype middle = (low + high) / 2;
        if (m_pairStarts[middle] - middle < codePointOffset)
            low = middle + 1;
        else
            high = middle;
    }
    return codePointOffset + low;
}

} // namespace Byline

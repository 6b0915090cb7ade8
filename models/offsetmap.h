// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringView>

namespace Byline {

/// Converts offsets in one text between UTF-16 code units (Qt) and Unicode code points
/// (files, exports, the project store). Costs nothing for texts without surrogate pairs.
class OffsetMap final {
public:
    explicit OffsetMap(QStringView text);

    qsizetype toCodePoint(qsizetype utf16Offset) const;
    qsizetype toUtf16(qsizetype codePointOffset) const;
    qsizetype codePointLength() const { return m_utf16Length - m_pairStarts.size(); }
    qsizetype utf16Length() const { return m_utf16Length; }
    /// Whether a span may start or end here: inside the text and not between the two
    /// halves of a surrogate pair, which no code point offset can express.
    bool isBoundary(qsizetype utf16Offset) const;

private:
    qsizetype m_utf16Length = 0;
    QList<qsizetype> m_pairStarts; ///< UTF-16 offsets of high surrogates that start a pair, ascending
};

} // namespace Byline

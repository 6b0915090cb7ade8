// SPDX-License-Identifier: GPL-3.0-or-later
#include "fileoffsets.h"

using namespace Qt::StringLiterals;

namespace Byline {

QString OffsetUnitOption::valueName(OffsetUnit unit)
{
    return unit == OffsetUnit::Utf16 ? u"utf16"_s : u"codepoints"_s;
}

std::optional<OffsetUnit> OffsetUnitOption::fromValue(const QVariant &value, QString *error)
{
    const QString text = value.toString().trimmed().toLower();
    if (text.isEmpty() || text == valueName(OffsetUnit::CodePoints))
        return OffsetUnit::CodePoints;
    if (text == valueName(OffsetUnit::Utf16))
        return OffsetUnit::Utf16;
    if (error)
        *error = tr("offsets=%1: the unit must be %2 or %3")
                     .arg(value.toString(), valueName(OffsetUnit::CodePoints), valueName(OffsetUnit::Utf16));
    return std::nullopt;
}

QString OffsetUnitOption::length(OffsetUnit unit, qsizetype count)
{
    return unit == OffsetUnit::Utf16 ? tr("%1 UTF-16 code units").arg(count)
                                     : tr("%1 code points").arg(count);
}

QString OffsetUnitOption::splitPair(qsizetype start, qsizetype end)
{
    return tr("%1–%2 splits a character: one of them falls between the two UTF-16 code units of an emoji or "
              "other character beyond U+FFFF")
        .arg(start)
        .arg(end);
}

FileOffsets::FileOffsets(QStringView text, OffsetUnit unit)
    : m_map(text)
    , m_unit(unit)
{
}

qsizetype FileOffsets::length() const
{
    return m_unit == OffsetUnit::Utf16 ? m_map.utf16Length() : m_map.codePointLength();
}

qsizetype FileOffsets::fromText(qsizetype utf16Offset) const
{
    return m_unit == OffsetUnit::Utf16 ? utf16Offset : m_map.toCodePoint(utf16Offset);
}

qsizetype FileOffsets::toText(qsizetype fileOffset) const
{
    return m_unit == OffsetUnit::Utf16 ? fileOffset : m_map.toUtf16(fileOffset);
}

bool FileOffsets::isBoundary(qsizetype fileOffset) const
{
    if (fileOffset < 0 || fileOffset > length())
        return false;
    return m_unit == OffsetUnit::CodePoints || m_map.isBoundary(fileOffset);
}

} // namespace Byline

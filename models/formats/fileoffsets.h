// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "offsetmap.h"

#include <QCoreApplication>
#include <QVariant>

#include <optional>

namespace Byline {

/// What a dataset file's offsets count. Code points are Byline's own (and Python's) measure;
/// UTF-16 code units are what JavaScript's string indices count, so a web tool reading the
/// file can slice its text with them directly.
enum class OffsetUnit { CodePoints, Utf16 };

/// The option "offsets" of the formats that take it (DatasetFormat::ChoosesOffsetUnit):
/// "codepoints" or "utf16".
class OffsetUnitOption final {
    Q_DECLARE_TR_FUNCTIONS(OffsetUnitOption)
public:
    static QString name() { return QStringLiteral("offsets"); }
    static QString valueName(OffsetUnit unit);
    /// The unit a value names, case ignored, code points for none; nullopt and error otherwise.
    static std::optional<OffsetUnit> fromValue(const QVariant &value, QString *error);
    /// "5,200 code points", "5,230 UTF-16 code units": a text's length, for messages.
    static QString length(OffsetUnit unit, qsizetype count);
    /// Why a span read in UTF-16 cannot be taken: an end between the halves of a surrogate pair.
    static QString splitPair(qsizetype start, qsizetype end);
};

/// One text's offsets as a file counts them, in either unit, converted at the edge: Qt's
/// strings (and so every Span) stay UTF-16, the file gets its unit.
class FileOffsets final {
public:
    FileOffsets(QStringView text, OffsetUnit unit);

    OffsetUnit unit() const { return m_unit; }
    /// The text's length in the file's unit.
    qsizetype length() const;
    /// A UTF-16 offset into the text as the file writes it.
    qsizetype fromText(qsizetype utf16Offset) const;
    /// An offset the file wrote as a UTF-16 offset into the text; it must be a boundary.
    qsizetype toText(qsizetype fileOffset) const;
    /// Whether the file may start or end a span here: inside the text and, in UTF-16, not
    /// between the two halves of a surrogate pair.
    bool isBoundary(qsizetype fileOffset) const;
    /// The text's own map, for what is measured in Qt's units (a context's boundaries).
    const OffsetMap &map() const { return m_map; }

private:
    OffsetMap m_map;
    OffsetUnit m_unit;
};

} // namespace Byline

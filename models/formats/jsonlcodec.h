// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/datasetdocument.h"
#include "fileoffsets.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>

#include <optional>

namespace Byline {

/// One article of Byline's dataset format as one line of JSON Lines, read into the store's
/// records and written back from them byte for byte. What the records do not model travels in
/// their `extra` (schema 5) as a JSON object text: unknown fields (a gold "note", "optional",
/// another tool's fields) verbatim and in order, an annotation id other than the default "E3"
/// for the third entity, and "@order", the keys as the file ordered them, when that is not the
/// order this writer uses. Numbers are written as JSON's shortest form; mentions and other span
/// objects carry start, end and text only.
class JsonlCodec final {
    Q_DECLARE_TR_FUNCTIONS(JsonlCodec)
public:
    /// Reads one article object. Entities get the ids 1, 2, ... in file order, and the quotes'
    /// speakers refer to those. An error names the field and why: "quotes[3].content[0].text
    /// "x" does not match the text at 410–422 ("y")". The spans' offsets count in unit.
    static std::optional<DatasetDocument> read(
        QByteArrayView line, QString *errorString, OffsetUnit unit = OffsetUnit::CodePoints);
    /// Appends the article and its annotations as one line, ending in a line feed, the spans'
    /// offsets counted in unit.
    static void write(const Article &article, const AnnotationSet &annotations, QByteArray &out,
        OffsetUnit unit = OffsetUnit::CodePoints);
};

} // namespace Byline

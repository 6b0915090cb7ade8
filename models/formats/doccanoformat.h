// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

namespace Byline {

/// doccano's JSON Lines for sequence labelling with relations: per article "text",
/// "entities" [{id, label, start_offset, end_offset}] and "relations" [{id, from_id, to_id,
/// type}], offsets in code points as doccano's Python back end counts them. Quotes and
/// figures travel as labelled spans with relations (see SpanLabelling). Read spans get the
/// status of the option "status", manual unless given ("auto" for an extractor's).
/// "offsets=utf16" writes and reads start_offset and end_offset in UTF-16 code units, for tools
/// that count as JavaScript does; doccano's format has no field for the unit, so the file does
/// not say so and reads back right only with the same option.
class DoccanoFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    QString limitations() const override;
    bool write(const Store &store, const QString &path, const FormatProgress &progress) override;
    bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress) override;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

namespace Byline {

/// Label Studio's JSON export: an array of tasks with data.text, and annotations whose
/// results are "labels" regions (value.start, value.end, value.text, value.labels) and
/// "relation" items between region ids. Offsets count UTF-16 units, as JavaScript's string
/// length does in Label Studio's editor. Quotes and figures travel as labelled spans with
/// relations (see SpanLabelling). A task is the record read at once: the option maxLineBytes
/// caps its bytes (LineStream::defaultMaximumLength unless given).
class LabelStudioFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    QString limitations() const override;
    bool write(const Store &store, const QString &path, const FormatProgress &progress) override;
    bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress) override;

    /// The labelling configuration (XML) a Label Studio project needs to show the export.
    static QString labelConfig(const QStringList &entityTypes);
};

} // namespace Byline

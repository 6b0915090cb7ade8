// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"
#include "extraction/datasetdocument.h"

#include <QByteArray>

#include <functional>

namespace Byline {

/// Writes what a selection takes from a project as one file, article by article, through QSaveFile: what the
/// formats that stream a corpus share. A failure or a cancel leaves no file behind, and an old file at the
/// path stays as it was.
class DocumentWriter final {
    Q_DECLARE_TR_FUNCTIONS(DocumentWriter)
public:
    /// The bytes of one article; `index` counts from 0.
    using Chunk = std::function<QByteArray(const DatasetDocument &document, qint64 index)>;

    /// Writes header, the chunks and footer. Returns an empty string, or why it failed.
    static QString write(const Store &store, const ExportSelection &selection, const QString &path,
        const FormatProgress &progress, const QByteArray &header, const Chunk &chunk,
        const QByteArray &footer);
};

} // namespace Byline

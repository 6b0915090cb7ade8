// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"
#include "exportselection.h"

#include <QCoreApplication>

namespace Byline {

class Store;

/// One file of a preview: its name (for the syntax to highlight it with) and its text.
struct PreviewFile {
    QString name;
    QString text;
};

/// The first article a selection takes, written in a format, as the export dialog shows it:
/// every file the format writes (a folder's files, a QDPX archive's entries) with its text.
/// Writes to a temporary folder through the format itself, so the preview is the export.
class ExportPreview final {
    Q_DECLARE_TR_FUNCTIONS(ExportPreview)
public:
    /// A file's text is cut after this many characters, so a long article stays quick to show.
    static constexpr qsizetype maximumLength = 64 * 1024;

    /// The files, or an empty list and error (no article matches, the format failed).
    static QList<PreviewFile> render(
        const Store &store, DatasetFormat &format, const ExportSelection &selection, QString *error);
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/datasetdocument.h"

#include <QList>
#include <QString>

#include <optional>

namespace Byline {

/// Reads and writes articles of Byline's dataset format (one JSON object per article,
/// JSON Lines for a corpus). Files count code points; the records hold UTF-16 offsets.
/// Every span's text is checked against the article, and an error names the field.
class DatasetJson final {
public:
    /// Reads one article object. `where` prefixes error messages (a file name and line).
    static std::optional<DatasetDocument> read(
        const QJsonObject &object, const QString &where, QString *errorString);
    static QJsonObject write(const DatasetDocument &document);

    /// Reads a .jsonl file, a single .json file, or a folder of .json files (sorted by name).
    static std::optional<QList<DatasetDocument>> readPath(const QString &path, QString *errorString);
    /// Writes documents as JSON Lines.
    static QByteArray toJsonLines(const QList<DatasetDocument> &documents);
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>

namespace Byline {

/// One article of the dataset format (see docs: dataset JSON) with what the format
/// carries beyond the store's records: gold-only "optional" marks, the ids as written,
/// and unknown fields, so that reading and writing back loses nothing.
struct DatasetDocument {
    Article article;
    AnnotationSet annotations;
    QSet<RecordId> optionalEntities;
    QSet<RecordId> optionalQuotes;
    QSet<RecordId> optionalFigures;
    QHash<RecordId, QString> entityKeys; ///< "E7" for the entity with id 7, as the file wrote it
    QHash<RecordId, QString> quoteKeys;
    QHash<RecordId, QString> figureKeys;
    QJsonObject extra; ///< unknown top-level fields
    QHash<QString, QJsonObject> annotationExtra; ///< unknown fields per annotation, keyed "E7", "Q3", "F1"
};

} // namespace Byline

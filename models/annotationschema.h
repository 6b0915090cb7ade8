// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Byline {

/// What a project lets analysts annotate: its entity types and the kinds of quotes and figures.
///
/// Stored in the project (entity_types, annotation_kinds) and exchanged as JSON, so that a
/// team can share one schema between projects.
struct AnnotationSchema {
    QList<EntityType> entityTypes;
    QStringList quoteKinds;
    QStringList figureKinds;

    /// The schema of the annotation guidelines, seeded into every new project.
    static AnnotationSchema defaults();
    QJsonObject toJson() const;
    /// Reads toJson()'s format; a missing or malformed part fails with a message in error.
    static std::optional<AnnotationSchema> fromJson(const QJsonObject &json, QString *error);
    /// Names empty or twice, keys used twice: an empty string when the schema can be stored.
    QString problem() const;

    friend bool operator==(const AnnotationSchema &, const AnnotationSchema &) = default;
};

QStringList defaultQuoteKinds();
QStringList defaultFigureKinds();

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationschema.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::AnnotationSchema", text);
}

std::optional<QStringList> stringList(const QJsonValue &value)
{
    if (!value.isArray())
        return std::nullopt;
    QStringList list;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return std::nullopt;
        list << item.toString();
    }
    return list;
}

} // namespace

QStringList defaultQuoteKinds()
{
    return { u"direct"_s, u"indirect"_s, u"mixed"_s };
}

QStringList defaultFigureKinds()
{
    return { u"count"_s, u"money"_s, u"percent"_s, u"measure"_s, u"date"_s, u"duration"_s, u"other"_s };
}

AnnotationSchema AnnotationSchema::defaults()
{
    return { defaultEntityTypes(), defaultQuoteKinds(), defaultFigureKinds() };
}

QJsonObject AnnotationSchema::toJson() const
{
    QJsonArray types;
    for (const EntityType &type : entityTypes) {
        types.append(QJsonObject { { u"name"_s, type.name }, { u"colour"_s, type.colour.name() },
            { u"key"_s, type.shortcut }, { u"description"_s, type.description } });
    }
    return { { u"entity_types"_s, types }, { u"quote_kinds"_s, QJsonArray::fromStringList(quoteKinds) },
        { u"figure_kinds"_s, QJsonArray::fromStringList(figureKinds) } };
}

std::optional<AnnotationSchema> AnnotationSchema::fromJson(const QJsonObject &json, QString *error)
{
    const auto failed = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    AnnotationSchema schema;
    if (!json.value(u"entity_types"_s).isArray())
        return failed(tr("The schema has no list of entity types."));
    for (const QJsonValue &value : json.value(u"entity_types"_s).toArray()) {
        const QJsonObject object = value.toObject();
        const QColor colour = QColor::fromString(object.value(u"colour"_s).toString());
        if (!object.value(u"name"_s).isString() || !colour.isValid())
            return failed(tr("Every entity type needs a name and a colour (#rrggbb)."));
        schema.entityTypes.append({ object.value(u"name"_s).toString(), colour,
            object.value(u"key"_s).toString(), object.value(u"description"_s).toString() });
    }
    const auto quoteKinds = stringList(json.value(u"quote_kinds"_s));
    const auto figureKinds = stringList(json.value(u"figure_kinds"_s));
    if (!quoteKinds || !figureKinds)
        return failed(tr("The schema needs quote_kinds and figure_kinds as lists of names."));
    schema.quoteKinds = *quoteKinds;
    schema.figureKinds = *figureKinds;
    if (const QString problem = schema.problem(); !problem.isEmpty())
        return failed(problem);
    return schema;
}

QString AnnotationSchema::problem() const
{
    QSet<QString> names;
    QSet<QString> keys;
    for (const EntityType &type : entityTypes) {
        if (type.name.trimmed().isEmpty())
            return tr("An entity type has no name.");
        if (names.contains(type.name))
            return tr("The entity type %1 is there twice.").arg(type.name);
        names.insert(type.name);
        if (!type.shortcut.isEmpty() && keys.contains(type.shortcut))
            return tr("The key %1 is used by two entity types.").arg(type.shortcut);
        keys.insert(type.shortcut);
    }
    for (const QStringList *kinds : { &quoteKinds, &figureKinds }) {
        QSet<QString> seen;
        for (const QString &kind : *kinds) {
            if (kind.trimmed().isEmpty())
                return tr("A kind has no name.");
            if (seen.contains(kind))
                return tr("The kind %1 is there twice.").arg(kind);
            seen.insert(kind);
        }
    }
    // Quotes are stored with one of the three kinds the guidelines define; a fourth would not load.
    for (const QString &kind : quoteKinds) {
        if (!defaultQuoteKinds().contains(kind))
            return tr("Quote kinds can only be direct, indirect and mixed (not %1).").arg(kind);
    }
    return {};
}

} // namespace Byline

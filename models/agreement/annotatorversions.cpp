// SPDX-License-Identifier: GPL-3.0-or-later
#include "agreement/annotatorversions.h"

#include <QSet>

namespace Byline {

namespace {

// The curated layer settles the annotators' differences: it is no annotator to agree with.
bool counts(const Provenance &provenance)
{
    return !provenance.annotator.isEmpty() && provenance.annotator != curatedLayerAnnotator
        && provenance.status != AnnotationStatus::Auto && provenance.status != AnnotationStatus::Rejected;
}

/// The annotator of a mention; one stored without its own falls back to its entity's.
QString annotatorOf(const Mention &mention, const Entity &entity)
{
    return mention.provenance.annotator.isEmpty() ? entity.provenance.annotator
                                                  : mention.provenance.annotator;
}

} // namespace

QMap<QString, AnnotationSet> AnnotatorVersions::split(const AnnotationSet &annotations)
{
    QMap<QString, AnnotationSet> versions;
    QHash<RecordId, const Entity *> entities;
    for (const Entity &entity : annotations.entities) {
        entities.insert(entity.id, &entity);
        QMap<QString, Entity> parts;
        for (const Mention &mention : entity.mentions) {
            Provenance provenance = mention.provenance;
            provenance.annotator = annotatorOf(mention, entity);
            if (!counts(provenance))
                continue;
            Entity &part = parts[provenance.annotator];
            if (part.id == 0) {
                part = entity;
                part.mentions.clear();
            }
            part.mentions.append(mention);
        }
        for (auto it = parts.cbegin(); it != parts.cend(); ++it)
            versions[it.key()].entities.append(*it);
    }
    for (const Quote &quote : annotations.quotes) {
        if (counts(quote.provenance))
            versions[quote.provenance.annotator].quotes.append(quote);
    }
    for (const Figure &figure : annotations.figures) {
        if (counts(figure.provenance))
            versions[figure.provenance.annotator].figures.append(figure);
    }
    // A speaker may be an entity the annotator did not tag (a suggestion they linked to):
    // its name, without mentions, lets speakers be compared without adding mentions.
    for (AnnotationSet &version : versions) {
        QSet<RecordId> present;
        for (const Entity &entity : std::as_const(version.entities))
            present.insert(entity.id);
        for (const Quote &quote : std::as_const(version.quotes)) {
            const Entity *speaker = entities.value(quote.speakerId);
            if (!speaker || present.contains(speaker->id))
                continue;
            Entity named = *speaker;
            named.mentions.clear();
            version.entities.append(named);
            present.insert(named.id);
        }
    }
    return versions;
}

} // namespace Byline

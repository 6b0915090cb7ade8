// SPDX-License-Identifier: GPL-3.0-or-later
#include "spanlabelling.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

const QString quotePrefix = u"QUOTE_"_s;
const QString figurePrefix = u"FIGURE_"_s;
const QString cueLabel = u"CUE"_s;
const QString sourceLabel = u"SOURCE"_s;
const QString numberLabel = u"NUMBER"_s;
const QString corefRelation = u"coref"_s;
const QString continuesRelation = u"continues"_s;
const QString cueRelation = u"cue"_s;
const QString sourceRelation = u"source"_s;
const QString speakerRelation = u"speaker"_s;
const QString numberRelation = u"number"_s;

const QStringList figureKinds
    = { u"count"_s, u"money"_s, u"percent"_s, u"measure"_s, u"date"_s, u"duration"_s, u"other"_s };

/// The figure's value as its number reads, "2,030" -> 2030; null when it does not parse.
QVariant valueOf(const QString &number)
{
    QString digits = number;
    digits.remove(u',');
    digits.remove(u' ');
    bool ok = false;
    const double value = digits.toDouble(&ok);
    return ok ? QVariant(value) : QVariant();
}

} // namespace

QStringList SpanLabelling::bylineLabels()
{
    QStringList labels { quotePrefix + u"DIRECT"_s, quotePrefix + u"INDIRECT"_s, quotePrefix + u"MIXED"_s,
        cueLabel, sourceLabel, numberLabel };
    for (const QString &kind : figureKinds)
        labels << figurePrefix + kind.toUpper();
    return labels;
}

QStringList SpanLabelling::relationTypes()
{
    return { corefRelation, continuesRelation, cueRelation, sourceRelation, speakerRelation, numberRelation };
}

LabelledSpans SpanLabelling::flatten(const AnnotationSet &annotations)
{
    LabelledSpans flat;
    auto add = [&](const Span &span, const QString &label) {
        const int id = int(flat.spans.size()) + 1;
        flat.spans.append({ id, span, label });
        return id;
    };
    auto relate = [&](int from, int to, const QString &type) { flat.relations.append({ from, to, type }); };

    QHash<RecordId, QList<QPair<Span, int>>> mentionsOf; // entity id -> its mentions and span ids
    // Without statuses, a rejected suggestion would come back as work someone did: leave it out.
    auto rejected
        = [](const Provenance &provenance) { return provenance.status == AnnotationStatus::Rejected; };
    for (const Entity &entity : annotations.entities) {
        if (rejected(entity.provenance))
            continue;
        int first = 0;
        for (const Mention &mention : entity.mentions) {
            if (rejected(mention.provenance))
                continue;
            const int id = add(mention.span, entity.type);
            mentionsOf[entity.id].append({ mention.span, id });
            if (first == 0)
                first = id;
            else
                relate(id, first, corefRelation);
        }
    }
    for (const Quote &quote : annotations.quotes) {
        if (rejected(quote.provenance))
            continue;
        const QString label = quotePrefix + toString(quote.kind).toUpper();
        int first = 0;
        int previous = 0;
        for (const Span &part : quote.content) {
            const int id = add(part, label);
            if (previous != 0)
                relate(previous, id, continuesRelation);
            if (first == 0)
                first = id;
            previous = id;
        }
        if (first == 0)
            continue;
        if (!quote.cue.isNull())
            relate(first, add(quote.cue, cueLabel), cueRelation);
        if (!quote.source.isNull())
            relate(first, add(quote.source, sourceLabel), sourceRelation);
        // The speaker is an entity, not a span: point at the mention the source names, or
        // else at the entity's first mention.
        const auto mentions = mentionsOf.value(quote.speakerId);
        if (!mentions.isEmpty()) {
            int target = mentions.first().second;
            for (const auto &[span, id] : mentions) {
                if (span.overlaps(quote.source)) {
                    target = id;
                    break;
                }
            }
            relate(first, target, speakerRelation);
        }
    }
    for (const Figure &figure : annotations.figures) {
        if (rejected(figure.provenance))
            continue;
        const int id = add(figure.span, figurePrefix + figure.kind.toUpper());
        if (!figure.number.isNull())
            relate(id, add(figure.number, numberLabel), numberRelation);
    }
    return flat;
}

std::optional<AnnotationSet> SpanLabelling::rebuild(const QString &text, const LabelledSpans &flat,
    const QStringList &entityTypes, AnnotationStatus status, const QString &where, QString *errorString)
{
    auto failWith = [&](const QString &message) -> std::optional<AnnotationSet> {
        if (errorString)
            *errorString = where + u": "_s + message;
        return std::nullopt;
    };
    enum class Role { Mention, QuotePart, Cue, Source, Figure, Number };
    QHash<int, qsizetype> indexOf;
    QHash<int, Role> roleOf;
    for (qsizetype i = 0; i < flat.spans.size(); ++i) {
        const LabelledSpan &span = flat.spans.at(i);
        if (indexOf.contains(span.id))
            return failWith(tr("the span id %1 is used twice").arg(span.id));
        if (!span.span.isValidIn(text.size()) || span.span.length() == 0)
            return failWith(tr("span %1 is empty or lies outside the text").arg(span.id));
        indexOf.insert(span.id, i);
        const QString &label = span.label;
        if (label.startsWith(quotePrefix) && quoteKindFromString(label.mid(quotePrefix.size()).toLower()))
            roleOf.insert(span.id, Role::QuotePart);
        else if (label.startsWith(figurePrefix)
            && figureKinds.contains(label.mid(figurePrefix.size()).toLower()))
            roleOf.insert(span.id, Role::Figure);
        else if (label == cueLabel)
            roleOf.insert(span.id, Role::Cue);
        else if (label == sourceLabel)
            roleOf.insert(span.id, Role::Source);
        else if (label == numberLabel)
            roleOf.insert(span.id, Role::Number);
        else if (entityTypes.contains(label))
            roleOf.insert(span.id, Role::Mention);
        else
            return failWith(tr("span %1 has the unknown label \"%2\" (known: %3)")
                    .arg(span.id)
                    .arg(label, (entityTypes + bylineLabels()).join(u", "_s)));
    }

    // Relations by type, checked against the roles of their ends.
    QHash<int, int> corefTo, continuesTo, cueOf, sourceOf, speakerOf, numberOf;
    QSet<int> continued;
    for (const SpanRelation &relation : flat.relations) {
        if (!indexOf.contains(relation.from) || !indexOf.contains(relation.to))
            return failWith(tr("the relation %1 from %2 to %3 names a span that does not exist")
                    .arg(relation.type)
                    .arg(relation.from)
                    .arg(relation.to));
        const Role from = roleOf.value(relation.from);
        const Role to = roleOf.value(relation.to);
        auto expect = [&](Role wantFrom, Role wantTo, QHash<int, int> &into) {
            if (from != wantFrom || to != wantTo || into.contains(relation.from))
                return false;
            into.insert(relation.from, relation.to);
            return true;
        };
        bool ok = false;
        if (relation.type == corefRelation)
            ok = expect(Role::Mention, Role::Mention, corefTo);
        else if (relation.type == continuesRelation)
            ok = expect(Role::QuotePart, Role::QuotePart, continuesTo) && !continued.contains(relation.to);
        else if (relation.type == cueRelation)
            ok = expect(Role::QuotePart, Role::Cue, cueOf);
        else if (relation.type == sourceRelation)
            ok = expect(Role::QuotePart, Role::Source, sourceOf);
        else if (relation.type == speakerRelation)
            ok = expect(Role::QuotePart, Role::Mention, speakerOf);
        else if (relation.type == numberRelation)
            ok = expect(Role::Figure, Role::Number, numberOf);
        if (relation.type == continuesRelation)
            continued.insert(relation.to);
        if (!ok)
            return failWith(
                tr("the relation %1 from %2 to %3 does not fit the labels of its spans, or repeats")
                    .arg(relation.type)
                    .arg(relation.from)
                    .arg(relation.to));
    }

    auto spanOf = [&](int id) { return flat.spans.at(indexOf.value(id)).span; };
    Provenance provenance;
    provenance.status = status;
    AnnotationSet annotations;

    // Entities: every mention follows its coref links to the first mention, the entity's root.
    QHash<int, RecordId> entityOfMention;
    for (const LabelledSpan &span : flat.spans) {
        if (roleOf.value(span.id) != Role::Mention)
            continue;
        int root = span.id;
        for (int steps = 0; corefTo.contains(root); ++steps) {
            if (steps > flat.spans.size())
                return failWith(tr("the coref links of span %1 go round in a circle").arg(span.id));
            root = corefTo.value(root);
        }
        const LabelledSpan &rootSpan = flat.spans.at(indexOf.value(root));
        if (rootSpan.label != span.label)
            return failWith(tr("span %1 (%2) is linked as coref to span %3 (%4)")
                    .arg(span.id)
                    .arg(span.label)
                    .arg(root)
                    .arg(rootSpan.label));
        RecordId entityId = entityOfMention.value(root);
        if (entityId == 0) {
            Entity entity;
            entity.id = annotations.entities.size() + 1;
            entity.type = span.label;
            entity.name = textOf(text, rootSpan.span);
            entity.provenance = provenance;
            annotations.entities.append(entity);
            entityId = entity.id;
            entityOfMention.insert(root, entityId);
        }
        entityOfMention.insert(span.id, entityId);
        Entity &entity = annotations.entities[entityId - 1];
        Mention mention;
        mention.id = entity.mentions.size() + 1;
        mention.entityId = entityId;
        mention.span = span.span;
        mention.provenance = provenance;
        entity.mentions.append(mention);
    }

    qsizetype partsUsed = 0;
    for (const LabelledSpan &span : flat.spans) {
        const Role role = roleOf.value(span.id);
        if (role == Role::QuotePart && !continued.contains(span.id)) {
            Quote quote;
            quote.id = annotations.quotes.size() + 1;
            quote.kind = *quoteKindFromString(span.label.mid(quotePrefix.size()).toLower());
            quote.provenance = provenance;
            int part = span.id;
            for (int steps = 0;; ++steps) {
                if (steps > flat.spans.size())
                    return failWith(
                        tr("the parts of the quote at span %1 go round in a circle").arg(span.id));
                quote.content.append(spanOf(part));
                ++partsUsed;
                if (cueOf.contains(part))
                    quote.cue = spanOf(cueOf.value(part));
                if (sourceOf.contains(part))
                    quote.source = spanOf(sourceOf.value(part));
                if (speakerOf.contains(part))
                    quote.speakerId = entityOfMention.value(speakerOf.value(part));
                if (!continuesTo.contains(part))
                    break;
                part = continuesTo.value(part);
            }
            annotations.quotes.append(quote);
        } else if (role == Role::Figure) {
            Figure figure;
            figure.id = annotations.figures.size() + 1;
            figure.kind = span.label.mid(figurePrefix.size()).toLower();
            figure.span = span.span;
            if (numberOf.contains(span.id)) {
                figure.number = spanOf(numberOf.value(span.id));
                figure.value = valueOf(textOf(text, figure.number));
            }
            figure.provenance = provenance;
            annotations.figures.append(figure);
        }
    }
    // Parts linked in a circle have no first part: no quote took them.
    if (partsUsed != std::count(roleOf.cbegin(), roleOf.cend(), Role::QuotePart))
        return failWith(tr("the parts of a quote are linked in a circle"));
    return annotations;
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "suggestiondiff.h"

#include <QHash>
#include <QSet>

namespace Byline {

SuggestionCounts &SuggestionCounts::operator+=(const SuggestionCounts &other)
{
    entities += other.entities;
    mentions += other.mentions;
    quotes += other.quotes;
    figures += other.figures;
    return *this;
}

namespace {

bool overlapsAny(const Span &span, const QList<Span> &taken)
{
    return std::any_of(
        taken.cbegin(), taken.cend(), [&span](const Span &other) { return span.overlaps(other); });
}

QString nameKey(const Entity &entity)
{
    return entity.name.simplified().toCaseFolded() + u'\t' + entity.type;
}

// The analyst's annotations left after the old suggestions are gone, as spans to keep clear of.
struct Occupied {
    QList<Span> mentions;
    QHash<qsizetype, RecordId> mentionOwner; ///< index into mentions -> entity id
    QList<Span> quoteContent;
    QList<Span> figureNumbers;
    QHash<QString, RecordId> entityByName;

    explicit Occupied(const AnnotationSet &kept)
    {
        for (const Entity &entity : kept.entities) {
            entityByName.insert(nameKey(entity), entity.id);
            for (const Mention &mention : entity.mentions) {
                mentionOwner.insert(mentions.size(), entity.id);
                mentions.append(mention.span);
            }
        }
        for (const Quote &quote : kept.quotes)
            quoteContent.append(quote.content);
        for (const Figure &figure : kept.figures)
            figureNumbers.append(figure.number);
    }

    RecordId ownerOfOverlappingMention(const Span &span) const
    {
        for (qsizetype i = 0; i < mentions.size(); ++i) {
            if (mentions[i].overlaps(span))
                return mentionOwner.value(i);
        }
        return 0;
    }
};

} // namespace

NewSuggestions NewSuggestions::decide(
    RecordId articleId, const AnnotationSet &kept, const AnnotationSet &suggestions)
{
    NewSuggestions result;
    Occupied occupied(kept);
    // Extractor entity id -> stored (or new, negative) entity id, for the speakers of quotes.
    QHash<RecordId, RecordId> storedEntity;
    for (const Entity &suggested : suggestions.entities) {
        Entity entity = suggested;
        entity.id = 0;
        entity.articleId = articleId;
        entity.provenance.status = AnnotationStatus::Auto;
        entity.mentions.clear();
        RecordId alreadyNamed = 0;
        for (const Mention &mention : suggested.mentions) {
            if (const RecordId owner = occupied.ownerOfOverlappingMention(mention.span)) {
                alreadyNamed = owner;
                continue;
            }
            Mention suggestion = mention;
            suggestion.id = 0;
            suggestion.articleId = articleId;
            suggestion.provenance.status = AnnotationStatus::Auto;
            entity.mentions.append(suggestion);
        }
        const QString key = nameKey(entity);
        const RecordId existing = occupied.entityByName.value(key);
        if (existing != 0) {
            for (Mention &mention : entity.mentions) {
                mention.entityId = existing;
                if (existing > 0)
                    result.mentions.append(mention);
                else
                    result.entities[-existing - 1].mentions.append(mention);
            }
            storedEntity.insert(suggested.id, existing);
        } else if (!entity.mentions.isEmpty()) {
            entity.id = -(result.entities.size() + 1);
            for (Mention &mention : entity.mentions)
                mention.entityId = entity.id;
            occupied.entityByName.insert(key, entity.id);
            storedEntity.insert(suggested.id, entity.id);
            result.entities.append(entity);
        } else if (alreadyNamed != 0) {
            // Every mention is already tagged by the analyst: speak through their entity.
            storedEntity.insert(suggested.id, alreadyNamed);
        }
    }

    for (const Quote &suggested : suggestions.quotes) {
        if (std::any_of(suggested.content.cbegin(), suggested.content.cend(),
                [&occupied](const Span &part) { return overlapsAny(part, occupied.quoteContent); }))
            continue;
        Quote quote = suggested;
        quote.id = 0;
        quote.articleId = articleId;
        quote.speakerId = storedEntity.value(suggested.speakerId);
        quote.provenance.status = AnnotationStatus::Auto;
        result.quotes.append(quote);
    }

    for (const Figure &suggested : suggestions.figures) {
        if (overlapsAny(suggested.number, occupied.figureNumbers))
            continue;
        Figure figure = suggested;
        figure.id = 0;
        figure.articleId = articleId;
        figure.provenance.status = AnnotationStatus::Auto;
        result.figures.append(figure);
    }
    return result;
}

SuggestionCounts NewSuggestions::counts() const
{
    SuggestionCounts counts { .entities = int(entities.size()),
        .mentions = int(mentions.size()),
        .quotes = int(quotes.size()),
        .figures = int(figures.size()) };
    for (const Entity &entity : entities)
        counts.mentions += int(entity.mentions.size());
    return counts;
}

bool SuggestionPlan::isEmpty() const
{
    return removedMentions.isEmpty() && removedQuotes.isEmpty() && removedFigures.isEmpty()
        && removedEntities.isEmpty() && added.entities.isEmpty() && added.mentions.isEmpty()
        && added.quotes.isEmpty() && added.figures.isEmpty() && changedEntities.isEmpty()
        && changedMentions.isEmpty() && changedQuotes.isEmpty() && changedFigures.isEmpty();
}

SuggestionDiff::SuggestionDiff(const AnnotationSet &stored)
    : m_stored(stored)
{
    // As removeSuggestions() does in SQL: suggested mentions, quotes and figures go, and then the
    // suggested entities nothing refers to any more.
    QSet<RecordId> speakers;
    for (const Quote &quote : stored.quotes) {
        if (quote.provenance.status != AnnotationStatus::Auto) {
            m_kept.quotes.append(quote);
            speakers.insert(quote.speakerId);
        }
    }
    for (const Entity &storedEntity : stored.entities) {
        Entity entity = storedEntity;
        entity.mentions.removeIf(
            [](const Mention &mention) { return mention.provenance.status == AnnotationStatus::Auto; });
        if (entity.provenance.status != AnnotationStatus::Auto || !entity.mentions.isEmpty()
            || speakers.contains(entity.id))
            m_kept.entities.append(entity);
    }
    for (const Figure &figure : stored.figures) {
        if (figure.provenance.status != AnnotationStatus::Auto)
            m_kept.figures.append(figure);
    }
}

namespace {

// Whether an old suggestion and a new one are the same row but for id, times and details.
bool sameOrigin(const Provenance &old, const Provenance &wanted)
{
    return old.status == wanted.status && old.annotator == wanted.annotator
        && old.previous == wanted.previous;
}

bool sameDetails(const Provenance &old, const Provenance &wanted)
{
    return old.confidence == wanted.confidence && old.rule == wanted.rule;
}

// A figure's value as its columns keep it: a text, a number or nothing.
QVariant storedValue(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString)
        return value;
    return value.isValid() ? QVariant(value.toDouble()) : QVariant();
}

bool sameFigure(const Figure &old, const Figure &wanted)
{
    return old.kind == wanted.kind && old.span == wanted.span && old.number == wanted.number
        && storedValue(old.value) == storedValue(wanted.value)
        && storedValue(old.valueMax) == storedValue(wanted.valueMax) && old.unit == wanted.unit
        && old.qualifier == wanted.qualifier && sameOrigin(old.provenance, wanted.provenance);
}

// The old suggestions of one layer, each matched at most once.
template<typename Record> class Unmatched {
public:
    void append(const Record &record) { m_records.append(record); }
    /// The first old record that same() takes for wanted, taken out.
    template<typename Same> std::optional<Record> take(Same same)
    {
        for (qsizetype i = 0; i < m_records.size(); ++i) {
            if (same(m_records[i]))
                return m_records.takeAt(i);
        }
        return std::nullopt;
    }
    QList<RecordId> ids() const
    {
        QList<RecordId> ids;
        for (const Record &record : m_records)
            ids << record.id;
        return ids;
    }

private:
    QList<Record> m_records;
};

// The old row with the new one's details, when they differ.
template<typename Record> std::optional<Record> changedDetails(const Record &old, const Record &wanted)
{
    bool same = sameDetails(old.provenance, wanted.provenance);
    if constexpr (requires { old.extra; })
        same = same && old.extra == wanted.extra;
    if (same)
        return std::nullopt;
    Record changed = old;
    changed.provenance.confidence = wanted.provenance.confidence;
    changed.provenance.rule = wanted.provenance.rule;
    if constexpr (requires { old.extra; })
        changed.extra = wanted.extra;
    return changed;
}

} // namespace

SuggestionPlan SuggestionDiff::plan(const NewSuggestions &wanted) const
{
    SuggestionPlan plan;
    QSet<RecordId> kept;
    for (const Entity &entity : m_kept.entities)
        kept.insert(entity.id);
    Unmatched<Entity> entities; // suggested ones that removal would take
    Unmatched<Mention> mentions;
    for (const Entity &entity : m_stored.entities) {
        if (entity.provenance.status == AnnotationStatus::Auto && !kept.contains(entity.id))
            entities.append(entity);
        for (const Mention &mention : entity.mentions) {
            if (mention.provenance.status == AnnotationStatus::Auto)
                mentions.append(mention);
        }
    }

    // A new entity takes over an old one of the same name and type; the others are added,
    // numbered anew. wanted's entity id -> the plan's.
    QHash<RecordId, RecordId> entityIds;
    const auto planned = [&entityIds](RecordId id) { return id < 0 ? entityIds.value(id) : id; };
    const auto keepMention = [&](const Mention &mention) {
        const std::optional<Mention> old = mentions.take([&](const Mention &candidate) {
            return candidate.entityId == mention.entityId && candidate.span == mention.span
                && sameOrigin(candidate.provenance, mention.provenance);
        });
        if (old) {
            if (const auto changed = changedDetails(*old, mention))
                plan.changedMentions.append(*changed);
        }
        return old.has_value();
    };
    for (const Entity &entity : wanted.entities) {
        const std::optional<Entity> old = entities.take([&entity](const Entity &candidate) {
            return candidate.name == entity.name && candidate.type == entity.type
                && sameOrigin(candidate.provenance, entity.provenance);
        });
        if (!old) {
            Entity added = entity;
            added.id = -(plan.added.entities.size() + 1);
            for (Mention &mention : added.mentions)
                mention.entityId = added.id;
            entityIds.insert(entity.id, added.id);
            plan.added.entities.append(added);
            continue;
        }
        entityIds.insert(entity.id, old->id);
        if (const auto changed = changedDetails(*old, entity))
            plan.changedEntities.append(*changed);
        for (Mention mention : entity.mentions) {
            mention.entityId = old->id;
            if (!keepMention(mention))
                plan.added.mentions.append(mention);
        }
    }
    for (Mention mention : wanted.mentions) {
        mention.entityId = planned(mention.entityId);
        if (!keepMention(mention))
            plan.added.mentions.append(mention);
    }

    Unmatched<Quote> quotes;
    for (const Quote &quote : m_stored.quotes) {
        if (quote.provenance.status == AnnotationStatus::Auto)
            quotes.append(quote);
    }
    for (Quote quote : wanted.quotes) {
        quote.speakerId = planned(quote.speakerId);
        const std::optional<Quote> old = quotes.take([&quote](const Quote &candidate) {
            return candidate.kind == quote.kind && candidate.content == quote.content
                && candidate.cue == quote.cue && candidate.source == quote.source
                && candidate.speakerId == quote.speakerId
                && sameOrigin(candidate.provenance, quote.provenance);
        });
        if (!old)
            plan.added.quotes.append(quote);
        else if (const auto changed = changedDetails(*old, quote))
            plan.changedQuotes.append(*changed);
    }

    Unmatched<Figure> figures;
    for (const Figure &figure : m_stored.figures) {
        if (figure.provenance.status == AnnotationStatus::Auto)
            figures.append(figure);
    }
    for (const Figure &figure : wanted.figures) {
        const std::optional<Figure> old
            = figures.take([&figure](const Figure &candidate) { return sameFigure(candidate, figure); });
        if (!old)
            plan.added.figures.append(figure);
        else if (const auto changed = changedDetails(*old, figure))
            plan.changedFigures.append(*changed);
    }

    plan.removedMentions = mentions.ids();
    plan.removedQuotes = quotes.ids();
    plan.removedFigures = figures.ids();
    plan.removedEntities = entities.ids();
    return plan;
}

} // namespace Byline

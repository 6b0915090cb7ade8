// SPDX-License-Identifier: GPL-3.0-or-later
#include "suggestionwriter.h"

#include "store.h"

#include <QHash>

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

SuggestionWriter::SuggestionWriter(Store &store)
    : m_store(store)
{
}

bool SuggestionWriter::fail()
{
    m_error = tr("Cannot store suggestions: %1").arg(m_store.errorString());
    return false;
}

bool SuggestionWriter::write(RecordId articleId, const AnnotationSet &suggestions, SuggestionCounts *counts)
{
    // All of the article's suggestions or none: their own savepoints would add nothing.
    Store::Transaction transaction(m_store, Store::Transaction::Inner::ShareThis);
    if (!transaction.isOpen() || !m_store.removeSuggestions({ articleId }))
        return fail();
    SuggestionCounts added;
    if (!add(articleId, m_store.annotations(articleId), suggestions, added) || !transaction.commit())
        return fail();
    if (counts)
        *counts += added;
    return true;
}

bool SuggestionWriter::write(
    const QList<Article> &articles, const QList<AnnotationSet> &suggestions, SuggestionCounts *counts)
{
    Q_ASSERT(articles.size() == suggestions.size());
    QList<RecordId> ids;
    for (const Article &article : articles)
        ids << article.id;
    Store::Transaction transaction(m_store, Store::Transaction::Inner::ShareThis);
    if (!transaction.isOpen() || !m_store.removeSuggestions(ids))
        return fail();
    const QList<AnnotationSet> kept = keptAnnotations(articles);
    SuggestionCounts added;
    for (qsizetype i = 0; i < articles.size(); ++i) {
        if (!add(ids[i], kept[i], suggestions[i], added))
            return fail();
    }
    if (!transaction.commit())
        return fail();
    if (counts)
        *counts += added;
    return true;
}

QList<AnnotationSet> SuggestionWriter::keptAnnotations(const QList<Article> &articles) const
{
    // Store::annotations() reads every article between the lowest and highest id: one query per
    // table for a run of consecutive articles, but the whole corpus for a few scattered ones.
    const auto [lowest, highest] = std::minmax_element(
        articles.cbegin(), articles.cend(), [](const Article &a, const Article &b) { return a.id < b.id; });
    if (!articles.isEmpty() && highest->id - lowest->id < 2 * articles.size())
        return m_store.annotations(articles);
    QList<AnnotationSet> kept;
    for (const Article &article : articles)
        kept << m_store.annotations(article.id);
    return kept;
}

bool SuggestionWriter::add(
    RecordId articleId, const AnnotationSet &kept, const AnnotationSet &suggestions, SuggestionCounts &added)
{
    Occupied occupied(kept);
    // Extractor entity id -> stored entity id, for the speakers of quotes.
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
        const RecordId existing = occupied.entityByName.value(nameKey(entity));
        if (existing != 0) {
            for (Mention &mention : entity.mentions) {
                mention.entityId = existing;
                if (!m_store.insertMention(mention))
                    return false;
                ++added.mentions;
            }
            storedEntity.insert(suggested.id, existing);
        } else if (!entity.mentions.isEmpty()) {
            if (!m_store.insertEntity(entity))
                return false;
            occupied.entityByName.insert(nameKey(entity), entity.id);
            storedEntity.insert(suggested.id, entity.id);
            ++added.entities;
            added.mentions += int(entity.mentions.size());
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
        if (!m_store.insertQuote(quote))
            return false;
        ++added.quotes;
    }

    for (const Figure &suggested : suggestions.figures) {
        if (overlapsAny(suggested.number, occupied.figureNumbers))
            continue;
        Figure figure = suggested;
        figure.id = 0;
        figure.articleId = articleId;
        figure.provenance.status = AnnotationStatus::Auto;
        if (!m_store.insertFigure(figure))
            return false;
        ++added.figures;
    }

    return true;
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "suggestionwriter.h"

#include "offsetmap.h"
#include "sqlitebulkwriter.h"
#include "store.h"
#include "storecolumns.h"

using namespace Qt::StringLiterals;

namespace Byline {

SuggestionWriter::SuggestionWriter(Store &store)
    : m_store(store)
    , m_direct(store.isReadOnly() ? nullptr : SqliteBulkWriter::open(store.database()))
{
}

SuggestionWriter::~SuggestionWriter() = default;

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
    const NewSuggestions added
        = NewSuggestions::decide(articleId, m_store.annotations(articleId), suggestions);
    if (!StoreColumns::addSuggestions(m_store, added) || !transaction.commit())
        return fail();
    if (counts)
        *counts += added.counts();
    return true;
}

bool SuggestionWriter::write(
    const QList<Article> &articles, const QList<AnnotationSet> &suggestions, SuggestionCounts *counts)
{
    Q_ASSERT(articles.size() == suggestions.size());
    Store::Transaction transaction(m_store, Store::Transaction::Inner::ShareThis);
    if (!transaction.isOpen())
        return fail();
    const QList<AnnotationSet> stored = storedAnnotations(articles);
    QList<SuggestionPlan> plans;
    Store::RemovedAnnotations removed;
    SuggestionCounts added;
    for (qsizetype i = 0; i < articles.size(); ++i) {
        const SuggestionDiff diff(stored[i]);
        const NewSuggestions wanted = NewSuggestions::decide(articles[i].id, diff.kept(), suggestions[i]);
        added += wanted.counts();
        const SuggestionPlan &plan = plans.emplace_back(diff.plan(wanted));
        removed.mentions << plan.removedMentions;
        removed.quotes << plan.removedQuotes;
        removed.figures << plan.removedFigures;
        removed.entities << plan.removedEntities;
    }
    if (!m_store.removeAnnotations(removed, stored))
        return fail();
    for (qsizetype i = 0; i < articles.size(); ++i) {
        if (!insert(articles[i], plans[i].added))
            return false;
        if (!changeDetails(plans[i]))
            return fail();
    }
    if (!transaction.commit())
        return fail();
    if (counts)
        *counts += added;
    return true;
}

QList<AnnotationSet> SuggestionWriter::storedAnnotations(const QList<Article> &articles) const
{
    // Store::annotations() reads every article between the lowest and highest id: one query per
    // table for a run of consecutive articles, but the whole corpus for a few scattered ones.
    const auto [lowest, highest] = std::minmax_element(
        articles.cbegin(), articles.cend(), [](const Article &a, const Article &b) { return a.id < b.id; });
    if (!articles.isEmpty() && highest->id - lowest->id < 2 * articles.size())
        return m_store.annotations(articles);
    QList<AnnotationSet> stored;
    for (const Article &article : articles)
        stored << m_store.annotations(article.id);
    return stored;
}

bool SuggestionWriter::insert(const Article &article, const NewSuggestions &rows)
{
    if (!m_direct)
        return StoreColumns::addSuggestions(m_store, rows) || fail();
    const OffsetMap map(article.text);
    const QString key = article.key.isEmpty() ? QString::number(article.id) : article.key;
    if (!StoreColumns::outsideText(rows, map).isEmpty()) {
        m_error = tr("Cannot store suggestions: one for article %1 lies outside the article text.").arg(key);
        return false;
    }
    if (!m_direct->addSuggestions(key, rows, map)) {
        m_error = m_direct->errorString();
        return false;
    }
    return true;
}

bool SuggestionWriter::changeDetails(const SuggestionPlan &plan)
{
    for (const Entity &entity : plan.changedEntities) {
        if (!m_store.updateSuggestionDetails("entities"_L1, entity.id, entity.provenance, entity.extra))
            return false;
    }
    for (const Mention &mention : plan.changedMentions) {
        if (!m_store.updateSuggestionDetails("mentions"_L1, mention.id, mention.provenance))
            return false;
    }
    for (const Quote &quote : plan.changedQuotes) {
        if (!m_store.updateSuggestionDetails("quotes"_L1, quote.id, quote.provenance, quote.extra))
            return false;
    }
    for (const Figure &figure : plan.changedFigures) {
        if (!m_store.updateSuggestionDetails("figures"_L1, figure.id, figure.provenance, figure.extra))
            return false;
    }
    return true;
}

} // namespace Byline

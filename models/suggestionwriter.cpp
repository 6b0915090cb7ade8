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
    bool read = false;
    const AnnotationSet kept = m_store.annotations(articleId, &read);
    if (!read)
        return fail();
    const NewSuggestions added = NewSuggestions::decide(articleId, kept, suggestions);
    if (!StoreColumns::addSuggestions(m_store, added) || !transaction.commit())
        return fail();
    if (counts)
        *counts += added.counts();
    return true;
}

namespace {

QList<SuggestionWriter::ArticlePlan> planEach(const QList<Article> &articles,
    const QList<AnnotationSet> &stored, const QList<AnnotationSet> &suggestions)
{
    QList<SuggestionWriter::ArticlePlan> plans;
    plans.reserve(articles.size());
    for (qsizetype i = 0; i < articles.size(); ++i)
        plans << SuggestionWriter::plan(articles[i].id, stored[i], suggestions[i]);
    return plans;
}

SuggestionCounts suggestedIn(const QList<SuggestionWriter::ArticlePlan> &plans)
{
    SuggestionCounts counts;
    for (const SuggestionWriter::ArticlePlan &plan : plans)
        counts += plan.suggested;
    return counts;
}

} // namespace

SuggestionWriter::ArticlePlan SuggestionWriter::plan(
    RecordId articleId, const AnnotationSet &stored, const AnnotationSet &suggestions)
{
    const SuggestionDiff diff(stored);
    const NewSuggestions wanted = NewSuggestions::decide(articleId, diff.kept(), suggestions);
    return { diff.plan(wanted), wanted.counts() };
}

bool SuggestionWriter::write(
    const QList<Article> &articles, const QList<AnnotationSet> &suggestions, SuggestionCounts *counts)
{
    return writeBatch(articles, suggestions, nullptr, counts);
}

bool SuggestionWriter::write(const QList<Article> &articles, const QList<AnnotationSet> &suggestions,
    const ReadAhead &readAhead, SuggestionCounts *counts)
{
    Q_ASSERT(articles.size() == readAhead.plans.size());
    return writeBatch(articles, suggestions, &readAhead, counts);
}

bool SuggestionWriter::writeBatch(const QList<Article> &articles, const QList<AnnotationSet> &suggestions,
    const ReadAhead *readAhead, SuggestionCounts *counts)
{
    Q_ASSERT(articles.size() == suggestions.size());
    Store::Transaction transaction(m_store, Store::Transaction::Inner::ShareThis);
    if (!transaction.isOpen())
        return fail();
    // Asked inside the transaction: from its first statement on, nobody else changes what it sees.
    const std::optional<qint64> version = readAhead ? m_store.dataVersion() : std::nullopt;
    const bool current = version && *version == readAhead->dataVersion;
    if (readAhead && !current)
        ++m_replannedBatches;
    bool read = true;
    const QList<AnnotationSet> stored
        = current ? readAhead->stored : storedAnnotations(m_store, articles, &read);
    if (!read)
        return fail();
    const QList<ArticlePlan> plans = current ? readAhead->plans : planEach(articles, stored, suggestions);
    if (!writePlans(articles, stored, plans))
        return false;
    if (!transaction.commit())
        return fail();
    if (counts)
        *counts += suggestedIn(plans);
    return true;
}

bool SuggestionWriter::writePlans(
    const QList<Article> &articles, const QList<AnnotationSet> &stored, const QList<ArticlePlan> &plans)
{
    Store::RemovedAnnotations removed;
    for (const ArticlePlan &article : plans) {
        removed.mentions << article.plan.removedMentions;
        removed.quotes << article.plan.removedQuotes;
        removed.figures << article.plan.removedFigures;
        removed.entities << article.plan.removedEntities;
    }
    if (!m_store.removeAnnotations(removed, stored))
        return fail();
    for (qsizetype i = 0; i < articles.size(); ++i) {
        if (!insert(articles[i], plans[i].plan.added))
            return false;
        if (!changeDetails(plans[i].plan))
            return false;
    }
    return true;
}

QList<AnnotationSet> SuggestionWriter::storedAnnotations(
    const Store &store, const QList<Article> &articles, bool *ok)
{
    // Store::annotations() reads every article between the lowest and highest id: one query per
    // table for a run of consecutive articles, but the whole corpus for a few scattered ones.
    const auto [lowest, highest] = std::minmax_element(
        articles.cbegin(), articles.cend(), [](const Article &a, const Article &b) { return a.id < b.id; });
    if (!articles.isEmpty() && highest->id - lowest->id < 2 * articles.size())
        return store.annotations(articles, ok);
    QList<AnnotationSet> stored;
    *ok = true;
    for (const Article &article : articles) {
        bool read = false;
        stored << store.annotations(article.id, &read);
        *ok = *ok && read;
    }
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
    // In a project file through SQLite's own interface: a first run over suggestions from another
    // tool changes tens of thousands, and QtSql's binding cost more than SQLite's storing.
    const auto change = [this](QLatin1StringView table, RecordId id, const Provenance &provenance,
                            const std::optional<QString> &extra = std::nullopt) {
        if (!m_direct)
            return m_store.updateSuggestionDetails(table, id, provenance, extra) || fail();
        if (m_direct->changeSuggestionDetails(table, id, provenance, extra))
            return true;
        m_error = m_direct->errorString();
        return false;
    };
    for (const Entity &entity : plan.changedEntities) {
        if (!change("entities"_L1, entity.id, entity.provenance, entity.extra))
            return false;
    }
    for (const Mention &mention : plan.changedMentions) {
        if (!change("mentions"_L1, mention.id, mention.provenance))
            return false;
    }
    for (const Quote &quote : plan.changedQuotes) {
        if (!change("quotes"_L1, quote.id, quote.provenance, quote.extra))
            return false;
    }
    for (const Figure &figure : plan.changedFigures) {
        if (!change("figures"_L1, figure.id, figure.provenance, figure.extra))
            return false;
    }
    return true;
}

} // namespace Byline

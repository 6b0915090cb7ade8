// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportselection.h"

#include "corpusquery.h"
#include "corpussearch.h"
#include "curation/curationstore.h"
#include "searchbacklog.h"

#include <algorithm>
#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

constexpr int pageSize = 500;

const std::array layerNames { std::pair { Layer::Entities, "entities"_L1 },
    std::pair { Layer::Quotes, "quotes"_L1 }, std::pair { Layer::Figures, "figures"_L1 } };

// The search as CorpusSearch should run it: "done only" becomes its article status, so that
// the search finds exactly the articles to export. Empty when nothing can match (the analyst
// asked for done articles and, in the search, for articles of another status).
QString effectiveSearch(const ExportSelection &selection)
{
    if (!selection.doneOnly)
        return selection.search;
    const CorpusQuery query = CorpusQuery::parse(selection.search);
    if (!query.articleStatus())
        return selection.search + u" status:done"_s;
    return query.articleStatus() == ArticleStatus::Done ? selection.search : QString();
}

} // namespace

QSet<AnnotationStatus> ExportSelection::allStatuses()
{
    return { AnnotationStatus::Auto, AnnotationStatus::Accepted, AnnotationStatus::Edited,
        AnnotationStatus::Manual, AnnotationStatus::Rejected };
}

ExportSelection ExportSelection::defaultFor(const Store &store)
{
    ExportSelection selection;
    if (CurationStore(store).hasCuratedLayer())
        selection.annotator = curatedLayerAnnotator;
    return selection;
}

bool ExportSelection::isEverything() const
{
    return layers == allLayers() && statuses == allStatuses() && !doneOnly && search.trimmed().isEmpty()
        && annotator.isEmpty() && limit == 0;
}

QString ExportSelection::problem() const
{
    if (search.trimmed().isEmpty())
        return {};
    const CorpusQuery query = CorpusQuery::parse(search);
    return query.isValid() ? QString() : tr("The search “%1”: %2").arg(search, query.errorString());
}

bool ExportSelection::keeps(const Provenance &provenance) const
{
    return statuses.contains(provenance.status) && (annotator.isEmpty() || provenance.annotator == annotator);
}

void ExportSelection::apply(AnnotationSet &annotations) const
{
    const auto dropped = [this](const auto &record) { return !keeps(record.provenance); };
    QSet<RecordId> keptEntities;
    if (layers.contains(Layer::Entities)) {
        QList<Entity> kept;
        for (Entity &entity : annotations.entities) {
            if (dropped(entity))
                continue;
            const bool hadMentions = !entity.mentions.isEmpty();
            entity.mentions.removeIf(dropped);
            // An entity all of whose mentions are left out has nothing left to mark in the text.
            if (hadMentions && entity.mentions.isEmpty())
                continue;
            keptEntities.insert(entity.id);
            kept.append(std::move(entity));
        }
        annotations.entities = std::move(kept);
    } else {
        annotations.entities.clear();
    }
    if (layers.contains(Layer::Quotes)) {
        annotations.quotes.removeIf(dropped);
        for (Quote &quote : annotations.quotes) {
            if (!keptEntities.contains(quote.speakerId))
                quote.speakerId = 0;
        }
    } else {
        annotations.quotes.clear();
    }
    if (layers.contains(Layer::Figures))
        annotations.figures.removeIf(dropped);
    else
        annotations.figures.clear();
}

QString ExportSelection::layerName(Layer layer)
{
    for (const auto &[candidate, name] : layerNames) {
        if (candidate == layer)
            return name;
    }
    Q_UNREACHABLE_RETURN(QString());
}

std::optional<QSet<Layer>> ExportSelection::layersFromString(const QString &names, QString *error)
{
    QSet<Layer> layers;
    for (const QString &name : names.split(u',', Qt::SkipEmptyParts)) {
        const auto found = std::find_if(layerNames.begin(), layerNames.end(),
            [&](const auto &entry) { return entry.second == name.trimmed().toLower(); });
        if (found == layerNames.end()) {
            *error = tr("unknown layer %1 (known: entities, quotes, figures)").arg(name);
            return std::nullopt;
        }
        layers.insert(found->first);
    }
    return layers;
}

std::optional<QSet<AnnotationStatus>> ExportSelection::statusesFromString(
    const QString &names, QString *error)
{
    QSet<AnnotationStatus> statuses;
    for (const QString &name : names.split(u',', Qt::SkipEmptyParts)) {
        const auto status = annotationStatusFromString(name.trimmed().toLower());
        if (!status) {
            *error = tr("unknown status %1 (known: auto, accepted, edited, manual, rejected)").arg(name);
            return std::nullopt;
        }
        statuses.insert(*status);
    }
    return statuses;
}

SelectedArticles::SelectedArticles(const Store &store, const ExportSelection &selection)
    : m_store(store)
    , m_selection(selection)
{
    m_error = selection.problem();
    if (!m_error.isEmpty() || selection.search.trimmed().isEmpty())
        return;
    QList<RecordId> found;
    const QString search = effectiveSearch(selection);
    // A search would leave out what an import has not yet indexed, and the export would look whole.
    if (const qint64 waiting = search.isEmpty() ? 0 : SearchBacklog::remaining(store); waiting > 0) {
        m_error = tr("The search index is still being built (%n row(s) to go): an export of what a search "
                     "finds would miss articles. Export again when the status bar no longer shows the "
                     "indexing (it runs in a project open for writing).",
            nullptr, int(std::min<qint64>(waiting, std::numeric_limits<int>::max())));
        return;
    }
    if (!search.isEmpty()) {
        CorpusSearch corpusSearch(store);
        const bool complete = corpusSearch.run(search, pageSize, [&](const QList<SearchHit> &hits) {
            for (const SearchHit &hit : hits)
                found.append(hit.articleId);
            return true;
        });
        if (!complete) {
            m_error = corpusSearch.errorString();
            return;
        }
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    m_found = std::move(found);
}

qint64 SelectedArticles::count() const
{
    if (!isValid())
        return 0;
    qint64 count = m_found     ? m_found->size()
        : m_selection.doneOnly ? m_store.articleStatusCounts().value(ArticleStatus::Done)
                               : m_store.articleCount();
    return m_selection.limit > 0 ? std::min(count, m_selection.limit) : count;
}

bool SelectedArticles::forEach(const std::function<bool(RecordId articleId)> &visit) const
{
    if (!isValid())
        return false;
    const qint64 limit = m_selection.limit > 0 ? m_selection.limit : std::numeric_limits<qint64>::max();
    qint64 visited = 0;
    if (m_found) {
        for (const RecordId id : *m_found) {
            if (visited++ == limit)
                return true;
            if (!visit(id))
                return false;
        }
        return true;
    }
    for (RecordId last = 0;;) {
        const QList<ArticleSummary> summaries = m_store.articleSummariesAfter(last, pageSize);
        for (const ArticleSummary &summary : summaries) {
            last = summary.id;
            if (m_selection.doneOnly && summary.status != ArticleStatus::Done)
                continue;
            if (visited++ == limit)
                return true;
            if (!visit(summary.id))
                return false;
        }
        if (summaries.size() < pageSize)
            return true;
    }
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectdocuments.h"

#include "store.h"

#include <limits>

namespace Byline {

bool forEachProjectDocument(const Store &store, const ExportSelection &selection,
    const std::function<bool(const DatasetDocument &)> &visit, QString *readFailure)
{
    if (readFailure)
        readFailure->clear();
    const auto unread = [&store, readFailure] {
        if (readFailure)
            *readFailure = store.errorString();
        return false;
    };
    const bool filtersAnnotations = selection.layers != ExportSelection::allLayers()
        || selection.statuses != ExportSelection::allStatuses() || !selection.annotator.isEmpty();
    const auto deliver = [&](DatasetDocument &document) {
        if (filtersAnnotations)
            selection.apply(document.annotations);
        return visit(document);
    };
    const SelectedArticles selected(store, selection);
    if (!selected.isValid())
        return false;
    if (selected.isSearch()) {
        // A search picks a few articles anywhere in the corpus: read each on its own.
        // A read that failed stops the export; an article removed since the search is passed over.
        return selected.forEach([&](RecordId articleId) {
            bool read = false;
            QList<Article> articles = store.articles({ articleId }, &read);
            if (!read)
                return unread();
            if (articles.isEmpty())
                return true;
            DatasetDocument document;
            document.article = std::move(articles.first());
            document.annotations = store.annotations(articleId, &read);
            return read ? deliver(document) : unread();
        });
    }
    // Otherwise the corpus is read in id order, a page of articles and their annotations in six
    // queries whatever the page size.
    constexpr int page = 200;
    qint64 remaining = selection.limit > 0 ? selection.limit : std::numeric_limits<qint64>::max();
    for (RecordId after = 0; remaining > 0;) {
        bool read = false;
        QList<Article> articles = store.articlesAfter(after, page, &read);
        if (!read)
            return unread();
        if (articles.isEmpty())
            return true;
        after = articles.constLast().id;
        if (selection.doneOnly)
            articles.removeIf([](const Article &article) { return article.status != ArticleStatus::Done; });
        if (articles.size() > remaining)
            articles.resize(remaining);
        remaining -= articles.size();
        QList<AnnotationSet> annotations = store.annotations(articles, &read);
        if (!read)
            return unread();
        for (qsizetype i = 0; i < articles.size(); ++i) {
            DatasetDocument document;
            document.article = std::move(articles[i]);
            document.annotations = std::move(annotations[i]);
            if (!deliver(document))
                return false;
        }
    }
    return true;
}

RecordId storeDocument(Store &store, const DatasetDocument &document)
{
    Article article = document.article;
    AnnotationSet annotations = document.annotations;
    return store.addDocument(article, annotations) ? article.id : 0;
}

} // namespace Byline

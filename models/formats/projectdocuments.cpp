// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectdocuments.h"

#include "store.h"

namespace Byline {

bool forEachProjectDocument(const Store &store, const std::function<bool(const DatasetDocument &)> &visit)
{
    // A page of articles and their annotations costs six queries, whatever the page size.
    constexpr int page = 200;
    for (RecordId after = 0;;) {
        QList<Article> articles = store.articlesAfter(after, page);
        if (articles.isEmpty())
            return true;
        after = articles.constLast().id;
        QList<AnnotationSet> annotations = store.annotations(articles);
        for (qsizetype i = 0; i < articles.size(); ++i) {
            DatasetDocument document;
            document.article = std::move(articles[i]);
            document.annotations = std::move(annotations[i]);
            if (!visit(document))
                return false;
        }
    }
}

RecordId storeDocument(Store &store, const DatasetDocument &document)
{
    Article article = document.article;
    AnnotationSet annotations = document.annotations;
    return store.addDocument(article, annotations) ? article.id : 0;
}

} // namespace Byline

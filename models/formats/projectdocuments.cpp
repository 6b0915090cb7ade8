// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectdocuments.h"

#include "store.h"

namespace Byline {

bool forEachProjectDocument(const Store &store, const std::function<bool(const DatasetDocument &)> &visit)
{
    constexpr int page = 500;
    for (RecordId last = 0;;) {
        const QList<ArticleSummary> summaries = store.articleSummariesAfter(last, page);
        for (const ArticleSummary &summary : summaries) {
            DatasetDocument document;
            if (auto article = store.article(summary.id))
                document.article = std::move(*article);
            document.annotations = store.annotations(summary.id);
            if (!visit(document))
                return false;
            last = summary.id;
        }
        if (summaries.size() < page)
            return true;
    }
}

RecordId storeDocument(Store &store, const DatasetDocument &document)
{
    Store::Transaction transaction(store);
    Article article = document.article;
    article.id = 0;
    if (!transaction.isOpen() || !store.addArticle(article))
        return 0;
    QHash<RecordId, RecordId> entityIds;
    for (Entity entity : document.annotations.entities) {
        const RecordId fileId = entity.id;
        entity.id = 0;
        entity.articleId = article.id;
        for (Mention &mention : entity.mentions) {
            mention.id = 0;
            mention.articleId = article.id;
        }
        if (!store.insertEntity(entity))
            return 0;
        entityIds.insert(fileId, entity.id);
    }
    for (Quote quote : document.annotations.quotes) {
        quote.id = 0;
        quote.articleId = article.id;
        quote.speakerId = entityIds.value(quote.speakerId);
        if (!store.insertQuote(quote))
            return 0;
    }
    for (Figure figure : document.annotations.figures) {
        figure.id = 0;
        figure.articleId = article.id;
        if (!store.insertFigure(figure))
            return 0;
    }
    return transaction.commit() ? article.id : 0;
}

} // namespace Byline

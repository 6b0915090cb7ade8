// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A project for the export filters: three articles of two statuses, annotations of every
// status by three annotators, an emoji before the spans, and a quote whose speaker a filter
// can leave out.
//
//   alpha (todo)    entity Ana Lee (accepted, ana) with one mention (accepted, ana)
//                   entity Bo Chan (auto) with one mention (auto)
//                   quote “the vote was fair”, speaker Ana Lee (manual, ana)
//                   quote “no”, speaker Bo Chan (rejected, ben)
//                   figure 61 percent (edited, ben)
//   bravo (done)    entity Tokayev (manual, ben); quote “the coup has failed”, speaker Tokayev (manual, ben)
//   charlie (done)  no annotations

#include "store.h"

#include <QTemporaryDir>

#include <memory>

namespace Byline::SelectionFixture {

using namespace Qt::StringLiterals;

inline Span spanOf(const QString &text, const QString &part)
{
    const qsizetype start = text.indexOf(part);
    return { start, start + part.size() };
}

inline Provenance made(AnnotationStatus status, const QString &annotator)
{
    Provenance provenance;
    provenance.status = status;
    provenance.annotator = annotator;
    return provenance;
}

inline RecordId addArticle(Store &store, const QString &key, const QString &text, ArticleStatus status)
{
    Article article;
    article.key = key;
    article.title = key;
    article.text = text;
    if (!store.addArticle(article) || !store.setArticleStatus(article.id, status))
        return 0;
    return article.id;
}

inline RecordId addEntity(
    Store &store, RecordId articleId, const QString &text, const QString &name, const Provenance &provenance)
{
    Entity entity;
    entity.articleId = articleId;
    entity.name = name;
    entity.type = u"PERSON"_s;
    entity.provenance = provenance;
    Mention mention;
    mention.articleId = articleId;
    mention.span = spanOf(text, name);
    mention.provenance = provenance;
    entity.mentions = { mention };
    return store.insertEntity(entity) ? entity.id : 0;
}

inline bool addQuote(Store &store, RecordId articleId, const QString &text, const QString &content,
    RecordId speakerId, const Provenance &provenance)
{
    Quote quote;
    quote.articleId = articleId;
    quote.content = { spanOf(text, content) };
    quote.cue = spanOf(text, u"said"_s);
    quote.speakerId = speakerId;
    quote.provenance = provenance;
    return store.insertQuote(quote);
}

/// Fills a new project; false when a write failed.
inline bool fill(Store &store)
{
    const QString alpha = u"🎉 Alpha report. Ana Lee said “the vote was fair” and Bo Chan said “no”. "
                          "Turnout was 61 percent."_s;
    const RecordId a = addArticle(store, u"alpha"_s, alpha, ArticleStatus::Todo);
    const RecordId ana = addEntity(store, a, alpha, u"Ana Lee"_s, made(AnnotationStatus::Accepted, u"ana"_s));
    const RecordId bo = addEntity(store, a, alpha, u"Bo Chan"_s, made(AnnotationStatus::Auto, QString()));
    Figure figure;
    figure.articleId = a;
    figure.kind = u"percent"_s;
    figure.span = spanOf(alpha, u"61 percent"_s);
    figure.number = spanOf(alpha, u"61"_s);
    figure.value = 61.0;
    figure.unit = u"percent"_s;
    figure.provenance = made(AnnotationStatus::Edited, u"ben"_s);
    if (a == 0 || ana == 0 || bo == 0
        || !addQuote(store, a, alpha, u"the vote was fair"_s, ana, made(AnnotationStatus::Manual, u"ana"_s))
        || !addQuote(store, a, alpha, u"no"_s, bo, made(AnnotationStatus::Rejected, u"ben"_s))
        || !store.insertFigure(figure))
        return false;

    const QString bravo = u"Bravo: Tokayev said “the coup has failed” on Monday."_s;
    const RecordId b = addArticle(store, u"bravo"_s, bravo, ArticleStatus::Done);
    const RecordId tokayev
        = addEntity(store, b, bravo, u"Tokayev"_s, made(AnnotationStatus::Manual, u"ben"_s));
    if (b == 0 || tokayev == 0
        || !addQuote(
            store, b, bravo, u"the coup has failed"_s, tokayev, made(AnnotationStatus::Manual, u"ben"_s)))
        return false;

    return addArticle(store, u"charlie"_s, u"Charlie: markets were calm."_s, ArticleStatus::Done) != 0;
}

inline std::unique_ptr<Store> project(const QString &path)
{
    StoreError error;
    auto store = Store::open(path, Store::Mode::ReadWrite, &error);
    if (!store || !fill(*store)) {
        qWarning("%s", qPrintable(store ? store->errorString() : error.message));
        return nullptr;
    }
    return store;
}

} // namespace Byline::SelectionFixture

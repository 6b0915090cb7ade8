// SPDX-License-Identifier: GPL-3.0-or-later
#include "agreement/agreementrun.h"

#include "agreement/annotatorversions.h"
#include "store.h"

namespace Byline {

namespace {

void addArticle(const Store &store, RecordId id, AgreementCalculator &calculator, AgreementReport &report)
{
    const QMap<QString, AnnotationSet> versions = AnnotatorVersions::split(store.annotations(id));
    Article article;
    article.id = id;
    if (versions.size() >= 2) {
        // the text is read only when there is something to compare
        if (const auto stored = store.article(id))
            article = *stored;
    }
    report.add(article, calculator.compute(article, versions));
}

} // namespace

AgreementReport AgreementRun::run(const Store &store, const Progress &progress)
{
    AgreementReport report;
    AgreementCalculator calculator;
    const int total = store.articleCount();
    constexpr int page = 500;
    int done = 0;
    for (RecordId last = 0;;) {
        const QList<ArticleSummary> summaries = store.articleSummariesAfter(last, page);
        for (const ArticleSummary &summary : summaries) {
            last = summary.id;
            addArticle(store, summary.id, calculator, report);
            if (progress && !progress(++done, total))
                return report;
        }
        if (summaries.size() < page)
            break;
    }
    return report;
}

std::optional<AgreementReport> AgreementRun::runArticle(const Store &store, const QString &key)
{
    const auto id = store.articleIdForKey(key);
    if (!id)
        return std::nullopt;
    AgreementReport report;
    AgreementCalculator calculator;
    addArticle(store, *id, calculator, report);
    return report;
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
// Assigning a large corpus and reading an annotator's queue (models/assignments.h): the figures
// behind "design for 100,000 articles".
//
//   QT_QPA_PLATFORM=offscreen build/bin/bench_assign [--articles 100000]
#include "articlelistmodel.h"
#include "assignments.h"
#include "document.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

bool addArticles(Store &store, int first, int count)
{
    Store::Transaction transaction(store);
    for (int i = first; i < first + count; ++i) {
        Article article;
        article.key = u"article-%1"_s.arg(i);
        article.title = u"Title %1"_s.arg((i * 7919) % 100003);
        article.text = u"Text of article %1."_s.arg(i);
        if (!store.addArticle(article))
            return false;
    }
    return transaction.commit();
}

void report(const char *name, const QElapsedTimer &timer)
{
    std::printf("%-52s %9.1f ms\n", name, timer.nsecsElapsed() / 1e6);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int articles = 100000;
    const QStringList arguments = app.arguments();
    if (const qsizetype at = arguments.indexOf(u"--articles"_s); at >= 0 && at + 1 < arguments.size())
        articles = arguments[at + 1].toInt();
    QTemporaryDir dir;
    StoreError error;
    auto document = Document::open(dir.filePath(u"bench.byline"_s), Store::Mode::ReadWrite, &error);
    if (!document) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message));
        return 1;
    }
    Store &store = document->store();
    QSqlQuery(store.database()).exec(u"PRAGMA cache_size = -262144"_s);
    if (!addArticles(store, 0, articles))
        return 1;
    std::printf("%d articles, 5 annotators, 2 per article\n", articles);
    const AssignmentRequest request { { u"anna"_s, u"ben"_s, u"cora"_s, u"dan"_s, u"eve"_s }, 2, false };
    Assignments assignments(store);

    QElapsedTimer timer;
    timer.start();
    auto state = assignments.state();
    report("read the state", timer);
    timer.start();
    AssignmentPlan plan = BalancedAssigner::plan(*state, request);
    report("plan", timer);
    timer.start();
    if (!assignments.apply(plan)) {
        std::fprintf(stderr, "%s\n", qPrintable(assignments.errorString()));
        return 1;
    }
    report(qPrintable(u"write %1 assignments"_s.arg(plan.added.size())), timer);

    addArticles(store, articles, 1000);
    timer.start();
    state = assignments.state();
    plan = BalancedAssigner::plan(*state, request);
    assignments.apply(plan);
    report("incremental: 1,000 new articles, read + plan + write", timer);

    timer.start();
    const QueueProgress progress = assignments.progressOf(u"cora"_s);
    report(qPrintable(u"progress of one queue (%1 of %2 done)"_s.arg(progress.done).arg(progress.assigned)),
        timer);
    ArticleFilter queue;
    queue.queueOf = u"cora"_s;
    for (const ArticleSortColumn column : { ArticleSortColumn::Id, ArticleSortColumn::Title }) {
        const ArticleSort sort { column, Qt::AscendingOrder };
        timer.start();
        const QList<ArticleSummary> page = store.articleSummaries(0, ArticleListModel::pageSize, sort, queue);
        report(
            column == ArticleSortColumn::Id ? "queue: first page, id order" : "queue: first page, by title",
            timer);
        timer.start();
        store.articlePageAfter(page.last(), ArticleListModel::pageSize, sort, queue);
        report(column == ArticleSortColumn::Id ? "queue: next page, id order" : "queue: next page, by title",
            timer);
    }
    timer.start();
    const int count = store.articleCount(queue);
    report(qPrintable(u"queue: count (%1)"_s.arg(count)), timer);
    timer.start();
    ArticleListModel model(document.get());
    model.setFilter(queue);
    int rows = 0;
    while (model.canFetchMore({})) {
        model.fetchMore({});
        rows = model.rowCount();
    }
    report(qPrintable(u"queue: scroll through all %1 rows"_s.arg(rows)), timer);

    // Cora leaves: her queue goes to the other four, then Dan's is emptied.
    timer.start();
    state = assignments.state();
    const ReassignmentPlan move
        = BalancedAssigner::reassign(*state, { u"cora"_s, { u"anna"_s, u"ben"_s, u"dan"_s, u"eve"_s } });
    const auto moved = assignments.reassign(move);
    if (!moved) {
        std::fprintf(stderr, "%s\n", qPrintable(assignments.errorString()));
        return 1;
    }
    report(qPrintable(u"move a queue (%1 articles), read + plan + write"_s.arg(moved->moved)), timer);
    timer.start();
    state = assignments.state();
    const auto unassigned = assignments.reassign(BalancedAssigner::reassign(*state, { u"dan"_s }));
    report(qPrintable(u"unassign a queue (%1 articles), read + plan + write"_s.arg(
               unassigned ? unassigned->removed : -1)),
        timer);
    return 0;
}

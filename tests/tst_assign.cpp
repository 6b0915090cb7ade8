// SPDX-License-Identifier: GPL-3.0-or-later
// Assigning articles to annotators (models/assigner.h, models/assignments.h, schema version 9)
// and each annotator's queue in the article list, in a project file.
#include "articlelistmodel.h"
#include "articlequeue.h"
#include "assigner.h"
#include "assignments.h"
#include "commands.h"
#include "curation/curationstore.h"
#include "document.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <algorithm>
#include <ranges>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

AssignmentState freshState(int articles, RecordId firstId = 1)
{
    AssignmentState state;
    for (RecordId id = firstId; id < firstId + articles; ++id)
        state.articles.append(id);
    return state;
}

// The state after the plan's assignments were made.
AssignmentState applied(AssignmentState state, const AssignmentPlan &plan)
{
    for (const Assignment &assignment : plan.added)
        state.assigned[assignment.articleId].append(assignment.annotator);
    return state;
}

QHash<QString, int> loads(const AssignmentState &state)
{
    QHash<QString, int> result;
    for (const QStringList &names : state.assigned) {
        for (const QString &name : names)
            ++result[name];
    }
    return result;
}

// Differences in load among the given annotators.
int spread(const QHash<QString, int> &load, const QStringList &annotators)
{
    const auto values
        = annotators | std::views::transform([&](const QString &name) { return load.value(name); });
    return std::ranges::max(values) - std::ranges::min(values);
}

using Existing = QList<std::pair<int, QString>>; // (article id, annotator)

// The state after a reassignment.
AssignmentState applied(AssignmentState state, const ReassignmentPlan &plan)
{
    for (const Assignment &assignment : plan.removed) {
        state.assigned[assignment.articleId].removeOne(assignment.annotator);
        state.done[assignment.annotator].remove(assignment.articleId);
    }
    for (const Assignment &assignment : plan.added)
        state.assigned[assignment.articleId].append(assignment.annotator);
    return state;
}

// 12 articles with two of anna, ben and cora each; anna has done every third of hers.
AssignmentState teamState()
{
    AssignmentState state = applied(
        freshState(12), BalancedAssigner::plan(freshState(12), { { u"anna"_s, u"ben"_s, u"cora"_s }, 2 }));
    int annas = 0;
    for (const RecordId articleId : state.articles) {
        if (state.assigned.value(articleId).contains(u"anna"_s) && annas++ % 3 == 0)
            state.done[u"anna"_s].insert(articleId);
    }
    return state;
}

QList<RecordId> queueOf(const AssignmentState &state, const QString &annotator)
{
    QList<RecordId> articles;
    for (const RecordId articleId : state.articles) {
        if (state.assigned.value(articleId).contains(annotator))
            articles << articleId;
    }
    return articles;
}

} // namespace

class TestAssign : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void balancedPlan_data();
    void balancedPlan();
    void firstArticlesGoRoundTheTeam();
    void incrementalRunsKeepEarlierAssignments_data();
    void incrementalRunsKeepEarlierAssignments();
    void storeAppliesThePlanOnce();
    void doneIsTheAnnotatorsOwn();
    void queueFilterPagesThroughTheQueue_data();
    void queueFilterPagesThroughTheQueue();
    void curatedLayerShowsInTheList();
    void queueFollowsStatusChanges();
    void queueCatchesUpAfterBeingOffline();
    void reassignPlan_data();
    void reassignPlan();
    void storeUnassignsAndMoves();
    void workDoneMeanwhileStays();
    void queueCountIsTheQueuesRows();

private:
    void addArticles(int count);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Document> m_document;
};

void TestAssign::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    StoreError error;
    m_document = Document::open(m_dir->filePath(u"assign.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_document, qPrintable(error.message));
    m_document->setAnnotator(u"anna"_s);
}

void TestAssign::cleanup()
{
    m_document.reset();
    m_dir.reset();
}

void TestAssign::addArticles(int count)
{
    Store &store = m_document->store();
    Store::Transaction transaction(store);
    const int first = store.articleCount();
    for (int i = 0; i < count; ++i) {
        Article article;
        article.key = u"a%1"_s.arg(first + i, 5, 10, QChar(u'0'));
        // Titles in the reverse of id order, so that a title sort differs from the id order.
        article.title = u"Title 🚀 %1"_s.arg(100000 - first - i);
        article.text = u"Article %1 😀 text."_s.arg(first + i);
        QVERIFY(store.addArticle(article));
    }
    QVERIFY(transaction.commit());
    m_document->notifyArticlesAdded();
}

void TestAssign::balancedPlan_data()
{
    QTest::addColumn<int>("articles");
    QTest::addColumn<QStringList>("annotators");
    QTest::addColumn<int>("perArticle");
    QTest::addColumn<Existing>("existing");
    QTest::addColumn<bool>("onlyUnassigned");
    QTest::addColumn<int>("expectedAdded");

    const QStringList three { u"anna"_s, u"ben"_s, u"cora"_s };
    const QStringList five { u"anna"_s, u"ben"_s, u"cora"_s, u"dan"_s, u"eve"_s };
    QTest::newRow("one-each") << 9 << three << 1 << Existing() << false << 9;
    QTest::newRow("two-of-three") << 10 << three << 2 << Existing() << false << 20;
    QTest::newRow("all-three") << 7 << three << 3 << Existing() << false << 21;
    QTest::newRow("three-of-five-uneven") << 101 << five << 3 << Existing() << false << 303;
    QTest::newRow("single-annotator") << 4 << QStringList { u"anna"_s } << 1 << Existing() << false << 4;
    QTest::newRow("no-articles") << 0 << three << 2 << Existing() << false << 0;
    // An article that has one annotator gets one more, not the one it has.
    QTest::newRow("top-up") << 4 << three << 2 << Existing { { 1, u"anna"_s }, { 2, u"ben"_s } } << false
                            << 6;
    QTest::newRow("only-unassigned") << 4 << three << 2 << Existing { { 1, u"anna"_s }, { 2, u"ben"_s } }
                                     << true << 4;
    // Someone not chosen now still counts towards the article's N.
    QTest::newRow("outsider-counts") << 3 << three << 2 << Existing { { 1, u"zoe"_s }, { 1, u"yann"_s } }
                                     << false << 4;
    QTest::newRow("full-already") << 2 << three << 1 << Existing { { 1, u"cora"_s }, { 2, u"cora"_s } }
                                  << false << 0;
    // N above the team: each article gets everyone there is.
    QTest::newRow("too-few") << 3 << QStringList { u"anna"_s, u"ben"_s } << 3 << Existing() << false << 6;
}

void TestAssign::balancedPlan()
{
    QFETCH(int, articles);
    QFETCH(QStringList, annotators);
    QFETCH(int, perArticle);
    QFETCH(Existing, existing);
    QFETCH(bool, onlyUnassigned);
    QFETCH(int, expectedAdded);

    AssignmentState state = freshState(articles);
    for (const auto &[article, name] : existing)
        state.assigned[article].append(name);
    const AssignmentRequest request { annotators, perArticle, onlyUnassigned };
    const AssignmentPlan plan = BalancedAssigner::plan(state, request);
    QCOMPARE(plan.added.size(), expectedAdded);
    // The same state and request give the same plan.
    QCOMPARE(BalancedAssigner::plan(state, request).added, plan.added);

    const AssignmentState after = applied(state, plan);
    for (const RecordId article : std::as_const(state.articles)) {
        const QStringList before = state.assigned.value(article);
        QStringList names = after.assigned.value(article);
        // Nothing that was there moved.
        QCOMPARE(names.mid(0, before.size()), before);
        if (onlyUnassigned && !before.isEmpty()) {
            QCOMPARE(names, before);
            continue;
        }
        // N where the chosen annotators suffice, else everyone chosen who did not have it.
        const auto newcomers
            = std::ranges::count_if(annotators, [&](const QString &name) { return !before.contains(name); });
        const qsizetype expected = before.size() >= perArticle
            ? before.size()
            : std::min<qsizetype>(perArticle, before.size() + newcomers);
        QCOMPARE(names.size(), expected);
        names.removeDuplicates();
        QCOMPARE(names.size(), after.assigned.value(article).size()); // distinct annotators
    }
    // The loads the plan reports are the ones it makes, and they differ by at most one when the
    // run started from nothing.
    const QHash<QString, int> load = loads(after);
    for (const QString &name : annotators)
        QCOMPARE(plan.loadAfter.value(name), load.value(name));
    if (existing.isEmpty() && articles > 0)
        QVERIFY2(spread(load, annotators) <= 1, qPrintable(QString::number(spread(load, annotators))));
}

void TestAssign::firstArticlesGoRoundTheTeam()
{
    // Ties go to the annotator named first: the plan reads as a rotation.
    const AssignmentPlan plan
        = BalancedAssigner::plan(freshState(3), { { u"anna"_s, u"ben"_s, u"cora"_s }, 2, false });
    const QList<Assignment> expected { { 1, u"anna"_s }, { 1, u"ben"_s }, { 2, u"cora"_s }, { 2, u"anna"_s },
        { 3, u"ben"_s }, { 3, u"cora"_s } };
    QCOMPARE(plan.added, expected);
}

void TestAssign::incrementalRunsKeepEarlierAssignments_data()
{
    QTest::addColumn<int>("firstArticles");
    QTest::addColumn<QStringList>("firstTeam");
    QTest::addColumn<int>("laterArticles");
    QTest::addColumn<QStringList>("laterTeam");
    QTest::addColumn<int>("perArticle");

    const QStringList three { u"anna"_s, u"ben"_s, u"cora"_s };
    QTest::newRow("same-team") << 10 << three << 7 << three << 2;
    QTest::newRow("same-team-one-each") << 5 << three << 5 << three << 1;
    // Someone who joins later catches up with the new articles.
    QTest::newRow("newcomer") << 6 << QStringList { u"anna"_s, u"ben"_s } << 3 << three << 1;
    // Each new article can give the newcomer one place of two: 12 new articles make up for 6 old.
    QTest::newRow("newcomer-two-each") << 6 << QStringList { u"anna"_s, u"ben"_s } << 12 << three << 2;
}

void TestAssign::incrementalRunsKeepEarlierAssignments()
{
    QFETCH(int, firstArticles);
    QFETCH(QStringList, firstTeam);
    QFETCH(int, laterArticles);
    QFETCH(QStringList, laterTeam);
    QFETCH(int, perArticle);

    const AssignmentState first = freshState(firstArticles);
    const AssignmentState afterFirst
        = applied(first, BalancedAssigner::plan(first, { firstTeam, perArticle }));
    AssignmentState grown = afterFirst;
    grown.articles += freshState(laterArticles, firstArticles + 1).articles;
    const AssignmentPlan second = BalancedAssigner::plan(grown, { laterTeam, perArticle });
    // Only the new articles get assignments, each N distinct annotators.
    QCOMPARE(second.added.size(), laterArticles * perArticle);
    for (const Assignment &assignment : second.added)
        QVERIFY(assignment.articleId > firstArticles);
    const AssignmentState afterSecond = applied(grown, second);
    for (const RecordId article : std::as_const(grown.articles)) {
        QStringList names = afterSecond.assigned.value(article);
        QCOMPARE(names.size(), perArticle);
        names.removeDuplicates();
        QCOMPARE(names.size(), perArticle);
    }
    // The least loaded get the new articles first; there are enough of them here to even out.
    QVERIFY(spread(loads(afterSecond), laterTeam) <= 1);
    // Nothing more to do a third time.
    QVERIFY(BalancedAssigner::plan(afterSecond, { laterTeam, perArticle }).added.isEmpty());
}

void TestAssign::storeAppliesThePlanOnce()
{
    addArticles(1203); // more than two batches
    Assignments assignments(m_document->store());
    QVERIFY(assignments.canManage());
    auto state = assignments.state();
    QVERIFY(state);
    QCOMPARE(state->articles.size(), 1203);
    const AssignmentRequest request { { u"anna"_s, u"ben"_s, u"cora"_s }, 2, false };
    const AssignmentPlan plan = BalancedAssigner::plan(*state, request);
    QList<int> reported;
    QVERIFY2(assignments.apply(plan,
                 [&](int written, int total) {
                     reported << written;
                     return total == plan.added.size();
                 }),
        qPrintable(assignments.errorString()));
    QCOMPARE(reported.last(), 2406);
    QCOMPARE(reported.size(), (2406 + Assignments::batchSize - 1) / Assignments::batchSize);

    // Read back: the store holds the plan, and a second run adds nothing.
    state = assignments.state();
    QVERIFY(state);
    QCOMPARE(state->assigned.size(), 1203);
    QCOMPARE(loads(*state), plan.loadAfter);
    QVERIFY(BalancedAssigner::plan(*state, request).added.isEmpty());
    const QList<QueueProgress> progress = assignments.progress();
    QCOMPARE(progress.size(), 3);
    for (const QueueProgress &queue : progress) {
        QCOMPARE(queue.assigned, plan.loadAfter.value(queue.annotator));
        QCOMPARE(queue.done, 0);
        QCOMPARE(assignments.progressOf(queue.annotator), queue);
    }

    // Stopping half-way adds nothing.
    addArticles(10);
    state = assignments.state();
    const AssignmentPlan more = BalancedAssigner::plan(*state, request);
    QCOMPARE(more.added.size(), 20);
    QVERIFY(!assignments.apply(more, [](int, int) { return false; }));
    QCOMPARE(assignments.state()->assigned.size(), 1203);
}

void TestAssign::doneIsTheAnnotatorsOwn()
{
    addArticles(3);
    Assignments assignments(m_document->store());
    const auto state = assignments.state();
    QVERIFY(assignments.apply(BalancedAssigner::plan(*state, { { u"anna"_s, u"ben"_s }, 2, false })));
    const RecordId article = state->articles.first();

    // Anna marks it done: her queue moves, Ben's does not, though the shared status says done.
    QVERIFY(m_document->showArticle(article));
    m_document->undoStack()->push(
        new ArticleStatusCommand(m_document.get(), article, ArticleStatus::Todo, ArticleStatus::Done));
    QCOMPARE(assignments.progressOf(u"anna"_s), (QueueProgress { u"anna"_s, 3, 1 }));
    QCOMPARE(assignments.progressOf(u"ben"_s), (QueueProgress { u"ben"_s, 3, 0 }));
    QVERIFY(m_document->store().articleSummary(article)->status == ArticleStatus::Done);
    // Undo takes her "done" back with the status.
    m_document->undoStack()->undo();
    QCOMPARE(assignments.progressOf(u"anna"_s), (QueueProgress { u"anna"_s, 3, 0 }));
    m_document->undoStack()->redo();
    QCOMPARE(assignments.progressOf(u"anna"_s).done, 1);

    // Someone without the article in their queue changes only the status.
    m_document->setAnnotator(u"cora"_s);
    QVERIFY(m_document->setArticleStatus(state->articles[1], ArticleStatus::Done));
    QCOMPARE(assignments.progressOf(u"anna"_s).done, 1);
    QCOMPARE(assignments.progressOf(u"ben"_s).done, 0);
    QCOMPARE(assignments.progressOf(u"cora"_s), (QueueProgress { u"cora"_s, 0, 0 }));
}

void TestAssign::queueFilterPagesThroughTheQueue_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    for (const auto column : { ArticleListModel::Title, ArticleListModel::Status, ArticleListModel::Key })
        for (const auto order : { Qt::AscendingOrder, Qt::DescendingOrder })
            QTest::addRow("%d-%d", int(column), int(order)) << int(column) << int(order);
    QTest::newRow("id") << -1 << int(Qt::AscendingOrder);
}

void TestAssign::queueFilterPagesThroughTheQueue()
{
    QFETCH(int, column);
    QFETCH(int, order);
    addArticles(2 * ArticleListModel::pageSize + 150);
    Assignments assignments(m_document->store());
    const auto state = assignments.state();
    const AssignmentPlan plan
        = BalancedAssigner::plan(*state, { { u"anna"_s, u"ben"_s, u"cora"_s }, 2, false });
    QVERIFY(assignments.apply(plan));
    QList<RecordId> annasQueue;
    for (const Assignment &assignment : plan.added) {
        if (assignment.annotator == u"anna"_s)
            annasQueue << assignment.articleId;
    }
    QVERIFY(annasQueue.size() > ArticleListModel::pageSize); // it takes several pages

    ArticleListModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(column, Qt::SortOrder(order));
    ArticleFilter filter;
    filter.queueOf = u"anna"_s;
    model.setFilter(filter);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QList<RecordId> listed;
    for (int row = 0; row < model.rowCount(); ++row)
        listed << model.articleId(row);
    // Every article of the queue once, none other, in the order asked for.
    QList<RecordId> sortedListed = listed;
    std::ranges::sort(sortedListed);
    QCOMPARE(sortedListed, annasQueue);
    QCOMPARE(m_document->store().articleCount(filter), annasQueue.size());
    for (int row = 1; row < model.rowCount() && column == ArticleListModel::Title; ++row) {
        const QString previous = model.index(row - 1, column).data().toString();
        const QString current = model.index(row, column).data().toString();
        QVERIFY(order == Qt::AscendingOrder ? previous <= current : previous >= current);
    }
    QVERIFY(m_document->store().articleMatches(annasQueue.first(), filter));
}

void TestAssign::curatedLayerShowsInTheList()
{
    addArticles(3);
    ArticleListModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const RecordId article = model.articleId(1);
    QCOMPARE(model.index(1, ArticleListModel::Curation).data().toString(), u"not started"_s);
    // Another annotator's work does not count; the curated layer's does.
    for (const QString &annotator : { u"ben"_s, u"curator"_s }) {
        Entity entity;
        entity.articleId = article;
        entity.name = u"Astana 🚀"_s;
        entity.type = u"GPE"_s;
        entity.provenance.annotator = annotator;
        QVERIFY(m_document->store().insertEntity(entity));
        Q_EMIT m_document->articleChanged(article);
        QCOMPARE(model.index(1, ArticleListModel::Curation).data().toString(),
            annotator == u"curator"_s ? u"in progress"_s : u"not started"_s);
    }
    QCOMPARE(model.index(0, ArticleListModel::Curation).data().toString(), u"not started"_s);
    QVERIFY(m_document->store().articleSummary(article)->curated);
    QVERIFY(!m_document->store().articleSummary(article)->curationDone);
    // The curator's "done", and taking it back.
    CurationStore curation(m_document->store());
    QVERIFY2(curation.setDone(article, true, u"curator"_s), qPrintable(curation.errorString()));
    Q_EMIT m_document->articleChanged(article);
    QCOMPARE(model.index(1, ArticleListModel::Curation).data().toString(), u"done"_s);
    QVERIFY(m_document->store().articleSummary(article)->curationDone);
    QVERIFY(curation.setDone(article, false, u"curator"_s));
    Q_EMIT m_document->articleChanged(article);
    QCOMPARE(model.index(1, ArticleListModel::Curation).data().toString(), u"in progress"_s);
}

void TestAssign::queueFollowsStatusChanges()
{
    addArticles(4);
    ArticleQueue queue(m_document.get());
    QVERIFY(!queue.hasQueue());
    QSignalSpy changed(&queue, &ArticleQueue::changed);
    Assignments assignments(m_document->store());
    QVERIFY(assignments.apply(
        BalancedAssigner::plan(*assignments.state(), { { u"anna"_s, u"ben"_s }, 1, false })));
    queue.refresh();
    QCOMPARE(changed.size(), 1);
    QVERIFY(queue.hasQueue());
    QCOMPARE(queue.progressText(), u"0 of 2 done"_s);
    const RecordId first = assignments.state()->articles.first(); // anna's, by the rotation
    QVERIFY(m_document->setArticleStatus(first, ArticleStatus::Done));
    QTRY_COMPARE(changed.size(), 2);
    QCOMPARE(queue.progressText(), u"1 of 2 done"_s);
    // A change that does not touch the queue's counts announces nothing.
    QVERIFY(m_document->setArticleStatus(first, ArticleStatus::Done));
    QTest::qWait(10);
    QCOMPARE(changed.size(), 2);
}

// Assignments announced while the client was offline went unheard: back online, the queue counts
// again and its list reads it again.
void TestAssign::queueCatchesUpAfterBeingOffline()
{
    addArticles(4);
    ArticleQueue queue(m_document.get());
    QSignalSpy changed(&queue, &ArticleQueue::changed);
    QSignalSpy articlesChanged(&queue, &ArticleQueue::articlesChanged);
    // Written below the document, as another client's assignment that nobody here heard.
    Assignments assignments(m_document->store());
    QVERIFY(assignments.apply(
        BalancedAssigner::plan(*assignments.state(), { { u"anna"_s, u"ben"_s }, 1, false })));
    QTest::qWait(10);
    QVERIFY(!queue.hasQueue());
    QCOMPARE(changed.size(), 0);

    Q_EMIT m_document->changedElsewhereWhileOffline();
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(articlesChanged.size(), 1);
    QCOMPARE(queue.progressText(), u"0 of 2 done"_s);
}

void TestAssign::reassignPlan_data()
{
    QTest::addColumn<QStringList>("to");
    QTest::addColumn<bool>("selected"); // every other article of anna's queue, else all of it
    QTest::addColumn<bool>("includeDone");
    for (const bool selected : { false, true }) {
        const char *which = selected ? "selected" : "all";
        QTest::addRow("unassign %s", which) << QStringList() << selected << false;
        QTest::addRow("unassign %s with done", which) << QStringList() << selected << true;
        QTest::addRow("move %s to ben", which) << QStringList { u"ben"_s } << selected << false;
        QTest::addRow("move %s to ben and dan", which)
            << QStringList { u"ben"_s, u"dan"_s } << selected << false;
        // A move never hands on done work, asked or not.
        QTest::addRow("move %s with done to cora, dan and eve", which)
            << QStringList { u"cora"_s, u"dan"_s, u"eve"_s } << selected << true;
    }
}

// Whatever is asked, the plan takes only anna's chosen articles, keeps done work unless it is an
// unassignment that includes it, gives no one an article twice and keeps the takers' loads even.
void TestAssign::reassignPlan()
{
    QFETCH(QStringList, to);
    QFETCH(bool, selected);
    QFETCH(bool, includeDone);
    const AssignmentState state = teamState();
    const QList<RecordId> annas = queueOf(state, u"anna"_s);
    QVERIFY(!state.done.value(u"anna"_s).isEmpty());
    ReassignmentRequest request { u"anna"_s, to, {}, includeDone };
    QList<RecordId> chosen = annas;
    if (selected) {
        chosen.clear();
        for (int i = 0; i < annas.size(); i += 2)
            chosen << annas[i];
        request.articles = chosen;
    }
    const ReassignmentPlan plan = BalancedAssigner::reassign(state, request);

    const bool removesDone = includeDone && to.isEmpty();
    QCOMPARE(plan.removesDone, removesDone);
    int doneChosen = 0;
    for (const RecordId articleId : chosen)
        doneChosen += state.done.value(u"anna"_s).contains(articleId);
    QVERIFY(doneChosen > 0);
    QCOMPARE(plan.doneKept, removesDone ? 0 : doneChosen);
    QCOMPARE(plan.removed.size() + plan.doneKept + plan.articlesStaying, chosen.size());
    QCOMPARE(plan.added.size(), to.isEmpty() ? 0 : plan.removed.size());
    for (const Assignment &removed : plan.removed) {
        QCOMPARE(removed.annotator, u"anna"_s);
        QVERIFY(chosen.contains(removed.articleId));
        QVERIFY(removesDone || !state.done.value(u"anna"_s).contains(removed.articleId));
    }
    // Only ben as taker: the articles he has already stay with anna.
    if (to == QStringList { u"ben"_s }) {
        int bensAlready = 0;
        for (const RecordId articleId : chosen) {
            bensAlready += !state.done.value(u"anna"_s).contains(articleId)
                && state.assigned.value(articleId).contains(u"ben"_s);
        }
        QCOMPARE(plan.articlesStaying, bensAlready);
    }
    const AssignmentState after = applied(state, plan);
    for (const RecordId articleId : after.articles) {
        const QStringList names = after.assigned.value(articleId);
        QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), names.size());
    }
    const QHash<QString, int> loadAfter = loads(after);
    for (const QString &name : QStringList { u"anna"_s } + to) {
        QCOMPARE(loadAfter.value(name), plan.loadAfter.value(name));
        QCOMPARE(loads(state).value(name), plan.loadBefore.value(name));
    }
    // The newcomers start from nothing and end within one of each other.
    if (to.contains(u"dan"_s) && to.contains(u"eve"_s))
        QVERIFY(spread(loadAfter, { u"dan"_s, u"eve"_s }) <= 1);
    // The same state and request give the same plan.
    const ReassignmentPlan again = BalancedAssigner::reassign(state, request);
    QCOMPARE(again.removed, plan.removed);
    QCOMPARE(again.added, plan.added);
}

void TestAssign::storeUnassignsAndMoves()
{
    addArticles(9);
    Assignments assignments(m_document->store());
    QVERIFY(assignments.apply(
        BalancedAssigner::plan(*assignments.state(), { { u"anna"_s, u"ben"_s, u"cora"_s }, 1 })));
    const QList<QueuedArticle> annas = assignments.queue(u"anna"_s);
    QCOMPARE(annas.size(), 3);
    QVERIFY(assignments.setDone(annas[0].articleId, u"anna"_s, true));
    const QList<QueuedArticle> marked = assignments.queue(u"anna"_s);
    QVERIFY(marked[0].done);
    QVERIFY(!marked[1].done);
    QCOMPARE(marked[1].key, m_document->store().articleSummary(marked[1].articleId)->key);

    // Moving anna's queue to dan: the two not done go, the done one stays hers.
    auto plan = BalancedAssigner::reassign(*assignments.state(), { u"anna"_s, { u"dan"_s } });
    auto outcome = assignments.reassign(plan);
    QVERIFY2(outcome, qPrintable(assignments.errorString()));
    QCOMPARE(outcome->removed, 2);
    QCOMPARE(outcome->moved, 2);
    QCOMPARE(assignments.progressOf(u"anna"_s), (QueueProgress { u"anna"_s, 1, 1 }));
    QCOMPARE(assignments.progressOf(u"dan"_s), (QueueProgress { u"dan"_s, 2, 0 }));
    QCOMPARE(assignments.queue(u"dan"_s)[0].articleId, annas[1].articleId);

    // Unassigning ben's first article only, then cora's whole queue with nothing done.
    plan = BalancedAssigner::reassign(
        *assignments.state(), { u"ben"_s, {}, { assignments.queue(u"ben"_s).first().articleId } });
    QCOMPARE(assignments.reassign(plan)->removed, 1);
    QCOMPARE(assignments.progressOf(u"ben"_s).assigned, 2);
    plan = BalancedAssigner::reassign(*assignments.state(), { u"cora"_s });
    QCOMPARE(assignments.reassign(plan)->removed, 3);
    QCOMPARE(assignments.progressOf(u"cora"_s).assigned, 0);

    // Anna's done article goes only when asked.
    plan = BalancedAssigner::reassign(*assignments.state(), { u"anna"_s });
    QCOMPARE(plan.doneKept, 1);
    QVERIFY(plan.removed.isEmpty());
    plan = BalancedAssigner::reassign(*assignments.state(), { u"anna"_s, {}, {}, true });
    QCOMPARE(assignments.reassign(plan)->removed, 1);
    QCOMPARE(assignments.progressOf(u"anna"_s).assigned, 0);
    // The articles and their statuses stay.
    QCOMPARE(m_document->store().articleCount(), 9);
}

// The admin previewed; anna finished an article before the admin confirmed: it stays hers, and
// nobody else is given it.
void TestAssign::workDoneMeanwhileStays()
{
    addArticles(4);
    Assignments assignments(m_document->store());
    QVERIFY(assignments.apply(BalancedAssigner::plan(*assignments.state(), { { u"anna"_s }, 1 })));
    const ReassignmentPlan plan
        = BalancedAssigner::reassign(*assignments.state(), { u"anna"_s, { u"ben"_s } });
    QCOMPARE(plan.added.size(), 4);
    const RecordId finished = plan.removed[2].articleId;
    QVERIFY(assignments.setDone(finished, u"anna"_s, true));
    const auto outcome = assignments.reassign(plan);
    QVERIFY(outcome);
    QCOMPARE(outcome->removed, 3);
    QCOMPARE(outcome->moved, 3);
    QCOMPARE(assignments.progressOf(u"anna"_s), (QueueProgress { u"anna"_s, 1, 1 }));
    for (const QueuedArticle &article : assignments.queue(u"ben"_s))
        QVERIFY(article.articleId != finished);
    QCOMPARE(assignments.progressOf(u"ben"_s).assigned, 3);
}

// The list counts a queue with each page it reads in a sort of its own: the count is the
// queue's rows, with or without a status filter on top, and follows a move.
void TestAssign::queueCountIsTheQueuesRows()
{
    addArticles(30);
    Assignments assignments(m_document->store());
    QVERIFY(assignments.apply(BalancedAssigner::plan(*assignments.state(), { { u"anna"_s, u"ben"_s }, 1 })));
    ArticleFilter queue;
    queue.queueOf = u"anna"_s;
    QCOMPARE(m_document->store().articleCount(queue), assignments.progressOf(u"anna"_s).assigned);
    const RecordId first = assignments.queue(u"anna"_s).first().articleId;
    QVERIFY(m_document->setArticleStatus(first, ArticleStatus::Done));
    ArticleFilter doneInQueue = queue;
    doneInQueue.status = ArticleStatus::Done;
    QCOMPARE(m_document->store().articleCount(doneInQueue), 1);
    QVERIFY(
        assignments.reassign(BalancedAssigner::reassign(*assignments.state(), { u"anna"_s, { u"ben"_s } })));
    QCOMPARE(m_document->store().articleCount(queue), 1);
    QCOMPARE(m_document->store().articleCount(doneInQueue), 1);
    queue.queueOf = u"ben"_s;
    QCOMPARE(m_document->store().articleCount(queue), 29);
}

QTEST_GUILESS_MAIN(TestAssign)
#include "tst_assign.moc"

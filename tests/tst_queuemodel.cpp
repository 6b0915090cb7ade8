// SPDX-License-Identifier: GPL-3.0-or-later
// One annotator's queue as Manage Assignments lists it (models/queuearticlemodel.h): read a page
// at a time after the last article's id, its size counted by the database, in a project file.
#include "assignments.h"
#include "modelroles.h"
#include "queuearticlemodel.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

constexpr int pageSize = QueueArticleModel::pageSize;

// The queues the project holds: each annotator has every other article from the first, so the
// ids in a queue are not consecutive, and every fifth of their articles is done.
const QList<std::pair<QString, int>> queueSizes { { u"nobody"_s, 0 }, { u"one"_s, 1 },
    { u"page"_s, pageSize }, { u"pageAndOne"_s, pageSize + 1 }, { u"long"_s, 2 * pageSize + 37 } };
constexpr int articleCount = 2 * (2 * pageSize + 37);

// The assignments passed through, and each page asked for remembered.
class CountingSource final : public QueuePageSource {
public:
    explicit CountingSource(const Assignments &assignments)
        : m_assignments(assignments)
    {
    }
    QList<QueuedArticle> queuePage(const QString &annotator, RecordId after, int limit) const override
    {
        requests << std::pair(after, limit);
        return m_assignments.queuePage(annotator, after, limit);
    }
    QueueProgress progressOf(const QString &annotator) const override
    {
        ++counts;
        return m_assignments.progressOf(annotator);
    }
    QString errorString() const override { return m_assignments.errorString(); }

    mutable QList<std::pair<RecordId, int>> requests; ///< (after, limit) of each page asked for
    mutable int counts = 0;

private:
    const Assignments &m_assignments;
};

/// A queue of 450 articles, read as from a server that goes away: the count, or the pages after
/// the first few, fail.
class FailingSource final : public QueuePageSource {
public:
    static constexpr int queueSize = 450;

    QList<QueuedArticle> queuePage(const QString &, RecordId after, int limit) const override
    {
        if (pagesBeforeFailing-- <= 0)
            return failed(QList<QueuedArticle>());
        m_error.clear();
        QList<QueuedArticle> page;
        for (RecordId id = after + 1; id <= std::min<RecordId>(after + limit, queueSize); ++id)
            page.append({ id, u"article-%1"_s.arg(id), QString(), false });
        return page;
    }
    QueueProgress progressOf(const QString &annotator) const override
    {
        if (countFails)
            return failed(QueueProgress { annotator });
        m_error.clear();
        return { annotator, queueSize, 0 };
    }
    QString errorString() const override { return m_error; }

    mutable int pagesBeforeFailing = 0;
    bool countFails = false;

private:
    template<typename Result> Result failed(Result result) const
    {
        m_error = u"server closed the connection unexpectedly"_s;
        return result;
    }
    mutable QString m_error;
};

} // namespace

class TestQueueModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsAPageAtATime_data();
    void readsAPageAtATime();
    void requeryShowsTheQueueAsItIsNow();
    void pageComesOffTheQueueKey();
    void aFailedReadStopsTheListAndSaysWhy_data();
    void aFailedReadStopsTheListAndSaysWhy();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
};

void TestQueueModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    StoreError error;
    m_store = Store::open(m_dir.filePath(u"queues.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_store, qPrintable(error.message));
    QList<RecordId> ids;
    {
        Store::Transaction transaction(*m_store);
        for (int i = 0; i < articleCount; ++i) {
            Article article;
            article.key = u"article-%1"_s.arg(i);
            // Some have no title: the queue shows their key.
            article.title = i % 7 == 3 ? QString() : u"Article 😀 %1"_s.arg(i);
            article.text = u"Tokayev 🚀 spoke in Astana, article %1."_s.arg(i);
            QVERIFY(m_store->addArticle(article));
            ids << article.id;
        }
        QVERIFY(transaction.commit());
    }
    Assignments assignments(*m_store);
    AssignmentPlan plan;
    for (const auto &[annotator, size] : queueSizes) {
        for (int i = 0; i < size; ++i)
            plan.added << Assignment { ids[2 * i], annotator };
    }
    QVERIFY2(assignments.apply(plan), qPrintable(assignments.errorString()));
    for (const auto &[annotator, size] : queueSizes) {
        for (int i = 0; i < size; i += 5)
            QVERIFY(assignments.setDone(ids[2 * i], annotator, true));
    }
}

void TestQueueModel::readsAPageAtATime_data()
{
    QTest::addColumn<QString>("annotator");
    QTest::addColumn<int>("size");
    for (const auto &[annotator, size] : queueSizes)
        QTest::addRow("%s, %d", qPrintable(annotator), size) << annotator << size;
}

// Scrolled to its end, the model holds the whole queue as the assignments have it, having asked
// for one page per fetch, each after the last article it had.
void TestQueueModel::readsAPageAtATime()
{
    QFETCH(QString, annotator);
    QFETCH(int, size);
    Assignments assignments(*m_store);
    CountingSource source(assignments);
    QueueArticleModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.canFetchMore({}));

    model.setAnnotator(annotator);
    QCOMPARE(model.progress().assigned, size);
    QCOMPARE(model.progress().done, (size + 4) / 5);
    QCOMPARE(model.rowCount(), std::min(size, pageSize));
    QCOMPARE(source.counts, 1);
    QCOMPARE(source.requests.size(), size > 0 ? 1 : 0);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    while (model.canFetchMore({})) {
        const qsizetype before = source.requests.size();
        const RecordId last = model.index(model.rowCount() - 1, 0).data(IdRole).toLongLong();
        model.fetchMore({});
        QCOMPARE(source.requests.size(), before + 1);
        QCOMPARE(source.requests.last().first, last);
    }
    for (const auto &[after, limit] : std::as_const(source.requests))
        QCOMPARE(limit, pageSize);
    QCOMPARE(source.requests.size(), (size + pageSize - 1) / pageSize);
    QCOMPARE(inserted.size(), std::max(0, int(source.requests.size()) - 1));
    QCOMPARE(source.counts, 1);
    // At the end, asking again reads nothing.
    model.fetchMore({});
    QCOMPARE(source.requests.size(), (size + pageSize - 1) / pageSize);

    const QList<QueuedArticle> queue = assignments.queue(annotator);
    QCOMPARE(model.rowCount(), queue.size());
    QCOMPARE(queue.size(), size);
    for (int row = 0; row < queue.size(); ++row) {
        const QueuedArticle &article = queue[row];
        QCOMPARE(model.articleId(row), article.articleId);
        QCOMPARE(model.index(row, QueueArticleModel::Title).data(IdRole).toLongLong(), article.articleId);
        QCOMPARE(model.index(row, QueueArticleModel::Title).data().toString(),
            article.title.isEmpty() ? article.key : article.title);
        QCOMPARE(model.index(row, QueueArticleModel::Done).data().toString(),
            article.done ? u"done"_s : QString());
    }
}

// After a change to the queue the model reads it again from its first page and counts it again.
void TestQueueModel::requeryShowsTheQueueAsItIsNow()
{
    const QString annotator = u"pageAndOne"_s;
    Assignments assignments(*m_store);
    CountingSource source(assignments);
    QueueArticleModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAnnotator(annotator);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), pageSize + 1);

    // Two articles of the first page move to someone new.
    const QList<RecordId> leaving { model.articleId(0), model.articleId(1) };
    const ReassignmentPlan plan
        = BalancedAssigner::reassign(*assignments.state(), { annotator, { u"newcomer"_s }, leaving });
    QCOMPARE(plan.added.size(), 1); // the first is done, and stays
    QVERIFY2(assignments.reassign(plan), qPrintable(assignments.errorString()));
    source.requests.clear();
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.requery();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.progress().assigned, pageSize);
    QCOMPARE(model.rowCount(), pageSize);
    QCOMPARE(source.requests, (QList<std::pair<RecordId, int>> { { 0, pageSize } }));
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.articleId(0), leaving[0]);
    QVERIFY(model.articleId(1) != leaving[1]);

    // No one chosen: an empty list, nothing read.
    source.requests.clear();
    model.setAnnotator({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(source.requests.isEmpty());
}

// The page walks the queue's key (annotator, article_id) from the last id and stops at the limit:
// neither the whole queue nor the articles is read or sorted, however long the queue.
void TestQueueModel::pageComesOffTheQueueKey()
{
    QSqlQuery query(m_store->database());
    QVERIFY(query.prepare(u"EXPLAIN QUERY PLAN "_s + Assignments::pageStatement()));
    query.addBindValue(u"long"_s);
    query.addBindValue(0);
    query.addBindValue(pageSize);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QStringList steps;
    while (query.next())
        steps << query.value(3).toString();
    const QString plan = steps.join(u" | "_s);
    QCOMPARE(steps.size(), 2);
    QVERIFY2(steps[0].startsWith(u"SEARCH q USING "_s)
            && steps[0].contains(u"INDEX sqlite_autoindex_assignments_1 (annotator=? AND article_id>?)"_s),
        qPrintable(plan));
    QVERIFY2(steps[1] == u"SEARCH a USING INTEGER PRIMARY KEY (rowid=?)"_s, qPrintable(plan));
}

void TestQueueModel::aFailedReadStopsTheListAndSaysWhy_data()
{
    QTest::addColumn<bool>("countFails");
    QTest::addColumn<int>("pagesBeforeFailing");
    QTest::addColumn<int>("rowsShown");
    QTest::newRow("the count") << true << 5 << 0;
    QTest::newRow("the first page") << false << 0 << 0;
    QTest::newRow("the second page") << false << 1 << QueueArticleModel::pageSize;
}

// A server gone away reads as an empty page or count: the model says so, once, and stops asking
// rather than taking it for the end of the queue.
void TestQueueModel::aFailedReadStopsTheListAndSaysWhy()
{
    QFETCH(bool, countFails);
    QFETCH(int, pagesBeforeFailing);
    QFETCH(int, rowsShown);
    FailingSource source;
    source.countFails = countFails;
    source.pagesBeforeFailing = pagesBeforeFailing;
    QueueArticleModel model(source);
    QSignalSpy failed(&model, &QueueArticleModel::failed);
    model.setAnnotator(u"anna"_s);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), rowsShown);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().toString(), u"server closed the connection unexpectedly"_s);
    QCOMPARE(model.errorString(), u"server closed the connection unexpectedly"_s);

    // Back: the queue reads whole again, and the error is gone.
    source.countFails = false;
    source.pagesBeforeFailing = 10;
    model.requery();
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), FailingSource::queueSize);
    QVERIFY(model.errorString().isEmpty());
    QCOMPARE(failed.size(), 1);
}

QTEST_GUILESS_MAIN(TestQueueModel)
#include "tst_queuemodel.moc"

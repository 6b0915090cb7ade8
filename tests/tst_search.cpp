// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlelistmodel.h"
#include "corpussearch.h"
#include "document.h"
#include "modelroles.h"
#include "schema.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

Q_DECLARE_METATYPE(Byline::ArticleFilter)

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString coupText
    = u"😀 In Almaty, 😀 the attempted coup failed on Thursday. “The coup is over,” Tokayev "
      "said, and the CSTO sent 2,500 troops."_s;

Span find(const QString &text, const QString &part)
{
    const qsizetype start = text.indexOf(part);
    Q_ASSERT(start >= 0);
    return { start, start + part.size() };
}

QStringList planOf(QSqlDatabase database, const QString &statement)
{
    QSqlQuery query(database);
    QStringList plan;
    if (!query.exec(u"EXPLAIN QUERY PLAN "_s + statement))
        return { query.lastError().text() };
    while (query.next())
        plan << query.value(3).toString();
    return plan;
}

// A store double for the article list: passes pages through and remembers how big each request was.
class CountingSource final : public ArticlePageSource {
public:
    explicit CountingSource(const Store &store)
        : m_store(store)
    {
    }
    QList<ArticleSummary> articleSummaries(
        int offset, int limit, const ArticleSort &sort, const ArticleFilter &filter) const override
    {
        ++pageRequests;
        largestRequest = std::max(largestRequest, limit);
        return m_store.articleSummaries(offset, limit, sort, filter);
    }
    QList<ArticleSummary> articlePageAfter(const ArticleSummary &last, int limit, const ArticleSort &sort,
        const ArticleFilter &filter) const override
    {
        ++pageRequests;
        ++keysetRequests;
        largestRequest = std::max(largestRequest, limit);
        return m_store.articlePageAfter(last, limit, sort, filter);
    }
    int articleCount(const ArticleFilter &filter) const override { return m_store.articleCount(filter); }

    mutable int pageRequests = 0;
    mutable int keysetRequests = 0; ///< pages after a row, which cost a page wherever they are
    mutable int largestRequest = 0;

private:
    const Store &m_store;
};

} // namespace

class TestSearch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testCountsFollowEdits();
    void testMigrationFromVersion2();
    void testArticlePagePlans_data();
    void testArticlePagePlans();
    void testFrequentQueryPlans_data();
    void testFrequentQueryPlans();
    void testSortAndFilterInStore();
    void testArticleListSortAndFilter();

private:
    void addBulk(int count);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Document> m_document;
    Store *m_store = nullptr;
    RecordId m_coup = 0;
    RecordId m_other = 0;
};

void TestSearch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    StoreError error;
    m_document = Document::open(m_dir->filePath(u"search.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_document, qPrintable(error.message));
    m_store = &m_document->store();
    QSqlQuery(m_store->database()).exec(u"PRAGMA synchronous = OFF"_s);
    Article coup { 0, u"coup"_s, u"Unrest in Almaty"_s, u"Wire"_s, u"2022-01-06"_s, {}, ArticleStatus::Done,
        coupText };
    Article other { 0, u"other"_s, u"Coup rumours denied"_s, u"Gazette"_s, u"2022-01-08T09:30"_s, {},
        ArticleStatus::Todo, u"Nothing happened in Astana today."_s };
    QVERIFY(m_store->addArticle(coup));
    QVERIFY(m_store->addArticle(other));
    m_coup = coup.id;
    m_other = other.id;
}

void TestSearch::cleanup()
{
    m_store = nullptr;
    m_document.reset();
    m_dir.reset();
}

void TestSearch::addBulk(int count)
{
    Store::Transaction transaction(*m_store);
    for (int i = 0; i < count; ++i) {
        Article article { 0, u"bulk"_s, u"Bulk %1"_s.arg(i, 3, 10, QChar(u'0')), u"Source %1"_s.arg(i % 7),
            u"2021-%1-01"_s.arg(i % 12 + 1, 2, 10, QChar(u'0')), {}, ArticleStatus(i % 3),
            u"Bulk text number %1 about troops."_s.arg(i) };
        QVERIFY(m_store->addArticle(article));
        for (int e = 0; e < i % 4; ++e) {
            Entity entity;
            entity.articleId = article.id;
            entity.name = u"Troops"_s;
            entity.type = u"ORG"_s;
            QVERIFY(m_store->insertEntity(entity));
        }
    }
    QVERIFY(transaction.commit());
}

// Whatever is typed, the search either explains the query or runs it; SQLite never complains.
void TestSearch::testCountsFollowEdits()
{
    Entity entity { 0, m_coup, u"Tokayev"_s, u"PERSON"_s, {}, {} };
    QVERIFY(m_store->insertEntity(entity));
    Quote quote;
    quote.articleId = m_coup;
    quote.content << find(coupText, u"The coup is over,"_s);
    QVERIFY(m_store->insertQuote(quote));
    Figure figure;
    figure.articleId = m_coup;
    figure.span = figure.number = find(coupText, u"2,500"_s);
    figure.kind = u"count"_s;
    QVERIFY(m_store->insertFigure(figure));
    std::optional<ArticleSummary> summary = m_store->articleSummary(m_coup);
    QCOMPARE(summary->entityCount, 1);
    QCOMPARE(summary->quoteCount, 1);
    QCOMPARE(summary->figureCount, 1);
    QVERIFY(m_store->removeEntity(entity.id));
    QVERIFY(m_store->removeQuote(quote.id));
    QVERIFY(m_store->removeFigure(figure.id));
    summary = m_store->articleSummary(m_coup);
    QCOMPARE(summary->entityCount, 0);
    QCOMPARE(summary->quoteCount, 0);
    QCOMPARE(summary->figureCount, 0);
}

void TestSearch::testMigrationFromVersion2()
{
    const QString path = m_dir->filePath(u"old.byline"_s);
    const QString connection = u"make-version-2"_s;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        database.setDatabaseName(path);
        QVERIFY(database.open());
        SchemaMigrator migrator(database);
        QVERIFY2(migrator.migrate(2), qPrintable(migrator.errorString()));
        QCOMPARE(migrator.storedVersion(), 2);
        // 😀 takes one code point on disk and two UTF-16 units in memory.
        const QStringList statements {
            u"INSERT INTO articles (id, key, title, imported_at, status, text) VALUES (7, 'old', 'Old news',"
            " '2025-12-01T10:00:00.000Z', 'done', '😀 Tokayev said the coup failed.')"_s,
            u"INSERT INTO entities (id, article_id, name, type, status, created_at, modified_at)"
            " VALUES (3, 7, 'Tokayev', 'PERSON', 'manual', 'x', 'x')"_s,
            u"INSERT INTO mentions (entity_id, start_offset, end_offset, status, created_at, modified_at)"
            " VALUES (3, 2, 9, 'manual', 'x', 'x')"_s,
            u"INSERT INTO quotes (id, article_id, kind, speaker_id, status, created_at, modified_at)"
            " VALUES (5, 7, 'indirect', 3, 'auto', 'x', 'x')"_s,
            u"INSERT INTO quote_parts (quote_id, position, start_offset, end_offset) VALUES (5, 0, 15, 31)"_s,
            u"INSERT INTO figures (article_id, kind, span_start, span_end, number_start, number_end, status,"
            " created_at, modified_at) VALUES (7, 'other', 0, 1, 0, 1, 'manual', 'x', 'x')"_s,
        };
        for (const QString &statement : statements) {
            QSqlQuery query(database);
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        }
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);

    StoreError error;
    auto store = Store::open(path, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    QSqlDatabase database = store->database();
    QCOMPARE(SchemaMigrator(database).storedVersion(), SchemaMigrator::currentVersion);
    const std::optional<ArticleSummary> summary = store->articleSummary(7);
    QCOMPARE(summary->entityCount, 1);
    QCOMPARE(summary->quoteCount, 1);
    QCOMPARE(summary->figureCount, 1);

    CorpusSearch search(*store);
    QVERIFY(search.setQuery(u"coup"_s));
    QList<SearchHit> hits = search.fetch();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].span, (Span { 20, 24 }));
    QVERIFY(search.setQuery(u"speaker:Tokayev coup"_s));
    hits = search.fetch();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].recordId, 5);
    QCOMPARE(hits[0].span, (Span { 16, 32 }));
    QCOMPARE(textOf(hits[0].snippet, hits[0].snippetMatch), u"the coup failed."_s);
    QVERIFY(search.setQuery(u"type:PERSON tokayev"_s));
    hits = search.fetch();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].span, (Span { 3, 10 }));
}

void TestSearch::testArticlePagePlans_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<ArticleFilter>("filter");
    QTest::addColumn<QString>("index"); // the index the page must come from; empty for the table in id order
    QTest::addColumn<bool>("selective"); // the shape for a filter few articles pass

    const std::pair<ArticleSortColumn, QString> columns[] = {
        { ArticleSortColumn::Id, QString() },
        { ArticleSortColumn::Title, u"articles_title"_s },
        { ArticleSortColumn::Status, u"articles_status"_s },
        { ArticleSortColumn::Source, u"articles_source"_s },
        { ArticleSortColumn::Published, u"articles_published"_s },
        { ArticleSortColumn::Key, u"sqlite_autoindex_articles_1"_s },
        { ArticleSortColumn::Entities, u"articles_entity_count"_s },
        { ArticleSortColumn::Quotes, u"articles_quote_count"_s },
        { ArticleSortColumn::Figures, u"articles_figure_count"_s },
    };
    ArticleFilter status;
    status.status = ArticleStatus::InProgress;
    ArticleFilter text;
    text.text = u"coup"_s;
    ArticleFilter dates;
    dates.publishedFrom = u"2022-01-01"_s;
    dates.publishedTo = u"2022-01-31"_s;
    ArticleFilter counts;
    counts.minQuotes = 2;
    counts.minEntities = 5;
    ArticleFilter everything = dates;
    everything.status = ArticleStatus::Done;
    everything.text = u"coup"_s;
    everything.minFigures = 1;
    ArticleFilter queue; // an annotator's queue (schema version 9)
    queue.queueOf = u"anna"_s;
    ArticleFilter queueAndStatus = queue;
    queueAndStatus.status = ArticleStatus::Todo;

    for (const auto &[column, index] : columns) {
        for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            const QByteArray name
                = QByteArray::number(int(column)) + (order == Qt::AscendingOrder ? "-asc" : "-desc");
            QTest::newRow(QByteArray(name + "-all").constData())
                << int(column) << int(order) << ArticleFilter() << index << false;
            QString statusIndex = u"articles_status"_s;
            if (column != ArticleSortColumn::Id && column != ArticleSortColumn::Status)
                statusIndex += u"_"_s + (index.startsWith(u"sqlite"_s) ? u"key"_s : index.mid(9));
            const std::pair<const char *, ArticleFilter> filters[] = {
                { "-status", status },
                { "-text", text },
                { "-dates", dates },
                { "-counts", counts },
                { "-everything", everything },
                { "-queue", queue },
                { "-queue-status", queueAndStatus },
            };
            for (const auto &[tag, filter] : filters) {
                const QString expected = filter.status ? statusIndex : index;
                QTest::newRow(QByteArray(name + tag).constData())
                    << int(column) << int(order) << filter << expected << false;
                QTest::newRow(QByteArray(name + tag + "-selective").constData())
                    << int(column) << int(order) << filter << expected << true;
            }
        }
    }
}

// The article list's pages come off an index in sort order: no sort of the whole corpus in a
// temporary b-tree, no table scan except in id order. A lost index fails here.
void TestSearch::testArticlePagePlans()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(ArticleFilter, filter);
    QFETCH(QString, index);
    QFETCH(bool, selective);
    // The first page, and a page after a row (keyset paging), come off the same index.
    const ArticleSummary last = m_store->articleSummariesAfter(0, 1).value(0);
    for (const std::optional<ArticleSummary> &after :
        { std::optional<ArticleSummary>(), std::optional(last) }) {
        const QStringList steps = m_store->articleSummariesPlan(
            { ArticleSortColumn(column), Qt::SortOrder(order) }, filter, selective, after);
        // The curated state of each listed row is one probe of the per-annotator counts' key and one of
        // curation_state's key; the queue filter reads the annotator's rows of the assignments' key.
        // What is left is how the page itself is found.
        QStringList plan;
        for (const QString &step : steps) {
            if (step.startsWith(u"SEARCH c "_s))
                QVERIFY2(step.contains(u"INDEX sqlite_autoindex_article_counts_by_annotator_1"
                                       " (article_id=? AND annotator=?)"_s),
                    qPrintable(step));
            else if (step.startsWith(u"SEARCH s "_s))
                QVERIFY2(step.contains(u"USING INTEGER PRIMARY KEY (rowid=?)"_s), qPrintable(step));
            else if (step.startsWith(u"SEARCH q "_s))
                QVERIFY2(
                    step.contains(u"INDEX sqlite_autoindex_assignments_1 (annotator=?"_s), qPrintable(step));
            else if (!step.contains(u"SUBQUERY"_s))
                plan << step;
        }
        const QString text = plan.join(u" | "_s);
        if (selective) {
            // The filter's index finds the few matches; nothing walks the articles.
            QVERIFY2(text.contains(u"SEARCH a "_s), qPrintable(text));
            for (const QString &step : plan)
                QVERIFY2(!step.startsWith(u"SCAN a "_s) && step != u"SCAN a"_s, qPrintable(text));
            continue;
        }
        QVERIFY2(!text.contains(u"TEMP B-TREE"_s), qPrintable(text));
        if (index.isEmpty()) {
            QVERIFY2(text == u"SCAN a"_s || text.startsWith(u"SEARCH a USING INTEGER PRIMARY KEY"_s)
                    || text.contains(u"USING INDEX articles_published"_s),
                qPrintable(text));
        } else {
            QVERIFY2(text.contains(u"INDEX "_s + index + u" "_s) || text.endsWith(u"INDEX "_s + index),
                qPrintable(text));
        }
    }
}

void TestSearch::testFrequentQueryPlans_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("sortAllowed"); // sorting one article's rows is cheap; sorting the corpus is not

    // The queries Store::annotations() runs to open an article.
    QTest::newRow("entities-of-article") << u"SELECT id FROM entities WHERE article_id = 1 ORDER BY id"_s
                                         << QStringList { u"entities_article"_s } << true;
    QTest::newRow("mentions-of-article")
        << u"SELECT m.id FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.article_id = 1 ORDER BY m.id"_s
        << QStringList { u"entities_article"_s, u"mentions_entity"_s } << true;
    QTest::newRow("quotes-of-article") << u"SELECT id FROM quotes WHERE article_id = 1 ORDER BY id"_s
                                       << QStringList { u"quotes_article"_s } << true;
    QTest::newRow("quote-parts-of-article")
        << u"SELECT p.quote_id FROM quote_parts p JOIN quotes q ON q.id = p.quote_id WHERE q.article_id = 1"
           " ORDER BY p.quote_id, p.position"_s
        << QStringList { u"quotes_article"_s, u"sqlite_autoindex_quote_parts_1"_s } << true;
    QTest::newRow("figures-of-article") << u"SELECT id FROM figures WHERE article_id = 1 ORDER BY id"_s
                                        << QStringList { u"figures_article"_s } << true;
    QTest::newRow("article-count-by-status") << u"SELECT COUNT(*) FROM articles WHERE status = 'done'"_s
                                             << QStringList { u"articles_status"_s } << false;
    QTest::newRow("article-by-key") << u"SELECT id FROM articles WHERE key = 'coup'"_s
                                    << QStringList { u"sqlite_autoindex_articles_1"_s } << false;
    QTest::newRow("article-by-text-hash") << u"SELECT id FROM articles WHERE text_hash = 'x'"_s
                                          << QStringList { u"articles_text_hash"_s } << false;
    // The corpus search (CorpusSearch): the FTS5 index, then the article by its rowid.
    QTest::newRow("search-articles")
        << u"SELECT article_search.rowid, a.key FROM article_search JOIN articles a ON a.id = "
           u"article_search.rowid"
           " WHERE article_search MATCH 'coup' AND article_search.rowid > 0 ORDER BY article_search.rowid LIMIT 50"_s
        << QStringList { u"VIRTUAL TABLE INDEX"_s, u"INTEGER PRIMARY KEY"_s } << false;
    QTest::newRow("search-annotations")
        << u"SELECT annotation_search.rowid, a.key FROM annotation_search JOIN articles a"
           " ON a.id = annotation_search.article_id WHERE annotation_search MATCH 'coup'"
           " AND annotation_search.rowid > 0 ORDER BY annotation_search.rowid LIMIT 50"_s
        << QStringList { u"VIRTUAL TABLE INDEX"_s, u"INTEGER PRIMARY KEY"_s } << false;
    QTest::newRow("search-entity-span")
        << u"SELECT start_offset, end_offset FROM mentions WHERE entity_id = 1 ORDER BY start_offset LIMIT 1"_s
        << QStringList { u"mentions_entity"_s } << true;
    QTest::newRow("search-quote-span")
        << u"SELECT MIN(start_offset), MAX(end_offset) FROM quote_parts WHERE quote_id = 1"_s
        << QStringList { u"sqlite_autoindex_quote_parts_1"_s } << false;
    // What the triggers run on every edit of an annotation.
    QTest::newRow("speaker-quotes") << u"SELECT id FROM quotes WHERE speaker_id = 1"_s
                                    << QStringList { u"quotes_speaker"_s } << false;
    QTest::newRow("annotator-article-count")
        << u"UPDATE article_counts_by_annotator SET entity_count = entity_count - 1"
           " WHERE article_id = 1 AND annotator = 'anna'"_s
        << QStringList { u"sqlite_autoindex_article_counts_by_annotator_1 (article_id=? AND annotator=?)"_s }
        << false;
    QTest::newRow("annotator-corpus-count")
        << u"UPDATE annotation_counts_by_annotator SET total = total - 1"
           " WHERE annotator = 'anna' AND layer = 'quote' AND status = 'accepted'"_s
        << QStringList { u"sqlite_autoindex_annotation_counts_by_annotator_1"
                         " (annotator=? AND layer=? AND status=?)"_s }
        << false;
    // A blind annotator's article list (on a server; the same tables here): each listed row reads its
    // annotator's and the suggestions' counts off the key.
    QTest::newRow("annotator-article-list")
        << u"SELECT sum(c.entity_count), sum(c.quote_count), sum(c.figure_count) FROM "
           u"article_counts_by_annotator c"
           " WHERE c.article_id = 1 AND c.annotator IN ('anna', '')"_s
        << QStringList { u"SEARCH c USING INDEX sqlite_autoindex_article_counts_by_annotator_1"
                         " (article_id=? AND annotator=?)"_s }
        << false;
}

void TestSearch::testFrequentQueryPlans()
{
    QFETCH(QString, statement);
    QFETCH(QStringList, expected);
    QFETCH(bool, sortAllowed);
    const QStringList steps = planOf(m_store->database(), statement);
    const QString plan = steps.join(u" | "_s);
    QVERIFY2(sortAllowed || !plan.contains(u"TEMP B-TREE"_s), qPrintable(plan));
    for (const QString &step : steps) // only the search index itself is walked whole
        QVERIFY2(!step.startsWith(u"SCAN "_s) || step.contains(u"VIRTUAL TABLE"_s), qPrintable(plan));
    for (const QString &part : expected)
        QVERIFY2(plan.contains(part), qPrintable(u"%1 not in %2"_s.arg(part, plan)));
}

void TestSearch::testSortAndFilterInStore()
{
    addBulk(60);
    // Every sort agrees with sorting all summaries in memory, ties by id.
    const QList<ArticleSummary> all = m_store->articleSummariesAfter(0, 1000);
    QCOMPARE(all.size(), 62);
    const auto check = [&](ArticleSortColumn column, auto key) {
        for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            QList<ArticleSummary> expected = all;
            std::stable_sort(expected.begin(), expected.end(), [&](const auto &a, const auto &b) {
                const auto left = std::make_pair(key(a), a.id);
                const auto right = std::make_pair(key(b), b.id);
                return order == Qt::AscendingOrder ? left < right : right < left;
            });
            QList<RecordId> got;
            for (int offset = 0; offset < 62; offset += 25) {
                for (const ArticleSummary &summary :
                    m_store->articleSummaries(offset, 25, { column, order }, {}))
                    got << summary.id;
            }
            QList<RecordId> want;
            for (const ArticleSummary &summary : expected)
                want << summary.id;
            QCOMPARE(got, want);
            // Page after page by the last row's sort value and id: the same order, ties included.
            QList<RecordId> keyset;
            QList<ArticleSummary> page = m_store->articleSummaries(0, 25, { column, order }, {});
            while (!page.isEmpty()) {
                for (const ArticleSummary &summary : page)
                    keyset << summary.id;
                page = m_store->articlePageAfter(page.last(), 25, { column, order }, {});
            }
            QCOMPARE(keyset, want);
        }
    };
    check(ArticleSortColumn::Title, [](const ArticleSummary &s) { return s.title; });
    check(ArticleSortColumn::Source, [](const ArticleSummary &s) { return s.source; });
    check(ArticleSortColumn::Published, [](const ArticleSummary &s) { return s.published; });
    check(ArticleSortColumn::Key, [](const ArticleSummary &s) { return s.key; });
    check(ArticleSortColumn::Status, [](const ArticleSummary &s) { return toString(s.status); });
    check(ArticleSortColumn::Entities, [](const ArticleSummary &s) { return s.entityCount; });

    ArticleFilter filter;
    filter.status = ArticleStatus::Done;
    QCOMPARE(m_store->articleCount(filter), 21);
    filter = {};
    filter.text = u"gazette"_s;
    QCOMPARE(m_store->articleCount(filter), 1);
    filter.text = u"100%"_s; // no wildcard
    QCOMPARE(m_store->articleCount(filter), 0);
    filter.text = u"Source 3"_s;
    QCOMPARE(m_store->articleCount(filter), 9);
    filter = {};
    filter.publishedFrom = u"2022-01-01"_s;
    filter.publishedTo = u"2022-01-08"_s; // the whole day, with its time
    QCOMPARE(m_store->articleCount(filter), 2);
    const QList<ArticleSummary> dated
        = m_store->articleSummaries(0, 10, { ArticleSortColumn::Published, Qt::DescendingOrder }, filter);
    QCOMPARE(dated.size(), 2);
    QCOMPARE(dated[0].id, m_other);
    filter = {};
    filter.minEntities = 3;
    QCOMPARE(m_store->articleCount(filter), 15);
    QVERIFY(m_store->articleMatches(m_coup, {}));
    QVERIFY(!m_store->articleMatches(m_coup, filter));
}

void TestSearch::testArticleListSortAndFilter()
{
    addBulk(2 * ArticleListModel::pageSize + 30);
    const int total = 2 * ArticleListModel::pageSize + 32;
    ArticleListModel model(m_document.get());
    CountingSource source(*m_store);
    model.setPageSource(&source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto fetchAll = [&] {
        while (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
    };
    fetchAll();
    QCOMPARE(model.rowCount(), total);
    // Pages after the first start at the last row's key, not at an offset.
    QCOMPARE(source.keysetRequests, source.pageRequests - 1);

    model.sort(ArticleListModel::Title, Qt::DescendingOrder);
    QCOMPARE(model.sortOrder().column, ArticleSortColumn::Title);
    QVERIFY(
        model.rowCount() >= ArticleListModel::pageSize); // the first page again (the tester may ask for more)
    QVERIFY(model.rowCount() < total);
    QCOMPARE(model.index(0, ArticleListModel::Title).data().toString(), u"Unrest in Almaty"_s);
    fetchAll();
    QCOMPARE(model.rowCount(), total);
    QCOMPARE(model.index(total - 1, ArticleListModel::Title).data().toString(), u"Bulk 000"_s);

    model.sort(ArticleListModel::Entities, Qt::DescendingOrder);
    QCOMPARE(model.index(0, ArticleListModel::Entities).data().toInt(), 3);
    // Many articles share a count: the pages go on past the ties, each article once.
    fetchAll();
    QSet<RecordId> seen;
    for (int row = 0; row < model.rowCount(); ++row) {
        seen.insert(model.articleId(row));
        if (row > 0)
            QVERIFY(model.index(row, ArticleListModel::Entities).data().toInt()
                <= model.index(row - 1, ArticleListModel::Entities).data().toInt());
    }
    QCOMPARE(seen.size(), total);
    model.sort(ArticleListModel::Published, Qt::AscendingOrder);
    QCOMPARE(model.index(0, ArticleListModel::Published).data().toString(), u"2021-01-01"_s);
    const int requests = source.pageRequests;
    model.sort(ArticleListModel::Published, Qt::AscendingOrder); // unchanged: no query
    QCOMPARE(source.pageRequests, requests);

    ArticleFilter filter;
    filter.text = u"almaty"_s;
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.articleId(0), m_coup);
    QVERIFY(!model.canFetchMore(QModelIndex()));
    QCOMPARE(model.rowOf(m_other), -1);

    filter = {};
    filter.status = ArticleStatus::Todo;
    model.setFilter(filter);
    fetchAll();
    QCOMPARE(model.rowCount(), m_store->articleCount(filter));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(
            model.index(row, ArticleListModel::Status).data(StatusRole).toInt(), int(ArticleStatus::Todo));
    QCOMPARE(model.rowOf(m_coup), -1);
    QVERIFY(model.rowOf(m_other) >= 0);

    // An import into a sorted list starts its pages over, so that the new articles fall in place.
    filter = {};
    model.setFilter(filter);
    model.sort(ArticleListModel::Title, Qt::AscendingOrder);
    Article early { 0, u"early"_s, u"Aardvark sighted"_s, QString(), QString(), {}, ArticleStatus::Todo,
        u"Text"_s };
    QVERIFY(m_store->addArticle(early));
    m_document->notifyArticlesAdded();
    QCOMPARE(model.articleId(0), early.id);
    fetchAll();
    QCOMPARE(model.rowCount(), total + 1);

    // Back to id order, unfiltered.
    model.setFilter({});
    model.sort(-1);
    QCOMPARE(model.articleId(0), m_coup);

    // Every request was for one page at most.
    QVERIFY(source.pageRequests > 0);
    QCOMPARE(source.largestRequest, ArticleListModel::pageSize);
}

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"

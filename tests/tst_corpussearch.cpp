// SPDX-License-Identifier: GPL-3.0-or-later
// The corpus search: query translation per backend, hits, annotation fields, the index following
// edits, and the result model that searches on a worker thread. Runs against both backends:
// tst_corpussearch_postgres on a server of its own (tests/testprojects.h).
#include "corpusquery.h"
#include "corpussearch.h"
#include "modelroles.h"
#include "searchresultmodel.h"
#include "sqldialect.h"
#include "store.h"
#include "testprojects.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

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

} // namespace

class TestCorpusSearch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void testTranslate_data();
    void testTranslate();
    void testHostileQueriesNeverReachSql_data();
    void testHostileQueriesNeverReachSql();
    void testArticleHits();
    void testHitsStreamInPages();
    void testCountInSteps();
    void testAnnotationSearch();
    void testIndexFollowsEdits();
    void testModelStreamsBatches();
    void testNewQueryNeverShowsOldHits();
    void testCancelKeepsWhatIsShown();

private:
    void addBulk(int count);

    Test::TestProjects m_projects;
    std::unique_ptr<Store> m_store;
    RecordId m_coup = 0;
    RecordId m_other = 0;
};

void TestCorpusSearch::initTestCase()
{
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

// The translation tests only read, and their rows share one project: on a server, a database
// for each row would take most of the suite's time.
static bool sharesProject()
{
    const QByteArray function = QTest::currentTestFunction();
    return function == "testTranslate" || function == "testHostileQueriesNeverReachSql";
}

void TestCorpusSearch::init()
{
    if (sharesProject() && m_store)
        return;
    StoreError error;
    m_store = Store::open(m_projects.newLocation(), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_store, qPrintable(error.message));
    if (!Test::TestProjects::onServer)
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

void TestCorpusSearch::cleanup()
{
    if (!sharesProject())
        m_store.reset();
}

void TestCorpusSearch::addBulk(int count)
{
    Store::Transaction transaction(*m_store);
    for (int i = 0; i < count; ++i) {
        Article article { 0, u"bulk"_s, u"Bulk %1"_s.arg(i, 3, 10, QChar(u'0')), u"Source %1"_s.arg(i % 7),
            u"2021-%1-01"_s.arg(i % 12 + 1, 2, 10, QChar(u'0')), {}, ArticleStatus(i % 3),
            u"Bulk text number %1 about troops."_s.arg(i) };
        QVERIFY(m_store->addArticle(article));
    }
    QVERIFY(transaction.commit());
}

void TestCorpusSearch::testTranslate_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("annotations");
    QTest::addColumn<QString>("fts5"); // the MATCH expression of a project file
    // The tsquery of a server, as the server prints it; empty when no field is full text
    QTest::addColumn<QString>("tsquery");
    QTest::addColumn<int>("articleStatus"); // -1 for none
    QTest::addColumn<QString>("error"); // part of the message, empty when the query is valid

    const auto valid = [](const char *tag, const QString &input, const QString &fts5, const QString &tsquery,
                           bool annotations = false, int status = -1) {
        QTest::newRow(tag) << input << annotations << fts5 << tsquery << status << QString();
    };
    const auto invalid = [](const char *tag, const QString &input, const QString &error) {
        QTest::newRow(tag) << input << false << QString() << QString() << -1 << error;
    };
    valid("word", u"coup"_s, u"\"coup\""_s, u"'coup'"_s);
    valid("phrase", u"\"attempted coup\""_s, u"\"attempted coup\""_s, u"'attempted' <-> 'coup'"_s);
    valid("two-words-and", u"coup  Almaty"_s, u"\"coup\" AND \"Almaty\""_s, u"'coup' & 'almaty'"_s);
    valid("prefix", u"Tokay*"_s, u"\"Tokay\" *"_s, u"'tokay':*"_s);
    valid("star-inside-phrase-is-text", u"\"coup*\""_s, u"\"coup*\""_s, u"'coup'"_s);
    valid("speaker", u"speaker:Tokayev coup"_s,
        u"body : (\"coup\") AND speaker : \"Tokayev\" AND layer : \"quote\""_s, u"'coup' & 'tokayev'"_s,
        true);
    valid("speaker-phrase", u"speaker:\"Kassym-Jomart Tokayev\""_s,
        u"speaker : \"Kassym-Jomart Tokayev\" AND layer : \"quote\""_s,
        u"'kassym-jomart' <-> 'kassym' <-> 'jomart' <-> 'tokayev'"_s, true);
    valid("type", u"type:ORG CSTO"_s, u"body : (\"CSTO\") AND type : \"ORG\" AND layer : \"entity\""_s,
        u"'csto' & 'org'"_s, true);
    valid("kind-quote", u"kind:direct"_s, u"kind : \"direct\" AND layer : \"quote\""_s, QString(), true);
    valid("kind-figure-any-case", u"KIND:Money"_s, u"kind : \"money\" AND layer : \"figure\""_s, QString(),
        true);
    valid("annotation-status", u"status:auto"_s, u"status : \"auto\""_s, QString(), true);
    valid(
        "article-status", u"status:done coup"_s, u"\"coup\""_s, u"'coup'"_s, false, int(ArticleStatus::Done));
    valid("article-status-dash", u"status:in-progress coup"_s, u"\"coup\""_s, u"'coup'"_s, false,
        int(ArticleStatus::InProgress));
    valid("speaker-and-kind", u"speaker:Putin kind:indirect"_s,
        u"speaker : \"Putin\" AND kind : \"indirect\" AND layer : \"quote\""_s, u"'putin'"_s, true);
    valid("near-is-a-word", u"NEAR("_s, u"\"NEAR(\""_s, u"'near'"_s);
    valid("near-call-is-words", u"NEAR(coup troops, 5)"_s, u"\"NEAR(coup\" AND \"troops,\" AND \"5)\""_s,
        u"'near' <-> 'coup' & 'troops' & '5'"_s);
    valid("operators-are-words", u"coup OR NOT AND"_s, u"\"coup\" AND \"OR\" AND \"NOT\" AND \"AND\""_s,
        u"'coup' & 'or' & 'not' & 'and'"_s);
    valid("tsquery-operators-are-words", u"coup & !troops | <-> (x)"_s,
        u"\"coup\" AND \"!troops\" AND \"(x)\""_s, u"'coup' & 'troops' & 'x'"_s);
    valid("sql-quotes", u"'; DROP TABLE articles; --"_s, u"\"DROP\" AND \"TABLE\" AND \"articles;\""_s,
        u"'drop' & 'table' & 'articles'"_s);
    valid("quote-inside-word", u"O\"Brien"_s, u"\"O\"\"Brien\""_s, u"'o' <-> 'brien'"_s);
    valid("apostrophe-inside-word", u"O'Brien:*"_s, u"\"O'Brien:\" *"_s, u"'o':* <-> 'brien':*"_s);
    valid("backslash", u"back\\slash"_s, u"\"back\\slash\""_s, u"'back' <-> 'slash'"_s);
    valid("column-syntax-in-word", u"{title}:coup"_s, u"\"{title}:coup\""_s, u"'title' <-> 'coup'"_s);
    valid("time-is-not-a-field", u"10:30"_s, u"\"10:30\""_s, u"'10' <-> '30'"_s);
    valid("punctuation-dropped", u"coup * - ("_s, u"\"coup\""_s, u"'coup'"_s);
    invalid("empty", QString(), u"Type a word"_s);
    invalid("spaces", u"   "_s, u"Type a word"_s);
    invalid("lone-star", u"*"_s, u"Type a word"_s);
    invalid("lone-quote", u"\""_s, u"quotation mark"_s);
    invalid("unclosed-phrase", u"\"attempted coup"_s, u"quotation mark"_s);
    invalid("unclosed-field-phrase", u"speaker:\"Tokayev"_s, u"quotation mark"_s);
    invalid("field-without-value", u"speaker:"_s, u"speaker: needs a value"_s);
    invalid("field-with-punctuation", u"type:*"_s, u"type: needs a value"_s);
    invalid("unknown-field", u"title:coup"_s, u"Unknown search field “title:”"_s);
    invalid("unknown-kind", u"kind:banana"_s, u"Unknown kind “banana”"_s);
    invalid("unknown-status", u"status:banana"_s, u"Unknown status"_s);
    invalid("layers-conflict", u"speaker:Putin type:ORG"_s, u"cannot be combined"_s);
    invalid("article-status-alone", u"status:done"_s, u"Type a word"_s);
}

// What the analyst types becomes the backend's own full-text query: FTS5's MATCH expression in a
// file; on a server a tsquery, which the server itself parses here.
void TestCorpusSearch::testTranslate()
{
    QFETCH(QString, input);
    QFETCH(bool, annotations);
    QFETCH(QString, fts5);
    QFETCH(QString, tsquery);
    QFETCH(int, articleStatus);
    QFETCH(QString, error);

    const CorpusQuery query = CorpusQuery::parse(input);
    if (!error.isEmpty()) {
        QVERIFY(!query.isValid());
        QVERIFY2(query.errorString().contains(error), qPrintable(query.errorString()));
        return;
    }
    QVERIFY2(query.isValid(), qPrintable(query.errorString()));
    QCOMPARE(query.target() == CorpusQuery::Target::Annotations, annotations);
    QCOMPARE(query.articleStatus() ? int(*query.articleStatus()) : -1, articleStatus);

    const QSqlDatabase database = m_store->database();
    const SqlDialect &dialect = SqlDialect::of(database);
    const TextSearchSql sql = annotations ? dialect.annotationSearch(query) : dialect.articleSearch(query);
    if (!Test::TestProjects::onServer) {
        QCOMPARE(sql.where, u"%1 MATCH ?"_s.arg(annotations ? u"annotation_search"_s : u"article_search"_s));
        QCOMPARE(sql.values, QVariantList { fts5 });
        return;
    }
    if (tsquery.isEmpty()) {
        // Kind and status are whole values: compared, not searched.
        QVERIFY2(!sql.where.contains(u"search_document"_s), qPrintable(sql.where));
        return;
    }
    QVERIFY2(sql.where.startsWith(u"%1.search_document @@ to_tsquery('simple', ?)"_s.arg(
                 annotations ? u"annotation_search"_s : u"a"_s)),
        qPrintable(sql.where));
    QSqlQuery parsed(m_store->database());
    QVERIFY(parsed.prepare(u"SELECT to_tsquery('simple', ?)::text"_s));
    parsed.addBindValue(sql.values.value(0));
    QVERIFY2(parsed.exec() && parsed.next(), qPrintable(parsed.lastError().text()));
    QCOMPARE(parsed.value(0).toString(), tsquery);
}

void TestCorpusSearch::testHostileQueriesNeverReachSql_data()
{
    testTranslate_data();
}

void TestCorpusSearch::testHostileQueriesNeverReachSql()
{
    QFETCH(QString, input);
    CorpusSearch search(*m_store);
    if (!search.setQuery(input)) {
        QVERIFY(!search.errorString().contains(u"SQL"_s, Qt::CaseInsensitive));
        QVERIFY(search.fetch().isEmpty());
        return;
    }
    search.fetch();
    QVERIFY2(search.errorString().isEmpty(), qPrintable(search.errorString()));
    QCOMPARE(m_store->articleCount(), 2);
}

void TestCorpusSearch::testArticleHits()
{
    CorpusSearch search(*m_store);
    QVERIFY(search.setQuery(u"coup"_s));
    const QList<SearchHit> hits = search.fetch();
    QVERIFY(search.atEnd());
    QCOMPARE(hits.size(), 2);

    // The hit lies after two emoji (two UTF-16 units each): the span counts UTF-16 units.
    const SearchHit &hit = hits[0];
    QCOMPARE(hit.kind, SearchHit::Kind::Article);
    QCOMPARE(hit.articleId, m_coup);
    QCOMPARE(hit.key, u"coup"_s);
    QCOMPARE(hit.title, u"Unrest in Almaty"_s);
    QCOMPARE(hit.span, find(coupText, u"coup"_s));
    QCOMPARE(textOf(hit.snippet, hit.snippetMatch), u"coup"_s);
    QVERIFY(hit.snippet.startsWith(u"😀 In Almaty"_s));

    // Only the title matches: the hit opens the article at its start.
    QCOMPARE(hits[1].articleId, m_other);
    QVERIFY(hits[1].span.isNull());
    QCOMPARE(hits[1].snippet, u"Nothing happened in Astana today."_s);

    QVERIFY(search.setQuery(u"\"coup is over\""_s));
    const QList<SearchHit> phrase = search.fetch();
    QCOMPARE(phrase.size(), 1);
    QCOMPARE(phrase[0].span, find(coupText, u"coup is over"_s));

    // Case does not matter (nor, in a file, diacritics: FTS5 folds them, PostgreSQL's 'simple'
    // configuration does not); prefixes match.
    QVERIFY(search.setQuery(u"ALMATY"_s));
    QCOMPARE(search.fetch().size(), 1);
    if (!Test::TestProjects::onServer) {
        QVERIFY(search.setQuery(u"ALMÁTY"_s));
        QCOMPARE(search.fetch().size(), 1);
    }
    QVERIFY(search.setQuery(u"Tokay*"_s));
    const QList<SearchHit> prefix = search.fetch();
    QCOMPARE(prefix.size(), 1);
    QCOMPARE(prefix[0].span, find(coupText, u"Tokayev"_s));

    QVERIFY(search.setQuery(u"status:todo coup"_s));
    const QList<SearchHit> todo = search.fetch();
    QCOMPARE(todo.size(), 1);
    QCOMPARE(todo[0].articleId, m_other);
}

void TestCorpusSearch::testHitsStreamInPages()
{
    addBulk(120);
    CorpusSearch search(*m_store);
    QList<RecordId> seen;
    int batches = 0;
    QVERIFY(search.run(u"troops"_s, 50, [&](const QList<SearchHit> &batch) {
        ++batches;
        for (const SearchHit &hit : batch)
            seen << hit.articleId;
        return true;
    }));
    QCOMPARE(seen.size(), 121); // the bulk and the coup article
    QCOMPARE(batches, 3);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QVERIFY(std::adjacent_find(seen.begin(), seen.end()) == seen.end());

    // The callback stops the stream.
    batches = 0;
    QVERIFY(search.run(u"troops"_s, 10, [&](const QList<SearchHit> &) { return ++batches < 2; }));
    QCOMPARE(batches, 2);
}

void TestCorpusSearch::testAnnotationSearch()
{
    Entity tokayev { 0, m_coup, u"Kassym-Jomart Tokayev"_s, u"PERSON"_s, {}, {} };
    tokayev.mentions << Mention { 0, 0, 0, find(coupText, u"Tokayev"_s), {} };
    QVERIFY(m_store->insertEntity(tokayev));
    Entity csto { 0, m_coup, u"CSTO"_s, u"ORG"_s, {}, {} };
    csto.provenance.status = AnnotationStatus::Auto;
    csto.mentions << Mention { 0, 0, 0, find(coupText, u"CSTO"_s), {} };
    QVERIFY(m_store->insertEntity(csto));
    Quote quote;
    quote.articleId = m_coup;
    quote.kind = QuoteKind::Direct;
    quote.content << find(coupText, u"The coup is over,"_s);
    quote.speakerId = tokayev.id;
    QVERIFY(m_store->insertQuote(quote));
    Figure troops;
    troops.articleId = m_coup;
    troops.kind = u"count"_s;
    troops.span = find(coupText, u"2,500 troops"_s);
    troops.number = find(coupText, u"2,500"_s);
    troops.value = 2500.0;
    QVERIFY(m_store->insertFigure(troops));

    CorpusSearch search(*m_store);
    QVERIFY(search.setQuery(u"speaker:Tokayev coup"_s));
    QList<SearchHit> hits = search.fetch();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].kind, SearchHit::Kind::Quote);
    QCOMPARE(hits[0].recordId, quote.id);
    QCOMPARE(hits[0].articleId, m_coup);
    QCOMPARE(hits[0].span, quote.content[0]); // after the emoji, in UTF-16 units
    QCOMPARE(textOf(hits[0].snippet, hits[0].snippetMatch), u"The coup is over,"_s);

    QVERIFY(search.setQuery(u"speaker:Putin coup"_s));
    QVERIFY(search.fetch().isEmpty());

    QVERIFY(search.setQuery(u"type:ORG CSTO"_s));
    hits = search.fetch();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].kind, SearchHit::Kind::Entity);
    QCOMPARE(hits[0].recordId, csto.id);
    QCOMPARE(hits[0].span, find(coupText, u"CSTO"_s));
    QVERIFY(search.setQuery(u"type:PERSON CSTO"_s));
    QVERIFY(search.fetch().isEmpty());

    QVERIFY(search.setQuery(u"kind:direct"_s));
    QCOMPARE(search.fetch().size(), 1);
    QVERIFY(search.setQuery(u"kind:indirect"_s));
    QVERIFY(search.fetch().isEmpty());

    QVERIFY(search.setQuery(u"kind:count troops"_s));
    hits = search.fetch();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].kind, SearchHit::Kind::Figure);
    QCOMPARE(hits[0].span, troops.span);

    QVERIFY(search.setQuery(u"status:auto"_s));
    hits = search.fetch();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].recordId, csto.id);

    QVERIFY(search.setQuery(u"status:todo type:ORG"_s));
    QVERIFY(search.fetch().isEmpty()); // the article is done
}

void TestCorpusSearch::testIndexFollowsEdits()
{
    Entity speaker { 0, m_coup, u"Tokayev"_s, u"PERSON"_s, {}, {} };
    QVERIFY(m_store->insertEntity(speaker));
    Quote quote;
    quote.articleId = m_coup;
    quote.content << find(coupText, u"The coup"_s) << find(coupText, u"is over"_s);
    quote.speakerId = speaker.id;
    QVERIFY(m_store->insertQuote(quote));

    CorpusSearch search(*m_store);
    const auto count
        = [&](const QString &text) { return search.setQuery(text) ? int(search.fetch().size()) : -1; };
    QCOMPARE(count(u"speaker:Tokayev over"_s), 1);

    // Renaming the speaker reaches the quote.
    speaker.name = u"Kassym-Jomart Tokayev"_s;
    QVERIFY(m_store->updateEntity(speaker));
    QCOMPARE(count(u"speaker:Kassym over"_s), 1);
    QCOMPARE(count(u"type:PERSON Kassym"_s), 1);

    // New content and kind.
    quote.content = { find(coupText, u"the CSTO sent 2,500 troops"_s) };
    quote.kind = QuoteKind::Indirect;
    QVERIFY(m_store->updateQuote(quote));
    QCOMPARE(count(u"speaker:Tokayev over"_s), 0);
    QCOMPARE(count(u"kind:indirect troops"_s), 1);

    // Removing the speaker clears it from the quote (a foreign-key action, seen by a trigger).
    QVERIFY(m_store->removeEntity(speaker.id));
    QCOMPARE(count(u"speaker:Tokayev"_s), 0);
    QCOMPARE(count(u"kind:indirect troops"_s), 1);
    QVERIFY(m_store->removeQuote(quote.id));
    QCOMPARE(count(u"kind:indirect troops"_s), 0);

    // Article text.
    Article added { 0, u"late"_s, u"Late news"_s, QString(), QString(), {}, ArticleStatus::Todo,
        u"Zhanaozen protests"_s };
    QVERIFY(m_store->addArticle(added));
    QCOMPARE(count(u"Zhanaozen"_s), 1);
    QVERIFY(QSqlQuery(m_store->database()).exec(u"DELETE FROM articles WHERE id = %1"_s.arg(added.id)));
    QCOMPARE(count(u"Zhanaozen"_s), 0);
    if (!Test::TestProjects::onServer) {
        QSqlQuery check(m_store->database());
        QVERIFY(check.exec(u"INSERT INTO article_search (article_search) VALUES ('integrity-check')"_s));
    }
}

void TestCorpusSearch::testCountInSteps()
{
    addBulk(120);
    CorpusSearch search(*m_store);
    QVERIFY(search.setQuery(u"troops"_s));
    QCOMPARE(search.countMore(50), 50);
    QVERIFY(!search.isCounted());
    // Counting does not move the pages.
    QCOMPARE(search.fetch(10).first().articleId, m_coup);
    QCOMPARE(search.countMore(50), 50);
    QCOMPARE(search.countMore(50), 21);
    QVERIFY(search.isCounted());
    QCOMPARE(search.countMore(50), 0);

    // The article status counts as the hits do.
    QVERIFY(search.setQuery(u"status:todo troops"_s));
    const int counted = search.countMore(1000);
    int fetched = 0;
    while (!search.atEnd())
        fetched += int(search.fetch().size());
    QCOMPARE(counted, fetched);
    QCOMPARE(counted, 40);
}

void TestCorpusSearch::testModelStreamsBatches()
{
    addBulk(120);
    SearchResultModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy batches(&model, &SearchResultModel::batchArrived);
    QSignalSpy searching(&model, &SearchResultModel::searchingChanged);

    QVERIFY(!model.setQuery(u"\"unclosed"_s));
    QVERIFY(model.errorString().contains(u"quotation"_s));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore(QModelIndex()));
    QVERIFY(!model.isSearching());

    QVERIFY(model.setQuery(u"troops"_s));
    // Nothing was read on this thread: the hits come later, from the worker.
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.isSearching());
    QVERIFY(model.errorString().isEmpty());
    QVERIFY(batches.wait());
    QCOMPARE(batches.last().at(0).toInt(), SearchResultModel::batchSize);
    QCOMPARE(model.rowCount(), SearchResultModel::batchSize);
    QVERIFY(!model.isSearching());
    QCOMPARE(searching.count(), 2); // on, then off
    QCOMPARE(model.index(0).data(IdRole).toLongLong(), m_coup);
    QCOMPARE(model.index(0).data(SpanRole).value<Span>(), find(coupText, u"troops"_s));
    QCOMPARE(model.index(0).data(Qt::ToolTipRole).toString(), u"Unrest in Almaty"_s);

    // The count arrives on its own, while only the first batch is loaded.
    QTRY_COMPARE(model.hitCount(), 121);
    QCOMPARE(model.rowCount(), SearchResultModel::batchSize);

    while (model.canFetchMore(QModelIndex())) {
        model.fetchMore(QModelIndex());
        model.fetchMore(QModelIndex()); // a view asks again while the batch is on its way: once is enough
        QVERIFY(model.isSearching());
        QVERIFY(batches.wait());
    }
    QCOMPARE(model.rowCount(), 121);
    QCOMPARE(batches.count(), 3); // 50, 50 and 21
    QList<RecordId> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.hit(row).articleId;
    QVERIFY(std::is_sorted(ids.begin(), ids.end()));
    QVERIFY(std::adjacent_find(ids.begin(), ids.end()) == ids.end());

    // A query without hits says so with an empty batch and a count of none.
    QVERIFY(model.setQuery(u"Zhanaozen"_s));
    QVERIFY(batches.wait());
    QCOMPARE(batches.last().at(0).toInt(), 0);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.hitCount(), 0);
}

// A query replaced while the worker is busy with it sends nothing more that shows: not the batch
// asked for, not its count.
void TestCorpusSearch::testNewQueryNeverShowsOldHits()
{
    addBulk(120);
    SearchResultModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy batches(&model, &SearchResultModel::batchArrived);
    QSignalSpy counts(&model, &SearchResultModel::hitCountChanged);
    const QSet<RecordId> coupHits { m_coup, m_other };
    int stale = 0;
    connect(&model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row)
            stale += coupHits.contains(model.hit(row).articleId) ? 0 : 1;
    });

    QVERIFY(model.setQuery(u"troops"_s));
    QVERIFY(batches.wait());
    stale = 0; // the first batch belonged to its query
    model.fetchMore(QModelIndex()); // the next batch of "troops" is on its way...
    QVERIFY(model.setQuery(u"coup"_s)); // ...when the analyst searches for something else
    counts.clear();
    // The worker answers in order: once the new query is counted, the old batch came and went.
    QTRY_COMPARE(model.hitCount(), 2);
    QCOMPARE(stale, 0);
    QCOMPARE(model.rowCount(), 2);
    for (const QList<QVariant> &count : std::as_const(counts))
        QVERIFY(count.at(0).toInt() != 121);

    // Two queries in a row, without a turn of the event loop between them: only the second shows.
    QVERIFY(model.setQuery(u"troops"_s));
    QVERIFY(model.setQuery(u"coup"_s));
    QTRY_COMPARE(model.hitCount(), 2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(stale, 0);
}

void TestCorpusSearch::testCancelKeepsWhatIsShown()
{
    addBulk(120);
    SearchResultModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy batches(&model, &SearchResultModel::batchArrived);
    QVERIFY(model.setQuery(u"troops"_s));
    QVERIFY(batches.wait());
    model.fetchMore(QModelIndex());
    model.cancel();
    QVERIFY(model.isCancelled());
    QVERIFY(!model.isSearching());
    QVERIFY(!model.canFetchMore(QModelIndex()));
    QCOMPARE(model.rowCount(), SearchResultModel::batchSize);
    // The batch already asked for never arrives.
    QVERIFY(!batches.wait(300));
    QCOMPARE(model.rowCount(), SearchResultModel::batchSize);

    // A new search starts afresh.
    QVERIFY(model.setQuery(u"coup"_s));
    QVERIFY(!model.isCancelled());
    QTRY_COMPARE(model.hitCount(), 2);
}

QTEST_GUILESS_MAIN(TestCorpusSearch)
#include "tst_corpussearch.moc"

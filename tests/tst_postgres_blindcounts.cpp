// SPDX-License-Identifier: GPL-3.0-or-later
// Counts in blind mode (issue 8): an annotator's article list and corpus counts show what they may
// read of the annotations (their own and the suggestions), never how many the others made; a
// curator, the owner and everyone with blind mode off see the totals. The server enforces it: the
// per-annotator counts are refused to plain SQL as the annotations are.
#include "agreementfixtures.h"
#include "articlelistmodel.h"
#include "curation/curationstore.h"
#include "document.h"
#include "postgresserver.h"
#include "store.h"
#include "teamroles.h"

#include <QAbstractItemModelTester>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString database = u"blindcounts"_s;
const QString articleText = u"😀 Mary Smith said “we will stay” on Monday, and 40 soldiers left Almaty."_s;
constexpr int articles = 3;

// Entities, quotes and figures of each article in id order, as "e/q/f".
QStringList countColumns(ArticleListModel &model)
{
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QStringList counts;
    for (int row = 0; row < model.rowCount(); ++row) {
        counts << u"%1/%2/%3"_s.arg(model.index(row, ArticleListModel::Entities).data().toString(),
            model.index(row, ArticleListModel::Quotes).data().toString(),
            model.index(row, ArticleListModel::Figures).data().toString());
    }
    return counts;
}

QStringList column(ArticleListModel &model, int column)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data().toString();
    return values;
}

QString countsOf(const Store &store)
{
    const AnnotationCounts counts = store.annotationCounts();
    return u"%1/%2/%3 auto %4"_s.arg(counts.count(Layer::Entities))
        .arg(counts.count(Layer::Quotes))
        .arg(counts.count(Layer::Figures))
        .arg(counts.count(Layer::Entities, AnnotationStatus::Auto));
}

} // namespace

class TestPostgresBlindCounts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void articleListCounts_data();
    void articleListCounts();
    void corpusCounts_data();
    void corpusCounts();
    void sortAndFilterByOwnCounts();
    void curationProgressReadable();
    void plainSqlReadsOnlyOwnCounts_data();
    void plainSqlReadsOnlyOwnCounts();
    void plainSqlCannotWriteCounts();
    void reviewedSuggestionMovesToTheReviewer();
    void blindOffShowsTotals();

private:
    std::unique_ptr<Document> openAs(const QString &user);

    std::unique_ptr<Test::PostgresServer> m_server;
    std::unique_ptr<Store> m_owner;
    QList<RecordId> m_articleIds;
};

std::unique_ptr<Document> TestPostgresBlindCounts::openAs(const QString &user)
{
    StoreError error;
    auto document = Document::open(m_server->url(database, user), Store::Mode::ReadWrite, &error);
    if (!document)
        qWarning() << "cannot open as" << user << error.message;
    return document;
}

// Article 1: anna 1 entity and 1 figure, ben 2 entities. Article 2: ben a quote and a figure, the
// curated layer an entity. Article 3: an extractor suggestion nobody reviewed yet.
void TestPostgresBlindCounts::initTestCase()
{
    if (const QString reason = Test::PostgresServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_server = std::make_unique<Test::PostgresServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QVERIFY2(!m_server->createDatabase(database).isEmpty(), qPrintable(m_server->errorString()));
    StoreError error;
    m_owner = Store::open(m_server->url(database, QString::fromLatin1(Test::PostgresServer::superuser)),
        Store::Mode::ReadWrite, &error);
    QVERIFY2(m_owner, qPrintable(error.message));
    for (int number = 1; number <= articles; ++number) {
        Article article;
        article.key = u"a%1"_s.arg(number);
        article.title = u"Article %1"_s.arg(number);
        article.text = articleText;
        QVERIFY(m_owner->addArticle(article));
        m_articleIds << article.id;
    }
    TeamRoles roles(*m_owner);
    QVERIFY(roles.isBlind());
    for (const TeamMember &member : { TeamMember { u"anna"_s, TeamRole::Annotator, u"Anna"_s },
             TeamMember { u"ben"_s, TeamRole::Annotator, u"Ben"_s },
             TeamMember { u"cora"_s, TeamRole::Curator, u"Cora 🦉"_s } })
        QVERIFY2(roles.addMember(member, u"secret"_s), qPrintable(roles.errorString()));

    Fixtures::VersionBuilder anna(articleText, u"anna"_s);
    anna.entity(u"PERSON"_s, { u"Mary Smith"_s });
    anna.figure(u"40"_s, 40);
    Fixtures::VersionBuilder benFirst(articleText, u"ben"_s);
    benFirst.entity(u"PERSON"_s, { u"Smith"_s });
    benFirst.entity(u"GPE"_s, { u"Almaty"_s });
    Fixtures::VersionBuilder benSecond(articleText, u"ben"_s);
    benSecond.quote(u"we will stay"_s, QuoteKind::Direct, 0);
    benSecond.figure(u"40"_s, 41);
    Fixtures::VersionBuilder curated(articleText, QString(curatedLayerAnnotator));
    curated.entity(u"PERSON"_s, { u"Mary Smith"_s });
    const std::tuple<QString, const Fixtures::VersionBuilder *, RecordId> versions[] = {
        { u"anna"_s, &anna, m_articleIds[0] },
        { u"ben"_s, &benFirst, m_articleIds[0] },
        { u"ben"_s, &benSecond, m_articleIds[1] },
        { u"cora"_s, &curated, m_articleIds[1] },
    };
    for (const auto &[user, version, articleId] : versions) {
        auto document = openAs(user);
        QVERIFY(document);
        QVERIFY2(version->store(document->store(), articleId), qPrintable(document->store().errorString()));
    }

    Entity suggestion;
    suggestion.articleId = m_articleIds[2];
    suggestion.name = u"Almaty"_s;
    suggestion.type = u"GPE"_s;
    suggestion.provenance.status = AnnotationStatus::Auto;
    const qsizetype start = articleText.indexOf(u"Almaty"_s);
    suggestion.mentions.append({ 0, m_articleIds[2], 0, { start, start + 6 }, suggestion.provenance });
    QVERIFY2(m_owner->insertEntity(suggestion), qPrintable(m_owner->errorString()));
}

void TestPostgresBlindCounts::cleanupTestCase()
{
    m_owner.reset();
}

void TestPostgresBlindCounts::articleListCounts_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<bool>("ownOnly");
    QTest::addColumn<QStringList>("counts");
    QTest::newRow("annotator anna: her own and the suggestion")
        << u"anna"_s << true << QStringList { u"1/0/1"_s, u"0/0/0"_s, u"1/0/0"_s };
    QTest::newRow("annotator ben: his own and the suggestion")
        << u"ben"_s << true << QStringList { u"2/0/0"_s, u"0/1/1"_s, u"1/0/0"_s };
    QTest::newRow("curator: the totals")
        << u"cora"_s << false << QStringList { u"3/0/1"_s, u"1/1/1"_s, u"1/0/0"_s };
    QTest::newRow("owner: the totals") << QString::fromLatin1(Test::PostgresServer::superuser) << false
                                       << QStringList { u"3/0/1"_s, u"1/1/1"_s, u"1/0/0"_s };
}

void TestPostgresBlindCounts::articleListCounts()
{
    QFETCH(QString, user);
    QFETCH(bool, ownOnly);
    QFETCH(QStringList, counts);
    auto document = openAs(user);
    QVERIFY(document);
    QCOMPARE(document->store().countsOwnOnly(), ownOnly);
    ArticleListModel model(document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(countColumns(model), counts);
    // A row read again on its own, as after an edit, counts the same way.
    const auto summary = document->store().articleSummary(m_articleIds[0]);
    QVERIFY(summary);
    QCOMPARE(u"%1/%2/%3"_s.arg(summary->entityCount).arg(summary->quoteCount).arg(summary->figureCount),
        counts.first());
}

void TestPostgresBlindCounts::corpusCounts_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("counts");
    // Entities count their mentions; every member sees the suggestion.
    QTest::newRow("annotator anna") << u"anna"_s << u"2/0/1 auto 1"_s;
    QTest::newRow("annotator ben") << u"ben"_s << u"3/1/1 auto 1"_s;
    QTest::newRow("curator") << u"cora"_s << u"5/1/2 auto 1"_s;
    QTest::newRow("owner") << QString::fromLatin1(Test::PostgresServer::superuser) << u"5/1/2 auto 1"_s;
}

void TestPostgresBlindCounts::corpusCounts()
{
    QFETCH(QString, user);
    QFETCH(QString, counts);
    auto document = openAs(user);
    QVERIFY(document);
    QCOMPARE(countsOf(document->store()), counts);
}

void TestPostgresBlindCounts::sortAndFilterByOwnCounts()
{
    auto ben = openAs(u"ben"_s);
    QVERIFY(ben);
    ArticleListModel model(ben.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // By ben's entities (2, 0, 1), not the totals (3, 1, 1); ties by id.
    model.sort(ArticleListModel::Entities, Qt::DescendingOrder);
    QCOMPARE(column(model, ArticleListModel::Key), (QStringList { u"a1"_s, u"a3"_s, u"a2"_s }));
    model.sort(ArticleListModel::Quotes, Qt::AscendingOrder);
    QCOMPARE(column(model, ArticleListModel::Key), (QStringList { u"a1"_s, u"a3"_s, u"a2"_s }));
    // The page after a row continues in the same order.
    const QList<ArticleSummary> first
        = ben->store().articleSummaries(0, 1, { ArticleSortColumn::Entities, Qt::DescendingOrder }, {});
    QCOMPARE(first.size(), 1);
    QList<RecordId> rest;
    for (const ArticleSummary &summary : ben->store().articlePageAfter(
             first.first(), 10, { ArticleSortColumn::Entities, Qt::DescendingOrder }, {}))
        rest << summary.id;
    QCOMPARE(rest, (QList<RecordId> { m_articleIds[2], m_articleIds[1] }));

    ArticleFilter filter;
    filter.minEntities = 2;
    model.setFilter(filter);
    QCOMPARE(column(model, ArticleListModel::Key), QStringList { u"a1"_s });
    QCOMPARE(ben->store().articleCount(filter), 1);
    QVERIFY(!ben->store().articleMatches(m_articleIds[1], filter));
    filter.minEntities = 0;
    filter.minFigures = 1;
    model.setFilter(filter);
    QCOMPARE(column(model, ArticleListModel::Key), QStringList { u"a2"_s });
    // The curator's filter counts everyone's: two articles have a figure.
    auto cora = openAs(u"cora"_s);
    QVERIFY(cora);
    QCOMPARE(cora->store().articleCount(filter), 2);
}

// Curation progress is no annotation content: a blind annotator's list shows it as the curator's
// does, though the curated annotations themselves stay hidden from them.
void TestPostgresBlindCounts::curationProgressReadable()
{
    auto cora = openAs(u"cora"_s);
    QVERIFY(cora);
    QVERIFY2(CurationStore(cora->store()).setDone(m_articleIds[0], true, u"cora"_s),
        qPrintable(cora->store().errorString()));
    const auto curationColumn = [](Document *document) {
        ArticleListModel model(document);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        return column(model, ArticleListModel::Curation);
    };
    const QStringList expected { u"done"_s, u"in progress"_s, u"not started"_s };
    QCOMPARE(curationColumn(cora.get()), expected);
    auto anna = openAs(u"anna"_s);
    QVERIFY(anna);
    QCOMPARE(curationColumn(anna.get()), expected);
    int curated = 0;
    for (const Entity &entity : anna->store().annotations(m_articleIds[1]).entities)
        curated += entity.provenance.annotator == curatedLayerAnnotator;
    QCOMPARE(curated, 0);
    QVERIFY(CurationStore(cora->store()).setDone(m_articleIds[0], false, u"cora"_s));
}

void TestPostgresBlindCounts::plainSqlReadsOnlyOwnCounts_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("articleRows");
    QTest::addColumn<QString>("corpusRows");
    QTest::addColumn<int>("othersArticleRows");
    QTest::newRow("annotator anna") << u"anna"_s << u",anna"_s << u",anna"_s << 0;
    QTest::newRow("annotator ben") << u"ben"_s << u",ben"_s << u",ben"_s << 0;
    // anna's of a1, ben's of a1 and a2, the curated layer's of a2
    QTest::newRow("curator") << u"cora"_s << u",anna,ben,curator"_s << u",anna,ben,curator"_s << 4;
}

// What a hand-written client reads of the counts: the rows of the annotations its user may read.
void TestPostgresBlindCounts::plainSqlReadsOnlyOwnCounts()
{
    QFETCH(QString, user);
    QFETCH(QString, articleRows);
    QFETCH(QString, corpusRows);
    QFETCH(int, othersArticleRows);
    QSqlQuery query(m_server->connectAs(database, user));
    QVERIFY2(query.exec(u"SELECT string_agg(DISTINCT annotator, ',' ORDER BY annotator)"
                        " FROM article_counts_by_annotator"_s),
        qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), articleRows);
    QVERIFY2(query.exec(u"SELECT string_agg(DISTINCT annotator, ',' ORDER BY annotator)"
                        " FROM annotation_counts_by_annotator"_s),
        qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), corpusRows);
    // Asking for the others' rows by name finds nothing either.
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM article_counts_by_annotator WHERE annotator NOT IN"
                       " (CAST(current_user AS TEXT), '')"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), othersArticleRows);
}

void TestPostgresBlindCounts::plainSqlCannotWriteCounts()
{
    const auto state = [this] {
        QSqlQuery query(m_server->connectAs(database, QString::fromLatin1(Test::PostgresServer::superuser)));
        query.exec(u"SELECT (SELECT json_agg(c ORDER BY c)::text FROM article_counts_by_annotator c) || ' '"
                   " || (SELECT json_agg(t ORDER BY t)::text FROM annotation_counts_by_annotator t)"_s);
        return query.next() ? query.value(0).toString() : QString();
    };
    const QString before = state();
    QVERIFY(!before.isEmpty());
    for (const QString &user : { u"anna"_s, u"cora"_s }) {
        for (const QString &statement : { u"UPDATE article_counts_by_annotator SET entity_count = 99"_s,
                 u"INSERT INTO annotation_counts_by_annotator (annotator, layer, status, total)"
                 " VALUES ('%1', 'quote', 'manual', 99)"_s.arg(user),
                 u"DELETE FROM article_counts_by_annotator"_s }) {
            QSqlQuery query(m_server->connectAs(database, user));
            if (query.exec(statement))
                QCOMPARE(query.numRowsAffected(), 0);
            else
                QVERIFY2(query.lastError().databaseText().contains(u"row-level security"_s)
                        || query.lastError().databaseText().contains(u"permission denied"_s),
                    qPrintable(query.lastError().databaseText()));
        }
    }
    QCOMPARE(state(), before);
}

// A suggestion that anna accepts becomes hers: it leaves the suggestions' count, which ben saw, and
// joins hers.
void TestPostgresBlindCounts::reviewedSuggestionMovesToTheReviewer()
{
    auto anna = openAs(u"anna"_s);
    auto ben = openAs(u"ben"_s);
    QVERIFY(anna && ben);
    Entity suggestion = anna->store().annotations(m_articleIds[2]).entities.value(0);
    QVERIFY(suggestion.provenance.status == AnnotationStatus::Auto);
    suggestion.provenance.status = AnnotationStatus::Accepted;
    suggestion.provenance.annotator = u"anna"_s;
    QVERIFY2(anna->store().updateEntity(suggestion), qPrintable(anna->store().errorString()));
    for (Mention &mention : suggestion.mentions) {
        mention.provenance.status = AnnotationStatus::Accepted;
        mention.provenance.annotator = u"anna"_s;
        QVERIFY2(anna->store().updateMention(mention), qPrintable(anna->store().errorString()));
    }
    QCOMPARE(anna->store().articleSummary(m_articleIds[2])->entityCount, 1);
    QCOMPARE(ben->store().articleSummary(m_articleIds[2])->entityCount, 0);
    QCOMPARE(m_owner->articleSummary(m_articleIds[2])->entityCount, 1);
    QCOMPARE(countsOf(anna->store()), u"2/0/1 auto 0"_s);
    QCOMPARE(countsOf(ben->store()), u"2/1/1 auto 0"_s);

    // Back as it was, through the same triggers.
    suggestion = anna->store().annotations(m_articleIds[2]).entities.value(0);
    QVERIFY(anna->store().removeEntity(suggestion.id));
    QCOMPARE(anna->store().articleSummary(m_articleIds[2])->entityCount, 0);
    QCOMPARE(countsOf(anna->store()), u"1/0/1 auto 0"_s);
    suggestion.id = 0;
    suggestion.provenance.status = AnnotationStatus::Auto;
    suggestion.provenance.annotator.clear();
    for (Mention &mention : suggestion.mentions) {
        mention.id = 0;
        mention.provenance = suggestion.provenance;
    }
    QVERIFY2(m_owner->insertEntity(suggestion), qPrintable(m_owner->errorString()));
    QCOMPARE(countsOf(anna->store()), u"2/0/1 auto 1"_s);
}

void TestPostgresBlindCounts::blindOffShowsTotals()
{
    TeamRoles roles(*m_owner);
    QVERIFY(roles.setBlind(false));
    auto anna = openAs(u"anna"_s);
    QVERIFY(anna);
    QVERIFY(!anna->store().countsOwnOnly());
    {
        ArticleListModel model(anna.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(countColumns(model), (QStringList { u"3/0/1"_s, u"1/1/1"_s, u"1/0/0"_s }));
        QCOMPARE(countsOf(anna->store()), u"5/1/2 auto 1"_s);
        QSqlQuery query(m_server->connectAs(database, u"anna"_s));
        QVERIFY(query.exec(u"SELECT COUNT(DISTINCT annotator) FROM article_counts_by_annotator"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 4);
    }
    // Switched back, the same session counts its own again: the mode is asked on every read.
    QVERIFY(roles.setBlind(true));
    QVERIFY(anna->store().countsOwnOnly());
    QCOMPARE(countsOf(anna->store()), u"2/0/1 auto 1"_s);
}

QTEST_GUILESS_MAIN(TestPostgresBlindCounts)
#include "tst_postgres_blindcounts.moc"

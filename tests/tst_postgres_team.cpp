// SPDX-License-Identifier: GPL-3.0-or-later
// A shared project on a PostgreSQL server: byline push and pull, several writers at once, the
// article list's queries on the server. The server is real and started by the test.
#include "document.h"
#include "projectcopier.h"
#include "store.h"
#include "testprojects.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <array>
#include <thread>

using namespace Byline;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Byline::ArticleFilter)
Q_DECLARE_METATYPE(Byline::ArticleSort)

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run byline(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(BYLINE_BINARY), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

std::unique_ptr<Store> openStore(const QString &location, Store::Mode mode = Store::Mode::ReadWrite)
{
    StoreError error;
    auto store = Store::open(location, mode, &error);
    if (!store)
        qWarning() << "cannot open" << location << error.message;
    return store;
}

Provenance provenance(AnnotationStatus status, int seed)
{
    Provenance result;
    result.status = status;
    result.annotator = u"analyst-%1"_s.arg(seed);
    result.created = QDateTime(QDate(2026, 3, 1 + seed % 20), QTime(9, 15, 30, 123), QTimeZone::UTC);
    result.modified = result.created.addSecs(3600);
    if (seed % 3 == 0)
        result.confidence = 0.125 * (seed % 8);
    return result;
}

// A project with every kind of record, in several articles, with text beyond the BMP.
bool fillProject(Store &store, int articles)
{
    AnnotationSchema schema = store.schema();
    schema.entityTypes.append({ u"WORK"_s, QColor(0x12, 0x34, 0x56), u"9"_s, u"Books, films 🎬"_s });
    schema.figureKinds.append(u"ratio"_s);
    if (!store.setSchema(schema))
        return false;
    for (int i = 0; i < articles; ++i) {
        Article article;
        article.key = u"article-%1"_s.arg(i);
        article.title = u"Talks in Astana, day %1 🚀"_s.arg(i);
        article.source = i % 2 ? u"Reuters"_s : u"AFP"_s;
        article.published = u"2026-01-%1"_s.arg(1 + i % 28, 2, 10, QChar(u'0'));
        article.status = i % 3 ? ArticleStatus::Todo : ArticleStatus::Done;
        article.text = u"😀 Putin said “🚀 the talks go on” and 4,000 troops stayed in Astana."_s;
        if (!store.addArticle(article))
            return false;
        Entity putin;
        putin.articleId = article.id;
        putin.name = u"Vladimir Putin"_s;
        putin.type = u"PERSON"_s;
        putin.provenance = provenance(AnnotationStatus::Edited, i);
        putin.provenance.previous = QJsonObject { { u"name"_s, u"Putin"_s } };
        Mention mention;
        mention.span = { 3, 8 };
        mention.provenance = provenance(AnnotationStatus::Manual, i + 1);
        putin.mentions = { mention };
        if (!store.insertEntity(putin))
            return false;
        Quote quote;
        quote.articleId = article.id;
        quote.kind = QuoteKind::Direct;
        quote.content = { { 15, 22 }, { 23, 33 } };
        quote.cue = { 9, 13 };
        quote.speakerId = putin.id;
        quote.provenance = provenance(AnnotationStatus::Accepted, i + 2);
        if (!store.insertQuote(quote))
            return false;
        Figure figure;
        figure.articleId = article.id;
        figure.kind = u"count"_s;
        figure.span = { 39, 51 };
        figure.number = { 39, 44 };
        figure.value = 4000.5 + i;
        figure.valueMax = i % 2 ? QVariant(5000.25) : QVariant();
        figure.unit = u"troops"_s;
        figure.provenance = provenance(AnnotationStatus::Auto, i + 3);
        if (!store.insertFigure(figure))
            return false;
    }
    return true;
}

// Everything a user sees of a project, to compare two copies.
void compareProjects(const Store &actual, const Store &expected)
{
    QCOMPARE(actual.articleCount(), expected.articleCount());
    QCOMPARE(actual.schema().entityTypes, expected.schema().entityTypes);
    QCOMPARE(actual.schema().quoteKinds, expected.schema().quoteKinds);
    QCOMPARE(actual.schema().figureKinds, expected.schema().figureKinds);
    const QList<ArticleSummary> summaries = expected.articleSummariesAfter(0, expected.articleCount());
    const QList<ArticleSummary> copied = actual.articleSummariesAfter(0, actual.articleCount());
    QCOMPARE(copied.size(), summaries.size());
    for (qsizetype i = 0; i < summaries.size(); ++i) {
        QCOMPARE(copied[i].id, summaries[i].id);
        QCOMPARE(copied[i].entityCount, summaries[i].entityCount);
        QCOMPARE(copied[i].quoteCount, summaries[i].quoteCount);
        QCOMPARE(copied[i].figureCount, summaries[i].figureCount);
        QVERIFY(*actual.article(summaries[i].id) == *expected.article(summaries[i].id));
        const AnnotationSet got = actual.annotations(summaries[i].id);
        const AnnotationSet want = expected.annotations(summaries[i].id);
        QCOMPARE(got.entities, want.entities);
        QCOMPARE(got.quotes.size(), want.quotes.size());
        for (qsizetype q = 0; q < got.quotes.size(); ++q)
            QVERIFY(got.quotes[q] == want.quotes[q]);
        QCOMPARE(got.figures.size(), want.figures.size());
        for (qsizetype f = 0; f < got.figures.size(); ++f)
            QVERIFY(got.figures[f] == want.figures[f]);
    }
}

} // namespace

class TestPostgresTeam : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pushAndPullRoundTrip();
    void pushRefusesAProjectThatIsThere();
    void copyOfThousandArticles();
    void severalWritersShareAProject();
    void clientsOpeningANewProjectAtOnce();
    void annotatorIsTheDatabaseRole();
    void articleListOnTheServer_data();
    void articleListOnTheServer();
    void unreachableServerSaysWhy_data();
    void unreachableServerSaysWhy();

private:
    Test::TestProjects m_projects;
    QTemporaryDir m_dir;
};

void TestPostgresTeam::initTestCase()
{
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

void TestPostgresTeam::pushAndPullRoundTrip()
{
    const QString local = m_dir.filePath(u"local.byline"_s);
    {
        auto store = openStore(local);
        QVERIFY(store);
        QVERIFY2(fillProject(*store, 5), qPrintable(store->errorString()));
    }
    const QString url = m_projects.newLocation();
    QVERIFY(!url.isEmpty());
    const Run push = byline({ u"push"_s, local, url });
    QVERIFY2(push.exitCode == 0, qPrintable(push.err));
    QVERIFY2(push.out.contains(u"copied 5 articles"_s), qPrintable(push.out));
    {
        // The server has statistics of the copied tables at once (reltuples is -1 until then).
        auto server = openStore(url, Store::Mode::ReadOnly);
        QVERIFY(server);
        QSqlQuery statistics(server->database());
        QVERIFY(statistics.exec(u"SELECT reltuples FROM pg_class WHERE relname = 'articles'"_s));
        QVERIFY(statistics.next());
        QCOMPARE(statistics.value(0).toInt(), 5);
    }

    const Run info = byline({ u"info"_s, url });
    QVERIFY2(info.exitCode == 0, qPrintable(info.err));
    QVERIFY2(info.out.contains(u"Articles: 5 (todo 3, in progress 0, done 2)"_s), qPrintable(info.out));
    QVERIFY2(info.out.contains(url), qPrintable(info.out));

    const QString pulled = m_dir.filePath(u"pulled.byline"_s);
    const Run pull = byline({ u"pull"_s, url, pulled });
    QVERIFY2(pull.exitCode == 0, qPrintable(pull.err));

    auto original = openStore(local, Store::Mode::ReadOnly);
    auto server = openStore(url, Store::Mode::ReadOnly);
    auto copy = openStore(pulled, Store::Mode::ReadOnly);
    QVERIFY(original && server && copy);
    compareProjects(*server, *original);
    compareProjects(*copy, *original);

    // New records on the server get ids after the copied ones.
    auto writer = openStore(url);
    QVERIFY(writer);
    Article article;
    article.key = u"after-push"_s;
    article.text = u"Tokayev met Putin."_s;
    QVERIFY2(writer->addArticle(article), qPrintable(writer->errorString()));
    QCOMPARE(article.id, 6);
    Entity entity;
    entity.articleId = article.id;
    entity.name = u"Tokayev"_s;
    entity.type = u"PERSON"_s;
    QVERIFY2(writer->insertEntity(entity), qPrintable(writer->errorString()));
    QCOMPARE(entity.id, 6);

    // pull never overwrites a local file.
    const Run again = byline({ u"pull"_s, url, pulled });
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"exists already"_s), qPrintable(again.err));
}

void TestPostgresTeam::pushRefusesAProjectThatIsThere()
{
    const QString local = m_dir.filePath(u"twice.byline"_s);
    {
        auto store = openStore(local);
        QVERIFY(store);
        QVERIFY(fillProject(*store, 2));
    }
    const QString url = m_projects.newLocation();
    QCOMPARE(byline({ u"push"_s, local, url }).exitCode, 0);
    const Run again = byline({ u"push"_s, local, url });
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"already holds 2 articles"_s), qPrintable(again.err));
    auto server = openStore(url, Store::Mode::ReadOnly);
    QVERIFY(server);
    QCOMPARE(server->articleCount(), 2);

    const Run wrongWay = byline({ u"push"_s, url, local });
    QCOMPARE(wrongWay.exitCode, 1);
    QVERIFY2(
        wrongWay.err.contains(u"push needs a local project and a server URL"_s), qPrintable(wrongWay.err));
}

// A copy that fails halfway leaves the target as it was: the copy is one transaction. The
// target's database refuses the 500th article (a CHECK the test adds), after 499 were written.
void TestPostgresTeam::copyOfThousandArticles()
{
    const QString local = m_dir.filePath(u"thousand.byline"_s);
    auto source = openStore(local);
    QVERIFY(source);
    {
        Store::Transaction transaction(*source); // one commit, not thousands
        QVERIFY(fillProject(*source, 1000));
        QVERIFY(transaction.commit());
    }

    const QString refusing = m_projects.newLocation();
    {
        auto target = openStore(refusing);
        QVERIFY(target);
        QVERIFY(
            QSqlQuery(target->database()).exec(u"ALTER TABLE articles ADD CHECK (key <> 'article-499')"_s));
        ProjectCopier copier(*source, *target);
        QVERIFY(!copier.copy());
        QVERIFY2(copier.errorString().contains(u"articles"_s), qPrintable(copier.errorString()));
        QCOMPARE(target->articleCount(), 0);
        QCOMPARE(target->schema().entityTypes, defaultEntityTypes());
    }

    const QString url = m_projects.newLocation();
    auto target = openStore(url);
    QVERIFY(target);
    QStringList tables;
    ProjectCopier copier(*source, *target);
    QVERIFY2(copier.copy([&](const QString &table, qint64) {
        if (!tables.contains(table))
            tables << table;
    }),
        qPrintable(copier.errorString()));
    QCOMPARE(tables,
        QStringList({ u"entity_types"_s, u"annotation_kinds"_s, u"articles"_s, u"entities"_s, u"mentions"_s,
            u"quotes"_s, u"quote_parts"_s, u"figures"_s }));
    // 7 types, 12 kinds, and per article: itself, an entity, a mention, a quote, two parts, a figure.
    QCOMPARE(copier.rowsCopied(),
        7 + target->schema().quoteKinds.size() + target->schema().figureKinds.size() + 1000 * 7);
    compareProjects(*target, *source);
}

// No lock file on a server: two writers work on one project, each sees the other's commits.
void TestPostgresTeam::severalWritersShareAProject()
{
    const QString url = m_projects.newLocation();
    auto first = openStore(url);
    auto second = openStore(url);
    QVERIFY(first && second);
    Article article;
    article.key = u"shared"_s;
    article.text = u"Tokayev met Putin in Moscow."_s;
    QVERIFY(first->addArticle(article));
    QCOMPARE(second->articleIdForKey(u"shared"_s).value_or(0), article.id);

    Entity tokayev;
    tokayev.articleId = article.id;
    tokayev.name = u"Tokayev"_s;
    tokayev.type = u"PERSON"_s;
    tokayev.mentions = { Mention { 0, 0, 0, { 0, 7 }, {} } };
    QVERIFY(second->insertEntity(tokayev));
    Entity putin = tokayev;
    putin.id = 0;
    putin.mentions[0].id = 0;
    putin.name = u"Putin"_s;
    putin.mentions[0].span = { 12, 17 };
    QVERIFY(first->insertEntity(putin));
    QVERIFY(putin.id != tokayev.id);
    QCOMPARE(first->annotations(article.id).entities.size(), 2);
    QCOMPARE(second->annotations(article.id).entities.size(), 2);
    QCOMPARE(second->articleSummary(article.id)->entityCount, 2);

    // A writer's transaction is its own until it commits.
    {
        Store::Transaction transaction(*first);
        QVERIFY(first->removeEntity(putin.id));
        QCOMPARE(second->annotations(article.id).entities.size(), 2);
        QVERIFY(transaction.commit());
    }
    QCOMPARE(second->annotations(article.id).entities.size(), 1);

    // A reader cannot write, even by hand.
    auto reader = openStore(url, Store::Mode::ReadOnly);
    QVERIFY(reader);
    QVERIFY(!reader->setArticleStatus(article.id, ArticleStatus::Done));
    QVERIFY(!QSqlQuery(reader->database()).exec(u"UPDATE articles SET status = 'done'"_s));
}

// The first clients of a new project all find it empty: one creates the tables, the others wait
// for it (an advisory lock around each schema step) and open what it made.
void TestPostgresTeam::clientsOpeningANewProjectAtOnce()
{
    const QString url = m_projects.newLocation();
    constexpr int clients = 4;
    std::array<QString, clients> errors;
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&url, &errors, i] {
            StoreError error;
            auto store = Store::open(url, Store::Mode::ReadWrite, &error);
            errors[i] = store ? (store->entityTypes() == defaultEntityTypes() ? QString() : u"types"_s)
                              : error.message;
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    for (const QString &error : errors)
        QVERIFY2(error.isEmpty(), qPrintable(error));
    auto store = openStore(url, Store::Mode::ReadOnly);
    QVERIFY(store);
    QSqlQuery query(store->database());
    QVERIFY(query.exec(u"SELECT value FROM byline_meta WHERE key = 'schema_version'"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), SchemaMigrator::currentVersion);
    QCOMPARE(store->entityTypes(), defaultEntityTypes());
}

// Every analyst connects as a role of their own; what they annotate carries that role's name,
// whatever their login on their computer.
void TestPostgresTeam::annotatorIsTheDatabaseRole()
{
    const QString url = m_projects.newLocation();
    RecordId articleId = 0;
    {
        auto owner = openStore(url);
        QVERIFY(owner);
        Article article;
        article.key = u"roles"_s;
        article.text = u"Tokayev met Putin."_s;
        QVERIFY(owner->addArticle(article));
        articleId = article.id;
    }
    const QString database = QUrl(url).path().mid(1);
    QVERIFY2(m_projects.server()->execute({ u"CREATE ROLE alice LOGIN"_s }),
        qPrintable(m_projects.server()->errorString()));
    QVERIFY(m_projects.server()->execute(
        { u"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO alice"_s,
            u"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO alice"_s },
        database));
    QUrl aliceUrl(url);
    aliceUrl.setUserName(u"alice"_s);
    StoreError error;
    auto document = Document::open(aliceUrl.toString(), Store::Mode::ReadWrite, &error);
    QVERIFY2(document, qPrintable(error.message));
    QCOMPARE(document->annotator(), u"alice"_s);
    const auto connection = document->store().serverConnection();
    QVERIFY(connection);
    QCOMPARE(connection->user, u"alice"_s);
    QVERIFY(!connection->encrypted); // the test server has no certificate

    Entity entity;
    entity.articleId = articleId;
    entity.name = u"Tokayev"_s;
    entity.type = u"PERSON"_s;
    entity.provenance = document->manualProvenance();
    QVERIFY2(document->store().insertEntity(entity), qPrintable(document->store().errorString()));
    auto owner = openStore(url, Store::Mode::ReadOnly);
    QVERIFY(owner);
    QCOMPARE(owner->annotations(articleId).entities.value(0).provenance.annotator, u"alice"_s);
}

void TestPostgresTeam::articleListOnTheServer_data()
{
    QTest::addColumn<ArticleFilter>("filter");
    QTest::addColumn<ArticleSort>("sort");
    QTest::addColumn<QStringList>("keys");
    ArticleFilter upper;
    upper.text = u"REUTERS"_s; // ASCII case is ignored, as in SQLite
    QTest::newRow("text-any-case") << upper << ArticleSort { ArticleSortColumn::Id, Qt::DescendingOrder }
                                   << QStringList { u"article-3"_s, u"article-1"_s };
    ArticleFilter shortText;
    shortText.text = u"-2"_s;
    QTest::newRow("short-text") << shortText << ArticleSort {} << QStringList { u"article-2"_s };
    ArticleFilter percent;
    percent.text = u"%"_s; // a LIKE wildcard is a plain character here
    QTest::newRow("wildcard-is-literal") << percent << ArticleSort {} << QStringList {};
    ArticleFilter dates;
    dates.publishedFrom = u"2026-01-02"_s;
    dates.publishedTo = u"2026-01-03"_s;
    QTest::newRow("date-range") << dates << ArticleSort { ArticleSortColumn::Title, Qt::AscendingOrder }
                                << QStringList { u"article-1"_s, u"article-2"_s };
    ArticleFilter done;
    done.status = ArticleStatus::Done;
    done.minEntities = 1;
    QTest::newRow("status-and-count") << done << ArticleSort { ArticleSortColumn::Key, Qt::DescendingOrder }
                                      << QStringList { u"article-3"_s, u"article-0"_s };
}

void TestPostgresTeam::articleListOnTheServer()
{
    QFETCH(ArticleFilter, filter);
    QFETCH(ArticleSort, sort);
    QFETCH(QStringList, keys);
    static const QString url = m_projects.newLocation();
    auto store = openStore(url);
    QVERIFY(store);
    if (store->articleCount() == 0)
        QVERIFY(fillProject(*store, 4));
    QStringList found;
    for (const ArticleSummary &summary : store->articleSummaries(0, 100, sort, filter))
        found << summary.key;
    QCOMPARE(found, keys);
    QCOMPARE(store->articleCount(filter), keys.size());
    for (int i = 0; i < 4; ++i) {
        const RecordId id = *store->articleIdForKey(u"article-%1"_s.arg(i));
        QCOMPARE(store->articleMatches(id, filter), keys.contains(u"article-%1"_s.arg(i)));
    }
}

void TestPostgresTeam::unreachableServerSaysWhy_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-database-named") << u"postgresql://byline@127.0.0.1:%1"_s << u"names no database"_s;
    QTest::newRow("no-such-database") << u"postgresql://byline@127.0.0.1:%1/missing"_s << u"missing"_s;
    // The URL's query reaches libpq: the test server has no certificate, so TLS cannot be had.
    QTest::newRow("tls-required") << u"postgresql://byline@127.0.0.1:%1/postgres?sslmode=require"_s
                                  << u"SSL"_s;
    QTest::newRow("wrong-port") << u"postgresql://byline@127.0.0.1:1/project"_s << u"Cannot connect"_s;
}

void TestPostgresTeam::unreachableServerSaysWhy()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    const QString location = url.contains(u"%1"_s) ? url.arg(m_projects.server()->port()) : url;
    StoreError error;
    QVERIFY(!Store::open(location, Store::Mode::ReadWrite, &error));
    QCOMPARE(error.code, StoreError::Code::CannotOpen);
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(TestPostgresTeam)
#include "tst_postgres_team.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Assignments on a server (schema version 9, models/assignments.h): the admin assigns, each
// member reads and marks done only their own queue, whatever SQL their connection sends.
#include "articlequeue.h"
#include "assignments.h"
#include "changefeed.h"
#include "document.h"
#include "postgresserver.h"
#include "queuearticlemodel.h"
#include "store.h"
#include "teamroles.h"

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString database = u"assign"_s;
constexpr int articleCount = 12;

} // namespace

class TestPostgresAssign : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void adminAssigns();
    void membersSeeOnlyTheirQueue_data();
    void membersSeeOnlyTheirQueue();
    void plainSqlCannotChangeTheQueues_data();
    void plainSqlCannotChangeTheQueues();
    void doneMovesOnlyOwnProgress();
    void queueFilterOnTheServer();
    void commandLineAssigns();
    void liveQueueFollowsTheAdmin();
    void commandLineUnassignsAndMoves();
    void queuePagesFollowTheRowSecurity();
    void queuePageComesOffTheQueueKey();

private:
    std::unique_ptr<Store> openAs(const QString &user);
    QString snapshot();

    std::unique_ptr<Test::PostgresServer> m_server;
    std::unique_ptr<Store> m_owner;
    QList<RecordId> m_articles;
};

std::unique_ptr<Store> TestPostgresAssign::openAs(const QString &user)
{
    StoreError error;
    auto store = Store::open(m_server->url(database, user), Store::Mode::ReadWrite, &error);
    if (!store)
        qWarning() << "cannot open as" << user << error.message;
    return store;
}

// Every assignment as the project's owner sees it.
QString TestPostgresAssign::snapshot()
{
    QSqlQuery query(m_server->connectAs(database, QString::fromLatin1(Test::PostgresServer::superuser)));
    if (!query.exec(u"SELECT json_agg(t ORDER BY t.annotator, t.article_id)::text FROM assignments t"_s)
        || !query.next())
        return {};
    return query.value(0).toString();
}

void TestPostgresAssign::initTestCase()
{
    if (const QString reason = Test::PostgresServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_server = std::make_unique<Test::PostgresServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QVERIFY2(!m_server->createDatabase(database).isEmpty(), qPrintable(m_server->errorString()));
    m_owner = openAs(QString::fromLatin1(Test::PostgresServer::superuser));
    QVERIFY(m_owner);
    for (int i = 0; i < articleCount; ++i) {
        Article article;
        article.key = u"article-%1"_s.arg(i);
        article.title = u"Title 😀 %1"_s.arg(i);
        article.text = u"Text 🚀 of article %1."_s.arg(i);
        QVERIFY(m_owner->addArticle(article));
        m_articles << article.id;
    }
    TeamRoles roles(*m_owner);
    const QList<TeamMember> members { { u"anna"_s, TeamRole::Annotator, u"Anna"_s },
        { u"ben"_s, TeamRole::Annotator, u"Ben"_s }, { u"cora"_s, TeamRole::Curator, u"Cora"_s },
        { u"adam"_s, TeamRole::Admin, u"Adam"_s } };
    for (const TeamMember &member : members)
        QVERIFY2(roles.addMember(member, u"secret of "_s + member.name), qPrintable(roles.errorString()));
}

void TestPostgresAssign::cleanupTestCase()
{
    m_owner.reset();
    for (const QString &name : QSqlDatabase::connectionNames()) {
        QSqlDatabase::database(name).close();
        QSqlDatabase::removeDatabase(name);
    }
}

// An admin who is no superuser assigns; an annotator or curator cannot, through the store.
void TestPostgresAssign::adminAssigns()
{
    for (const QString &member : { u"anna"_s, u"cora"_s }) {
        auto store = openAs(member);
        QVERIFY(store);
        Assignments assignments(*store);
        QVERIFY(!assignments.canManage());
        AssignmentState state = *assignments.state();
        QVERIFY(!assignments.apply(BalancedAssigner::plan(state, { { member }, 1, false })));
        QVERIFY(!assignments.errorString().isEmpty());
    }
    QCOMPARE(snapshot(), QString());

    auto adam = openAs(u"adam"_s);
    QVERIFY(adam);
    Assignments assignments(*adam);
    QVERIFY(assignments.canManage());
    // The admin is offered the annotators and curators, not other admins.
    QCOMPARE(assignments.candidates(), (QStringList { u"anna"_s, u"ben"_s, u"cora"_s }));
    const auto state = assignments.state();
    QVERIFY2(state, qPrintable(assignments.errorString()));
    QCOMPARE(state->articles, m_articles);
    const AssignmentPlan plan
        = BalancedAssigner::plan(*state, { { u"anna"_s, u"ben"_s, u"cora"_s }, 2, false });
    QVERIFY2(assignments.apply(plan), qPrintable(assignments.errorString()));
    const QList<QueueProgress> progress = assignments.progress();
    QCOMPARE(progress.size(), 3);
    for (const QueueProgress &queue : progress)
        QCOMPARE(queue.assigned, articleCount * 2 / 3);
}

void TestPostgresAssign::membersSeeOnlyTheirQueue_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QStringList>("visible");
    QTest::newRow("anna") << u"anna"_s << QStringList { u"anna"_s };
    QTest::newRow("ben") << u"ben"_s << QStringList { u"ben"_s };
    QTest::newRow("cora") << u"cora"_s << QStringList { u"cora"_s };
    QTest::newRow("adam") << u"adam"_s << QStringList { u"anna"_s, u"ben"_s, u"cora"_s };
}

void TestPostgresAssign::membersSeeOnlyTheirQueue()
{
    QFETCH(QString, member);
    QFETCH(QStringList, visible);
    auto store = openAs(member);
    QVERIFY(store);
    Assignments assignments(*store);
    QStringList seen;
    for (const QueueProgress &queue : assignments.progress())
        seen << queue.annotator;
    QCOMPARE(seen, visible);
    // Plain SQL sees the same.
    QSqlQuery query(m_server->connectAs(database, member));
    QVERIFY(query.exec(u"SELECT DISTINCT annotator FROM assignments ORDER BY annotator"_s));
    seen.clear();
    while (query.next())
        seen << query.value(0).toString();
    QCOMPARE(seen, visible);
}

void TestPostgresAssign::plainSqlCannotChangeTheQueues_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("statement");
    QTest::addColumn<bool>("allowed");
    // %1: an article of Anna's queue; %2: one of Ben's that is not Anna's.
    const std::pair<QString, bool> statements[] = {
        { u"INSERT INTO assignments (article_id, annotator, assigned_at) VALUES (%2, 'anna', 'now')"_s,
            false },
        { u"INSERT INTO assignments (article_id, annotator, assigned_at) VALUES (%2, 'ben', 'now')"_s,
            false },
        { u"UPDATE assignments SET annotator = 'anna' WHERE article_id = %2"_s, false },
        { u"UPDATE assignments SET done_at = 'now' WHERE article_id = %2 AND annotator = 'ben'"_s, false },
        { u"DELETE FROM assignments WHERE annotator = 'ben'"_s, false },
        { u"DELETE FROM assignments WHERE annotator = 'anna'"_s, false },
        { u"UPDATE assignments SET article_id = %2 WHERE article_id = %1 AND annotator = 'anna'"_s, false },
        { u"UPDATE assignments SET done_at = 'now' WHERE article_id = %1 AND annotator = 'anna'"_s, true },
    };
    for (const auto &[statement, allowed] : statements)
        QTest::addRow("anna: %s", qPrintable(statement)) << u"anna"_s << statement << allowed;
    // Nor can a curator unassign or move anyone.
    QTest::addRow("cora: delete") << u"cora"_s << statements[4].first << false;
    QTest::addRow("cora: move") << u"cora"_s << statements[2].first << false;
    // The admin manages every queue: adds, unassigns and moves.
    QTest::addRow("adam: insert") << u"adam"_s << statements[0].first << true;
    QTest::addRow("adam: delete") << u"adam"_s << statements[4].first << true;
    QTest::addRow("adam: move")
        << u"adam"_s
        << u"UPDATE assignments SET annotator = 'dan' WHERE article_id = %1 AND annotator = 'anna'"_s << true;
}

// Anna cannot queue herself, take or drop articles, or mark Ben's done; she can mark her own.
void TestPostgresAssign::plainSqlCannotChangeTheQueues()
{
    QFETCH(QString, member);
    QFETCH(QString, statement);
    QFETCH(bool, allowed);
    QSqlQuery owner(m_server->connectAs(database, QString::fromLatin1(Test::PostgresServer::superuser)));
    QVERIFY(
        owner.exec(u"SELECT min(article_id) FROM assignments WHERE annotator = 'anna'"_s) && owner.next());
    const RecordId annas = owner.value(0).toLongLong();
    QVERIFY(
        owner.exec(u"SELECT min(article_id) FROM assignments WHERE annotator = 'ben' AND article_id NOT IN"
                   " (SELECT article_id FROM assignments WHERE annotator = 'anna')"_s)
        && owner.next());
    const RecordId bens = owner.value(0).toLongLong();
    QVERIFY(annas > 0 && bens > 0);
    const QString before = snapshot();

    QSqlDatabase connection = m_server->connectAs(database, member);
    QVERIFY(connection.transaction());
    QSqlQuery query(connection);
    const bool executed = query.exec(
        QString(statement).replace(u"%1"_s, QString::number(annas)).replace(u"%2"_s, QString::number(bens)));
    const int affected = executed ? query.numRowsAffected() : 0;
    if (allowed) {
        QVERIFY2(executed, qPrintable(query.lastError().text()));
        QVERIFY(affected > 0);
        QVERIFY(connection.rollback());
        QCOMPARE(snapshot(), before);
        return;
    }
    QVERIFY(executed ? connection.commit() : connection.rollback());
    QCOMPARE(affected, 0);
    QCOMPARE(snapshot(), before);
}

// Marking an article done through the app records it on the member's own assignment only.
void TestPostgresAssign::doneMovesOnlyOwnProgress()
{
    auto store = openAs(u"anna"_s);
    QVERIFY(store);
    Document anna(std::move(store));
    QCOMPARE(anna.annotator(), u"anna"_s);
    ArticleQueue queue(&anna);
    QVERIFY(queue.hasQueue());
    const QueueProgress before = queue.progress();
    QCOMPARE(before.done, 0);
    ArticleFilter mine;
    mine.queueOf = u"anna"_s;
    const QList<ArticleSummary> queued = anna.store().articleSummaries(0, 100, {}, mine);
    QCOMPARE(queued.size(), before.assigned);
    QVERIFY2(anna.setArticleStatus(queued.first().id, ArticleStatus::Done), qPrintable(anna.errorString()));
    QTRY_COMPARE(queue.progress().done, 1);

    auto adam = openAs(u"adam"_s);
    Assignments all(*adam);
    for (const QueueProgress &progress : all.progress())
        QCOMPARE(progress.done, progress.annotator == u"anna"_s ? 1 : 0);
}

// The queue filter asks the server for Anna's rows only; Ben's filter shows Anna nothing.
void TestPostgresAssign::queueFilterOnTheServer()
{
    auto store = openAs(u"anna"_s);
    QVERIFY(store);
    ArticleFilter mine;
    mine.queueOf = u"anna"_s;
    ArticleFilter bens;
    bens.queueOf = u"ben"_s;
    QCOMPARE(store->articleCount(mine), articleCount * 2 / 3);
    QCOMPARE(store->articleCount(bens), 0);
    const QList<ArticleSummary> page = store->articleSummaries(0, 5, { ArticleSortColumn::Title }, mine);
    QCOMPARE(page.size(), 5);
    const QList<ArticleSummary> next
        = store->articlePageAfter(page.last(), 100, { ArticleSortColumn::Title }, mine);
    QCOMPARE(page.size() + next.size(), articleCount * 2 / 3);
}

void TestPostgresAssign::commandLineAssigns()
{
    const auto byline = [](const QStringList &arguments) {
        QProcess process;
        process.start(QStringLiteral(BYLINE_BINARY), QStringList { u"assign"_s } + arguments);
        process.waitForFinished(60000);
        return std::pair(process.exitCode(),
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()));
    };
    // An annotator is refused with the reason.
    auto [code, output] = byline({ m_server->url(database, u"anna"_s), u"--per-article"_s, u"3"_s });
    QVERIFY2(code != 0, qPrintable(output));
    QVERIFY2(output.contains(u"admins"_s), qPrintable(output));
    // Without --annotators, the team's annotators: two, too few for three per article.
    std::tie(code, output) = byline({ m_server->url(database, u"adam"_s), u"--per-article"_s, u"3"_s });
    QVERIFY2(code != 0, qPrintable(output));
    std::tie(code, output) = byline({ m_server->url(database, u"adam"_s), u"--per-article"_s, u"3"_s,
        u"--annotators"_s, u"anna,ben,cora"_s });
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(output.contains(u"added %1 assignments"_s.arg(articleCount)), qPrintable(output));
    std::tie(code, output) = byline({ m_server->url(database, u"adam"_s), u"--list"_s });
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(output.contains(u"anna\t%1\t1\n"_s.arg(articleCount)), qPrintable(output));
    QVERIFY2(output.contains(u"ben\t%1\t0\n"_s.arg(articleCount)), qPrintable(output));
}

// Anna's open project hears, within a second, that the admin took articles out of her queue and
// assigned them again; news of Cora's queue is not hers. (tst_gui_postgres_assign: a move.)
void TestPostgresAssign::liveQueueFollowsTheAdmin()
{
    auto store = openAs(u"anna"_s);
    QVERIFY(store);
    Document anna(std::move(store));
    QVERIFY(anna.changeFeed()->isListening());
    ArticleQueue queue(&anna);
    const QueueProgress before = queue.progress();
    QVERIFY(before.assigned > 3);
    QSignalSpy articlesChanged(&queue, &ArticleQueue::articlesChanged);

    auto adam = openAs(u"adam"_s);
    QVERIFY(adam);
    Assignments admin(*adam);
    QList<RecordId> open;
    for (const QueuedArticle &article : admin.queue(u"anna"_s)) {
        if (!article.done && open.size() < 3)
            open << article.articleId;
    }
    QCOMPARE(open.size(), 3);
    QVERIFY2(admin.reassign(BalancedAssigner::reassign(*admin.state(), { u"anna"_s, {}, open })),
        qPrintable(admin.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(queue.progress().assigned, before.assigned - 3, 1000);
    QCOMPARE(queue.progress().done, before.done);
    QTRY_COMPARE_WITH_TIMEOUT(articlesChanged.size(), 1, 1000);

    // Assigning tops the articles up to three annotators again: hers come back.
    const AssignmentPlan back = BalancedAssigner::plan(*admin.state(), { { u"anna"_s }, 3 });
    QCOMPARE(back.added.size(), 3);
    QVERIFY2(admin.apply(back), qPrintable(admin.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(queue.progress().assigned, before.assigned, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(articlesChanged.size(), 2, 1000);

    // Ben's open articles move to her where she lacks them: none now.
    const ReassignmentPlan fromBen = BalancedAssigner::reassign(*admin.state(), { u"ben"_s, { u"anna"_s } });
    QVERIFY(fromBen.added.isEmpty());
    QCOMPARE(fromBen.articlesStaying, admin.progressOf(u"ben"_s).assigned - admin.progressOf(u"ben"_s).done);
    QCOMPARE(anna.store().articleCount(ArticleFilter { .queueOf = u"anna"_s }), before.assigned);

    QVERIFY(admin.reassign(BalancedAssigner::reassign(*admin.state(), { u"cora"_s, {}, { open.first() } })));
    // Longer than the news about her own queue took above: none comes.
    QTest::qWait(300);
    QCOMPARE(articlesChanged.size(), 2);
}

void TestPostgresAssign::commandLineUnassignsAndMoves()
{
    const auto byline = [](const QStringList &arguments) {
        QProcess process;
        process.start(QStringLiteral(BYLINE_BINARY), QStringList { u"assign"_s } + arguments);
        process.waitForFinished(60000);
        return std::pair(process.exitCode(),
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()));
    };
    const QString before = snapshot();
    auto [code, output] = byline({ m_server->url(database, u"anna"_s), u"--unassign"_s, u"ben"_s });
    QVERIFY2(code != 0, qPrintable(output));
    QVERIFY2(output.contains(u"admins"_s), qPrintable(output));
    std::tie(code, output)
        = byline({ m_server->url(database, u"cora"_s), u"--move"_s, u"ben"_s, u"--to"_s, u"cora"_s });
    QVERIFY2(code != 0, qPrintable(output));
    QCOMPARE(snapshot(), before);

    auto adam = openAs(u"adam"_s);
    const QueueProgress coras = Assignments(*adam).progressOf(u"cora"_s);
    QVERIFY(coras.assigned > 0);
    QCOMPARE(coras.done, 0);
    std::tie(code, output)
        = byline({ m_server->url(database, u"adam"_s), u"--move"_s, u"cora"_s, u"--to"_s, u"dan"_s });
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(
        output.contains(u"moved %1 articles from cora to dan"_s.arg(coras.assigned)), qPrintable(output));
    QVERIFY2(output.contains(u"dan\t%1\t0\n"_s.arg(coras.assigned)), qPrintable(output));
    std::tie(code, output) = byline({ m_server->url(database, u"adam"_s), u"--unassign"_s, u"dan"_s });
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(output.contains(u"unassigned %1 articles from dan"_s.arg(coras.assigned)), qPrintable(output));
    QVERIFY2(!output.contains(u"dan\t"_s) && !output.contains(u"cora\t"_s), qPrintable(output));
}

// Pages of a queue, each after the last one's last id, add up to the queue; a member's connection
// pages through their own queue only.
void TestPostgresAssign::queuePagesFollowTheRowSecurity()
{
    auto adam = openAs(u"adam"_s);
    QVERIFY(adam);
    Assignments admin(*adam);
    const QList<QueuedArticle> whole = admin.queue(u"anna"_s);
    QVERIFY(whole.size() > 3);
    QList<RecordId> paged;
    for (QList<QueuedArticle> page = admin.queuePage(u"anna"_s, 0, 2); !page.isEmpty();
        page = admin.queuePage(u"anna"_s, page.last().articleId, 2)) {
        QVERIFY(page.size() <= 2);
        for (const QueuedArticle &article : std::as_const(page))
            paged << article.articleId;
    }
    QList<RecordId> wholeIds;
    for (const QueuedArticle &article : whole)
        wholeIds << article.articleId;
    QCOMPARE(paged, wholeIds);

    QueueArticleModel model(admin);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAnnotator(u"anna"_s);
    QCOMPARE(model.progress(), admin.progressOf(u"anna"_s));
    QCOMPARE(model.rowCount(), whole.size());
    QCOMPARE(model.index(0, QueueArticleModel::Title).data().toString(), whole.first().title);

    auto store = openAs(u"ben"_s);
    QVERIFY(store);
    Assignments ben(*store);
    QVERIFY(ben.queuePage(u"anna"_s, 0, QueueArticleModel::pageSize).isEmpty());
    QCOMPARE(
        ben.queuePage(u"ben"_s, 0, QueueArticleModel::pageSize).size(), ben.progressOf(u"ben"_s).assigned);
}

// The server finds a page of a queue on its key (annotator, article_id), from the last id, and each
// article by its key: no sort, no scan. The project here is a few rows, which the planner would
// rather scan; with scans priced out it shows what it would do at 100,000 articles, and a plan that
// had no index to use would still scan.
void TestPostgresAssign::queuePageComesOffTheQueueKey()
{
    QSqlQuery query(m_server->connectAs(database, QString::fromLatin1(Test::PostgresServer::superuser)));
    QVERIFY2(query.exec(u"SET enable_seqscan = off"_s), qPrintable(query.lastError().text()));
    QString statement = Assignments::pageStatement();
    for (int parameter = 1; statement.contains(u'?'); ++parameter)
        statement.replace(statement.indexOf(u'?'), 1, u"$%1"_s.arg(parameter));
    QVERIFY2(query.exec(u"PREPARE queue_page(text, bigint, integer) AS "_s + statement),
        qPrintable(query.lastError().text()));
    QVERIFY2(
        query.exec(u"EXPLAIN EXECUTE queue_page('anna', 0, 200)"_s), qPrintable(query.lastError().text()));
    QStringList steps;
    while (query.next())
        steps << query.value(0).toString().trimmed();
    const QString plan = steps.join(u"\n"_s);
    QVERIFY(query.exec(u"DEALLOCATE queue_page"_s));
    QVERIFY(query.exec(u"RESET enable_seqscan"_s));
    QVERIFY2(steps.first().startsWith(u"Limit"_s), qPrintable(plan));
    QVERIFY2(plan.contains(u"Nested Loop"_s), qPrintable(plan));
    QVERIFY2(plan.contains(u"using assignments_pkey on assignments q"_s), qPrintable(plan));
    QVERIFY2(plan.contains(u"Index Cond: ((annotator = 'anna'::text) AND (article_id > '0'::bigint))"_s),
        qPrintable(plan));
    QVERIFY2(plan.contains(u"using articles_pkey on articles a"_s), qPrintable(plan));
    QVERIFY2(!plan.contains(u"Sort"_s) && !plan.contains(u"Seq Scan"_s), qPrintable(plan));
}

QTEST_GUILESS_MAIN(TestPostgresAssign)
#include "tst_postgres_assign.moc"

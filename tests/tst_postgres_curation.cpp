// SPDX-License-Identifier: GPL-3.0-or-later
// Curation on a team project (issue 8): a curator's decisions go to the curated layer and the
// curation state; an annotator's connection cannot write either, whatever SQL it sends.
#include "agreementfixtures.h"
#include "curation/curationactions.h"
#include "curation/curationstore.h"
#include "curation/curationunits.h"
#include "document.h"
#include "formats/exportselection.h"
#include "formats/projectdocuments.h"
#include "postgresserver.h"
#include "store.h"
#include "teamroles.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString database = u"curation"_s;
const QString articleText = u"😀 Mary Smith said “we will stay” on Monday, and 40 soldiers left Almaty."_s;

int curatedRows(const Store &store, RecordId articleId)
{
    const AnnotationSet set = store.annotations(articleId);
    int rows = 0;
    for (const Entity &entity : set.entities) {
        for (const Mention &mention : entity.mentions)
            rows += mention.provenance.annotator == curatedLayerAnnotator;
    }
    for (const Quote &quote : set.quotes)
        rows += quote.provenance.annotator == curatedLayerAnnotator;
    for (const Figure &figure : set.figures)
        rows += figure.provenance.annotator == curatedLayerAnnotator;
    return rows;
}

} // namespace

class TestPostgresCuration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void curatorWritesTheCuratedLayer();
    void annotatorCannotCurate();
    void annotatorsPlainSqlRefused_data();
    void annotatorsPlainSqlRefused();
    void exportDefaultIsTheCuratedLayer();

private:
    std::unique_ptr<Store> openAs(const QString &user);

    std::unique_ptr<Test::PostgresServer> m_server;
    std::unique_ptr<Store> m_owner;
    RecordId m_articleId = 0;
};

std::unique_ptr<Store> TestPostgresCuration::openAs(const QString &user)
{
    StoreError error;
    auto store = Store::open(m_server->url(database, user), Store::Mode::ReadWrite, &error);
    if (!store)
        qWarning() << "cannot open as" << user << error.message;
    return store;
}

void TestPostgresCuration::initTestCase()
{
    if (const QString reason = Test::PostgresServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_server = std::make_unique<Test::PostgresServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QVERIFY2(!m_server->createDatabase(database).isEmpty(), qPrintable(m_server->errorString()));
    m_owner = openAs(QString::fromLatin1(Test::PostgresServer::superuser));
    QVERIFY(m_owner);
    Article article;
    article.key = u"a1"_s;
    article.text = articleText;
    QVERIFY(m_owner->addArticle(article));
    m_articleId = article.id;

    TeamRoles roles(*m_owner);
    for (const TeamMember &member : { TeamMember { u"anna"_s, TeamRole::Annotator, u"Anna"_s },
             TeamMember { u"ben"_s, TeamRole::Annotator, u"Ben"_s },
             TeamMember { u"cora"_s, TeamRole::Curator, u"Cora 🦉"_s } })
        QVERIFY2(roles.addMember(member, u"secret"_s), qPrintable(roles.errorString()));
    // Each annotator writes their version through their own connection.
    Fixtures::VersionBuilder anna(articleText, u"anna"_s);
    anna.entity(u"PERSON"_s, { u"Mary Smith"_s });
    anna.figure(u"40"_s, 40);
    Fixtures::VersionBuilder ben(articleText, u"ben"_s);
    ben.entity(u"PERSON"_s, { u"Smith"_s });
    ben.figure(u"40"_s, 41);
    for (auto [name, version] : { std::pair { u"anna"_s, &anna }, std::pair { u"ben"_s, &ben } }) {
        auto store = openAs(name);
        QVERIFY(store);
        QVERIFY2(version->store(*store, m_articleId), qPrintable(store->errorString()));
    }
}

void TestPostgresCuration::cleanupTestCase()
{
    m_owner.reset();
}

void TestPostgresCuration::curatorWritesTheCuratedLayer()
{
    StoreError error;
    auto document = Document::open(m_server->url(database, u"cora"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(document, qPrintable(error.message));
    QCOMPARE(document->annotator(), u"cora"_s);
    QVERIFY(CurationStore(document->store()).mayCurate());
    QVERIFY(document->showArticle(m_articleId));
    CurationActions actions(document.get());
    const CurationUnits units = CurationUnits::align(document->currentArticle(), document->annotations());
    // blind mode hides the others' versions from annotators, never from a curator
    QCOMPARE(units.annotators(), (QStringList { u"anna"_s, u"ben"_s }));
    QCOMPARE(units.units().size(), 2);
    QVERIFY2(actions.accept(units, 0, 1), qPrintable(actions.errorString()));
    QVERIFY2(actions.reject(units, 1), qPrintable(actions.errorString()));
    QVERIFY2(actions.setDone(true), qPrintable(actions.errorString()));
    QCOMPARE(curatedRows(*m_owner, m_articleId), 2);
    QCOMPARE(toString(CurationStore(*m_owner).state(m_articleId)), toString(CurationState::Done));

    // every step undoes, on the server as in a file
    document->undoStack()->undo();
    QCOMPARE(toString(CurationStore(*m_owner).state(m_articleId)), toString(CurationState::InProgress));
    document->undoStack()->undo();
    QCOMPARE(curatedRows(*m_owner, m_articleId), 1);
    document->undoStack()->redo();
    document->undoStack()->redo();
    QCOMPARE(curatedRows(*m_owner, m_articleId), 2);
    QCOMPARE(toString(CurationStore(*m_owner).state(m_articleId)), toString(CurationState::Done));
}

// The app's own path, as an annotator: the server refuses the curated copy, and nothing is kept.
void TestPostgresCuration::annotatorCannotCurate()
{
    StoreError error;
    auto document = Document::open(m_server->url(database, u"anna"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(document, qPrintable(error.message));
    QVERIFY(!CurationStore(document->store()).mayCurate());
    QVERIFY(document->showArticle(m_articleId));
    const int before = curatedRows(*m_owner, m_articleId);
    CurationActions actions(document.get());
    const CurationUnits units = CurationUnits::align(document->currentArticle(), document->annotations());
    QVERIFY(!units.units().isEmpty());
    QVERIFY(!actions.accept(units, 0, 0));
    QVERIFY(!actions.errorString().isEmpty());
    QCOMPARE(document->undoStack()->count(), 0);
    QCOMPARE(curatedRows(*m_owner, m_articleId), before);
    QVERIFY(!actions.setDone(false));
    QCOMPARE(toString(CurationStore(*m_owner).state(m_articleId)), toString(CurationState::Done));
}

void TestPostgresCuration::annotatorsPlainSqlRefused_data()
{
    QTest::addColumn<QString>("statement");
    QTest::newRow("insert a curated figure")
        << u"INSERT INTO figures (article_id, kind, span_start, span_end, number_start, number_end,"
           " value_number, status, annotator, created_at, modified_at) VALUES (%1, 'count', 49, 51, 49, 51,"
           " 42, 'accepted', 'curator', '2026-01-01', '2026-01-01')"_s;
    QTest::newRow("change the curated layer")
        << u"UPDATE mentions SET start_offset = 0 WHERE annotator = 'curator'"_s;
    QTest::newRow("remove the curated layer") << u"DELETE FROM figures WHERE annotator = 'curator'"_s;
    QTest::newRow("own row into the curated layer")
        << u"UPDATE figures SET annotator = 'curator' WHERE annotator = 'anna'"_s;
    QTest::newRow("mark curation undone") << u"DELETE FROM curation_state WHERE article_id = %1"_s;
    QTest::newRow("mark curation done")
        << u"INSERT INTO curation_state (article_id, curator, done_at) VALUES (%1, 'anna', '2026-01-01')"
           " ON CONFLICT (article_id) DO UPDATE SET curator = 'anna'"_s;
}

// Refused outright, or allowed to touch no row: either way the project is as it was.
void TestPostgresCuration::annotatorsPlainSqlRefused()
{
    QFETCH(QString, statement);
    const auto state = [this] {
        QSqlQuery query(m_server->connectAs(database, QString::fromLatin1(Test::PostgresServer::superuser)));
        query.exec(u"SELECT (SELECT json_agg(c ORDER BY c)::text FROM curation_state c) || ' '"
                   " || (SELECT json_agg(f ORDER BY f)::text FROM figures f) || ' '"
                   " || (SELECT json_agg(m ORDER BY m)::text FROM mentions m)"_s);
        return query.next() ? query.value(0).toString() : QString();
    };
    const QString before = state();
    QVERIFY(!before.isEmpty());
    QSqlQuery query(m_server->connectAs(database, u"anna"_s));
    const bool executed = query.exec(statement.arg(m_articleId));
    if (executed)
        QCOMPARE(query.numRowsAffected(), 0);
    else
        QVERIFY2(query.lastError().databaseText().contains(u"row-level security"_s)
                || query.lastError().databaseText().contains(u"permission denied"_s),
            qPrintable(query.lastError().databaseText()));
    QCOMPARE(state(), before);
}

void TestPostgresCuration::exportDefaultIsTheCuratedLayer()
{
    auto cora = openAs(u"cora"_s);
    QVERIFY(cora);
    const ExportSelection selection = ExportSelection::defaultFor(*cora);
    QCOMPARE(selection.annotator, QString(curatedLayerAnnotator));
    QStringList annotators;
    QVERIFY(forEachProjectDocument(*cora, selection, [&](const DatasetDocument &document) {
        for (const Entity &entity : document.annotations.entities) {
            for (const Mention &mention : entity.mentions)
                annotators << mention.provenance.annotator;
        }
        for (const Figure &figure : document.annotations.figures)
            annotators << figure.provenance.annotator + u'/' + toString(figure.provenance.status);
        return true;
    }));
    QCOMPARE(annotators, (QStringList { u"curator"_s, u"curator/rejected"_s }));
}

QTEST_GUILESS_MAIN(TestPostgresCuration)
#include "tst_postgres_curation.moc"

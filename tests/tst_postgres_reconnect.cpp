// SPDX-License-Identifier: GPL-3.0-or-later
// A client that loses its server (issue 8): the loss shows at once, the analyst goes on and the
// edits wait in a local queue, sent on reconnect in order, or reported when they conflict; none
// is lost, not even when the application is killed before the server is back.
#include "commands.h"
#include "document.h"
#include "editqueue.h"
#include "store.h"
#include "testprojects.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString articleText = u"🇰🇿 Tokayev said: \"We will restore order.\" Prices rose 12 percent."_s;

Span spanOf(const QString &part)
{
    const qsizetype start = articleText.indexOf(part);
    return { start, start + part.size() };
}

std::unique_ptr<Document> openDocument(const QString &location)
{
    StoreError error;
    auto document = Document::open(location, Store::Mode::ReadWrite, &error);
    if (!document)
        qWarning() << "cannot open" << location << error.message;
    return document;
}

// The edits an analyst makes, through the undo stack as the panels do.
RecordId addFigure(Document &document, const QString &unit)
{
    Figure figure;
    figure.articleId = document.currentArticle().id;
    figure.kind = u"percent"_s;
    figure.span = spanOf(u"12 percent"_s);
    figure.number = spanOf(u"12"_s);
    figure.value = 12.0;
    figure.unit = unit;
    figure.provenance = document.manualProvenance();
    auto *command = new InsertCommand<Figure>(&document, figure, u"Add figure"_s);
    document.undoStack()->push(command);
    return command->record().id;
}

RecordId addEntity(Document &document)
{
    Entity entity;
    entity.articleId = document.currentArticle().id;
    entity.name = u"Tokayev"_s;
    entity.type = u"PERSON"_s;
    entity.provenance = document.manualProvenance();
    Mention mention;
    mention.span = spanOf(u"Tokayev"_s);
    mention.provenance = entity.provenance;
    entity.mentions = { mention };
    auto *command = new InsertCommand<Entity>(&document, entity, u"Add entity"_s);
    document.undoStack()->push(command);
    return command->record().id;
}

void rename(Document &document, RecordId entityId, const QString &name)
{
    const Entity before = *document.entity(entityId);
    Entity after = before;
    after.name = name;
    document.undoStack()->push(new ChangeCommand<Entity>(&document, before, after, u"Rename"_s));
}

RecordId addQuote(Document &document)
{
    Quote quote;
    quote.articleId = document.currentArticle().id;
    quote.content = { spanOf(u"We will restore order."_s) };
    quote.cue = spanOf(u"said"_s);
    quote.provenance = document.manualProvenance();
    auto *command = new InsertCommand<Quote>(&document, quote, u"Add quote"_s);
    document.undoStack()->push(command);
    return command->record().id;
}

void setKind(Document &document, RecordId quoteId, QuoteKind kind)
{
    const Quote before = document.annotations().quotes.value(document.quoteRow(quoteId));
    Quote after = before;
    after.kind = kind;
    document.undoStack()->push(new ChangeCommand<Quote>(&document, before, after, u"Kind"_s));
}

QStringList unitsOf(const AnnotationSet &annotations)
{
    QStringList units;
    for (const Figure &figure : annotations.figures)
        units << figure.unit;
    units.sort();
    return units;
}

} // namespace

class TestPostgresReconnect : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void burstAcrossAServerRestart_data();
    void burstAcrossAServerRestart();
    void conflictWhileOfflineIsReported();
    void queueSurvivesTheApplication();
    void projectInAFileHasNoQueue();

private:
    /// Ends the store connection of the document on the server, as a dropped network would.
    void dropConnection(const Document &document);

    QTemporaryDir m_dataHome;
    Test::TestProjects m_projects;
    QString m_location;
    std::unique_ptr<Document> m_ann;
    std::unique_ptr<Document> m_ben;
};

void TestPostgresReconnect::initTestCase()
{
    // The queues go to the user's data folder: here a temporary one.
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dataHome.path()));
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

void TestPostgresReconnect::init()
{
    m_location = m_projects.newLocation();
    m_ann = openDocument(m_location);
    m_ben = openDocument(m_location);
    QVERIFY(m_ann && m_ben);
    Article article { .key = u"kz-1"_s, .text = articleText };
    QVERIFY(m_ann->store().addArticle(article));
    QVERIFY(m_ann->showArticle(article.id));
    QVERIFY(m_ben->showArticle(article.id));
    // Two clients of one user on one machine keep their queues apart.
    QVERIFY(m_ann->editQueueFile() != m_ben->editQueueFile());
}

void TestPostgresReconnect::cleanup()
{
    m_ann.reset();
    m_ben.reset();
}

void TestPostgresReconnect::dropConnection(const Document &document)
{
    QVERIFY(m_projects.server()->execute(
        { u"SELECT pg_terminate_backend(%1)"_s.arg(document.store().serverSession()) }));
}

void TestPostgresReconnect::burstAcrossAServerRestart_data()
{
    QTest::addColumn<int>("edits");
    QTest::newRow("30 edits") << 30;
    QTest::newRow("300 edits") << 300;
}

// Ann adds figures and renames an entity in one burst; a third of the way in the server dies,
// two thirds in it is back. Every figure is stored once, the entity carries the last name at
// the version that counts every rename once (each expects the one before: out of order, one
// would have been refused), a figure added and undone offline is not stored, and Ben sees it all.
void TestPostgresReconnect::burstAcrossAServerRestart()
{
    QFETCH(int, edits);
    const RecordId entityId = addEntity(*m_ann);
    QVERIFY(entityId > 0);
    QSignalSpy annState(m_ann.get(), &Document::connectionStateChanged);
    QSignalSpy annErrors(m_ann.get(), &Document::errorOccurred);
    QStringList units;
    QString lastName;
    QElapsedTimer drain;
    for (int i = 0; i < edits; ++i) {
        if (i == edits / 3) {
            // The next edit fails on the dead connection: the first the client hears of the loss.
            QVERIFY2(m_projects.server()->kill(), qPrintable(m_projects.server()->errorString()));
        }
        if (i == 2 * edits / 3) {
            // Undo works offline too: the figure goes, and its removal waits with the rest.
            QVERIFY(m_ann->isOffline());
            const RecordId undone = addFigure(*m_ann, u"undone"_s);
            QVERIFY(m_ann->figureRow(undone) >= 0);
            m_ann->undoStack()->undo();
            QCOMPARE(m_ann->figureRow(undone), -1);
            QVERIFY2(m_projects.server()->startAgain(), qPrintable(m_projects.server()->errorString()));
        }
        units << u"unit %1"_s.arg(i);
        addFigure(*m_ann, units.last());
        lastName = u"Tokayev %1"_s.arg(i);
        rename(*m_ann, entityId, lastName);
        // The analyst sees every edit at once, online or not.
        QCOMPARE(m_ann->entity(entityId)->name, lastName);
        QCOMPARE(m_ann->annotations().figures.size(), i + 1);
        if (i == edits / 3) {
            QVERIFY(m_ann->isOffline());
            QCOMPARE(m_ann->waitingEditCount(), 2);
        }
    }
    QVERIFY(!annState.isEmpty());
    const int waiting = m_ann->waitingEditCount();
    QCOMPARE(waiting, 2 * (edits - edits / 3) + 2);
    drain.start();
    QTRY_VERIFY_WITH_TIMEOUT(!m_ann->isOffline() && m_ann->waitingEditCount() == 0, 20000);
    qInfo() << waiting << "edits waited; all were sent within" << drain.elapsed() << "ms";
    QCOMPARE(annErrors.size(), 0);
    QVERIFY(m_ann->refusedOfflineEdits().isEmpty());

    // On the server: each edit once.
    units.sort();
    const AnnotationSet stored = m_ann->store().annotations(m_ann->currentArticle().id);
    QCOMPARE(unitsOf(stored), units);
    QCOMPARE(stored.entities.size(), 1);
    QCOMPARE(stored.entities[0].name, lastName);
    QCOMPARE(stored.entities[0].version.value, 1 + edits);
    // Ann's memory has the versions the server has: her next edit goes through.
    rename(*m_ann, entityId, u"Kassym-Jomart Tokayev"_s);
    QCOMPARE(annErrors.size(), 0);
    QCOMPARE(m_ann->store().annotations(m_ann->currentArticle().id).entities[0].version.value, 2 + edits);

    // Ben, who lost the server too, sees it all.
    QTRY_COMPARE_WITH_TIMEOUT(m_ben->entity(entityId) ? m_ben->entity(entityId)->name : QString(),
        u"Kassym-Jomart Tokayev"_s, 20000);
    QCOMPARE(unitsOf(m_ben->annotations()), units);
    QVERIFY(!m_ben->isOffline());
}

// Ann's connection drops; she changes a quote twice (to mixed, and back to direct) and adds a
// figure. Meanwhile Ben, still connected, makes the quote indirect. When Ann is back, her two
// changes of the quote are refused and reported with what she wrote (the second expects the
// version the first would have made: sent alone it would overwrite Ben's change unseen); the
// figure goes through; the quote shows Ben's change.
void TestPostgresReconnect::conflictWhileOfflineIsReported()
{
    const RecordId quoteId = addQuote(*m_ann);
    QTRY_VERIFY_WITH_TIMEOUT(m_ben->quoteRow(quoteId) >= 0, 2000);

    dropConnection(*m_ann);
    setKind(*m_ann, quoteId, QuoteKind::Mixed);
    QVERIFY(m_ann->isOffline());
    setKind(*m_ann, quoteId, QuoteKind::Direct);
    addFigure(*m_ann, u"percent"_s);
    QCOMPARE(m_ann->waitingEditCount(), 3);
    QCOMPARE(
        toString(m_ann->annotations().quotes[m_ann->quoteRow(quoteId)].kind), toString(QuoteKind::Direct));

    setKind(*m_ben, quoteId, QuoteKind::Indirect);
    QVERIFY(!m_ben->lastWriteConflicted());

    QSignalSpy refused(m_ann.get(), &Document::offlineEditRefused);
    QSignalSpy refusedList(m_ann.get(), &Document::offlineEditsRefused);
    QSignalSpy errors(m_ann.get(), &Document::errorOccurred);
    QTRY_VERIFY_WITH_TIMEOUT(!m_ann->isOffline() && m_ann->waitingEditCount() == 0, 20000);
    QCOMPARE(refused.size(), 2);
    // One list when the sending is done, not an error of the analyst's last action.
    QCOMPARE(refusedList.size(), 1);
    QCOMPARE(errors.size(), 0);
    QVERIFY(m_ann->lastWriteConflicted());
    // The list says what each edit was of, and whose version the server kept and when.
    const auto listed = refusedList[0].at(0).value<QList<RefusedEdit>>();
    QCOMPARE(listed.size(), 2);
    for (const RefusedEdit &edit : listed) {
        QCOMPARE(edit.record, u"the quote “We will restore order.” in kz-1"_s);
        QCOMPARE(edit.keptBy, m_ben->annotator());
        QVERIFY(edit.keptAt.isValid());
        QVERIFY(!edit.removedMeanwhile);
    }
    QVERIFY(listed[1].reason.contains(u"An earlier offline edit"_s));
    // The report names what conflicted, in the analyst's terms, and who changed it.
    QVERIFY2(refused[0].at(0).toString().contains(u"the quote “We will restore order.” in kz-1"_s)
            && refused[0].at(0).toString().contains(m_ben->annotator())
            && refused[0].at(0).toString().contains(u"while you were offline"_s),
        qPrintable(refused[0].at(0).toString()));

    // Nothing Ann wrote is lost: both changes are kept, in order, with her kinds.
    const QList<RefusedEdit> kept = m_ann->refusedOfflineEdits();
    QCOMPARE(kept.size(), 2);
    QCOMPARE(toString(std::get<Quote>(kept[0].edit.record).kind), toString(QuoteKind::Mixed));
    QCOMPARE(toString(std::get<Quote>(kept[1].edit.record).kind), toString(QuoteKind::Direct));
    QVERIFY(kept[0].edit.operation == QueuedEdit::Operation::Update);

    // The rest went through, and Ann sees the server's state.
    const AnnotationSet stored = m_ann->store().annotations(m_ann->currentArticle().id);
    QCOMPARE(stored.figures.size(), 1);
    QCOMPARE(stored.quotes.size(), 1);
    QCOMPARE(toString(stored.quotes[0].kind), toString(QuoteKind::Indirect));
    QCOMPARE(toString(m_ann->annotations().quotes[0].kind), toString(QuoteKind::Indirect));
    QCOMPARE(m_ann->annotations().figures.size(), 1);
}

// Ann's connection drops and she edits; the application ends before the server is back (as
// when it is killed: nothing is sent on the way out). The next time the project opens, the
// edits are sent.
void TestPostgresReconnect::queueSurvivesTheApplication()
{
    const RecordId quoteId = addQuote(*m_ann);
    dropConnection(*m_ann);
    setKind(*m_ann, quoteId, QuoteKind::Mixed);
    const RecordId entityId = addEntity(*m_ann);
    rename(*m_ann, entityId, u"President Tokayev"_s);
    QCOMPARE(m_ann->waitingEditCount(), 3);
    const QString queueFile = m_ann->editQueueFile();
    m_ann.reset();

    QVERIFY(QFile::exists(queueFile));
    QCOMPARE(m_ben->store().annotations(m_ben->currentArticle().id).entities.size(), 0);

    m_ann = openDocument(m_location);
    QVERIFY(m_ann);
    QCOMPARE(m_ann->editQueueFile(), queueFile);
    QCOMPARE(m_ann->waitingEditCount(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(m_ann->waitingEditCount(), 0, 5000);
    const AnnotationSet stored = m_ben->store().annotations(m_ben->currentArticle().id);
    QCOMPARE(stored.quotes.size(), 1);
    QCOMPARE(toString(stored.quotes[0].kind), toString(QuoteKind::Mixed));
    QCOMPARE(stored.entities.size(), 1);
    // The entity made offline kept the id it had on Ann's screen.
    QCOMPARE(stored.entities[0].id, entityId);
    QCOMPARE(stored.entities[0].name, u"President Tokayev"_s);
    QCOMPARE(stored.entities[0].mentions.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_ben->entity(entityId) != nullptr, 5000);
}

void TestPostgresReconnect::projectInAFileHasNoQueue()
{
    QTemporaryDir directory;
    auto document = openDocument(directory.filePath(u"local.byline"_s));
    QVERIFY(document);
    QVERIFY(document->editQueueFile().isEmpty());
    QVERIFY(!document->isOffline());
    QCOMPARE(document->waitingEditCount(), 0);
}

QTEST_GUILESS_MAIN(TestPostgresReconnect)
#include "tst_postgres_reconnect.moc"

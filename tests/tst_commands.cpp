// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"
#include "document.h"
#include "store.h"
#include "tagacrossarticlescommand.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <functional>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString textA = u"Vladimir Putin said on Tuesday that 4,000 troops would stay in Astana. "
                      "“We will not leave,” Putin told reporters in Astana."_s;
const QString textB = u"Kassym-Jomart Tokayev thanked the allies."_s;

Span find(const QString &text, const QString &part, int occurrence = 0)
{
    qsizetype start = -1;
    for (int i = 0; i <= occurrence; ++i)
        start = text.indexOf(part, start + 1);
    Q_ASSERT(start >= 0);
    return { start, start + part.size() };
}

Provenance stamped(AnnotationStatus status, int day)
{
    Provenance provenance;
    provenance.status = status;
    provenance.annotator = u"tester"_s;
    provenance.created = QDateTime(QDate(2026, 2, day), QTime(10, 0, 0, 5), QTimeZone::UTC);
    provenance.modified = provenance.created.addSecs(3600);
    return provenance;
}

Mention mentionAt(const Span &span)
{
    Mention mention;
    mention.span = span;
    mention.provenance = stamped(AnnotationStatus::Auto, 2);
    return mention;
}

// The state a command changes: the current article's annotations and status.
struct State {
    AnnotationSet set;
    ArticleStatus status = ArticleStatus::Todo;
};

} // namespace

class TestCommands : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testUndoRedo_data();
    void testUndoRedo();
    void testRemoveEntityClearsSpeakers();
    void testRemoveEntityIsAllOrNothing();
    void testUndoAcrossArticles();
    void testArticleStatusUndoShowsArticle();
    void testTagAcrossArticles();
    void testFailingWriteIsDropped_data();
    void testFailingWriteIsDropped();
    void testReadOnlyDocument_data();
    void testReadOnlyDocument();

private:
    // Compares the document's memory copy, and the project as a second connection reads it
    // from disk, with the expected state.
    void verifyState(const State &expected);
    State documentState() const;
    void makeProject();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Document> m_document;
    RecordId m_articleA = 0;
    RecordId m_articleB = 0;
    Entity m_putin; // speaker of m_quote
    Entity m_astana;
    Quote m_quote;
    Figure m_figure;
};

void TestCommands::makeProject()
{
    StoreError error;
    auto store = Store::open(m_path, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    Article a { 0, u"a"_s, u"Putin in Astana"_s, u"Wire"_s, u"2026-01-07"_s, {}, ArticleStatus::Todo, textA };
    Article b { 0, u"b"_s, u"Tokayev"_s, u"Wire"_s, u"2026-01-08"_s, {}, ArticleStatus::Todo, textB };
    QVERIFY(store->addArticle(a));
    QVERIFY(store->addArticle(b));
    m_articleA = a.id;
    m_articleB = b.id;

    m_putin
        = Entity { 0, a.id, u"Vladimir Putin"_s, u"PERSON"_s, stamped(AnnotationStatus::Accepted, 1), {} };
    m_putin.mentions = { mentionAt(find(textA, u"Vladimir Putin"_s)), mentionAt(find(textA, u"Putin"_s, 1)) };
    QVERIFY(store->insertEntity(m_putin));
    m_astana = Entity { 0, a.id, u"Astana"_s, u"GPE"_s, stamped(AnnotationStatus::Auto, 3), {} };
    m_astana.mentions = { mentionAt(find(textA, u"Astana"_s)), mentionAt(find(textA, u"Astana"_s, 1)) };
    QVERIFY(store->insertEntity(m_astana));

    m_quote.articleId = a.id;
    m_quote.kind = QuoteKind::Direct;
    m_quote.content = { find(textA, u"We will not leave,"_s) };
    m_quote.cue = find(textA, u"told"_s);
    m_quote.source = find(textA, u"Putin"_s, 1);
    m_quote.speakerId = m_putin.id;
    m_quote.provenance = stamped(AnnotationStatus::Manual, 4);
    QVERIFY(store->insertQuote(m_quote));

    m_figure.articleId = a.id;
    m_figure.kind = u"count"_s;
    m_figure.span = find(textA, u"4,000 troops"_s);
    m_figure.number = find(textA, u"4,000"_s);
    m_figure.value = 4000.0;
    m_figure.unit = u"troops"_s;
    m_figure.provenance = stamped(AnnotationStatus::Auto, 5);
    QVERIFY(store->insertFigure(m_figure));
}

void TestCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"commands.byline"_s);
    makeProject();
    if (QTest::currentTestFailed())
        return;
    StoreError error;
    m_document = Document::open(m_path, Store::Mode::ReadWrite, &error);
    QVERIFY2(m_document, qPrintable(error.message));
    m_document->setAnnotator(u"tester"_s);
    QVERIFY(m_document->showArticle(m_articleA));
}

void TestCommands::cleanup()
{
    m_document.reset();
    m_dir.reset();
}

State TestCommands::documentState() const
{
    return { m_document->annotations(), m_document->currentArticle().status };
}

void TestCommands::verifyState(const State &expected)
{
    QCOMPARE(m_document->currentArticle().id, m_articleA);
    const State memory = documentState();
    QCOMPARE(memory.set.entities, expected.set.entities);
    QCOMPARE(memory.set.quotes, expected.set.quotes);
    QCOMPARE(memory.set.figures, expected.set.figures);
    QVERIFY(memory.status == expected.status);

    StoreError error;
    auto disk = Store::open(m_path, Store::Mode::ReadOnly, &error);
    QVERIFY2(disk, qPrintable(error.message));
    const AnnotationSet stored = disk->annotations(m_articleA);
    QCOMPARE(stored.entities, expected.set.entities);
    QCOMPARE(stored.quotes, expected.set.quotes);
    QCOMPARE(stored.figures, expected.set.figures);
    QVERIFY(disk->article(m_articleA)->status == expected.status);
}

void TestCommands::testUndoRedo_data()
{
    QTest::addColumn<QString>("command");
    for (const char *kind :
        { "insert-entity", "insert-mention", "insert-quote", "insert-figure", "remove-entity",
            "remove-mention", "remove-quote", "remove-figure", "change-entity", "change-mention",
            "change-quote", "change-figure", "move-mention", "article-status", "remove-entity-with-speaker" })
        QTest::newRow(kind) << QString::fromLatin1(kind);
}

void TestCommands::testUndoRedo()
{
    QFETCH(QString, command);
    QUndoStack *stack = m_document->undoStack();
    const State before = documentState();
    QCOMPARE(before.set.entities.size(), 2);
    verifyState(before);

    // The command, and what it does to the state once it ran (ids are known then).
    QUndoCommand *undoCommand = nullptr;
    std::function<void(State &)> apply;
    Document *document = m_document.get();
    if (command == u"insert-entity"_s) {
        Entity entity { 0, m_articleA, u"Tuesday"_s, u"EVENT"_s, document->manualProvenance(), {} };
        entity.mentions = { mentionAt(find(textA, u"Tuesday"_s)) };
        auto insert = new InsertCommand<Entity>(document, entity, u"Add entity"_s);
        undoCommand = insert;
        apply = [insert](State &state) { state.set.entities.append(insert->record()); };
    } else if (command == u"insert-mention"_s) {
        Mention mention = mentionAt(find(textA, u"Astana"_s, 1));
        mention.articleId = m_articleA;
        mention.entityId = m_putin.id; // wrong entity, but any entity of the article will do
        auto insert = new InsertCommand<Mention>(document, mention, u"Add mention"_s);
        undoCommand = insert;
        apply = [insert](State &state) { state.set.entities[0].mentions.append(insert->record()); };
    } else if (command == u"insert-quote"_s) {
        Quote quote;
        quote.articleId = m_articleA;
        quote.kind = QuoteKind::Indirect;
        quote.content = { find(textA, u"that 4,000 troops"_s), find(textA, u"would stay in Astana"_s) };
        quote.cue = find(textA, u"said"_s);
        quote.speakerId = m_putin.id;
        quote.provenance = document->manualProvenance();
        auto insert = new InsertCommand<Quote>(document, quote, u"Add quote"_s);
        undoCommand = insert;
        apply = [insert](State &state) { state.set.quotes.append(insert->record()); };
    } else if (command == u"insert-figure"_s) {
        Figure figure;
        figure.articleId = m_articleA;
        figure.kind = u"date"_s;
        figure.span = figure.number = find(textA, u"Tuesday"_s);
        figure.value = u"2026-01-06"_s;
        figure.qualifier = u"last"_s;
        figure.provenance = document->manualProvenance();
        auto insert = new InsertCommand<Figure>(document, figure, u"Add figure"_s);
        undoCommand = insert;
        apply = [insert](State &state) { state.set.figures.append(insert->record()); };
    } else if (command == u"remove-entity"_s) {
        undoCommand = new RemoveCommand<Entity>(document, before.set.entities[1], u"Remove entity"_s);
        apply = [](State &state) { state.set.entities.removeAt(1); };
    } else if (command == u"remove-mention"_s) {
        undoCommand
            = new RemoveCommand<Mention>(document, before.set.entities[0].mentions[0], u"Remove mention"_s);
        apply = [](State &state) { state.set.entities[0].mentions.removeAt(0); };
    } else if (command == u"remove-quote"_s) {
        undoCommand = new RemoveCommand<Quote>(document, before.set.quotes[0], u"Remove quote"_s);
        apply = [](State &state) { state.set.quotes.removeAt(0); };
    } else if (command == u"remove-figure"_s) {
        undoCommand = new RemoveCommand<Figure>(document, before.set.figures[0], u"Remove figure"_s);
        apply = [](State &state) { state.set.figures.removeAt(0); };
    } else if (command == u"change-entity"_s) {
        Entity after = before.set.entities[1];
        after.name = u"Astana city"_s;
        after.type = u"LOC"_s;
        after.provenance.status = AnnotationStatus::Edited;
        after.provenance.previous = QJsonObject { { u"type"_s, u"GPE"_s } };
        after.mentions.clear(); // a change of the entity's own values leaves its mentions alone
        undoCommand = new ChangeCommand<Entity>(document, before.set.entities[1], after, u"Change entity"_s);
        apply = [after](State &state) {
            state.set.entities[1].name = after.name;
            state.set.entities[1].type = after.type;
            state.set.entities[1].provenance = after.provenance;
        };
    } else if (command == u"change-mention"_s) {
        Mention after = before.set.entities[0].mentions[0];
        after.span = find(textA, u"Putin"_s); // "Vladimir Putin" narrowed to "Putin"
        after.provenance.status = AnnotationStatus::Edited;
        undoCommand = new ChangeCommand<Mention>(
            document, before.set.entities[0].mentions[0], after, u"Change mention"_s);
        apply = [after](State &state) { state.set.entities[0].mentions[0] = after; };
    } else if (command == u"move-mention"_s) {
        // The second "Putin" goes to another entity; ids order the mentions of its new owner.
        Mention after = before.set.entities[0].mentions[1];
        after.entityId = m_astana.id;
        undoCommand = new ChangeCommand<Mention>(
            document, before.set.entities[0].mentions[1], after, u"Move mention"_s);
        apply = [after](State &state) {
            state.set.entities[0].mentions.removeAt(1);
            state.set.entities[1].mentions.prepend(after);
        };
    } else if (command == u"change-quote"_s) {
        Quote after = before.set.quotes[0];
        after.kind = QuoteKind::Mixed;
        after.content.append(find(textA, u"reporters"_s));
        after.cue = Span();
        after.source = Span();
        after.speakerId = m_astana.id;
        after.provenance.status = AnnotationStatus::Rejected;
        after.provenance.confidence = 0.3;
        undoCommand = new ChangeCommand<Quote>(document, before.set.quotes[0], after, u"Change quote"_s);
        apply = [after](State &state) { state.set.quotes[0] = after; };
    } else if (command == u"change-figure"_s) {
        Figure after = before.set.figures[0];
        after.value = 3500.0;
        after.valueMax = 4500.0;
        after.unit = u"soldiers"_s;
        after.qualifier = u"up to"_s;
        after.number = find(textA, u"000"_s);
        after.provenance.status = AnnotationStatus::Accepted;
        undoCommand = new ChangeCommand<Figure>(document, before.set.figures[0], after, u"Change figure"_s);
        apply = [after](State &state) { state.set.figures[0] = after; };
    } else if (command == u"article-status"_s) {
        undoCommand
            = new ArticleStatusCommand(document, m_articleA, ArticleStatus::Todo, ArticleStatus::Done);
        apply = [](State &state) { state.status = ArticleStatus::Done; };
    } else if (command == u"remove-entity-with-speaker"_s) {
        undoCommand = makeRemoveEntityCommand(document, before.set.entities[0]).release();
        apply = [](State &state) {
            state.set.entities.removeAt(0);
            state.set.quotes[0].speakerId = 0;
        };
    }
    QVERIFY(undoCommand);

    QSignalSpy errors(document, &Document::errorOccurred);
    stack->push(undoCommand);
    QCOMPARE(stack->count(), 1);
    State after = before;
    apply(after);
    verifyState(after);
    if (QTest::currentTestFailed())
        return;

    stack->undo();
    QCOMPARE(stack->count(), 1);
    QVERIFY(stack->canRedo());
    verifyState(before);
    if (QTest::currentTestFailed())
        return;

    stack->redo();
    verifyState(after);
    if (QTest::currentTestFailed())
        return;

    // And once more, so that a redone insertion is undone with the ids it got the first time.
    stack->undo();
    verifyState(before);
    QCOMPARE(errors.count(), 0);
}

void TestCommands::testRemoveEntityClearsSpeakers()
{
    // A second quote of the same speaker; the speaker of both goes with its entity.
    Quote second = m_quote;
    second.id = 0;
    second.content = { find(textA, u"would stay"_s) };
    second.cue = Span();
    QUndoStack *stack = m_document->undoStack();
    stack->push(new InsertCommand<Quote>(m_document.get(), second, u"Add quote"_s));
    const State before = documentState();
    QCOMPARE(before.set.quotes.size(), 2);
    QCOMPARE(before.set.quotes[1].speakerId, m_putin.id);

    QSignalSpy quoteChanges(m_document.get(), &Document::quoteChanged);
    stack->push(makeRemoveEntityCommand(m_document.get(), before.set.entities[0]).release());
    QCOMPARE(stack->count(), 2);
    QCOMPARE(quoteChanges.count(), 2);
    QVERIFY(!m_document->entity(m_putin.id));
    for (const Quote &quote : m_document->annotations().quotes)
        QCOMPARE(quote.speakerId, 0);

    stack->undo();
    verifyState(before);
    QVERIFY(m_document->entity(m_putin.id));
    QCOMPARE(m_document->entity(m_putin.id)->mentions, m_putin.mentions);
    for (const Quote &quote : m_document->annotations().quotes)
        QCOMPARE(quote.speakerId, m_putin.id);
    QCOMPARE(quoteChanges.count(), 4);
}

void TestCommands::testRemoveEntityIsAllOrNothing()
{
    // The command is made while two quotes have the speaker; one of them is gone when it
    // runs, so its second step fails after the first one cleared a speaker.
    Document *document = m_document.get();
    QUndoStack *stack = document->undoStack();
    Quote second = m_quote;
    second.id = 0;
    second.content = { find(textA, u"would stay"_s) };
    auto insert = new InsertCommand<Quote>(document, second, u"Add quote"_s);
    stack->push(insert);
    std::unique_ptr<QUndoCommand> removal = makeRemoveEntityCommand(document, *document->entity(m_putin.id));
    QCOMPARE(removal->childCount(), 3);
    stack->push(new RemoveCommand<Quote>(document, insert->record(), u"Remove quote"_s));
    QCOMPARE(stack->count(), 2);
    const State before = documentState();

    QSignalSpy errors(document, &Document::errorOccurred);
    stack->push(removal.release());
    QCOMPARE(errors.count(), 1);
    QCOMPARE(stack->count(), 2);
    verifyState(before);
    QCOMPARE(document->annotations().quotes.value(0).speakerId, m_putin.id);
}

void TestCommands::testUndoAcrossArticles()
{
    const State before = documentState();
    QUndoStack *stack = m_document->undoStack();
    Figure figure;
    figure.articleId = m_articleA;
    figure.kind = u"count"_s;
    figure.span = figure.number = find(textA, u"4,000"_s);
    figure.value = 4000.0;
    figure.provenance = stamped(AnnotationStatus::Manual, 9);
    auto insert = new InsertCommand<Figure>(m_document.get(), figure, u"Add figure"_s);
    stack->push(insert);
    State after = before;
    after.set.figures.append(insert->record());
    verifyState(after);

    QVERIFY(m_document->showArticle(m_articleB));
    QCOMPARE(m_document->currentArticle().id, m_articleB);
    QVERIFY(m_document->annotations().figures.isEmpty());
    QCOMPARE(stack->count(), 1);

    QSignalSpy switches(m_document.get(), &Document::currentArticleChanged);
    stack->undo();
    QCOMPARE(switches.count(), 1);
    QCOMPARE(m_document->currentArticle().id, m_articleA);
    verifyState(before);

    QVERIFY(m_document->showArticle(m_articleB));
    stack->redo();
    QCOMPARE(m_document->currentArticle().id, m_articleA);
    verifyState(after);
}

void TestCommands::testArticleStatusUndoShowsArticle()
{
    QUndoStack *stack = m_document->undoStack();
    stack->push(
        new ArticleStatusCommand(m_document.get(), m_articleA, ArticleStatus::Todo, ArticleStatus::Done));
    QVERIFY(m_document->showArticle(m_articleB)); // the next article, as Ctrl+Enter opens it
    stack->undo();
    QCOMPARE(m_document->currentArticle().id, m_articleA);
    QVERIFY(m_document->currentArticle().status == ArticleStatus::Todo);
    QVERIFY(m_document->store().article(m_articleA)->status == ArticleStatus::Todo);
    QVERIFY(m_document->showArticle(m_articleB));
    stack->redo();
    QCOMPARE(m_document->currentArticle().id, m_articleA);
    QVERIFY(m_document->store().article(m_articleA)->status == ArticleStatus::Done);
    QVERIFY(m_document->store().article(m_articleB)->status == ArticleStatus::Todo);
}

// Astana in its own article, in one that has an entity of that name (written otherwise), and in
// one that has none, whose emoji puts UTF-16 and code point offsets apart.
void TestCommands::testTagAcrossArticles()
{
    Document *document = m_document.get();
    Store &store = document->store();
    QVERIFY(store.removeMention(m_astana.mentions[1].id));
    document->reloadAnnotations();
    const QString textC = u"Astana is cold. In Astana, the talks went on."_s;
    const QString textD = u"Flights 🛫 to Astana resumed."_s;
    Article c { 0, u"c"_s, u"Talks"_s, u"Wire"_s, u"2026-01-09"_s, {}, ArticleStatus::Todo, textC };
    Article d { 0, u"d"_s, u"Flights"_s, u"Wire"_s, u"2026-01-10"_s, {}, ArticleStatus::Todo, textD };
    QVERIFY(store.addArticle(c));
    QVERIFY(store.addArticle(d));
    Entity astanaC { 0, c.id, u" ASTANA"_s, u"GPE"_s, stamped(AnnotationStatus::Accepted, 6), {} };
    astanaC.mentions = { mentionAt(find(textC, u"Astana"_s)) };
    Entity otherType { 0, c.id, u"Astana"_s, u"ORG"_s, stamped(AnnotationStatus::Accepted, 6), {} };
    QVERIFY(store.insertEntity(astanaC));
    QVERIFY(store.insertEntity(otherType));
    const State before = documentState();
    const AnnotationSet beforeC = store.annotations(c.id);
    const AnnotationSet beforeD = store.annotations(d.id);
    QVERIFY(beforeD.entities.isEmpty());

    const Span ownSpan = find(textA, u"Astana"_s, 1);
    const QHash<RecordId, QList<Span>> spans { { m_articleA, { ownSpan } },
        { c.id, { find(textC, u"Astana"_s, 1) } }, { d.id, { find(textD, u"Astana"_s) } } };
    auto *command
        = new TagAcrossArticlesCommand(document, *document->entity(m_astana.id), spans, u"Tag Astana"_s);
    QCOMPARE(command->otherArticleCount(), 2);
    QSignalSpy changed(document, &Document::articleChanged);
    QUndoStack *stack = document->undoStack();
    stack->push(command);
    QCOMPARE(stack->count(), 1);

    const auto verifyTagged = [&] {
        QCOMPARE(document->currentArticle().id, m_articleA);
        const Entity *own = document->entity(m_astana.id);
        QVERIFY(own);
        QCOMPARE(own->mentions.size(), 2);
        QCOMPARE(own->mentions[1].span, ownSpan);
        QCOMPARE(store.annotations(m_articleA).entities, document->annotations().entities);
        // Joined the entity of the same name and type, not the one of another type.
        const AnnotationSet taggedC = store.annotations(c.id);
        QCOMPARE(taggedC.entities.size(), 2);
        QCOMPARE(taggedC.entities[0].id, astanaC.id);
        QCOMPARE(taggedC.entities[0].mentions.size(), 2);
        QCOMPARE(textOf(textC, taggedC.entities[0].mentions[1].span), u"Astana"_s);
        QCOMPARE(taggedC.entities[0].mentions[1].span, find(textC, u"Astana"_s, 1));
        QCOMPARE(taggedC.entities[1], beforeC.entities[1]);
        // A new entity of the tagged one's name and type, manual.
        const AnnotationSet taggedD = store.annotations(d.id);
        QCOMPARE(taggedD.entities.size(), 1);
        QCOMPARE(taggedD.entities[0].name, u"Astana"_s);
        QCOMPARE(taggedD.entities[0].type, u"GPE"_s);
        QVERIFY(taggedD.entities[0].provenance.status == AnnotationStatus::Manual);
        QCOMPARE(taggedD.entities[0].mentions.size(), 1);
        QCOMPARE(textOf(textD, taggedD.entities[0].mentions[0].span), u"Astana"_s);
    };
    const auto verifyUntagged = [&] {
        QCOMPARE(document->currentArticle().id, m_articleA);
        verifyState(before);
        QCOMPARE(store.annotations(c.id).entities, beforeC.entities);
        QCOMPARE(store.annotations(d.id).entities, beforeD.entities);
    };
    verifyTagged();
    QSet<RecordId> announced;
    for (const QList<QVariant> &arguments : std::as_const(changed))
        announced.insert(arguments.first().value<RecordId>());
    QVERIFY(announced.contains(c.id));
    QVERIFY(announced.contains(d.id));
    const AnnotationSet firstD = store.annotations(d.id);

    // Undone and redone from other articles, one of them an article the step wrote to.
    QVERIFY(document->showArticle(m_articleB));
    stack->undo();
    verifyUntagged();
    QVERIFY(document->showArticle(c.id));
    stack->redo();
    verifyTagged();
    QCOMPARE(store.annotations(d.id).entities.first().id, firstD.entities.first().id);
    QCOMPARE(store.annotations(d.id).entities.first().mentions, firstD.entities.first().mentions);
    QVERIFY(document->showArticle(d.id));
    stack->undo();
    verifyUntagged();
}

void TestCommands::testFailingWriteIsDropped_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("entity-mention-past-text") << u"insert-entity"_s;
    QTest::newRow("mention-past-text") << u"insert-mention"_s;
    QTest::newRow("quote-without-content") << u"insert-quote"_s;
    QTest::newRow("figure-past-text") << u"insert-figure"_s;
    QTest::newRow("change-mention-past-text") << u"change-mention"_s;
    QTest::newRow("change-figure-past-text") << u"change-figure"_s;
    QTest::newRow("remove-missing-quote") << u"remove-quote"_s;
    QTest::newRow("quote-speaker-not-stored") << u"quote-missing-speaker"_s;
    QTest::newRow("entity-of-missing-article") << u"entity-missing-article"_s;
    QTest::newRow("mention-without-article") << u"mention-without-article"_s;
}

void TestCommands::testFailingWriteIsDropped()
{
    QFETCH(QString, command);
    Document *document = m_document.get();
    QUndoStack *stack = document->undoStack();
    stack->push(
        new ArticleStatusCommand(document, m_articleA, ArticleStatus::Todo, ArticleStatus::InProgress));
    QCOMPARE(stack->count(), 1);
    const State before = documentState();
    const Span outside { textA.size() - 2, textA.size() + 5 };

    QUndoCommand *undoCommand = nullptr;
    if (command == u"insert-entity"_s) {
        Entity entity { 0, m_articleA, u"Nowhere"_s, u"LOC"_s, document->manualProvenance(), {} };
        entity.mentions = { mentionAt(find(textA, u"Tuesday"_s)), mentionAt(outside) };
        undoCommand = new InsertCommand<Entity>(document, entity, u"Add entity"_s);
    } else if (command == u"insert-mention"_s) {
        Mention mention = mentionAt(outside);
        mention.articleId = m_articleA;
        mention.entityId = m_putin.id;
        undoCommand = new InsertCommand<Mention>(document, mention, u"Add mention"_s);
    } else if (command == u"insert-quote"_s) {
        Quote quote;
        quote.articleId = m_articleA;
        undoCommand = new InsertCommand<Quote>(document, quote, u"Add quote"_s);
    } else if (command == u"insert-figure"_s) {
        Figure figure = m_figure;
        figure.id = 0;
        figure.span = outside;
        undoCommand = new InsertCommand<Figure>(document, figure, u"Add figure"_s);
    } else if (command == u"change-mention"_s) {
        Mention after = before.set.entities[0].mentions[0];
        after.span = outside;
        undoCommand = new ChangeCommand<Mention>(
            document, before.set.entities[0].mentions[0], after, u"Change mention"_s);
    } else if (command == u"change-figure"_s) {
        Figure after = before.set.figures[0];
        after.number = outside;
        undoCommand = new ChangeCommand<Figure>(document, before.set.figures[0], after, u"Change figure"_s);
    } else if (command == u"remove-quote"_s) {
        Quote missing = m_quote;
        missing.id = 9999;
        undoCommand = new RemoveCommand<Quote>(document, missing, u"Remove quote"_s);
    } else if (command == u"quote-missing-speaker"_s) {
        Quote quote = m_quote;
        quote.id = 0;
        quote.speakerId = 9999;
        undoCommand = new InsertCommand<Quote>(document, quote, u"Add quote"_s);
    } else if (command == u"mention-without-article"_s) {
        Mention mention = mentionAt(find(textA, u"Tuesday"_s));
        mention.entityId = m_putin.id; // articleId left at 0
        undoCommand = new InsertCommand<Mention>(document, mention, u"Add mention"_s);
    } else if (command == u"entity-missing-article"_s) {
        Entity entity { 0, 9999, u"Nowhere"_s, u"LOC"_s, document->manualProvenance(), {} };
        undoCommand = new InsertCommand<Entity>(document, entity, u"Add entity"_s);
    }
    QVERIFY(undoCommand);

    QSignalSpy errors(document, &Document::errorOccurred);
    stack->push(undoCommand);
    QCOMPARE(errors.count(), 1);
    QVERIFY(!errors.first().first().toString().isEmpty());
    QCOMPARE(document->errorString(), errors.first().first().toString());
    // The failed step is not on the stack: undo goes back to the step before it.
    QCOMPARE(stack->count(), 1);
    QCOMPARE(stack->index(), 1);
    verifyState(before);
    stack->undo();
    QVERIFY(documentState().status == ArticleStatus::Todo);
}

void TestCommands::testReadOnlyDocument_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("insert-entity") << u"insert-entity"_s;
    QTest::newRow("change-quote") << u"change-quote"_s;
    QTest::newRow("remove-figure") << u"remove-figure"_s;
    QTest::newRow("article-status") << u"article-status"_s;
    QTest::newRow("remove-entity-with-speaker") << u"remove-entity-with-speaker"_s;
}

void TestCommands::testReadOnlyDocument()
{
    QFETCH(QString, command);
    m_document.reset();
    StoreError error;
    m_document = Document::open(m_path, Store::Mode::ReadOnly, &error);
    QVERIFY2(m_document, qPrintable(error.message));
    Document *document = m_document.get();
    QVERIFY(document->isReadOnly());
    QVERIFY(document->showArticle(m_articleA));
    const State before = documentState();

    QUndoCommand *undoCommand = nullptr;
    if (command == u"insert-entity"_s) {
        Entity entity { 0, m_articleA, u"Tuesday"_s, u"EVENT"_s, document->manualProvenance(), {} };
        entity.mentions = { mentionAt(find(textA, u"Tuesday"_s)) };
        undoCommand = new InsertCommand<Entity>(document, entity, u"Add entity"_s);
    } else if (command == u"change-quote"_s) {
        Quote after = before.set.quotes[0];
        after.kind = QuoteKind::Indirect;
        undoCommand = new ChangeCommand<Quote>(document, before.set.quotes[0], after, u"Change quote"_s);
    } else if (command == u"remove-figure"_s) {
        undoCommand = new RemoveCommand<Figure>(document, before.set.figures[0], u"Remove figure"_s);
    } else if (command == u"article-status"_s) {
        undoCommand
            = new ArticleStatusCommand(document, m_articleA, ArticleStatus::Todo, ArticleStatus::Done);
    } else if (command == u"remove-entity-with-speaker"_s) {
        undoCommand = makeRemoveEntityCommand(document, before.set.entities[0]).release();
    }
    QVERIFY(undoCommand);

    QSignalSpy errors(document, &Document::errorOccurred);
    document->undoStack()->push(undoCommand);
    QVERIFY(errors.count() >= 1);
    QCOMPARE(document->undoStack()->count(), 0);
    QVERIFY(!document->undoStack()->canUndo());
    verifyState(before);
}

QTEST_MAIN(TestCommands)
#include "tst_commands.moc"

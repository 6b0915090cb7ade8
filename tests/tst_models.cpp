// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlelistmodel.h"
#include "commands.h"
#include "document.h"
#include "entitymodel.h"
#include "figuremodel.h"
#include "modelroles.h"
#include "quotemodel.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString textA = u"Vladimir Putin said on Tuesday that 4,000 troops would stay in Astana. "
                      "“We will not leave,” Putin told reporters in Astana, 3.5 to 4 km away."_s;
const QString textB = u"😀 Kassym-Jomart Tokayev thanked the allies."_s;

Span find(const QString &text, const QString &part, int occurrence = 0)
{
    qsizetype start = -1;
    for (int i = 0; i <= occurrence; ++i)
        start = text.indexOf(part, start + 1);
    Q_ASSERT(start >= 0);
    return { start, start + part.size() };
}

Mention mentionAt(const Span &span, AnnotationStatus status = AnnotationStatus::Manual)
{
    Mention mention;
    mention.span = span;
    mention.provenance.status = status;
    return mention;
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testAnnotationModelsFollowTheDocument();
    void testEntityModelData();
    void testQuoteAndFigureModelData();
    void testArticleListPaging();
    void testArticleListUnderTester();
    void testArticlesAdded();
    void testArticleChangedRefreshesCounts();
    void testArticleListCatchesUpAfterBeingOffline();
    void testSortedArticleListStartsOverAfterBeingOffline();

private:
    void addArticles(int count);
    QModelIndex entityIndex(const EntityModel &model, RecordId id, int column = 0) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Document> m_document;
    RecordId m_articleA = 0;
    RecordId m_articleB = 0;
};

void TestModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    StoreError error;
    m_document = Document::open(m_dir->filePath(u"models.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_document, qPrintable(error.message));
    Article a { 0, u"a"_s, u"Putin in Astana"_s, u"Wire"_s, u"2026-01-07"_s, {}, ArticleStatus::Todo, textA };
    Article b { 0, u"b"_s, QString(), u"Wire"_s, QString(), {}, ArticleStatus::Done, textB };
    QVERIFY(m_document->store().addArticle(a));
    QVERIFY(m_document->store().addArticle(b));
    m_articleA = a.id;
    m_articleB = b.id;
}

void TestModels::cleanup()
{
    m_document.reset();
    m_dir.reset();
}

void TestModels::addArticles(int count)
{
    // Setting up hundreds of articles need not wait for the disk.
    QSqlQuery(m_document->store().database()).exec(u"PRAGMA synchronous = OFF"_s);
    for (int i = 0; i < count; ++i) {
        Article article { 0, u"bulk"_s, u"Bulk %1"_s.arg(i), QString(), QString(), {}, ArticleStatus::Todo,
            u"Text %1"_s.arg(i) };
        QVERIFY(m_document->store().addArticle(article));
    }
}

QModelIndex TestModels::entityIndex(const EntityModel &model, RecordId id, int column) const
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, column);
        if (index.data(IdRole).toLongLong() == id)
            return index;
    }
    return {};
}

void TestModels::testAnnotationModelsFollowTheDocument()
{
    Document *document = m_document.get();
    ArticleListModel articles(document);
    EntityModel entities(document);
    QuoteModel quotes(document);
    FigureModel figures(document);
    QAbstractItemModelTester articlesTester(&articles, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester entitiesTester(&entities, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester quotesTester(&quotes, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester figuresTester(&figures, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(entities.rowCount(), 0);

    QSignalSpy entityResets(&entities, &QAbstractItemModel::modelReset);
    QVERIFY(document->showArticle(m_articleA));
    QCOMPARE(entityResets.count(), 1);
    QUndoStack *stack = document->undoStack();

    // Entities with mentions.
    Entity putin { 0, m_articleA, u"Vladimir Putin"_s, u"PERSON"_s, document->manualProvenance(), {} };
    putin.mentions = { mentionAt(find(textA, u"Vladimir Putin"_s)) };
    auto insertPutin = new InsertCommand<Entity>(document, putin, u"Add"_s);
    stack->push(insertPutin);
    putin = insertPutin->record();
    Entity astana { 0, m_articleA, u"Astana"_s, u"GPE"_s, document->manualProvenance(), {} };
    astana.mentions = { mentionAt(find(textA, u"Astana"_s)), mentionAt(find(textA, u"Astana"_s, 1)) };
    auto insertAstana = new InsertCommand<Entity>(document, astana, u"Add"_s);
    stack->push(insertAstana);
    astana = insertAstana->record();
    QCOMPARE(entities.rowCount(), 2);
    QCOMPARE(entities.rowCount(entities.index(0, 0)), 1);
    QCOMPARE(entities.rowCount(entities.index(1, 0)), 2);

    // A persistent index on a mention follows its entity when a row above it goes.
    const QPersistentModelIndex astanaSecond = entities.index(1, 0, entities.index(1, 0));
    QCOMPARE(astanaSecond.data(SpanRole).value<Span>(), find(textA, u"Astana"_s, 1));

    Mention second = mentionAt(find(textA, u"Putin"_s, 1));
    second.articleId = m_articleA;
    second.entityId = putin.id;
    QSignalSpy entityData(&entities, &QAbstractItemModel::dataChanged);
    stack->push(new InsertCommand<Mention>(document, second, u"Add"_s));
    QCOMPARE(entities.rowCount(entities.index(0, 0)), 2);
    QCOMPARE(entities.index(0, EntityModel::Mentions).data().toInt(), 2);
    QVERIFY(entityData.count() >= 1);

    Mention narrowed = document->annotations().entities[0].mentions[0];
    narrowed.span = find(textA, u"Putin"_s);
    stack->push(new ChangeCommand<Mention>(
        document, document->annotations().entities[0].mentions[0], narrowed, u"Change"_s));
    QCOMPARE(entities.index(0, EntityModel::Name, entities.index(0, 0)).data().toString(), u"Putin"_s);

    Entity renamed = *document->entity(putin.id);
    renamed.name = u"Putin"_s;
    stack->push(new ChangeCommand<Entity>(document, *document->entity(putin.id), renamed, u"Rename"_s));
    QCOMPARE(entities.index(0, EntityModel::Name).data().toString(), u"Putin"_s);

    // A mention given to another entity moves between parents, and back on undo.
    Mention given = document->annotations().entities[1].mentions[0];
    given.entityId = putin.id;
    stack->push(new ChangeCommand<Mention>(
        document, document->annotations().entities[1].mentions[0], given, u"Move"_s));
    QCOMPARE(entities.rowCount(entities.index(0, 0)), 3);
    QCOMPARE(entities.rowCount(entities.index(1, 0)), 1);
    QCOMPARE(entities.index(0, EntityModel::Mentions).data().toInt(), 3);
    stack->undo();
    QCOMPARE(entities.rowCount(entities.index(0, 0)), 2);
    QCOMPARE(entities.rowCount(entities.index(1, 0)), 2);
    QCOMPARE(astanaSecond.data(SpanRole).value<Span>(), find(textA, u"Astana"_s, 1));
    stack->redo();
    stack->undo();

    // Quotes and figures.
    Quote quote;
    quote.articleId = m_articleA;
    quote.content = { find(textA, u"We will not leave,"_s) };
    quote.cue = find(textA, u"told"_s);
    quote.source = find(textA, u"Putin"_s, 1);
    quote.speakerId = putin.id;
    auto insertQuote = new InsertCommand<Quote>(document, quote, u"Add"_s);
    stack->push(insertQuote);
    Quote indirect;
    indirect.articleId = m_articleA;
    indirect.kind = QuoteKind::Indirect;
    indirect.content = { find(textA, u"4,000 troops would stay in Astana"_s) };
    indirect.cue = find(textA, u"said"_s);
    stack->push(new InsertCommand<Quote>(document, indirect, u"Add"_s));
    QCOMPARE(quotes.rowCount(), 2);
    QCOMPARE(quotes.index(0, QuoteModel::Speaker).data().toString(), u"Putin"_s);

    Figure troops;
    troops.articleId = m_articleA;
    troops.kind = u"count"_s;
    troops.span = find(textA, u"4,000 troops"_s);
    troops.number = find(textA, u"4,000"_s);
    troops.value = 4000.0;
    troops.unit = u"troops"_s;
    auto insertTroops = new InsertCommand<Figure>(document, troops, u"Add"_s);
    stack->push(insertTroops);
    Figure distance;
    distance.articleId = m_articleA;
    distance.kind = u"measure"_s;
    distance.span = find(textA, u"3.5 to 4 km"_s);
    distance.number = find(textA, u"3.5 to 4"_s);
    distance.value = 3.5;
    distance.valueMax = 4.0;
    distance.unit = u"km"_s;
    stack->push(new InsertCommand<Figure>(document, distance, u"Add"_s));
    QCOMPARE(figures.rowCount(), 2);
    Figure more = insertTroops->record();
    more.value = 5000.0;
    QSignalSpy figureData(&figures, &QAbstractItemModel::dataChanged);
    stack->push(new ChangeCommand<Figure>(document, insertTroops->record(), more, u"Change"_s));
    QCOMPARE(figureData.count(), 1);
    QCOMPARE(figureData.first().at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(figures.index(0, FigureModel::Value).data(SortRole).toDouble(), 5000.0);

    // Removing the speaker: its quote shows the source text instead, through dataChanged.
    QSignalSpy quoteData(&quotes, &QAbstractItemModel::dataChanged);
    stack->push(makeRemoveEntityCommand(document, *document->entity(putin.id)).release());
    QCOMPARE(entities.rowCount(), 1);
    QVERIFY(astanaSecond.isValid());
    QCOMPARE(astanaSecond.row(), 1);
    QCOMPARE(astanaSecond.parent().row(), 0);
    QCOMPARE(astanaSecond.data(IdRole).toLongLong(), astana.mentions[1].id);
    QVERIFY(quoteData.count() >= 1);
    QCOMPARE(quotes.index(0, QuoteModel::Speaker).data().toString(), textOf(textA, quote.source));
    stack->undo();
    QCOMPARE(entities.rowCount(), 2);
    QCOMPARE(quotes.index(0, QuoteModel::Speaker).data().toString(), u"Putin"_s);
    QCOMPARE(astanaSecond.parent().row(), 1);

    // Plain removals of each kind, then switching articles and back.
    stack->push(new RemoveCommand<Quote>(document, document->annotations().quotes[1], u"Remove"_s));
    stack->push(new RemoveCommand<Figure>(document, document->annotations().figures[1], u"Remove"_s));
    stack->push(
        new RemoveCommand<Mention>(document, document->annotations().entities[1].mentions[0], u"Remove"_s));
    stack->push(new RemoveCommand<Entity>(document, document->annotations().entities[0], u"Remove"_s));
    QCOMPARE(entities.rowCount(), 1);
    QCOMPARE(entities.rowCount(entities.index(0, 0)), 1);
    QCOMPARE(quotes.rowCount(), 1);
    QCOMPARE(figures.rowCount(), 1);

    QSignalSpy quoteResets(&quotes, &QAbstractItemModel::modelReset);
    QVERIFY(document->showArticle(m_articleB));
    QCOMPARE(quoteResets.count(), 1);
    QCOMPARE(entities.rowCount(), 0);
    QCOMPARE(quotes.rowCount(), 0);
    QCOMPARE(figures.rowCount(), 0);

    // Undo everything: each step shows article A again where needed.
    while (stack->canUndo())
        stack->undo();
    QCOMPARE(document->currentArticle().id, m_articleA);
    QCOMPARE(entities.rowCount(), 0);
    QCOMPARE(quotes.rowCount(), 0);
    QCOMPARE(figures.rowCount(), 0);
    while (stack->canRedo())
        stack->redo();
    QCOMPARE(entities.rowCount(), 1);
    QCOMPARE(quotes.rowCount(), 1);
    QCOMPARE(figures.rowCount(), 1);
    QCOMPARE(articles.index(articles.rowOf(m_articleA), ArticleListModel::Figures).data().toInt(), 1);
}

void TestModels::testEntityModelData()
{
    Document *document = m_document.get();
    EntityModel model(document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(document->showArticle(m_articleA));
    Entity putin { 0, m_articleA, u"Vladimir Putin"_s, u"PERSON"_s, {}, {} };
    putin.provenance.status = AnnotationStatus::Accepted;
    putin.mentions = { mentionAt(find(textA, u"Putin"_s, 1), AnnotationStatus::Rejected),
        mentionAt(find(textA, u"Vladimir Putin"_s), AnnotationStatus::Auto) };
    QVERIFY(document->insert(putin));
    Entity unknownType { 0, m_articleA, u"Tuesday"_s, u"NOT-A-TYPE"_s, {}, {} };
    QVERIFY(document->insert(unknownType));

    const QModelIndex name = model.index(0, EntityModel::Name);
    QCOMPARE(name.data().toString(), u"Vladimir Putin"_s);
    QCOMPARE(name.data(IdRole).toLongLong(), putin.id);
    QCOMPARE(name.data(Qt::DecorationRole).value<QColor>(), document->entityType(u"PERSON"_s)->colour);
    QVERIFY(!model.index(1, EntityModel::Name).data(Qt::DecorationRole).isValid());
    QVERIFY(!model.index(1, EntityModel::Name).data(SpanRole).isValid()); // no mentions
    QCOMPARE(model.index(0, EntityModel::Type).data().toString(), u"PERSON"_s);
    // The rejected mention is not counted.
    QCOMPARE(model.index(0, EntityModel::Mentions).data().toInt(), 1);
    QCOMPARE(model.index(0, EntityModel::Status).data().toString(), u"accepted"_s);
    QCOMPARE(model.index(0, EntityModel::Status).data(SortRole).toInt(), int(AnnotationStatus::Accepted));
    QCOMPARE(name.data(StatusRole).toInt(), int(AnnotationStatus::Accepted));
    // The entity's span is its first mention (in id order).
    QCOMPARE(name.data(SpanRole).value<Span>(), find(textA, u"Putin"_s, 1));

    QVERIFY(!model.isMention(name));
    const QModelIndex mention = model.index(1, EntityModel::Name, name);
    QVERIFY(model.isMention(mention));
    QCOMPARE(mention.parent(), name);
    QCOMPARE(mention.data().toString(), u"Vladimir Putin"_s);
    QCOMPARE(mention.data(IdRole).toLongLong(), putin.mentions[1].id);
    QCOMPARE(mention.data(SpanRole).value<Span>(), find(textA, u"Vladimir Putin"_s));
    QCOMPARE(model.index(1, EntityModel::Mentions, name).data(SortRole).toLongLong(), 0);
    QCOMPARE(model.index(0, EntityModel::Mentions, name).data(SortRole).toLongLong(),
        find(textA, u"Putin"_s, 1).start);
    QCOMPARE(model.index(0, EntityModel::Status, name).data().toString(), u"rejected"_s);
    QCOMPARE(model.index(1, EntityModel::Status, name).data(SortRole).toInt(), int(AnnotationStatus::Auto));
    QCOMPARE(model.rowCount(mention), 0);
    QCOMPARE(model.headerData(EntityModel::Type, Qt::Horizontal).toString(), u"Type"_s);

    // Rejecting the other mention counts it out at once, on the entity's row.
    {
        QSignalSpy counted(&model, &QAbstractItemModel::dataChanged);
        Mention rejected = putin.mentions[1];
        rejected.provenance.status = AnnotationStatus::Rejected;
        QVERIFY(document->update(rejected));
        QCOMPARE(model.index(0, EntityModel::Mentions).data().toInt(), 0);
        QVERIFY(std::any_of(counted.cbegin(), counted.cend(), [](const QList<QVariant> &arguments) {
            const QModelIndex bottomRight = arguments.at(1).value<QModelIndex>();
            return !bottomRight.parent().isValid() && bottomRight.column() >= EntityModel::Mentions;
        }));
        QVERIFY(document->update(putin.mentions[1]));
        QCOMPARE(model.index(0, EntityModel::Mentions).data().toInt(), 1);
    }

    // The entity's span follows its first mention, and views hear of it on the entity's row.
    const auto entityRowChanged = [&name](const QSignalSpy &spy) {
        for (const QList<QVariant> &arguments : spy) {
            const QModelIndex topLeft = arguments.at(0).value<QModelIndex>();
            if (topLeft.row() == name.row() && !topLeft.parent().isValid() && topLeft.column() == 0)
                return true;
        }
        return false;
    };
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Mention moved = putin.mentions[0];
    moved.span = find(textA, u"Putin"_s);
    QVERIFY(document->update(moved));
    QVERIFY(entityRowChanged(changed));
    QCOMPARE(name.data(SpanRole).value<Span>(), find(textA, u"Putin"_s));
    changed.clear();
    QVERIFY(document->remove(moved));
    QVERIFY(entityRowChanged(changed));
    QCOMPARE(name.data(SpanRole).value<Span>(), find(textA, u"Vladimir Putin"_s));
    changed.clear();
    QVERIFY(document->insert(moved)); // back with its old id, first again
    QVERIFY(entityRowChanged(changed));
    QCOMPARE(name.data(SpanRole).value<Span>(), find(textA, u"Putin"_s));

    // Non-BMP text: spans stay UTF-16 and the display text is the covered characters.
    QVERIFY(document->showArticle(m_articleB));
    Entity tokayev { 0, m_articleB, u"Tokayev"_s, u"PERSON"_s, {}, {} };
    tokayev.mentions = { mentionAt(find(textB, u"Kassym-Jomart Tokayev"_s)) };
    QVERIFY(document->insert(tokayev));
    const QModelIndex tokayevMention = model.index(0, EntityModel::Name, model.index(0, 0));
    QCOMPARE(tokayevMention.data().toString(), u"Kassym-Jomart Tokayev"_s);
    QCOMPARE(tokayevMention.data(SpanRole).value<Span>(), Span({ 3, 24 }));
}

void TestModels::testQuoteAndFigureModelData()
{
    Document *document = m_document.get();
    QuoteModel quotes(document);
    FigureModel figures(document);
    QAbstractItemModelTester quotesTester(&quotes, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester figuresTester(&figures, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(document->showArticle(m_articleA));
    Entity putin { 0, m_articleA, u"Vladimir Putin"_s, u"PERSON"_s, {}, {} };
    QVERIFY(document->insert(putin));

    Quote quote;
    quote.articleId = m_articleA;
    quote.kind = QuoteKind::Mixed;
    quote.content = { find(textA, u"4,000 troops"_s), find(textA, u"would stay"_s) };
    quote.cue = find(textA, u"said"_s);
    quote.speakerId = putin.id;
    quote.provenance.status = AnnotationStatus::Edited;
    QVERIFY(document->insert(quote));
    QCOMPARE(quotes.rowCount(), 1);
    QCOMPARE(quotes.index(0, QuoteModel::Speaker).data().toString(), u"Vladimir Putin"_s);
    QCOMPARE(quotes.index(0, QuoteModel::Cue).data().toString(), u"said"_s);
    QCOMPARE(quotes.index(0, QuoteModel::Kind).data().toString(), u"mixed"_s);
    QCOMPARE(quotes.index(0, QuoteModel::Kind).data(SortRole).toInt(), int(QuoteKind::Mixed));
    QCOMPARE(quotes.index(0, QuoteModel::Status).data(SortRole).toInt(), int(AnnotationStatus::Edited));
    QCOMPARE(quotes.index(0, QuoteModel::Content).data().toString(), u"4,000 troops … would stay"_s);
    QCOMPARE(quotes.index(0, QuoteModel::Content).data(SortRole).toLongLong(), quote.content[0].start);
    QCOMPARE(quotes.index(0, 0).data(IdRole).toLongLong(), quote.id);
    QCOMPARE(quotes.index(0, 0).data(SpanRole).value<Span>(),
        Span({ quote.content[0].start, quote.content[1].end }));

    // Renaming the speaker refreshes the Speaker column.
    QSignalSpy quoteData(&quotes, &QAbstractItemModel::dataChanged);
    Entity renamed = *document->entity(putin.id);
    renamed.name = u"Putin"_s;
    QVERIFY(document->update(renamed));
    QCOMPARE(quoteData.count(), 1);
    QCOMPARE(quoteData.first().at(0).value<QModelIndex>().column(), int(QuoteModel::Speaker));
    QCOMPARE(quotes.index(0, QuoteModel::Speaker).data().toString(), u"Putin"_s);

    Figure range;
    range.articleId = m_articleA;
    range.kind = u"measure"_s;
    range.span = find(textA, u"3.5 to 4 km"_s);
    range.number = find(textA, u"3.5 to 4"_s);
    range.value = 3.5;
    range.valueMax = 4.0;
    range.unit = u"km"_s;
    range.qualifier = u"about"_s;
    QVERIFY(document->insert(range));
    Figure date;
    date.articleId = m_articleA;
    date.kind = u"date"_s;
    date.span = date.number = find(textA, u"Tuesday"_s);
    date.value = u"2026-01-06"_s;
    QVERIFY(document->insert(date));

    QCOMPARE(figures.rowCount(), 2);
    QCOMPARE(figures.index(0, FigureModel::Value).data().toString(),
        QLocale().toString(3.5) + u"–"_s + QLocale().toString(4.0));
    QCOMPARE(figures.index(0, FigureModel::Value).data(SortRole), QVariant(3.5));
    QCOMPARE(figures.index(0, FigureModel::Unit).data().toString(), u"km"_s);
    QCOMPARE(figures.index(0, FigureModel::Qualifier).data().toString(), u"about"_s);
    QCOMPARE(figures.index(0, FigureModel::Kind).data().toString(), u"measure"_s);
    QCOMPARE(figures.index(0, FigureModel::Text).data().toString(), u"3.5 to 4 km"_s);
    QCOMPARE(figures.index(0, FigureModel::Text).data(SortRole).toLongLong(), range.span.start);
    QCOMPARE(figures.index(0, 0).data(SpanRole).value<Span>(), range.span);
    QCOMPARE(figures.index(0, 0).data(IdRole).toLongLong(), range.id);
    QCOMPARE(figures.index(1, FigureModel::Value).data().toString(), u"2026-01-06"_s);
    QCOMPARE(figures.index(1, FigureModel::Value).data(SortRole).toString(), u"2026-01-06"_s);
}

void TestModels::testArticleListPaging()
{
    constexpr int extra = 2 * ArticleListModel::pageSize + 50;
    addArticles(extra);
    const int total = extra + 2;
    ArticleListModel model(m_document.get());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.canFetchMore(QModelIndex()));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), ArticleListModel::pageSize);
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 2 * ArticleListModel::pageSize);
    QVERIFY(model.canFetchMore(QModelIndex()));
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), total);
    QVERIFY(!model.canFetchMore(QModelIndex()));
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), total);
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(inserted.at(2).at(1).toInt(), 2 * ArticleListModel::pageSize);
    QCOMPARE(inserted.at(2).at(2).toInt(), total - 1);
    QVERIFY(!model.canFetchMore(model.index(0, 0)));

    // Rows are in id order; key made unique by the store.
    QCOMPARE(model.articleId(0), m_articleA);
    QCOMPARE(model.index(3, ArticleListModel::Key).data().toString(), u"bulk-2"_s);
    QCOMPARE(model.index(total - 1, ArticleListModel::Title).data().toString(), u"Bulk %1"_s.arg(extra - 1));

    // rowOf() fetches the pages up to the article it looks for, and no further.
    ArticleListModel lazy(m_document.get());
    const RecordId wanted = model.articleId(ArticleListModel::pageSize + 10);
    QCOMPARE(lazy.rowOf(wanted), ArticleListModel::pageSize + 10);
    QCOMPARE(lazy.rowCount(), 2 * ArticleListModel::pageSize);
    QCOMPARE(lazy.rowOf(m_articleB), 1);
    QCOMPARE(lazy.rowOf(987654), -1);
    QCOMPARE(lazy.rowCount(), total);
}

void TestModels::testArticleListUnderTester()
{
    addArticles(ArticleListModel::pageSize + 5);
    ArticleListModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // The tester fetches whenever rows change, so it may have loaded every page already.
    while (model.canFetchMore(QModelIndex()))
        model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), ArticleListModel::pageSize + 7);

    const QModelIndex title = model.index(1, ArticleListModel::Title);
    QCOMPARE(title.data().toString(), u"b"_s); // no title: the key stands in
    QCOMPARE(title.data(IdRole).toLongLong(), m_articleB);
    QCOMPARE(model.index(0, ArticleListModel::Title).data().toString(), u"Putin in Astana"_s);
    QCOMPARE(model.index(1, ArticleListModel::Status).data().toString(), u"done"_s);
    QCOMPARE(model.index(1, ArticleListModel::Status).data(SortRole).toInt(), int(ArticleStatus::Done));
    QCOMPARE(model.index(1, ArticleListModel::Status).data(StatusRole).toInt(), int(ArticleStatus::Done));
    QCOMPARE(model.index(0, ArticleListModel::Published).data().toString(), u"2026-01-07"_s);
    QCOMPARE(model.index(0, ArticleListModel::Source).data().toString(), u"Wire"_s);
    QCOMPARE(model.index(0, ArticleListModel::Entities).data(SortRole).toInt(), 0);
    QCOMPARE(model.headerData(ArticleListModel::Key, Qt::Horizontal).toString(), u"Id"_s);

    QVERIFY(m_document->showArticle(m_articleA));
    m_document->undoStack()->push(new ArticleStatusCommand(
        m_document.get(), m_articleA, ArticleStatus::Todo, ArticleStatus::InProgress));
    QCOMPARE(model.index(0, ArticleListModel::Status).data(SortRole).toInt(), int(ArticleStatus::InProgress));
    m_document->undoStack()->undo();
    QCOMPARE(model.index(0, ArticleListModel::Status).data(SortRole).toInt(), int(ArticleStatus::Todo));

    addArticles(3);
    m_document->notifyArticlesAdded();
    QVERIFY(model.canFetchMore(QModelIndex()));
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), ArticleListModel::pageSize + 10);
}

void TestModels::testArticlesAdded()
{
    ArticleListModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 2);

    // An import adds articles: a list shown in full grows by itself.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    addArticles(3);
    QCOMPARE(model.rowCount(), 2);
    m_document->notifyArticlesAdded();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(4, ArticleListModel::Title).data().toString(), u"Bulk 2"_s);
    QVERIFY(!model.canFetchMore(QModelIndex()));

    // A list that has not been fetched yet waits for the view to ask.
    ArticleListModel unfetched(m_document.get());
    addArticles(1);
    m_document->notifyArticlesAdded();
    QVERIFY(unfetched.canFetchMore(QModelIndex()));
    unfetched.fetchMore(QModelIndex());
    QCOMPARE(unfetched.rowCount(), 6);
}

// What another client changed while this one was offline was never announced: back online, the
// document says anything may have changed, and every loaded row is read again where it stands.
void TestModels::testArticleListCatchesUpAfterBeingOffline()
{
    ArticleListModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 2);
    // Written below the document, which tells the model nothing: as the changes of a client that
    // this one, offline, did not hear.
    Store &store = m_document->store();
    QVERIFY(store.setArticleStatus(m_articleA, ArticleStatus::InProgress));
    QSqlQuery removal(store.database());
    QVERIFY(removal.exec(u"DELETE FROM articles WHERE id = %1"_s.arg(m_articleB)));
    Article c { .key = u"c"_s, .text = u"😀 Added elsewhere."_s };
    QVERIFY(store.addArticle(c));
    QCOMPARE(model.index(0, ArticleListModel::Status).data().toString(), toString(ArticleStatus::Todo));

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Q_EMIT m_document->changedElsewhereWhileOffline();
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.articleId(0), m_articleA);
    QCOMPARE(model.index(0, ArticleListModel::Status).data().toString(), toString(ArticleStatus::InProgress));
    QCOMPARE(model.index(1, ArticleListModel::Key).data().toString(), u"c"_s);
    QCOMPARE(model.rowOf(m_articleB), -1);
}

// Sorted by anything but id, an article added meanwhile may belong among the loaded rows: the list
// reads its first page again.
void TestModels::testSortedArticleListStartsOverAfterBeingOffline()
{
    ArticleListModel model(m_document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.sort(ArticleListModel::Key, Qt::DescendingOrder);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, ArticleListModel::Key).data().toString(), u"b"_s);
    Article between { .key = u"ab"_s, .text = u"😀 Added elsewhere."_s };
    QVERIFY(m_document->store().addArticle(between));

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    Q_EMIT m_document->changedElsewhereWhileOffline();
    QCOMPARE(reset.size(), 1);
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys << model.index(row, ArticleListModel::Key).data().toString();
    QCOMPARE(keys, QStringList({ u"b"_s, u"ab"_s, u"a"_s }));
}

void TestModels::testArticleChangedRefreshesCounts()
{
    Document *document = m_document.get();
    ArticleListModel model(document);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.fetchMore(QModelIndex());
    QVERIFY(document->showArticle(m_articleA));
    const int row = model.rowOf(m_articleA);
    QCOMPARE(row, 0);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Entity putin { 0, m_articleA, u"Putin"_s, u"PERSON"_s, {}, {} };
    putin.mentions = { mentionAt(find(textA, u"Putin"_s)) };
    document->undoStack()->push(new InsertCommand<Entity>(document, putin, u"Add"_s));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), row);
    QCOMPARE(model.index(row, ArticleListModel::Entities).data().toInt(), 1);

    Quote quote;
    quote.articleId = m_articleA;
    quote.content = { find(textA, u"We will not leave,"_s) };
    document->undoStack()->push(new InsertCommand<Quote>(document, quote, u"Add"_s));
    Figure figure;
    figure.articleId = m_articleA;
    figure.kind = u"count"_s;
    figure.span = figure.number = find(textA, u"4,000"_s);
    document->undoStack()->push(new InsertCommand<Figure>(document, figure, u"Add"_s));
    QCOMPARE(changed.count(), 3);
    QCOMPARE(model.index(row, ArticleListModel::Quotes).data().toInt(), 1);
    QCOMPARE(model.index(row, ArticleListModel::Figures).data(SortRole).toInt(), 1);

    document->undoStack()->undo();
    document->undoStack()->undo();
    document->undoStack()->undo();
    QCOMPARE(changed.count(), 6);
    QCOMPARE(model.index(row, ArticleListModel::Entities).data().toInt(), 0);
    QCOMPARE(model.index(row, ArticleListModel::Quotes).data().toInt(), 0);
    QCOMPARE(model.index(row, ArticleListModel::Figures).data().toInt(), 0);
    // The other article's row did not change.
    for (const QList<QVariant> &arguments : std::as_const(changed))
        QCOMPARE(arguments.at(0).value<QModelIndex>().row(), row);
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"

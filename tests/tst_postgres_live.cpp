// SPDX-License-Identifier: GPL-3.0-or-later
// Several clients on one server project at once (issue 8): what one changes appears in the
// others within a second, and a change to a record someone else changed first is refused with
// a message, the current state shown and nothing the analyst typed lost.
#include "commands.h"
#include "document.h"
#include "store.h"
#include "testprojects.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

// "🇰🇿" is four UTF-16 code units and two code points: spans after it differ between the two.
const QString articleText = u"🇰🇿 Tokayev said: \"We will restore order.\" Prices rose 12 percent."_s;

std::unique_ptr<Document> openDocument(const QString &location)
{
    StoreError error;
    auto document = Document::open(location, Store::Mode::ReadWrite, &error);
    if (!document)
        qWarning() << "cannot open" << location << error.message;
    return document;
}

Span spanOf(const QString &part)
{
    const qsizetype start = articleText.indexOf(part);
    return { start, start + part.size() };
}

// One layer of annotations as the tests make, change and read it, so that every test runs over
// entities, quotes and figures alike.
struct LayerUnderTest {
    virtual ~LayerUnderTest() = default;
    /// Adds a record through the undo stack, as a panel would; returns its id.
    virtual RecordId add(Document &document) const = 0;
    /// Changes the record's editable value to text through the undo stack.
    virtual void change(Document &document, RecordId id, const QString &text) const = 0;
    /// The record's editable value as the document holds it, empty when it is not there.
    virtual QString value(const Document &document, RecordId id) const = 0;
};

struct EntityLayer final : LayerUnderTest {
    RecordId add(Document &document) const override
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
        auto *command = new InsertCommand<Entity>(&document, entity, u"Add"_s);
        document.undoStack()->push(command);
        return command->record().id;
    }
    void change(Document &document, RecordId id, const QString &text) const override
    {
        const Entity before = *document.entity(id);
        Entity after = before;
        after.name = text;
        document.undoStack()->push(new ChangeCommand<Entity>(&document, before, after, u"Rename"_s));
    }
    QString value(const Document &document, RecordId id) const override
    {
        const Entity *entity = document.entity(id);
        return entity ? entity->name : QString();
    }
};

struct QuoteLayer final : LayerUnderTest {
    RecordId add(Document &document) const override
    {
        Quote quote;
        quote.articleId = document.currentArticle().id;
        quote.content = { spanOf(u"We will restore order."_s) };
        quote.cue = spanOf(u"said"_s);
        quote.provenance = document.manualProvenance();
        auto *command = new InsertCommand<Quote>(&document, quote, u"Add"_s);
        document.undoStack()->push(command);
        return command->record().id;
    }
    // The text names the quote's kind.
    void change(Document &document, RecordId id, const QString &text) const override
    {
        const Quote before = document.annotations().quotes.value(document.quoteRow(id));
        Quote after = before;
        after.kind = quoteKindFromString(text).value();
        document.undoStack()->push(new ChangeCommand<Quote>(&document, before, after, u"Kind"_s));
    }
    QString value(const Document &document, RecordId id) const override
    {
        const qsizetype row = document.quoteRow(id);
        return row < 0 ? QString() : toString(document.annotations().quotes[row].kind);
    }
};

struct FigureLayer final : LayerUnderTest {
    RecordId add(Document &document) const override
    {
        Figure figure;
        figure.articleId = document.currentArticle().id;
        figure.kind = u"percent"_s;
        figure.span = spanOf(u"12 percent"_s);
        figure.number = spanOf(u"12"_s);
        figure.value = 12.0;
        figure.unit = u"%"_s;
        figure.provenance = document.manualProvenance();
        auto *command = new InsertCommand<Figure>(&document, figure, u"Add"_s);
        document.undoStack()->push(command);
        return command->record().id;
    }
    // The text is the figure's unit.
    void change(Document &document, RecordId id, const QString &text) const override
    {
        const Figure before = document.annotations().figures.value(document.figureRow(id));
        Figure after = before;
        after.unit = text;
        document.undoStack()->push(new ChangeCommand<Figure>(&document, before, after, u"Unit"_s));
    }
    QString value(const Document &document, RecordId id) const override
    {
        const qsizetype row = document.figureRow(id);
        return row < 0 ? QString() : document.annotations().figures[row].unit;
    }
};

const LayerUnderTest &layerNamed(const QString &name)
{
    static const EntityLayer entities;
    static const QuoteLayer quotes;
    static const FigureLayer figures;
    if (name == u"entity"_s)
        return entities;
    return name == u"quote"_s ? static_cast<const LayerUnderTest &>(quotes) : figures;
}

// The values a layer's record takes in the tests: [0] Ann's, [1] Ben's.
QStringList valuesOf(const QString &layer)
{
    if (layer == u"entity"_s)
        return { u"Kassym-Jomart Tokayev"_s, u"President Tokayev"_s };
    if (layer == u"quote"_s)
        return { u"indirect"_s, u"mixed"_s };
    return { u"percent"_s, u"per cent"_s };
}

} // namespace

class TestPostgresLive : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void editAppearsInTheOther_data();
    void editAppearsInTheOther();
    void ownEditsAreNotReadAgain();
    void conflictingSaveIsRefused_data();
    void conflictingSaveIsRefused();
    void removalOfAChangedRecordIsRefused();

private:
    void layers();

    Test::TestProjects m_projects;
    std::unique_ptr<Document> m_ann;
    std::unique_ptr<Document> m_ben;
};

void TestPostgresLive::initTestCase()
{
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

// Ann and Ben have the same article open.
void TestPostgresLive::init()
{
    const QString location = m_projects.newLocation();
    m_ann = openDocument(location);
    m_ben = openDocument(location);
    QVERIFY(m_ann && m_ben);
    Article article;
    article.key = u"kz-1"_s;
    article.text = articleText;
    QVERIFY(m_ann->store().addArticle(article));
    QVERIFY(m_ann->showArticle(article.id));
    QVERIFY(m_ben->showArticle(article.id));
}

void TestPostgresLive::cleanup()
{
    m_ann.reset();
    m_ben.reset();
}

void TestPostgresLive::layers()
{
    QTest::addColumn<QString>("layer");
    for (const QString &layer : { u"entity"_s, u"quote"_s, u"figure"_s })
        QTest::newRow(qPrintable(layer)) << layer;
}

void TestPostgresLive::editAppearsInTheOther_data()
{
    layers();
}

void TestPostgresLive::editAppearsInTheOther()
{
    QFETCH(QString, layer);
    const LayerUnderTest &under = layerNamed(layer);
    const QStringList values = valuesOf(layer);
    QSignalSpy benReset(m_ben.get(), &Document::annotationsReset);
    QSignalSpy benArticles(m_ben.get(), &Document::articleChanged);

    const RecordId id = under.add(*m_ann);
    QVERIFY(id > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!under.value(*m_ben, id).isEmpty(), 1000);
    QVERIFY(!benArticles.isEmpty());
    QCOMPARE(benArticles.last().at(0).value<RecordId>(), m_ann->currentArticle().id);
    QCOMPARE(m_ben->store().articleSummary(m_ben->currentArticle().id)->entityCount,
        m_ann->annotations().entities.size());

    benReset.clear();
    under.change(*m_ann, id, values[0]);
    QCOMPARE(under.value(*m_ann, id), values[0]);
    QTRY_COMPARE_WITH_TIMEOUT(under.value(*m_ben, id), values[0], 1000);
    // Read again once, not once per row the change touched.
    QCOMPARE(benReset.size(), 1);
    // Ben still has Ann's record under its id, so that his views keep it selected.
    QCOMPARE(m_ben->annotations().quotes.size(), m_ann->annotations().quotes.size());

    // And the other way round: Ben's change reaches Ann, and he can change it after hers.
    under.change(*m_ben, id, values[1]);
    QCOMPARE(m_ben->undoStack()->count(), 1);
    QVERIFY(!m_ben->lastWriteConflicted());
    QTRY_COMPARE_WITH_TIMEOUT(under.value(*m_ann, id), values[1], 1000);
}

void TestPostgresLive::ownEditsAreNotReadAgain()
{
    const LayerUnderTest &quotes = layerNamed(u"quote"_s);
    QSignalSpy annReset(m_ann.get(), &Document::annotationsReset);
    const RecordId id = quotes.add(*m_ann);
    QVERIFY(id > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!quotes.value(*m_ben, id).isEmpty(), 1000);
    // Ann's client heard the same announcement as Ben's, and knew it for her own.
    QTest::qWait(100);
    QCOMPARE(annReset.size(), 0);
}

void TestPostgresLive::conflictingSaveIsRefused_data()
{
    layers();
}

// Ann and Ben both edit one record; Ann saves first. Ben's save is refused before his client
// heard of hers: he gets a message naming who changed it, sees her state, and keeps his edit as
// a step to redo, which writes it over hers when he chooses.
void TestPostgresLive::conflictingSaveIsRefused()
{
    QFETCH(QString, layer);
    const LayerUnderTest &under = layerNamed(layer);
    const QStringList values = valuesOf(layer);
    const RecordId id = under.add(*m_ann);
    QTRY_VERIFY_WITH_TIMEOUT(!under.value(*m_ben, id).isEmpty(), 1000);
    const QString original = under.value(*m_ben, id);

    under.change(*m_ann, id, values[0]);
    QSignalSpy benErrors(m_ben.get(), &Document::errorOccurred);
    under.change(*m_ben, id, values[1]);

    QCOMPARE(benErrors.size(), 1);
    const QString message = benErrors.first().at(0).toString();
    QVERIFY2(message.contains(m_ann->annotator()) && message.contains(u"not saved"_s), qPrintable(message));
    QVERIFY(m_ben->lastWriteConflicted());
    QCOMPARE(under.value(*m_ben, id), values[0]);
    QCOMPARE(under.value(*m_ann, id), values[0]);
    QVERIFY(original != values[0]);

    // The refused edit waits on Ben's stack, to redo.
    QTRY_VERIFY_WITH_TIMEOUT(m_ben->undoStack()->canRedo(), 1000);
    QCOMPARE(m_ben->undoStack()->index(), 0);
    m_ben->undoStack()->redo();
    QCOMPARE(under.value(*m_ben, id), values[1]);
    QTRY_COMPARE_WITH_TIMEOUT(under.value(*m_ann, id), values[1], 1000);
    QCOMPARE(m_ben->store().annotations(m_ben->currentArticle().id).quotes.size(),
        m_ann->annotations().quotes.size());
}

void TestPostgresLive::removalOfAChangedRecordIsRefused()
{
    const LayerUnderTest &quotes = layerNamed(u"quote"_s);
    const RecordId id = quotes.add(*m_ann);
    QTRY_VERIFY_WITH_TIMEOUT(!quotes.value(*m_ben, id).isEmpty(), 1000);
    quotes.change(*m_ann, id, u"mixed"_s);

    const Quote seen = m_ben->annotations().quotes.value(m_ben->quoteRow(id));
    QSignalSpy benErrors(m_ben.get(), &Document::errorOccurred);
    m_ben->undoStack()->push(new RemoveCommand<Quote>(m_ben.get(), seen, u"Delete"_s));
    QCOMPARE(benErrors.size(), 1);
    QVERIFY2(benErrors.first().at(0).toString().contains(u"not removed"_s),
        qPrintable(benErrors.first().at(0).toString()));
    QCOMPARE(m_ben->undoStack()->count(), 0);
    QCOMPARE(quotes.value(*m_ben, id), u"mixed"_s);
    QCOMPARE(m_ann->store().annotations(m_ann->currentArticle().id).quotes.size(), 1);
}

QTEST_GUILESS_MAIN(TestPostgresLive)
#include "tst_postgres_live.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Curation (issue 8): the annotators' versions of an article aligned into units, the curator's
// decisions as undo steps in the curated layer, the curation state, and exports of the curated layer.
#include "agreementfixtures.h"
#include "annotationeditor.h"
#include "curation/curationactions.h"
#include "curation/curationmodel.h"
#include "curation/curationstore.h"
#include "curation/curationunits.h"
#include "document.h"
#include "formats/exportselection.h"
#include "formats/projectdocuments.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString alignText = u"😀 Mary Smith said “we will stay” on Monday, and 40 soldiers left Almaty."_s;

/// One annotator's version from a spec: items separated by ";", each "E:covered:TYPE" (a
/// mention), "Q:content:kind:speaker" (speaker: covered text of a PERSON mention, or -) or
/// "F:number:value".
void build(Fixtures::VersionBuilder &version, const QString &spec)
{
    for (const QString &item : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList parts = item.split(u':');
        if (parts[0] == u"E"_s) {
            version.entity(parts[2], { parts[1] });
        } else if (parts[0] == u"Q"_s) {
            const RecordId speaker = parts[3] == u"-"_s ? 0 : version.entity(u"PERSON"_s, { parts[3] });
            version.quote(parts[1], *quoteKindFromString(parts[2]), speaker);
        } else {
            version.figure(parts[1], parts[2].toDouble());
        }
    }
}

AnnotationSet combined(const QList<const Fixtures::VersionBuilder *> &versions)
{
    AnnotationSet set;
    for (const Fixtures::VersionBuilder *version : versions) {
        set.entities += version->annotations().entities;
        set.quotes += version->annotations().quotes;
        set.figures += version->annotations().figures;
    }
    return set;
}

/// Per unit: which annotators have a version (letters, "-" where one has none) and "=" for
/// agreed, "!" for not.
QString unitShapes(const CurationUnits &units)
{
    QStringList shapes;
    for (const CurationUnit &unit : units.units()) {
        QString text;
        for (qsizetype i = 0; i < unit.versions.size(); ++i)
            text += unit.versions[i] ? QChar(char16_t(u'A' + i)) : QChar(u'-');
        if (unit.versions.size() > 1 && unit.versions[0] && unit.versions[1])
            text += unit.agreed ? u'=' : u'!';
        shapes << text;
    }
    return shapes.join(u' ');
}

QString coveredTexts(const CurationUnits &units, const QString &text)
{
    QStringList covered;
    for (const CurationUnit &unit : units.units())
        covered << textOf(text, unit.span);
    return covered.join(u'|');
}

/// The curated layer of an annotation set, as it is stored.
struct CuratedLayer {
    QList<Mention> mentions;
    QStringList mentionTypes;
    QList<Quote> quotes;
    QList<Figure> figures;
    int entities = 0;
};

CuratedLayer curatedOf(const AnnotationSet &set)
{
    CuratedLayer layer;
    for (const Entity &entity : set.entities) {
        layer.entities += entity.provenance.annotator == curatedLayerAnnotator;
        for (const Mention &mention : entity.mentions) {
            if (mention.provenance.annotator == curatedLayerAnnotator) {
                layer.mentions << mention;
                layer.mentionTypes << entity.type;
            }
        }
    }
    for (const Quote &quote : set.quotes) {
        if (quote.provenance.annotator == curatedLayerAnnotator)
            layer.quotes << quote;
    }
    for (const Figure &figure : set.figures) {
        if (figure.provenance.annotator == curatedLayerAnnotator)
            layer.figures << figure;
    }
    return layer;
}

int rowOfLayer(const CurationUnits &units, Layer layer)
{
    for (qsizetype row = 0; row < units.units().size(); ++row) {
        if (units.units()[row].layer == layer)
            return int(row);
    }
    return -1;
}

} // namespace

class TestCuration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void alignment_data();
    void alignment();
    void majorityOfThree_data();
    void majorityOfThree();
    void curatedLayerIsNoAnnotator();
    void model();
    void acceptUndoRedo();
    void acceptReplacesTheDecision();
    void acceptAllAgreed();
    void rejectLeavesTheUnitOut();
    void mergeQuoteSpeakerAndContent();
    void editKeepsTheCuratedLayer();
    void decisionsSurviveReopening();
    void curationState();
    void exportsUseTheCuratedLayer();

private:
    std::unique_ptr<Document> openTeamProject();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestCuration::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(u"team.byline"_s);
}

std::unique_ptr<Document> TestCuration::openTeamProject()
{
    StoreError error;
    {
        auto store = Store::open(m_path, Store::Mode::ReadWrite, &error);
        if (!store || !Fixtures::writeTeamProject(*store))
            return nullptr;
    }
    auto document = Document::open(m_path, Store::Mode::ReadWrite, &error);
    if (!document || !document->showArticle(*document->store().articleIdForKey(u"a1"_s)))
        return nullptr;
    document->setAnnotator(u"cora"_s);
    return document;
}

void TestCuration::alignment_data()
{
    QTest::addColumn<QString>("ana");
    QTest::addColumn<QString>("ben");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QString>("covered");

    QTest::newRow("mention agreed") << u"E:Mary Smith:PERSON"_s << u"E:Mary Smith:PERSON"_s << u"AB="_s
                                    << u"Mary Smith"_s;
    QTest::newRow("mention type differs")
        << u"E:Mary Smith:PERSON"_s << u"E:Mary Smith:ORG"_s << u"AB!"_s << u"Mary Smith"_s;
    QTest::newRow("mention span overlaps")
        << u"E:Mary Smith:PERSON"_s << u"E:Smith:PERSON"_s << u"AB!"_s << u"Mary Smith"_s;
    QTest::newRow("mention missing") << u"E:Almaty:GPE"_s << QString() << u"A-"_s << u"Almaty"_s;
    QTest::newRow("mentions apart") << u"E:Mary Smith:PERSON;E:Almaty:GPE"_s << u"E:Almaty:GPE"_s
                                    << u"A- AB="_s << u"Mary Smith|Almaty"_s;
    // one to one, the closer overlap first: "Smith" shares more of "Mary Smith" than "Mary"
    QTest::newRow("overlaps matched once") << u"E:Mary Smith:PERSON"_s << u"E:Mary:PERSON;E:Smith:PERSON"_s
                                           << u"-B AB!"_s << u"Mary|Mary Smith"_s;
    // content characters: the quotation marks do not count
    QTest::newRow("quote agreed") << u"Q:“we will stay”:direct:-"_s << u"Q:we will stay:direct:-"_s
                                  << u"AB="_s << u"“we will stay”"_s;
    QTest::newRow("quote kind differs") << u"Q:“we will stay”:direct:-"_s << u"Q:“we will stay”:indirect:-"_s
                                        << u"AB!"_s << u"“we will stay”"_s;
    QTest::newRow("quote speaker differs")
        << u"Q:we will stay:direct:Mary Smith"_s << u"Q:we will stay:direct:Almaty"_s << u"A- -B AB!"_s
        << u"Mary Smith|Almaty|we will stay"_s;
    QTest::newRow("quote part of another")
        << u"Q:we will stay:direct:-"_s << u"Q:will stay:direct:-"_s << u"AB!"_s << u"we will stay"_s;
    QTest::newRow("quote missing") << QString() << u"Q:“we will stay”:direct:-"_s << u"-B"_s
                                   << u"“we will stay”"_s;
    QTest::newRow("figure agreed") << u"F:40:40"_s << u"F:40:40"_s << u"AB="_s << u"40"_s;
    QTest::newRow("figure value differs") << u"F:40:40"_s << u"F:40:41"_s << u"AB!"_s << u"40"_s;
    QTest::newRow("figure span differs")
        << u"F:40:40"_s << u"F:40 soldiers:40"_s << u"AB!"_s << u"40 soldiers"_s;
    QTest::newRow("figure missing") << u"F:40:40"_s << QString() << u"A-"_s << u"40"_s;
    QTest::newRow("every layer") << u"E:Almaty:GPE;Q:we will stay:mixed:-;F:40:40"_s
                                 << u"E:Almaty:LOC;Q:we will stay:mixed:-;F:40:40"_s << u"AB! AB= AB="_s
                                 << u"Almaty|we will stay|40"_s;
}

void TestCuration::alignment()
{
    QFETCH(QString, ana);
    QFETCH(QString, ben);
    QFETCH(QString, shape);
    QFETCH(QString, covered);

    Fixtures::VersionBuilder anaVersion(alignText, u"ana"_s);
    Fixtures::VersionBuilder benVersion(alignText, u"ben"_s);
    build(anaVersion, ana);
    build(benVersion, ben);
    Article article;
    article.text = alignText;
    const CurationUnits units = CurationUnits::align(article, combined({ &anaVersion, &benVersion }));

    QStringList expectedAnnotators;
    if (!ana.isEmpty())
        expectedAnnotators << u"ana"_s;
    if (!ben.isEmpty())
        expectedAnnotators << u"ben"_s;
    QCOMPARE(units.annotators(), expectedAnnotators);
    // with one annotator absent from the article, the letters name the one that is there
    QString expectedShape = shape;
    if (ana.isEmpty())
        expectedShape = shape.remove(u'-').replace(u'B', u'A');
    if (ben.isEmpty())
        expectedShape = shape.remove(u'-');
    QCOMPARE(unitShapes(units), expectedShape);
    QCOMPARE(coveredTexts(units, alignText), covered);
    QCOMPARE(qsizetype(units.openCount()), units.units().size());
    for (const CurationUnit &unit : units.units()) {
        QCOMPARE(unit.decision(), CurationUnit::Decision::Open);
        for (qsizetype i = 0; i < unit.versions.size(); ++i)
            QCOMPARE(unit.differsFromMajority[i], !unit.agreed);
    }
}

void TestCuration::majorityOfThree_data()
{
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QList<bool>>("differs");
    QTest::addColumn<int>("majority");

    QTest::newRow("all agree") << QStringList { u"PERSON"_s, u"PERSON"_s, u"PERSON"_s }
                               << QList<bool> { false, false, false } << 0;
    QTest::newRow("one differs") << QStringList { u"PERSON"_s, u"ORG"_s, u"PERSON"_s }
                                 << QList<bool> { false, true, false } << 0;
    QTest::newRow("first differs") << QStringList { u"ORG"_s, u"PERSON"_s, u"PERSON"_s }
                                   << QList<bool> { true, false, false } << 1;
    QTest::newRow("one missing") << QStringList { u"PERSON"_s, QString(), u"PERSON"_s }
                                 << QList<bool> { false, true, false } << 0;
    QTest::newRow("only one marked it")
        << QStringList { QString(), u"ORG"_s, QString() } << QList<bool> { false, true, false } << -1;
    QTest::newRow("no majority") << QStringList { u"PERSON"_s, u"ORG"_s, u"GPE"_s }
                                 << QList<bool> { true, true, true } << -1;
}

void TestCuration::majorityOfThree()
{
    QFETCH(QStringList, types);
    QFETCH(QList<bool>, differs);
    QFETCH(int, majority);

    // cleo marks Almaty in every case, so that all three are the article's annotators
    QList<std::shared_ptr<Fixtures::VersionBuilder>> versions;
    const QStringList names { u"ana"_s, u"ben"_s, u"cleo"_s };
    for (qsizetype i = 0; i < names.size(); ++i) {
        versions << std::make_shared<Fixtures::VersionBuilder>(alignText, names[i]);
        if (!types[i].isEmpty())
            versions[i]->entity(types[i], { u"Mary Smith"_s });
        versions[i]->entity(u"GPE"_s, { u"Almaty"_s });
    }
    Article article;
    article.text = alignText;
    const CurationUnits units = CurationUnits::align(
        article, combined({ versions[0].get(), versions[1].get(), versions[2].get() }));
    QCOMPARE(units.annotators(), names);
    QCOMPARE(units.units().size(), 2);
    const CurationUnit &mary = units.units().first();
    QCOMPARE(textOf(alignText, mary.span), u"Mary Smith"_s);
    QCOMPARE(mary.differsFromMajority, differs);
    QCOMPARE(mary.majorityAnnotator, majority);
    QCOMPARE(mary.agreed, !differs.contains(true));
    QVERIFY(units.units().last().agreed);
}

void TestCuration::curatedLayerIsNoAnnotator()
{
    Fixtures::VersionBuilder ana(alignText, u"ana"_s);
    Fixtures::VersionBuilder ben(alignText, u"ben"_s);
    Fixtures::VersionBuilder curator(alignText, curatedLayerAnnotator);
    build(ana, u"E:Mary Smith:PERSON;F:40:40"_s);
    build(ben, u"E:Smith:PERSON;F:40:41"_s);
    build(curator, u"E:Smith:PERSON"_s);
    Article article;
    article.text = alignText;
    const CurationUnits units = CurationUnits::align(article, combined({ &ana, &ben, &curator }));
    QCOMPARE(units.annotators(), (QStringList { u"ana"_s, u"ben"_s }));
    QCOMPARE(units.units().size(), 2);
    QVERIFY(units.units()[0].curated);
    QCOMPARE(units.units()[0].decision(), CurationUnit::Decision::Accepted);
    QCOMPARE(units.units()[0].curated->mention.span, ben.find(u"Smith"_s));
    QCOMPARE(units.units()[1].decision(), CurationUnit::Decision::Open);
    QCOMPARE(units.openCount(), 1);
}

void TestCuration::model()
{
    auto document = openTeamProject();
    QVERIFY(document);
    CurationModel model(document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.units().annotators(), (QStringList { u"ana"_s, u"ben"_s }));
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"1 ana"_s);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), u"2 ben"_s);
    QCOMPARE(model.headerData(model.curatedColumn(), Qt::Horizontal).toString(), u"Curated"_s);
    // Mary Smith / Smith, Almaty GPE / LOC, the quote, the figure: four units, all disagreements
    QCOMPARE(model.rowCount(), 4);
    QList<QColor> colours;
    for (int row = 0; row < model.rowCount(); ++row) {
        QVERIFY(!model.index(row, 0).data(CurationModel::AgreedRole).toBool());
        const QColor colour = model.index(row, 0).data(CurationModel::UnitColourRole).value<QColor>();
        QVERIFY(colour.isValid());
        QVERIFY(!colours.contains(colour));
        colours << colour;
        // with two annotators who differ, neither is the majority
        QVERIFY(model.index(row, 1).data(CurationModel::DiffersRole).toBool());
        QCOMPARE(model.index(row, 1).data(Qt::BackgroundRole).value<QColor>(), colour);
        QCOMPARE(model.index(row, model.curatedColumn()).data().toString(), QString());
    }
    QCOMPARE(model.index(0, 1).data().toString(), u"“Mary Smith” PERSON (Mary Smith)"_s);
    QCOMPARE(model.index(0, 2).data().toString(), u"“Smith” PERSON (Smith)"_s);
    QCOMPARE(model.index(0, 0).data(SpanRole).value<Span>().length(), QStringView(u"Mary Smith").size());
    QCOMPARE(model.nextDisagreement(0, 1), 1);
    QCOMPARE(model.nextDisagreement(0, -1), -1);

    // a decision shows in the curated column once the step is on the stack
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    CurationActions actions(document.get());
    QVERIFY2(actions.accept(model.units(), 0, 1), qPrintable(actions.errorString()));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.index(0, model.curatedColumn()).data().toString(), u"✓ “Smith” PERSON (Smith)"_s);
    QCOMPARE(
        model.index(0, 0).data(CurationModel::DecisionRole).toInt(), int(CurationUnit::Decision::Accepted));

    // the agreed article: no colours, nothing differs
    QVERIFY(document->showArticle(*document->store().articleIdForKey(u"a2"_s)));
    QCOMPARE(model.units().annotators(), (QStringList { u"ana"_s, u"cleo"_s }));
    QVERIFY(model.rowCount() > 0);
    for (int row = 0; row < model.rowCount(); ++row) {
        QVERIFY(model.index(row, 0).data(CurationModel::AgreedRole).toBool());
        QVERIFY(!model.index(row, 0).data(CurationModel::UnitColourRole).value<QColor>().isValid());
        QVERIFY(!model.index(row, 1).data(Qt::BackgroundRole).isValid());
    }
    QCOMPARE(model.nextDisagreement(-1, 1), -1);
}

void TestCuration::acceptUndoRedo()
{
    auto document = openTeamProject();
    QVERIFY(document);
    const RecordId articleId = document->currentArticle().id;
    CurationActions actions(document.get());
    const AnnotationSet before = document->store().annotations(articleId);

    for (const Layer layer : { Layer::Entities, Layer::Quotes, Layer::Figures }) {
        const CurationUnits units = CurationUnits::align(document->currentArticle(), document->annotations());
        const int row = rowOfLayer(units, layer);
        QVERIFY(row >= 0);
        const int steps = document->undoStack()->count();
        QVERIFY2(actions.accept(units, row, 0), qPrintable(actions.errorString()));
        QCOMPARE(document->undoStack()->count(), steps + 1);
    }
    const CuratedLayer curated = curatedOf(document->store().annotations(articleId));
    // ana's versions: Mary Smith (PERSON), her quote (direct, by Mary Smith), her figure (40)
    QCOMPARE(curated.mentions.size(), 1);
    QCOMPARE(textOf(alignText, curated.mentions.first().span), u"Mary Smith"_s);
    QCOMPARE(toString(curated.mentions.first().provenance.status), toString(AnnotationStatus::Accepted));
    QCOMPARE(curated.mentions.first().provenance.rule, u"curation: ana"_s);
    QCOMPARE(curated.quotes.size(), 1);
    QCOMPARE(toString(curated.quotes.first().kind), toString(QuoteKind::Direct));
    // the speaker is the curated entity of the same name, not ana's own
    const AnnotationSet stored = document->store().annotations(articleId);
    const auto speaker = std::find_if(stored.entities.cbegin(), stored.entities.cend(),
        [&](const Entity &entity) { return entity.id == curated.quotes.first().speakerId; });
    QVERIFY(speaker != stored.entities.cend());
    QCOMPARE(speaker->name, u"Mary Smith"_s);
    QCOMPARE(speaker->provenance.annotator, QString(curatedLayerAnnotator));
    QCOMPARE(curated.entities, 1);
    QCOMPARE(curated.figures.size(), 1);
    QCOMPARE(curated.figures.first().value.toDouble(), 40.0);

    // each step undoes on its own; all of them leave the article as it was
    document->undoStack()->undo();
    QCOMPARE(curatedOf(document->store().annotations(articleId)).figures.size(), 0);
    QCOMPARE(curatedOf(document->store().annotations(articleId)).quotes.size(), 1);
    document->undoStack()->undo();
    document->undoStack()->undo();
    const AnnotationSet undone = document->store().annotations(articleId);
    QCOMPARE(curatedOf(undone).mentions.size(), 0);
    QCOMPARE(curatedOf(undone).entities, 0);
    QCOMPARE(undone.entities.size(), before.entities.size());
    QCOMPARE(undone.quotes, before.quotes);
    QCOMPARE(undone.figures, before.figures);

    // redo brings back the same records
    document->undoStack()->redo();
    document->undoStack()->redo();
    const CuratedLayer redone = curatedOf(document->store().annotations(articleId));
    QCOMPARE(redone.mentions.first().id, curated.mentions.first().id);
    QCOMPARE(redone.quotes.first().id, curated.quotes.first().id);
    QCOMPARE(redone.quotes.first().speakerId, curated.quotes.first().speakerId);
    // and the document's copy agrees with the store
    QCOMPARE(curatedOf(document->annotations()).quotes, redone.quotes);
}

void TestCuration::acceptReplacesTheDecision()
{
    auto document = openTeamProject();
    QVERIFY(document);
    const RecordId articleId = document->currentArticle().id;
    CurationActions actions(document.get());
    const auto units
        = [&] { return CurationUnits::align(document->currentArticle(), document->annotations()); };
    QVERIFY(actions.accept(units(), 0, 0));
    QVERIFY(actions.accept(units(), 0, 1));
    CuratedLayer curated = curatedOf(document->store().annotations(articleId));
    QCOMPARE(curated.mentions.size(), 1);
    QCOMPARE(textOf(alignText, curated.mentions.first().span), u"Smith"_s);
    // ana's curated entity went with its only mention; ben's came
    QCOMPARE(curated.entities, 1);
    QCOMPARE(units().units()[0].curated->provenance().rule, u"curation: ben"_s);
    QCOMPARE(units().openCount(), 3);

    document->undoStack()->undo();
    curated = curatedOf(document->store().annotations(articleId));
    QCOMPARE(curated.mentions.size(), 1);
    QCOMPARE(textOf(alignText, curated.mentions.first().span), u"Mary Smith"_s);
    QCOMPARE(curated.entities, 1);

    // an annotator the unit has no version of is refused, and the stack is unchanged
    const int steps = document->undoStack()->count();
    QVERIFY(!actions.accept(units(), 0, 2));
    QVERIFY(!actions.errorString().isEmpty());
    QCOMPARE(document->undoStack()->count(), steps);
}

void TestCuration::acceptAllAgreed()
{
    auto document = openTeamProject();
    QVERIFY(document);
    CurationActions actions(document.get());
    // a1 has no agreed unit
    QVERIFY(
        !actions.acceptAllAgreed(CurationUnits::align(document->currentArticle(), document->annotations())));

    const RecordId a2 = *document->store().articleIdForKey(u"a2"_s);
    QVERIFY(document->showArticle(a2));
    const CurationUnits units = CurationUnits::align(document->currentArticle(), document->annotations());
    QCOMPARE(units.openCount(), 5);
    const int steps = document->undoStack()->count();
    QVERIFY2(actions.acceptAllAgreed(units), qPrintable(actions.errorString()));
    QCOMPARE(document->undoStack()->count(), steps + 1);
    const CurationUnits after = CurationUnits::align(document->currentArticle(), document->annotations());
    QCOMPARE(after.openCount(), 0);
    const CuratedLayer curated = curatedOf(document->store().annotations(a2));
    QCOMPARE(curated.mentions.size(), 3);
    QCOMPARE(curated.quotes.size(), 1);
    QCOMPARE(curated.figures.size(), 1);
    // the quote's speaker is the curated John Doe made in the same step
    QCOMPARE(curated.entities, 3);
    QVERIFY(curated.quotes.first().speakerId != 0);
    QCOMPARE(curated.quotes.first().provenance.rule, u"curation: ana, cleo"_s);

    document->undoStack()->undo();
    QCOMPARE(curatedOf(document->store().annotations(a2)).entities, 0);
    QCOMPARE(curatedOf(document->store().annotations(a2)).quotes.size(), 0);
}

void TestCuration::rejectLeavesTheUnitOut()
{
    auto document = openTeamProject();
    QVERIFY(document);
    const RecordId articleId = document->currentArticle().id;
    CurationActions actions(document.get());
    const CurationUnits units = CurationUnits::align(document->currentArticle(), document->annotations());
    const int figureRow = rowOfLayer(units, Layer::Figures);
    QVERIFY(actions.reject(units, figureRow));
    const CurationUnits after = CurationUnits::align(document->currentArticle(), document->annotations());
    QCOMPARE(after.units()[figureRow].decision(), CurationUnit::Decision::Rejected);
    const CuratedLayer curated = curatedOf(document->store().annotations(articleId));
    QCOMPARE(curated.figures.size(), 1);
    QCOMPARE(toString(curated.figures.first().provenance.status), toString(AnnotationStatus::Rejected));

    // formats that carry no status leave it out, as they leave out every rejection
    ExportSelection selection = ExportSelection::defaultFor(document->store());
    selection.statuses.remove(AnnotationStatus::Rejected);
    AnnotationSet exported = document->store().annotations(articleId);
    selection.apply(exported);
    QVERIFY(exported.figures.isEmpty());

    document->undoStack()->undo();
    QCOMPARE(curatedOf(document->store().annotations(articleId)).figures.size(), 0);
}

void TestCuration::mergeQuoteSpeakerAndContent()
{
    auto document = openTeamProject();
    QVERIFY(document);
    const RecordId articleId = document->currentArticle().id;
    // ben's quote is cut shorter here, so that content and speaker visibly come from apart
    Quote shorter = document->annotations().quotes[1];
    QCOMPARE(shorter.provenance.annotator, u"ben"_s);
    const Span stay = Fixtures::VersionBuilder(alignText, u"ben"_s).find(u"will stay"_s);
    shorter.content = { stay };
    QVERIFY(document->update(shorter));

    CurationActions actions(document.get());
    const CurationUnits units = CurationUnits::align(document->currentArticle(), document->annotations());
    const int row = rowOfLayer(units, Layer::Quotes);
    QVERIFY2(actions.merge(units, row, 1, 0), qPrintable(actions.errorString()));
    const CuratedLayer curated = curatedOf(document->store().annotations(articleId));
    QCOMPARE(curated.quotes.size(), 1);
    const Quote &merged = curated.quotes.first();
    QCOMPARE(merged.content, QList<Span> { stay });
    QCOMPARE(toString(merged.kind), toString(QuoteKind::Direct));
    QCOMPARE(merged.provenance.rule, u"curation: ben (span), ana (label)"_s);
    const AnnotationSet stored = document->store().annotations(articleId);
    const auto speaker = std::find_if(stored.entities.cbegin(), stored.entities.cend(),
        [&](const Entity &entity) { return entity.id == merged.speakerId; });
    QVERIFY(speaker != stored.entities.cend());
    QCOMPARE(speaker->name, u"Mary Smith"_s);
    QVERIFY(speaker->mentions.isEmpty());

    // undoing the merge takes the speaker made for it along
    document->undoStack()->undo();
    QCOMPARE(curatedOf(document->store().annotations(articleId)).entities, 0);
    QVERIFY(!actions.merge(units, row, 0, 5));
}

void TestCuration::editKeepsTheCuratedLayer()
{
    auto document = openTeamProject();
    QVERIFY(document);
    CurationActions actions(document.get());
    const CurationUnits units = CurationUnits::align(document->currentArticle(), document->annotations());
    QVERIFY(actions.accept(units, rowOfLayer(units, Layer::Quotes), 0));
    const Quote curated = curatedOf(document->annotations()).quotes.first();
    // the quote panel's kind edit, as the curator makes it
    AnnotationEditor editor(document.get());
    QVERIFY(editor.setQuoteKind(curated.id, QuoteKind::Mixed));
    const Quote edited = curatedOf(document->store().annotations(curated.articleId)).quotes.first();
    QCOMPARE(toString(edited.kind), toString(QuoteKind::Mixed));
    QCOMPARE(edited.provenance.annotator, QString(curatedLayerAnnotator));
    QCOMPARE(toString(edited.provenance.status), toString(AnnotationStatus::Edited));
}

void TestCuration::decisionsSurviveReopening()
{
    {
        auto document = openTeamProject();
        QVERIFY(document);
        CurationActions actions(document.get());
        const CurationUnits units = CurationUnits::align(document->currentArticle(), document->annotations());
        QVERIFY(actions.accept(units, 0, 1));
        QVERIFY(actions.reject(units, 1));
        QVERIFY(actions.setDone(true));
    }
    StoreError error;
    auto store = Store::open(m_path, Store::Mode::ReadOnly, &error);
    QVERIFY2(store, qPrintable(error.message));
    const RecordId a1 = *store->articleIdForKey(u"a1"_s);
    const CurationUnits units = CurationUnits::align(*store->article(a1), store->annotations(a1));
    QCOMPARE(units.units()[0].decision(), CurationUnit::Decision::Accepted);
    QCOMPARE(units.units()[0].curated->provenance().rule, u"curation: ben"_s);
    QCOMPARE(units.units()[1].decision(), CurationUnit::Decision::Rejected);
    QCOMPARE(units.openCount(), 2);
    QVERIFY(CurationStore(*store).isDone(a1));
    QCOMPARE(toString(CurationStore(*store).state(a1)), toString(CurationState::Done));
}

void TestCuration::curationState()
{
    auto document = openTeamProject();
    QVERIFY(document);
    Store &store = document->store();
    const RecordId a1 = *store.articleIdForKey(u"a1"_s);
    const RecordId a2 = *store.articleIdForKey(u"a2"_s);
    const RecordId a3 = *store.articleIdForKey(u"a3"_s);
    CurationStore curation(store);
    QVERIFY(curation.hasSeveralAnnotators());
    QVERIFY(curation.mayCurate());
    QVERIFY(!curation.hasCuratedLayer());
    const auto states = curation.states({ a1, a2, a3 });
    QCOMPARE(toString(states.value(a1)), toString(CurationState::Open));
    QCOMPARE(toString(states.value(a2)), toString(CurationState::Open));
    QCOMPARE(toString(states.value(a3)), toString(CurationState::NotNeeded));
    QCOMPARE(curation.counts(), (CurationCounts { 2, 0, 0 }));
    QCOMPARE(curation.nextToCurate(0), a1);
    QCOMPARE(curation.nextToCurate(a1), a2);
    QCOMPARE(curation.nextToCurate(a2), std::nullopt);

    CurationActions actions(document.get());
    QVERIFY(actions.accept(CurationUnits::align(document->currentArticle(), document->annotations()), 0, 0));
    QVERIFY(curation.hasCuratedLayer());
    QCOMPARE(toString(curation.state(a1)), toString(CurationState::InProgress));
    QCOMPARE(curation.counts(), (CurationCounts { 2, 1, 0 }));

    QSignalSpy changed(document.get(), &Document::articleChanged);
    QVERIFY(actions.setDone(true));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(toString(curation.state(a1)), toString(CurationState::Done));
    QCOMPARE(curation.counts(), (CurationCounts { 2, 0, 1 }));
    QCOMPARE(curation.nextToCurate(0), a2);
    document->undoStack()->undo();
    QCOMPARE(toString(curation.state(a1)), toString(CurationState::InProgress));
    document->undoStack()->redo();
    QCOMPARE(toString(curation.state(a1)), toString(CurationState::Done));
}

void TestCuration::exportsUseTheCuratedLayer()
{
    auto document = openTeamProject();
    QVERIFY(document);
    QVERIFY(ExportSelection::defaultFor(document->store()).annotator.isEmpty());
    CurationActions actions(document.get());
    QVERIFY(actions.accept(CurationUnits::align(document->currentArticle(), document->annotations()), 0, 1));
    const ExportSelection selection = ExportSelection::defaultFor(document->store());
    QCOMPARE(selection.annotator, QString(curatedLayerAnnotator));

    QStringList exported;
    qsizetype quotes = 0;
    QVERIFY(
        forEachProjectDocument(document->store(), selection, [&](const DatasetDocument &exportedDocument) {
            for (const Entity &entity : exportedDocument.annotations.entities) {
                for (const Mention &mention : entity.mentions)
                    exported << exportedDocument.article.key + u':'
                            + textOf(exportedDocument.article.text, mention.span) + u':'
                            + mention.provenance.annotator;
            }
            quotes += exportedDocument.annotations.quotes.size();
            return true;
        }));
    QCOMPARE(exported, QStringList { u"a1:Smith:curator"_s });
    QCOMPARE(quotes, 0);
}

QTEST_GUILESS_MAIN(TestCuration)
#include "tst_curation.moc"

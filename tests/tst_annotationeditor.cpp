// SPDX-License-Identifier: GPL-3.0-or-later
// The analyst's edits through AnnotationEditor, on the sample article: every function, its
// failures (which change nothing), and undo and redo of each back to where it started.
#include "annotationeditor.h"
#include "document.h"
#include "spansnapping.h"
#include "store.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QString sampleText()
{
    QFile file(QStringLiteral(BYLINE_TEST_DATA "/eval/kazakhstan-coup-putin.txt"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// The occurrence-th place of needle in text (the sample has no characters outside the BMP,
// so these are also the gold file's code-point offsets).
Span find(const QString &text, const QString &needle, int occurrence = 0)
{
    qsizetype start = -1;
    for (int i = 0; i <= occurrence; ++i) {
        start = text.indexOf(needle, start + 1);
        if (start < 0)
            return {};
    }
    return { start, start + needle.size() };
}

Provenance suggested()
{
    Provenance provenance;
    provenance.status = AnnotationStatus::Auto;
    provenance.annotator = u"extractor"_s;
    provenance.created = QDateTime(QDate(2026, 1, 10), QTime(9, 0), QTimeZone::UTC);
    provenance.modified = provenance.created;
    provenance.confidence = 0.5;
    provenance.rule = u"test"_s;
    return provenance;
}

struct State {
    AnnotationSet set;
    ArticleStatus status = ArticleStatus::Todo;
};

} // namespace

class TestAnnotationEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void testSnapSpan_data();
    void testSnapSpan();
    void testTagEntity_data();
    void testTagEntity();
    void testTagEntityFails_data();
    void testTagEntityFails();
    void testOccurrences();
    void testEntityEdits_data();
    void testEntityEdits();
    void testSetMentionSpan();
    void testSetFigureSpan();
    void testGuessKind_data();
    void testGuessKind();
    void testSplitQuote();
    void testQuoteFails_data();
    void testQuoteFails();
    void testSpeakerFromSource();
    void testSpeakerFromSourceFails();
    void testCorrectSuggestion();
    void testSplitAndJoinParts();
    void testRemoveQuote();
    void testSpeakerCandidates();
    void testFigures_data();
    void testFigures();
    void testFigureFails();
    void testChangeAndRemoveFigure();
    void testReviewOrder();
    void testReviewSamePosition();
    void testAcceptReject_data();
    void testAcceptReject();
    void testAcceptKeepsEdited();
    void testArticleStatus();

private:
    State state() const;
    void verifyState(const State &expected);
    /// Undoes steps back to before, checks, redoes them to after, checks.
    void verifyUndoRedo(const State &before, const State &after, int steps);
    RecordId seedEntity(const QString &name, const QString &type, const QList<Span> &mentions,
        AnnotationStatus status = AnnotationStatus::Manual);

    QString m_text;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Document> m_document;
    std::unique_ptr<AnnotationEditor> m_editor;
    RecordId m_articleId = 0;
};

void TestAnnotationEditor::initTestCase()
{
    m_text = sampleText();
    QVERIFY(m_text.startsWith(u"Home World Kazakhstan"_s));
}

void TestAnnotationEditor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString path = m_dir->filePath(u"editor.byline"_s);
    {
        StoreError error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Article article { .key = u"kazakhstan"_s, .title = u"Kazakhstan"_s, .text = m_text };
        QVERIFY(store->addArticle(article));
        m_articleId = article.id;
    }
    StoreError error;
    m_document = Document::open(path, Store::Mode::ReadWrite, &error);
    QVERIFY2(m_document, qPrintable(error.message));
    m_document->setAnnotator(u"tester"_s);
    QVERIFY(m_document->showArticle(m_articleId));
    m_editor = std::make_unique<AnnotationEditor>(m_document.get());
}

void TestAnnotationEditor::cleanup()
{
    m_editor.reset();
    m_document.reset();
    m_dir.reset();
}

State TestAnnotationEditor::state() const
{
    return { m_document->annotations(), m_document->currentArticle().status };
}

void TestAnnotationEditor::verifyState(const State &expected)
{
    const State now = state();
    QCOMPARE(now.set.entities, expected.set.entities);
    QCOMPARE(now.set.quotes, expected.set.quotes);
    QCOMPARE(now.set.figures, expected.set.figures);
    QVERIFY(now.status == expected.status);
    // What the document holds is what the project holds.
    const AnnotationSet stored = m_document->store().annotations(m_articleId);
    QCOMPARE(stored.entities, expected.set.entities);
    QCOMPARE(stored.quotes, expected.set.quotes);
    QCOMPARE(stored.figures, expected.set.figures);
}

void TestAnnotationEditor::verifyUndoRedo(const State &before, const State &after, int steps)
{
    QUndoStack *stack = m_document->undoStack();
    QVERIFY(stack->index() >= steps);
    for (int i = 0; i < steps; ++i)
        stack->undo();
    verifyState(before);
    if (QTest::currentTestFailed())
        return;
    for (int i = 0; i < steps; ++i)
        stack->redo();
    verifyState(after);
}

RecordId TestAnnotationEditor::seedEntity(
    const QString &name, const QString &type, const QList<Span> &mentions, AnnotationStatus status)
{
    Provenance provenance = status == AnnotationStatus::Auto ? suggested() : m_document->manualProvenance();
    provenance.status = status;
    Entity entity { .articleId = m_articleId, .name = name, .type = type, .provenance = provenance };
    for (const Span &span : mentions)
        entity.mentions.append({ .articleId = m_articleId, .span = span, .provenance = provenance });
    if (!m_document->store().insertEntity(entity))
        return 0;
    m_document->reloadAnnotations();
    return entity.id;
}

// Snapping

void TestAnnotationEditor::testSnapSpan_data()
{
    QTest::addColumn<QString>("context"); // a unique stretch of the sample holding the selection
    QTest::addColumn<QString>("selected"); // the selection inside it
    QTest::addColumn<int>("snapping");
    QTest::addColumn<QString>("expected"); // empty: a null span

    const int raw = int(Snapping::Raw);
    const int words = int(Snapping::Words);
    const int name = int(Snapping::EntityName);
    QTest::newRow("whole-word") << u"Kremlin considers"_s << u"Kremlin"_s << name << u"Kremlin"_s;
    QTest::newRow("inside-a-word") << u"Vladimir Putin said on Monday"_s << u"ladimir Pu"_s << name
                                   << u"Vladimir Putin"_s;
    QTest::newRow("possessive-curly")
        << u"Kazakhstan’s president"_s << u"Kazakhstan’s"_s << name << u"Kazakhstan"_s;
    QTest::newRow("possessive-kept-for-words")
        << u"Kazakhstan’s president"_s << u"Kazakhstan’s"_s << words << u"Kazakhstan’s"_s;
    QTest::newRow("possessive-grown-then-dropped")
        << u"Kazakhstan’s president"_s << u"Kazakhst"_s << name << u"Kazakhstan"_s;
    QTest::newRow("leading-the") << u"by the West in"_s << u"the West"_s << name << u"West"_s;
    QTest::newRow("leading-the-kept-for-words")
        << u"by the West in"_s << u"the West"_s << words << u"the West"_s;
    QTest::newRow("leading-The-capital") << u"The CSTO mission"_s << u"The CSTO"_s << name << u"CSTO"_s;
    QTest::newRow("the-alone") << u"by the West in"_s << u"the"_s << name << u"the"_s;
    QTest::newRow("edge-space") << u"Tokayev said."_s << u"Tokayev "_s << name << u"Tokayev"_s;
    QTest::newRow("edge-comma") << u"Kazakhstan, while"_s << u"Kazakhstan, "_s << name << u"Kazakhstan"_s;
    QTest::newRow("quotation-marks") << u"“coup” and Putin: we will not allow revolutions in"_s << u"“coup”"_s
                                     << words << u"coup"_s;
    QTest::newRow("final-full-stop") << u"Tokayev said."_s << u"said."_s << words << u"said"_s;
    QTest::newRow("hyphenated-name") << u"Kassym-Jomart Tokayev"_s << u"Kassym-Jom"_s << name
                                     << u"Kassym-Jomart"_s;
    QTest::newRow("hyphen-at-the-edge")
        << u"the Russian-led military"_s << u"Russian"_s << name << u"Russian"_s;
    QTest::newRow("hyphen-crossed") << u"the Russian-led military"_s << u"Russian-l"_s << name
                                    << u"Russian-led"_s;
    QTest::newRow("digits-with-separator") << u"includes 2,030 soldiers"_s << u"2,0"_s << words << u"2,030"_s;
    QTest::newRow("figure-words") << u"includes 2,030 soldiers"_s << u"2,030 soldiers"_s << words
                                  << u"2,030 soldiers"_s;
    QTest::newRow("punctuation-only") << u"clearly . It"_s << u" . "_s << words << QString();
    QTest::newRow("space-only") << u"clearly . It"_s << u" "_s << name << QString();
    QTest::newRow("raw-keeps-all") << u"Kazakhstan’s president"_s << u"Kazakhstan’s "_s << raw
                                   << u"Kazakhstan’s "_s;
    QTest::newRow("raw-inside-a-word")
        << u"Vladimir Putin said on Monday"_s << u"ladimir"_s << raw << u"ladimir"_s;
}

void TestAnnotationEditor::testSnapSpan()
{
    QFETCH(QString, context);
    QFETCH(QString, selected);
    QFETCH(int, snapping);
    QFETCH(QString, expected);
    const Span where = find(m_text, context);
    QVERIFY2(!where.isNull(), qPrintable(context));
    QCOMPARE(m_text.indexOf(context, where.start + 1), -1);
    const qsizetype start = where.start + context.indexOf(selected);
    const Span span = snapSpan(m_text, { start, start + selected.size() }, Snapping(snapping));
    if (expected.isEmpty()) {
        QVERIFY(span.isNull());
    } else {
        QVERIFY(!span.isNull());
        QCOMPARE(textOf(m_text, span), expected);
    }
}

// Entities

void TestAnnotationEditor::testTagEntity_data()
{
    QTest::addColumn<QString>("seedName"); // an entity there before, empty for none
    QTest::addColumn<QString>("seedType");
    QTest::addColumn<QString>("seedMention"); // the first occurrence of it, or empty
    QTest::addColumn<QString>("selected");
    QTest::addColumn<int>("occurrence");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("joins");
    QTest::addColumn<QString>("expectedText");

    QTest::newRow("new-entity") << QString() << QString() << QString() << u"Kremlin"_s << 0 << u"ORG"_s
                                << false << u"Kremlin"_s;
    QTest::newRow("join-same-name-case-and-space")
        << u"  KAZAKHSTAN "_s << u"GPE"_s << QString() << u"Kazakhstan"_s << 1 << u"GPE"_s << true
        << u"Kazakhstan"_s;
    QTest::newRow("join-by-mention-text") << u"Vladimir Putin"_s << u"PERSON"_s << u"Putin"_s << u"Putin"_s
                                          << 3 << u"PERSON"_s << true << u"Putin"_s;
    QTest::newRow("other-type-starts-new") << u"Kazakh"_s << u"NORP"_s << QString() << u"Kazakhstan"_s << 0
                                           << u"GPE"_s << false << u"Kazakhstan"_s;
    QTest::newRow("same-name-other-type-starts-new")
        << u"Russian"_s << u"PERSON"_s << QString() << u"Russian"_s << 0 << u"NORP"_s << false
        << u"Russian"_s;
    QTest::newRow("possessive-joins") << u"Kazakhstan"_s << u"GPE"_s << QString() << u"Kazakhstan’s"_s << 0
                                      << u"GPE"_s << true << u"Kazakhstan"_s;
}

void TestAnnotationEditor::testTagEntity()
{
    QFETCH(QString, seedName);
    QFETCH(QString, seedType);
    QFETCH(QString, seedMention);
    QFETCH(QString, selected);
    QFETCH(int, occurrence);
    QFETCH(QString, type);
    QFETCH(bool, joins);
    QFETCH(QString, expectedText);

    RecordId seeded = 0;
    if (!seedName.isEmpty()) {
        const QList<Span> mentions
            = seedMention.isEmpty() ? QList<Span>() : QList<Span> { find(m_text, seedMention) };
        seeded = seedEntity(seedName, seedType, mentions);
        QVERIFY(seeded);
    }
    const State before = state();
    const Span selection = find(m_text, selected, occurrence);
    QVERIFY(!selection.isNull());
    const RecordId mentionId = m_editor->tagEntity(selection, type);
    QVERIFY2(mentionId, qPrintable(m_editor->errorString()));

    const auto &entities = m_document->annotations().entities;
    QCOMPARE(entities.size(), before.set.entities.size() + (joins ? 0 : 1));
    const Entity *owner = nullptr;
    for (const Entity &entity : entities) {
        for (const Mention &mention : entity.mentions) {
            if (mention.id == mentionId)
                owner = &entity;
        }
    }
    QVERIFY(owner);
    QCOMPARE(owner->type, type);
    QCOMPARE(owner->id == seeded, joins);
    if (!joins)
        QCOMPARE(owner->name, expectedText);
    const Mention &mention = owner->mentions.last();
    QCOMPARE(mention.id, mentionId);
    QCOMPARE(textOf(m_text, mention.span), expectedText);
    QCOMPARE(toString(mention.provenance.status), toString(AnnotationStatus::Manual));
    QCOMPARE(mention.provenance.annotator, u"tester"_s);
    verifyUndoRedo(before, state(), 1);
}

void TestAnnotationEditor::testTagEntityFails_data()
{
    QTest::addColumn<QString>("selected");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("tagFirst");

    QTest::newRow("white-space") << u"\n\n\n"_s << u"PERSON"_s << false;
    QTest::newRow("punctuation") << u" . "_s << u"PERSON"_s << false;
    QTest::newRow("unknown-type") << u"Kremlin"_s << u"ANIMAL"_s << false;
    QTest::newRow("already-tagged") << u"Kremlin"_s << u"ORG"_s << true;
}

void TestAnnotationEditor::testTagEntityFails()
{
    QFETCH(QString, selected);
    QFETCH(QString, type);
    QFETCH(bool, tagFirst);
    if (tagFirst)
        QVERIFY(m_editor->tagEntity(find(m_text, selected), type));
    const State before = state();
    const int steps = m_document->undoStack()->count();
    QCOMPARE(m_editor->tagEntity(find(m_text, selected), type), RecordId(0));
    QVERIFY(!m_editor->errorString().isEmpty());
    QCOMPARE(m_document->undoStack()->count(), steps);
    verifyState(before);
}

void TestAnnotationEditor::testOccurrences()
{
    const RecordId first = m_editor->tagEntity(find(m_text, u"Kazakhstan"_s), u"GPE"_s);
    QVERIFY(first);
    const RecordId entityId = m_document->annotations().entities.first().id;
    // "Kazakh" and an already tagged place are not occurrences; "Kazakhstan’s" is.
    int total = 0;
    for (auto match = QRegularExpression(u"\\bKazakhstan\\b"_s).globalMatch(m_text); match.hasNext();
        match.next())
        ++total;
    QCOMPARE(total, 10);
    const QList<Span> found = m_editor->untaggedOccurrences(entityId);
    QCOMPARE(found.size(), total - 1);
    for (const Span &span : found)
        QCOMPARE(textOf(m_text, span), u"Kazakhstan"_s);
    QVERIFY(std::is_sorted(
        found.cbegin(), found.cend(), [](const Span &a, const Span &b) { return a.start < b.start; }));
    QVERIFY(m_editor->untaggedOccurrences(4242).isEmpty());

    const State before = state();
    QVERIFY(m_editor->tagOccurrences(entityId, found));
    QCOMPARE(m_document->annotations().entities.first().mentions.size(), total);
    QVERIFY(m_editor->untaggedOccurrences(entityId).isEmpty());
    verifyUndoRedo(before, state(), 1);

    QVERIFY(!m_editor->tagOccurrences(entityId, {}));
    QVERIFY(!m_editor->tagOccurrences(4242, found));
    const Occurrence elsewhere { .articleId = m_document->currentArticle().id + 1, .span = found.first() };
    QVERIFY(!m_editor->tagOccurrencesAcrossArticles(entityId, {}));
    QVERIFY(!m_editor->tagOccurrencesAcrossArticles(4242, { elsewhere }));
    QVERIFY(!m_editor->errorString().isEmpty());
}

void TestAnnotationEditor::testEntityEdits_data()
{
    QTest::addColumn<QString>("edit");
    for (const char *edit : { "rename", "set-type", "remove-mention", "remove-last-mention", "remove-entity",
             "merge", "split-mention" })
        QTest::newRow(edit) << QString::fromLatin1(edit);
}

void TestAnnotationEditor::testEntityEdits()
{
    QFETCH(QString, edit);
    const RecordId putin = seedEntity(u"Vladimir Putin"_s, u"PERSON"_s,
        { find(m_text, u"Vladimir Putin"_s), find(m_text, u"Putin"_s, 0) }, AnnotationStatus::Auto);
    const RecordId kremlin = seedEntity(u"Kremlin"_s, u"ORG"_s, { find(m_text, u"Kremlin"_s) });
    const RecordId putin2 = seedEntity(u"Putin"_s, u"PERSON"_s, { find(m_text, u"Putin"_s, 3) });
    QVERIFY(putin && kremlin && putin2);
    const State before = state();
    const auto entity = [this](RecordId id) { return m_document->entity(id); };

    if (edit == u"rename"_s) {
        QVERIFY(m_editor->renameEntity(putin, u"  Putin,  Vladimir "_s));
        QCOMPARE(entity(putin)->name, u"Putin, Vladimir"_s);
        QCOMPARE(toString(entity(putin)->provenance.status), toString(AnnotationStatus::Edited));
        QCOMPARE(entity(putin)->provenance.previous.value(u"name"_s).toString(), u"Vladimir Putin"_s);
        QVERIFY(!m_editor->renameEntity(putin, u"  "_s));
    } else if (edit == u"set-type"_s) {
        QVERIFY(m_editor->setEntityType(kremlin, u"GPE"_s));
        QCOMPARE(entity(kremlin)->type, u"GPE"_s);
        QCOMPARE(toString(entity(kremlin)->provenance.status), toString(AnnotationStatus::Manual));
        QVERIFY(!m_editor->setEntityType(kremlin, u"ANIMAL"_s));
    } else if (edit == u"remove-mention"_s) {
        QVERIFY(m_editor->removeMention(entity(putin)->mentions.last().id));
        QCOMPARE(entity(putin)->mentions.size(), 1);
    } else if (edit == u"remove-last-mention"_s) {
        QVERIFY(m_editor->removeMention(entity(kremlin)->mentions.first().id));
        QVERIFY(!entity(kremlin));
    } else if (edit == u"remove-entity"_s) {
        QVERIFY(m_editor->removeEntity(putin));
        QVERIFY(!entity(putin));
        QVERIFY(!m_editor->removeEntity(putin));
    } else if (edit == u"merge"_s) {
        QVERIFY(!m_editor->mergeEntities(putin, putin));
        QVERIFY(m_editor->mergeEntities(putin, putin2));
        QVERIFY(!entity(putin2));
        QCOMPARE(entity(putin)->mentions.size(), 3);
    } else if (edit == u"split-mention"_s) {
        QCOMPARE(m_editor->splitMention(entity(kremlin)->mentions.first().id), RecordId(0)); // its only one
        const RecordId split = m_editor->splitMention(entity(putin)->mentions.last().id);
        QVERIFY2(split, qPrintable(m_editor->errorString()));
        QCOMPARE(entity(split)->name, u"Putin"_s);
        QCOMPARE(entity(putin)->mentions.size(), 1);
        QCOMPARE(
            toString(entity(split)->mentions.first().provenance.status), toString(AnnotationStatus::Edited));
    }
    QCOMPARE(m_document->undoStack()->count(), 1);
    verifyUndoRedo(before, state(), 1);
}

void TestAnnotationEditor::testSetMentionSpan()
{
    const RecordId putin
        = seedEntity(u"Vladimir Putin"_s, u"PERSON"_s, { { 173, 205 } }, AnnotationStatus::Auto);
    const RecordId kremlin = seedEntity(u"Kremlin"_s, u"ORG"_s, { { 561, 568 } });
    const RecordId mentionId = m_document->entity(putin)->mentions.first().id;
    const State before = state();
    QVERIFY(!m_editor->setMentionSpan(mentionId, { 561, 568 })); // taken by Kremlin
    QVERIFY(!m_editor->setMentionSpan(4242, { 191, 205 }));
    QVERIFY(!m_editor->setMentionSpan(mentionId, find(m_text, u"\n\n\n"_s)));
    QCOMPARE(m_document->undoStack()->count(), 0);
    // "Russian President Vladimir Putin" re-selected sloppily as "adimir Putin".
    QVERIFY(m_editor->setMentionSpan(mentionId, { 193, 205 }));
    const Mention &moved = m_document->entity(putin)->mentions.first();
    QCOMPARE(textOf(m_text, moved.span), u"Vladimir Putin"_s);
    QCOMPARE(toString(moved.provenance.status), toString(AnnotationStatus::Edited));
    QCOMPARE(moved.provenance.previous[u"span"_s][u"start"_s].toInt(), 173);
    QVERIFY(kremlin);
    verifyUndoRedo(before, state(), 1);
}

void TestAnnotationEditor::testSetFigureSpan()
{
    Figure suggestion { .articleId = m_articleId,
        .kind = u"count"_s,
        .span = { 2505, 2516 }, // "250 pieces"
        .number = { 2505, 2508 },
        .value = 250.0,
        .unit = u"pieces"_s,
        .provenance = suggested() };
    QVERIFY(m_document->store().insertFigure(suggestion));
    m_document->reloadAnnotations();
    const State before = state();
    QVERIFY(!m_editor->setFigureSpan(suggestion.id, find(m_text, u"\n\n\n"_s)));
    QVERIFY(m_editor->setFigureSpan(suggestion.id, find(m_text, u"250 pieces of military equipment"_s)));
    const Figure &after = m_document->annotations().figures.first();
    QCOMPARE(after.unit, u"pieces of military equipment"_s);
    QCOMPARE(after.value.toDouble(), 250.0);
    QCOMPARE(toString(after.provenance.status), toString(AnnotationStatus::Edited));
    QCOMPARE(after.provenance.previous[u"unit"_s].toString(), u"pieces"_s);
    verifyUndoRedo(before, state(), 1);
}

// Quotes

void TestAnnotationEditor::testGuessKind_data()
{
    QTest::addColumn<QString>("selected");
    QTest::addColumn<int>("occurrence");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("content");

    const int direct = int(QuoteKind::Direct);
    const int indirect = int(QuoteKind::Indirect);
    const int mixed = int(QuoteKind::Mixed);
    QTest::newRow("direct-marks-selected") << u"“Very soon,”"_s << 0 << direct << u"Very soon,"_s;
    QTest::newRow("direct-marks-around") << u"Very soon"_s << 0 << direct << u"Very soon,"_s;
    QTest::newRow("direct-punctuation-inside-marks") << u"Very soon,"_s << 0 << direct << u"Very soon,"_s;
    QTest::newRow("direct-second-part")
        << u"the large-scale counter-terrorism operation will end with the effective and successful "
           "mission"_s
        << 0 << direct
        << u"the large-scale counter-terrorism operation will end with the effective and successful "
           "mission"_s;
    QTest::newRow("direct-space-before-closing-mark")
        << u"We never and will never use military force against peaceful demonstrators"_s << 0 << direct
        << u"We never and will never use military force against peaceful demonstrators"_s;
    QTest::newRow("direct-malformed-closing-mark")
        << u"Their goal principal has appeared clearly . It was an attempted coup."_s << 0 << direct
        << u"Their goal principal has appeared clearly . It was an attempted coup."_s;
    QTest::newRow("mixed-fragment-inside")
        << u"what happened was “a movement of militant groups waiting for the right moment for them”"_s << 0
        << mixed
        << u"what happened was “a movement of militant groups waiting for the right moment for them”"_s;
    QTest::newRow("mixed-leading-fragment") << u"“global terrorism” has targeted Kazakhstan"_s << 0 << mixed
                                            << u"“global terrorism” has targeted Kazakhstan"_s;
    QTest::newRow("indirect") << u"Russian forces would withdraw after their mission ended in Kazakhstan"_s
                              << 0 << indirect
                              << u"Russian forces would withdraw after their mission ended in Kazakhstan"_s;
    QTest::newRow("indirect-possessive-is-no-mark")
        << u"Kazakhstan’s president confirmed"_s << 0 << indirect << u"Kazakhstan’s president confirmed"_s;
    QTest::newRow("indirect-full-stop-dropped")
        << u"The CSTO mission includes 2,030 soldiers and 250 pieces of military equipment, Tokayev said."_s
        << 0 << indirect
        << u"The CSTO mission includes 2,030 soldiers and 250 pieces of military equipment, Tokayev said"_s;
}

void TestAnnotationEditor::testGuessKind()
{
    QFETCH(QString, selected);
    QFETCH(int, occurrence);
    QFETCH(int, kind);
    QFETCH(QString, content);
    const State before = state();
    const RecordId quoteId = m_editor->createQuote(find(m_text, selected, occurrence));
    QVERIFY2(quoteId, qPrintable(m_editor->errorString()));
    const Quote &quote = m_document->annotations().quotes.last();
    QCOMPARE(quote.id, quoteId);
    QCOMPARE(int(quote.kind), kind);
    QCOMPARE(quote.content.size(), 1);
    QCOMPARE(textOf(m_text, quote.content.first()), content);
    QCOMPARE(toString(quote.provenance.status), toString(AnnotationStatus::Manual));
    verifyUndoRedo(before, state(), 1);
}

// “Very soon,” he explained, “the large-scale ...” of the sample, as gold quote Q21 has it.
void TestAnnotationEditor::testSplitQuote()
{
    const RecordId tokayev
        = seedEntity(u"Kassym-Jomart Tokayev"_s, u"PERSON"_s, { find(m_text, u"Kassym-Jomart Tokayev"_s) });
    const State start = state();
    const RecordId quoteId = m_editor->createQuote(find(m_text, u"Very soon"_s));
    QVERIFY(quoteId);
    const State created = state();
    // The second part selected with its quotation marks, as a mouse does.
    const Span second { find(m_text, u"“the large-scale counter"_s).start,
        find(m_text, u"successful mission”"_s).end };
    QVERIFY(m_editor->addQuotePart(quoteId, second));
    QVERIFY(m_editor->setQuoteSource(quoteId, find(m_text, u" he explained"_s)));
    QVERIFY(m_editor->setQuoteCue(quoteId, find(m_text, u"explained,"_s)));
    QVERIFY(m_editor->setSpeaker(quoteId, tokayev));
    // Setting the same kind is no step at all.
    QVERIFY(m_editor->setQuoteKind(quoteId, QuoteKind::Direct));
    QCOMPARE(m_document->undoStack()->count(), 5);

    const Quote &quote = m_document->annotations().quotes.first();
    QCOMPARE(toString(quote.kind), toString(QuoteKind::Direct));
    QCOMPARE(quote.content.size(), 2);
    QCOMPARE(quote.content[0], (Span { 2317, 2327 }));
    QCOMPARE(quote.content[1], (Span { 2344, 2438 }));
    QCOMPARE(quote.source, (Span { 2329, 2341 })); // snapped words: "he explained"
    QCOMPARE(quote.cue, (Span { 2332, 2341 }));
    QCOMPARE(quote.speakerId, tokayev);
    QCOMPARE(toString(quote.provenance.status),
        toString(AnnotationStatus::Manual)); // the analyst's own: nothing to keep
    QVERIFY(quote.provenance.previous.isEmpty());

    // A source re-selected right.
    QVERIFY(m_editor->setQuoteSource(quoteId, { 2329, 2331 }));
    QCOMPARE(m_document->annotations().quotes.first().source, (Span { 2329, 2331 }));
    const State done = state();
    verifyUndoRedo(start, done, 6);
    if (QTest::currentTestFailed())
        return;
    verifyUndoRedo(created, done, 5);
}

void TestAnnotationEditor::testQuoteFails_data()
{
    QTest::addColumn<QString>("call");
    for (const char *call : { "create-empty", "part-without-quote", "part-overlapping", "source-empty",
             "cue-without-quote", "speaker-unknown", "part-index", "part-empty", "part-outside" })
        QTest::newRow(call) << QString::fromLatin1(call);
}

void TestAnnotationEditor::testQuoteFails()
{
    QFETCH(QString, call);
    const RecordId quoteId = m_editor->createQuote(find(m_text, u"Very soon"_s));
    QVERIFY(quoteId);
    const State before = state();
    const int steps = m_document->undoStack()->count();
    const Span blank = find(m_text, u"\n\n\n"_s);
    bool ok = true;
    if (call == u"create-empty"_s)
        ok = m_editor->createQuote(blank) != 0;
    else if (call == u"part-without-quote"_s)
        ok = m_editor->addQuotePart(4242, find(m_text, u"the large-scale"_s, 1));
    else if (call == u"part-overlapping"_s)
        ok = m_editor->addQuotePart(quoteId, find(m_text, u"soon,”"_s));
    else if (call == u"source-empty"_s)
        ok = m_editor->setQuoteSource(quoteId, blank);
    else if (call == u"cue-without-quote"_s)
        ok = m_editor->setQuoteCue(0, find(m_text, u"explained"_s));
    else if (call == u"speaker-unknown"_s)
        ok = m_editor->setSpeaker(quoteId, 4242);
    else if (call == u"part-index"_s)
        ok = m_editor->setQuotePart(quoteId, 1, { 0, 4 });
    else if (call == u"part-empty"_s)
        ok = m_editor->setQuotePart(quoteId, 0, { 10, 10 });
    else if (call == u"part-outside"_s)
        ok = m_editor->setQuotePart(quoteId, 0, { 10, m_text.size() + 1 });
    QVERIFY(!ok);
    QVERIFY(!m_editor->errorString().isEmpty());
    QCOMPARE(m_document->undoStack()->count(), steps);
    verifyState(before);
}

void TestAnnotationEditor::testSpeakerFromSource()
{
    Quote quote { .articleId = m_articleId,
        .kind = QuoteKind::Mixed,
        .content = { { 1079, 1166 } },
        .cue = { 1074, 1078 },
        .source = { 1052, 1073 },
        .provenance = suggested() };
    QVERIFY(m_document->store().insertQuote(quote));
    m_document->reloadAnnotations();
    const State before = state();

    const RecordId speaker = m_editor->speakerFromSource(quote.id, u"PERSON"_s);
    QVERIFY2(speaker, qPrintable(m_editor->errorString()));
    QCOMPARE(m_document->entity(speaker)->name, u"Kassym-Jomart Tokayev"_s);
    const Quote &after = m_document->annotations().quotes.first();
    QCOMPARE(after.speakerId, speaker);
    QCOMPARE(toString(after.provenance.status), toString(AnnotationStatus::Edited));
    QCOMPARE(m_document->undoStack()->count(), 1); // tag and speaker: one step
    verifyUndoRedo(before, state(), 1);
    if (QTest::currentTestFailed())
        return;

    // The name tagged already: the quote speaks through that entity, still one step.
    QVERIFY(m_editor->setSpeaker(quote.id, 0));
    const State cleared = state();
    QCOMPARE(m_editor->speakerFromSource(quote.id, u"PERSON"_s), speaker);
    QCOMPARE(m_document->annotations().entities.size(), 1);
    QCOMPARE(m_document->annotations().quotes.first().speakerId, speaker);
    verifyUndoRedo(cleared, state(), 1);
}

void TestAnnotationEditor::testSpeakerFromSourceFails()
{
    const RecordId quoteId = m_editor->createQuote(find(m_text, u"Very soon"_s));
    QVERIFY(quoteId);
    const int steps = m_document->undoStack()->count();
    QCOMPARE(m_editor->speakerFromSource(quoteId, u"PERSON"_s), RecordId(0)); // no source yet
    QCOMPARE(m_document->undoStack()->count(), steps);
    QVERIFY(m_editor->setQuoteSource(quoteId, { 2329, 2331 }));
    const State before = state();
    const int withSource = m_document->undoStack()->count();
    QCOMPARE(m_editor->speakerFromSource(quoteId, u"ANIMAL"_s), RecordId(0)); // no such type, nothing tagged
    QVERIFY(!m_editor->errorString().isEmpty());
    QCOMPARE(m_document->undoStack()->count(), withSource); // and no empty step left behind
    verifyState(before);
}

// The analyst's most frequent task: a suggestion with a wrong end, a wrong speaker and a
// wrong kind, corrected to gold quote Q17; the first state is kept for learning.
void TestAnnotationEditor::testCorrectSuggestion()
{
    const RecordId putin
        = seedEntity(u"Vladimir Putin"_s, u"PERSON"_s, { { 191, 205 } }, AnnotationStatus::Auto);
    const RecordId tokayev
        = seedEntity(u"Tokayev"_s, u"PERSON"_s, { { 1710, 1717 } }, AnnotationStatus::Auto);
    Quote quote { .articleId = m_articleId,
        .kind = QuoteKind::Indirect,
        .content = { { 1834, 1899 } }, // with the full stop
        .cue = { 1823, 1828 },
        .source = { 1820, 1822 },
        .speakerId = putin,
        .provenance = suggested() };
    QVERIFY(m_document->store().insertQuote(quote));
    m_document->reloadAnnotations();
    const State before = state();
    const Quote original = m_document->annotations().quotes.first();

    QVERIFY(m_editor->setQuotePart(quote.id, 0, { 1834, 1898 }));
    QVERIFY(m_editor->setSpeaker(quote.id, tokayev));
    QVERIFY(m_editor->setQuoteKind(quote.id, QuoteKind::Mixed));
    const Quote &after = m_document->annotations().quotes.first();
    QCOMPARE(after.content, (QList<Span> { { 1834, 1898 } }));
    QCOMPARE(textOf(m_text, after.content.first()),
        u"the large-scale “counter-terrorism” operation would soon be over"_s);
    QCOMPARE(after.speakerId, tokayev);
    QCOMPARE(toString(after.kind), toString(QuoteKind::Mixed));
    QCOMPARE(toString(after.provenance.status), toString(AnnotationStatus::Edited));
    QCOMPARE(after.provenance.annotator, u"tester"_s);
    QCOMPARE(after.provenance.created, original.provenance.created);
    QCOMPARE(after.provenance.rule, original.provenance.rule);
    // The earlier state is the suggestion as made, not an intermediate one.
    const QJsonObject previous = after.provenance.previous;
    QCOMPARE(previous.value(u"kind"_s).toString(), u"indirect"_s);
    QCOMPARE(previous.value(u"speaker"_s).toString(), u"Vladimir Putin"_s);
    const QJsonArray content = previous.value(u"content"_s).toArray();
    QCOMPARE(content.size(), 1);
    QCOMPARE(content.first().toObject().value(u"end"_s).toInt(), 1899);
    // And the project holds it so.
    QCOMPARE(m_document->store().annotations(m_articleId).quotes.first().provenance.previous, previous);
    verifyUndoRedo(before, state(), 3);
}

void TestAnnotationEditor::testSplitAndJoinParts()
{
    const Span whole
        = find(m_text, u"Russian forces would withdraw after their mission ended in Kazakhstan"_s);
    const RecordId quoteId = m_editor->createQuote(whole);
    QVERIFY(quoteId);
    const State start = state();
    const qsizetype at = find(m_text, u" after their mission"_s).start;
    QVERIFY(!m_editor->splitQuotePart(quoteId, 0, whole.start));
    QVERIFY(!m_editor->splitQuotePart(quoteId, 1, at));
    QVERIFY(m_editor->splitQuotePart(quoteId, 0, at));
    const Quote &split = m_document->annotations().quotes.first();
    QCOMPARE(split.content.size(), 2);
    QCOMPARE(textOf(m_text, split.content[0]), u"Russian forces would withdraw"_s);
    QCOMPARE(textOf(m_text, split.content[1]), u"after their mission ended in Kazakhstan"_s);
    const State splitState = state();
    verifyUndoRedo(start, splitState, 1);

    QVERIFY(!m_editor->joinQuoteParts(quoteId, 1));
    QVERIFY(m_editor->joinQuoteParts(quoteId, 0));
    QCOMPARE(m_document->annotations().quotes.first().content, (QList<Span> { whole }));
    verifyUndoRedo(splitState, state(), 1);
}

void TestAnnotationEditor::testRemoveQuote()
{
    const RecordId quoteId = m_editor->createQuote(find(m_text, u"Very soon"_s));
    const State before = state();
    QVERIFY(m_editor->removeQuote(quoteId));
    QVERIFY(m_document->annotations().quotes.isEmpty());
    QVERIFY(!m_editor->removeQuote(quoteId));
    verifyUndoRedo(before, state(), 1);
}

void TestAnnotationEditor::testSpeakerCandidates()
{
    const RecordId putin = seedEntity(u"Vladimir Putin"_s, u"PERSON"_s, { { 191, 205 }, { 994, 1008 } });
    const RecordId tokayev
        = seedEntity(u"Kassym-Jomart Tokayev"_s, u"PERSON"_s, { { 1052, 1073 }, { 2176, 2183 } });
    const RecordId kremlin = seedEntity(u"Kremlin"_s, u"ORG"_s, { { 561, 568 } });
    const RecordId csto = seedEntity(u"CSTO"_s, u"ORG"_s, { { 2447, 2451 } }); // after the position only
    const RecordId soviet = seedEntity(u"Soviet"_s, u"NORP"_s, { { 486, 492 } }); // does not speak
    QVERIFY(putin && tokayev && kremlin && csto && soviet);
    const QList<RecordId> expected { tokayev, putin, kremlin, csto };
    QCOMPARE(m_editor->speakerCandidates(2329), expected);
    QCOMPARE(m_editor->speakerCandidates(1010).first(), putin);

    // Rejected suggestions are no names: they neither rank nor offer their entity.
    const RecordId kazakhstan
        = seedEntity(u"Kazakhstan"_s, u"GPE"_s, { { 2253, 2263 } }, AnnotationStatus::Rejected);
    const RecordId wrongPutin
        = seedEntity(u"Putin"_s, u"PERSON"_s, { { 2320, 2325 } }, AnnotationStatus::Rejected);
    QVERIFY(kazakhstan && wrongPutin);
    QCOMPARE(m_editor->speakerCandidates(2329), expected);
}

// Figures

void TestAnnotationEditor::testFigures_data()
{
    QTest::addColumn<QString>("selected");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("number");

    QTest::newRow("count-long-unit") << u"16 members of the security forces"_s << u"count"_s << 16.0
                                     << u"members of the security forces"_s << u"16"_s;
    QTest::newRow("count-separator") << u"2,030 soldiers"_s << u"count"_s << 2030.0 << u"soldiers"_s
                                     << u"2,030"_s;
    QTest::newRow("count-pieces") << u"250 pieces of military equipment"_s << u"count"_s << 250.0
                                  << u"pieces of military equipment"_s << u"250"_s;
}

void TestAnnotationEditor::testFigures()
{
    QFETCH(QString, selected);
    QFETCH(QString, kind);
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(QString, number);
    const State before = state();
    const RecordId figureId = m_editor->createFigure(find(m_text, selected));
    QVERIFY2(figureId, qPrintable(m_editor->errorString()));
    const Figure &figure = m_document->annotations().figures.last();
    QCOMPARE(figure.id, figureId);
    QCOMPARE(textOf(m_text, figure.span), selected);
    QCOMPARE(textOf(m_text, figure.number), number);
    QCOMPARE(figure.kind, kind);
    QCOMPARE(figure.value.toDouble(), value);
    QCOMPARE(figure.unit, unit);
    QCOMPARE(toString(figure.provenance.status), toString(AnnotationStatus::Manual));
    verifyUndoRedo(before, state(), 1);
}

void TestAnnotationEditor::testFigureFails()
{
    const State before = state();
    QCOMPARE(m_editor->createFigure(find(m_text, u"on Monday"_s)), RecordId(0));
    QVERIFY(!m_editor->errorString().isEmpty());
    QCOMPARE(m_editor->createFigure(find(m_text, u"\n\n\n"_s)), RecordId(0));
    QCOMPARE(m_document->undoStack()->count(), 0);
    verifyState(before);
}

void TestAnnotationEditor::testChangeAndRemoveFigure()
{
    Figure suggestion { .articleId = m_articleId,
        .kind = u"count"_s,
        .span = find(m_text, u"2,030 soldiers"_s),
        .number = find(m_text, u"2,030"_s),
        .value = 2030.0,
        .unit = u"soldier"_s,
        .provenance = suggested() };
    QVERIFY(m_document->store().insertFigure(suggestion));
    m_document->reloadAnnotations();
    const State before = state();
    Figure changed = m_document->annotations().figures.first();
    changed.unit = u"soldiers"_s;
    changed.qualifier = u"about"_s;
    QVERIFY(m_editor->changeFigure(changed));
    const Figure &after = m_document->annotations().figures.first();
    QCOMPARE(after.unit, u"soldiers"_s);
    QCOMPARE(toString(after.provenance.status), toString(AnnotationStatus::Edited));
    QCOMPARE(after.provenance.previous.value(u"unit"_s).toString(), u"soldier"_s);
    const State changedState = state();
    verifyUndoRedo(before, changedState, 1);

    Figure outside = changed;
    outside.span = { 0, m_text.size() + 5 };
    QVERIFY(!m_editor->changeFigure(outside));
    QVERIFY(m_editor->removeFigure(changed.id));
    QVERIFY(m_document->annotations().figures.isEmpty());
    QVERIFY(!m_editor->removeFigure(changed.id));
    verifyUndoRedo(changedState, state(), 1);
}

// Review

void TestAnnotationEditor::testReviewOrder()
{
    QCOMPARE(m_editor->unreviewedCount(), 0);
    QVERIFY(m_editor->nextUnreviewed(-1).isNull());
    const RecordId putin
        = seedEntity(u"Vladimir Putin"_s, u"PERSON"_s, { { 191, 205 } }, AnnotationStatus::Auto);
    seedEntity(u"Kremlin"_s, u"ORG"_s, { { 561, 568 } }, AnnotationStatus::Manual);
    Quote quote { .articleId = m_articleId,
        .kind = QuoteKind::Mixed,
        .content = { { 226, 268 } },
        .provenance = suggested() };
    QVERIFY(m_document->store().insertQuote(quote));
    Figure figure { .articleId = m_articleId,
        .kind = u"count"_s,
        .span = { 2486, 2500 },
        .number = { 2486, 2491 },
        .value = 2030.0,
        .provenance = suggested() };
    QVERIFY(m_document->store().insertFigure(figure));
    m_document->reloadAnnotations();
    const RecordId putinMention = m_document->entity(putin)->mentions.first().id;

    QCOMPARE(m_editor->unreviewedCount(), 3);
    const AnnotationRef first { Layer::Entities, putinMention };
    const AnnotationRef second { Layer::Quotes, quote.id };
    const AnnotationRef third { Layer::Figures, figure.id };
    QCOMPARE(m_editor->nextUnreviewed(-1), first);
    QCOMPARE(m_editor->nextUnreviewed(191), second);
    QCOMPARE(m_editor->nextUnreviewed(226), third);
    QCOMPARE(m_editor->nextUnreviewed(2486), first); // wraps around
    QCOMPARE(m_editor->nextUnreviewed(2486, false), second);
    QCOMPARE(m_editor->nextUnreviewed(191, false), third); // wraps around
    QCOMPARE(m_editor->spanOf(first), (Span { 191, 205 }));
    QCOMPARE(m_editor->spanOf(second), (Span { 226, 268 }));
    QCOMPARE(m_editor->spanOf(third), (Span { 2486, 2500 }));
    QVERIFY(m_editor->spanOf({ Layer::Quotes, 4242 }).isNull());

    QCOMPARE(m_editor->nextUnreviewed(first), second);
    QCOMPARE(m_editor->nextUnreviewed(third), first);
    QCOMPARE(m_editor->nextUnreviewed(first, false), third);

    QVERIFY(m_editor->reject(second));
    QCOMPARE(m_editor->unreviewedCount(), 2);
    QCOMPARE(m_editor->nextUnreviewed(second), third); // from one reviewed by now
    QCOMPARE(m_editor->nextUnreviewed(191), third);
    QVERIFY(m_editor->accept(third));
    QVERIFY(m_editor->accept(first));
    QCOMPARE(m_editor->unreviewedCount(), 0);
    QVERIFY(m_editor->nextUnreviewed(-1).isNull());
}

// A quote and a mention starting at one place: stepping from one reaches the other.
void TestAnnotationEditor::testReviewSamePosition()
{
    seedEntity(u"Kazakhstan"_s, u"GPE"_s, { { 1499, 1509 } }, AnnotationStatus::Auto);
    Quote quote { .articleId = m_articleId,
        .kind = QuoteKind::Mixed,
        .content = { { 1499, 1621 } },
        .provenance = suggested() };
    QVERIFY(m_document->store().insertQuote(quote));
    m_document->reloadAnnotations();
    const AnnotationRef mention { Layer::Entities,
        m_document->annotations().entities.first().mentions.first().id };
    const AnnotationRef quoted { Layer::Quotes, quote.id };
    QCOMPARE(m_editor->nextUnreviewed(-1), mention);
    QCOMPARE(m_editor->nextUnreviewed(mention), quoted);
    QVERIFY(m_editor->accept(mention));
    QCOMPARE(m_editor->nextUnreviewed(mention), quoted);
}

void TestAnnotationEditor::testAcceptReject_data()
{
    QTest::addColumn<int>("layer");
    QTest::addColumn<bool>("accepting");
    for (const auto &[name, layer] : { std::pair { "mention", Layer::Entities },
             std::pair { "quote", Layer::Quotes }, std::pair { "figure", Layer::Figures } }) {
        QTest::addRow("accept-%s", name) << int(layer) << true;
        QTest::addRow("reject-%s", name) << int(layer) << false;
    }
}

void TestAnnotationEditor::testAcceptReject()
{
    QFETCH(int, layer);
    QFETCH(bool, accepting);
    const RecordId putin
        = seedEntity(u"Vladimir Putin"_s, u"PERSON"_s, { { 191, 205 } }, AnnotationStatus::Auto);
    Quote quote { .articleId = m_articleId,
        .kind = QuoteKind::Mixed,
        .content = { { 226, 268 } },
        .provenance = suggested() };
    QVERIFY(m_document->store().insertQuote(quote));
    Figure figure { .articleId = m_articleId,
        .kind = u"count"_s,
        .span = { 2486, 2500 },
        .number = { 2486, 2491 },
        .value = 2030.0,
        .provenance = suggested() };
    QVERIFY(m_document->store().insertFigure(figure));
    m_document->reloadAnnotations();
    const State before = state();
    const RecordId ids[] = { m_document->entity(putin)->mentions.first().id, quote.id, figure.id };
    const AnnotationRef ref { Layer(layer), ids[layer] };
    QVERIFY(accepting ? m_editor->accept(ref) : m_editor->reject(ref));
    const AnnotationStatus expected = accepting ? AnnotationStatus::Accepted : AnnotationStatus::Rejected;
    const AnnotationSet &set = m_document->annotations();
    const Provenance &provenance = layer == 0 ? set.entities.first().mentions.first().provenance
        : layer == 1                          ? set.quotes.first().provenance
                                              : set.figures.first().provenance;
    QCOMPARE(toString(provenance.status), toString(expected));
    QCOMPARE(provenance.annotator, u"tester"_s);
    QCOMPARE(m_editor->unreviewedCount(), 2);
    verifyUndoRedo(before, state(), 1);

    const AnnotationRef missing { Layer(layer), 4242 };
    QVERIFY(!m_editor->accept(missing));
    QVERIFY(!m_editor->reject(missing));
}

// Accepting what the analyst already edited must not lose "edited": that is what gets learned.
void TestAnnotationEditor::testAcceptKeepsEdited()
{
    Quote quote { .articleId = m_articleId,
        .kind = QuoteKind::Indirect,
        .content = { { 226, 268 } },
        .provenance = suggested() };
    QVERIFY(m_document->store().insertQuote(quote));
    m_document->reloadAnnotations();
    QVERIFY(m_editor->setQuoteKind(quote.id, QuoteKind::Mixed));
    const int steps = m_document->undoStack()->count();
    QVERIFY(m_editor->accept({ Layer::Quotes, quote.id }));
    QCOMPARE(toString(m_document->annotations().quotes.first().provenance.status),
        toString(AnnotationStatus::Edited));
    QCOMPARE(m_document->undoStack()->count(), steps);
    // A rejected suggestion can be taken back by accepting it.
    QVERIFY(m_editor->reject({ Layer::Quotes, quote.id }));
    QVERIFY(m_editor->accept({ Layer::Quotes, quote.id }));
    QCOMPARE(toString(m_document->annotations().quotes.first().provenance.status),
        toString(AnnotationStatus::Accepted));
}

void TestAnnotationEditor::testArticleStatus()
{
    const State before = state();
    QVERIFY(m_editor->setArticleStatus(ArticleStatus::Todo)); // no change, no step
    QCOMPARE(m_document->undoStack()->count(), 0);
    QVERIFY(m_editor->setArticleStatus(ArticleStatus::Done));
    QCOMPARE(toString(m_document->currentArticle().status), toString(ArticleStatus::Done));
    QCOMPARE(toString(m_document->store().article(m_articleId)->status), toString(ArticleStatus::Done));
    verifyUndoRedo(before, state(), 1);
}

QTEST_GUILESS_MAIN(TestAnnotationEditor)
#include "tst_annotationeditor.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// SuggestionDiff: a re-run of the extractors writes only what changed, with the same outcome as
// removing the old suggestions and adding the new ones.
#include "suggestiondiff.h"

#include "annotationstate.h"
#include "suggestionarticle.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;
using Byline::Test::spanOf;
using ::Test::describe;

namespace {

constexpr RecordId articleId = 7;

Mention suggestedMention(const QString &needle, int occurrence = 1)
{
    Mention mention { .span = spanOf(needle, occurrence) };
    mention.provenance = { .status = AnnotationStatus::Auto, .confidence = 0.5, .rule = u"ner"_s };
    return mention;
}

Entity suggestedEntity(RecordId id, const QString &name, const QString &type, const QList<Mention> &mentions)
{
    Entity entity { .id = id, .name = name, .type = type, .mentions = mentions };
    entity.provenance = { .status = AnnotationStatus::Auto, .confidence = 0.5, .rule = u"ner"_s };
    return entity;
}

// What the extractor says of the article; ids are its own.
AnnotationSet extracted()
{
    AnnotationSet set;
    set.entities << suggestedEntity(1, u"Vladimir Putin"_s, u"PERSON"_s,
        { suggestedMention(u"Vladimir Putin"_s), suggestedMention(u"Putin"_s, 2) })
                 << suggestedEntity(2, u"Kazakhstan"_s, u"GPE"_s, { suggestedMention(u"Kazakhstan"_s) })
                 << suggestedEntity(3, u"Almaty"_s, u"GPE"_s, { suggestedMention(u"Almaty"_s) });
    Quote quote {
        .content = { spanOf(u"We will not allow it,"_s) }, .cue = spanOf(u"said"_s, 2), .speakerId = 1
    };
    quote.provenance = { .status = AnnotationStatus::Auto, .confidence = 0.8, .rule = u"cue"_s };
    set.quotes << quote;
    Figure figure { .kind = u"count"_s,
        .span = spanOf(u"2,030 soldiers"_s),
        .number = spanOf(u"2,030"_s),
        .value = 2030.0,
        .unit = u"soldiers"_s };
    figure.provenance = { .status = AnnotationStatus::Auto, .confidence = 0.9, .rule = u"count"_s };
    set.figures << figure;
    return set;
}

// Adds rows to set as SuggestionWriter stores them, each with the next free id.
void addRows(AnnotationSet &set, const NewSuggestions &rows, RecordId &next)
{
    QList<RecordId> added;
    for (Entity entity : rows.entities) {
        entity.id = next++;
        for (Mention &mention : entity.mentions) {
            mention.id = next++;
            mention.entityId = entity.id;
        }
        added << entity.id;
        set.entities << entity;
    }
    const auto stored = [&added](RecordId id) { return id < 0 ? added.at(-id - 1) : id; };
    for (Mention mention : rows.mentions) {
        mention.id = next++;
        mention.entityId = stored(mention.entityId);
        const auto owner = std::find_if(set.entities.begin(), set.entities.end(),
            [&mention](const Entity &entity) { return entity.id == mention.entityId; });
        QVERIFY(owner != set.entities.end());
        owner->mentions << mention;
    }
    for (Quote quote : rows.quotes) {
        quote.id = next++;
        quote.speakerId = stored(quote.speakerId);
        set.quotes << quote;
    }
    for (Figure figure : rows.figures) {
        figure.id = next++;
        set.figures << figure;
    }
}

template<typename Record> void changeDetails(QList<Record> &records, const QList<Record> &changed)
{
    for (const Record &change : changed) {
        for (Record &record : records) {
            if (record.id == change.id)
                record = change;
        }
    }
}

// The plan carried out in memory, as SuggestionWriter does in the store.
AnnotationSet applied(AnnotationSet set, const SuggestionPlan &plan, RecordId &next)
{
    for (Entity &entity : set.entities) {
        entity.mentions.removeIf(
            [&plan](const Mention &mention) { return plan.removedMentions.contains(mention.id); });
        for (const Mention &change : plan.changedMentions) {
            for (Mention &mention : entity.mentions) {
                if (mention.id == change.id)
                    mention = change;
            }
        }
    }
    set.entities.removeIf([&plan](const Entity &entity) { return plan.removedEntities.contains(entity.id); });
    set.quotes.removeIf([&plan](const Quote &quote) { return plan.removedQuotes.contains(quote.id); });
    set.figures.removeIf([&plan](const Figure &figure) { return plan.removedFigures.contains(figure.id); });
    for (const Entity &change : plan.changedEntities) {
        for (Entity &entity : set.entities) {
            if (entity.id == change.id) {
                entity.provenance = change.provenance;
                entity.extra = change.extra;
            }
        }
    }
    changeDetails(set.quotes, plan.changedQuotes);
    changeDetails(set.figures, plan.changedFigures);
    addRows(set, plan.added, next);
    return set;
}

enum class Change {
    None,
    ShiftedSpan,
    ChangedKind,
    AcceptedInBetween,
    RejectedInBetween,
    AnalystTaggedInBetween,
    EntityRenamed,
    SpeakerChanged,
    ConfidenceChanged,
};

// The analyst's work between the two runs.
void review(AnnotationSet &stored, Change change, RecordId &next)
{
    switch (change) {
    case Change::AcceptedInBetween:
        // The first mention of Putin: its entity stays with the analyst's mention.
        stored.entities[0].mentions[0].provenance.status = AnnotationStatus::Accepted;
        break;
    case Change::RejectedInBetween:
        stored.figures[0].provenance.status = AnnotationStatus::Rejected;
        break;
    case Change::AnalystTaggedInBetween: {
        Entity city { .id = next++, .articleId = articleId, .name = u"Almaty"_s, .type = u"GPE"_s };
        city.mentions << Mention {
            .id = next++, .articleId = articleId, .entityId = city.id, .span = spanOf(u"in Almaty"_s)
        };
        stored.entities << city;
        break;
    }
    default:
        break;
    }
}

// What the extractor says on the second run.
AnnotationSet rerun(Change change)
{
    AnnotationSet set = extracted();
    switch (change) {
    case Change::ShiftedSpan:
        set.entities[2].mentions[0].span.start += 1;
        break;
    case Change::ChangedKind:
        set.figures[0].kind = u"measure"_s;
        break;
    case Change::EntityRenamed:
        set.entities[0].name = u"Putin"_s;
        break;
    case Change::SpeakerChanged:
        set.quotes[0].speakerId = 2;
        break;
    case Change::ConfidenceChanged:
        set.entities[2].mentions[0].provenance.confidence = 0.75;
        set.figures[0].provenance.rule = u"count-range"_s;
        break;
    default:
        break;
    }
    return set;
}

} // namespace

Q_DECLARE_METATYPE(Change)

class TestSuggestionDiff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keptIsWhatRemovingTheSuggestionsLeaves();
    void rerunWritesOnlyTheDifference_data();
    void rerunWritesOnlyTheDifference();
};

void TestSuggestionDiff::keptIsWhatRemovingTheSuggestionsLeaves()
{
    RecordId next = 1;
    AnnotationSet stored;
    addRows(stored, NewSuggestions::decide(articleId, {}, extracted()), next);
    // Putin keeps his entity through the analyst's quote, Kazakhstan through an accepted mention;
    // Almaty has nothing but suggestions.
    stored.quotes[0].provenance.status = AnnotationStatus::Edited;
    stored.entities[1].mentions[0].provenance.status = AnnotationStatus::Accepted;
    const AnnotationSet kept = SuggestionDiff(stored).kept();
    QStringList names;
    for (const Entity &entity : kept.entities)
        names << u"%1:%2"_s.arg(entity.name).arg(entity.mentions.size());
    QCOMPARE(names, QStringList({ u"Vladimir Putin:0"_s, u"Kazakhstan:1"_s }));
    QCOMPARE(kept.quotes.size(), 1);
    QCOMPARE(kept.figures.size(), 0);
}

void TestSuggestionDiff::rerunWritesOnlyTheDifference_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QList<int>>("removed"); // mentions, quotes, figures, entities
    QTest::addColumn<QList<int>>("added"); // entities, mentions, quotes, figures
    QTest::addColumn<int>("changed");

    QTest::newRow("identical re-run") << Change::None << QList { 0, 0, 0, 0 } << QList { 0, 0, 0, 0 } << 0;
    QTest::newRow("shifted span") << Change::ShiftedSpan << QList { 1, 0, 0, 0 } << QList { 0, 1, 0, 0 } << 0;
    QTest::newRow("changed kind") << Change::ChangedKind << QList { 0, 0, 1, 0 } << QList { 0, 0, 0, 1 } << 0;
    // The accepted mention keeps the suggested entity; the other mention joins it as before.
    QTest::newRow("accepted in between")
        << Change::AcceptedInBetween << QList { 0, 0, 0, 0 } << QList { 0, 0, 0, 0 } << 0;
    QTest::newRow("rejected in between")
        << Change::RejectedInBetween << QList { 0, 0, 0, 0 } << QList { 0, 0, 0, 0 } << 0;
    // The analyst's Almaty covers the suggested one, which goes with its entity.
    QTest::newRow("analyst tagged in between")
        << Change::AnalystTaggedInBetween << QList { 1, 0, 0, 1 } << QList { 0, 0, 0, 0 } << 0;
    // A new entity with both mentions; the quote speaks through it.
    QTest::newRow("entity renamed") << Change::EntityRenamed << QList { 2, 1, 0, 1 } << QList { 1, 2, 1, 0 }
                                    << 0;
    QTest::newRow("speaker changed") << Change::SpeakerChanged << QList { 0, 1, 0, 0 } << QList { 0, 0, 1, 0 }
                                     << 0;
    QTest::newRow("confidence and rule changed")
        << Change::ConfidenceChanged << QList { 0, 0, 0, 0 } << QList { 0, 0, 0, 0 } << 2;
}

void TestSuggestionDiff::rerunWritesOnlyTheDifference()
{
    QFETCH(Change, change);
    QFETCH(QList<int>, removed);
    QFETCH(QList<int>, added);
    QFETCH(int, changed);

    RecordId next = 1;
    AnnotationSet stored;
    addRows(stored, NewSuggestions::decide(articleId, {}, extracted()), next);
    review(stored, change, next);

    const SuggestionDiff diff(stored);
    const NewSuggestions wanted = NewSuggestions::decide(articleId, diff.kept(), rerun(change));
    const SuggestionPlan plan = diff.plan(wanted);
    AnnotationSet removedThenAdded = diff.kept();
    addRows(removedThenAdded, wanted, next);
    QCOMPARE(describe(applied(stored, plan, next)), describe(removedThenAdded));

    QCOMPARE((QList<int> { int(plan.removedMentions.size()), int(plan.removedQuotes.size()),
                 int(plan.removedFigures.size()), int(plan.removedEntities.size()) }),
        removed);
    const SuggestionCounts planned = plan.added.counts();
    QCOMPARE((QList<int> { planned.entities, planned.mentions, planned.quotes, planned.figures }), added);
    QCOMPARE(int(plan.changedEntities.size() + plan.changedMentions.size() + plan.changedQuotes.size()
                 + plan.changedFigures.size()),
        changed);
    const QList<int> none { 0, 0, 0, 0 };
    QCOMPARE(plan.isEmpty(), removed == none && added == none && changed == 0);
}

QTEST_GUILESS_MAIN(TestSuggestionDiff)
#include "tst_suggestiondiff.moc"

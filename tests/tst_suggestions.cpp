// SPDX-License-Identifier: GPL-3.0-or-later
// Extractor suggestions in a project: stored, replaced, never over the analyst's work.
#include "extraction/extractor.h"
#include "extractionjob.h"
#include "projectlexiconbuilder.h"
#include "refusedextraction.h"
#include "store.h"
#include "suggester.h"
#include "suggestionarticle.h"
#include "suggestionwriter.h"
#include "testprojects.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;
using Test::spanOf;

namespace {

// An article's annotations without ids and times, in a fixed order.
QStringList describe(const AnnotationSet &set)
{
    QStringList lines;
    QHash<RecordId, QString> names;
    for (const Entity &entity : set.entities) {
        names.insert(entity.id, entity.name);
        for (const Mention &mention : entity.mentions)
            lines << u"mention %1 %2-%3 of %4 %5"_s.arg(toString(mention.provenance.status))
                         .arg(mention.span.start)
                         .arg(mention.span.end)
                         .arg(entity.name, toString(entity.provenance.status));
    }
    for (const Quote &quote : set.quotes) {
        lines << u"quote %1 %2-%3 by %4"_s.arg(toString(quote.provenance.status))
                     .arg(quote.content.first().start)
                     .arg(quote.content.last().end)
                     .arg(names.value(quote.speakerId));
    }
    for (const Figure &figure : set.figures) {
        lines << u"figure %1 %2-%3"_s.arg(toString(figure.provenance.status))
                     .arg(figure.span.start)
                     .arg(figure.span.end);
    }
    lines.sort();
    return lines;
}

int countWithStatus(const AnnotationSet &set, AnnotationStatus status)
{
    int count = 0;
    for (const Entity &entity : set.entities) {
        for (const Mention &mention : entity.mentions)
            count += mention.provenance.status == status;
    }
    for (const Quote &quote : set.quotes)
        count += quote.provenance.status == status;
    for (const Figure &figure : set.figures)
        count += figure.provenance.status == status;
    return count;
}

} // namespace

class TestSuggestions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void suggestionsAreStoredAsAuto();
    void rerunningNeverDuplicates();
    void analystWorkIsNeverTouched_data();
    void analystWorkIsNeverTouched();
    void suggestedMentionsJoinTheAnalystsEntity();
    void analystsTeachTheNextArticle();
    void confirmedDescriptionsResolveTheSpeaker();
    void groupWriteMatchesOneByOne_data();
    void groupWriteMatchesOneByOne();
    void groupWriteFailingHalfwayLeavesNothing();
    void jobRunsOverTheCorpus();
    void jobCancels();
    void jobTakesEachArticleOnce();
    void jobStopsWhenTheSelectionCannotBeRead();
    void jobFailingHalfwayKeepsTheBatchesBefore();

private:
    RecordId addArticle(const QString &key, const QString &text);

    Test::TestProjects m_projects;
    std::unique_ptr<Store> m_store;
    RecordId m_article = 0;
};

void TestSuggestions::initTestCase()
{
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

void TestSuggestions::init()
{
    StoreError error;
    m_store = Store::open(m_projects.newLocation(), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_store, qPrintable(error.message));
    m_article = addArticle(u"putin"_s, Test::suggestionArticle);
}

void TestSuggestions::cleanup()
{
    m_store.reset();
}

RecordId TestSuggestions::addArticle(const QString &key, const QString &text)
{
    Article article { .key = key, .title = key, .text = text };
    if (!m_store->addArticle(article))
        qFatal("cannot add article");
    return article.id;
}

void TestSuggestions::suggestionsAreStoredAsAuto()
{
    const AnnotationSet suggestions = Extractor().extract(Test::suggestionArticle);
    QVERIFY(!suggestions.entities.isEmpty());
    QVERIFY(!suggestions.quotes.isEmpty());
    QVERIFY(!suggestions.figures.isEmpty());

    SuggestionWriter writer(*m_store);
    SuggestionCounts counts;
    QVERIFY2(writer.write(m_article, suggestions, &counts), qPrintable(writer.errorString()));
    const AnnotationSet stored = m_store->annotations(m_article);
    QCOMPARE(stored.quotes.size(), suggestions.quotes.size());
    QCOMPARE(stored.figures.size(), suggestions.figures.size());
    QCOMPARE(counts.quotes, int(suggestions.quotes.size()));
    QCOMPARE(
        countWithStatus(stored, AnnotationStatus::Auto), counts.mentions + counts.quotes + counts.figures);
    // Speakers point at stored entities of the same article.
    for (const Quote &quote : stored.quotes) {
        if (quote.speakerId == 0)
            continue;
        const bool found = std::any_of(stored.entities.cbegin(), stored.entities.cend(),
            [&quote](const Entity &entity) { return entity.id == quote.speakerId; });
        QVERIFY(found);
    }
}

void TestSuggestions::rerunningNeverDuplicates()
{
    SuggestionWriter writer(*m_store);
    const AnnotationSet suggestions = Extractor().extract(Test::suggestionArticle);
    QVERIFY(writer.write(m_article, suggestions));
    const AnnotationCounts first = m_store->annotationCounts(m_article);
    QVERIFY(writer.write(m_article, suggestions));
    QVERIFY(writer.write(m_article, suggestions));
    const AnnotationCounts third = m_store->annotationCounts(m_article);
    QCOMPARE(third.counts, first.counts);
}

void TestSuggestions::analystWorkIsNeverTouched_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("manual") << int(AnnotationStatus::Manual);
    QTest::newRow("accepted") << int(AnnotationStatus::Accepted);
    QTest::newRow("edited") << int(AnnotationStatus::Edited);
    QTest::newRow("rejected") << int(AnnotationStatus::Rejected);
}

void TestSuggestions::analystWorkIsNeverTouched()
{
    QFETCH(int, status);
    Provenance provenance { .status = AnnotationStatus(status), .annotator = u"ana"_s };

    // The analyst's quote over the same words as the extractor's, with another kind.
    Quote quote { .articleId = m_article,
        .kind = QuoteKind::Indirect,
        .content = { spanOf(u"We will not allow it"_s) },
        .provenance = provenance };
    QVERIFY(m_store->insertQuote(quote));
    Figure figure { .articleId = m_article,
        .kind = u"other"_s,
        .span = spanOf(u"2,030"_s),
        .number = spanOf(u"2,030"_s),
        .value = 2030.0,
        .provenance = provenance };
    QVERIFY(m_store->insertFigure(figure));

    SuggestionWriter writer(*m_store);
    for (int run = 0; run < 2; ++run)
        QVERIFY(writer.write(m_article, Extractor().extract(Test::suggestionArticle)));

    const AnnotationSet stored = m_store->annotations(m_article);
    const auto keptQuote = std::find_if(stored.quotes.cbegin(), stored.quotes.cend(),
        [&quote](const Quote &candidate) { return candidate.id == quote.id; });
    QVERIFY(keptQuote != stored.quotes.cend());
    QCOMPARE(*keptQuote, quote);
    for (const Quote &other : stored.quotes) {
        if (other.id != quote.id)
            QVERIFY2(!other.content.first().overlaps(quote.content.first()),
                "a suggestion over the analyst's quote");
    }
    const auto figures = std::count_if(stored.figures.cbegin(), stored.figures.cend(),
        [&figure](const Figure &candidate) { return candidate.number.overlaps(figure.number); });
    QCOMPARE(figures, 1);
    QCOMPARE(stored.figures.first(), figure);
}

void TestSuggestions::suggestedMentionsJoinTheAnalystsEntity()
{
    Entity putin { .articleId = m_article, .name = u"Vladimir Putin"_s, .type = u"PERSON"_s };
    putin.mentions.append({ .span = spanOf(u"Vladimir Putin"_s) });
    QVERIFY(m_store->insertEntity(putin));

    SuggestionWriter writer(*m_store);
    QVERIFY(writer.write(m_article, Extractor().extract(Test::suggestionArticle)));
    const AnnotationSet stored = m_store->annotations(m_article);
    const auto analysts = std::find_if(stored.entities.cbegin(), stored.entities.cend(),
        [&putin](const Entity &entity) { return entity.id == putin.id; });
    QVERIFY(analysts != stored.entities.cend());
    // The later "Putin" is suggested as a mention of the analyst's entity, not of a new one.
    QVERIFY(std::any_of(analysts->mentions.cbegin(), analysts->mentions.cend(), [](const Mention &mention) {
        return mention.span == spanOf(u"Putin"_s, 2) && mention.provenance.status == AnnotationStatus::Auto;
    }));
    QCOMPARE(std::count_if(stored.entities.cbegin(), stored.entities.cend(),
                 [](const Entity &entity) { return entity.type == u"PERSON"_s; }),
        1);
}

void TestSuggestions::analystsTeachTheNextArticle()
{
    // In one article the analyst tags an unknown company and rejects a figure suggestion...
    const QString first = u"Shares in Qarvelo Tessin rose. Officials said 2,030 soldiers had arrived."_s;
    const RecordId taught = addArticle(u"taught"_s, first);
    Entity company { .articleId = taught, .name = u"Qarvelo Tessin"_s, .type = u"ORG"_s };
    company.mentions.append({ .span = { 10, 24 } });
    QVERIFY(m_store->insertEntity(company));
    SuggestionWriter writer(*m_store);
    QVERIFY(writer.write(taught, Extractor().extract(first)));
    AnnotationSet stored = m_store->annotations(taught);
    QVERIFY(!stored.figures.isEmpty());
    Figure rejected = stored.figures.first();
    rejected.provenance.status = AnnotationStatus::Rejected;
    QVERIFY(m_store->updateFigure(rejected));

    // ...and the next article with the same words gets the company, not the figure.
    const QString second
        = u"Qarvelo Tessin said it would hire staff. Officials said 2,030 soldiers had arrived."_s;
    const RecordId next = addArticle(u"next"_s, second);
    const AnnotationSet untaught = Extractor().extract(second);
    QVERIFY2(std::none_of(untaught.entities.cbegin(), untaught.entities.cend(),
                 [](const Entity &entity) {
                     return entity.name == u"Qarvelo Tessin"_s && entity.type == u"ORG"_s;
                 }),
        "the company should be unknown without the project lexicon");
    Extractor extractor;
    extractor.setProjectLexicon(projectLexicon(*m_store));
    QVERIFY(writer.write(next, extractor.extract(second)));
    stored = m_store->annotations(next);
    QVERIFY(std::any_of(stored.entities.cbegin(), stored.entities.cend(),
        [](const Entity &entity) { return entity.name == u"Qarvelo Tessin"_s && entity.type == u"ORG"_s; }));
    QVERIFY(std::none_of(stored.figures.cbegin(), stored.figures.cend(),
        [&second](const Figure &figure) { return textOf(second, figure.span) == u"2,030 soldiers"_s; }));
}

void TestSuggestions::confirmedDescriptionsResolveTheSpeaker()
{
    // An analyst confirmed once that "the veteran striker" was Oduya Benneth...
    const QString first = u"Oduya Benneth scored twice. “It was easy,” the veteran striker said."_s;
    const RecordId taught = addArticle(u"taught"_s, first);
    Entity striker { .articleId = taught, .name = u"Oduya Benneth"_s, .type = u"PERSON"_s };
    striker.mentions.append({ .span = { 0, 13 } });
    QVERIFY(m_store->insertEntity(striker));
    const qsizetype content = first.indexOf(u"It was easy,"_s);
    const qsizetype source = first.indexOf(u"the veteran striker"_s);
    Quote confirmed { .articleId = taught,
        .kind = QuoteKind::Direct,
        .content = { { content, content + 12 } },
        .cue = { first.indexOf(u"said"_s), first.indexOf(u"said"_s) + 4 },
        .source = { source, source + 19 },
        .speakerId = striker.id };
    QVERIFY(m_store->insertQuote(confirmed));

    // ...so in the next article that names him, the same description is him, although
    // someone else was named since.
    const QString next = u"Oduya Benneth joined the club in May. Coach Marta Vell welcomed him on Friday. "
                         "“We are ready,” the veteran striker said."_s;
    const auto speakerName = [](const AnnotationSet &set, const QString &text) {
        for (const Quote &candidate : set.quotes) {
            if (textOf(text, candidate.source) != u"the veteran striker"_s)
                continue;
            for (const Entity &entity : set.entities) {
                if (entity.id == candidate.speakerId)
                    return entity.name;
            }
        }
        return QString();
    };
    QVERIFY2(speakerName(Extractor().extract(next), next) != u"Oduya Benneth"_s,
        "the extractor alone should not know who the striker is");
    const AnnotationSet suggested = Suggester::forProject(*m_store).suggest(next);
    const auto quote
        = std::find_if(suggested.quotes.cbegin(), suggested.quotes.cend(), [&next](const Quote &candidate) {
              return textOf(next, candidate.source) == u"the veteran striker"_s;
          });
    QVERIFY(quote != suggested.quotes.cend());
    const auto speaker = std::find_if(suggested.entities.cbegin(), suggested.entities.cend(),
        [&quote](const Entity &entity) { return entity.id == quote->speakerId; });
    QVERIFY(speaker != suggested.entities.cend());
    QCOMPARE(speaker->name, u"Oduya Benneth"_s);

    // A description alone names nobody: without the name in the article, no speaker is made up.
    const QString unnamed = u"Coach Marta Vell was pleased. “We are ready,” the veteran striker said."_s;
    const AnnotationSet alone = Suggester::forProject(*m_store).suggest(unnamed);
    for (const Quote &other : alone.quotes) {
        for (const Entity &entity : alone.entities)
            QVERIFY(entity.id != other.speakerId || entity.name != u"Oduya Benneth"_s);
    }
}

// Writing many articles at once removes, reads and adds what writing them one by one does, for
// articles next to each other (read with one query per table) and far apart (one by one).
void TestSuggestions::groupWriteMatchesOneByOne_data()
{
    QTest::addColumn<int>("step");
    QTest::newRow("consecutive") << 1;
    QTest::newRow("scattered") << 5;
}

void TestSuggestions::groupWriteMatchesOneByOne()
{
    QFETCH(int, step);
    QList<RecordId> all { m_article };
    for (int i = 0; i < 20; ++i)
        all << addArticle(u"copy-%1"_s.arg(i), u"Copy %1 🙂. "_s.arg(i) + Test::suggestionArticle);
    QList<Article> articles;
    for (qsizetype i = 0; i < all.size(); i += step)
        articles << *m_store->article(all[i]);
    // The analyst's work on one of them: the suggestions must keep clear of it and join it.
    const qsizetype tagged = articles.size() / 2;
    Entity analysts { .articleId = articles[tagged].id, .name = u"Putin"_s, .type = u"PERSON"_s };
    analysts.provenance.status = AnnotationStatus::Manual;
    const qsizetype offset = articles[tagged].text.indexOf(u"Vladimir Putin"_s);
    analysts.mentions << Mention { .span = { offset, offset + 14 } };
    analysts.mentions.first().provenance.status = AnnotationStatus::Manual;
    QVERIFY2(m_store->insertEntity(analysts), qPrintable(m_store->errorString()));

    SuggestionWriter writer(*m_store);
    QList<AnnotationSet> suggestions;
    QList<QStringList> oneByOne;
    SuggestionCounts countsOneByOne;
    for (const Article &article : std::as_const(articles)) {
        suggestions << Extractor().extract(article.text);
        QVERIFY2(
            writer.write(article.id, suggestions.last(), &countsOneByOne), qPrintable(writer.errorString()));
        oneByOne << describe(m_store->annotations(article.id));
    }
    QVERIFY(
        oneByOne[tagged].contains(u"mention manual %1-%2 of Putin manual"_s.arg(offset).arg(offset + 14)));

    SuggestionCounts countsTogether;
    QVERIFY2(writer.write(articles, suggestions, &countsTogether), qPrintable(writer.errorString()));
    for (qsizetype i = 0; i < articles.size(); ++i)
        QCOMPARE(describe(m_store->annotations(articles[i].id)), oneByOne[i]);
    QCOMPARE(countsTogether.mentions, countsOneByOne.mentions);
    QCOMPARE(countsTogether.quotes, countsOneByOne.quotes);
    QCOMPARE(countsTogether.figures, countsOneByOne.figures);
    // The articles left out are untouched.
    for (const RecordId id : std::as_const(all)) {
        const bool written = std::any_of(
            articles.cbegin(), articles.cend(), [id](const Article &article) { return article.id == id; });
        QCOMPARE(m_store->annotations(id).quotes.isEmpty(), !written);
    }
}

// All or nothing: an article that fails halfway through a group leaves every article of the group
// as it was, old suggestions included.
void TestSuggestions::groupWriteFailingHalfwayLeavesNothing()
{
    QList<Article> articles { *m_store->article(m_article) };
    for (int i = 0; i < 2; ++i)
        articles << *m_store->article(
            addArticle(u"copy-%1"_s.arg(i), Test::suggestionArticle + u" Copy %1."_s.arg(i)));
    SuggestionWriter writer(*m_store);
    QList<AnnotationSet> suggestions;
    QList<QStringList> before;
    for (const Article &article : std::as_const(articles)) {
        suggestions << Extractor().extract(article.text);
        QVERIFY(writer.write(article.id, suggestions.last()));
        before << describe(m_store->annotations(article.id));
    }
    // Suggested again, the first article now without quotes, and the last figure of the second
    // article lies outside its text.
    suggestions[0].quotes.clear();
    QVERIFY(!suggestions[1].figures.isEmpty());
    suggestions[1].figures.last().number = { 0, articles[1].text.size() + 10 };

    SuggestionCounts counts;
    QVERIFY(!writer.write(articles, suggestions, &counts));
    QVERIFY2(writer.errorString().contains(u"outside the article text"_s), qPrintable(writer.errorString()));
    QCOMPARE(counts.mentions + counts.quotes + counts.figures, 0);
    for (qsizetype i = 0; i < articles.size(); ++i)
        QCOMPARE(describe(m_store->annotations(articles[i].id)), before[i]);
}

void TestSuggestions::jobRunsOverTheCorpus()
{
    QList<RecordId> ids { m_article };
    for (int i = 0; i < 40; ++i)
        ids << addArticle(u"copy-%1"_s.arg(i), Test::suggestionArticle + u" Copy %1."_s.arg(i));

    ExtractionJob job(*m_store, ids);
    QSignalSpy progressed(&job, &ExtractionJob::progressed);
    QSignalSpy extracted(&job, &ExtractionJob::articleExtracted);
    QSignalSpy finished(&job, &ExtractionJob::finished);
    job.start();
    QVERIFY(job.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(extracted.size(), ids.size());
    QCOMPARE(progressed.last().at(0).toInt(), int(ids.size()));
    QVERIFY(!job.isRunning());
    for (const RecordId id : ids)
        QVERIFY(!m_store->annotations(id).quotes.isEmpty());
}

void TestSuggestions::jobCancels()
{
    QList<RecordId> ids { m_article };
    for (int i = 0; i < 100; ++i)
        ids << addArticle(u"copy-%1"_s.arg(i), Test::suggestionArticle + u" Copy %1."_s.arg(i));

    ExtractionJob job(*m_store, ids);
    QSignalSpy extracted(&job, &ExtractionJob::articleExtracted);
    QSignalSpy finished(&job, &ExtractionJob::finished);
    job.start();
    job.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.first().at(1).toBool(), true);
    QVERIFY(extracted.size() < ids.size());
    // Articles were either extracted whole or left alone.
    int untouched = 0;
    for (const RecordId id : ids)
        untouched += m_store->annotations(id).quotes.isEmpty();
    QCOMPARE(untouched, int(ids.size()) - int(extracted.size()));
}

// An article asked for twice is extracted once: the second time in a later batch, it would be
// planned from rows the first had replaced.
void TestSuggestions::jobTakesEachArticleOnce()
{
    QList<RecordId> ids { m_article };
    for (int i = 0; i < 40; ++i)
        ids << addArticle(u"copy-%1"_s.arg(i), Test::suggestionArticle + u" Copy %1."_s.arg(i));
    const QList<RecordId> unique = ids;
    ids << ids.mid(0, 20) << m_article;

    ExtractionJob job(*m_store, ids);
    QSignalSpy extracted(&job, &ExtractionJob::articleExtracted);
    QSignalSpy finished(&job, &ExtractionJob::finished);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(job.total(), int(unique.size()));
    QCOMPARE(extracted.size(), unique.size());
    int quotes = 0;
    for (const RecordId id : unique) {
        const AnnotationSet stored = m_store->annotations(id);
        QCOMPARE(stored.quotes.size(), Extractor().extract(m_store->article(id)->text).quotes.size());
        quotes += int(stored.quotes.size());
    }
    QCOMPARE(m_store->annotationCounts().count(Layer::Quotes), quotes);
}

// A selection whose articles cannot be read stops the job with the reason: passing them over would
// finish a run that extracted nothing, as if they had been removed.
void TestSuggestions::jobStopsWhenTheSelectionCannotBeRead()
{
    const RecordId second = addArticle(u"second"_s, Test::suggestionArticle + u" Again."_s);
    // The articles gone from under the job, as from a damaged file.
    QSqlQuery query(m_store->database());
    QVERIFY2(
        query.exec(u"ALTER TABLE articles RENAME TO articles_away"_s), qPrintable(query.lastError().text()));

    ExtractionJob job(*m_store, { m_article, second });
    QSignalSpy failed(&job, &ExtractionJob::failed);
    QSignalSpy finished(&job, &ExtractionJob::finished);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
    QCOMPARE(finished.size(), 0);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(u"Cannot read the articles"_s), qPrintable(message));
}

// A batch that fails halfway leaves nothing of itself; the batches written before stay, and so
// does the resume point after them, for the next run to continue from.
void TestSuggestions::jobFailingHalfwayKeepsTheBatchesBefore()
{
    if (Test::TestProjects::onServer)
        QSKIP("the trigger that refuses the article is SQLite's");
    QList<RecordId> ids { m_article };
    // Far enough in that whole batches (16, 32, 64 and 128 articles) come before the refused one.
    for (int i = 0; i < 300; ++i)
        ids << addArticle(u"copy-%1"_s.arg(i), Test::suggestionArticle + u" Copy %1."_s.arg(i));
    RefusedExtraction refusedRun(*m_store, ids[260]);
    refusedRun.refuse();
    refusedRun.run();
    if (QTest::currentTestFailed())
        return;
    // The batches before the refused article, and nothing after them.
    const QList<RecordId> &extracted = refusedRun.extracted();
    QVERIFY(m_store->extractionResumePoint() == extracted.last());
    // The counts the bulk insert caught up are those of the batches kept.
    int quotes = 0;
    for (const RecordId id : std::as_const(ids)) {
        const AnnotationSet stored = m_store->annotations(id);
        QCOMPARE(stored.quotes.isEmpty(), id > extracted.last());
        quotes += int(stored.quotes.size());
    }
    QCOMPARE(m_store->annotationCounts().count(Layer::Quotes), quotes);
}

QTEST_GUILESS_MAIN(TestSuggestions)
#include "tst_suggestions.moc"

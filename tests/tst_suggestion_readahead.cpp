// SPDX-License-Identifier: GPL-3.0-or-later
// A batch's writes planned beside the writer from another connection's read
// (SuggestionWriter::ReadAhead, as ExtractionBatches reads them): taken while nobody else has
// written the project since, made again otherwise, and either way the project ends as if the
// writer had read the articles itself.
#include "extraction/extractor.h"
#include "formats/formatregistry.h"
#include "store.h"
#include "suggestionarticle.h"
#include "suggestionwriter.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

// What happens to the project between the read ahead and the write.
enum class Meanwhile {
    Nothing,
    WriterWritesAnotherArticle, ///< the writer's own connection: its own commits are to other articles
    AnalystAcceptsADroppedSuggestion, ///< another connection
    AnalystTagsOverASuggestion, ///< another connection
};

// An article's annotations without ids and times, in a fixed order.
QStringList describe(const AnnotationSet &set)
{
    QStringList lines;
    for (const Entity &entity : set.entities) {
        for (const Mention &mention : entity.mentions) {
            lines << u"%1 %2 %3-%4 %5"_s.arg(entity.name, entity.type)
                         .arg(mention.span.start)
                         .arg(mention.span.end)
                         .arg(toString(mention.provenance.status));
        }
    }
    for (const Quote &quote : set.quotes) {
        lines << u"quote %1-%2 %3"_s.arg(quote.content.first().start)
                     .arg(quote.content.last().end)
                     .arg(toString(quote.provenance.status));
    }
    for (const Figure &figure : set.figures)
        lines << u"figure %1-%2 %3"_s.arg(figure.span.start)
                     .arg(figure.span.end)
                     .arg(toString(figure.provenance.status));
    lines.sort();
    return lines;
}

// The extractor's suggestions for the article, but for its first entity (Putin): a later run
// that no longer makes it, so the plan removes its old suggestions.
AnnotationSet withoutFirstEntity(AnnotationSet set)
{
    const RecordId dropped = set.entities.takeFirst().id;
    for (Quote &quote : set.quotes) {
        if (quote.speakerId == dropped)
            quote.speakerId = 0;
    }
    return set;
}

} // namespace

class TestSuggestionReadAhead : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesAsIfReadByTheWriter_data();
    void writesAsIfReadByTheWriter();
    void aFailedReadWritesNothing_data();
    void aFailedReadWritesNothing();

private:
    /// A project whose two articles hold the extractor's suggestions from an earlier run.
    std::unique_ptr<Store> project(const QString &name, QList<Article> *articles);
    static void change(Store &store, const Article &article, const Article &other, Meanwhile meanwhile);

    QTemporaryDir m_dir;
};

std::unique_ptr<Store> TestSuggestionReadAhead::project(const QString &name, QList<Article> *articles)
{
    StoreError error;
    auto store = Store::open(m_dir.filePath(name), Store::Mode::ReadWrite, &error);
    if (!store)
        return nullptr;
    articles->clear();
    for (const QString &key : { u"first"_s, u"second"_s }) {
        Article article { .key = key, .title = key, .text = Test::suggestionArticle };
        if (!store->addArticle(article)
            || !SuggestionWriter(*store).write(article.id, Extractor().extract(article.text)))
            return nullptr;
        articles->append(article);
    }
    return store;
}

void TestSuggestionReadAhead::change(
    Store &store, const Article &article, const Article &other, Meanwhile meanwhile)
{
    StoreError error;
    switch (meanwhile) {
    case Meanwhile::Nothing:
        return;
    case Meanwhile::WriterWritesAnotherArticle:
        QVERIFY(SuggestionWriter(store).write(other.id, withoutFirstEntity(Extractor().extract(other.text))));
        return;
    case Meanwhile::AnalystAcceptsADroppedSuggestion: {
        const auto analyst = store.openConnection(Store::Mode::ReadWrite, &error);
        QVERIFY2(analyst, qPrintable(error.message));
        // The entity the run drops: the first the extractor finds.
        const QString dropped = Extractor().extract(article.text).entities.first().name;
        const AnnotationSet stored = analyst->annotations(article.id);
        const auto entity = std::find_if(stored.entities.cbegin(), stored.entities.cend(),
            [&dropped](const Entity &candidate) { return candidate.name == dropped; });
        QVERIFY(entity != stored.entities.cend());
        Mention mention = entity->mentions.first();
        QVERIFY(mention.provenance.status == AnnotationStatus::Auto);
        mention.provenance.status = AnnotationStatus::Accepted;
        QVERIFY2(analyst->updateMention(mention), qPrintable(analyst->errorString()));
        return;
    }
    case Meanwhile::AnalystTagsOverASuggestion: {
        const auto analyst = store.openConnection(Store::Mode::ReadWrite, &error);
        QVERIFY2(analyst, qPrintable(error.message));
        // "Almaty" is a place the run suggests again: the analyst's own organisation there wins.
        Entity almaty { .articleId = article.id, .name = u"Almaty"_s, .type = u"ORG"_s };
        almaty.mentions.append({ .span = Test::spanOf(u"Almaty"_s) });
        QVERIFY2(analyst->insertEntity(almaty), qPrintable(analyst->errorString()));
        return;
    }
    }
}

void TestSuggestionReadAhead::writesAsIfReadByTheWriter_data()
{
    QTest::addColumn<int>("meanwhile");
    QTest::addColumn<int>("replanned");

    QTest::newRow("nothing") << int(Meanwhile::Nothing) << 0;
    QTest::newRow("the writer writes another article") << int(Meanwhile::WriterWritesAnotherArticle) << 0;
    QTest::newRow("an analyst accepts a suggestion the run drops")
        << int(Meanwhile::AnalystAcceptsADroppedSuggestion) << 1;
    QTest::newRow("an analyst tags over a suggestion") << int(Meanwhile::AnalystTagsOverASuggestion) << 1;
}

void TestSuggestionReadAhead::writesAsIfReadByTheWriter()
{
    QFETCH(int, meanwhile);
    QFETCH(int, replanned);
    const QString row = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');

    // The batch read ahead, as ExtractionBatches does: the writer's data version first, then
    // another connection's read, and the plan made from it.
    QList<Article> articles;
    const auto store = project(row + u"-read-ahead.byline"_s, &articles);
    QVERIFY(store);
    const Article &article = articles.first();
    const AnnotationSet suggestions = withoutFirstEntity(Extractor().extract(article.text));
    SuggestionWriter::ReadAhead readAhead;
    readAhead.dataVersion = store->dataVersion().value_or(-1);
    {
        StoreError error;
        const auto reader = store->openConnection(Store::Mode::ReadOnly, &error);
        QVERIFY2(reader, qPrintable(error.message));
        bool read = false;
        readAhead.stored = SuggestionWriter::storedAnnotations(*reader, { article }, &read);
        QVERIFY(read);
    }
    readAhead.plans << SuggestionWriter::plan(article.id, readAhead.stored.first(), suggestions);
    QVERIFY(!readAhead.plans.first().plan.removedMentions.isEmpty());
    change(*store, article, articles.last(), Meanwhile(meanwhile));
    if (QTest::currentTestFailed())
        return;
    SuggestionWriter writer(*store);
    SuggestionCounts counts;
    QVERIFY2(
        writer.write({ article }, { suggestions }, readAhead, &counts), qPrintable(writer.errorString()));
    QCOMPARE(writer.replannedBatches(), replanned);

    // The same project and change, written by a writer that reads the article itself.
    QList<Article> referenceArticles;
    const auto reference = project(row + u"-reference.byline"_s, &referenceArticles);
    QVERIFY(reference);
    change(*reference, referenceArticles.first(), referenceArticles.last(), Meanwhile(meanwhile));
    SuggestionWriter referenceWriter(*reference);
    SuggestionCounts referenceCounts;
    QVERIFY(referenceWriter.write({ referenceArticles.first() }, { suggestions }, &referenceCounts));

    QCOMPARE(describe(store->annotations(article.id)),
        describe(reference->annotations(referenceArticles.first().id)));
    QCOMPARE(counts.mentions, referenceCounts.mentions);
    QCOMPARE(counts.figures, referenceCounts.figures);
    // The counts the write kept, by layer and status, as the reference's.
    QVERIFY(store->annotationCounts(article.id).counts
        == reference->annotationCounts(referenceArticles.first().id).counts);
    if (Meanwhile(meanwhile) == Meanwhile::AnalystAcceptsADroppedSuggestion) {
        const QStringList lines = describe(store->annotations(article.id));
        QVERIFY2(std::any_of(lines.cbegin(), lines.cend(),
                     [](const QString &line) { return line.endsWith(u" accepted"_s); }),
            qPrintable(lines.join(u'\n')));
    }
}

void TestSuggestionReadAhead::aFailedReadWritesNothing_data()
{
    QTest::addColumn<bool>("batch");
    QTest::newRow("an article") << false;
    QTest::newRow("a batch") << true;
}

// A write planned from part of an article's annotations would add suggestions over the analyst's
// work and keep old ones: when the read fails, nothing is written, and so is nothing exported.
void TestSuggestionReadAhead::aFailedReadWritesNothing()
{
    QFETCH(bool, batch);
    QList<Article> articles;
    const auto store = project(u"failed-read-%1.byline"_s.arg(batch), &articles);
    QVERIFY(store);
    const Article &article = articles.first();
    const QStringList before = describe(store->annotations(article.id));
    // The quotes' parts gone from under the reader, as from a damaged file.
    QSqlQuery query(store->database());
    QVERIFY2(query.exec(u"ALTER TABLE quote_parts RENAME TO quote_parts_away"_s),
        qPrintable(query.lastError().text()));

    bool read = true;
    store->annotations(article.id, &read);
    QVERIFY(!read);
    QVERIFY2(
        store->errorString().contains(u"Cannot read the annotations"_s), qPrintable(store->errorString()));
    SuggestionWriter writer(*store);
    const AnnotationSet suggestions = withoutFirstEntity(Extractor().extract(article.text));
    const bool written
        = batch ? writer.write({ article }, { suggestions }) : writer.write(article.id, suggestions);
    QVERIFY(!written);
    QVERIFY2(
        writer.errorString().contains(u"Cannot read the annotations"_s), qPrintable(writer.errorString()));
    const QString exported = m_dir.filePath(u"failed-read-%1.jsonl"_s.arg(batch));
    const auto jsonl = FormatRegistry::create(u"jsonl");
    QVERIFY(!jsonl->write(*store, exported, {}));
    QVERIFY2(
        jsonl->errorString().contains(u"Cannot read the annotations"_s), qPrintable(jsonl->errorString()));
    QVERIFY(!QFile::exists(exported));

    QVERIFY(query.exec(u"ALTER TABLE quote_parts_away RENAME TO quote_parts"_s));
    QCOMPARE(describe(store->annotations(article.id)), before);
}

QTEST_GUILESS_MAIN(TestSuggestionReadAhead)
#include "tst_suggestion_readahead.moc"

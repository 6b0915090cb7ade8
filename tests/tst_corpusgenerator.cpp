// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmark corpus (byline bench corpus): realistic, varied, consistent, repeatable.
#include "corpusgenerator.h"
#include "store.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Byline;

namespace {

constexpr int corpusSize = 300;

std::unique_ptr<Store> generated(const QString &path, int count, quint32 seed = 20260106)
{
    StoreError error;
    auto store = Store::open(path, Store::Mode::ReadWrite, &error);
    if (!store)
        return nullptr;
    CorpusGenerator generator(seed);
    if (!generator.generate(*store, count))
        return nullptr;
    return store;
}

// Every article of the project, in id order.
QList<ArticleSummary> summaries(const Store &store)
{
    QList<ArticleSummary> all;
    for (RecordId last = 0;;) {
        const QList<ArticleSummary> page = store.articleSummariesAfter(last, 100);
        if (page.isEmpty())
            return all;
        all << page;
        last = page.last().id;
    }
}

QString lastWord(const QString &name)
{
    return name.section(u' ', -1);
}

} // namespace

class TestCorpusGenerator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sizesAreThoseOfTheDevSet();
    void statusesAreMixedAsAnalystsLeaveThem();
    void spansCoverWhatTheyName();
    void articlesDiffer();
    void theSameSeedWritesTheSameCorpus();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QList<ArticleSummary> m_articles;
};

void TestCorpusGenerator::initTestCase()
{
    m_store = generated(m_dir.filePath(u"corpus.byline"_s), corpusSize);
    QVERIFY(m_store);
    QCOMPARE(m_store->articleCount(), corpusSize);
    m_articles = summaries(*m_store);
    QCOMPARE(m_articles.size(), corpusSize);
}

void TestCorpusGenerator::sizesAreThoseOfTheDevSet()
{
    qint64 words = 0, entities = 0, mentions = 0, quotes = 0, figures = 0;
    int withoutQuotes = 0;
    for (const ArticleSummary &summary : std::as_const(m_articles)) {
        const AnnotationSet set = m_store->annotations(summary.id);
        // The counts on the article row, which the list sorts by, are the rows'.
        QCOMPARE(summary.entityCount, int(set.entities.size()));
        QCOMPARE(summary.quoteCount, int(set.quotes.size()));
        QCOMPARE(summary.figureCount, int(set.figures.size()));
        QVERIFY(set.quotes.size() <= 8);
        QVERIFY(set.figures.size() <= 10);
        words += m_store->article(summary.id)->text.split(u' ', Qt::SkipEmptyParts).size();
        entities += set.entities.size();
        for (const Entity &entity : set.entities)
            mentions += entity.mentions.size();
        quotes += set.quotes.size();
        figures += set.figures.size();
        withoutQuotes += set.quotes.isEmpty() ? 1 : 0;
    }
    const auto perArticle = [](qint64 total) { return double(total) / corpusSize; };
    // The dev articles run from about 300 to 1,200 words.
    QVERIFY2(
        perArticle(words) > 300 && perArticle(words) < 1200, qPrintable(QString::number(perArticle(words))));
    // About 30 entities (issue 9), more than the 12 of a dev article of the same length.
    QVERIFY2(perArticle(entities) > 24 && perArticle(entities) < 36,
        qPrintable(QString::number(perArticle(entities))));
    QVERIFY(perArticle(mentions) > perArticle(entities));
    QVERIFY2(perArticle(quotes) > 4, qPrintable(QString::number(perArticle(quotes))));
    QVERIFY2(perArticle(figures) > 4, qPrintable(QString::number(perArticle(figures))));
    QVERIFY(withoutQuotes < corpusSize / 4);
}

void TestCorpusGenerator::statusesAreMixedAsAnalystsLeaveThem()
{
    QHash<ArticleStatus, int> articles;
    QHash<QString, int> annotations;
    for (const ArticleSummary &summary : std::as_const(m_articles)) {
        ++articles[summary.status];
        const AnnotationSet set = m_store->annotations(summary.id);
        QList<Provenance> made;
        for (const Entity &entity : set.entities) {
            for (const Mention &mention : entity.mentions)
                made << mention.provenance;
        }
        for (const Quote &quote : set.quotes)
            made << quote.provenance;
        for (const Figure &figure : set.figures)
            made << figure.provenance;
        for (const Provenance &provenance : std::as_const(made)) {
            ++annotations[toString(provenance.status)];
            // Nothing is reviewed in an article not begun, and a suggestion has no annotator.
            if (summary.status == ArticleStatus::Todo)
                QVERIFY(provenance.status == AnnotationStatus::Auto);
            QCOMPARE(provenance.annotator.isEmpty(), provenance.status == AnnotationStatus::Auto);
        }
    }
    for (const ArticleStatus status : { ArticleStatus::Todo, ArticleStatus::InProgress, ArticleStatus::Done })
        QVERIFY2(articles.value(status) > corpusSize / 10, qPrintable(toString(status)));
    for (const QString &status : { u"auto"_s, u"accepted"_s, u"edited"_s, u"manual"_s, u"rejected"_s })
        QVERIFY2(annotations.value(status) > 0, qPrintable(status));
}

void TestCorpusGenerator::spansCoverWhatTheyName()
{
    int people = 0;
    for (const ArticleSummary &summary : std::as_const(m_articles)) {
        const QString text = m_store->article(summary.id)->text;
        const AnnotationSet set = m_store->annotations(summary.id);
        for (const Entity &entity : set.entities) {
            for (const Mention &mention : entity.mentions) {
                QVERIFY(mention.span.start >= 0 && mention.span.end <= text.size());
                // A renamed person is named by the new name, whole or by surname.
                if (entity.type == u"PERSON"_s && entity.name.contains(u' ')) {
                    const QString covered = text.mid(mention.span.start, mention.span.length());
                    if (covered == entity.name || covered == lastWord(entity.name))
                        ++people;
                }
            }
        }
        for (const Quote &quote : set.quotes) {
            for (const Span &part : quote.content)
                QVERIFY(part.start >= 0 && part.end <= text.size() && part.start < part.end);
        }
        for (const Figure &figure : set.figures) {
            QVERIFY(figure.span.start <= figure.number.start && figure.number.end <= figure.span.end);
            QVERIFY(figure.span.end <= text.size());
        }
    }
    QVERIFY2(people > corpusSize, qPrintable(QString::number(people)));
}

void TestCorpusGenerator::articlesDiffer()
{
    QSet<QString> texts;
    QSet<QString> keys;
    for (const ArticleSummary &summary : std::as_const(m_articles)) {
        texts.insert(m_store->article(summary.id)->text);
        keys.insert(summary.key);
    }
    QCOMPARE(texts.size(), corpusSize);
    QCOMPARE(keys.size(), corpusSize);
}

void TestCorpusGenerator::theSameSeedWritesTheSameCorpus()
{
    const auto again = generated(m_dir.filePath(u"again.byline"_s), 20);
    const auto other = generated(m_dir.filePath(u"other.byline"_s), 20, 7);
    QVERIFY(again && other);
    const QList<ArticleSummary> first = summaries(*again);
    const QList<ArticleSummary> otherFirst = summaries(*other);
    for (qsizetype i = 0; i < first.size(); ++i)
        QCOMPARE(again->article(first[i].id)->text, m_store->article(m_articles[i].id)->text);
    QVERIFY(other->article(otherFirst.first().id)->text != again->article(first.first().id)->text);
}

QTEST_GUILESS_MAIN(TestCorpusGenerator)
#include "tst_corpusgenerator.moc"

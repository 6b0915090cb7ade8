// SPDX-License-Identifier: GPL-3.0-or-later
// A batch of suggestions written as a difference (SuggestionDiff) leaves a project as writing
// them one article at a time does (old suggestions removed, new ones added): annotations, counts
// and search rows; and an identical re-run writes nothing.
#include "extraction/datasetjson.h"
#include "extraction/extractor.h"
#include "store.h"
#include "suggestionwriter.h"

#include "annotationstate.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;
using Test::derivedState;
using Test::describe;
using Test::rows;

namespace {

QList<DatasetDocument> devSet()
{
    QList<DatasetDocument> documents;
    for (const QString &set : { u"eval"_s, u"dev2"_s }) {
        QString error;
        const auto read = DatasetJson::readPath(QStringLiteral(BYLINE_TEST_DATA) + u'/' + set, &error);
        if (!read)
            qFatal("%s", qPrintable(error));
        documents << *read;
    }
    return documents;
}

// The counts and search rows against the annotations themselves, which a reference wrong the same
// way would not show.
QStringList disagreements(Store &store)
{
    return Test::articlesWithWrongCounts(store)
        + rows(store,
            u"SELECT 'search ' || COUNT(*) FROM annotation_search WHERE record_id NOT IN"
            " (SELECT id FROM entities UNION ALL SELECT id FROM quotes UNION ALL SELECT id FROM figures)"
            " HAVING COUNT(*) > 0"_s);
}

// What a write that writes nothing leaves as it was: no row added, none changed in place (each
// change bumps its version). Besides, the rows the connection changed: a bulk insert changes the
// search indexes' settings for its time, so that is only compared without one.
QString lastIdsAndVersions(Store &store)
{
    return rows(store,
        u"SELECT (SELECT max(id) FROM entities), (SELECT max(id) FROM mentions),"
        " (SELECT max(id) FROM quotes), (SELECT max(id) FROM figures),"
        " (SELECT sum(version) FROM entities) + (SELECT sum(version) FROM mentions)"
        " + (SELECT sum(version) FROM quotes) + (SELECT sum(version) FROM figures)"_s)
        .join(u'\n');
}

int totalChanges(Store &store)
{
    return rows(store, u"SELECT total_changes()"_s).value(0).toInt();
}

} // namespace

class TestSuggestionRewrite : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void batchMatchesOneByOne_data();
    void batchMatchesOneByOne();

private:
    std::unique_ptr<Store> prepared(const QString &name);

    QTemporaryDir m_dir;
    QList<DatasetDocument> m_documents;
    QList<Article> m_articles;
};

void TestSuggestionRewrite::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_documents = devSet();
    QVERIFY(m_documents.size() > 20);
}

// The dev set, with suggestions from a first run that the analysts partly reviewed: the gold
// annotations for every other article (as the benchmark corpora have them), the extractors' for
// the rest.
std::unique_ptr<Store> TestSuggestionRewrite::prepared(const QString &name)
{
    StoreError error;
    auto store = Store::open(m_dir.filePath(name), Store::Mode::ReadWrite, &error);
    if (!store)
        qFatal("%s", qPrintable(error.message));
    m_articles.clear();
    SuggestionWriter writer(*store);
    for (qsizetype i = 0; i < m_documents.size(); ++i) {
        Article article = m_documents[i].article;
        if (!store->addArticle(article))
            qFatal("%s", qPrintable(store->errorString()));
        m_articles << article;
        const AnnotationSet first
            = i % 2 == 0 ? m_documents[i].annotations : Extractor().extract(article.text);
        if (!writer.write(article.id, first))
            qFatal("%s", qPrintable(writer.errorString()));
    }
    const QStringList reviews {
        u"UPDATE mentions SET status = 'accepted', annotator = 'alice' WHERE id % 7 = 0"_s,
        u"UPDATE mentions SET status = 'rejected', annotator = 'bob' WHERE id % 11 = 0"_s,
        u"UPDATE entities SET status = 'edited', annotator = 'bob' WHERE id % 5 = 0"_s,
        u"UPDATE quotes SET status = 'edited', annotator = 'alice' WHERE id % 4 = 0"_s,
        u"UPDATE figures SET status = 'rejected', annotator = 'alice' WHERE id % 3 = 0"_s,
        u"UPDATE figures SET status = 'manual', annotator = 'bob' WHERE id % 3 = 1 AND article_id % 2 = 0"_s,
    };
    QSqlQuery query(store->database());
    for (const QString &review : reviews) {
        if (!query.exec(review))
            qFatal("%s", qPrintable(review));
    }
    return store;
}

void TestSuggestionRewrite::batchMatchesOneByOne_data()
{
    QTest::addColumn<bool>("asTheExtractionDoes");
    QTest::newRow("each batch its own transaction") << false;
    // Store::BulkInsert for OldSuggestions: the insert triggers and the delete triggers that count
    // articles and remove search rows are set aside, and what they would write is written set-wise.
    QTest::newRow("each batch a bulk insert, as a corpus extraction writes it") << true;
}

void TestSuggestionRewrite::batchMatchesOneByOne()
{
    QFETCH(bool, asTheExtractionDoes);
    const QString row = asTheExtractionDoes ? u"bulk"_s : u"plain"_s;
    const auto reference = prepared(u"reference-%1.byline"_s.arg(row));
    const auto batched = prepared(u"batched-%1.byline"_s.arg(row));
    QCOMPARE(derivedState(*batched), derivedState(*reference));

    QList<AnnotationSet> suggestions;
    for (const Article &article : std::as_const(m_articles))
        suggestions << Extractor().extract(article.text);

    SuggestionWriter oneByOne(*reference);
    SuggestionCounts referenceCounts;
    for (qsizetype i = 0; i < m_articles.size(); ++i)
        QVERIFY2(oneByOne.write(m_articles[i].id, suggestions[i], &referenceCounts),
            qPrintable(oneByOne.errorString()));

    constexpr qsizetype batchSize = 5;
    SuggestionWriter writer(*batched);
    const auto writeBatches = [&](SuggestionCounts &counts) {
        for (qsizetype first = 0; first < m_articles.size(); first += batchSize) {
            Store::Transaction transaction(*batched, Store::Transaction::Inner::ShareThis);
            std::optional<Store::BulkInsert> bulkInsert;
            if (asTheExtractionDoes) {
                bulkInsert.emplace(*batched, Store::BulkInsert::Removals::OldSuggestions);
                // With its triggers set aside, or this would test the plain case again.
                if (!bulkInsert->writesDirectly())
                    return false;
            }
            if (!writer.write(m_articles.mid(first, batchSize), suggestions.mid(first, batchSize), &counts)
                || (bulkInsert && !bulkInsert->commit()) || !transaction.commit())
                return false;
        }
        return true;
    };
    SuggestionCounts counts;
    QVERIFY2(writeBatches(counts), qPrintable(writer.errorString()));

    for (const Article &article : std::as_const(m_articles))
        QCOMPARE(describe(batched->annotations(article.id)), describe(reference->annotations(article.id)));
    QCOMPARE(derivedState(*batched), derivedState(*reference));
    QCOMPARE(disagreements(*batched), QStringList());
    QCOMPARE(counts.entities, referenceCounts.entities);
    QCOMPARE(counts.mentions, referenceCounts.mentions);
    QCOMPARE(counts.quotes, referenceCounts.quotes);
    QCOMPARE(counts.figures, referenceCounts.figures);
    QVERIFY(counts.mentions > 0 && counts.quotes > 0 && counts.figures > 0);

    // The same suggestions again: nothing to write, not even in place.
    const QString before = lastIdsAndVersions(*batched);
    const int changesBefore = totalChanges(*batched);
    SuggestionCounts again;
    QVERIFY2(writeBatches(again), qPrintable(writer.errorString()));
    QCOMPARE(lastIdsAndVersions(*batched), before);
    if (!asTheExtractionDoes)
        QCOMPARE(totalChanges(*batched), changesBefore);
    QCOMPARE(again.mentions, counts.mentions);
}

QTEST_GUILESS_MAIN(TestSuggestionRewrite)
#include "tst_suggestionrewrite.moc"

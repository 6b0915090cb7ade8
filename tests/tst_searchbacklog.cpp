// SPDX-License-Identifier: GPL-3.0-or-later
// An import that defers its search indexing (Store::SearchIndexing::Deferred) commits its rows
// first and records them in the search backlog. Indexed later, a step at a time, in the
// background or after a stop, the project ends as one whose rows went in through the triggers:
// whatever the analyst changed in between. Until then every reader of the index knows what it
// misses: "find other occurrences" reads the unindexed articles without it, and an export by
// search waits.
#include "corpusoccurrences.h"
#include "formats/exportselection.h"
#include "projectstate.h"
#include "searchbacklog.h"
#include "searchindexer.h"
#include "store.h"
#include "testprojects.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Byline;
using namespace Byline::Test;
using namespace Qt::StringLiterals;

namespace {

bool addDeferred(Store &store, const QList<DatasetDocument> &documents)
{
    store.setSearchIndexing(Store::SearchIndexing::Deferred);
    const bool added = addInBulk(store, documents);
    store.setSearchIndexing(Store::SearchIndexing::WithTheRows);
    return added;
}

int hitsFor(const Store &store, const QString &search)
{
    int hits = 0;
    CorpusSearch(store).run(search, 500, [&](const QList<SearchHit> &batch) {
        hits += int(batch.size());
        return true;
    });
    return hits;
}

void verifyIndexesIntact(const Store &store)
{
    for (const QString &index : { u"article_search"_s, u"article_filter"_s, u"annotation_search"_s }) {
        QSqlQuery check(store.database());
        QVERIFY2(check.exec(u"INSERT INTO %1 (%1) VALUES ('integrity-check')"_s.arg(index)),
            qPrintable(index + u": "_s + check.lastError().text()));
    }
}

QStringList occurrences(const Store &store, const QStringList &names)
{
    CorpusOccurrenceSearch search(store, names);
    QStringList found;
    while (!search.atEnd()) {
        for (const Occurrence &occurrence : search.fetch(3))
            found << u"%1 %2-%3"_s.arg(occurrence.articleId)
                         .arg(occurrence.span.start)
                         .arg(occurrence.span.end);
    }
    return found;
}

// A copy of a row, removed and put back under its id: what undo does after a removal.
QStringList removeAndRestore(const QString &table, const QString &id)
{
    return { u"CREATE TEMP TABLE saved AS SELECT * FROM %1 WHERE id = %2"_s.arg(table, id),
        u"DELETE FROM %1 WHERE id = %2"_s.arg(table, id), u"INSERT INTO %1 SELECT * FROM saved"_s.arg(table),
        u"DROP TABLE saved"_s };
}

} // namespace

class TestSearchBacklog final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_documents = corpus();
        QVERIFY(m_documents.size() > 10);
        m_reference = open();
        QVERIFY(m_reference && addPlainly(*m_reference, m_documents));
        m_referenceState = derivedState(*m_reference);
    }

    void deferredImportIsFoundOnlyOnceIndexed()
    {
        const auto store = open();
        QVERIFY(store && addDeferred(*store, m_documents));
        QVERIFY(SearchBacklog::remaining(*store) > 0);
        QCOMPARE(hitsFor(*store, u"said"_s), 0);
        QCOMPARE(hitsFor(*store, u"type:PERSON"_s), 0);
        // The list's filter, the counts and the rows are there at once.
        ArticleFilter filter;
        filter.text = u"bid"_s;
        QVERIFY(store->articleCount(filter) > 0);
        QCOMPARE(store->annotationCounts().counts, m_reference->annotationCounts().counts);

        SearchBacklog backlog(*store);
        QVERIFY2(backlog.catchUp(), qPrintable(backlog.errorString()));
        QCOMPARE(SearchBacklog::remaining(*store), 0);
        verifyIndexesIntact(*store);
        QCOMPARE(derivedState(*store), m_referenceState);
    }

    void changesBeforeIndexingAreIndexed_data()
    {
        QTest::addColumn<QStringList>("changes");
        const QString firstArticle = u"(SELECT min(id) FROM articles)"_s;
        const QString firstEntity = u"(SELECT min(id) FROM entities)"_s;
        // Chosen first: the statements below change which quote is the first with parts.
        const QString chosenQuote = u"(SELECT id FROM chosen)"_s;
        QTest::newRow("article retitled") << QStringList {
            u"UPDATE articles SET title = 'Retitled minister story' WHERE id = %1"_s.arg(firstArticle)
        };
        QTest::newRow("article text changed") << QStringList {
            u"UPDATE articles SET text = text || ' and the minister said more' WHERE id = %1"_s.arg(
                firstArticle)
        };
        QTest::newRow("article removed")
            << QStringList { u"DELETE FROM articles WHERE id = %1"_s.arg(firstArticle) };
        QTest::newRow("article removed and restored") << removeAndRestore(u"articles"_s, firstArticle);
        QTest::newRow("entity renamed") << QStringList {
            u"UPDATE entities SET name = 'Renamed Person', status = 'accepted' WHERE id = %1"_s.arg(
                firstEntity)
        };
        QTest::newRow("entity removed and restored") << removeAndRestore(u"entities"_s, firstEntity);
        QTest::newRow("speaker renamed") << QStringList {
            u"UPDATE entities SET name = 'Another Speaker' WHERE id = (SELECT min(speaker_id) FROM quotes)"_s
        };
        QTest::newRow("quote parts replaced") << QStringList {
            u"CREATE TEMP TABLE chosen AS SELECT min(quote_id) AS id FROM quote_parts"_s,
            u"DELETE FROM quote_parts WHERE quote_id = %1"_s.arg(chosenQuote),
            u"INSERT INTO quote_parts (quote_id, position, start_offset, end_offset) SELECT %1, 0, 0, 12"_s
                .arg(chosenQuote),
            u"DROP TABLE chosen"_s,
        };
        QTest::newRow("quote removed and restored")
            << removeAndRestore(u"quotes"_s, u"(SELECT min(id) FROM quotes)"_s);
        QTest::newRow("figure changed") << QStringList {
            u"UPDATE figures SET span_start = 0, span_end = 7, kind = 'money' WHERE id = (SELECT min(id) FROM figures)"_s
        };
    }

    // Each change, made in the reference through the triggers and in the deferred project before
    // its backlog is indexed, ends in the same search rows, hits and counts.
    void changesBeforeIndexingAreIndexed()
    {
        QFETCH(QStringList, changes);
        const auto reference = open();
        const auto store = open();
        QVERIFY(reference && addPlainly(*reference, m_documents));
        QVERIFY(store && addDeferred(*store, m_documents));
        for (Store *project : { reference.get(), store.get() }) {
            QSqlQuery query(project->database());
            for (const QString &change : std::as_const(changes))
                QVERIFY2(query.exec(change), qPrintable(change + u": "_s + query.lastError().text()));
        }
        SearchBacklog backlog(*store);
        QVERIFY2(backlog.catchUp(), qPrintable(backlog.errorString()));
        verifyIndexesIntact(*store);
        QCOMPARE(derivedState(*store), derivedState(*reference));
    }

    // Rows added through the triggers while a backlog waits are indexed at once, and once only.
    void rowsAddedMeanwhileAreIndexedOnce()
    {
        const auto reference = open();
        const auto store = open();
        QVERIFY(reference && addPlainly(*reference, m_documents));
        QVERIFY(store && addDeferred(*store, m_documents.mid(0, 4)));
        QVERIFY(addPlainly(*store, m_documents.mid(4)));
        QVERIFY(hitsFor(*store, u"said"_s) > 0);
        SearchBacklog backlog(*store);
        QVERIFY2(backlog.catchUp(), qPrintable(backlog.errorString()));
        verifyIndexesIntact(*store);
        QCOMPARE(derivedState(*store), derivedState(*reference));
    }

    // A stop between steps (the window closed) and a process killed in a step's transaction lose
    // nothing: the next run goes on from the last step committed.
    void indexingResumesWhereItStopped()
    {
        const QString location = m_projects.newLocation();
        StoreError error;
        qint64 before = 0;
        {
            auto store = Store::open(location, Store::Mode::ReadWrite, &error);
            QVERIFY2(store, qPrintable(error.message));
            QVERIFY(addDeferred(*store, m_documents));
            before = SearchBacklog::remaining(*store);
            SearchBacklog backlog(*store);
            QCOMPARE(backlog.indexNext(3), 3);
            QCOMPARE(SearchBacklog::remaining(*store), before - 3);
            int calls = 0;
            QVERIFY(!backlog.catchUp([&](qint64, qint64) { return ++calls < 2; }));
            QVERIFY(SearchBacklog::remaining(*store) < before - 3);
            before = SearchBacklog::remaining(*store);
            QVERIFY(before > 0);
            // A step's transaction that never commits: the process dies in it.
            QSqlQuery query(store->database());
            QVERIFY(query.exec(u"BEGIN IMMEDIATE"_s));
            QVERIFY(query.exec(SearchBacklog::indexStatement(u"entities"_s, u"> 0"_s)));
            QVERIFY(query.exec(u"DELETE FROM search_backlog"_s));
        }
        auto store = Store::open(location, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        QCOMPARE(SearchBacklog::remaining(*store), before);
        SearchBacklog backlog(*store);
        QVERIFY2(backlog.catchUp(), qPrintable(backlog.errorString()));
        verifyIndexesIntact(*store);
        QCOMPARE(derivedState(*store), m_referenceState);
    }

    void indexerRunsInTheBackground()
    {
        const auto store = open();
        QVERIFY(store && addDeferred(*store, m_documents));
        const qint64 backlog = SearchBacklog::remaining(*store);
        SearchIndexer indexer(*store);
        QSignalSpy started(&indexer, &SearchIndexer::started);
        QSignalSpy progressed(&indexer, &SearchIndexer::progressed);
        QSignalSpy finished(&indexer, &SearchIndexer::finished);
        indexer.start();
        QVERIFY(indexer.isRunning());
        indexer.start(); // one run at a time
        QCOMPARE(started.size(), 1);
        QVERIFY(finished.wait(20'000));
        const auto result = finished.constFirst().constFirst().value<SearchIndexingResult>();
        QVERIFY2(result.complete, qPrintable(result.error));
        QVERIFY(!progressed.isEmpty());
        QCOMPARE(progressed.constFirst().at(1).toLongLong(), backlog);
        QCOMPARE(SearchBacklog::remaining(*store), 0);
        QCOMPARE(derivedState(*store), m_referenceState);
        // Nothing left: a start does nothing.
        indexer.start();
        QVERIFY(!indexer.isRunning());
        QCOMPARE(started.size(), 1);
    }

    void indexerStopsAndResumes()
    {
        const auto store = open();
        QVERIFY(store && addDeferred(*store, m_documents));
        SearchIndexer indexer(*store);
        QSignalSpy finished(&indexer, &SearchIndexer::finished);
        // Stopped at its first report, it ends after at most one step.
        connect(&indexer, &SearchIndexer::progressed, &indexer, &SearchIndexer::stop);
        indexer.start();
        QVERIFY(finished.wait(20'000));
        const auto stopped = finished.takeFirst().constFirst().value<SearchIndexingResult>();
        QVERIFY(!stopped.complete);
        QVERIFY2(stopped.error.isEmpty(), qPrintable(stopped.error));
        QVERIFY(SearchBacklog::remaining(*store) > 0);
        indexer.disconnect(&indexer);
        indexer.start();
        QVERIFY(finished.wait(20'000));
        QVERIFY(finished.constFirst().constFirst().value<SearchIndexingResult>().complete);
        QCOMPARE(derivedState(*store), m_referenceState);
    }

    void occurrencesAreFoundBeforeIndexing_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::newRow("a word") << QStringList { u"minister"_s };
        QTest::newRow("a word and a longer phrase") << QStringList { u"government"_s, u"prime minister"_s };
    }

    // Articles the index does not hold yet are read without it, after the others: the same
    // occurrences as in the reference, each once.
    void occurrencesAreFoundBeforeIndexing()
    {
        QFETCH(QStringList, names);
        QStringList expected = occurrences(*m_reference, names);
        QVERIFY(!expected.isEmpty());
        const auto store = open();
        QVERIFY(store && addDeferred(*store, m_documents.mid(0, 5)));
        // Half of what follows indexed, half waiting.
        QVERIFY(addPlainly(*store, m_documents.mid(5, 5)));
        QVERIFY(addDeferred(*store, m_documents.mid(10)));
        QVERIFY(SearchBacklog::remaining(*store) > 0);
        QStringList found = occurrences(*store, names);
        found.sort();
        expected.sort();
        QCOMPARE(found, expected);
    }

    void exportBySearchWaitsForTheIndex()
    {
        const auto store = open();
        QVERIFY(store && addDeferred(*store, m_documents));
        ExportSelection selection = ExportSelection::defaultFor(*store);
        selection.search = u"said"_s;
        const SelectedArticles waiting(*store, selection);
        QVERIFY(!waiting.isValid());
        QVERIFY2(waiting.errorString().contains(u"still being built"_s), qPrintable(waiting.errorString()));
        // An export of everything reads no index.
        selection.search.clear();
        QVERIFY(SelectedArticles(*store, selection).isValid());
        SearchBacklog backlog(*store);
        QVERIFY(backlog.catchUp());
        selection.search = u"said"_s;
        const SelectedArticles ready(*store, selection);
        QVERIFY2(ready.isValid(), qPrintable(ready.errorString()));
        QCOMPARE(ready.count(), SelectedArticles(*m_reference, selection).count());
    }

    // An extraction's batch indexes its rows at once, whatever the connection asks of imports.
    void onlyImportsDefer()
    {
        const auto store = open();
        QVERIFY(store);
        store->setSearchIndexing(Store::SearchIndexing::Deferred);
        {
            Store::BulkInsert bulk(*store, Store::BulkInsert::Removals::OldSuggestions);
            QVERIFY(add(*store, m_documents.mid(0, 3)) && bulk.commit());
        }
        QCOMPARE(SearchBacklog::remaining(*store), 0);
        QVERIFY(hitsFor(*store, u"said"_s) > 0);
    }

    // The window's write meets the indexer's step: whichever took the file first finishes, and
    // the other waits through the busy handler or tries again later. A transaction that read
    // before it wrote would have been refused once the indexer had written meanwhile.
    void writesAndStepsTakeTurns()
    {
        const auto store = open();
        QVERIFY(store && addDeferred(*store, m_documents));
        StoreError error;
        const auto indexer = store->openConnection(Store::Mode::ReadWrite, &error);
        QVERIFY2(indexer, qPrintable(error.message));
        QVERIFY(QSqlQuery(indexer->database()).exec(u"PRAGMA busy_timeout = 50"_s));
        const qint64 before = SearchBacklog::remaining(*store);
        SearchBacklog backlog(*indexer);
        {
            Store::Transaction edit(*store);
            QVERIFY(edit.isOpen());
            QVERIFY(store->articleCount() > 0); // it reads first
            QCOMPARE(backlog.indexNext(10), -1);
            QVERIFY2(backlog.wasBusy(), qPrintable(backlog.errorString()));
            QVERIFY(store->setArticleStatus(
                store->articleSummariesAfter(0, 1).constFirst().id, ArticleStatus::Done));
            QVERIFY2(edit.commit(), qPrintable(store->errorString()));
        }
        QCOMPARE(SearchBacklog::remaining(*store), before);
        QCOMPARE(backlog.indexNext(10), 10);
        QVERIFY(!backlog.wasBusy());
    }

private:
    std::unique_ptr<Store> open() { return openNewProject(m_projects); }

    Test::TestProjects m_projects;
    QList<DatasetDocument> m_documents;
    std::unique_ptr<Store> m_reference;
    QStringList m_referenceState;
};

QTEST_GUILESS_MAIN(TestSearchBacklog)
#include "tst_searchbacklog.moc"

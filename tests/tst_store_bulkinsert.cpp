// SPDX-License-Identifier: GPL-3.0-or-later
// Store::BulkInsert, the transaction of an import: with the count and search triggers set aside
// and caught up at commit, a project ends exactly as if every row had gone in through the
// triggers (counts, search hits, the article list's text filter), into an empty project or one
// with articles; rolled back, cancelled or failed, it leaves nothing and the triggers work on.
// Also built as tst_store_bulkinsert_postgres, where it is an ordinary transaction.
#include "corpussearch.h"
#include "formatfixtures.h"
#include "formats/formatregistry.h"
#include "formats/jsonlcodec.h"
#include "projectstate.h"
#include "sqliteconnection.h"
#include "store.h"
#include "testprojects.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <optional>

#include <sqlite3.h>

using namespace Byline;
using namespace Qt::StringLiterals;

using namespace Byline::Test;

class TestStoreBulkInsert final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString unavailable, failure;
        if (!m_projects.start(&unavailable, &failure)) {
            if (!unavailable.isEmpty())
                QSKIP(qPrintable(unavailable));
            QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
        }
        m_documents = corpus();
        QVERIFY(m_documents.size() > 10);
    }

    void endsAsRowByRow_data()
    {
        QTest::addColumn<int>("before");
        QTest::newRow("into an empty project") << 0;
        QTest::newRow("into a project with articles") << 5;
    }

    // The same articles, added row by row through the triggers or in bulk after the same ones
    // before, give the same project: same ids, counts, search rows and hits.
    void endsAsRowByRow()
    {
        QFETCH(int, before);
        const auto reference = open();
        const auto bulk = open();
        QVERIFY(reference && bulk);
        QVERIFY(addPlainly(*reference, m_documents));
        QVERIFY(addPlainly(*bulk, m_documents.mid(0, before)));
        const QStringList triggersBefore = triggers(*bulk);
        QVERIFY(addInBulk(*bulk, m_documents.mid(before)));
        QCOMPARE(triggers(*bulk), triggersBefore);
        verifyCountsMatchRows(*bulk);
        QCOMPARE(derivedState(*bulk), derivedState(*reference));
        if (!Test::TestProjects::onServer) {
            for (const QString &index : { u"article_search"_s, u"article_filter"_s, u"annotation_search"_s })
                QVERIFY(QSqlQuery(bulk->database())
                        .exec(u"INSERT INTO %1 (%1) VALUES ('integrity-check')"_s.arg(index)));
        }

        // The triggers are back: a change after the import is counted and found.
        const auto changeBoth = [&](Store &store) {
            DatasetDocument extra = m_documents.constFirst();
            extra.article.key = u"after"_s;
            extra.article.text += u" once more"_s;
            const QStringList firstQuote = rows(store, u"SELECT MIN(id) FROM quotes"_s);
            return add(store, { extra }) && store.removeQuote(firstQuote.value(0).toLongLong());
        };
        QVERIFY(changeBoth(*reference));
        QVERIFY(changeBoth(*bulk));
        verifyCountsMatchRows(*bulk);
        QCOMPARE(derivedState(*bulk), derivedState(*reference));
    }

    void rollbackLeavesNothing()
    {
        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents.mid(0, 3)));
        const QStringList state = derivedState(*store);
        const QStringList triggersBefore = triggers(*store);
        {
            Store::BulkInsert bulk(*store);
            QVERIFY(bulk.isOpen());
            QVERIFY(add(*store, m_documents.mid(3)));
        }
        QCOMPARE(triggers(*store), triggersBefore);
        QCOMPARE(derivedState(*store), state);
        // The triggers work on.
        QVERIFY(addPlainly(*store, m_documents.mid(3, 2)));
        QCOMPARE(store->articleCount(), 5);
        verifyCountsMatchRows(*store);
    }

    // Inside a larger transaction (an import of several files) it is a savepoint: the outer
    // rollback takes its rows too, and an inner bulk insert inside it is a plain savepoint.
    void nestsInATransaction()
    {
        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents.mid(0, 2)));
        const QStringList state = derivedState(*store);
        {
            Store::Transaction outer(*store);
            QVERIFY(addInBulk(*store, m_documents.mid(2, 4)));
            {
                Store::BulkInsert bulk(*store);
                QVERIFY(add(*store, m_documents.mid(6, 2)));
                QVERIFY(addInBulk(*store, m_documents.mid(8, 2)));
                QVERIFY(bulk.commit());
            }
            verifyCountsMatchRows(*store);
            QCOMPARE(store->articleCount(), 10);
        }
        QCOMPARE(derivedState(*store), state);
        {
            Store::Transaction outer(*store);
            QVERIFY(addInBulk(*store, m_documents.mid(2, 4)));
            QVERIFY(outer.commit());
        }
        QCOMPARE(store->articleCount(), 6);
        verifyCountsMatchRows(*store);
    }

    void documentThatDoesNotFitIsRefusedWhole_data()
    {
        QTest::addColumn<int>("layer");
        QTest::newRow("a mention") << int(Layer::Entities);
        QTest::newRow("a quote's part") << int(Layer::Quotes);
        QTest::newRow("a figure") << int(Layer::Figures);
    }

    // A document with a span past its text is refused with the reason before any row of it is
    // stored (in bulk, before its first row), and the others commit as if it had never come.
    void documentThatDoesNotFitIsRefusedWhole()
    {
        QFETCH(int, layer);
        DatasetDocument bad = m_documents.at(2);
        const qsizetype past = bad.article.text.size() + 5;
        const Span outside { past, past + 3 };
        switch (Layer(layer)) {
        case Layer::Entities:
            bad.annotations.entities.last().mentions.last().span = outside;
            break;
        case Layer::Quotes:
            bad.annotations.quotes.last().content.last() = outside;
            break;
        case Layer::Figures:
            bad.annotations.figures.last().span = outside;
            break;
        }
        const QList<DatasetDocument> good { m_documents.at(0), m_documents.at(1), m_documents.at(3) };
        const auto store = open();
        const auto reference = open();
        QVERIFY(store && reference);
        QVERIFY(addPlainly(*reference, good));
        const QStringList triggersBefore = triggers(*store);
        {
            Store::BulkInsert bulk(*store);
            QVERIFY(add(*store, good.mid(0, 2)));
            QVERIFY(!store->addDocument(bad.article, bad.annotations));
            QVERIFY2(store->errorString().contains(u"lies outside the article text"_s),
                qPrintable(store->errorString()));
            QVERIFY(add(*store, good.mid(2)));
            QVERIFY(bulk.commit());
        }
        QCOMPARE(triggers(*store), triggersBefore);
        QCOMPARE(store->articleCount(), good.size());
        verifyCountsMatchRows(*store);
        // A server's id sequences do not roll back: there the refused article used up an id.
        if (!Test::TestProjects::onServer)
            QCOMPARE(derivedState(*store), derivedState(*reference));
    }

    // In a project file the rows go in through SQLite's own interface (SqliteBulkWriter), not
    // QtSql: every column of every row is what the store's own inserts write, and the records in
    // memory get the same ids, keys, versions and times.
    void storesTheRowsTheStoreWouldStore()
    {
        QList<DatasetDocument> documents = m_documents;
        const QDateTime time = QDateTime(QDate(2026, 3, 14), QTime(9, 26, 53, 589), QTimeZone::UTC);
        for (qsizetype n = 0; n < documents.size(); ++n) {
            DatasetDocument &document = documents[n];
            // Every other document keeps its times unset, for the store to stamp; the others
            // carry every provenance field, so that each column has a value to compare.
            if (n % 2 == 1)
                continue;
            document.article.imported = time;
            document.article.extra = u"{\"note\":\"ü\"}"_s;
            const auto fill = [&](Provenance &provenance) {
                provenance.created = time;
                provenance.modified = time.addSecs(n);
                provenance.annotator = u"ana"_s;
                provenance.confidence = 0.25 * (n % 4);
                provenance.rule = u"rule %1"_s.arg(n);
                provenance.previous = QJsonObject { { u"kind"_s, u"direct"_s } };
            };
            for (Entity &entity : document.annotations.entities) {
                fill(entity.provenance);
                for (Mention &mention : entity.mentions)
                    fill(mention.provenance);
            }
            for (Quote &quote : document.annotations.quotes)
                fill(quote.provenance);
            for (Figure &figure : document.annotations.figures)
                fill(figure.provenance);
        }
        // Two documents under one key: the second is stored under the first free one.
        documents[3].article.key = documents[2].article.key;

        const auto reference = open();
        const auto bulk = open();
        QVERIFY(reference && bulk);
        QList<DatasetDocument> plainly = documents;
        QVERIFY(addPlainly(*reference, plainly.mid(0, 2)));
        QVERIFY(addPlainly(*bulk, documents.mid(0, 2)));
        QList<DatasetDocument> inBulk = documents;
        {
            Store::Transaction transaction(*reference);
            for (qsizetype n = 2; n < plainly.size(); ++n)
                QVERIFY(reference->addDocument(plainly[n].article, plainly[n].annotations));
            QVERIFY(transaction.commit());
        }
        {
            Store::BulkInsert transaction(*bulk);
            QCOMPARE(transaction.writesDirectly(), !Test::TestProjects::onServer);
            for (qsizetype n = 2; n < inBulk.size(); ++n)
                QVERIFY2(bulk->addDocument(inBulk[n].article, inBulk[n].annotations),
                    qPrintable(bulk->errorString()));
            QVERIFY(transaction.commit());
        }
        for (const QString &table :
            { u"articles"_s, u"entities"_s, u"mentions"_s, u"quotes"_s, u"quote_parts"_s, u"figures"_s }) {
            // Stamped times differ between the two runs; given ones must match.
            const QString sql = u"SELECT * FROM %1 ORDER BY 1, 2"_s.arg(table);
            QStringList expected = rows(*reference, sql), actual = rows(*bulk, sql);
            QCOMPARE(actual.size(), expected.size());
            for (qsizetype row = 0; row < actual.size(); ++row) {
                if (actual[row] != expected[row] && !expected[row].contains(u"2026-03-14T09:26:53.589Z"_s)) {
                    const QStringList a = actual[row].split(u'|'), e = expected[row].split(u'|');
                    QCOMPARE(a.size(), e.size());
                    for (qsizetype column = 0; column < a.size(); ++column) {
                        const bool stampedTime
                            = QDateTime::fromString(e[column], Qt::ISODateWithMs).isValid();
                        if (!stampedTime)
                            QCOMPARE(a[column], e[column]);
                    }
                } else {
                    QCOMPARE(actual[row], expected[row]);
                }
            }
        }
        for (qsizetype n = 2; n < inBulk.size(); ++n) {
            QCOMPARE(inBulk[n].article.id, plainly[n].article.id);
            QCOMPARE(inBulk[n].article.key, plainly[n].article.key);
            const AnnotationSet &a = inBulk[n].annotations, &e = plainly[n].annotations;
            QCOMPARE(a.entities.size(), e.entities.size());
            for (qsizetype i = 0; i < a.entities.size(); ++i) {
                QCOMPARE(a.entities[i].id, e.entities[i].id);
                QCOMPARE(a.entities[i].version.value, e.entities[i].version.value);
                QVERIFY(a.entities[i].provenance.created.isValid());
                QCOMPARE(a.entities[i].provenance.modified.isValid(), true);
                for (qsizetype m = 0; m < a.entities[i].mentions.size(); ++m) {
                    QCOMPARE(a.entities[i].mentions[m].id, e.entities[i].mentions[m].id);
                    QCOMPARE(a.entities[i].mentions[m].entityId, e.entities[i].mentions[m].entityId);
                    QCOMPARE(
                        a.entities[i].mentions[m].version.value, e.entities[i].mentions[m].version.value);
                }
            }
            for (qsizetype i = 0; i < a.quotes.size(); ++i) {
                QCOMPARE(a.quotes[i].id, e.quotes[i].id);
                QCOMPARE(a.quotes[i].speakerId, e.quotes[i].speakerId);
                QCOMPARE(a.quotes[i].version.value, e.quotes[i].version.value);
            }
            for (qsizetype i = 0; i < a.figures.size(); ++i) {
                QCOMPARE(a.figures[i].id, e.figures[i].id);
                QCOMPARE(a.figures[i].version.value, e.figures[i].version.value);
            }
        }
        QVERIFY(inBulk[3].article.key != inBulk[2].article.key);
        QCOMPARE(derivedState(*bulk), derivedState(*reference));
    }

    void documentsOfManyRowsStoreEveryRow_data()
    {
        QTest::addColumn<int>("copies");
        // The writer inserts up to 64 rows per statement, then the powers of two below for the rest.
        for (const int copies : { 1, 2, 63, 64, 65, 129, 200 })
            QTest::addRow("%d of each", copies) << copies;
    }

    // A document with more annotations than one statement of the writer takes: every row, id and
    // speaker is the store's own, and so is everything counted and searched.
    void documentsOfManyRowsStoreEveryRow()
    {
        QFETCH(int, copies);
        const DatasetDocument seed = m_documents.at(0);
        QVERIFY(!seed.annotations.entities.isEmpty() && !seed.annotations.quotes.isEmpty()
            && !seed.annotations.figures.isEmpty());
        DatasetDocument document = seed;
        document.annotations = {};
        const QDateTime time = QDateTime(QDate(2026, 5, 1), QTime(8, 0), QTimeZone::UTC);
        const auto given = [&](Provenance provenance, int n) {
            provenance.created = provenance.modified = time.addSecs(n);
            provenance.annotator = u"ana %1"_s.arg(n % 3);
            provenance.status = n % 2 ? AnnotationStatus::Accepted : AnnotationStatus::Auto;
            return provenance;
        };
        for (int n = 0; n < copies; ++n) {
            Entity entity = seed.annotations.entities.at(n % seed.annotations.entities.size());
            entity.id = 1000 + n;
            entity.name += u" %1"_s.arg(n);
            entity.provenance = given(entity.provenance, n);
            for (Mention &mention : entity.mentions)
                mention.provenance = given(mention.provenance, n);
            document.annotations.entities << entity;
            Quote quote = seed.annotations.quotes.at(n % seed.annotations.quotes.size());
            quote.speakerId = n % 5 == 4 ? 0 : 1000 + (n * 7) % copies;
            quote.provenance = given(quote.provenance, n);
            document.annotations.quotes << quote;
            Figure figure = seed.annotations.figures.at(n % seed.annotations.figures.size());
            figure.provenance = given(figure.provenance, n);
            document.annotations.figures << figure;
        }
        const auto reference = open();
        const auto bulk = open();
        QVERIFY(reference && bulk);
        QVERIFY(addPlainly(*reference, m_documents.mid(1, 2)));
        QVERIFY(addPlainly(*bulk, m_documents.mid(1, 2)));
        DatasetDocument plainly = document, inBulk = document;
        QVERIFY(addPlainly(*reference, { plainly }));
        QVERIFY(reference->addDocument(plainly.article, plainly.annotations));
        {
            Store::BulkInsert transaction(*bulk);
            QVERIFY(transaction.writesDirectly() || Test::TestProjects::onServer);
            QVERIFY2(bulk->addDocument(inBulk.article, inBulk.annotations), qPrintable(bulk->errorString()));
            QVERIFY(bulk->addDocument(inBulk.article, inBulk.annotations));
            QVERIFY(transaction.commit());
        }
        // The import time is stamped: the rest of each article must match.
        const QString articles = u"SELECT id, key, text FROM articles ORDER BY id"_s;
        QCOMPARE(rows(*bulk, articles), rows(*reference, articles));
        // Every row of the two large documents (articles 3 and 4), times included.
        const std::pair<QString, QString> tables[] = {
            { u"entities"_s, u"article_id > 2"_s },
            { u"mentions"_s, u"entity_id IN (SELECT id FROM entities WHERE article_id > 2)"_s },
            { u"quotes"_s, u"article_id > 2"_s },
            { u"quote_parts"_s, u"quote_id IN (SELECT id FROM quotes WHERE article_id > 2)"_s },
            { u"figures"_s, u"article_id > 2"_s },
        };
        for (const auto &[table, ofLargeDocuments] : tables) {
            const QString sql = u"SELECT * FROM %1 WHERE %2 ORDER BY 1, 2"_s.arg(table, ofLargeDocuments);
            const QStringList expected = rows(*reference, sql);
            QVERIFY2(expected.size() >= 2 * copies, qPrintable(table + expected.value(0)));
            QCOMPARE(rows(*bulk, sql), expected);
        }
        QCOMPARE(inBulk.annotations.entities.constLast().id, plainly.annotations.entities.constLast().id);
        QCOMPARE(inBulk.annotations.quotes.constLast().speakerId,
            plainly.annotations.quotes.constLast().speakerId);
        verifyCountsMatchRows(*bulk);
        QCOMPARE(derivedState(*bulk), derivedState(*reference));
    }

    void foreignKeysComeBack_data()
    {
        QTest::addColumn<bool>("commit");
        QTest::newRow("committed") << true;
        QTest::newRow("rolled back") << false;
    }

    // SQLite's foreign-key checks rest while a bulk insert of its own runs (the writer makes every
    // reference itself) and are back as soon as it ends, whichever way; inside a transaction
    // already open they stay on.
    void foreignKeysComeBack()
    {
        QFETCH(bool, commit);
        if (Test::TestProjects::onServer)
            QSKIP("a server checks its foreign keys always");
        const auto store = open();
        QVERIFY(store);
        const auto checked = [&] { return rows(*store, u"PRAGMA foreign_keys"_s); };
        QCOMPARE(checked(), QStringList { u"1"_s });
        {
            Store::BulkInsert bulk(*store);
            QVERIFY(add(*store, m_documents.mid(0, 2)));
            QCOMPARE(checked(), QStringList { u"0"_s });
            if (commit)
                QVERIFY(bulk.commit());
        }
        QCOMPARE(checked(), QStringList { u"1"_s });
        QCOMPARE(store->articleCount(), commit ? 2 : 0);
        QSqlQuery orphan(store->database());
        QVERIFY(!orphan.exec(u"INSERT INTO mentions (entity_id, start_offset, end_offset, status, annotator,"
                             " created_at, modified_at) VALUES (999999, 0, 1, 'auto', '', '', '')"_s));
        {
            Store::Transaction outer(*store);
            Store::BulkInsert bulk(*store);
            QVERIFY(add(*store, m_documents.mid(2, 1)));
            QCOMPARE(checked(), QStringList { u"1"_s });
            QVERIFY(bulk.commit());
            QVERIFY(outer.commit());
        }
        verifyCountsMatchRows(*store);
    }

    // The catch-up gives FTS5 room for larger segments while it runs, and the tables their own
    // setting back afterwards, committed or not.
    void searchIndexSettingsComeBack()
    {
        if (Test::TestProjects::onServer)
            QSKIP("a server's search indexes are its own");
        const auto store = open();
        QVERIFY(store);
        const auto settings = [&] {
            QStringList values;
            for (const QString &table : { u"article_search"_s, u"article_filter"_s, u"annotation_search"_s })
                values << rows(*store,
                    u"SELECT coalesce((SELECT v FROM %1_config WHERE k = 'hashsize'),"
                    " 1048576)"_s.arg(table));
            return values;
        };
        const QStringList before = settings();
        QCOMPARE(before, QStringList(3, u"1048576"_s));
        QVERIFY(addInBulk(*store, m_documents.mid(0, 3)));
        QCOMPARE(settings(), before);
        QVERIFY(QSqlQuery(store->database())
                .exec(
                    u"INSERT INTO annotation_search (annotation_search, rank) VALUES ('hashsize', 65536)"_s));
        QVERIFY(addInBulk(*store, m_documents.mid(3, 3)));
        QCOMPARE(settings(), QStringList({ u"1048576"_s, u"1048576"_s, u"65536"_s }));
        verifyCountsMatchRows(*store);
    }

    // A row the database itself refuses halfway through a document (here a rule of the project's
    // own) fails the document with the database's reason and ends the import: its commit refuses,
    // and the project is left as it was, triggers and all.
    void rowTheDatabaseRefusesEndsTheImport()
    {
        if (Test::TestProjects::onServer)
            QSKIP("the refusing rule is a SQLite trigger");
        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents.mid(0, 2)));
        QVERIFY(QSqlQuery(store->database())
                .exec(u"CREATE TRIGGER refuse_poison BEFORE INSERT ON figures WHEN new.unit = 'poison'"
                      " BEGIN SELECT RAISE(ABORT, 'poisoned figure'); END"_s));
        const QStringList state = derivedState(*store);
        const QStringList triggersBefore = triggers(*store);
        DatasetDocument bad = m_documents.at(3);
        QVERIFY(bad.annotations.figures.size() > 1);
        bad.annotations.figures.last().unit = u"poison"_s;
        {
            Store::BulkInsert transaction(*store);
            QVERIFY(transaction.writesDirectly());
            QVERIFY(add(*store, m_documents.mid(2, 1)));
            QVERIFY(!store->addDocument(bad.article, bad.annotations));
            QVERIFY2(store->errorString().contains(
                         u"Cannot store the figures of article %1: poisoned figure"_s.arg(bad.article.key)),
                qPrintable(store->errorString()));
            QVERIFY(!transaction.isOpen());
            QVERIFY(!transaction.commit());
        }
        QCOMPARE(triggers(*store), triggersBefore);
        QCOMPARE(derivedState(*store), state);
        QVERIFY(addInBulk(*store, m_documents.mid(4, 2)));
        verifyCountsMatchRows(*store);
    }

    // While a corpus extraction's bulk insert has the delete triggers that count articles set
    // aside, a removal other than its own would leave counts and search rows behind: refused.
    void otherRemovalsWaitForTheExtractionsBatch()
    {
        if (Test::TestProjects::onServer)
            QSKIP("a server project keeps its triggers");
        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents.mid(0, 4)));
        RecordId articleId = 0;
        for (const ArticleSummary &summary : store->articleSummariesAfter(0, 4)) {
            if (articleId == 0 && store->annotations(summary.id).figures.size() > 1)
                articleId = summary.id;
        }
        QVERIFY(articleId != 0);
        // A suggestion and the analyst's work, changed as the triggers count.
        const QList<Figure> figures = store->annotations(articleId).figures;
        QVERIFY(QSqlQuery(store->database())
                .exec(u"UPDATE figures SET status = 'auto' WHERE id = %1"_s.arg(figures.first().id)));
        QVERIFY(QSqlQuery(store->database())
                .exec(u"UPDATE figures SET status = 'accepted' WHERE id = %1"_s.arg(figures.last().id)));
        const AnnotationSet stored = store->annotations(articleId);
        const QStringList state = derivedState(*store);
        {
            Store::Transaction transaction(*store, Store::Transaction::Inner::ShareThis);
            Store::BulkInsert bulkInsert(*store, Store::BulkInsert::Removals::OldSuggestions);
            QVERIFY(bulkInsert.writesDirectly());
            QVERIFY(!store->removeFigure(stored.figures.first().id));
            QVERIFY2(store->errorString().contains(u"while an extraction replaces them"_s),
                qPrintable(store->errorString()));
            QVERIFY(!store->removeSuggestions({ articleId }));
            // Its own removals count what they remove from the annotations as read: without them,
            // or when one is no longer a suggestion, nothing is removed.
            Store::RemovedAnnotations suggestion;
            suggestion.figures = { stored.figures.first().id };
            QVERIFY(!store->removeAnnotations(suggestion));
            QVERIFY2(store->errorString().contains(u"not among the annotations read"_s),
                qPrintable(store->errorString()));
            Store::RemovedAnnotations reviewed;
            reviewed.figures = { stored.figures.last().id };
            QVERIFY(!store->removeAnnotations(reviewed, { stored }));
            QVERIFY2(
                store->errorString().contains(u"reviewed meanwhile"_s), qPrintable(store->errorString()));
            QVERIFY2(store->removeAnnotations(suggestion, { stored }), qPrintable(store->errorString()));
            QVERIFY(bulkInsert.commit());
            QVERIFY(transaction.commit());
        }
        // Counted and unindexed as the triggers would have, which are back, and so are removals.
        verifyCountsMatchRows(*store);
        QVERIFY(derivedState(*store) != state);
        QCOMPARE(rows(*store,
                     u"SELECT COUNT(*) FROM annotation_search WHERE rowid = %1"_s.arg(
                         stored.figures.first().id * 4 + 3)),
            QStringList { u"0"_s });
        QCOMPARE(store->annotations(articleId).figures.size(), stored.figures.size() - 1);
        QVERIFY2(store->removeFigure(stored.figures.last().id), qPrintable(store->errorString()));
        verifyCountsMatchRows(*store);
    }

    // The catch-up runs at the commit of every batch of a corpus extraction: each statement must
    // reach the added rows through their ids (or an index), never by walking a whole table or
    // index. Without statistics SQLite plans the same for a small project as for 100,000 articles.
    void catchUpReadsOnlyTheAddedRows_data()
    {
        QTest::addColumn<bool>("removedToo");
        QTest::newRow("rows added") << false;
        // A corpus extraction's batch: the articles old suggestions were removed from are counted.
        QTest::newRow("rows added and removed") << true;
    }

    void catchUpReadsOnlyTheAddedRows()
    {
        QFETCH(bool, removedToo);
        if (Test::TestProjects::onServer)
            QSKIP("a server project catches nothing up: its triggers run row by row");
        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents));
        QHash<QString, RecordId> lastIdBefore;
        for (const QString &table :
            { u"articles"_s, u"entities"_s, u"mentions"_s, u"quotes"_s, u"figures"_s }) {
            lastIdBefore.insert(
                table, rows(*store, u"SELECT max(id) - 3 FROM "_s + table).value(0).toLongLong());
        }
        QSet<RecordId> removedFrom;
        if (removedToo)
            removedFrom = { 1, 2 };
        const QStringList statements = Store::BulkInsert::catchUpStatements(lastIdBefore, removedFrom);
        QVERIFY(statements.size() > 10);
        // A list of article ids is scanned as what it is ("SCAN 2-ROW VALUES CLAUSE").
        static const QRegularExpression wholeTable(u"^SCAN (?!\\(subquery|CONSTANT|\\d+-ROW VALUES)"_s);
        for (const QString &statement : statements) {
            const QStringList plan = rows(*store, u"EXPLAIN QUERY PLAN "_s + statement);
            QVERIFY2(!plan.isEmpty() && !plan.constFirst().startsWith(u"failed"_s), qPrintable(statement));
            for (const QString &step : plan) {
                const QString detail = step.section(u'|', 3);
                QVERIFY2(!wholeTable.match(detail).hasMatch(),
                    qPrintable(u"%1\n  plan: %2"_s.arg(statement, plan.join(u"; "_s))));
            }
        }
    }

    void importThatStopsLeavesNothing_data()
    {
        QTest::addColumn<bool>("cancel");
        QTest::newRow("cancelled") << true;
        QTest::newRow("bad record late in the file") << false;
    }

    // A JSONL import cancelled or failed halfway leaves the project as it was, and works after.
    void importThatStopsLeavesNothing()
    {
        QFETCH(bool, cancel);
        const QTemporaryDir dir;
        const QString path = dir.filePath(u"corpus.jsonl"_s);
        QByteArray bytes;
        for (const DatasetDocument &document : m_documents.mid(4))
            JsonlCodec::write(document.article, document.annotations, bytes);
        if (!cancel)
            bytes += "{\"id\": \"broken\", \"text\": 42}\n";
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
        file.close();

        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents.mid(0, 4)));
        const QStringList state = derivedState(*store);
        const QStringList triggersBefore = triggers(*store);
        const auto format = FormatRegistry::create(u"jsonl");
        qint64 seen = 0;
        const bool read = format->read(*store, path, nullptr, [&](qint64 done, qint64) {
            seen = done;
            return !cancel || done < 5;
        });
        QVERIFY(!read);
        QVERIFY(seen >= 5);
        QCOMPARE(triggers(*store), triggersBefore);
        QCOMPARE(derivedState(*store), state);

        // The same file again, whole (without its bad record), goes in as a first import would.
        if (!cancel) {
            bytes.truncate(bytes.lastIndexOf("{\"id\": \"broken\""));
            QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
            file.close();
        }
        QVERIFY2(format->read(*store, path, nullptr, {}), qPrintable(format->errorString()));
        QCOMPARE(store->articleCount(), m_documents.size());
        verifyCountsMatchRows(*store);
        // The file keeps what JSONL keeps (mentions have no status there): the reference is made
        // of the documents as read back from it.
        // A server's id sequences do not roll back: there the ids differ from a first import's.
        if (Test::TestProjects::onServer)
            return;
        QList<DatasetDocument> stored = m_documents.mid(0, 4);
        for (const QByteArray &line : bytes.trimmed().split('\n'))
            stored << *JsonlCodec::read(line, nullptr);
        const auto reference = open();
        QVERIFY(reference && addPlainly(*reference, stored));
        QCOMPARE(derivedState(*store), derivedState(*reference));
    }

    void rowsBesideTheDocumentsEndTheImport_data()
    {
        QTest::addColumn<bool>("rollBack");
        QTest::newRow("a record added on its own") << false;
        QTest::newRow("a savepoint rolled back") << true;
    }

    // Whole documents come with their counts, which the catch-up then leaves out.
    // Rows beside them (another record in between, documents a savepoint took back) would make
    // those counts wrong: the commit refuses instead, and the project stays as it was.
    void rowsBesideTheDocumentsEndTheImport()
    {
        QFETCH(bool, rollBack);
        if (Test::TestProjects::onServer)
            QSKIP("a server project counts row by row");
        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents.mid(0, 2)));
        const QStringList state = derivedState(*store);
        const QStringList triggersBefore = triggers(*store);
        {
            Store::BulkInsert bulk(*store);
            QVERIFY(add(*store, m_documents.mid(2, 1)));
            if (rollBack) {
                Store::Transaction inner(*store);
                QVERIFY(add(*store, m_documents.mid(3, 1)));
            } else {
                Entity extra = m_documents.at(0).annotations.entities.constFirst();
                extra.id = 0;
                extra.articleId = 1;
                for (Mention &mention : extra.mentions)
                    mention.id = 0;
                QVERIFY(store->insertEntity(extra));
            }
            QVERIFY(add(*store, m_documents.mid(4, 1)));
            QVERIFY(!bulk.commit());
            QVERIFY2(
                store->errorString().contains(u"Nothing was imported"_s), qPrintable(store->errorString()));
        }
        QCOMPARE(triggers(*store), triggersBefore);
        QCOMPARE(derivedState(*store), state);
        QVERIFY(addInBulk(*store, m_documents.mid(2, 3)));
        verifyCountsMatchRows(*store);
    }

    // Most of a large import's last part is its commit, which indexes the added rows for search:
    // cancelling there stops it too, and leaves the project as it was.
    void cancelWhileIndexingLeavesNothing()
    {
        if (Test::TestProjects::onServer)
            QSKIP("a server project indexes row by row, before the commit");
        const QTemporaryDir dir;
        const QString path = dir.filePath(u"corpus.jsonl"_s);
        // Enough rows that indexing their text is more than one of SQLite's checks apart.
        constexpr int articles = 20'000;
        QByteArray bytes;
        for (int n = 0; n < articles; ++n)
            bytes += u"{\"id\": \"t%1\", \"text\": \"Article %1 🎉 says something.\"}\n"_s.arg(n).toUtf8();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
        file.close();

        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents.mid(0, 2)));
        const QStringList state = derivedState(*store);
        const QStringList triggersBefore = triggers(*store);
        const auto format = FormatRegistry::create(u"jsonl");
        int callsAfterTheLastRecord = 0;
        const bool read = format->read(*store, path, nullptr, [&](qint64 done, qint64) {
            // The first call at the full count follows the last record; the next ones come from
            // the commit.
            return done < articles || ++callsAfterTheLastRecord < 2;
        });
        QVERIFY(!read);
        QCOMPARE(callsAfterTheLastRecord, 2);
        QVERIFY2(format->errorString().contains(u"cancelled"_s), qPrintable(format->errorString()));
        QCOMPARE(triggers(*store), triggersBefore);
        QCOMPARE(derivedState(*store), state);
        QCOMPARE(rows(*store, u"PRAGMA foreign_keys"_s), QStringList { u"1"_s });

        QVERIFY2(format->read(*store, path, nullptr, {}), qPrintable(format->errorString()));
        QCOMPARE(store->articleCount(), 2 + articles);
        verifyCountsMatchRows(*store);
    }

    void journalOfAnImport_data()
    {
        QTest::addColumn<QString>("beside");
        QTest::addColumn<QString>("journal");
        QTest::newRow("alone on the file") << u"nothing"_s << u"delete"_s;
        QTest::newRow("beside a reader") << u"reader"_s << u"wal"_s;
        QTest::newRow("inside a larger transaction") << u"transaction"_s << u"wal"_s;
    }

    // An import alone on its file writes through a rollback journal instead of the log, which
    // would take its pages and then copy them into the file a second time; it leaves the
    // project in WAL mode again, and a reader open beside it keeps the log.
    void journalOfAnImport()
    {
        if (Test::TestProjects::onServer)
            QSKIP("a server keeps its own log");
        QFETCH(QString, beside);
        QFETCH(QString, journal);
        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents.mid(0, 2)));
        StoreError error;
        const auto reader
            = beside == u"reader"_s ? store->openConnection(Store::Mode::ReadOnly, &error) : nullptr;
        QCOMPARE(reader == nullptr, beside != u"reader"_s);
        if (reader)
            QCOMPARE(reader->articleCount(), 2);
        std::optional<Store::Transaction> outer;
        if (beside == u"transaction"_s)
            outer.emplace(*store);
        {
            Store::BulkInsert bulk(*store);
            QVERIFY(bulk.isOpen());
            QCOMPARE(rows(*store, u"PRAGMA journal_mode"_s), QStringList { journal });
            QVERIFY(add(*store, m_documents.mid(2)));
            QVERIFY(bulk.commit());
        }
        if (outer)
            QVERIFY(outer->commit());
        QCOMPARE(rows(*store, u"PRAGMA journal_mode"_s), QStringList { u"wal"_s });
        QVERIFY(!QFileInfo::exists(store->path() + u"-journal"_s));
        QCOMPARE(store->articleCount(), m_documents.size());
        verifyCountsMatchRows(*store);
        if (reader)
            QCOMPARE(reader->articleCount(), m_documents.size());
    }

    void importKilledAloneLeavesTheProjectAsItWas_data()
    {
        QTest::addColumn<bool>("readOnly");
        QTest::newRow("opened for writing") << false;
        QTest::newRow("opened read-only") << true;
    }

    // A process killed in an import alone on the file leaves the file part-written and the
    // rollback journal beside it: the next opening, even read-only, finds the project as it was
    // before the import.
    void importKilledAloneLeavesTheProjectAsItWas()
    {
        if (Test::TestProjects::onServer)
            QSKIP("a server keeps its own log");
        QFETCH(bool, readOnly);
        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents.mid(0, 3)));
        const QStringList before = derivedState(*store);
        const QTemporaryDir copies;
        const QString killed = copies.filePath(u"killed.byline"_s);
        {
            Store::BulkInsert bulk(*store);
            QCOMPARE(rows(*store, u"PRAGMA journal_mode"_s), QStringList { u"delete"_s });
            const QByteArray fileAtStart = FormatFixtures::readFile(store->path());
            // A small cache makes SQLite write the import's pages into the file before the commit,
            // as it does in an import larger than the cache.
            QVERIFY(QSqlQuery(store->database()).exec(u"PRAGMA cache_size = 4"_s));
            QVERIFY(add(*store, m_documents.mid(3)));
            // What a process killed now leaves on disk. (Reading the file through another handle
            // would drop this process's POSIX locks on it when closed; no other connection needs
            // them here.)
            QVERIFY(QFile::copy(store->path(), killed));
            QVERIFY(QFile::copy(store->path() + u"-journal"_s, killed + u"-journal"_s));
            QVERIFY(FormatFixtures::readFile(killed) != fileAtStart);
        }
        StoreError error;
        const auto reopened
            = Store::open(killed, readOnly ? Store::Mode::ReadOnly : Store::Mode::ReadWrite, &error);
        QVERIFY2(reopened, qPrintable(error.message));
        QCOMPARE(derivedState(*reopened), before);
        QVERIFY(!QFileInfo::exists(killed + u"-journal"_s));
        if (!readOnly) {
            QCOMPARE(rows(*reopened, u"PRAGMA journal_mode"_s), QStringList { u"wal"_s });
            QVERIFY(addInBulk(*reopened, m_documents.mid(3)));
            QCOMPARE(reopened->articleCount(), m_documents.size());
            verifyCountsMatchRows(*reopened);
        }
    }

    // Several imports inside one SoleWriterJournal (byline import's files) share it: the inner
    // ones leave the file as it is, and the log comes back only at its end. Meanwhile the file is
    // held, between the imports too: a program opening the project waits, then is told.
    void importsShareOneJournalAndHoldTheFile()
    {
        if (Test::TestProjects::onServer)
            QSKIP("a server keeps its own log");
        const auto store = open();
        QVERIFY(store);
        {
            const Store::SoleWriterJournal alone(*store, true);
            QCOMPARE(rows(*store, u"PRAGMA journal_mode"_s), QStringList { u"delete"_s });
            QVERIFY(addInBulk(*store, m_documents.mid(0, 3)));
            QCOMPARE(rows(*store, u"PRAGMA journal_mode"_s), QStringList { u"delete"_s });
            StoreError error;
            QVERIFY(!Store::open(store->path(), Store::Mode::ReadOnly, &error));
            QCOMPARE(error.code, StoreError::Code::Busy);
            QVERIFY2(error.message.contains(u"busy"_s), qPrintable(error.message));
            QVERIFY(addInBulk(*store, m_documents.mid(3)));
            QCOMPARE(rows(*store, u"PRAGMA journal_mode"_s), QStringList { u"delete"_s });
        }
        QCOMPARE(rows(*store, u"PRAGMA journal_mode"_s), QStringList { u"wal"_s });
        QCOMPARE(rows(*store, u"PRAGMA locking_mode"_s), QStringList { u"normal"_s });
        StoreError error;
        const auto reader = Store::open(store->path(), Store::Mode::ReadOnly, &error);
        QVERIFY2(reader, qPrintable(error.message));
        QCOMPARE(reader->articleCount(), m_documents.size());
        verifyCountsMatchRows(*store);
        // The log lets a reader read beside a writer again.
        QVERIFY(addPlainly(*store, m_documents.mid(0, 1)));
        QCOMPARE(reader->articleCount(), m_documents.size() + 1);
    }

    // A statement that changes many pages inside a transaction (a removal that cascades, as an
    // extraction's batch makes) journals them in one block in memory, not a kilobyte at a time
    // or in a temporary file.
    void statementJournalIsOneBlockInMemory()
    {
        if (Test::TestProjects::onServer)
            QSKIP("a server keeps its own journal");
        const auto store = open();
        QVERIFY(store);
        QVERIFY(addPlainly(*store, m_documents));
        sqlite3_int64 current = 0;
        sqlite3_int64 largest = 0;
        QCOMPARE(sqlite3_status64(SQLITE_STATUS_MALLOC_SIZE, &current, &largest, 1), SQLITE_OK);
        {
            Store::Transaction transaction(*store);
            QVERIFY(QSqlQuery(store->database()).exec(u"DELETE FROM entities"_s));
            QCOMPARE(rows(*store, u"SELECT COUNT(*) FROM mentions"_s), QStringList { u"0"_s });
        }
        QCOMPARE(sqlite3_status64(SQLITE_STATUS_MALLOC_SIZE, &current, &largest, 0), SQLITE_OK);
        QVERIFY2(largest >= statementJournalInMemoryBytes, qPrintable(QString::number(largest)));
        QCOMPARE(store->articleCount(), m_documents.size());
        verifyCountsMatchRows(*store);
    }

private:
    std::unique_ptr<Store> open() { return openNewProject(m_projects); }

    Test::TestProjects m_projects;
    QList<DatasetDocument> m_documents;
};

QTEST_GUILESS_MAIN(TestStoreBulkInsert)
#include "tst_store_bulkinsert.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations.h"
#include "offsetmap.h"
#include "schema.h"
#include "store.h"
#include "testprojects.h"
#include "texthash.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

constexpr auto crashChildVariable = "BYLINE_CRASH_CHILD";

QDateTime at(int day, int hour, int msec = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, 15, 30, msec), QTimeZone::UTC);
}

Provenance provenance(AnnotationStatus status, int seed)
{
    Provenance result;
    result.status = status;
    result.annotator = u"analyst-%1"_s.arg(seed);
    result.created = at(1 + seed % 20, 9, 123 + seed);
    result.modified = at(2 + seed % 20, 17, 456);
    return result;
}

std::unique_ptr<Store> openStore(const QString &path, Store::Mode mode = Store::Mode::ReadWrite)
{
    StoreError error;
    auto store = Store::open(path, mode, &error);
    if (!store)
        qWarning() << "cannot open" << path << error.message;
    return store;
}

Article makeArticle(const QString &key, const QString &text)
{
    Article article;
    article.key = key;
    article.title = u"Title of "_s + key;
    article.text = text;
    return article;
}

Entity makeEntity(RecordId articleId, const QString &name, QList<Span> spans)
{
    Entity entity;
    entity.articleId = articleId;
    entity.name = name;
    entity.type = u"PERSON"_s;
    entity.provenance = provenance(AnnotationStatus::Manual, 1);
    for (const Span &span : spans) {
        Mention mention;
        mention.span = span;
        mention.provenance = provenance(AnnotationStatus::Manual, 2);
        entity.mentions.append(mention);
    }
    return entity;
}

// The corpus counts as the annotation tables say, counted row by row: what the kept counts
// (schema version 6) must always equal.
std::map<std::pair<Layer, AnnotationStatus>, int> scannedCounts(QSqlDatabase database)
{
    std::map<std::pair<Layer, AnnotationStatus>, int> counts;
    for (const auto &[layer, table] : { std::pair { Layer::Entities, u"mentions"_s },
             std::pair { Layer::Quotes, u"quotes"_s }, std::pair { Layer::Figures, u"figures"_s } }) {
        QSqlQuery query(database);
        if (!query.exec(u"SELECT status, COUNT(*) FROM %1 GROUP BY status"_s.arg(table)))
            qWarning() << query.lastError().text();
        while (query.next())
            counts[{ layer, *annotationStatusFromString(query.value(0).toString()) }]
                = query.value(1).toInt();
    }
    return counts;
}

// The child of testCrashSafety: edits until it is killed, one line per committed edit.
int runCrashChild(const QString &path)
{
    auto store = openStore(path);
    if (!store)
        return 2;
    const RecordId articleId = store->articleIdForKey(u"crash"_s).value_or(0);
    const qsizetype length = store->article(articleId)->text.size();
    QList<RecordId> entities;
    for (int edit = 0;; ++edit) {
        const qsizetype start = edit % (length - 5);
        bool ok = true;
        switch (edit % 5) {
        case 0: {
            Entity entity = makeEntity(articleId, u"entity %1"_s.arg(edit), { { start, start + 3 } });
            ok = store->insertEntity(entity);
            entities.append(entity.id);
            break;
        }
        case 1: {
            Quote quote;
            quote.articleId = articleId;
            quote.content = { { start, start + 4 } };
            quote.speakerId = entities.last();
            quote.provenance = provenance(AnnotationStatus::Auto, edit);
            ok = store->insertQuote(quote);
            break;
        }
        case 2: {
            Figure figure;
            figure.articleId = articleId;
            figure.kind = u"count"_s;
            figure.span = { start, start + 5 };
            figure.number = { start, start + 1 };
            figure.value = double(edit);
            figure.provenance = provenance(AnnotationStatus::Auto, edit);
            ok = store->insertFigure(figure);
            break;
        }
        case 3: {
            Entity entity = store->annotations(articleId).entities.last();
            entity.name += u" (renamed)"_s;
            ok = store->updateEntity(entity);
            break;
        }
        case 4: {
            // Insert and remove: the removal is the edit confirmed on this line.
            Entity entity = makeEntity(articleId, u"short-lived"_s, { { start, start + 1 } });
            ok = store->insertEntity(entity) && store->removeEntity(entity.id);
            break;
        }
        }
        if (!ok) {
            std::fprintf(stderr, "edit %d failed: %s\n", edit, qPrintable(store->errorString()));
            return 3;
        }
        std::printf("%d\n", edit);
        std::fflush(stdout);
    }
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void testRoundTrip();
    void testNonBmpText();
    void testAnnotationsOfAPage_data();
    void testAnnotationsOfAPage();
    void testOffsetMap_data();
    void testOffsetMap();
    void testMigrationFromVersion1();
    void upgradeDropsTheArticleAnnotatorIndexes();
    void articlesByIdKeepTheOrderGiven();
    void failedCommitLeavesNoTransaction();
    void textHashFollowsTheText();
    void testFailedUpgradeKeepsOldVersion();
    void testRefusesNewerVersion();
    void testRefusesNonSqliteFile();
    void testNewProjectsHaveLargePages();
    void testUniqueKeys_data();
    void testUniqueKeys();
    void testInvalidSpansRefused_data();
    void testInvalidSpansRefused();
    void testSpansSplittingSurrogatePairsRefused_data();
    void testSpansSplittingSurrogatePairsRefused();
    void testArticleAddedAfterItsIdWasRead();
    void testReadOnlyRefusesWrites();
    void testSecondWriterRefused();
    void testAnnotationCounts();
    void testCorpusCountsFollowEdits_data();
    void testCorpusCountsFollowEdits();
    void testCorpusCountsFilledFromVersion5();
    void testCrashSafety();
    void testSharedSavepoint_data();
    void testSharedSavepoint();

private:
    Test::TestProjects m_projects;
    QString newPath() { return m_projects.newLocation(); }
};

void TestStore::initTestCase()
{
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

void TestStore::testRoundTrip()
{
    const QString path = newPath();
    const QString text
        = u"Putin said the talks in Astana would go on, adding that 4,000 troops and 3.5 to 4.25 "
          "billion tenge were committed by 2024-03-01."_s;
    Article article = makeArticle(u"astana"_s, text);
    article.source = u"Reuters"_s;
    article.published = u"2026-01-07"_s;
    article.imported = at(3, 8, 250);
    article.status = ArticleStatus::InProgress;

    AnnotationSet expected;
    {
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->addArticle(article));
        QVERIFY(article.id > 0);

        // Every provenance status, and every optional provenance field set on some record.
        const std::array statuses { AnnotationStatus::Auto, AnnotationStatus::Accepted,
            AnnotationStatus::Edited, AnnotationStatus::Manual, AnnotationStatus::Rejected };
        Entity putin = makeEntity(article.id, u"Vladimir Putin"_s, {});
        putin.provenance = provenance(AnnotationStatus::Edited, 3);
        putin.provenance.confidence = 0.875;
        putin.provenance.rule = u"person-title"_s;
        putin.provenance.previous = QJsonObject { { u"name"_s, u"Putin"_s }, { u"type"_s, u"ORG"_s },
            { u"spans"_s, QJsonArray { 0, 5 } } };
        for (int i = 0; i < int(statuses.size()); ++i) {
            Mention mention;
            mention.span = { 0, 5 };
            mention.provenance = provenance(statuses[i], 10 + i);
            if (i % 2 == 0)
                mention.provenance.confidence = 0.5 + i / 10.0;
            putin.mentions.append(mention);
        }
        QVERIFY2(store->insertEntity(putin), qPrintable(store->errorString()));
        Entity astana = makeEntity(article.id, u"Astana"_s, { { 24, 30 } });
        astana.type = u"GPE"_s;
        QVERIFY(store->insertEntity(astana));
        expected.entities = { putin, astana };

        Quote direct;
        direct.articleId = article.id;
        direct.kind = QuoteKind::Mixed;
        direct.content = { { 11, 43 }, { 45, 57 } };
        direct.cue = { 6, 10 };
        direct.source = { 0, 5 };
        direct.speakerId = putin.id;
        direct.provenance = provenance(AnnotationStatus::Accepted, 4);
        direct.provenance.confidence = 0.25;
        direct.provenance.rule = u"said-cue"_s;
        QVERIFY(store->insertQuote(direct));
        Quote bare; // null cue and source, no speaker
        bare.articleId = article.id;
        bare.kind = QuoteKind::Indirect;
        bare.content = { { 57, 70 } };
        bare.provenance = provenance(AnnotationStatus::Rejected, 5);
        QVERIFY(store->insertQuote(bare));
        expected.quotes = { direct, bare };

        Figure troops;
        troops.articleId = article.id;
        troops.kind = u"count"_s;
        troops.span = { 57, 69 };
        troops.number = { 57, 62 };
        troops.value = 4000.0;
        troops.unit = u"troops"_s;
        troops.qualifier = u"approximately"_s;
        troops.provenance = provenance(AnnotationStatus::Auto, 6);
        troops.provenance.confidence = 0.99;
        QVERIFY(store->insertFigure(troops));
        Figure range;
        range.articleId = article.id;
        range.kind = u"money"_s;
        range.span = { 74, 100 };
        range.number = { 74, 84 };
        range.value = 3.5;
        range.valueMax = 4.25;
        range.unit = u"KZT"_s;
        range.provenance = provenance(AnnotationStatus::Manual, 7);
        QVERIFY(store->insertFigure(range));
        Figure date;
        date.articleId = article.id;
        date.kind = u"date"_s;
        date.span = { 118, 128 };
        date.number = { 118, 128 };
        date.value = u"2024-03-01"_s;
        date.provenance = provenance(AnnotationStatus::Accepted, 8);
        QVERIFY(store->insertFigure(date));
        expected.figures = { troops, range, date };
    }

    auto store = openStore(path, Store::Mode::ReadOnly);
    QVERIFY(store);
    QCOMPARE(store->articleCount(), 1);
    const std::optional<Article> stored = store->article(article.id);
    QVERIFY(stored);
    QCOMPARE(stored->key, article.key);
    QCOMPARE(stored->imported, article.imported);
    QVERIFY(stored->status == ArticleStatus::InProgress);
    QVERIFY(*stored == article);

    const AnnotationSet set = store->annotations(article.id);
    QCOMPARE(set.entities.size(), expected.entities.size());
    for (qsizetype i = 0; i < set.entities.size(); ++i) {
        QCOMPARE(set.entities[i].mentions.size(), expected.entities[i].mentions.size());
        for (qsizetype m = 0; m < set.entities[i].mentions.size(); ++m)
            QVERIFY(set.entities[i].mentions[m] == expected.entities[i].mentions[m]);
        QVERIFY(set.entities[i].provenance == expected.entities[i].provenance);
        QVERIFY(set.entities[i] == expected.entities[i]);
    }
    QCOMPARE(set.quotes.size(), expected.quotes.size());
    for (qsizetype i = 0; i < set.quotes.size(); ++i)
        QVERIFY(set.quotes[i] == expected.quotes[i]);
    QCOMPARE(set.figures.size(), expected.figures.size());
    for (qsizetype i = 0; i < set.figures.size(); ++i) {
        QCOMPARE(set.figures[i].value, expected.figures[i].value);
        QCOMPARE(set.figures[i].valueMax, expected.figures[i].valueMax);
        QVERIFY(set.figures[i] == expected.figures[i]);
    }
    QCOMPARE(set.figures[2].value.typeId(), QMetaType::QString);
    QVERIFY(set.quotes[1].cue.isNull());
    QVERIFY(set.quotes[1].source.isNull());
    QCOMPARE(set.quotes[1].speakerId, 0);
    QCOMPARE(store->entityTypes(), defaultEntityTypes());
}

void TestStore::testAnnotationsOfAPage_data()
{
    QTest::addColumn<QList<int>>("asked"); // which of the four articles, in this order
    QTest::newRow("all, in id order") << QList<int> { 0, 1, 2, 3 };
    QTest::newRow("all, backwards") << QList<int> { 3, 2, 1, 0 };
    QTest::newRow("gaps: the rows of the articles between are skipped") << QList<int> { 0, 3 };
    QTest::newRow("one without annotations") << QList<int> { 2 };
    QTest::newRow("one among others' rows") << QList<int> { 1 };
}

// An export reads a page of articles' annotations at once: each set must be its article's own,
// in the order one article's read gives, though the records of the articles were made
// interleaved (ids do not follow articles) and the text has code points outside the BMP.
void TestStore::testAnnotationsOfAPage()
{
    QFETCH(QList<int>, asked);
    auto store = openStore(newPath());
    QVERIFY(store);
    QList<Article> articles;
    for (int i = 0; i < 4; ++i) {
        Article article = makeArticle(u"page-%1"_s.arg(i), u"😀 Ana 🎉 met Bo 👋 in Oslo, %1 said."_s.arg(i));
        QVERIFY(store->addArticle(article));
        articles.append(article);
    }
    QList<AnnotationSet> expected(articles.size());
    // Article 2 keeps none; the others' records are made in turns, so that ids interleave.
    for (int round = 0; round < 2; ++round) {
        for (const int i : { 3, 0, 1 }) {
            const RecordId articleId = articles[i].id;
            Entity entity = makeEntity(articleId, u"Ana %1"_s.arg(round), { { 3, 6 }, { 14, 16 } });
            QVERIFY2(store->insertEntity(entity), qPrintable(store->errorString()));
            expected[i].entities.append(entity);
            Quote quote;
            quote.articleId = articleId;
            quote.kind = QuoteKind::Direct;
            quote.content = { { 3, 6 }, { 10, 13 } };
            quote.cue = round == 0 ? Span { 14, 16 } : Span();
            quote.speakerId = entity.id;
            quote.provenance = provenance(AnnotationStatus::Auto, round);
            QVERIFY2(store->insertQuote(quote), qPrintable(store->errorString()));
            expected[i].quotes.append(quote);
            Figure figure;
            figure.articleId = articleId;
            figure.kind = u"count"_s;
            figure.span = { 29, 30 };
            figure.number = { 29, 30 };
            figure.value = double(i);
            figure.provenance = provenance(AnnotationStatus::Manual, round);
            QVERIFY2(store->insertFigure(figure), qPrintable(store->errorString()));
            expected[i].figures.append(figure);
        }
    }

    QList<Article> page;
    for (const int i : asked)
        page.append(articles[i]);
    const QList<AnnotationSet> sets = store->annotations(page);
    QCOMPARE(sets.size(), asked.size());
    for (qsizetype n = 0; n < asked.size(); ++n) {
        const AnnotationSet &want = expected[asked[n]];
        QCOMPARE(sets[n].entities.size(), want.entities.size());
        for (qsizetype e = 0; e < want.entities.size(); ++e) {
            QCOMPARE(sets[n].entities[e].mentions, want.entities[e].mentions);
            QVERIFY(sets[n].entities[e] == want.entities[e]);
        }
        QCOMPARE(sets[n].quotes, want.quotes);
        QCOMPARE(sets[n].figures, want.figures);
        const AnnotationSet alone = store->annotations(articles[asked[n]].id);
        QCOMPARE(alone.entities, want.entities);
        QCOMPARE(alone.quotes, want.quotes);
        QCOMPARE(alone.figures, want.figures);
    }
}

void TestStore::testNonBmpText()
{
    const QString path = newPath();
    const QString text = u"😀 Putin said “🚀 go”."_s;
    const Span putinSpan { 3, 8 }; // after one surrogate pair and a space
    const Span goSpan { 18, 20 }; // after two pairs
    QCOMPARE(textOf(text, putinSpan), u"Putin"_s);
    QCOMPARE(textOf(text, goSpan), u"go"_s);

    RecordId articleId = 0;
    {
        auto store = openStore(path);
        QVERIFY(store);
        Article article = makeArticle(u"emoji"_s, text);
        QVERIFY(store->addArticle(article));
        articleId = article.id;
        Entity putin = makeEntity(articleId, u"Putin"_s, { putinSpan });
        QVERIFY(store->insertEntity(putin));
        Quote quote;
        quote.articleId = articleId;
        quote.content = { { 15, 20 } }; // "🚀 go"
        quote.cue = { 9, 13 };
        quote.source = putinSpan;
        quote.speakerId = putin.id;
        QVERIFY(store->insertQuote(quote));
        Figure figure;
        figure.articleId = articleId;
        figure.kind = u"other"_s;
        figure.span = goSpan;
        figure.number = { 0, 2 }; // the first emoji itself
        QVERIFY(store->insertFigure(figure));
    }

    auto store = openStore(path, Store::Mode::ReadOnly);
    QVERIFY(store);
    QCOMPARE(store->article(articleId)->text, text);
    const AnnotationSet set = store->annotations(articleId);
    QCOMPARE(set.entities.value(0).mentions.value(0).span, putinSpan);
    QCOMPARE(set.quotes.value(0).content, QList<Span>({ { 15, 20 } }));
    QCOMPARE(set.quotes.value(0).cue, Span({ 9, 13 }));
    QCOMPARE(set.quotes.value(0).source, putinSpan);
    QCOMPARE(set.figures.value(0).span, goSpan);
    QCOMPARE(set.figures.value(0).number, Span({ 0, 2 }));

    // On disk the offsets are code points: one less after the first emoji, two after the second.
    QSqlQuery query(store->database());
    QVERIFY(query.exec(u"SELECT start_offset, end_offset FROM mentions"_s) && query.next());
    QCOMPARE(query.value(0).toLongLong(), 2);
    QCOMPARE(query.value(1).toLongLong(), 7);
    QVERIFY(query.exec(u"SELECT start_offset, end_offset FROM quote_parts"_s) && query.next());
    QCOMPARE(query.value(0).toLongLong(), 14); // starts at the rocket, after one pair
    QCOMPARE(query.value(1).toLongLong(), 18);
    QVERIFY(query.exec(u"SELECT cue_start, cue_end, source_start, source_end FROM quotes"_s) && query.next());
    QCOMPARE(query.value(0).toLongLong(), 8);
    QCOMPARE(query.value(1).toLongLong(), 12);
    QCOMPARE(query.value(2).toLongLong(), 2);
    QCOMPARE(query.value(3).toLongLong(), 7);
    QVERIFY(
        query.exec(u"SELECT span_start, span_end, number_start, number_end FROM figures"_s) && query.next());
    QCOMPARE(query.value(0).toLongLong(), 16);
    QCOMPARE(query.value(1).toLongLong(), 18);
    QCOMPARE(query.value(2).toLongLong(), 0);
    QCOMPARE(query.value(3).toLongLong(), 1);
}

void TestStore::testOffsetMap_data()
{
    QTest::addColumn<QString>("text");
    // Code point offset of every UTF-16 offset 0..size (inside a pair: the pair's start).
    QTest::addColumn<QList<qsizetype>>("codePoints");
    QTest::addColumn<qsizetype>("codePointLength");

    const QString pair = u"😀"_s;
    const QChar high = pair[0];
    const QChar low = pair[1];
    QTest::newRow("ascii") << u"abc"_s << QList<qsizetype> { 0, 1, 2, 3 } << qsizetype(3);
    QTest::newRow("empty") << QString() << QList<qsizetype> { 0 } << qsizetype(0);
    QTest::newRow("bmp-non-ascii") << u"é“ß”"_s << QList<qsizetype> { 0, 1, 2, 3, 4 } << qsizetype(4);
    QTest::newRow("pair-at-start") << pair + u"ab"_s << QList<qsizetype> { 0, 0, 1, 2, 3 } << qsizetype(3);
    QTest::newRow("pair-in-middle") << u"a"_s + pair + u"b"_s << QList<qsizetype> { 0, 1, 1, 2, 3 }
                                    << qsizetype(3);
    QTest::newRow("pair-at-end") << u"ab"_s + pair << QList<qsizetype> { 0, 1, 2, 2, 3 } << qsizetype(3);
    QTest::newRow("adjacent-pairs") << u"a"_s + pair + u"🚀"_s + u"b"_s
                                    << QList<qsizetype> { 0, 1, 1, 2, 2, 3, 4 } << qsizetype(4);
    QTest::newRow("only-pairs") << pair + pair << QList<qsizetype> { 0, 0, 1, 1, 2 } << qsizetype(2);
    QTest::newRow("lone-high-surrogate")
        << u"a"_s + high + u"b"_s << QList<qsizetype> { 0, 1, 2, 3 } << qsizetype(3);
    QTest::newRow("lone-low-surrogate")
        << u"a"_s + low + u"b"_s << QList<qsizetype> { 0, 1, 2, 3 } << qsizetype(3);
    QTest::newRow("high-at-end") << u"ab"_s + high << QList<qsizetype> { 0, 1, 2, 3 } << qsizetype(3);
    QTest::newRow("reversed-pair") << QString(low) + high + pair << QList<qsizetype> { 0, 1, 2, 2, 3 }
                                   << qsizetype(3);
    QTest::newRow("lone-high-before-pair")
        << QString(high) + pair << QList<qsizetype> { 0, 1, 1, 2 } << qsizetype(2);
}

void TestStore::testOffsetMap()
{
    QFETCH(QString, text);
    QFETCH(QList<qsizetype>, codePoints);
    QFETCH(qsizetype, codePointLength);
    QCOMPARE(codePoints.size(), text.size() + 1);

    const OffsetMap map(text);
    QCOMPARE(map.utf16Length(), text.size());
    QCOMPARE(map.codePointLength(), codePointLength);
    QCOMPARE(map.codePointLength(), qsizetype(text.toUcs4().size()));
    for (qsizetype utf16 = 0; utf16 <= text.size(); ++utf16) {
        QCOMPARE(map.toCodePoint(utf16), codePoints[utf16]);
        QCOMPARE(map.isBoundary(utf16), utf16 == 0 || codePoints[utf16] != codePoints[utf16 - 1]);
    }
    QVERIFY(!map.isBoundary(-1));
    QVERIFY(!map.isBoundary(text.size() + 1));
    // Back from code points: every boundary between code points, and toCodePoint inverts it.
    for (qsizetype codePoint = 0; codePoint <= codePointLength; ++codePoint) {
        const qsizetype utf16 = map.toUtf16(codePoint);
        QCOMPARE(map.toCodePoint(utf16), codePoint);
        QVERIFY(utf16 == text.size() || !text[utf16].isLowSurrogate() || utf16 == 0
            || !text[utf16 - 1].isHighSurrogate());
        QCOMPARE(QStringView(text).left(utf16).toUcs4().size(), codePoint);
    }
}

void TestStore::testMigrationFromVersion1()
{
    const QString path = newPath();
    const QString text = u"Tokayev met Putin in Moscow."_s;
    {
        // A project as the first release wrote it.
        const QString connection = u"make-version-1"_s;
        {
            QSqlDatabase database = m_projects.connect(path, connection);
            QVERIFY(database.isOpen());
            SchemaMigrator migrator(database);
            QCOMPARE(migrator.storedVersion(), 0);
            QVERIFY2(migrator.migrate(1), qPrintable(migrator.errorString()));
            QCOMPARE(migrator.storedVersion(), 1);
            QVERIFY(!database.record(u"articles"_s).contains(u"text_hash"_s));
            QSqlQuery insert(database);
            insert.prepare(
                u"INSERT INTO articles (key, title, imported_at, status, text) VALUES (?, ?, ?, ?, ?)"_s);
            insert.addBindValue(u"old"_s);
            insert.addBindValue(u"An old article"_s);
            insert.addBindValue(u"2025-12-01T10:00:00.000Z"_s);
            insert.addBindValue(u"done"_s);
            insert.addBindValue(text);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
            database.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }

    // Reading an old project needs the upgrade first.
    StoreError error;
    QVERIFY(!Store::open(path, Store::Mode::ReadOnly, &error));
    QCOMPARE(error.code, StoreError::Code::CannotOpen);

    auto store = openStore(path);
    QVERIFY(store);
    QSqlDatabase database = store->database();
    SchemaMigrator migrator(database);
    QCOMPARE(migrator.storedVersion(), SchemaMigrator::currentVersion);
    const std::optional<RecordId> id = store->articleWithText(text);
    QVERIFY(id);
    const std::optional<Article> article = store->article(*id);
    QCOMPARE(article->key, u"old"_s);
    QVERIFY(article->status == ArticleStatus::Done);
    QCOMPARE(article->imported, QDateTime(QDate(2025, 12, 1), QTime(10, 0), QTimeZone::UTC));
    QVERIFY(!store->articleWithText(text + u" "_s));
    QSqlQuery query(store->database());
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM articles WHERE text_hash IS NULL"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);

    // The upgraded project takes new annotations.
    Entity entity = makeEntity(*id, u"Putin"_s, { { 12, 17 } });
    QVERIFY(store->insertEntity(entity));
}

// Version 12 drops indexes that only cost writes (that the queries do without them is
// tst_queryplans' to check).
void TestStore::upgradeDropsTheArticleAnnotatorIndexes()
{
    const QString path = newPath();
    const auto indexes = [](const QSqlDatabase &database) {
        QSqlQuery query(database);
        QStringList names;
        const QString sql = Test::TestProjects::onServer
            ? u"SELECT indexname FROM pg_indexes WHERE indexname LIKE '%article_annotator' ORDER BY indexname"_s
            : u"SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%article_annotator'"
              " ORDER BY name"_s;
        if (query.exec(sql)) {
            while (query.next())
                names << query.value(0).toString();
        }
        return names;
    };
    {
        const QString connection = u"make-version-11"_s;
        {
            QSqlDatabase database = m_projects.connect(path, connection);
            QVERIFY(database.isOpen());
            SchemaMigrator migrator(database);
            QVERIFY2(migrator.migrate(11), qPrintable(migrator.errorString()));
            QCOMPARE(indexes(database),
                QStringList({ u"entities_article_annotator"_s, u"figures_article_annotator"_s,
                    u"quotes_article_annotator"_s }));
            database.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }
    auto store = openStore(path);
    QVERIFY(store);
    QSqlDatabase database = store->database();
    QCOMPARE(SchemaMigrator(database).storedVersion(), SchemaMigrator::currentVersion);
    QCOMPARE(indexes(store->database()), QStringList());
}

// SQLite keeps a transaction whose COMMIT failed open: the store rolls it back, so that what the
// caller gave up is gone and the next transaction can begin. A deferred foreign key makes the
// COMMIT fail here, as a lock not had or a full disk would.
void TestStore::failedCommitLeavesNoTransaction()
{
    if (Test::TestProjects::onServer)
        QSKIP("PostgreSQL ends a transaction whose COMMIT failed itself");
    auto store = openStore(newPath());
    QVERIFY(store);
    {
        Store::Transaction transaction(*store);
        QVERIFY(transaction.isOpen());
        QSqlQuery query(store->database());
        QVERIFY(query.exec(u"PRAGMA defer_foreign_keys = ON"_s));
        QVERIFY(query.exec(u"INSERT INTO curation_state (article_id, curator, done_at)"
                           " VALUES (999999, 'curator', '2026-11-28T00:00:00Z')"_s));
        QVERIFY(!transaction.commit());
        QVERIFY2(store->database().lastError().text().contains(u"FOREIGN KEY"_s),
            qPrintable(store->database().lastError().text()));
    }
    QSqlQuery count(store->database());
    QVERIFY(count.exec(u"SELECT COUNT(*) FROM curation_state"_s) && count.next());
    QCOMPARE(count.value(0).toInt(), 0);
    count.finish();
    Store::Transaction next(*store);
    QVERIFY(next.isOpen());
    Article article { .key = u"after"_s, .title = u"After"_s, .text = u"Written after the failed commit."_s };
    QVERIFY(store->addArticle(article));
    QVERIFY(next.commit());
    QCOMPARE(store->articleCount(), 1);
}

void TestStore::articlesByIdKeepTheOrderGiven()
{
    auto store = openStore(newPath());
    QVERIFY(store);
    QList<RecordId> ids;
    for (const QString &key : { u"first"_s, u"second"_s, u"third"_s }) {
        Article article { .key = key, .title = key, .text = u"The text of "_s + key + u" 😀."_s };
        QVERIFY(store->addArticle(article));
        ids << article.id;
    }
    QSqlQuery query(store->database());
    QVERIFY(query.exec(u"DELETE FROM articles WHERE id = %1"_s.arg(ids[1])));
    bool ok = false;
    // The removed one passed over, the one asked twice given once, the order kept.
    const QList<Article> read = store->articles({ ids[2], ids[1], ids[0], ids[2], 999 }, &ok);
    QVERIFY(ok);
    QStringList keys;
    for (const Article &article : read)
        keys << article.key;
    QCOMPARE(keys, QStringList({ u"third"_s, u"first"_s }));
    QCOMPARE(read.first().text, u"The text of third 😀."_s);

    QVERIFY(query.exec(u"ALTER TABLE articles RENAME TO articles_away"_s));
    QVERIFY(store->articles({ ids[0] }, &ok).isEmpty());
    QVERIFY(!ok);
    QVERIFY2(store->errorString().contains(u"Cannot read the articles"_s), qPrintable(store->errorString()));
}

// textHash() remembers the texts it hashed by where their characters lie, for an import's two
// threads: a text elsewhere is hashed by its content, and characters it does not own are never
// taken for the ones they replaced.
void TestStore::textHashFollowsTheText()
{
    const QString text
        = u"Tokayev met Putin in Moscow 😀, "_s + QString::number(QDateTime::currentMSecsSinceEpoch());
    const QString hash = textHash(text);
    QCOMPARE(hash.size(), 64);
    QCOMPARE(textHash(text), hash);
    const QString elsewhere(text.constData(), text.size());
    QVERIFY(elsewhere.constData() != text.constData());
    QCOMPARE(textHash(elsewhere), hash);
    QVERIFY(textHash(text + u"."_s) != hash);

    // The same memory, another text: raw data is hashed anew every time.
    std::vector<char16_t> buffer(std::begin(u"first text"), std::end(u"first text"));
    const QString first = textHash(QString::fromRawData(reinterpret_cast<const QChar *>(buffer.data()), 10));
    std::copy_n(u"other text", 10, buffer.begin());
    const QString other = textHash(QString::fromRawData(reinterpret_cast<const QChar *>(buffer.data()), 10));
    QVERIFY(first != other);
    QCOMPARE(other, textHash(u"other text"_s));

    // What the memory keeps is bounded: a text is remembered by holding it, but not a huge one.
    QVERIFY(!text.isDetached());
    const QString huge(9 * 1024 * 1024, u'a');
    QCOMPARE(textHash(huge), textHash(QString(huge.constData(), huge.size())));
    QVERIFY(huge.isDetached());
}

void TestStore::testFailedUpgradeKeepsOldVersion()
{
    const QString path = newPath();
    const QString connection = u"make-broken-version-1"_s;
    {
        QSqlDatabase database = m_projects.connect(path, connection);
        QVERIFY(database.isOpen());
        SchemaMigrator migrator(database);
        QVERIFY(migrator.migrate(1));
        // An object in the way of step 2 makes it fail halfway.
        QVERIFY(QSqlQuery(database).exec(u"CREATE INDEX articles_text_hash ON articles(key)"_s));
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);

    StoreError error;
    QVERIFY(!Store::open(path, Store::Mode::ReadWrite, &error));
    QCOMPARE(error.code, StoreError::Code::Sql);
    QVERIFY(!error.message.isEmpty());
    QVERIFY(!QFile::exists(path + u".lock"_s));
    {
        QSqlDatabase database = m_projects.connect(path, connection);
        QVERIFY(database.isOpen());
        QCOMPARE(SchemaMigrator(database).storedVersion(), 1);
        QVERIFY(!database.record(u"articles"_s).contains(u"text_hash"_s)); // step 2 rolled back whole
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

void TestStore::testRefusesNewerVersion()
{
    const QString path = newPath();
    {
        auto store = openStore(path);
        QVERIFY(store);
        QSqlQuery query(store->database());
        QVERIFY(query.exec(u"UPDATE byline_meta SET value = '%1' WHERE key = 'schema_version'"_s.arg(
            SchemaMigrator::currentVersion + 1)));
    }
    for (const Store::Mode mode : { Store::Mode::ReadWrite, Store::Mode::ReadOnly }) {
        StoreError error;
        QVERIFY(!Store::open(path, mode, &error));
        QCOMPARE(error.code, StoreError::Code::NewerVersion);
        QVERIFY2(error.message.contains(u"newer"_s), qPrintable(error.message));
    }
    // The refused open left no lock behind.
    QVERIFY(!QFile::exists(path + u".lock"_s));
}

void TestStore::testNewProjectsHaveLargePages()
{
    if (m_projects.onServer)
        QSKIP("page sizes are SQLite's");
    const auto pageSize = [](const Store &store) {
        QSqlQuery query(store.database());
        return query.exec(u"PRAGMA page_size"_s) && query.next() ? query.value(0).toInt() : 0;
    };
    const QString created = newPath();
    {
        auto store = openStore(created);
        QVERIFY(store);
        QCOMPARE(pageSize(*store), 16384);
    }
    StoreError error;
    auto reopened = Store::open(created, Store::Mode::ReadOnly, &error);
    QVERIFY2(reopened, qPrintable(error.message));
    QCOMPARE(pageSize(*reopened), 16384);

    // An older project keeps the pages it was written with, and everything in them.
    const QString older = newPath();
    {
        const QString connection = u"make-older"_s;
        {
            QSqlDatabase database = m_projects.connect(older, connection);
            SchemaMigrator migrator(database);
            QVERIFY2(migrator.migrate(1), qPrintable(migrator.errorString()));
            QSqlQuery insert(database);
            QVERIFY(
                insert.exec(u"INSERT INTO articles (key, title, imported_at, status, text)"
                            " VALUES ('old', 'Old', '2025-12-01T10:00:00.000Z', 'done', 'Putin spoke.')"_s));
            database.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }
    auto upgraded = openStore(older);
    QVERIFY(upgraded);
    QCOMPARE(pageSize(*upgraded), 4096);
    QVERIFY(upgraded->articleWithText(u"Putin spoke."_s));
}

void TestStore::testRefusesNonSqliteFile()
{
    if (m_projects.onServer)
        QSKIP("a file that is not a project is a question for files only");
    const QString path = newPath();
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("This is a plain text file, not a project.\n").repeated(100));
    file.close();
    const QByteArray before = [&] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    for (const Store::Mode mode : { Store::Mode::ReadWrite, Store::Mode::ReadOnly }) {
        StoreError error;
        QVERIFY(!Store::open(path, mode, &error));
        QCOMPARE(error.code, StoreError::Code::NotAProject);
        QVERIFY(!error.message.isEmpty());
    }
    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);
}

void TestStore::testUniqueKeys_data()
{
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("same-key-three-times")
        << QStringList { u"a"_s, u"a"_s, u"a"_s } << QStringList { u"a"_s, u"a-2"_s, u"a-3"_s };
    QTest::newRow("suffix-taken") << QStringList { u"a-2"_s, u"a"_s, u"a"_s }
                                  << QStringList { u"a-2"_s, u"a"_s, u"a-3"_s };
    QTest::newRow("whitespace-trimmed")
        << QStringList { u" a "_s, u"a"_s } << QStringList { u"a"_s, u"a-2"_s };
    QTest::newRow("empty-key") << QStringList { QString(), u"  "_s }
                               << QStringList { u"article"_s, u"article-2"_s };
}

void TestStore::testUniqueKeys()
{
    QFETCH(QStringList, keys);
    QFETCH(QStringList, expected);
    auto store = openStore(newPath());
    QVERIFY(store);
    for (qsizetype i = 0; i < keys.size(); ++i) {
        Article article = makeArticle(keys[i], u"Text %1"_s.arg(i));
        QVERIFY(store->addArticle(article));
        QCOMPARE(article.key, expected[i]);
        QCOMPARE(store->articleIdForKey(expected[i]), article.id);
        QCOMPARE(store->article(article.id)->key, expected[i]);
    }
}

void TestStore::testInvalidSpansRefused_data()
{
    QTest::addColumn<QString>("layer");
    QTest::addColumn<Span>("span");
    // The text is 20 code units long.
    QTest::newRow("entity-end-past-text") << u"entity"_s << Span { 15, 21 };
    QTest::newRow("entity-reversed") << u"entity"_s << Span { 5, 4 };
    QTest::newRow("entity-null-mention") << u"entity"_s << Span {};
    QTest::newRow("mention-past-text") << u"mention"_s << Span { 20, 25 };
    QTest::newRow("mention-negative-end") << u"mention"_s << Span { 0, -3 };
    QTest::newRow("quote-content-past-text") << u"quote-content"_s << Span { 10, 30 };
    QTest::newRow("quote-no-content") << u"quote-content"_s << Span {};
    QTest::newRow("quote-cue-past-text") << u"quote-cue"_s << Span { 19, 22 };
    QTest::newRow("figure-span-past-text") << u"figure"_s << Span { 18, 40 };
    QTest::newRow("figure-null-span") << u"figure"_s << Span {};
    QTest::newRow("update-mention-past-text") << u"update-mention"_s << Span { 2, 21 };
    QTest::newRow("update-quote-past-text") << u"update-quote"_s << Span { 2, 21 };
    QTest::newRow("update-figure-past-text") << u"update-figure"_s << Span { 2, 21 };
}

void TestStore::testInvalidSpansRefused()
{
    QFETCH(QString, layer);
    QFETCH(Span, span);
    const QString path = newPath();
    auto store = openStore(path);
    QVERIFY(store);
    Article article = makeArticle(u"short"_s, u"Twenty units of text"_s);
    QCOMPARE(article.text.size(), 20);
    QVERIFY(store->addArticle(article));
    // A valid record of every layer to change.
    Entity entity = makeEntity(article.id, u"Units"_s, { { 7, 12 } });
    QVERIFY(store->insertEntity(entity));
    Quote quote;
    quote.articleId = article.id;
    quote.content = { { 0, 6 } };
    QVERIFY(store->insertQuote(quote));
    Figure figure;
    figure.articleId = article.id;
    figure.kind = u"count"_s;
    figure.span = { 0, 6 };
    figure.number = { 0, 6 };
    QVERIFY(store->insertFigure(figure));
    const AnnotationSet before = store->annotations(article.id);

    bool written = true;
    if (layer == u"entity"_s) {
        Entity bad = makeEntity(article.id, u"Bad"_s, { { 0, 3 }, span });
        written = store->insertEntity(bad);
    } else if (layer == u"mention"_s) {
        Mention mention;
        mention.articleId = article.id;
        mention.entityId = entity.id;
        mention.span = span;
        written = store->insertMention(mention);
    } else if (layer == u"quote-content"_s) {
        Quote bad;
        bad.articleId = article.id;
        if (!span.isNull())
            bad.content = { { 0, 2 }, span };
        written = store->insertQuote(bad);
    } else if (layer == u"quote-cue"_s) {
        Quote bad;
        bad.articleId = article.id;
        bad.content = { { 0, 2 } };
        bad.cue = span;
        written = store->insertQuote(bad);
    } else if (layer == u"figure"_s) {
        Figure bad = figure;
        bad.id = 0;
        bad.span = span;
        written = store->insertFigure(bad);
    } else if (layer == u"update-mention"_s) {
        Mention changed = entity.mentions.first();
        changed.span = span;
        written = store->updateMention(changed);
    } else if (layer == u"update-quote"_s) {
        Quote changed = quote;
        changed.content.append(span);
        written = store->updateQuote(changed);
    } else if (layer == u"update-figure"_s) {
        Figure changed = figure;
        changed.number = span;
        written = store->updateFigure(changed);
    }
    QVERIFY(!written);
    QVERIFY(!store->errorString().isEmpty());

    // Nothing was written, neither in this connection nor on disk.
    store.reset();
    store = openStore(path, Store::Mode::ReadOnly);
    QVERIFY(store);
    const AnnotationSet after = store->annotations(article.id);
    QCOMPARE(after.entities, before.entities);
    QCOMPARE(after.quotes, before.quotes);
    QCOMPARE(after.figures, before.figures);
    QSqlQuery query(store->database());
    QVERIFY(query.exec(u"SELECT (SELECT COUNT(*) FROM entities) + (SELECT COUNT(*) FROM mentions)"
                       " + (SELECT COUNT(*) FROM quotes) + (SELECT COUNT(*) FROM quote_parts)"
                       " + (SELECT COUNT(*) FROM figures)"_s)
        && query.next());
    QCOMPARE(query.value(0).toInt(), 5);
}

void TestStore::testSpansSplittingSurrogatePairsRefused_data()
{
    QTest::addColumn<QString>("layer");
    QTest::addColumn<Span>("span");
    // "😀 Putin said “🚀 go”.": pairs at 0-1 and 15-16.
    QTest::newRow("mention-starts-inside-pair") << u"mention"_s << Span { 1, 8 };
    QTest::newRow("mention-ends-inside-pair") << u"mention"_s << Span { 14, 16 };
    QTest::newRow("entity-mention-inside-pair") << u"entity"_s << Span { 1, 1 };
    QTest::newRow("quote-part-ends-inside-pair") << u"quote"_s << Span { 9, 16 };
    QTest::newRow("figure-starts-inside-pair") << u"figure"_s << Span { 16, 20 };
    QTest::newRow("update-mention-inside-pair") << u"update-mention"_s << Span { 0, 1 };
}

void TestStore::testSpansSplittingSurrogatePairsRefused()
{
    // Code points on disk cannot say "the middle of a pair": such a span would come back
    // different from what was stored.
    QFETCH(QString, layer);
    QFETCH(Span, span);
    auto store = openStore(newPath());
    QVERIFY(store);
    Article article = makeArticle(u"emoji"_s, u"😀 Putin said “🚀 go”."_s);
    QVERIFY(store->addArticle(article));
    Entity putin = makeEntity(article.id, u"Putin"_s, { { 3, 8 } });
    QVERIFY(store->insertEntity(putin));
    const AnnotationSet before = store->annotations(article.id);

    bool written = true;
    if (layer == u"mention"_s) {
        Mention mention;
        mention.articleId = article.id;
        mention.entityId = putin.id;
        mention.span = span;
        written = store->insertMention(mention);
    } else if (layer == u"entity"_s) {
        Entity entity = makeEntity(article.id, u"Smile"_s, { span });
        written = store->insertEntity(entity);
    } else if (layer == u"quote"_s) {
        Quote quote;
        quote.articleId = article.id;
        quote.content = { span };
        written = store->insertQuote(quote);
    } else if (layer == u"figure"_s) {
        Figure figure;
        figure.articleId = article.id;
        figure.span = figure.number = span;
        written = store->insertFigure(figure);
    } else if (layer == u"update-mention"_s) {
        Mention changed = putin.mentions.first();
        changed.span = span;
        written = store->updateMention(changed);
    }
    QVERIFY(!written);
    QVERIFY(!store->errorString().isEmpty());
    const AnnotationSet after = store->annotations(article.id);
    QCOMPARE(after.entities, before.entities);
    QVERIFY(after.quotes.isEmpty());
    QVERIFY(after.figures.isEmpty());
}

void TestStore::testArticleAddedAfterItsIdWasRead()
{
    // Reading the annotations of an id that is not taken yet must not stop the article
    // that later gets this id from taking annotations.
    auto store = openStore(newPath());
    QVERIFY(store);
    Article first = makeArticle(u"first"_s, u"First text."_s);
    QVERIFY(store->addArticle(first));
    QVERIFY(store->annotations(first.id + 1).entities.isEmpty());
    QVERIFY(!store->article(first.id + 1));

    Article second = makeArticle(u"second"_s, u"Second text, longer."_s);
    QVERIFY(store->addArticle(second));
    QCOMPARE(second.id, first.id + 1);
    Entity entity = makeEntity(second.id, u"Second"_s, { { 0, 6 } });
    QVERIFY2(store->insertEntity(entity), qPrintable(store->errorString()));
    QCOMPARE(store->annotations(second.id).entities.value(0).mentions.value(0).span, Span({ 0, 6 }));
}

void TestStore::testReadOnlyRefusesWrites()
{
    const QString path = newPath();
    Article article = makeArticle(u"ro"_s, u"Read-only text here."_s);
    Entity entity = makeEntity(0, u"Text"_s, { { 10, 14 } });
    {
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->addArticle(article));
        entity.articleId = article.id;
        QVERIFY(store->insertEntity(entity));
    }
    auto store = openStore(path, Store::Mode::ReadOnly);
    QVERIFY(store);
    QVERIFY(store->isReadOnly());

    Article another = makeArticle(u"new"_s, u"More"_s);
    QVERIFY(!store->addArticle(another));
    QVERIFY(!store->errorString().isEmpty());
    QVERIFY(!store->setArticleStatus(article.id, ArticleStatus::Done));
    Entity newEntity = makeEntity(article.id, u"Read"_s, { { 0, 4 } });
    QVERIFY(!store->insertEntity(newEntity));
    Entity renamed = entity;
    renamed.name = u"Renamed"_s;
    QVERIFY(!store->updateEntity(renamed));
    QVERIFY(!store->removeEntity(entity.id));
    Mention mention = entity.mentions.first();
    QVERIFY(!store->removeMention(mention.id));
    mention.id = 0;
    QVERIFY(!store->insertMention(mention));
    Quote quote;
    quote.articleId = article.id;
    quote.content = { { 0, 4 } };
    QVERIFY(!store->insertQuote(quote));
    Figure figure;
    figure.articleId = article.id;
    figure.span = figure.number = { 0, 4 };
    QVERIFY(!store->insertFigure(figure));

    QCOMPARE(store->articleCount(), 1);
    QVERIFY(store->article(article.id)->status == ArticleStatus::Todo);
    const AnnotationSet set = store->annotations(article.id);
    QCOMPARE(set.entities, QList<Entity> { entity });
    QVERIFY(set.quotes.isEmpty());
    QVERIFY(set.figures.isEmpty());
}

void TestStore::testSecondWriterRefused()
{
    if (m_projects.onServer)
        QSKIP("on a server several writers share a project (tst_postgres_team: severalWritersShareAProject)");
    const QString path = newPath();
    auto first = openStore(path);
    QVERIFY(first);
    Article article = makeArticle(u"shared"_s, u"Shared text."_s);
    QVERIFY(first->addArticle(article));

    StoreError error;
    QVERIFY(!Store::open(path, Store::Mode::ReadWrite, &error));
    QCOMPARE(error.code, StoreError::Code::LockedByAnotherProcess);
    QVERIFY2(error.message.contains(QString::number(QCoreApplication::applicationPid())),
        qPrintable(error.message));
    // The refused writer did not take the lock away from the first one.
    QVERIFY(QFile::exists(path + u".lock"_s));

    auto reader = Store::open(path, Store::Mode::ReadOnly, &error);
    QVERIFY2(reader, qPrintable(error.message));
    QCOMPARE(reader->articleCount(), 1);
    QCOMPARE(reader->article(article.id)->text, article.text);

    // The reader sees edits the writer commits while both are open.
    Entity entity = makeEntity(article.id, u"Shared"_s, { { 0, 6 } });
    QVERIFY(first->insertEntity(entity));
    QCOMPARE(reader->annotations(article.id).entities.size(), 1);

    first.reset();
    auto second = openStore(path);
    QVERIFY(second);
}

void TestStore::testAnnotationCounts()
{
    auto store = openStore(newPath());
    QVERIFY(store);
    Article first = makeArticle(u"first"_s, u"Alpha beta gamma delta epsilon."_s);
    Article second = makeArticle(u"second"_s, u"Zeta eta theta."_s);
    QVERIFY(store->addArticle(first));
    QVERIFY(store->addArticle(second));

    Entity alpha = makeEntity(first.id, u"Alpha"_s, { { 0, 5 }, { 6, 10 }, { 11, 16 } });
    alpha.mentions[0].provenance.status = AnnotationStatus::Auto;
    alpha.mentions[1].provenance.status = AnnotationStatus::Accepted;
    QVERIFY(store->insertEntity(alpha)); // mentions: auto, accepted, manual
    Entity zeta = makeEntity(second.id, u"Zeta"_s, { { 0, 4 } });
    zeta.mentions[0].provenance.status = AnnotationStatus::Rejected;
    QVERIFY(store->insertEntity(zeta));
    for (const auto &[articleId, status] :
        { std::pair { first.id, AnnotationStatus::Auto }, std::pair { first.id, AnnotationStatus::Auto },
            std::pair { second.id, AnnotationStatus::Edited } }) {
        Quote quote;
        quote.articleId = articleId;
        quote.content = { { 0, 4 } };
        quote.provenance.status = status;
        QVERIFY(store->insertQuote(quote));
        Figure figure;
        figure.articleId = articleId;
        figure.span = figure.number = { 0, 4 };
        figure.provenance.status = status == AnnotationStatus::Auto ? AnnotationStatus::Accepted : status;
        QVERIFY(store->insertFigure(figure));
    }

    const AnnotationCounts all = store->annotationCounts();
    QCOMPARE(all.count(Layer::Entities), 4);
    QCOMPARE(all.count(Layer::Entities, AnnotationStatus::Auto), 1);
    QCOMPARE(all.count(Layer::Entities, AnnotationStatus::Accepted), 1);
    QCOMPARE(all.count(Layer::Entities, AnnotationStatus::Manual), 1);
    QCOMPARE(all.count(Layer::Entities, AnnotationStatus::Rejected), 1);
    QCOMPARE(all.count(Layer::Entities, AnnotationStatus::Edited), 0);
    QCOMPARE(all.count(Layer::Quotes), 3);
    QCOMPARE(all.count(Layer::Quotes, AnnotationStatus::Auto), 2);
    QCOMPARE(all.count(Layer::Quotes, AnnotationStatus::Edited), 1);
    QCOMPARE(all.count(Layer::Figures), 3);
    QCOMPARE(all.count(Layer::Figures, AnnotationStatus::Accepted), 2);
    QCOMPARE(all.count(Layer::Figures, AnnotationStatus::Edited), 1);

    const AnnotationCounts ofSecond = store->annotationCounts(second.id);
    QCOMPARE(ofSecond.count(Layer::Entities), 1);
    QCOMPARE(ofSecond.count(Layer::Entities, AnnotationStatus::Rejected), 1);
    QCOMPARE(ofSecond.count(Layer::Quotes), 1);
    QCOMPARE(ofSecond.count(Layer::Quotes, AnnotationStatus::Edited), 1);
    QCOMPARE(ofSecond.count(Layer::Figures, AnnotationStatus::Edited), 1);
    QCOMPARE(ofSecond.count(Layer::Figures, AnnotationStatus::Accepted), 0);

    // Removing an entity takes its mentions out of the counts.
    QVERIFY(store->removeEntity(alpha.id));
    QCOMPARE(store->annotationCounts(first.id).count(Layer::Entities), 0);
    QCOMPARE(store->annotationCounts().count(Layer::Entities), 1);
}

void TestStore::testCorpusCountsFollowEdits_data()
{
    QTest::addColumn<Layer>("layer");
    QTest::addColumn<AnnotationStatus>("from");
    QTest::addColumn<AnnotationStatus>("to");
    QTest::newRow("mention accepted")
        << Layer::Entities << AnnotationStatus::Auto << AnnotationStatus::Accepted;
    QTest::newRow("mention rejected")
        << Layer::Entities << AnnotationStatus::Manual << AnnotationStatus::Rejected;
    QTest::newRow("quote edited") << Layer::Quotes << AnnotationStatus::Auto << AnnotationStatus::Edited;
    QTest::newRow("quote unchanged") << Layer::Quotes << AnnotationStatus::Accepted
                                     << AnnotationStatus::Accepted;
    QTest::newRow("figure rejected") << Layer::Figures << AnnotationStatus::Auto
                                     << AnnotationStatus::Rejected;
    QTest::newRow("figure manual") << Layer::Figures << AnnotationStatus::Edited << AnnotationStatus::Manual;
}

// The kept corpus counts change with every insert, status change and removal of the layer, and
// always equal a count of the rows themselves.
void TestStore::testCorpusCountsFollowEdits()
{
    QFETCH(Layer, layer);
    QFETCH(AnnotationStatus, from);
    QFETCH(AnnotationStatus, to);
    auto store = openStore(newPath());
    QVERIFY(store);
    Article article = makeArticle(u"counted"_s, u"Alpha beta gamma 🎉 delta."_s);
    QVERIFY(store->addArticle(article));
    // Other annotations around it, in every layer, which the edits must leave counted as they are.
    Entity background = makeEntity(article.id, u"Alpha"_s, { { 0, 5 }, { 6, 10 } });
    QVERIFY(store->insertEntity(background));
    Quote otherQuote;
    otherQuote.articleId = article.id;
    otherQuote.content = { { 11, 16 } };
    otherQuote.provenance = provenance(from, 3);
    QVERIFY(store->insertQuote(otherQuote));
    Figure otherFigure;
    otherFigure.articleId = article.id;
    otherFigure.span = otherFigure.number = { 17, 19 };
    otherFigure.provenance = provenance(to, 4);
    QVERIFY(store->insertFigure(otherFigure));
    const AnnotationCounts before = store->annotationCounts();
    QCOMPARE(before.counts, scannedCounts(store->database()));
    const int fromBefore = before.count(layer, from);
    const int toBefore = before.count(layer, to);

    Entity entity = makeEntity(article.id, u"Delta"_s, { { 20, 25 } });
    entity.mentions[0].provenance = provenance(from, 5);
    Quote quote;
    quote.articleId = article.id;
    quote.content = { { 0, 10 } };
    quote.provenance = provenance(from, 6);
    Figure figure;
    figure.articleId = article.id;
    figure.span = figure.number = { 20, 25 };
    figure.provenance = provenance(from, 7);
    switch (layer) {
    case Layer::Entities:
        QVERIFY(store->insertEntity(entity));
        break;
    case Layer::Quotes:
        QVERIFY(store->insertQuote(quote));
        break;
    case Layer::Figures:
        QVERIFY(store->insertFigure(figure));
        break;
    }
    QCOMPARE(store->annotationCounts().count(layer, from), fromBefore + 1);
    QCOMPARE(store->annotationCounts().count(layer), before.count(layer) + 1);
    QCOMPARE(store->annotationCounts().counts, scannedCounts(store->database()));

    switch (layer) {
    case Layer::Entities:
        entity.mentions[0].provenance.status = to;
        QVERIFY(store->updateMention(entity.mentions[0]));
        break;
    case Layer::Quotes:
        quote.provenance.status = to;
        QVERIFY(store->updateQuote(quote));
        break;
    case Layer::Figures:
        figure.provenance.status = to;
        QVERIFY(store->updateFigure(figure));
        break;
    }
    const AnnotationCounts updated = store->annotationCounts();
    QCOMPARE(updated.count(layer, to), toBefore + 1);
    QCOMPARE(updated.count(layer, from), from == to ? fromBefore + 1 : fromBefore);
    QCOMPARE(updated.count(layer), before.count(layer) + 1);
    QCOMPARE(updated.counts, scannedCounts(store->database()));

    switch (layer) {
    case Layer::Entities:
        QVERIFY(store->removeMention(entity.mentions[0].id));
        break;
    case Layer::Quotes:
        QVERIFY(store->removeQuote(quote.id));
        break;
    case Layer::Figures:
        QVERIFY(store->removeFigure(figure.id));
        break;
    }
    QCOMPARE(store->annotationCounts().counts, before.counts);
    QCOMPARE(store->annotationCounts().counts, scannedCounts(store->database()));

    // A removed entity takes its mentions out of the counts through the foreign key.
    QVERIFY(store->removeEntity(background.id));
    QCOMPARE(store->annotationCounts().count(Layer::Entities), 0);
    QCOMPARE(store->annotationCounts().counts, scannedCounts(store->database()));
}

// A project of version 5 has annotations and no kept counts: the upgrade counts them once.
void TestStore::testCorpusCountsFilledFromVersion5()
{
    const QString path = newPath();
    const QString connection = u"make-version-5"_s;
    {
        QSqlDatabase database = m_projects.connect(path, connection);
        QVERIFY(database.isOpen());
        SchemaMigrator migrator(database);
        QVERIFY2(migrator.migrate(5), qPrintable(migrator.errorString()));
        QVERIFY(!database.tables().contains(u"annotation_counts"_s));
        const QString stamp = u"2026-03-01T10:00:00.000Z"_s;
        const QStringList statements {
            u"INSERT INTO articles (key, title, imported_at, status, text)"
            " VALUES ('old', 'Old', '%1', 'todo', 'Tokayev met Putin in Moscow 🎉.')"_s,
            u"INSERT INTO entities (article_id, name, type, status, created_at, modified_at)"
            " SELECT id, 'Putin', 'PERSON', 'auto', '%1', '%1' FROM articles"_s,
            u"INSERT INTO mentions (entity_id, start_offset, end_offset, status, created_at, modified_at)"
            " SELECT id, 12, 17, 'auto', '%1', '%1' FROM entities"_s,
            u"INSERT INTO mentions (entity_id, start_offset, end_offset, status, created_at, modified_at)"
            " SELECT id, 0, 7, 'auto', '%1', '%1' FROM entities"_s,
            u"INSERT INTO mentions (entity_id, start_offset, end_offset, status, created_at, modified_at)"
            " SELECT id, 21, 27, 'accepted', '%1', '%1' FROM entities"_s,
            u"INSERT INTO quotes (article_id, kind, status, created_at, modified_at)"
            " SELECT id, 'direct', 'edited', '%1', '%1' FROM articles"_s,
            u"INSERT INTO figures (article_id, kind, span_start, span_end, number_start, number_end, status,"
            " created_at, modified_at) SELECT id, 'count', 0, 3, 0, 3, 'rejected', '%1', '%1' FROM articles"_s,
        };
        for (const QString &statement : statements) {
            QSqlQuery query(database);
            QVERIFY2(query.exec(statement.arg(stamp)), qPrintable(query.lastError().text()));
        }
        database.close();
    }
    QSqlDatabase::removeDatabase(connection);

    auto store = openStore(path);
    QVERIFY(store);
    const AnnotationCounts counts = store->annotationCounts();
    QCOMPARE(counts.counts, scannedCounts(store->database()));
    QCOMPARE(counts.count(Layer::Entities, AnnotationStatus::Auto), 2);
    QCOMPARE(counts.count(Layer::Entities, AnnotationStatus::Accepted), 1);
    QCOMPARE(counts.count(Layer::Quotes, AnnotationStatus::Edited), 1);
    QCOMPARE(counts.count(Layer::Figures, AnnotationStatus::Rejected), 1);
    QCOMPARE(counts.count(Layer::Figures), 1);

    // The upgraded project keeps counting.
    const RecordId articleId = store->articleSummariesAfter(0, 1).value(0).id;
    Entity entity = makeEntity(articleId, u"Moscow"_s, { { 21, 27 } });
    entity.mentions[0].provenance.status = AnnotationStatus::Auto;
    QVERIFY(store->insertEntity(entity));
    QCOMPARE(store->annotationCounts().count(Layer::Entities, AnnotationStatus::Auto), 3);
    QCOMPARE(store->annotationCounts().counts, scannedCounts(store->database()));
}

void TestStore::testCrashSafety()
{
    if (m_projects.onServer)
        QSKIP("the lock file and the integrity check are SQLite's; the server keeps its own data safe");
    const QString path = newPath();
    {
        auto store = openStore(path);
        QVERIFY(store);
        Article article
            = makeArticle(u"crash"_s, u"A text long enough to hold many small spans of annotation."_s);
        QVERIFY(store->addArticle(article));
    }

    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(crashChildVariable), path);
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());

    constexpr int wanted = 200;
    int confirmed = 0; // edits 0 .. confirmed-1 are committed
    while (confirmed < wanted) {
        if (!child.canReadLine() && !child.waitForReadyRead(10000))
            QFAIL(qPrintable(u"the child stopped after %1 edits"_s.arg(confirmed)));
        while (child.canReadLine()) {
            const int edit = child.readLine().trimmed().toInt();
            QCOMPARE(edit, confirmed);
            ++confirmed;
        }
    }
    // While the child lives, its lock refuses a second writer, naming the child.
    {
        StoreError refused;
        QVERIFY(!Store::open(path, Store::Mode::ReadWrite, &refused));
        QCOMPARE(refused.code, StoreError::Code::LockedByAnotherProcess);
        QVERIFY2(refused.message.contains(QString::number(child.processId())), qPrintable(refused.message));
    }
    child.kill(); // SIGKILL, mid-burst
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    // Lines written before the kill that we did not read yet were committed too.
    while (child.canReadLine()) {
        if (child.readLine().endsWith('\n'))
            ++confirmed;
    }
    QVERIFY(QFile::exists(path + u".lock"_s)); // the dead process could not remove it

    StoreError error;
    auto store = Store::open(path, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    QSqlQuery query(store->database());
    QVERIFY(query.exec(u"PRAGMA integrity_check"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"ok"_s);
    QVERIFY(query.exec(u"PRAGMA foreign_key_check"_s));
    QVERIFY(!query.next());

    const RecordId articleId = *store->articleIdForKey(u"crash"_s);
    const AnnotationSet set = store->annotations(articleId);
    // Per five edits: one lasting entity, one quote, one figure, one rename, one insert-and-remove.
    const int rounds = confirmed / 5;
    const int rest = confirmed % 5;
    QVERIFY(set.entities.size() >= rounds + (rest > 0 ? 1 : 0));
    QVERIFY(set.quotes.size() >= rounds + (rest > 1 ? 1 : 0));
    QVERIFY(set.figures.size() >= rounds + (rest > 2 ? 1 : 0));
    int renamed = 0;
    for (const Entity &entity : set.entities) {
        QCOMPARE(entity.mentions.size(), 1);
        QVERIFY(entity.name != u"short-lived"_s || &entity == &set.entities.last());
        renamed += entity.name.endsWith(u"(renamed)"_s) ? 1 : 0;
    }
    QVERIFY(renamed >= rounds + (rest > 3 ? 1 : 0));
    for (qsizetype i = 0; i < set.figures.size(); ++i)
        QCOMPARE(set.figures[i].value.toDouble(), double(5 * i + 2));

    // The reopened project takes edits.
    Entity entity = makeEntity(articleId, u"after the crash"_s, { { 0, 1 } });
    QVERIFY(store->insertEntity(entity));
}

void TestStore::testSharedSavepoint_data()
{
    // A group whose inner writes share its savepoint: kept or undone only as a whole, and a
    // transaction opened after the group has ended takes a savepoint of its own again.
    QTest::addColumn<bool>("groupCommits");
    QTest::addColumn<bool>("groupFailsInside");
    QTest::addColumn<QStringList>("kept");
    QTest::newRow("group kept") << true << false << QStringList { u"Before"_s, u"Putin"_s, u"Tokayev"_s };
    QTest::newRow("group undone") << false << false << QStringList { u"Before"_s };
    QTest::newRow("inner failure undoes the group") << false << true << QStringList { u"Before"_s };
}

void TestStore::testSharedSavepoint()
{
    QFETCH(bool, groupCommits);
    QFETCH(bool, groupFailsInside);
    QFETCH(QStringList, kept);
    auto store = openStore(newPath());
    QVERIFY(store);
    Article article = makeArticle(u"astana"_s, u"Putin met Tokayev in Astana."_s);
    QVERIFY(store->addArticle(article));
    {
        Store::Transaction outer(*store);
        QVERIFY(outer.isOpen());
        Entity before = makeEntity(article.id, u"Before"_s, { { 22, 28 } });
        QVERIFY(store->insertEntity(before));
        {
            Store::Transaction group(*store, Store::Transaction::Inner::ShareThis);
            QVERIFY(group.isOpen());
            Entity putin = makeEntity(article.id, u"Putin"_s, { { 0, 5 } });
            QVERIFY(store->insertEntity(putin));
            Entity tokayev = makeEntity(article.id, u"Tokayev"_s, { { 10, 17 } });
            QVERIFY(store->insertEntity(tokayev));
            if (groupFailsInside) {
                Entity outside = makeEntity(article.id, u"Outside"_s, { { 10, 900 } });
                QVERIFY(!store->insertEntity(outside));
            }
            if (groupCommits)
                QVERIFY(group.commit());
        }
        {
            // after the group: a savepoint again, undone on its own
            Store::Transaction after(*store);
            QVERIFY(after.isOpen());
            Entity undone = makeEntity(article.id, u"Undone"_s, { { 0, 5 } });
            QVERIFY(store->insertEntity(undone));
        }
        QVERIFY(outer.commit());
    }
    QStringList names;
    for (const Entity &entity : store->annotations(article.id).entities)
        names << entity.name;
    names.sort();
    kept.sort();
    QCOMPARE(names, kept);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(crashChildVariable))
        return runCrashChild(qEnvironmentVariable(crashChildVariable));
    TestStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_store.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// A corpus to import in tests of the store's bulk paths, and what the project's triggers keep
// (counts, search rows and hits, the list's text filter) as its readers see it, to compare a
// project with one made row by row.
#pragma once

#include "corpussearch.h"
#include "formats/jsonlcodec.h"
#include "store.h"
#include "testprojects.h"

#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace Byline::Test {

using namespace Qt::StringLiterals;

inline QList<DatasetDocument> readDocuments(const QString &path)
{
    QList<DatasetDocument> documents;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return documents;
    for (const QByteArray &line : file.readAll().trimmed().split('\n')) {
        QString error;
        if (auto document = JsonlCodec::read(line, &error))
            documents.append(*document);
        else
            qWarning("%s: %s", qPrintable(path), qPrintable(error));
    }
    return documents;
}

// The dev set's articles and the format fixtures (one with emoji before its spans, so that code
// point and UTF-16 offsets differ), each twice under its own key and text, with the annotation
// statuses varied so that the corpus counts have several rows per layer.
inline QList<DatasetDocument> corpus()
{
    QList<DatasetDocument> seeds = readDocuments(QStringLiteral(BYLINE_TEST_DATA) + u"/jsonl/dev.jsonl"_s);
    seeds << readDocuments(QStringLiteral(BYLINE_TEST_DATA) + u"/formats2/input.jsonl"_s);
    constexpr AnnotationStatus statuses[] = { AnnotationStatus::Auto, AnnotationStatus::Accepted,
        AnnotationStatus::Manual, AnnotationStatus::Edited };
    QList<DatasetDocument> documents;
    for (int copy = 0; copy < 2; ++copy) {
        for (const DatasetDocument &seed : std::as_const(seeds)) {
            DatasetDocument document = seed;
            const qsizetype n = documents.size();
            document.article.key += u"-%1"_s.arg(n);
            document.article.text += u"\n\n#%1"_s.arg(n);
            int i = 0;
            for (Entity &entity : document.annotations.entities) {
                for (Mention &mention : entity.mentions)
                    mention.provenance.status = statuses[(n + i++) % 4];
            }
            for (Quote &quote : document.annotations.quotes)
                quote.provenance.status = statuses[(n + i++) % 4];
            for (Figure &figure : document.annotations.figures)
                figure.provenance.status = statuses[(n + i++) % 4];
            documents << document;
        }
    }
    return documents;
}

inline bool add(Store &store, QList<DatasetDocument> documents)
{
    for (DatasetDocument &document : documents) {
        if (!store.addDocument(document.article, document.annotations)) {
            qWarning("%s", qPrintable(store.errorString()));
            return false;
        }
    }
    return true;
}

// Adds through the triggers, row by row: the reference.
inline bool addPlainly(Store &store, const QList<DatasetDocument> &documents)
{
    Store::Transaction transaction(store);
    return add(store, documents) && transaction.commit();
}

inline bool addInBulk(Store &store, const QList<DatasetDocument> &documents)
{
    Store::BulkInsert bulk(store);
    return bulk.isOpen() && add(store, documents) && bulk.commit();
}

inline QStringList rows(const Store &store, const QString &sql)
{
    QStringList lines;
    QSqlQuery query(store.database());
    if (!query.exec(sql)) {
        lines << u"failed: "_s + sql;
        return lines;
    }
    while (query.next()) {
        QStringList values;
        for (int column = 0; column < query.record().count(); ++column)
            values << (query.isNull(column) ? u"NULL"_s : query.value(column).toString());
        lines << values.join(u'|');
    }
    return lines;
}

// Everything the triggers keep, as the project's readers see it.
inline QStringList derivedState(const Store &store)
{
    QStringList state;
    state << u"articles %1"_s.arg(store.articleCount());
    state << rows(
        store, u"SELECT id, key, entity_count, quote_count, figure_count FROM articles ORDER BY id"_s);
    state << rows(store,
        u"SELECT layer, status, total FROM annotation_counts WHERE total <> 0 ORDER BY layer, status"_s);
    state << rows(store,
        u"SELECT article_id, annotator, entity_count, quote_count, figure_count FROM "
        u"article_counts_by_annotator"
        " WHERE entity_count + quote_count + figure_count <> 0 ORDER BY article_id, annotator"_s);
    state << rows(store,
        u"SELECT annotator, layer, status, total FROM annotation_counts_by_annotator WHERE total <> 0"
        " ORDER BY annotator, layer, status"_s);
    state << rows(store,
        u"SELECT rowid, body, speaker, type, kind, status, layer, article_id, record_id FROM "
        u"annotation_search"
        " ORDER BY rowid"_s);
    for (const QString &search : { u"said"_s, u"minister"_s, u"Tokayev"_s, u"type:PERSON"_s, u"kind:direct"_s,
             u"kind:indirect said"_s, u"speaker:Putin"_s, u"status:auto"_s, u"percent"_s }) {
        CorpusSearch corpusSearch(store);
        int hits = 0;
        const bool ran = corpusSearch.run(search, 500, [&](const QList<SearchHit> &batch) {
            for (const SearchHit &hit : batch) {
                ++hits;
                state << u"%1: %2 %3 %4 %5"_s.arg(search)
                             .arg(int(hit.kind))
                             .arg(hit.articleId)
                             .arg(hit.recordId)
                             .arg(hit.snippet);
            }
            return true;
        });
        state << u"%1: %2 hits%3"_s.arg(search).arg(hits).arg(ran ? QString() : corpusSearch.errorString());
    }
    for (const QString &text : { u"bid"_s, u"kazakh"_s, u"-1"_s }) {
        ArticleFilter filter;
        filter.text = text;
        state << u"filter %1: %2"_s.arg(text).arg(store.articleCount(filter));
    }
    return state;
}

// What the triggers should have made of the rows, counted from the rows themselves.
inline void verifyCountsMatchRows(const Store &store)
{
    QCOMPARE(rows(store,
                 u"SELECT id FROM articles a WHERE"
                 " entity_count <> (SELECT COUNT(*) FROM entities e WHERE e.article_id = a.id)"
                 " OR quote_count <> (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id)"
                 " OR figure_count <> (SELECT COUNT(*) FROM figures f WHERE f.article_id = a.id)"_s),
        QStringList());
    // The per-annotator counts (schema step 11): suggestions count under ''.
    const std::pair<QString, QString> articleCounts[] = { { u"entities"_s, u"entity_count"_s },
        { u"quotes"_s, u"quote_count"_s }, { u"figures"_s, u"figure_count"_s } };
    // Both ways: a count the rows lack is wrong too (rows counted down to nothing keep a 0).
    for (const auto &[table, column] : articleCounts) {
        const QString counted
            = u"SELECT article_id, CASE WHEN status = 'auto' THEN '' ELSE annotator END AS owner, COUNT(*)"
              " FROM %1 GROUP BY article_id, owner"_s.arg(table);
        const QString kept
            = u"SELECT article_id, annotator, %1 FROM article_counts_by_annotator WHERE %1 <> 0"_s.arg(
                column);
        QCOMPARE(rows(store, counted + u" EXCEPT "_s + kept), QStringList());
        QCOMPARE(rows(store, kept + u" EXCEPT "_s + counted), QStringList());
    }
    const QString countedMentions
        = u"SELECT CASE WHEN status = 'auto' THEN '' ELSE annotator END AS owner, status, COUNT(*)"
          " FROM mentions GROUP BY owner, status"_s;
    const QString keptMentions = u"SELECT annotator, status, total FROM annotation_counts_by_annotator"
                                 " WHERE layer = 'mention' AND total <> 0"_s;
    QCOMPARE(rows(store, countedMentions + u" EXCEPT "_s + keptMentions), QStringList());
    QCOMPARE(rows(store, keptMentions + u" EXCEPT "_s + countedMentions), QStringList());
    const AnnotationCounts counts = store.annotationCounts();
    const std::pair<Layer, QString> layers[] = { { Layer::Entities, u"mentions"_s },
        { Layer::Quotes, u"quotes"_s }, { Layer::Figures, u"figures"_s } };
    for (const auto &[layer, table] : layers) {
        QSqlQuery query(store.database());
        QVERIFY(query.exec(u"SELECT status, COUNT(*) FROM %1 GROUP BY status"_s.arg(table)));
        int total = 0;
        while (query.next()) {
            const auto status = annotationStatusFromString(query.value(0).toString());
            QVERIFY(status);
            QCOMPARE(counts.count(layer, *status), query.value(1).toInt());
            total += query.value(1).toInt();
        }
        QCOMPARE(counts.count(layer), total);
    }
    QCOMPARE(rows(store, u"SELECT COUNT(*) FROM annotation_search"_s),
        rows(store,
            u"SELECT (SELECT COUNT(*) FROM entities) + (SELECT COUNT(*) FROM quotes)"
            " + (SELECT COUNT(*) FROM figures)"_s));
}

inline QStringList triggers(const Store &store)
{
    if (Test::TestProjects::onServer)
        return rows(store, u"SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname"_s);
    return rows(store, u"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"_s);
}

/// A new, empty project at one of the suite's locations; null, with the reason printed, when
/// it cannot be made.
inline std::unique_ptr<Store> openNewProject(TestProjects &projects)
{
    StoreError error;
    auto store = Store::open(projects.newLocation(), Store::Mode::ReadWrite, &error);
    if (!store)
        qWarning("%s", qPrintable(error.message));
    return store;
}

} // namespace Byline::Test

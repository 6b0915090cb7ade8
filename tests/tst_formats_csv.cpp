// SPDX-License-Identifier: GPL-3.0-or-later
// CSV tables: RFC 4180 quoting, the golden folder, the Excel option, reading a CSV of articles
// (columns by name), and hostile tables that must leave the project untouched.
#include "formatroundtrip.h"
#include "formats/csvcodec.h"
#include "formats/csvcolumns.h"
#include "formats/csvformat.h"
#include "formats/formatregistry.h"

#include <QTest>

using namespace Byline;
using namespace Byline::FormatRoundTrip;
using namespace Qt::StringLiterals;

class TestFormatsCsv final : public QObject {
    Q_OBJECT

private:
    static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
    {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(file.fileName()));
        file.write(bytes);
        return file.fileName();
    }

private Q_SLOTS:
    void testRegistry()
    {
        const auto format = FormatRegistry::create(u"csv");
        QVERIFY(format);
        QCOMPARE(format->shortName(), u"csv"_s);
        QCOMPARE(format->extensions(), QStringList { u"csv"_s });
        QCOMPARE(format->capabilities(), DatasetFormat::CanRead | DatasetFormat::CanWrite);
        QVERIFY(format->writesFolder());
        QVERIFY(!format->limitations().isEmpty());
        QCOMPARE(FormatRegistry::forFileName(u"feed.CSV"_s, DatasetFormat::CanRead)->shortName(), u"csv"_s);
    }

    void testQuoting_data()
    {
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QByteArray>("record");
        QTest::newRow("plain") << QStringList { u"a"_s, u"b"_s } << QByteArray("a,b\r\n");
        QTest::newRow("comma") << QStringList { u"a,b"_s, u"c"_s } << QByteArray("\"a,b\",c\r\n");
        QTest::newRow("quote") << QStringList { u"say \"hi\""_s } << QByteArray("\"say \"\"hi\"\"\"\r\n");
        QTest::newRow("newline") << QStringList { u"one\ntwo"_s, u""_s } << QByteArray("\"one\ntwo\",\r\n");
        QTest::newRow("leading-space") << QStringList { u" x"_s } << QByteArray("\" x\"\r\n");
        QTest::newRow("emoji") << QStringList { u"😀"_s } << QByteArray("\xF0\x9F\x98\x80\r\n");
    }

    void testQuoting()
    {
        QFETCH(QStringList, fields);
        QFETCH(QByteArray, record);
        QCOMPARE(CsvCodec::record(fields), record);
        const QString text = QString::fromUtf8(record + record);
        CsvCodec csv(text);
        QStringList read;
        QVERIFY(csv.next(&read));
        QCOMPARE(read, fields);
        QVERIFY(csv.next(&read));
        QCOMPARE(read, fields);
        QVERIFY(!csv.next(&read));
        QVERIFY(csv.errorString().isEmpty());
    }

    void testGolden()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        CsvFormat csv;
        const QString out = dir.filePath(u"tables"_s);
        QVERIFY2(csv.write(*store, out, {}), qPrintable(csv.errorString()));
        QCOMPARE(filesUnder(out),
            QStringList({ u"articles.csv"_s, u"figures.csv"_s, u"mentions.csv"_s, u"quotes.csv"_s }));
        const QString difference = compareWithGolden(out, u"csv"_s);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void testExcelByteOrderMark()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        CsvFormat csv;
        csv.setOptions({ { u"excel"_s, true } });
        const QString out = dir.filePath(u"excel"_s);
        QVERIFY2(csv.write(*store, out, {}), qPrintable(csv.errorString()));
        for (const QString &file : filesUnder(out))
            QVERIFY2(contents(out + u'/' + file).startsWith("\xEF\xBB\xBF"), qPrintable(file));
        QVERIFY(contents(out + u"/mentions.csv"_s)
                .startsWith("\xEF\xBB\xBF"
                            "article,entity,entity_name"));
        // and reads back: the byte order mark is not part of the first column's name
        const auto reread = newProject(dir, u"reread"_s);
        QVERIFY2(csv.read(*reread, out, nullptr, {}), qPrintable(csv.errorString()));
        QCOMPARE(reread->articleCount(), 2);
    }

    void testSplitQuoteRow()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        CsvFormat csv;
        const QString out = dir.filePath(u"tables"_s);
        QVERIFY(csv.write(*store, out, {}));
        const QString quotes = QString::fromUtf8(contents(out + u"/quotes.csv"_s));
        // code points, after the three of the two emoji
        QVERIFY2(quotes.contains(u",78-91;102-130,\"“the troops,” … “will leave within 10 days.”\",auto,"_s),
            qPrintable(quotes));
    }

    void testArticlesRoundTrip()
    {
        // checks: key, title, source, date, status and text of every article (CSV reads no annotations)
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        CsvFormat csv;
        const QString out = dir.filePath(u"tables"_s);
        QVERIFY(csv.write(*store, out, {}));
        const auto reread = newProject(dir, u"reread"_s);
        FormatReadReport report;
        QVERIFY2(csv.read(*reread, out + u"/articles.csv"_s, &report, {}), qPrintable(csv.errorString()));
        QCOMPARE(report.articles, 2);
        const QList<DatasetDocument> before = documentsByKey(*store);
        const QList<DatasetDocument> after = documentsByKey(*reread);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            Article expected = before.at(i).article;
            Article actual = after.at(i).article;
            expected.id = actual.id = 0;
            expected.imported = actual.imported = {};
            QCOMPARE(actual, expected);
        }
    }

    void testLayersRoundTrip()
    {
        // checks, read back from the folder: entity types, names, mention spans and statuses;
        // quote kinds, parts, cues, sources, speakers and statuses; figure kinds, spans, numbers,
        // values, units, qualifiers and statuses, offsets in code points after emoji
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        CsvFormat csv;
        const QString out = dir.filePath(u"tables"_s);
        QVERIFY(csv.write(*store, out, {}));
        const auto reread = newProject(dir, u"reread"_s);
        QVERIFY2(csv.read(*reread, out, nullptr, {}), qPrintable(csv.errorString()));
        const QList<DatasetDocument> before = documentsByKey(*store);
        const QList<DatasetDocument> after = documentsByKey(*reread);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(entityLines(after.at(i)), entityLines(before.at(i)));
            QCOMPARE(quoteLines(after.at(i)), quoteLines(before.at(i)));
            QCOMPARE(figureLines(after.at(i)), figureLines(before.at(i)));
        }
    }

    void testLayerMismatchImportsNothing()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        CsvFormat csv;
        const QString out = dir.filePath(u"tables"_s);
        QVERIFY(csv.write(*store, out, {}));
        QFile mentions(out + u"/mentions.csv"_s);
        QVERIFY(mentions.open(QIODevice::ReadWrite));
        QByteArray bytes = mentions.readAll();
        bytes.replace("Vladimir Putin\r\n", "Vladimir Pudding\r\n");
        bytes.replace(",Vladimir Putin,manual", ",Vladimir Pudding,manual");
        mentions.resize(0);
        mentions.write(bytes);
        mentions.close();
        const auto reread = newProject(dir, u"reread"_s);
        QVERIFY(!csv.read(*reread, out, nullptr, {}));
        QVERIFY2(
            csv.errorString().contains(u"mentions.csv:"_s) && csv.errorString().contains(u"does not match"_s),
            qPrintable(csv.errorString()));
        QCOMPARE(reread->articleCount(), 0);
    }

    void testChoosesColumns_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QVariantMap>("options");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("published");
        QTest::addColumn<QString>("source");
        QTest::newRow("usual-names") << QByteArray(
            "Headline,Body,Date,URL\nFuel prices,\"Prices rose, again.\n\nBy 5%.\","
            "2024-05-01,https://example.org/a\n")
                                     << QVariantMap() << u"Fuel prices"_s
                                     << u"Prices rose, again.\n\nBy 5%."_s << u"2024-05-01"_s
                                     << u"https://example.org/a"_s;
        QTest::newRow("chosen-names")
            << QByteArray("summary,full_story,when\nS,The story 😀.,2024-06-02\n")
            << QVariantMap { { u"textColumn"_s, u"full_story"_s }, { u"titleColumn"_s, u"summary"_s },
                   { u"dateColumn"_s, u"WHEN"_s } }
            << u"S"_s << u"The story 😀."_s << u"2024-06-02"_s << QString();
        // The analyst said the title column is not a title: an empty name leaves the field out.
        QTest::newRow("field-left-out")
            << QByteArray("title,text,source\nSection 3,Body.,wire\n")
            << QVariantMap { { u"titleColumn"_s, QString() }, { u"sourceColumn"_s, QString() } } << QString()
            << u"Body."_s << QString() << QString();
        QTest::newRow("crlf-and-no-final-break") << QByteArray("text\r\n\"a\r\nb\"") << QVariantMap()
                                                 << QString() << u"a\nb"_s << QString() << QString();
    }

    void testChoosesColumns()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QVariantMap, options);
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"feed.csv"_s, csv);
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        format.setOptions(options);
        QVERIFY2(format.read(*store, file, nullptr, {}), qPrintable(format.errorString()));
        const QList<DatasetDocument> all = documents(*store);
        QCOMPARE(all.size(), 1);
        QTEST(all.first().article.title, "title");
        QTEST(all.first().article.text, "text");
        QTEST(all.first().article.published, "published");
        QTEST(all.first().article.source, "source");
        QCOMPARE(all.first().article.key, u"feed-2"_s);
    }

    void testPreviewReadsTheHeadOnly_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("error");
        QTest::newRow("short") << QByteArray("Headline,Body\nA,\"x, y\"\nB,z\n")
                               << QStringList { u"Headline"_s, u"Body"_s } << 2 << QString();
        // Rows past the limit are not read; a record the 1 MiB head cuts is left out whole.
        QByteArray many("id,text\n");
        for (int row = 0; row < 30000; ++row)
            many += QByteArray::number(row) + ",\"L\u00e9a 😀 " + QByteArray(40, 'x') + "\"\n";
        QTest::newRow("long-file") << many << QStringList { u"id"_s, u"text"_s } << 5 << QString();
        QByteArray cut("id,text\n1,\"");
        cut += QByteArray(2 * 1024 * 1024, 'y') + "\"\n";
        QTest::newRow("record-cut-by-the-head")
            << cut << QStringList { u"id"_s, u"text"_s } << 0 << QString();
        QTest::newRow("empty") << QByteArray() << QStringList() << 0 << u"feed.csv is empty"_s;
    }

    void testPreviewReadsTheHeadOnly()
    {
        QFETCH(QByteArray, csv);
        QTemporaryDir dir;
        const CsvPreview preview = CsvPreview::read(writeFile(dir, u"feed.csv"_s, csv), 5);
        QFETCH(QString, error);
        QVERIFY2(preview.error.contains(error), qPrintable(preview.error));
        QTEST(preview.header, "header");
        QTEST(int(preview.rows.size()), "rows");
        for (const QStringList &row : preview.rows)
            QCOMPARE(row.size(), preview.header.size());
        if (csv.contains("L\u00e9a"))
            QCOMPARE(preview.rows.first().at(1).left(6), u"Léa 😀"_s);
    }

    void testGuessesColumns_data()
    {
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QList<qsizetype>>("columns"); // text, title, date, source, id
        QTest::newRow("usual") << QStringList { u"id"_s, u"Title"_s, u" text "_s, u"url"_s, u"date"_s }
                               << QList<qsizetype> { 2, 1, 4, 3, 0 };
        QTest::newRow("earlier-name-wins") << QStringList { u"date"_s, u"published"_s, u"body"_s, u"text"_s }
                                           << QList<qsizetype> { 3, -1, 1, -1, -1 };
        QTest::newRow("none") << QStringList { u"a"_s, u"b"_s } << QList<qsizetype> { -1, -1, -1, -1, -1 };
    }

    void testGuessesColumns()
    {
        QFETCH(QStringList, header);
        QFETCH(QList<qsizetype>, columns);
        for (qsizetype field = 0; field < columns.size(); ++field)
            QCOMPARE(CsvArticleColumns::find(header, CsvArticleColumns::all().at(field), std::nullopt),
                columns.at(field));
    }

    void testWindows1252IsDecodedWithAWarning()
    {
        QTemporaryDir dir;
        const QString file
            = writeFile(dir, u"legacy.csv"_s, "title,text\nCaf\xe9,Un caf\xe9 \x93noir\x94.\n");
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        FormatReadReport report;
        QVERIFY2(format.read(*store, file, &report, {}), qPrintable(format.errorString()));
        QCOMPARE(documents(*store).first().article.text, u"Un café “noir”."_s);
        QCOMPARE(report.warnings.size(), 1);
        QVERIFY2(report.warnings.first().contains(u"windows-1252"_s), qPrintable(report.warnings.first()));
    }

    void testHostile_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QVariantMap>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated-quote") << QByteArray("text\nfirst\n\"second, never closed\n")
                                         << QVariantMap() << u"line 3: a quoted field is not closed"_s;
        QTest::newRow("wrong-field-count")
            << QByteArray("title,text\nA,one\nB,two,three\n") << QVariantMap() << u"feed.csv:3: 3 fields"_s;
        QTest::newRow("no-text-column") << QByteArray("title,summary\nA,B\n") << QVariantMap()
                                        << u"no text column (the header has: title, summary)"_s;
        QTest::newRow("missing-chosen-column")
            << QByteArray("title,text\nA,B\n") << QVariantMap { { u"dateColumn"_s, u"day"_s } }
            << u"no column named day"_s;
        QTest::newRow("garbage-after-quote")
            << QByteArray("text\n\"a\"b\n") << QVariantMap() << u"line 2: a character follows"_s;
        QTest::newRow("binary") << QByteArray("PK\x03\x04\x00\x00binary", 12) << QVariantMap()
                                << u"feed.csv"_s;
        QTest::newRow("empty") << QByteArray() << QVariantMap() << u"feed.csv"_s;
    }

    void testHostile()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QVariantMap, options);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"feed.csv"_s, csv);
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        format.setOptions(options);
        QVERIFY(!format.read(*store, file, nullptr, {}));
        QVERIFY2(format.errorString().contains(message), qPrintable(format.errorString()));
        QCOMPARE(store->articleCount(), 0);
    }

    void testSkipBadRecords()
    {
        // A row with the wrong number of fields is left out and reported; the others are taken.
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"feed.csv"_s, "title,text\nA,one\nB,two,three\nC,four\n");
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        format.setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(format.read(*store, file, &report, {}), qPrintable(format.errorString()));
        QCOMPARE(report.articles, 2);
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords[0].contains(u"feed.csv:3: 3 fields where the header has 2"_s),
            qPrintable(report.badRecords[0]));
        QCOMPARE(store->articleCount(), 2);
    }

    void testCancelLeavesNothing()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        CsvFormat csv;
        const QString out = dir.filePath(u"exports/tables"_s);
        QVERIFY(!csv.write(*store, out, [](qint64 done, qint64) { return done < 1; }));
        QVERIFY2(csv.errorString().contains(u"cancelled"_s), qPrintable(csv.errorString()));
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(QDir(dir.filePath(u"exports"_s))
                     .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            QStringList());
    }
};

QTEST_GUILESS_MAIN(TestFormatsCsv)
#include "tst_formats_csv.moc"

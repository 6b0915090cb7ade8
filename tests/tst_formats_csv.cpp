// SPDX-License-Identifier: GPL-3.0-or-later
// CSV tables: RFC 4180 quoting, the golden folder, the Excel option, reading a CSV of articles
// (columns by name), and hostile tables that must leave the project untouched.
#include "formatroundtrip.h"
#include "formats/csvcodec.h"
#include "formats/csvcolumns.h"
#include "formats/csvformat.h"
#include "formats/csvreader.h"
#include "formats/formatregistry.h"
#include "formats/linestream.h"

#include "residentmemory.h"

#include <QTest>

#include <cstring>
#include <utility>

using namespace Byline;
using namespace Byline::FormatRoundTrip;
using namespace Qt::StringLiterals;

namespace {

// A file of any length that is never stored: a prefix, one byte repeated, then a suffix.
class GeneratedFile final : public QIODevice {
public:
    GeneratedFile(QByteArray prefix, qint64 repeated, QByteArray suffix)
        : m_bytes(std::move(prefix))
        , m_repeatedFrom(m_bytes.size())
        , m_suffixFrom(m_repeatedFrom + repeated)
    {
        m_bytes += suffix;
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        qint64 given = 0;
        while (given < maxSize && m_position < m_suffixFrom + m_bytes.size() - m_repeatedFrom) {
            if (m_position < m_repeatedFrom || m_position >= m_suffixFrom) {
                const qint64 at
                    = m_position < m_repeatedFrom ? m_position : m_position - m_suffixFrom + m_repeatedFrom;
                data[given++] = m_bytes.at(at);
                ++m_position;
            } else {
                const qint64 run = std::min(maxSize - given, m_suffixFrom - m_position);
                std::memset(data + given, 'x', size_t(run));
                given += run;
                m_position += run;
            }
        }
        return given;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes; ///< the prefix, then the suffix
    qint64 m_repeatedFrom;
    qint64 m_suffixFrom;
    qint64 m_position = 0;
};

} // namespace

class TestFormatsCsv final : public QObject {
    Q_OBJECT

private:
    static QByteArray goldenTable(const QString &name)
    {
        return contents(data(u"formats/golden/csv/"_s + name));
    }

    // The golden folder in dir/tables, to change.
    static QString copyOfGolden(const QTemporaryDir &dir)
    {
        const QString folder = dir.filePath(u"tables"_s);
        if (!QDir().mkpath(folder))
            qFatal("cannot make %s", qPrintable(folder));
        for (const QString &name : filesUnder(data(u"formats/golden/csv"_s))) {
            if (!QFile::copy(data(u"formats/golden/csv/"_s) + name, folder + u'/' + name))
                qFatal("cannot copy %s", qPrintable(name));
        }
        return folder;
    }

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
        QCOMPARE(format->capabilities(),
            DatasetFormat::CanRead | DatasetFormat::CanWrite | DatasetFormat::ChoosesOffsetUnit);
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

    void testPiecesReadAsTheWhole_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("pieceLength");
        const QString tricky
            = u"id,text\r\n1,\"say \"\"hi\"\"\r\nnow, 😀\"\r\n2,plain\r\n\"\",\"\"\"\"\n3,\"end\""_s;
        for (const int length : { 1, 2, 3, 7, 1000 })
            QTest::addRow("pieces-of-%d", length) << tricky << length;
    }

    void testPiecesReadAsTheWhole()
    {
        // A record may end, or a quotation mark or a CR LF be cut, where a piece ends.
        QFETCH(QString, text);
        QFETCH(int, pieceLength);
        CsvCodec whole(text);
        qsizetype given = 0;
        CsvCodec pieces([&](QString &piece) {
            piece = text.mid(given, pieceLength);
            given += pieceLength;
            return !piece.isEmpty();
        });
        QStringList expected;
        QStringList read;
        int records = 0;
        while (whole.next(&expected)) {
            QVERIFY(pieces.next(&read));
            QCOMPARE(read, expected);
            QCOMPARE(pieces.line(), whole.line());
            ++records;
        }
        QCOMPARE(records, 5);
        QVERIFY(!pieces.next(&read));
        QVERIFY(pieces.errorString().isEmpty());
    }

    void testRecordCap_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<bool>>("tooLong");
        QTest::newRow("long-quoted-field")
            << u"a,b\n\"0123456789\n0123\",x\nc,d\n"_s << QList<bool> { false, true, false };
        QTest::newRow("long-unquoted-field")
            << u"a,b\n0123456789012345,x\nc,d"_s << QList<bool> { false, true, false };
        QTest::newRow("many-empty-fields")
            << u"a,b\n,,,,,,,,,,,,,,,,,,,,\nc,d\n"_s << QList<bool> { false, true, false };
        QTest::newRow("exactly-the-cap") << u"0123456789,12345\n"_s << QList<bool> { false };
    }

    void testRecordCap()
    {
        // A record over the cap comes back empty and flagged; the records after it read on.
        QFETCH(QString, text);
        QFETCH(QList<bool>, tooLong);
        bool given = false;
        CsvCodec csv(
            [&](QString &piece) {
                piece = text;
                return !std::exchange(given, true);
            },
            16);
        QStringList fields;
        for (const bool expected : tooLong) {
            QVERIFY(csv.next(&fields));
            QCOMPARE(csv.tooLong(), expected);
            QCOMPARE(fields.isEmpty(), expected);
        }
        QVERIFY(!csv.next(&fields));
        QVERIFY(csv.errorString().isEmpty());
    }

    void testHostileFolder_data()
    {
        // A folder this format wrote, one table changed: the message names the table, the line
        // and what is wrong, and the project takes nothing.
        QTest::addColumn<QString>("table");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QVariantMap>("options");
        QTest::addColumn<QString>("message");
        const QByteArray articles = goldenTable(u"articles.csv"_s);
        const QByteArray mentions = goldenTable(u"mentions.csv"_s);
        const QByteArray figures = goldenTable(u"figures.csv"_s);
        const qsizetype articleLines = articles.count('\n');
        QTest::newRow("duplicate-article-id")
            << u"articles.csv"_s << articles + "emoji-astana,Again,,,,Another text.\r\n"
            << QVariantMap()
            << u"articles.csv:%1: id: the article id emoji-astana comes twice in the file"_s.arg(
                   articleLines + 1);
        QTest::newRow("unknown-entity-type")
            << u"mentions.csv"_s << QByteArray(mentions).replace(",GPE,", ",WIZARD,") << QVariantMap()
            << u"mentions.csv:2: entity_type: unknown label WIZARD (the project knows "_s;
        QTest::newRow("unknown-figure-kind")
            << u"figures.csv"_s << QByteArray(figures).replace(",count,", ",rumour,") << QVariantMap()
            << u"figures.csv:2: kind: unknown kind rumour (the project knows "_s;
        // The second article's rows first: its turn is over when the first article's come.
        const QList<QByteArray> figureRows = figures.split('\n');
        QByteArray reordered = figureRows.first() + '\n';
        for (const QByteArray &key : { "emoji-astana,"_ba, "kazakhstan-coup-putin,"_ba }) {
            for (const QByteArray &row : figureRows) {
                if (row.startsWith(key))
                    reordered += row + '\n';
            }
        }
        QTest::newRow("rows-out-of-article-order")
            << u"figures.csv"_s << reordered << QVariantMap()
            << u"figures.csv:5: the rows of article kazakhstan-coup-putin come after those of a later article"_s;
        QTest::newRow("rows-of-no-article")
            << u"figures.csv"_s << figures + "nowhere,F9,count,0,1,K,,,,,,,,manual,,\r\n"
            << QVariantMap()
            << u"figures.csv:%1: no article nowhere in articles.csv"_s.arg(figures.count('\n') + 1);
        QTest::newRow("huge-field-in-a-layer")
            << u"mentions.csv"_s
            << mentions + "emoji-astana,E9,\"" + QByteArray(3 * 1024 * 1024, 'x') + "\",PERSON,0,1,K,,,\r\n"
            << QVariantMap { { u"maxLineBytes"_s, 1024 * 1024 } }
            << u"mentions.csv:%1: the record is longer than 1 Mi characters"_s.arg(mentions.count('\n') + 1);
        QTest::newRow("huge-field-in-articles")
            << u"articles.csv"_s << articles + "big,T,,,,\"" + QByteArray(3 * 1024 * 1024, 'y') + "\"\r\n"
            << QVariantMap { { u"maxLineBytes"_s, 1024 * 1024 } }
            << u"articles.csv:%1: the record is longer than 1 Mi characters"_s.arg(articleLines + 1);
    }

    void testHostileFolder()
    {
        QFETCH(QString, table);
        QFETCH(QByteArray, bytes);
        QFETCH(QVariantMap, options);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString folder = copyOfGolden(dir);
        QVERIFY(QFile::remove(folder + u'/' + table));
        writeFile(dir, u"tables/"_s + table, bytes);
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        format.setOptions(options);
        QVERIFY(!format.read(*store, folder, nullptr, {}));
        QVERIFY2(format.errorString().startsWith(folder + u'/' + message), qPrintable(format.errorString()));
        QCOMPARE(store->articleCount(), 0);
    }

    void testLeftOutArticlesTakeTheirRowsAlong()
    {
        // An article not stored passes over its layer rows: the next article's are its own.
        QTemporaryDir dir;
        const QString folder = copyOfGolden(dir);
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        QVERIFY2(format.read(*store, folder, nullptr, {}), qPrintable(format.errorString()));
        FormatReadReport again;
        QVERIFY2(format.read(*store, folder, &again, {}), qPrintable(format.errorString()));
        QCOMPARE(again.articles, 0);
        QCOMPARE(again.skipped, 2);
        QCOMPARE(store->articleCount(), 2);

        // A bad row between the two articles, with figures of its own, skipped when asked.
        QByteArray articles = goldenTable(u"articles.csv"_s);
        const qsizetype second = articles.indexOf("\r\nemoji-astana,") + 2;
        articles.insert(second, "bad,T,,,,Text,one field too many\r\n");
        writeFile(dir, u"tables/articles.csv"_s, articles);
        QByteArray figures = goldenTable(u"figures.csv"_s);
        const qsizetype figure = figures.indexOf("\r\nemoji-astana,") + 2;
        figures.insert(figure, "bad,F1,count,0,1,T,,,,,,,,manual,,\r\n");
        writeFile(dir, u"tables/figures.csv"_s, figures);
        const auto reread = newProject(dir, u"reread"_s);
        QVERIFY(!format.read(*reread, folder, nullptr, {}));
        QVERIFY2(format.errorString().contains(u"articles.csv:%1: 7 fields where the header has 6"_s.arg(
                     articles.left(second).count('\n') + 1)),
            qPrintable(format.errorString()));
        format.setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(format.read(*reread, folder, &report, {}), qPrintable(format.errorString()));
        QCOMPARE(report.articles, 2);
        // Its figure is reported as left out with it.
        QCOMPARE(report.badRecords.size(), 2);
        QCOMPARE(report.badRecords.at(1),
            u"%1/figures.csv:%2: its article was skipped"_s.arg(folder).arg(
                figures.left(figure).count('\n') + 1));
        const QList<DatasetDocument> before = documentsByKey(*store);
        const QList<DatasetDocument> after = documentsByKey(*reread);
        for (qsizetype i = 0; i < before.size(); ++i)
            QCOMPARE(figureLines(after.at(i)), figureLines(before.at(i)));
    }

    void testUnreadArticleLeavesItsRowsOut_data()
    {
        QTest::addColumn<QString>("bad"); // how the articles left out unread are bad
        QTest::addColumn<QStringList>("unread"); // their keys, in the order they come
        QTest::addColumn<QString>("before"); // the article they come before; empty: after the last
        QTest::addColumn<QStringList>("tables"); // the layer tables with rows of theirs
        QTest::addColumn<QStringList>("rowless"); // tables that have no rows of `before`
        const QStringList all { u"mentions.csv"_s, u"quotes.csv"_s, u"figures.csv"_s };
        const QStringList one { u"unread"_s };
        QTest::newRow("too-long") << u"long"_s << one << u"emoji-astana"_s << all << QStringList();
        QTest::newRow("too-long-without-rows")
            << u"long"_s << one << u"emoji-astana"_s << QStringList() << QStringList();
        QTest::newRow("too-long-first")
            << u"long"_s << one << u"kazakhstan-coup-putin"_s << all << QStringList();
        QTest::newRow("too-long-last") << u"long"_s << one << QString() << all << QStringList();
        QTest::newRow("too-short-for-its-id")
            << u"short"_s << one << u"emoji-astana"_s << all << QStringList();
        // The next article has no figures: the skipped one's cannot be told from a later
        // article's until articles.csv ends.
        QTest::newRow("next-without-figures")
            << u"long"_s << one << u"emoji-astana"_s << all << QStringList { u"figures.csv"_s };
        QTest::newRow("neither-has-figures")
            << u"long"_s << one << u"emoji-astana"_s << QStringList { u"mentions.csv"_s }
            << QStringList { u"figures.csv"_s };
        QTest::newRow("two-in-a-row") << u"long"_s << QStringList { u"unread-1"_s, u"unread-2"_s }
                                      << u"emoji-astana"_s << all << QStringList { u"quotes.csv"_s };
    }

    void testUnreadArticleLeavesItsRowsOut()
    {
        // An article whose id cannot be read (too long to hold, too short to reach the id column)
        // is skipped when asked, with its layer rows, told by their place between the rows of
        // the articles around it; the other articles keep theirs. Without skipping, nothing.
        QFETCH(QString, bad);
        QFETCH(QStringList, unread);
        QFETCH(QString, before);
        QFETCH(QStringList, tables);
        QFETCH(QStringList, rowless);
        QTemporaryDir dir;
        const QString folder = copyOfGolden(dir);
        // The id column last, for a row too short to reach it.
        const auto idLast = [&](const QByteArray &table) {
            if (bad != u"short"_s)
                return table;
            const QString text = QString::fromUtf8(table);
            CsvCodec csv(text);
            QByteArray moved;
            QStringList fields;
            while (csv.next(&fields))
                moved += CsvCodec::record(fields.mid(1) << fields.first());
            return moved;
        };
        // Inserts rows before the first of the article `before`'s (after the last when none).
        const auto insert = [&](QByteArray &table, qsizetype at, const QByteArray &rows) {
            table.insert(at, rows);
            return int(table.left(at).count('\n')) + 1;
        };
        const auto placeOf = [&](const QByteArray &table) {
            const qsizetype found
                = before.isEmpty() ? -1 : table.indexOf(QByteArray("\r\n" + before.toUtf8() + ','));
            return found < 0 ? table.size() : found + 2;
        };

        // The folder without the unread articles, for what the import must give.
        QByteArray articles = idLast(goldenTable(u"articles.csv"_s));
        QByteArray articlesWithUnread = goldenTable(u"articles.csv"_s);
        QHash<QString, QByteArray> layers;
        for (const QString &table : { u"mentions.csv"_s, u"quotes.csv"_s, u"figures.csv"_s }) {
            QByteArray rows = goldenTable(table);
            if (rowless.contains(table)) {
                const QByteArray lead = "\r\n" + before.toUtf8() + ',';
                for (qsizetype at = rows.indexOf(lead); at >= 0; at = rows.indexOf(lead))
                    rows.remove(at + 2, rows.indexOf("\r\n", at + 2) - at);
            }
            layers.insert(table, rows);
        }
        const auto write = [&] {
            writeFile(dir, u"tables/articles.csv"_s, articles);
            for (auto it = layers.cbegin(); it != layers.cend(); ++it)
                writeFile(dir, u"tables/"_s + it.key(), it.value());
        };
        write();
        const FormatOptions cap { { u"maxLineBytes"_s, 4000 } };
        CsvFormat format;
        format.setOptions(cap);
        const auto expected = newProject(dir, u"expected"_s);
        QVERIFY2(format.read(*expected, folder, nullptr, {}), qPrintable(format.errorString()));

        // Then with them, each with a row in each of `tables`.
        QStringList reported;
        QByteArray badRows;
        for (const QString &key : unread) {
            badRows += bad == u"long"_s ? CsvCodec::record({ key, u"T"_s, {}, {}, {}, QString(5000, u'x') })
                                        : CsvCodec::record({ u"T"_s, {}, {}, {} });
        }
        const int badLine = insert(articlesWithUnread, placeOf(articlesWithUnread), badRows);
        articles = idLast(articlesWithUnread);
        reported << u"articles.csv:%1: "_s.arg(badLine);
        for (const QString &table : tables) {
            QByteArray &rows = layers[table];
            const qsizetype fields = rows.left(rows.indexOf("\r\n")).count(',') + 1;
            QByteArray mine;
            for (const QString &key : unread)
                mine += CsvCodec::record(QStringList { key } + QStringList(fields - 1, u"1"_s));
            const int line = insert(rows, placeOf(rows), mine);
            for (qsizetype i = 0; i < unread.size(); ++i)
                reported << u"%1:%2: its article was skipped"_s.arg(table).arg(line + i);
        }
        if (unread.size() > 1)
            reported.insert(1, u"articles.csv:%1: "_s.arg(badLine + 1));
        write();
        const auto refused = newProject(dir, u"refused"_s);
        QVERIFY(!format.read(*refused, folder, nullptr, {}));
        QVERIFY2(format.errorString().contains(reported.first()), qPrintable(format.errorString()));
        QCOMPARE(refused->articleCount(), 0);

        format.setOptions({ { u"maxLineBytes"_s, 4000 }, { u"skipBadRecords"_s, true } });
        const auto skipped = newProject(dir, u"skipped"_s);
        FormatReadReport report;
        QVERIFY2(format.read(*skipped, folder, &report, {}), qPrintable(format.errorString()));
        QCOMPARE(report.articles, 2);
        QCOMPARE(report.badRecords.size(), reported.size());
        for (const QString &place : std::as_const(reported)) {
            QVERIFY2(report.badRecords.filter(folder + u'/' + place).size() == 1,
                qPrintable(place + u" in:\n"_s + report.badRecords.join(u'\n')));
        }
        const QList<DatasetDocument> want = documentsByKey(*expected);
        const QList<DatasetDocument> got = documentsByKey(*skipped);
        QCOMPARE(got.size(), want.size());
        for (qsizetype i = 0; i < want.size(); ++i) {
            QCOMPARE(got.at(i).article.key, want.at(i).article.key);
            QCOMPARE(entityLines(got.at(i)), entityLines(want.at(i)));
            QCOMPARE(quoteLines(got.at(i)), quoteLines(want.at(i)));
            QCOMPARE(figureLines(got.at(i)), figureLines(want.at(i)));
        }
    }

    void testLongRecordIsSkippedWhenAsked()
    {
        // With skipBadRecords, a record over the cap is left out and reported; the rows after it
        // are read.
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"feed.csv"_s,
            "id,text\na,One.\nb,\"" + QByteArray(3 * 1024 * 1024, 'x') + "\"\nc,Three.\n");
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        format.setOptions({ { u"maxLineBytes"_s, 1024 * 1024 }, { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(format.read(*store, file, &report, {}), qPrintable(format.errorString()));
        QCOMPARE(report.articles, 2);
        QCOMPARE(report.badRecords,
            QStringList { file
                + u":3: the record is longer than 1 Mi characters, the most an importer reads "
                  "as one record"_s });
        QVERIFY(store->articleIdForKey(u"a"_s));
        QVERIFY(store->articleIdForKey(u"c"_s));
    }

    void testGigabyteFieldCostsOnlyTheCap()
    {
        // A real gigabyte in one quoted field, at the default cap: refused, passed over, and the
        // record after it read; memory grows by the cap's characters at most, never by the field.
        constexpr qint64 gigabyte = 1024LL * 1024 * 1024;
        GeneratedFile file("id,text\n1,\"", gigabyte, "\"\n2,Still read.\n");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const double peakBefore = residentMemory().second;
        CsvReader csv(file, u"huge.csv"_s, LineStream::defaultMaximumLength);
        QVERIFY2(csv.open(), qPrintable(csv.errorString()));
        QStringList fields;
        QVERIFY(csv.next(&fields));
        QCOMPARE(fields, (QStringList { u"id"_s, u"text"_s }));
        QVERIFY(csv.next(&fields));
        QVERIFY(csv.tooLong());
        QVERIFY(fields.isEmpty());
        QVERIFY2(
            csv.tooLongReason().contains(u"longer than 64 Mi characters"_s), qPrintable(csv.tooLongReason()));
        QVERIFY(csv.next(&fields));
        QVERIFY(!csv.tooLong());
        QCOMPARE(fields, (QStringList { u"2"_s, u"Still read."_s }));
        QCOMPARE(csv.line(), 3);
        QVERIFY(!csv.next(&fields));
        QVERIFY(csv.errorString().isEmpty());
        const double peakAfter = residentMemory().second;
        constexpr double capMegabytes = 2.0 * LineStream::defaultMaximumLength / (1024 * 1024); // UTF-16
        if (peakBefore > 0) // Linux: the peak grew by about the cap, not by the gigabyte
            QVERIFY2(peakAfter - peakBefore < 1.5 * capMegabytes,
                qPrintable(u"peak %1 MB -> %2 MB"_s.arg(peakBefore).arg(peakAfter)));
    }

    void testImportTakesEachArticleAsItComes()
    {
        // Progress once per article as it is stored, and a cancel, even after the last article,
        // takes nothing.
        QTemporaryDir dir;
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        QList<qint64> done;
        QVERIFY(!format.read(*store, data(u"formats/golden/csv"_s), nullptr, [&](qint64 articles, qint64) {
            done << articles;
            return articles < 2;
        }));
        QVERIFY2(format.errorString().contains(u"cancelled"_s), qPrintable(format.errorString()));
        QCOMPARE(done, (QList<qint64> { 1, 2 }));
        QCOMPARE(store->articleCount(), 0);
        QVERIFY(format.read(*store, data(u"formats/golden/csv"_s), nullptr, {}));
        QCOMPARE(store->articleCount(), 2);
    }

    void testSameTextTwiceIsTakenOnce()
    {
        QTemporaryDir dir;
        const QString file
            = writeFile(dir, u"feed.csv"_s, "id,text\na,Same words.\nb,Same words.\nc,Other.\n");
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        FormatReadReport report;
        QVERIFY2(format.read(*store, file, &report, {}), qPrintable(format.errorString()));
        QCOMPARE(report.articles, 2);
        QCOMPARE(report.skipped, 1);
        QVERIFY2(report.warnings.value(0).contains(u"feed.csv:3: the article b is already in the project"_s),
            qPrintable(report.warnings.join(u'\n')));
    }

    void testEncodingOfTheWholeFile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("last");
        QTest::addColumn<QString>("warning");
        // Past the first piece read: only a first pass over the whole file can tell.
        const QByteArray padding = "a," + QByteArray(2 * 1024 * 1024, 'p') + "\n";
        QTest::newRow("windows-1252-late") << "id,text\n" + padding + "b,Caf\xe9 \x93noir\x94.\n"
                                           << u"Café “noir”."_s << u"read as windows-1252"_s;
        // The pieces are 1 MiB: an emoji, then a CR LF inside a quoted field, cut by their ends.
        const QByteArray head = "id,text\n" + padding + "b,";
        const qsizetype emojiAt = 3 * 1024 * 1024 - 2;
        QTest::newRow("utf-8-cut-by-pieces")
            << head + QByteArray(emojiAt - head.size(), 'q') + "😀 Léa.\r\n"
            << QString(emojiAt - head.size(), u'q') + u"😀 Léa."_s << QString();
        const qsizetype crAt = 1024 * 1024 - 1;
        QTest::newRow("crlf-cut-by-pieces") << "id,text\na,\"" + QByteArray(crAt - 11, 'r') + "\r\nend\"\n"
                                            << QString(crAt - 11, u'r') + u"\nend"_s << QString();
        QString utf16 = u"id,text\r\na,Léa 😀.\r\n"_s;
        QByteArray utf16Bytes("\xFF\xFE");
        utf16Bytes.append(reinterpret_cast<const char *>(utf16.utf16()), utf16.size() * 2);
        QTest::newRow("utf-16-with-mark") << utf16Bytes << u"Léa 😀."_s << QString();
    }

    void testEncodingOfTheWholeFile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, warning);
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"feed.csv"_s, bytes);
        const auto store = newProject(dir, u"p"_s);
        CsvFormat format;
        FormatReadReport report;
        QVERIFY2(format.read(*store, file, &report, {}), qPrintable(format.errorString()));
        const QList<DatasetDocument> all = documents(*store);
        QTEST(all.last().article.text, "last");
        QCOMPARE(report.warnings.size(), warning.isEmpty() ? 0 : 1);
        if (!warning.isEmpty())
            QVERIFY2(report.warnings.first().contains(warning), qPrintable(report.warnings.first()));
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

// SPDX-License-Identifier: GPL-3.0-or-later
// Byline JSONL, the reference format: importing a file and exporting the project gives back the
// same bytes (the dev set, files with fields Byline does not model, other key orders); a bad
// record names its file, line and field and leaves the project untouched, or, with
// skipBadRecords, is left out and reported; a line over the length cap is refused unread.
#include "formatfixtures.h"
#include "formats/jsonlcodec.h"
#include "formats/linestream.h"

#include "residentmemory.h"

#include <QBuffer>

using namespace Byline;
using namespace Byline::FormatFixtures;
using namespace Qt::StringLiterals;

namespace {

QString jsonlData(const QString &name)
{
    return QStringLiteral(BYLINE_TEST_DATA) + u"/jsonl/"_s + name;
}

// Imports the bytes as a .jsonl file into a new project and exports it again.
QByteArray roundTrip(const QByteArray &input, QString *error)
{
    QTemporaryDir dir;
    const QString in = dir.filePath(u"in.jsonl"_s);
    const QString out = dir.filePath(u"out.jsonl"_s);
    auto store = newProject(dir, u"p.byline"_s);
    const auto format = FormatRegistry::create(u"jsonl");
    if (!writeFile(in, input) || !format->read(*store, in, nullptr, {}) || !format->write(*store, out, {})) {
        *error = format->errorString();
        return {};
    }
    return readFile(out);
}

// A file of any length that is never stored: a gigabyte line of one byte repeated, then lines.
class GeneratedFile final : public QIODevice {
public:
    GeneratedFile(qint64 longLineLength, QByteArray after)
        : m_longLineLength(longLineLength)
        , m_after(std::move(after))
    {
    }
    bool isSequential() const override { return true; }
    qint64 largestRead() const { return m_largestRead; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        m_largestRead = std::max(m_largestRead, maxSize);
        qint64 given = 0;
        if (m_position < m_longLineLength) {
            given = std::min(maxSize, m_longLineLength - m_position);
            std::memset(data, 'x', size_t(given));
        } else {
            const qint64 offset = m_position - m_longLineLength;
            given = std::min(maxSize, qint64(m_after.size()) - offset);
            if (given <= 0)
                return -1;
            std::memcpy(data, m_after.constData() + offset, size_t(given));
        }
        m_position += given;
        return given;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    const qint64 m_longLineLength;
    const QByteArray m_after;
    qint64 m_position = 0;
    qint64 m_largestRead = 0;
};

} // namespace

class TestFormatsJsonl final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testDevSetRoundTripIsByteIdentical_data()
    {
        QTest::addColumn<QByteArray>("line");
        // dev.jsonl is the dev gold (tests/data/eval), one article a line, as regenerate.sh
        // writes it; sample.jsonl has the statuses before the mentions and emoji before spans.
        for (const QString &file : QStringList {
                 jsonlData(u"dev.jsonl"_s), QStringLiteral(BYLINE_TEST_DATA) + u"/formats/sample.jsonl"_s }) {
            const QList<QByteArray> lines = readFile(file).split('\n');
            QVERIFY(lines.size() > 2);
            for (const QByteArray &line : lines) {
                if (line.isEmpty())
                    continue;
                QString error;
                const auto document = JsonlCodec::read(line, &error);
                QVERIFY2(document, qPrintable(error));
                QTest::addRow("%s/%s", qPrintable(QFileInfo(file).completeBaseName()),
                    qPrintable(document->article.key))
                    << line + '\n';
            }
        }
    }

    void testDevSetRoundTripIsByteIdentical()
    {
        // Checks every byte: key order, ids (E10 after E7 included), the gold's "note" and
        // "optional", null units, cues and speakers, number formats (2030, 0.0128, 3.5), text
        // escapes and code point offsets.
        QFETCH(QByteArray, line);
        QString error;
        const QByteArray written = roundTrip(line, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(written, line);
    }

    void testWholeDevFileRoundTrip()
    {
        // The same for the file at once: articles come back in file order.
        const QByteArray input = readFile(jsonlData(u"dev.jsonl"_s));
        QString error;
        QCOMPARE(roundTrip(input, &error), input);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void testUnmodelledFieldsRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("line");
        // unmodelled.jsonl: fields of other tools at every level (nested, numbers as written),
        // another tool's key order, ids other than the default ones with provenance and notes,
        // defaults written out ("title":"", "status":"manual", null values).
        const QList<QByteArray> lines = readFile(jsonlData(u"unmodelled.jsonl"_s)).split('\n');
        for (const QByteArray &line : lines) {
            if (line.isEmpty())
                continue;
            QString error;
            const auto document = JsonlCodec::read(line, &error);
            QVERIFY2(document, qPrintable(error));
            QTest::newRow(qPrintable(document->article.key)) << line;
        }
    }

    void testUnmodelledFieldsRoundTrip()
    {
        QFETCH(QByteArray, line);
        QString error;
        QCOMPARE(roundTrip(line + '\n', &error), line + '\n');
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void testUnmodelledFieldsAreStored()
    {
        // What the store does not model sits in the records' extra column, readable JSON.
        QTemporaryDir dir;
        const QString in = dir.filePath(u"in.jsonl"_s);
        QVERIFY(writeFile(in,
            R"({"id":"e","text":"Ana.","entities":[{"id":"ana","type":"PERSON","name":"Ana","mentions":[{"start":0,"end":3,"text":"Ana"}],"note":"n"}],"quotes":[],"figures":[],"lang":"pt"})"
            "\n"));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"jsonl");
        QVERIFY2(format->read(*store, in, nullptr, {}), qPrintable(format->errorString()));
        const QList<DatasetDocument> documents = projectDocuments(*store);
        QCOMPARE(documents.size(), 1);
        QCOMPARE(documents[0].article.extra, uR"({"lang":"pt"})"_s);
        QCOMPARE(documents[0].annotations.entities.size(), 1);
        QCOMPARE(documents[0].annotations.entities[0].extra, uR"({"id":"ana","note":"n"})"_s);
    }

    void testWorkAddedAfterImportIsExported_data()
    {
        QTest::addColumn<QByteArray>("line");
        // Records in another tool's key order, without the layers, the title or the statuses:
        // the writer follows the file's order, and must still write what was added since.
        QTest::newRow("bare-article")
            << QByteArray(R"({"text":"Ana Lima said 2,030 soldiers 🚩 left.","id":"a"})");
        QTest::newRow("empty-layers-other-order") << QByteArray(
            R"({"id":"a","figures":[],"text":"Ana Lima said 2,030 soldiers 🚩 left.","quotes":[],"entities":[]})");
        QTest::newRow("manual-entity-without-status") << QByteArray(
            R"({"id":"a","text":"Ana Lima said 2,030 soldiers 🚩 left.","entities":[{"name":"Ana Lima","mentions":[{"start":0,"end":8,"text":"Ana Lima"}],"type":"PERSON","id":"E1"}]})");
    }

    void testWorkAddedAfterImportIsExported()
    {
        QFETCH(QByteArray, line);
        QTemporaryDir dir;
        const QString in = dir.filePath(u"in.jsonl"_s);
        const QString out = dir.filePath(u"out.jsonl"_s);
        QVERIFY(writeFile(in, line + '\n'));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"jsonl");
        QVERIFY2(format->read(*store, in, nullptr, {}), qPrintable(format->errorString()));
        // Untouched, it comes back byte for byte.
        QVERIFY(format->write(*store, out, {}));
        QCOMPARE(readFile(out), line + '\n');

        // The analyst's work: a reviewed or new entity, a figure.
        const RecordId articleId = *store->articleIdForKey(u"a"_s);
        const AnnotationSet before = store->annotations(articleId);
        if (before.entities.isEmpty()) {
            Entity ana { .articleId = articleId, .name = u"Ana Lima"_s, .type = u"PERSON"_s };
            ana.mentions.append({ .span = { 0, 8 } });
            QVERIFY(store->insertEntity(ana));
        } else {
            Entity ana = before.entities.first();
            ana.provenance.status = AnnotationStatus::Rejected;
            QVERIFY(store->updateEntity(ana));
        }
        Figure figure { .articleId = articleId,
            .kind = u"count"_s,
            .span = { 14, 27 },
            .number = { 14, 19 },
            .value = 2030.0,
            .unit = u"soldiers"_s };
        QVERIFY(store->insertFigure(figure));

        QVERIFY(format->write(*store, out, {}));
        QString error;
        const auto exported = JsonlCodec::read(readFile(out).trimmed(), &error);
        QVERIFY2(exported, qPrintable(error));
        QCOMPARE(exported->annotations.entities.size(), 1);
        QCOMPARE(exported->annotations.entities.first().name, u"Ana Lima"_s);
        QCOMPARE(int(exported->annotations.entities.first().provenance.status),
            int(before.entities.isEmpty() ? AnnotationStatus::Manual : AnnotationStatus::Rejected));
        QCOMPARE(exported->annotations.figures.size(), 1);
        QCOMPARE(exported->annotations.figures.first().value, QVariant(2030.0));
        // And it reads back as it was written.
        auto reread = newProject(dir, u"q.byline"_s);
        QVERIFY2(format->read(*reread, out, nullptr, {}), qPrintable(format->errorString()));
        const QString second = dir.filePath(u"second.jsonl"_s);
        QVERIFY(format->write(*reread, second, {}));
        QCOMPARE(readFile(second), readFile(out));
    }

    void testBadRecord_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("message");
        const QByteArray head = R"({"id":"x","text":"Putin said: “No.” 😀 2 tanks")";
        const QByteArray putin
            = R"({"id":"E1","type":"PERSON","name":"Putin","mentions":[{"start":0,"end":5,"text":"Putin"}]})";
        QTest::newRow("truncated") << head.left(30) << u":2: text: the text ends inside a string"_s;
        QTest::newRow("not-an-object") << "[1,2]"_ba << u":2: not a JSON object"_s;
        QTest::newRow("offsets-outside")
            << head
                + R"(,"entities":[{"id":"E1","type":"PERSON","name":"P","mentions":[{"start":3,"end":90,"text":"x"}]}]})"
            << u":2: entities[0].mentions[0]: 3–90 lies outside the text (27 code points)"_s;
        QTest::newRow("negative-offset") << head
                + R"(,"entities":[{"id":"E1","type":"PERSON","name":"P","mentions":[{"start":-1,"end":2}]}]})"
                                         << u"entities[0].mentions[0]: -1–2 lies outside the text"_s;
        QTest::newRow("fractional-offset") << head
                + R"(,"entities":[{"id":"E1","type":"PERSON","name":"P","mentions":[{"start":1.5,"end":2}]}]})"
                                           << u"entities[0].mentions[0]: must be a whole number, not 1.5"_s;
        QTest::newRow("span-text-mismatch")
            << head
                + R"(,"entities":[],"quotes":[{"id":"Q1","kind":"direct","content":[{"start":12,"end":17,"text":"“Yes”"}],"cue":null,"source":null,"speaker":null}]})"
            << u":2: quotes[0].content[0].text \"“Yes”\" does not match the text at 12–17 (\"“No.”\")"_s;
        QTest::newRow("text-after-emoji-counted-in-code-points")
            << head
                + R"(,"figures":[{"id":"F1","kind":"count","span":{"start":21,"end":22,"text":"2"},"number":{"start":21,"end":22,"text":"2"},"value":2,"unit":"tanks"}]})"
            << u"figures[0].span.text \"2\" does not match the text at 21–22 (\" \")"_s;
        QTest::newRow("duplicate-entity-ids") << head + ",\"entities\":[" + putin + "," + putin + "]}"
                                              << u"entities[1].id: the id \"E1\" is used twice"_s;
        QTest::newRow("duplicate-keys")
            << R"({"id":"x","text":"a","text":"b"})"_ba << u":2: article: the key \"text\" comes twice"_s;
        QTest::newRow("unknown-label")
            << head + R"(,"entities":[{"id":"E1","type":"WIZARD","name":"P","mentions":[]}]})"
            << u":2: entities[0].type: unknown label WIZARD (the project knows"_s;
        QTest::newRow("unknown-figure-kind") << head
                + R"(,"figures":[{"id":"F1","kind":"rumour","span":{"start":20,"end":27},"number":{"start":20,"end":21},"value":2}]})"
                                             << u":2: figures[0].kind: unknown kind rumour"_s;
        QTest::newRow("unknown-quote-kind")
            << head + R"(,"quotes":[{"id":"Q1","kind":"shouted","content":[{"start":12,"end":17}]}]})"
            << u":2: quotes[0].kind: unknown kind \"shouted\""_s;
        QTest::newRow("unknown-status") << head
                + R"(,"entities":[{"id":"E1","type":"PERSON","name":"P","mentions":[],"status":"maybe"}]})"
                                        << u":2: entities[0].status: unknown status \"maybe\""_s;
        QTest::newRow("speaker-without-entity") << head
                + R"(,"quotes":[{"id":"Q1","kind":"direct","content":[{"start":12,"end":17}],"speaker":"E7"}]})"
                                                << u":2: quotes[0].speaker: no entity has the id \"E7\""_s;
        QTest::newRow("quote-without-content")
            << head + R"(,"quotes":[{"id":"Q1","kind":"direct","content":[]}]})"
            << u":2: quotes[0].content: a quote needs at least one part"_s;
        QTest::newRow("text-missing") << R"({"id":"x","entities":[]})"_ba << u":2: text: missing"_s;
        QTest::newRow("text-not-a-string") << R"({"id":"x","text":12})"_ba << u":2: text: must be a string"_s;
        QTest::newRow("layer-not-an-array")
            << head + R"(,"entities":{}})" << u":2: entities: must be an array"_s;
        QTest::newRow("control-character") << "{\"id\":\"x\",\"text\":\"a\tb\"}"_ba
                                           << u":2: text: a control character inside a string (at byte 20)"_s;
        QTest::newRow("bad-escape") << "{\"id\":\"x\",\"text\":\"a\\qb\"}"_ba
                                    << u":2: text: an unknown escape"_s;
        QTest::newRow("half-surrogate")
            << "{\"id\":\"x\",\"text\":\"a\\ud83d\"}"_ba << u"half a surrogate pair"_s;
        QTest::newRow("nested-too-deep")
            << R"({"id":"x","text":"a","deep":)"_ba + QByteArray(200, '[') + QByteArray(200, ']') + "}"
            << u":2: deep: nested deeper than 64 levels"_s;
        QTest::newRow("trailing-garbage")
            << R"({"id":"x","text":"a"} {})"_ba << u":2: line: more after the article's object"_s;
        QTest::newRow("trailing-comma")
            << R"({"id":"x","text":"a","entities":[],})"_ba << u":2: article: \"\"\" expected"_s;
        QTest::newRow("same-article-id-twice") << R"({"id":"good","text":"Other text."})"_ba
                                               << u":2: id: the article id good comes twice in the file"_s;
    }

    void testBadRecord()
    {
        // The record is the second line after a good one: the good one is not taken either,
        // and the message names the file, the line and the field.
        QFETCH(QByteArray, record);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.jsonl"_s);
        const QByteArray good = R"({"id":"good","text":"Fine.","entities":[],"quotes":[],"figures":[]})";
        QVERIFY(writeFile(path, good + '\n' + record + '\n'));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"jsonl");
        QVERIFY(!format->read(*store, path, nullptr, {}));
        QVERIFY2(format->errorString().startsWith(path + u":2: "_s), qPrintable(format->errorString()));
        QVERIFY2(format->errorString().contains(message), qPrintable(format->errorString()));
        QCOMPARE(store->articleCount(), 0);

        // Skipping bad records takes the good one and says what it left out.
        format->setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(format->read(*store, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, 1);
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords[0].contains(message), qPrintable(report.badRecords[0]));
        QCOMPARE(store->articleCount(), 1);
        QVERIFY(store->articleIdForKey(u"good"_s));
    }

    void testSkipBadRecordsKeepsEveryGoodOne()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"mixed.jsonl"_s);
        QVERIFY(writeFile(path,
            R"({"id":"a","text":"One."})"
            "\n"
            R"({"id":"b","text":"Two.","entities":[{"id":"E1","type":"ALIEN","name":"x","mentions":[]}]})"
            "\n"
            "\n"
            R"({"id":"c","text":"Three."})"
            "\n"
            R"({"id":"d","text":)"
            "\n"
            R"({"id":"e","text":"Five."})"));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"jsonl");
        format->setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(format->read(*store, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, 3);
        QCOMPARE(report.badRecords.size(), 2);
        QVERIFY2(report.badRecords[0].startsWith(path + u":2: entities[0].type"_s),
            qPrintable(report.badRecords[0]));
        QVERIFY2(report.badRecords[1].startsWith(path + u":5: text:"_s), qPrintable(report.badRecords[1]));
        for (const QString &key : { u"a"_s, u"c"_s, u"e"_s })
            QVERIFY(store->articleIdForKey(key));
    }

    void testLongLineIsRefusedUnread_data()
    {
        QTest::addColumn<bool>("skipBadRecords");
        QTest::newRow("fail") << false;
        QTest::newRow("skip") << true;
    }

    void testLongLineIsRefusedUnread()
    {
        // A line of 3 MiB against a cap of 1 MiB stands for a 1 GB line against the default
        // 64 MiB: the line is never held whole, and the file's other lines still read.
        QFETCH(bool, skipBadRecords);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"long.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"id":"a","text":"One."})"
                   "\n"
                   "{\"id\":\"b\",\"text\":\"");
        const QByteArray chunk(64 * 1024, 'x');
        for (int i = 0; i < 48; ++i)
            file.write(chunk);
        file.write("\"}\n"
                   R"({"id":"c","text":"Three."})"
                   "\n");
        file.close();
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"jsonl");
        format->setOptions({ { u"maxLineBytes"_s, 1024 * 1024 }, { u"skipBadRecords"_s, skipBadRecords } });
        FormatReadReport report;
        const QString message = path + u":2: the line is longer than 1 MiB"_s;
        if (!skipBadRecords) {
            QVERIFY(!format->read(*store, path, &report, {}));
            QVERIFY2(format->errorString().startsWith(message), qPrintable(format->errorString()));
            QCOMPARE(store->articleCount(), 0);
            return;
        }
        QVERIFY2(format->read(*store, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, 2);
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords[0].startsWith(message), qPrintable(report.badRecords[0]));
    }

    void testGigabyteLineCostsOnlyTheCap()
    {
        // A real gigabyte without a line feed, at the default cap: refused, passed over, and the
        // record after it read; memory grows by the cap at most, never by the line.
        constexpr qint64 gigabyte = 1024LL * 1024 * 1024;
        GeneratedFile file(gigabyte, "\n{\"id\":\"after\",\"text\":\"Still read.\"}\n");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const double peakBefore = residentMemory().second;
        LineStream stream(file);
        const auto refused = stream.next();
        QVERIFY(refused);
        QVERIFY(stream.tooLong());
        QVERIFY(stream.tooLongReason().contains(u"longer than 64 MiB"_s));
        const auto after = stream.next();
        QVERIFY(after);
        QVERIFY(!stream.tooLong());
        QCOMPARE(stream.lineNumber(), 2);
        QString error;
        const auto document = JsonlCodec::read(*after, &error);
        QVERIFY2(document, qPrintable(error));
        QCOMPARE(document->article.key, u"after"_s);
        QVERIFY(!stream.next());
        QVERIFY(stream.position() > gigabyte);
        QVERIFY(file.largestRead() <= LineStream::defaultMaximumLength + 1);
        const double peakAfter = residentMemory().second;
        if (peakBefore > 0) // Linux: the peak grew by about the cap, not by the gigabyte
            QVERIFY2(peakAfter - peakBefore < 2.5 * LineStream::defaultMaximumLength / (1024 * 1024),
                qPrintable(u"peak %1 MB -> %2 MB"_s.arg(peakBefore).arg(peakAfter)));
    }

    void testLineStream_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addColumn<QList<bool>>("tooLong");
        QTest::newRow("crlf-and-no-final-feed")
            << "a\r\nbb\n\nccc"_ba << QList<QByteArray> { "a", "bb", "", "ccc" }
            << QList<bool> { false, false, false, false };
        QTest::newRow("long-line-in-the-middle")
            << "a\n" + QByteArray(40, 'x') + "\nb\n"
            << QList<QByteArray> { "a", "", "b" } << QList<bool> { false, true, false };
        QTest::newRow("long-last-line")
            << "a\n" + QByteArray(40, 'x') << QList<QByteArray> { "a", "" } << QList<bool> { false, true };
        QTest::newRow("exactly-the-cap")
            << QByteArray(16, 'y') << QList<QByteArray> { QByteArray(16, 'y') } << QList<bool> { false };
    }

    void testLineStream()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QList<QByteArray>, lines);
        QFETCH(QList<bool>, tooLong);
        QBuffer buffer(&bytes);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        LineStream stream(buffer, 16);
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const auto line = stream.next();
            QVERIFY(line);
            QCOMPARE(line->toByteArray(), lines[i]);
            QCOMPARE(stream.tooLong(), tooLong[i]);
            QCOMPARE(stream.lineNumber(), i + 1);
        }
        QVERIFY(!stream.next());
    }
};

QTEST_GUILESS_MAIN(TestFormatsJsonl)
#include "tst_formats_jsonl.moc"

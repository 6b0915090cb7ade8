// SPDX-License-Identifier: GPL-3.0-or-later
// doccano JSONL: the golden export of the fixture articles, the round trip of what the
// format carries (code point offsets after emoji included), and hostile files that must
// leave the project untouched with an error naming the file, line and field; a gigabyte line
// is passed over unread, at the cost of the line cap.
#include "formatfixtures.h"
#include "formats/linestream.h"
#include "residentmemory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Byline;
using namespace Byline::FormatFixtures;
using namespace Qt::StringLiterals;

class TestFormatsDoccano final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testRegistry()
    {
        const auto format = FormatRegistry::create(u"doccano");
        QVERIFY(format);
        QCOMPARE(format->capabilities(),
            DatasetFormat::CanRead | DatasetFormat::CanWrite | DatasetFormat::ChoosesOffsetUnit);
        QVERIFY(FormatRegistry::shortNames(DatasetFormat::CanRead).contains(u"doccano"_s));
        QVERIFY(!format->limitations().isEmpty());
        // .jsonl stays Byline's own format unless doccano is asked for by name.
        QCOMPARE(FormatRegistry::forFileName(u"a.jsonl"_s, DatasetFormat::CanRead)->shortName(), u"jsonl"_s);
    }

    void testGolden()
    {
        QTemporaryDir dir;
        auto store = fixtureProject(dir);
        QVERIFY(store);
        const auto format = FormatRegistry::create(u"doccano");
        const QString out = dir.filePath(u"out.jsonl"_s);
        QVERIFY2(format->write(*store, out, {}), qPrintable(format->errorString()));
        compareGolden(readFile(out), u"expected.doccano.jsonl"_s);
    }

    void testCodePointOffsets()
    {
        // The emoji article: 😀 and 🇺🇦 come before "Kyiv", which starts at code point 15
        // (UTF-16 unit 18).
        QTemporaryDir dir;
        auto store = fixtureProject(dir);
        QVERIFY(store);
        const auto format = FormatRegistry::create(u"doccano");
        const QString out = dir.filePath(u"out.jsonl"_s);
        QVERIFY(format->write(*store, out, {}));
        const QList<QByteArray> lines = readFile(out).trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject emoji = QJsonDocument::fromJson(lines.at(1)).object();
        const QJsonObject first = emoji.value("entities"_L1).toArray().first().toObject();
        QCOMPARE(first.value("label"_L1).toString(), u"GPE"_s);
        QCOMPARE(first.value("start_offset"_L1).toInt(), 15);
        QCOMPARE(first.value("end_offset"_L1).toInt(), 19);
    }

    void testRoundTrip()
    {
        QTemporaryDir dir;
        auto original = fixtureProject(dir);
        QVERIFY(original);
        const auto format = FormatRegistry::create(u"doccano");
        const QString out = dir.filePath(u"out.jsonl"_s);
        QVERIFY(format->write(*original, out, {}));
        auto reread = newProject(dir, u"back.byline"_s);
        FormatReadReport report;
        QVERIFY2(format->read(*reread, out, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, 2);

        const QList<DatasetDocument> before = projectDocuments(*original);
        const QList<DatasetDocument> after = projectDocuments(*reread);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(after.at(i).article.key, before.at(i).article.key);
            QCOMPARE(after.at(i).article.title, before.at(i).article.title);
            QCOMPARE(after.at(i).article.text, before.at(i).article.text);
            QCOMPARE(
                carriedBySpanLabels(after.at(i).annotations), carriedBySpanLabels(before.at(i).annotations));
        }
        // The figure's value comes back from its number, the entity's name from its first
        // mention, and what came from a file made by hand counts as manual work.
        const AnnotationSet &emoji = after.at(1).annotations;
        QCOMPARE(emoji.figures.first().value.toDouble(), 2030.0);
        QCOMPARE(emoji.entities.at(1).name, u"Olena Zelenska"_s);
        QVERIFY(emoji.entities.at(1).provenance.status == AnnotationStatus::Manual);

        // Read twice: the articles are there already and are skipped.
        QVERIFY(format->read(*reread, out, &report, {}));
        QCOMPARE(report.articles, 0);
        QCOMPARE(report.skipped, 2);
    }

    void testHostile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        const QByteArray good = "{\"id\":1,\"text\":\"Putin said "
                                "so.\",\"entities\":[{\"id\":1,\"label\":\"PERSON\",\"start_offset\":0,\"end_"
                                "offset\":5}],\"relations\":[]}"
                                "\n";
        QTest::newRow("truncated-json")
            << good + "{\"id\":2,\"text\":\"Putin said" << u":2: not a JSON object"_s;
        QTest::newRow("offsets-out-of-range") << good
                + "{\"text\":\"Putin.\",\"entities\":[{\"id\":1,\"label\":\"PERSON\",\"start_offset\":0,"
                  "\"end_offset\":60}]}" << u":2: entities[0]: offsets [0, 60) lie outside the text"_s;
        QTest::newRow("unknown-label") << good
                + "{\"text\":\"Putin.\",\"entities\":[{\"id\":1,\"label\":\"WIZARD\",\"start_offset\":0,"
                  "\"end_offset\":5}]}" << u"unknown label \"WIZARD\""_s;
        QTest::newRow("duplicate-ids") << good
                + "{\"text\":\"Putin.\",\"entities\":[{\"id\":1,\"label\":\"PERSON\",\"start_offset\":0,"
                  "\"end_offset\":5},{\"id\":1,\"label\":\"PERSON\",\"start_offset\":0,\"end_offset\":2}]}"
                                       << u"the span id 1 is used twice"_s;
        QTest::newRow("relation-to-nothing") << good
                + "{\"text\":\"Putin.\",\"entities\":[{\"id\":1,\"label\":\"PERSON\",\"start_offset\":0,"
                  "\"end_offset\":5}],\"relations\":[{\"id\":1,\"from_id\":1,\"to_id\":9,\"type\":\"coref\"}]"
                  "}" << u"names a span that does not exist"_s;
        QTest::newRow("relation-between-wrong-labels") << good
                + "{\"text\":\"Putin "
                  "said.\",\"entities\":[{\"id\":1,\"label\":\"PERSON\",\"start_offset\":0,\"end_offset\":5},"
                  "{\"id\":2,\"label\":\"CUE\",\"start_offset\":6,\"end_offset\":10}],\"relations\":[{\"id\":"
                  "1,\"from_id\":1,\"to_id\":2,\"type\":\"cue\"}]}"
                                                       << u"does not fit the labels"_s;
        QTest::newRow("quote-parts-in-a-circle") << good
                + "{\"text\":\"A b "
                  "c.\",\"entities\":[{\"id\":1,\"label\":\"QUOTE_DIRECT\",\"start_offset\":0,\"end_offset\":"
                  "1},{\"id\":2,\"label\":\"QUOTE_DIRECT\",\"start_offset\":2,\"end_offset\":3}],"
                  "\"relations\":[{\"id\":1,\"from_id\":1,\"to_id\":2,\"type\":\"continues\"},{\"id\":2,"
                  "\"from_id\":2,\"to_id\":1,\"type\":\"continues\"}]}"
                                                 << u"linked in a circle"_s;
        QTest::newRow("text-missing") << good + "{\"entities\":[]}" << u":2: text: missing"_s;
    }

    void testHostile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.jsonl"_s);
        QVERIFY(writeFile(path, content));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"doccano");
        QVERIFY(!format->read(*store, path, nullptr, {}));
        QVERIFY2(format->errorString().contains(message), qPrintable(format->errorString()));
        QVERIFY2(format->errorString().contains(path), qPrintable(format->errorString()));
        // The good first line is not imported either.
        QCOMPARE(store->articleCount(), 0);

        // Skipping bad records takes the good line and reports the bad one.
        format->setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(format->read(*store, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, 1);
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords[0].contains(message), qPrintable(report.badRecords[0]));
        QCOMPARE(store->articleCount(), 1);
    }

    void testGigabyteLineIsRefusedUnread_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("takenWhenSkipping");
        QTest::newRow("gigabyte-text-on-the-first-line")
            << "{\"text\":\""_ba << "\"}\n"_ba << u":1: the line is longer than 64 MiB"_s << 0;
        QTest::newRow("gigabyte-line-between-good-ones")
            << "{\"text\":\"Before.\"}\n{\"text\":\""_ba << "\"}\n{\"text\":\"After.\"}\n"_ba
            << u":2: the line is longer than 64 MiB"_s << 2;
        QTest::newRow("gigabyte-last-line-without-a-line-feed")
            << "{\"text\":\"Before.\"}\n{\"text\":\""_ba << "\"}"_ba
            << u":2: the line is longer than 64 MiB"_s << 1;
    }

    void testGigabyteLineIsRefusedUnread()
    {
        // A gigabyte of zero bytes inside a string, in a sparse file: the line is read through to
        // its end without being kept, so memory grows by the line cap, never by the gigabyte.
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, tail);
        QFETCH(QString, message);
        QFETCH(int, takenWhenSkipping);
        constexpr qint64 gigabyte = 1024LL * 1024 * 1024;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"huge.jsonl"_s);
        QVERIFY(writeSparseFile(path, head, gigabyte, tail));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"doccano");
        resetPeakMemory();
        const double peakBefore = residentMemory().second;
        QVERIFY(!format->read(*store, path, nullptr, {}));
        const double peakAfter = residentMemory().second;
        QVERIFY2(format->errorString().startsWith(path + message), qPrintable(format->errorString()));
        QCOMPARE(store->articleCount(), 0);
        QVERIFY2(peakAfter - peakBefore < 2.5 * LineStream::defaultMaximumLength / (1024 * 1024),
            qPrintable(u"peak %1 MB -> %2 MB"_s.arg(peakBefore).arg(peakAfter)));

        format->setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(format->read(*store, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, takenWhenSkipping);
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords[0].startsWith(path + message), qPrintable(report.badRecords[0]));
        QCOMPARE(store->articleCount(), takenWhenSkipping);
    }

    void testStatusOption_data()
    {
        QTest::addColumn<QVariantMap>("options");
        QTest::addColumn<QString>("status");
        QTest::newRow("people's work by default") << QVariantMap() << u"manual"_s;
        QTest::newRow("an extractor's, to review") << QVariantMap { { u"status"_s, u"auto"_s } } << u"auto"_s;
        QTest::newRow("accepted") << QVariantMap { { u"status"_s, u"accepted"_s } } << u"accepted"_s;
    }

    void testStatusOption()
    {
        QFETCH(QVariantMap, options);
        QFETCH(QString, status);
        QTemporaryDir dir;
        const QString in = dir.filePath(u"in.jsonl"_s);
        QVERIFY(writeFile(in,
            "{\"id\":1,\"text\":\"Putin met Biden.\",\"entities\":[{\"id\":1,\"label\":\"PERSON\","
            "\"start_offset\":0,\"end_offset\":5}],\"relations\":[]}\n"));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"doccano");
        format->setOptions(options);
        QVERIFY2(format->read(*store, in, nullptr, {}), qPrintable(format->errorString()));
        const QList<DatasetDocument> documents = projectDocuments(*store);
        QCOMPARE(documents.size(), 1);
        const Entity entity = documents.first().annotations.entities.first();
        QCOMPARE(toString(entity.provenance.status), status);
        QCOMPARE(toString(entity.mentions.first().provenance.status), status);
    }

    void testUnknownStatusImportsNothing()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(u"in.jsonl"_s);
        QVERIFY(writeFile(in, "{\"id\":1,\"text\":\"Putin.\",\"entities\":[]}\n"));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"doccano");
        format->setOptions({ { u"status"_s, u"maybe"_s } });
        QVERIFY(!format->read(*store, in, nullptr, {}));
        QCOMPARE(format->errorString(), u"unknown status maybe"_s);
        QCOMPARE(store->articleCount(), 0);
    }

    void testRejectedSuggestionsAreLeftOut()
    {
        // doccano has no statuses: a rejected suggestion would come back as manual work.
        QTemporaryDir dir;
        const QString in = dir.filePath(u"in.jsonl"_s);
        QVERIFY(writeFile(in,
            "{\"id\":\"a\",\"text\":\"Putin met Biden.\",\"entities\":["
            "{\"id\":\"E1\",\"type\":\"PERSON\",\"name\":\"Putin\",\"mentions\":[{\"start\":0,\"end\":5}]},"
            "{\"id\":\"E2\",\"type\":\"PERSON\",\"name\":\"Biden\",\"status\":\"rejected\","
            "\"mentions\":[{\"start\":10,\"end\":15}]}]}\n"));
        auto store = newProject(dir, u"p.byline"_s);
        QVERIFY(FormatRegistry::create(u"jsonl")->read(*store, in, nullptr, {}));
        const auto format = FormatRegistry::create(u"doccano");
        const QString out = dir.filePath(u"out.jsonl"_s);
        QVERIFY(format->write(*store, out, {}));
        const QJsonArray entities
            = QJsonDocument::fromJson(readFile(out)).object().value("entities"_L1).toArray();
        QCOMPARE(entities.size(), 1);
        QCOMPARE(entities.first().toObject().value("end_offset"_L1).toInt(), 5);
    }

    void testCancelledExportLeavesNoFile()
    {
        QTemporaryDir dir;
        auto store = fixtureProject(dir);
        const auto format = FormatRegistry::create(u"doccano");
        const QString out = dir.filePath(u"out.jsonl"_s);
        QVERIFY(!format->write(*store, out, [](qint64, qint64) { return false; }));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestFormatsDoccano)
#include "tst_formats_doccano.moc"

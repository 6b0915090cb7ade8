// SPDX-License-Identifier: GPL-3.0-or-later
// Label Studio JSON: the golden export, offsets in UTF-16 units as Label Studio counts them,
// the round trip of what the format carries, predictions read as suggestions, and hostile
// files that leave the project untouched with an error naming the file and the result item;
// a gigabyte task is refused without being copied or parsed, and the tasks are split from the
// file through a window of fixed size, whatever the file's size.
#include "formatfixtures.h"
#include "residentmemory.h"

#include "formats/jsonarrayscanner.h"
#include "formats/labelstudioformat.h"
#include "formats/linestream.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Byline;
using namespace Byline::FormatFixtures;
using namespace Qt::StringLiterals;

namespace {

QJsonObject region(
    const QString &id, qint64 start, qint64 end, const QString &label, const QString &text = {})
{
    QJsonObject value { { "start"_L1, start }, { "end"_L1, end }, { "labels"_L1, QJsonArray { label } } };
    if (!text.isNull())
        value.insert("text"_L1, text);
    return { { "id"_L1, id }, { "from_name"_L1, u"label"_s }, { "to_name"_L1, u"text"_s },
        { "type"_L1, u"labels"_s }, { "value"_L1, value } };
}

QJsonObject relation(const QString &from, const QString &to, const QString &label)
{
    return { { "type"_L1, u"relation"_s }, { "from_id"_L1, from }, { "to_id"_L1, to },
        { "labels"_L1, QJsonArray { label } } };
}

QByteArray tasks(const QString &text, const QJsonArray &result, const QString &where = u"annotations"_s)
{
    const QJsonObject good { { "data"_L1, QJsonObject { { "text"_L1, u"Putin said so."_s } } },
        { "annotations"_L1,
            QJsonArray {
                QJsonObject { { "result"_L1, QJsonArray { region(u"a"_s, 0, 5, u"PERSON"_s) } } } } } };
    const QJsonObject task { { "data"_L1, QJsonObject { { "text"_L1, text } } },
        { where, QJsonArray { QJsonObject { { "result"_L1, result } } } } };
    return QJsonDocument(QJsonArray { good, task }).toJson();
}

} // namespace

class TestFormatsLabelStudio final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testRegistry()
    {
        const auto format = FormatRegistry::create(u"labelstudio");
        QVERIFY(format);
        QCOMPARE(format->capabilities(), DatasetFormat::CanRead | DatasetFormat::CanWrite);
        QVERIFY(
            FormatRegistry::fileFilters(DatasetFormat::CanRead).contains(u"Label Studio JSON (*.json)"_s));
        const QString config = LabelStudioFormat::labelConfig({ u"PERSON"_s });
        QVERIFY(config.contains(u"<Label value=\"QUOTE_DIRECT\"/>"_s));
        QVERIFY(config.contains(u"<Relation value=\"speaker\"/>"_s));
    }

    void testGolden()
    {
        QTemporaryDir dir;
        auto store = fixtureProject(dir);
        QVERIFY(store);
        const auto format = FormatRegistry::create(u"labelstudio");
        const QString out = dir.filePath(u"out.json"_s);
        QVERIFY2(format->write(*store, out, {}), qPrintable(format->errorString()));
        compareGolden(readFile(out), u"expected.labelstudio.json"_s);
    }

    void testUtf16Offsets()
    {
        // "Kyiv" starts at code point 15 but UTF-16 unit 18: 😀 and the two regional
        // indicators of 🇺🇦 take two units each, as in JavaScript.
        QTemporaryDir dir;
        auto store = fixtureProject(dir);
        QVERIFY(store);
        const auto format = FormatRegistry::create(u"labelstudio");
        const QString out = dir.filePath(u"out.json"_s);
        QVERIFY(format->write(*store, out, {}));
        const QJsonArray all = QJsonDocument::fromJson(readFile(out)).array();
        QCOMPARE(all.size(), 2);
        const QJsonObject task = all.at(1).toObject();
        const QString text = task.value("data"_L1).toObject().value("text"_L1).toString();
        const QJsonObject value = task.value("annotations"_L1)
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value("result"_L1)
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value("value"_L1)
                                      .toObject();
        QCOMPARE(value.value("start"_L1).toInt(), 18);
        QCOMPARE(value.value("end"_L1).toInt(), 22);
        QCOMPARE(text.mid(18, 4), u"Kyiv"_s);
        QCOMPARE(value.value("text"_L1).toString(), u"Kyiv"_s);
    }

    void testRoundTrip()
    {
        QTemporaryDir dir;
        auto original = fixtureProject(dir);
        QVERIFY(original);
        const auto format = FormatRegistry::create(u"labelstudio");
        const QString out = dir.filePath(u"out.json"_s);
        QVERIFY(format->write(*original, out, {}));
        auto reread = newProject(dir, u"back.byline"_s);
        FormatReadReport report;
        QVERIFY2(format->read(*reread, out, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, 2);
        QVERIFY2(report.warnings.isEmpty(), qPrintable(report.warnings.join(u'\n')));
        const QList<DatasetDocument> before = projectDocuments(*original);
        const QList<DatasetDocument> after = projectDocuments(*reread);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(after.at(i).article.key, before.at(i).article.key);
            QCOMPARE(after.at(i).article.published, before.at(i).article.published);
            QCOMPARE(after.at(i).article.text, before.at(i).article.text);
            QCOMPARE(
                carriedBySpanLabels(after.at(i).annotations), carriedBySpanLabels(before.at(i).annotations));
        }
    }

    void testPredictionsAreSuggestions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"in.json"_s);
        QVERIFY(writeFile(path,
            tasks(u"😀 Putin said it."_s, { region(u"p"_s, 3, 8, u"PERSON"_s, u"Putin"_s) },
                u"predictions"_s)));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"labelstudio");
        QVERIFY2(format->read(*store, path, nullptr, {}), qPrintable(format->errorString()));
        const QList<DatasetDocument> documents = projectDocuments(*store);
        QCOMPARE(documents.size(), 2);
        const Entity putin = documents.at(1).annotations.entities.first();
        QVERIFY(putin.provenance.status == AnnotationStatus::Auto);
        QCOMPARE(putin.mentions.first().span, (Span { 3, 8 }));
    }

    void testBracketsAndEscapesInsideStrings_data()
    {
        QTest::addColumn<QString>("text");
        const QString text = u"He wrote \"]}, [{\\\" 😀 Putin said it."_s;
        QTest::newRow("in one window") << text;
        // Through the format, cut by windows of the default size: a task of a few windows.
        QTest::newRow("across windows") << QString(3 * JsonArrayScanner::defaultWindow, u'x') + text;
    }

    void testBracketsAndEscapesInsideStrings()
    {
        // Tasks are split from the array before parsing: brackets, commas and escaped quotes
        // inside strings must not end a task.
        QFETCH(QString, text);
        const qsizetype at = text.indexOf(u"Putin"_s);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"in.json"_s);
        QVERIFY(writeFile(path, tasks(text, { region(u"p"_s, at, at + 5, u"PERSON"_s, u"Putin"_s) })));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"labelstudio");
        QVERIFY2(format->read(*store, path, nullptr, {}), qPrintable(format->errorString()));
        const QList<DatasetDocument> documents = projectDocuments(*store);
        QCOMPARE(documents.size(), 2);
        QCOMPARE(documents.at(1).article.text, text);
        QCOMPARE(documents.at(1).annotations.entities.first().mentions.first().span, (Span { at, at + 5 }));
    }

    void testTasksAcrossWindows_data()
    {
        QTest::addColumn<qsizetype>("window");
        // Every cut: the byte order mark, an escape and its quotation mark, a string's brackets
        // and commas, an emoji's bytes and the comma between tasks each fall on a window's end.
        for (const qsizetype window : { 1, 2, 3, 5, 7, 16, 64, 1024 })
            QTest::addRow("window-%lld", qlonglong(window)) << window;
    }

    void testTasksAcrossWindows()
    {
        // A task cut by windows is carried across them and comes out whole, as from one window.
        QFETCH(qsizetype, window);
        const QString text = u"He wrote \"]}, [{\\\" 😀 Putin said it."_s;
        const qsizetype at = text.indexOf(u"Putin"_s);
        const QByteArray file = "\xEF\xBB\xBF \r\n"
            + tasks(text, { region(u"p"_s, at, at + 5, u"PERSON"_s, u"Putin"_s) })
                  .replace("},\n", "} \t,\r\n  ");
        const auto elements = [&](qsizetype size, qsizetype maximum) {
            QBuffer device;
            device.setData(file);
            device.open(QIODevice::ReadOnly);
            JsonArrayScanner scanner(device, maximum, size);
            QStringList all;
            if (!scanner.isArray())
                return QStringList { u"not an array"_s };
            while (const auto element = scanner.next())
                all << (scanner.tooLong() ? u"too long"_s : QString::fromUtf8(*element));
            if (!scanner.errorString().isEmpty())
                all << scanner.errorString();
            return all;
        };
        const QStringList whole = elements(file.size(), file.size());
        QCOMPARE(whole.size(), 2);
        QCOMPARE(
            QJsonDocument::fromJson(whole.at(1).toUtf8()).object().value("data"_L1)["text"_L1].toString(),
            text);
        QCOMPARE(elements(window, file.size()), whole);
        // Capped below the second task's length, the second alone is refused, in any window.
        QCOMPARE(
            elements(window, whole.at(1).toUtf8().size() - 1), (QStringList { whole.at(0), u"too long"_s }));
    }

    void testCodePointOffsetsAreRecognised()
    {
        // A file whose offsets count code points (some Label Studio versions do): the region's
        // text tells which, and the import says so.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"in.json"_s);
        QVERIFY(writeFile(
            path, tasks(u"😀 Putin said it."_s, { region(u"p"_s, 2, 7, u"PERSON"_s, u"Putin"_s) })));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"labelstudio");
        FormatReadReport report;
        QVERIFY2(format->read(*store, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.warnings.size(), 1);
        QVERIFY(report.warnings.first().contains(u"code points"_s));
        QCOMPARE(projectDocuments(*store).at(1).annotations.entities.first().mentions.first().span,
            (Span { 3, 8 }));
    }

    void testHostile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        const QString text = u"😀 Putin said it."_s;
        QTest::newRow("truncated-json")
            << tasks(text, {}).chopped(20) << u"not JSON: the file ends inside element 1"_s;
        QTest::newRow("broken-task") << tasks(text, {}).replace("\"data\"", "\"data\" 12")
                                     << u"tasks[0]: not JSON"_s;
        QTest::newRow("not-tasks") << QByteArray("{\"hello\": 1}") << u"not a Label Studio export"_s;
        QTest::newRow("offsets-out-of-range")
            << tasks(text, { region(u"p"_s, 3, 80, u"PERSON"_s) })
            << u"tasks[1].annotations[0].result[0].value: [3, 80) lies outside"_s;
        QTest::newRow("splits-a-surrogate-pair")
            << tasks(text, { region(u"p"_s, 1, 8, u"PERSON"_s) }) << u"splits a character"_s;
        QTest::newRow("text-mismatch") << tasks(text, { region(u"p"_s, 3, 8, u"PERSON"_s, u"Biden"_s) })
                                       << u"result[0].value.text \"Biden\" does not match the text at 3–8"_s;
        QTest::newRow("duplicate-ids")
            << tasks(text, { region(u"p"_s, 3, 8, u"PERSON"_s), region(u"p"_s, 9, 13, u"CUE"_s) })
            << u"result[1].id: missing or used twice"_s;
        QTest::newRow("unknown-label")
            << tasks(text, { region(u"p"_s, 3, 8, u"WIZARD"_s) }) << u"unknown label \"WIZARD\""_s;
        QTest::newRow("relation-to-nothing")
            << tasks(text, { region(u"p"_s, 3, 8, u"PERSON"_s), relation(u"p"_s, u"zz"_s, u"coref"_s) })
            << u"result[1]: the relation links \"p\" to \"zz\""_s;
        QTest::newRow("text-missing")
            << QJsonDocument(QJsonArray { QJsonObject { { "data"_L1, QJsonObject {} } } }).toJson()
            << u"tasks[0].data.text: missing"_s;
    }

    void testHostile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.json"_s);
        QVERIFY(writeFile(path, content));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"labelstudio");
        QVERIFY(!format->read(*store, path, nullptr, {}));
        QVERIFY2(format->errorString().contains(message), qPrintable(format->errorString()));
        QVERIFY2(format->errorString().contains(path), qPrintable(format->errorString()));
        QCOMPARE(store->articleCount(), 0);

        // A bad task is left out when bad records are skipped, and the good one before it (when
        // there is one) taken; a file that is not a list of tasks still fails.
        const bool badTask = format->errorString().contains(u"tasks["_s);
        const int goodTasks = format->errorString().contains(u"tasks[1]"_s) ? 1 : 0;
        format->setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QCOMPARE(format->read(*store, path, &report, {}), badTask);
        if (!badTask)
            return;
        QCOMPARE(report.articles, goodTasks);
        QVERIFY(!report.badRecords.isEmpty()); // broken-task breaks every task of the file
        QVERIFY2(report.badRecords[0].contains(message), qPrintable(report.badRecords[0]));
        QCOMPARE(store->articleCount(), goodTasks);
    }

    void testGigabyteTask_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("takenWhenSkipping");
        // The gigabyte is a string of zero bytes: the scanner passes over them as over any
        // character of a string, so only the cap stops the task from being copied and parsed.
        QTest::newRow("gigabyte-string-in-the-array")
            << "[{\"data\":{\"text\":\""_ba << "\"}}]"_ba
            << u"tasks[0]: the task is longer than 64 MiB, the most an importer reads as one record"_s << 0;
        QTest::newRow("gigabyte-task-between-good-ones")
            << "[{\"data\":{\"text\":\"Before.\"}},\n{\"data\":{\"text\":\"Huge\", \"x\": \""_ba
            << "\"}},\n{\"data\":{\"text\":\"After.\"}}]"_ba << u"tasks[1]: the task is longer than 64 MiB"_s
            << 2;
        QTest::newRow("gigabyte-single-task")
            << "{\"data\":{\"text\":\""_ba << "\"}}"_ba << u"json: the task is longer than 64 MiB"_s << -1;
    }

    void testGigabyteTask()
    {
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, tail);
        QFETCH(QString, message);
        QFETCH(int, takenWhenSkipping);
        constexpr qint64 gigabyte = 1024LL * 1024 * 1024;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"huge.json"_s);
        QVERIFY(writeSparseFile(path, head, gigabyte, tail));
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"labelstudio");
        resetPeakMemory();
        const double peakBefore = residentMemory().second;
        QVERIFY(!format->read(*store, path, nullptr, {}));
        const double peakAfter = residentMemory().second;
        QVERIFY2(format->errorString().startsWith(path), qPrintable(format->errorString()));
        QVERIFY2(format->errorString().contains(message), qPrintable(format->errorString()));
        QCOMPARE(store->articleCount(), 0);
        // The scanner reads the file through a window and holds a task up to the cap: resident
        // memory grows by the cap at most, far below the gigabyte a copy (or a mapping) costs.
        constexpr double capMegabytes = LineStream::defaultMaximumLength / (1024.0 * 1024);
        QVERIFY2(peakAfter - peakBefore < capMegabytes + 100,
            qPrintable(u"peak %1 MB -> %2 MB"_s.arg(peakBefore).arg(peakAfter)));

        // Skipping bad records takes the tasks around the gigabyte one; a file that is one
        // gigabyte task still fails.
        format->setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QCOMPARE(format->read(*store, path, &report, {}), takenWhenSkipping >= 0);
        QCOMPARE(store->articleCount(), std::max(takenWhenSkipping, 0));
        if (takenWhenSkipping < 0)
            return;
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords[0].contains(message), qPrintable(report.badRecords[0]));
    }
};

QTEST_GUILESS_MAIN(TestFormatsLabelStudio)
#include "tst_formats_labelstudio.moc"

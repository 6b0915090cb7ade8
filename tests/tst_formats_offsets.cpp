// SPDX-License-Identifier: GPL-3.0-or-later
// The option "offsets": the formats that take it write the emoji article's spans at the exact
// code point or UTF-16 offsets and read them back with the same option; the others refuse it.
// In the fixture's emoji article, 😀 and 🇺🇦 (two code points) come before "Kyiv", and 🪖
// before "she": three, then four, UTF-16 code units more than code points.
#include "formatfixtures.h"
#include "formats/csvreader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Byline;
using namespace Byline::FormatFixtures;
using namespace Qt::StringLiterals;

namespace {

const QString emojiKey = u"emoji-kyiv"_s;

QString range(qint64 start, qint64 end)
{
    return u"%1-%2"_s.arg(start).arg(end);
}

/// Every {start, end} object under value, as "start-end".
void collectSpans(const QJsonValue &value, QStringList *spans)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectSpans(item, spans);
        return;
    }
    const QJsonObject object = value.toObject();
    if (object.value("start"_L1).isDouble() && object.value("end"_L1).isDouble())
        *spans << range(object.value("start"_L1).toInteger(), object.value("end"_L1).toInteger());
    for (const QJsonValue &member : object)
        collectSpans(member, spans);
}

/// The offsets of the emoji article's spans in a file or folder the format wrote.
QStringList spansInJsonl(const QString &path)
{
    QStringList spans;
    for (const QByteArray &line : readFile(path).split('\n')) {
        const QJsonObject article = QJsonDocument::fromJson(line).object();
        if (article.value("id"_L1).toString() == emojiKey)
            collectSpans(article, &spans);
    }
    return spans;
}

QStringList spansInDoccano(const QString &path)
{
    QStringList spans;
    for (const QByteArray &line : readFile(path).split('\n')) {
        const QJsonObject article = QJsonDocument::fromJson(line).object();
        if (article.value("article_id"_L1).toString() != emojiKey)
            continue;
        for (const QJsonValue &entity : article.value("entities"_L1).toArray())
            spans << range(entity["start_offset"_L1].toInteger(), entity["end_offset"_L1].toInteger());
    }
    return spans;
}

QStringList spansInCsv(const QString &folder)
{
    QStringList spans;
    for (const QString &table : { u"mentions.csv"_s, u"quotes.csv"_s, u"figures.csv"_s }) {
        QFile file(QDir(folder).filePath(table));
        if (!file.open(QIODevice::ReadOnly))
            return { u"cannot read "_s + table };
        CsvReader csv(file, table, 1 << 20);
        QStringList header;
        if (!csv.open() || !csv.next(&header))
            return { csv.errorString() };
        QStringList fields;
        while (csv.next(&fields)) {
            if (fields.value(header.indexOf(u"article"_s)) != emojiKey)
                continue;
            for (const QString &prefix : { u""_s, u"cue_"_s, u"source_"_s, u"number_"_s }) {
                const qsizetype start = header.indexOf(prefix + u"start"_s);
                if (start >= 0 && !fields.value(start).isEmpty())
                    spans << fields.value(start) + u'-' + fields.value(header.indexOf(prefix + u"end"_s));
            }
            if (const qsizetype parts = header.indexOf(u"content_spans"_s); parts >= 0)
                spans << fields.value(parts).split(u';', Qt::SkipEmptyParts);
        }
    }
    return spans;
}

QStringList spansInW3c(const QString &path)
{
    QStringList spans;
    const QJsonObject collection = QJsonDocument::fromJson(readFile(path)).object();
    for (const QJsonValue &annotation : collection["first"_L1]["items"_L1].toArray()) {
        if (!annotation["id"_L1].toString().startsWith(u"urn:byline:article:"_s + emojiKey + u'#'))
            continue;
        QJsonArray resources = annotation["body"_L1].toArray();
        const QJsonValue target = annotation["target"_L1];
        for (const QJsonValue &each : target.isArray() ? target.toArray() : QJsonArray { target })
            resources.append(each);
        for (const QJsonValue &resource : std::as_const(resources)) {
            for (const QJsonValue &selector : resource["selector"_L1].toArray()) {
                if (selector["type"_L1].toString() == u"TextPositionSelector"_s)
                    spans << range(selector["start"_L1].toInteger(), selector["end"_L1].toInteger());
            }
        }
    }
    return spans;
}

QStringList spansIn(const QString &format, const QString &path)
{
    if (format == u"jsonl"_s)
        return spansInJsonl(path);
    if (format == u"doccano"_s)
        return spansInDoccano(path);
    if (format == u"csv"_s)
        return spansInCsv(path);
    return spansInW3c(path);
}

QString outputName(const QString &format)
{
    const auto written = FormatRegistry::create(format);
    return written->writesFolder() ? u"out"_s : u"out."_s + written->extensions().first();
}

FormatOptions unitOption(const QString &unit)
{
    return unit.isEmpty() ? FormatOptions() : FormatOptions { { u"offsets"_s, unit } };
}

/// The fixture articles without annotations, for the W3C format, which annotates articles the
/// project has.
std::unique_ptr<Store> bareProject(const QTemporaryDir &dir, const QString &name)
{
    QByteArray bare;
    for (const QByteArray &line : readFile(dataPath(u"input.jsonl"_s)).trimmed().split('\n')) {
        QJsonObject object = QJsonDocument::fromJson(line).object();
        for (const auto layer : { "entities"_L1, "quotes"_L1, "figures"_L1 })
            object.remove(layer);
        bare += QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    const QString path = dir.filePath(name + u".jsonl"_s);
    auto store = newProject(dir, name);
    if (!store || !writeFile(path, bare)
        || !FormatRegistry::create(u"jsonl")->read(*store, path, nullptr, {}))
        return nullptr;
    return store;
}

/// Files to write, by their path in the test's folder.
using TestFiles = QMap<QString, QByteArray>;

/// A W3C file with every article's quotes first, in runs of their own before the articles'
/// other annotations: each quote's speaker comes in a later run, and the quote is read at the end.
QByteArray withQuotesFirst(const QByteArray &jsonld)
{
    QJsonObject collection = QJsonDocument::fromJson(jsonld).object();
    QJsonObject page = collection["first"_L1].toObject();
    QJsonArray quotes, others;
    for (const QJsonValue &item : page["items"_L1].toArray()) {
        const QJsonValue tag = item["body"_L1].toArray().at(0);
        (tag["purpose"_L1] == u"tagging"_s && tag["value"_L1] == u"quote"_s ? quotes : others).append(item);
    }
    for (const QJsonValue &item : std::as_const(others))
        quotes.append(item);
    page.insert("items"_L1, quotes);
    collection.insert("first"_L1, page);
    return QJsonDocument(collection).toJson(QJsonDocument::Compact);
}

/// A W3C file with its TextQuoteSelectors left out, so that only the positions place the spans.
QByteArray withoutQuoteSelectors(const QByteArray &jsonld)
{
    QJsonObject collection = QJsonDocument::fromJson(jsonld).object();
    QJsonObject page = collection["first"_L1].toObject();
    QJsonArray items = page["items"_L1].toArray();
    const auto strip = [](QJsonValue resource) {
        QJsonObject object = resource.toObject();
        if (!object.contains("selector"_L1))
            return resource;
        QJsonArray kept;
        for (const QJsonValue &selector : object["selector"_L1].toArray()) {
            if (selector["type"_L1].toString() != u"TextQuoteSelector"_s)
                kept.append(selector);
        }
        object.insert("selector"_L1, kept);
        return QJsonValue(object);
    };
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject annotation = items.at(i).toObject();
        QJsonArray body = annotation["body"_L1].toArray();
        for (qsizetype b = 0; b < body.size(); ++b)
            body.replace(b, strip(body.at(b)));
        annotation.insert("body"_L1, body);
        const QJsonValue target = annotation["target"_L1];
        if (target.isArray()) {
            QJsonArray targets = target.toArray();
            for (qsizetype t = 0; t < targets.size(); ++t)
                targets.replace(t, strip(targets.at(t)));
            annotation.insert("target"_L1, targets);
        } else {
            annotation.insert("target"_L1, strip(target));
        }
        items.replace(i, annotation);
    }
    page.insert("items"_L1, items);
    collection.insert("first"_L1, page);
    return QJsonDocument(collection).toJson(QJsonDocument::Compact);
}

QList<QStringList> carried(const Store &store)
{
    QList<QStringList> all;
    for (const DatasetDocument &document : projectDocuments(store))
        all << carriedBySpanLabels(document.annotations);
    return all;
}

} // namespace

class TestFormatsOffsets final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theRegistryNamesTheFormatsThatChoose()
    {
        QCOMPARE(FormatRegistry::shortNames(DatasetFormat::ChoosesOffsetUnit),
            QStringList({ u"jsonl"_s, u"csv"_s, u"doccano"_s, u"w3c"_s }));
    }

    void writesTheUnitItIsGiven_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("unit"); // the option's value; empty for none
        QTest::addColumn<QStringList>("present"); // Kyiv, she, "2,030 soldiers", a quote's second part
        QTest::addColumn<QStringList>("absent"); // the same spans in the other unit

        const QStringList codePoints { u"15-19"_s, u"157-160"_s, u"130-144"_s, u"102-123"_s };
        const QStringList utf16 { u"18-22"_s, u"161-164"_s, u"133-147"_s, u"105-126"_s };
        for (const QString &format : { u"jsonl"_s, u"csv"_s, u"doccano"_s, u"w3c"_s }) {
            QTest::addRow("%s default", qPrintable(format)) << format << QString() << codePoints << utf16;
            QTest::addRow("%s codepoints", qPrintable(format))
                << format << u"codepoints"_s << codePoints << utf16;
            QTest::addRow("%s utf16", qPrintable(format)) << format << u"utf16"_s << utf16 << codePoints;
        }
    }

    void writesTheUnitItIsGiven()
    {
        QFETCH(QString, format);
        QFETCH(QString, unit);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        QTemporaryDir dir;
        const auto project = fixtureProject(dir);
        QVERIFY(project);
        const auto writer = FormatRegistry::create(format);
        writer->setOptions(unitOption(unit));
        const QString out = dir.filePath(outputName(format));
        QVERIFY2(writer->write(*project, out, {}), qPrintable(writer->errorString()));
        const QStringList spans = spansIn(format, out);
        for (const QString &span : present)
            QVERIFY2(spans.contains(span), qPrintable(span + u" not in "_s + spans.join(u' ')));
        for (const QString &span : absent)
            QVERIFY2(!spans.contains(span), qPrintable(span + u" in "_s + spans.join(u' ')));
    }

    void theW3cCollectionSaysItsUnit()
    {
        QTemporaryDir dir;
        const auto project = fixtureProject(dir);
        QVERIFY(project);
        QStringList labels;
        for (const QString &unit : { u"codepoints"_s, u"utf16"_s }) {
            const auto writer = FormatRegistry::create(u"w3c");
            writer->setOptions(unitOption(unit));
            const QString out = dir.filePath(unit + u".jsonld"_s);
            QVERIFY2(writer->write(*project, out, {}), qPrintable(writer->errorString()));
            labels << QJsonDocument::fromJson(readFile(out)).object().value("label"_L1).toString();
        }
        QCOMPARE(labels,
            QStringList({ u"Byline annotations"_s,
                u"Byline annotations, TextPositionSelector offsets in UTF-16 code units"_s }));
    }

    void readsBackWhatItWroteInUtf16_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("quotesFirst"); // W3C: each quote before its speaker, read at the end
        for (const QString &format : { u"jsonl"_s, u"csv"_s, u"doccano"_s, u"w3c"_s })
            QTest::newRow(qPrintable(format)) << format << false;
        QTest::newRow("w3c, speakers in later runs") << u"w3c"_s << true;
    }

    void readsBackWhatItWroteInUtf16()
    {
        QFETCH(QString, format);
        QFETCH(bool, quotesFirst);
        QTemporaryDir dir;
        const auto original = fixtureProject(dir);
        QVERIFY(original);
        const auto writer = FormatRegistry::create(format);
        writer->setOptions(unitOption(u"utf16"_s));
        QString out = dir.filePath(outputName(format));
        QVERIFY2(writer->write(*original, out, {}), qPrintable(writer->errorString()));
        const bool annotatesArticles = format == u"w3c"_s;
        if (annotatesArticles) {
            // The quote selectors would place the spans whatever the positions say.
            const QString positionsOnly = dir.filePath(u"positions.jsonld"_s);
            const QByteArray positions = withoutQuoteSelectors(readFile(out));
            QVERIFY(writeFile(positionsOnly, quotesFirst ? withQuotesFirst(positions) : positions));
            out = positionsOnly;
        }
        const auto projectFor = [&](const QString &name) {
            return annotatesArticles ? bareProject(dir, name) : newProject(dir, name + u".byline"_s);
        };

        const auto reread = projectFor(u"utf16"_s);
        QVERIFY(reread);
        const auto reader = FormatRegistry::create(format);
        reader->setOptions(unitOption(u"utf16"_s));
        QVERIFY2(reader->read(*reread, out, nullptr, {}), qPrintable(reader->errorString()));
        if (quotesFirst) {
            // Stored in the file's order, which is what differs.
            QList<QStringList> read = carried(*reread), written = carried(*original);
            for (QList<QStringList> *annotations : { &read, &written }) {
                for (QStringList &ofArticle : *annotations)
                    ofArticle.sort();
            }
            QCOMPARE(read, written);
        } else {
            QCOMPARE(carried(*reread), carried(*original));
        }
        if (format == u"jsonl"_s) {
            // Byte for byte: the unit is all that changed.
            const QString again = dir.filePath(u"again.jsonl"_s);
            const auto rewriter = FormatRegistry::create(format);
            rewriter->setOptions(unitOption(u"utf16"_s));
            QVERIFY(rewriter->write(*reread, again, {}));
            QCOMPARE(readFile(again), readFile(out));
        }

        // Read as code points, the same file fails or lands elsewhere: the option matters.
        const auto misread = projectFor(u"codepoints"_s);
        QVERIFY(misread);
        const auto naive = FormatRegistry::create(format);
        const bool read = naive->read(*misread, out, nullptr, {});
        QVERIFY(!read || carried(*misread) != carried(*original));
    }

    void splittingAPairIsRefused_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<TestFiles>("files");
        QTest::addColumn<QString>("read"); // the file, or CSV's folder of tables
        QTest::newRow("jsonl") << u"jsonl"_s
                               << TestFiles { { u"in.jsonl"_s,
                                      R"({"id":"a","text":"😀 Kyiv","entities":[{"id":"E1","type":"GPE",)"
                                      R"("name":"Kyiv","mentions":[{"start":1,"end":7,"text":"x"}]}]})"
                                      "\n" } }
                               << u"in.jsonl"_s;
        QTest::newRow("doccano") << u"doccano"_s
                                 << TestFiles { { u"in.jsonl"_s,
                                        R"({"id":1,"text":"😀 Kyiv","entities":[{"id":1,"label":"GPE",)"
                                        R"("start_offset":1,"end_offset":7}],"relations":[]})"
                                        "\n" } }
                                 << u"in.jsonl"_s;
        QTest::newRow("csv") << u"csv"_s
                             << TestFiles {
                                    { u"tables/articles.csv"_s,
                                        "id,title,source,published,status,text\r\na,,,,todo,\xf0\x9f\x98\x80 Kyiv\r\n" },
                                    { u"tables/mentions.csv"_s,
                                        "article,entity,entity_name,entity_type,start,end,text,status,annotator,"
                                        "confidence\r\na,E1,Kyiv,GPE,1,7,x,manual,,\r\n" },
                                    { u"tables/quotes.csv"_s,
                                        "article,quote,kind,speaker,speaker_name,cue_start,cue_end,cue,source_start,"
                                        "source_end,source,content_spans,content,status,annotator,confidence\r\n" },
                                    { u"tables/figures.csv"_s,
                                        "article,figure,kind,start,end,text,number_start,number_end,number,value,"
                                        "value_max,unit,qualifier,status,annotator,confidence\r\n" },
                                }
                             << u"tables"_s;
    }

    void splittingAPairIsRefused()
    {
        QFETCH(QString, format);
        QFETCH(TestFiles, files);
        QFETCH(QString, read);
        QTemporaryDir dir;
        const auto project = newProject(dir, u"p.byline"_s);
        QVERIFY(project);
        for (const auto &[name, bytes] : files.asKeyValueRange()) {
            QVERIFY(QDir().mkpath(QFileInfo(dir.filePath(name)).path()));
            QVERIFY(writeFile(dir.filePath(name), bytes));
        }
        const auto reader = FormatRegistry::create(format);
        reader->setOptions(unitOption(u"utf16"_s));
        QVERIFY(!reader->read(*project, dir.filePath(read), nullptr, {}));
        QVERIFY2(
            reader->errorString().contains(u"1–7 splits a character"_s), qPrintable(reader->errorString()));
        QCOMPARE(project->articleCount(), 0);
    }

    void formatsWithoutAChoiceRefuseTheOption_data()
    {
        QTest::addColumn<QString>("format");
        for (const QString &format : FormatRegistry::shortNames())
            QTest::newRow(qPrintable(format)) << format;
    }

    void formatsWithoutAChoiceRefuseTheOption()
    {
        QFETCH(QString, format);
        const auto chosen = FormatRegistry::create(format);
        const QString problem = chosen->optionsProblem(unitOption(u"utf16"_s));
        QVERIFY(chosen->optionsProblem({}).isEmpty());
        if (chosen->capabilities().testFlag(DatasetFormat::ChoosesOffsetUnit)) {
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY(chosen->optionsProblem(unitOption(u"UTF16"_s)).isEmpty());
            QVERIFY(
                chosen->optionsProblem(unitOption(u"utf32"_s)).contains(u"must be codepoints or utf16"_s));
        } else {
            QVERIFY2(
                problem.startsWith(format + u" does not take the option offsets"_s), qPrintable(problem));
            QVERIFY2(problem.contains(u"jsonl, csv, doccano, w3c"_s), qPrintable(problem));
        }
    }

    void anUnknownUnitFailsTheWrite()
    {
        QTemporaryDir dir;
        const auto project = fixtureProject(dir);
        QVERIFY(project);
        const auto writer = FormatRegistry::create(u"jsonl");
        writer->setOptions(unitOption(u"bytes"_s));
        const QString out = dir.filePath(u"out.jsonl"_s);
        QVERIFY(!writer->write(*project, out, {}));
        QVERIFY2(writer->errorString().contains(u"offsets=bytes"_s), qPrintable(writer->errorString()));
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestFormatsOffsets)
#include "tst_formats_offsets.moc"

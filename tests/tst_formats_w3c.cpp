// SPDX-License-Identifier: GPL-3.0-or-later
// W3C Web Annotation: the golden export, and the structure a JSON-LD consumer relies on:
// every TextPositionSelector counts code points and agrees with its TextQuoteSelector, quotes
// link to the annotation of their speaker, statuses travel as "moderating" bodies.
#include "formatfixtures.h"
#include "formats/linestream.h"
#include "formats/w3cannotationstream.h"
#include "residentmemory.h"

#include <QBuffer>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Byline;
using namespace Byline::FormatFixtures;
using namespace Qt::StringLiterals;

namespace {

/// The characters [start, end) of text, counted in code points.
QString codePointSlice(const QString &text, qint64 start, qint64 end)
{
    const QList<uint> points = text.toUcs4();
    if (start < 0 || end > points.size() || start > end)
        return u"<out of range>"_s;
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()) + start, end - start);
}

QJsonObject selector(const QJsonObject &target, const QString &type)
{
    for (const QJsonValue &value : target.value("selector"_L1).toArray()) {
        if (value.toObject().value("type"_L1).toString() == type)
            return value.toObject();
    }
    return {};
}

/// The fixture articles without their annotations: what a W3C file annotates.
std::unique_ptr<Store> bareProject(const QTemporaryDir &dir, const QString &name)
{
    QByteArray bare;
    for (const QByteArray &line : readFile(dataPath(u"input.jsonl"_s)).trimmed().split('\n')) {
        QJsonObject object = QJsonDocument::fromJson(line).object();
        object.remove("entities"_L1);
        object.remove("quotes"_L1);
        object.remove("figures"_L1);
        bare += QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    const QString path = dir.filePath(name + u".jsonl"_s);
    if (!writeFile(path, bare))
        return nullptr;
    auto store = newProject(dir, name);
    if (!FormatRegistry::create(u"jsonl")->read(*store, path, nullptr, {}))
        return nullptr;
    return store;
}

/// What the W3C format carries: everything but confidences, qualifiers, upper bounds and rules.
QStringList carriedByW3c(const AnnotationSet &set)
{
    QStringList lines = carriedBySpanLabels(set);
    for (const Entity &entity : set.entities)
        lines << u"entity %1 %2 %3 %4"_s
                     .arg(entity.name, toString(entity.provenance.status), entity.provenance.annotator)
                     .arg(entity.mentions.size());
    for (const Quote &quote : set.quotes)
        lines << u"quote status %1"_s.arg(toString(quote.provenance.status));
    for (const Figure &figure : set.figures)
        lines << u"figure %1 %2 %3"_s.arg(
            figure.value.toString(), figure.unit, toString(figure.provenance.status));
    return lines;
}

QJsonObject quoteTarget(const QString &article, const QString &exact)
{
    return { { "type"_L1, u"SpecificResource"_s },
        { "source"_L1, QString(u"urn:byline:article:"_s + article) },
        { "selector"_L1,
            QJsonArray { QJsonObject { { "type"_L1, u"TextQuoteSelector"_s }, { "exact"_L1, exact } } } } };
}

/// An annotation of the fixture articles, found by its text: an entity of the type, a quote
/// ("quote", linked to the speaker annotation's id) or anything the tag says.
QByteArray annotation(const QString &id, const QString &article, const QString &exact,
    const QString &tag = u"GPE"_s, const QString &speaker = {})
{
    QJsonArray body { QJsonObject { { "purpose"_L1, u"tagging"_s }, { "value"_L1, tag } } };
    if (tag == u"quote"_s)
        body.append(QJsonObject { { "purpose"_L1, u"classifying"_s }, { "value"_L1, u"direct"_s } });
    if (!speaker.isEmpty())
        body.append(QJsonObject {
            { "purpose"_L1, u"linking"_s }, { "label"_L1, u"speaker"_s }, { "id"_L1, speaker } });
    return QJsonDocument(QJsonObject { { "id"_L1, id }, { "type"_L1, u"Annotation"_s }, { "body"_L1, body },
                             { "target"_L1, quoteTarget(article, exact) } })
        .toJson(QJsonDocument::Compact);
}

/// A collection holding the annotations in its first page, as Byline writes one.
QByteArray collection(const QList<QByteArray> &items)
{
    return "{\"type\":\"AnnotationCollection\",\"first\":{\"type\":\"AnnotationPage\",\"items\":["_ba + "\n"
        + QByteArrayList(items).join(",\n") + "\n]}}\n";
}

/// The names of an article's entities, sorted.
QStringList entityNames(const AnnotationSet &set)
{
    QStringList names;
    for (const Entity &entity : set.entities)
        names << entity.name;
    names.sort();
    return names;
}

/// The counts the article list and the status bar show agree with the annotations stored.
void compareCounts(const Store &store)
{
    int mentions = 0, quotes = 0;
    for (const DatasetDocument &document : projectDocuments(store)) {
        const auto summary = store.articleSummary(document.article.id);
        QVERIFY(summary);
        QCOMPARE(qsizetype(summary->entityCount), document.annotations.entities.size());
        QCOMPARE(qsizetype(summary->quoteCount), document.annotations.quotes.size());
        QCOMPARE(qsizetype(summary->figureCount), document.annotations.figures.size());
        for (const Entity &entity : document.annotations.entities)
            mentions += int(entity.mentions.size());
        quotes += int(document.annotations.quotes.size());
    }
    QCOMPARE(store.annotationCounts().count(Layer::Entities), mentions);
    QCOMPARE(store.annotationCounts().count(Layer::Quotes), quotes);
}

const QString kazakhstan = u"kazakhstan-coup-putin"_s;
const QString kyiv = u"emoji-kyiv"_s;

} // namespace

class TestFormatsW3c final : public QObject {
    Q_OBJECT

private:
    Test::TestProjects m_projects;
    QTemporaryDir m_dir;
    QJsonObject m_collection;
    QHash<QString, QString> m_texts; // article IRI -> text

    QHash<QString, QJsonObject> annotationsById() const
    {
        QHash<QString, QJsonObject> byId;
        for (const QJsonValue &item : m_collection.value("first"_L1).toObject().value("items"_L1).toArray())
            byId.insert(item.toObject().value("id"_L1).toString(), item.toObject());
        return byId;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Built as tst_formats_w3c_postgres, every project is a database of a server of its own:
        // the import's ledger and its record-by-record path there.
        QString unavailable, failure;
        if (!m_projects.start(&unavailable, &failure)) {
            if (!unavailable.isEmpty())
                QSKIP(qPrintable(unavailable));
            QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
        }
        if (Test::TestProjects::onServer)
            serverProjects() = &m_projects;
        auto store = fixtureProject(m_dir);
        QVERIFY(store);
        for (const DatasetDocument &document : projectDocuments(*store)) {
            m_texts.insert(
                u"urn:byline:article:"_s + QString::fromLatin1(QUrl::toPercentEncoding(document.article.key)),
                document.article.text);
        }
        const auto format = FormatRegistry::create(u"w3c");
        QVERIFY2(
            format->write(*store, m_dir.filePath(u"out.jsonld"_s), {}), qPrintable(format->errorString()));
        QJsonParseError error;
        m_collection = QJsonDocument::fromJson(readFile(m_dir.filePath(u"out.jsonld"_s)), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    void testRegistry()
    {
        const auto format = FormatRegistry::create(u"w3c");
        QVERIFY(format);
        QCOMPARE(format->capabilities(),
            DatasetFormat::CanRead | DatasetFormat::CanWrite | DatasetFormat::ChoosesOffsetUnit);
        QVERIFY(FormatRegistry::shortNames(DatasetFormat::CanRead).contains(u"w3c"_s));
        QCOMPARE(FormatRegistry::forFileName(u"x.jsonld"_s, DatasetFormat::CanRead)->shortName(), u"w3c"_s);
    }

    void testGolden() { compareGolden(readFile(m_dir.filePath(u"out.jsonld"_s)), u"expected.w3c.jsonld"_s); }

    void testCollection()
    {
        QCOMPARE(m_collection.value("@context"_L1).toString(), u"http://www.w3.org/ns/anno.jsonld"_s);
        QCOMPARE(m_collection.value("type"_L1).toString(), u"AnnotationCollection"_s);
        const QJsonObject page = m_collection.value("first"_L1).toObject();
        QCOMPARE(page.value("type"_L1).toString(), u"AnnotationPage"_s);
        QVERIFY(page.value("items"_L1).toArray().size() > 10);
    }

    void testSelectorsAgree()
    {
        int checked = 0;
        for (const QJsonObject &annotation : annotationsById()) {
            QCOMPARE(annotation.value("type"_L1).toString(), u"Annotation"_s);
            const QJsonValue target = annotation.value("target"_L1);
            const QJsonArray targets = target.isArray() ? target.toArray() : QJsonArray { target };
            for (const QJsonValue &value : targets) {
                const QJsonObject resource = value.toObject();
                const QString text = m_texts.value(resource.value("source"_L1).toString());
                QVERIFY(!text.isEmpty());
                const QJsonObject position = selector(resource, u"TextPositionSelector"_s);
                const QJsonObject quote = selector(resource, u"TextQuoteSelector"_s);
                const qint64 start = position.value("start"_L1).toInteger();
                const qint64 end = position.value("end"_L1).toInteger();
                QCOMPARE(quote.value("exact"_L1).toString(), codePointSlice(text, start, end));
                QCOMPARE(quote.value("prefix"_L1).toString(),
                    codePointSlice(text, start - quote.value("prefix"_L1).toString().toUcs4().size(), start));
                QCOMPARE(quote.value("suffix"_L1).toString(),
                    codePointSlice(text, end, end + quote.value("suffix"_L1).toString().toUcs4().size()));
                ++checked;
            }
        }
        QVERIFY(checked > 20);
    }

    void testEmojiArticle()
    {
        const QHash<QString, QJsonObject> byId = annotationsById();
        const QString article = u"urn:byline:article:emoji-kyiv"_s;
        // Annotation ids are the project's record ids: find them by what they say.
        auto find = [&](const QString &purpose, const QString &value) {
            for (auto it = byId.begin(); it != byId.end(); ++it) {
                if (!it.key().startsWith(article))
                    continue;
                for (const QJsonValue &body : it.value().value("body"_L1).toArray()) {
                    if (body.toObject().value("purpose"_L1) == purpose
                        && body.toObject().value("value"_L1) == value)
                        return it.value();
                }
            }
            return QJsonObject();
        };
        const QJsonObject kyiv = find(u"identifying"_s, u"Kyiv"_s);
        const QJsonObject position = selector(kyiv.value("target"_L1).toObject(), u"TextPositionSelector"_s);
        QCOMPARE(position.value("start"_L1).toInt(), 15); // code points: 😀 and 🇺🇦 count 1 each
        QCOMPARE(position.value("end"_L1).toInt(), 19);
        const QJsonObject quote = selector(kyiv.value("target"_L1).toObject(), u"TextQuoteSelector"_s);
        QCOMPARE(quote.value("prefix"_L1).toString(), u"😀 Breaking: 🇺🇦 "_s);
        QVERIFY(kyiv.value("body"_L1).toArray().contains(QJsonObject {
            { "type"_L1, u"TextualBody"_s }, { "purpose"_L1, u"moderating"_s }, { "value"_L1, u"auto"_s } }));

        // The split quote: two targets, its speaker's annotation linked by id.
        const QJsonObject split = find(u"classifying"_s, u"direct"_s);
        QCOMPARE(split.value("target"_L1).toArray().size(), 2);
        QString speaker;
        for (const QJsonValue &body : split.value("body"_L1).toArray()) {
            if (body.toObject().value("label"_L1).toString() == u"speaker"_s)
                speaker = body.toObject().value("id"_L1).toString();
        }
        QCOMPARE(speaker, find(u"identifying"_s, u"Olena Zelenska"_s).value("id"_L1).toString());
        QVERIFY(byId.contains(speaker));
    }

    void testRoundTrip()
    {
        QTemporaryDir dir;
        auto original = fixtureProject(dir);
        auto bare = bareProject(dir, u"bare.byline"_s);
        QVERIFY(original && bare);
        const auto format = FormatRegistry::create(u"w3c");
        FormatReadReport report;
        QVERIFY2(format->read(*bare, m_dir.filePath(u"out.jsonld"_s), &report, {}),
            qPrintable(format->errorString()));
        QCOMPARE(report.articles, 2);
        const QList<DatasetDocument> before = projectDocuments(*original);
        const QList<DatasetDocument> after = projectDocuments(*bare);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i)
            QCOMPARE(carriedByW3c(after.at(i).annotations), carriedByW3c(before.at(i).annotations));
    }

    void testStalePositionIsReanchored()
    {
        // The article changed since: the TextQuoteSelector finds the span again.
        QByteArray file = readFile(m_dir.filePath(u"out.jsonld"_s));
        file.replace("{\"end\":19,\"start\":15,\"type\":\"TextPositionSelector\"}",
            "{\"end\":20,\"start\":16,\"type\":\"TextPositionSelector\"}");
        QTemporaryDir dir;
        const QString path = dir.filePath(u"stale.jsonld"_s);
        QVERIFY(writeFile(path, file));
        auto bare = bareProject(dir, u"bare.byline"_s);
        const auto format = FormatRegistry::create(u"w3c");
        QVERIFY2(format->read(*bare, path, nullptr, {}), qPrintable(format->errorString()));
        const Entity kyiv = projectDocuments(*bare).at(1).annotations.entities.first();
        QCOMPARE(kyiv.name, u"Kyiv"_s);
        QCOMPARE(kyiv.mentions.first().span, (Span { 18, 22 }));
    }

    void testHostile_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated") << QByteArray("\n]}}") << QByteArray() << u"not JSON"_s;
        QTest::newRow("unknown-article")
            << QByteArray("urn:byline:article:emoji-kyiv") << QByteArray("urn:byline:article:nowhere")
            << u"the project has no article \"nowhere\""_s;
        QTest::newRow("text-mismatch") << QByteArray("\"exact\":\"Kyiv\"") << QByteArray("\"exact\":\"Kiev\"")
                                       << u"TextQuoteSelector: \"Kiev\" does not match"_s;
        QTest::newRow("unknown-tag") << QByteArray("\"value\":\"GPE\"") << QByteArray("\"value\":\"WIZARD\"")
                                     << u"the tag \"WIZARD\""_s;
        QTest::newRow("not-annotations") << QByteArray("AnnotationCollection") << QByteArray("Nothing")
                                         << u"not a Web Annotation collection"_s;
    }

    void testHostile()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, message);
        QByteArray file = readFile(m_dir.filePath(u"out.jsonld"_s));
        file.replace(from, to);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.jsonld"_s);
        QVERIFY(writeFile(path, file));
        auto bare = bareProject(dir, u"bare.byline"_s);
        const auto format = FormatRegistry::create(u"w3c");
        QVERIFY(!format->read(*bare, path, nullptr, {}));
        QVERIFY2(format->errorString().contains(message), qPrintable(format->errorString()));
        QVERIFY2(format->errorString().contains(path), qPrintable(format->errorString()));
        for (const DatasetDocument &document : projectDocuments(*bare))
            QVERIFY(document.annotations.entities.isEmpty() && document.annotations.quotes.isEmpty());
    }

    void testBadAnnotation_data()
    {
        QTest::addColumn<QList<QByteArray>>("items");
        QTest::addColumn<FormatOptions>("options");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("entitiesKept"); // with skipBadRecords
        QTest::addColumn<int>("quotesKept");
        const QByteArray before = annotation(u"k1"_s, kazakhstan, u"Kazakhstan"_s);
        const QByteArray after = annotation(u"e1"_s, kyiv, u"Kyiv"_s);
        const auto row = [&](const char *name, const QByteArray &bad, const QString &message,
                             const FormatOptions &options = {}) {
            QTest::newRow(name) << QList<QByteArray> { before, bad, after } << options << message << 2 << 0;
        };
        // Each item of collection() is a line of its own, the first the file's second.
        row("duplicate-id", annotation(u"k1"_s, kazakhstan, u"Putin"_s, u"PERSON"_s),
            u"3: first.items[1].id: \"k1\" is the id of first.items[0] (line 2) as well"_s);
        row("unknown-article", annotation(u"x"_s, u"nowhere"_s, u"Kyiv"_s),
            u"3: first.items[1].target[0].source: the project has no article \"nowhere\""_s);
        row("not-an-article",
            annotation(u"x"_s, u"nowhere"_s, u"Kyiv"_s).replace("urn:byline:article:", "http:"),
            u"3: first.items[1].target[0].source: \"http:nowhere\" is not an article of a Byline project"_s);
        row("no-target", "{\"id\":\"x\",\"body\":[]}", u"3: first.items[1].target: missing"_s);
        row("not-an-object", "42", u"3: first.items[1]: not JSON"_s);
        row("bad-json", "{\"id\":x}", u"3: first.items[1]: not JSON"_s);
        row("text-mismatch", annotation(u"x"_s, kyiv, u"Kiev"_s),
            u"3: first.items[1].target[0]: TextQuoteSelector: \"Kiev\" does not match"_s);
        row("unknown-tag", annotation(u"x"_s, kyiv, u"Kyiv"_s, u"WIZARD"_s),
            u"3: first.items[1].body: the tag \"WIZARD\""_s);
        row("unknown-status",
            annotation(u"x"_s, kyiv, u"Kyiv"_s)
                .replace("\"body\":[", "\"body\":[{\"purpose\":\"moderating\",\"value\":\"sideways\"},"),
            u"3: first.items[1].body[0]: unknown status \"sideways\""_s);
        row("over-the-cap",
            annotation(u"x"_s, kyiv, u"Kyiv"_s)
                .replace("\"id\":", QByteArray("\"label\":\"" + QByteArray(1000, 'x') + "\",\"id\":")),
            u"3: first.items[1]: longer than 400 bytes, the most read as one annotation"_s,
            FormatOptions { { u"maxLineBytes"_s, 400 } });
        // An id is the file's only one, whichever articles and runs the two are in.
        QTest::newRow("duplicate-id-across-runs")
            << QList<QByteArray> { after, before,
                   annotation(u"e1"_s, kyiv, u"Olena Zelenska"_s, u"PERSON"_s) }
            << FormatOptions()
            << u"4: first.items[2].id: \"e1\" is the id of first.items[0] (line 2) as well"_s << 2 << 0;
        QTest::newRow("duplicate-id-of-a-quote")
            << QList<QByteArray> { annotation(u"q"_s, kyiv, u"We are ready,"_s, u"quote"_s, u"e1"_s), before,
                   after, annotation(u"q"_s, kazakhstan, u"Putin"_s, u"PERSON"_s) }
            << FormatOptions()
            << u"5: first.items[3].id: \"q\" is the id of first.items[0] (line 2) as well"_s << 2 << 1;
        // The speaker is an entity annotation, but of another article. Its quote alone is left out.
        QTest::newRow("speaker-in-another-article")
            << QList<QByteArray> { before, annotation(u"q"_s, kyiv, u"We are ready,"_s, u"quote"_s, u"k1"_s),
                   after }
            << FormatOptions()
            << u"3: first.items[1]: the speaker k1 is not an entity annotation of the same article in the file"_s
            << 2 << 0;
        QTest::newRow("speaker-unknown")
            << QList<QByteArray> { annotation(u"z"_s, kyiv, u"Olena Zelenska"_s, u"PERSON"_s),
                   annotation(u"q"_s, kyiv, u"We are ready,"_s, u"quote"_s, u"nobody"_s) }
            << FormatOptions() << u"3: first.items[1]: the speaker nobody is not an entity annotation"_s << 1
            << 0;
    }

    void testBadAnnotation()
    {
        // Without skipBadRecords the import fails, naming the file, the annotation and why, and
        // nothing is added; with it, the bad annotation is reported and the others are added.
        QFETCH(QList<QByteArray>, items);
        QFETCH(FormatOptions, options);
        QFETCH(QString, message);
        QFETCH(int, entitiesKept);
        QFETCH(int, quotesKept);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.jsonld"_s);
        QVERIFY(writeFile(path, collection(items)));
        for (const bool skip : { false, true }) {
            auto bare = bareProject(dir, skip ? u"skipping.byline"_s : u"strict.byline"_s);
            QVERIFY(bare);
            const auto format = FormatRegistry::create(u"w3c");
            options.insert(u"skipBadRecords"_s, skip);
            format->setOptions(options);
            FormatReadReport report;
            const bool read = format->read(*bare, path, &report, {});
            int entities = 0, quotes = 0;
            for (const DatasetDocument &document : projectDocuments(*bare)) {
                entities += int(document.annotations.entities.size());
                quotes += int(document.annotations.quotes.size());
            }
            if (!skip) {
                QVERIFY(!read);
                QVERIFY2(format->errorString().contains(path + u":"_s + message),
                    qPrintable(format->errorString()));
                QCOMPARE(entities + quotes, 0);
                continue;
            }
            QVERIFY2(read, qPrintable(format->errorString()));
            QCOMPARE(report.badRecords.size(), 1);
            QVERIFY2(report.badRecords.first().contains(path + u":"_s + message),
                qPrintable(report.badRecords.first()));
            QCOMPARE(entities, entitiesKept);
            QCOMPARE(quotes, quotesKept);
            compareCounts(*bare);
        }
    }

    void testAnnotationsAcrossRuns_data()
    {
        // A file from another tool may give an article's annotations in several runs, between
        // other articles'. Each article gets all of its own, and a quote its speaker wherever
        // the speaker's annotation is.
        QTest::addColumn<QList<QByteArray>>("items");
        QTest::addColumn<QStringList>("kazakhstanEntities");
        QTest::addColumn<QStringList>("kyivEntities");
        QTest::addColumn<QString>("speaker"); // of the Kyiv article's quote
        const QByteArray kazakhstanEntity = annotation(u"k1"_s, kazakhstan, u"Kazakhstan"_s);
        const QByteArray putin = annotation(u"k2"_s, kazakhstan, u"Putin"_s, u"PERSON"_s);
        const QByteArray kyivEntity = annotation(u"e1"_s, kyiv, u"Kyiv"_s);
        const QByteArray zelenska = annotation(u"z"_s, kyiv, u"Olena Zelenska"_s, u"PERSON"_s);
        const QByteArray quote = annotation(u"q"_s, kyiv, u"We are ready,"_s, u"quote"_s, u"z"_s);
        const QByteArray quoteOfKyiv = annotation(u"q"_s, kyiv, u"We are ready,"_s, u"quote"_s, u"e1"_s);
        QTest::newRow("speaker-in-an-earlier-run")
            << QList<QByteArray> { zelenska, kazakhstanEntity, quote } << QStringList { u"Kazakhstan"_s }
            << QStringList { u"Olena Zelenska"_s } << u"Olena Zelenska"_s;
        QTest::newRow("speaker-in-a-later-run")
            << QList<QByteArray> { quote, kazakhstanEntity, zelenska } << QStringList { u"Kazakhstan"_s }
            << QStringList { u"Olena Zelenska"_s } << u"Olena Zelenska"_s;
        QTest::newRow("interleaved") << QList<QByteArray> { kyivEntity, kazakhstanEntity, zelenska, putin,
            quote } << QStringList { u"Kazakhstan"_s, u"Putin"_s }
                                     << QStringList { u"Kyiv"_s, u"Olena Zelenska"_s } << u"Olena Zelenska"_s;
        QTest::newRow("interleaved-speaker-last")
            << QList<QByteArray> { quote, kazakhstanEntity, kyivEntity, putin, zelenska }
            << QStringList { u"Kazakhstan"_s, u"Putin"_s } << QStringList { u"Kyiv"_s, u"Olena Zelenska"_s }
            << u"Olena Zelenska"_s;
        QTest::newRow("speaker-in-the-run-others-before")
            << QList<QByteArray> { zelenska, kazakhstanEntity, kyivEntity, quoteOfKyiv, putin }
            << QStringList { u"Kazakhstan"_s, u"Putin"_s } << QStringList { u"Kyiv"_s, u"Olena Zelenska"_s }
            << u"Kyiv"_s;
        // Both articles' quotes wait for the end of the file: the put-off quotes are read an
        // article at a time, while the speakers of the one before are stored.
        QTest::newRow("speakers-last-in-both-articles")
            << QList<QByteArray> { annotation(
                                       u"kq"_s, kazakhstan, u"global terrorism"_s, u"quote"_s, u"k2"_s),
                   quote, kazakhstanEntity, kyivEntity, putin, zelenska }
            << QStringList { u"Kazakhstan"_s, u"Putin"_s } << QStringList { u"Kyiv"_s, u"Olena Zelenska"_s }
            << u"Olena Zelenska"_s;
        QTest::newRow("one-run-each")
            << QList<QByteArray> { kazakhstanEntity, putin, quote, kyivEntity, zelenska }
            << QStringList { u"Kazakhstan"_s, u"Putin"_s } << QStringList { u"Kyiv"_s, u"Olena Zelenska"_s }
            << u"Olena Zelenska"_s;
    }

    void testAnnotationsAcrossRuns()
    {
        QFETCH(QList<QByteArray>, items);
        QFETCH(QStringList, kazakhstanEntities);
        QFETCH(QStringList, kyivEntities);
        QFETCH(QString, speaker);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"runs.jsonld"_s);
        QVERIFY(writeFile(path, collection(items)));
        auto bare = bareProject(dir, u"bare.byline"_s);
        QVERIFY(bare);
        const auto format = FormatRegistry::create(u"w3c");
        FormatReadReport report;
        QVERIFY2(format->read(*bare, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, 2);
        QCOMPARE(report.badRecords, QStringList());
        const QList<DatasetDocument> documents = projectDocuments(*bare);
        QCOMPARE(documents.at(0).article.key, kazakhstan);
        QCOMPARE(entityNames(documents.at(0).annotations), kazakhstanEntities);
        const AnnotationSet &emoji = documents.at(1).annotations;
        QCOMPARE(entityNames(emoji), kyivEntities);
        QCOMPARE(emoji.quotes.size(), 1);
        const auto linked = std::find_if(emoji.entities.cbegin(), emoji.entities.cend(),
            [&](const Entity &entity) { return entity.id == emoji.quotes.first().speakerId; });
        QVERIFY(linked != emoji.entities.cend());
        QCOMPARE(linked->name, speaker);
        for (const Quote &other : documents.at(0).annotations.quotes) {
            const auto putin = std::find_if(documents.at(0).annotations.entities.cbegin(),
                documents.at(0).annotations.entities.cend(),
                [&](const Entity &entity) { return entity.id == other.speakerId; });
            QVERIFY(putin != documents.at(0).annotations.entities.cend());
            QCOMPARE(putin->name, u"Putin"_s);
        }
        compareCounts(*bare);
    }

    void testSpreadAnnotationsAddUp()
    {
        // An article's annotations in two runs, as a tool writing by time may spread them: both
        // runs are added to it, and a speaker in the quote's run is linked.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"spread.jsonld"_s);
        QVERIFY(writeFile(path,
            collection(
                { annotation(u"e1"_s, kyiv, u"Kyiv"_s), annotation(u"k1"_s, kazakhstan, u"Kazakhstan"_s),
                    annotation(u"q"_s, kyiv, u"We are ready,"_s, u"quote"_s, u"z"_s),
                    annotation(u"z"_s, kyiv, u"Olena Zelenska"_s, u"PERSON"_s) })));
        auto bare = bareProject(dir, u"bare.byline"_s);
        QVERIFY(bare);
        const auto format = FormatRegistry::create(u"w3c");
        FormatReadReport report;
        QList<qint64> progress;
        QVERIFY2(format->read(*bare, path, &report,
                     [&](qint64 done, qint64) {
                         progress << done;
                         return true;
                     }),
            qPrintable(format->errorString()));
        QCOMPARE(report.articles, 2); // articles, not runs
        QCOMPARE(progress.first(), 1);
        QCOMPARE(progress.last(), 2);
        const DatasetDocument emoji = projectDocuments(*bare).at(1);
        QCOMPARE(emoji.article.key, kyiv);
        QStringList names;
        for (const Entity &entity : emoji.annotations.entities)
            names << entity.name;
        names.sort();
        QCOMPARE(names, QStringList({ u"Kyiv"_s, u"Olena Zelenska"_s }));
        QCOMPARE(emoji.annotations.quotes.size(), 1);
        const Quote &quote = emoji.annotations.quotes.first();
        const auto speaker
            = std::find_if(emoji.annotations.entities.cbegin(), emoji.annotations.entities.cend(),
                [&](const Entity &entity) { return entity.id == quote.speakerId; });
        QVERIFY(speaker != emoji.annotations.entities.cend());
        QCOMPARE(speaker->name, u"Olena Zelenska"_s);
    }

    void testCancelAddsNothing()
    {
        // Cancelled when the first article's annotations are stored: it stops there, and the
        // project is as it was.
        QTemporaryDir dir;
        auto bare = bareProject(dir, u"bare.byline"_s);
        QVERIFY(bare);
        const auto format = FormatRegistry::create(u"w3c");
        QList<qint64> progress;
        QVERIFY(!format->read(*bare, m_dir.filePath(u"out.jsonld"_s), nullptr, [&](qint64 done, qint64) {
            progress << done;
            return false;
        }));
        QVERIFY2(format->errorString().contains(u"cancelled"_s), qPrintable(format->errorString()));
        QCOMPARE(progress, QList<qint64> { 1 });
        for (const DatasetDocument &document : projectDocuments(*bare))
            QVERIFY(document.annotations.entities.isEmpty() && document.annotations.quotes.isEmpty());
    }

    void testGigabyteAnnotationCostsOnlyTheCap_data()
    {
        QTest::addColumn<bool>("skipBadRecords");
        QTest::newRow("refused") << false;
        QTest::newRow("skipped") << true;
    }

    void testGigabyteAnnotationCostsOnlyTheCap()
    {
        // A real gigabyte in one annotation, then a good one. The file is sparse: it costs no
        // disk, and reads as zero bytes inside a string. Refused, it is read only up to the
        // cap; skipped, it is read through without being kept.
        QFETCH(bool, skipBadRecords);
        constexpr qint64 gigabyte = 1024LL * 1024 * 1024;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"huge.jsonld"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"type\":\"AnnotationCollection\",\"first\":{\"items\":[{\"id\":\"huge\",\"label\":\"");
        QVERIFY(file.resize(gigabyte));
        QVERIFY(file.seek(gigabyte));
        file.write("\"},\n" + annotation(u"e1"_s, kyiv, u"Kyiv"_s) + "]}}\n");
        file.close();
        auto bare = bareProject(dir, u"bare.byline"_s);
        QVERIFY(bare);
        const auto format = FormatRegistry::create(u"w3c");
        format->setOptions({ { u"skipBadRecords"_s, skipBadRecords } });
        const double peakBefore = residentMemory().second;
        FormatReadReport report;
        const bool read = format->read(*bare, path, &report, {});
        const double peakAfter = residentMemory().second;
        if (peakBefore > 0) // Linux: the peak grew by about the cap, not by the gigabyte
            QVERIFY2(peakAfter - peakBefore < 2.5 * LineStream::defaultMaximumLength / (1024 * 1024),
                qPrintable(u"peak %1 MB -> %2 MB"_s.arg(peakBefore).arg(peakAfter)));
        const QString message
            = path + u":1: first.items[0]: longer than 64 MiB, the most read as one annotation"_s;
        const QList<DatasetDocument> documents = projectDocuments(*bare);
        if (!skipBadRecords) {
            QVERIFY(!read);
            QVERIFY2(format->errorString().contains(message), qPrintable(format->errorString()));
            QVERIFY(documents.at(1).annotations.entities.isEmpty());
            return;
        }
        QVERIFY2(read, qPrintable(format->errorString()));
        QCOMPARE(report.badRecords, QStringList { message });
        QCOMPARE(report.articles, 1);
        QCOMPARE(documents.at(1).annotations.entities.size(), 1);
        QCOMPARE(documents.at(1).annotations.entities.first().name, u"Kyiv"_s);
    }

    void testStream_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QList<QByteArray>>("annotations"); // empty for one too long
        QTest::addColumn<QString>("error");
        const QString none;
        QTest::newRow("array") << QByteArray(" [{\"a\":1} ,{\"b\":\"]}\\\"[\"}] ")
                               << QStringList { u"annotations[0]"_s, u"annotations[1]"_s }
                               << QList<QByteArray> { "{\"a\":1}", "{\"b\":\"]}\\\"[\"}" } << none;
        QTest::newRow("scalars") << QByteArray("[1, true ,\"s\",null,-2.5e3\n]")
                                 << QStringList { u"annotations[0]"_s, u"annotations[1]"_s,
                                        u"annotations[2]"_s, u"annotations[3]"_s, u"annotations[4]"_s }
                                 << QList<QByteArray> { "1", "true", "\"s\"", "null", "-2.5e3" } << none;
        QTest::newRow("page") << QByteArray(
            "{\"type\":\"AnnotationPage\",\"items\":[{\"x\":\"}\"}],\"next\":\"p2\"}")
                              << QStringList { u"items[0]"_s } << QList<QByteArray> { "{\"x\":\"}\"}" }
                              << none;
        QTest::newRow("collection-members-passed-over") << QByteArray(
            "{\"@context\":[\"a\",{\"b\":[1,{\"items\":[]}]}],\"type\":\"AnnotationCollection\","
            "\"first\":{\"type\":\"AnnotationPage\",\"startIndex\":0,\"items\":[{\"id\":1}],\"next\":null},"
            "\"total\":1}") << QStringList { u"first.items[0]"_s }
                                                        << QList<QByteArray> { "{\"id\":1}" } << none;
        QTest::newRow("type-last") << QByteArray(
            "{\"first\":{\"items\":[{}]},\"type\":\"AnnotationCollection\"}")
                                   << QStringList { u"first.items[0]"_s } << QList<QByteArray> { "{}" }
                                   << none;
        QTest::newRow("single-annotation-bom")
            << QByteArray("\xEF\xBB\xBF\n{\"type\":\"Annotation\",\"target\":{\"s\":[1]}}\n")
            << QStringList { u"annotation"_s }
            << QList<QByteArray> { "{\"type\":\"Annotation\",\"target\":{\"s\":[1]}}" } << none;
        QTest::newRow("empty-page") << QByteArray("{\"type\":\"AnnotationPage\",\"items\":[]}")
                                    << QStringList() << QList<QByteArray>() << none;
        QTest::newRow("too-long") << QByteArray("[{\"a\":\"" + QByteArray(3000, 'x') + "\"},{\"b\":1}]")
                                  << QStringList { u"annotations[0]"_s, u"annotations[1]"_s }
                                  << QList<QByteArray> { "", "{\"b\":1}" } << none;
        QTest::newRow("single-annotation-too-long")
            << QByteArray("{\"type\":\"Annotation\",\"label\":\"" + QByteArray(3000, 'x') + "\"}")
            << QStringList { u"annotation"_s } << QList<QByteArray> { "" } << none;
        QTest::newRow("empty") << QByteArray() << QStringList() << QList<QByteArray>()
                               << u"not JSON: the file is empty"_s;
        QTest::newRow("a-string") << QByteArray("\"x\"") << QStringList() << QList<QByteArray>()
                                  << u"not JSON: an object or an array expected at byte 0"_s;
        QTest::newRow("unknown-type")
            << QByteArray("{\"type\":\"Nothing\",\"items\":[{}]}") << QStringList() << QList<QByteArray>()
            << u"not a Web Annotation collection, page or annotation: the type is \"Nothing\""_s;
        QTest::newRow("no-type") << QByteArray("{\"items\":[{}]}") << QStringList { u"items[0]"_s }
                                 << QList<QByteArray> { "{}" }
                                 << u"not a Web Annotation collection, page or annotation"_s;
        QTest::newRow("first-page-elsewhere")
            << QByteArray("{\"type\":\"AnnotationCollection\",\"first\":\"https://example.org/page1\"}")
            << QStringList() << QList<QByteArray>()
            << u"first: the collection's first page must be in the file"_s;
        QTest::newRow("mismatched") << QByteArray("[{\"a\":[1,2}]") << QStringList() << QList<QByteArray>()
                                    << u"not JSON: } where ] closes annotations[0], at byte 10"_s;
        QTest::newRow("truncated") << QByteArray("[{\"a\":1},{\"b\":") << QStringList { u"annotations[0]"_s }
                                   << QList<QByteArray> { "{\"a\":1}" }
                                   << u"not JSON: the file ends inside annotations[1]: it is truncated"_s;
        QTest::newRow("no-comma") << QByteArray("[{} {}]") << QStringList { u"annotations[0]"_s }
                                  << QList<QByteArray> { "{}" }
                                  << u"not JSON: a comma or ] expected after annotations[0] at byte 4"_s;
        QTest::newRow("more-after-the-end")
            << QByteArray("[{}] x") << QStringList { u"annotations[0]"_s } << QList<QByteArray> { "{}" }
            << u"not JSON: more after the end, at byte 5"_s;
        QTest::newRow("too-deep") << QByteArray("[").repeated(71) + QByteArray("]").repeated(71)
                                  << QStringList() << QList<QByteArray>()
                                  << u"not JSON: annotations[0] nests deeper than 64 levels"_s;
        QTest::newRow("truncated-name") << QByteArray("{\"type\":\"AnnotationPage\",\"ite") << QStringList()
                                        << QList<QByteArray>() << u"it is truncated"_s;
    }

    void testStream()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, fields);
        QFETCH(QList<QByteArray>, annotations);
        QFETCH(QString, error);
        QBuffer buffer(&bytes);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        W3cAnnotationStream stream(buffer, 1024);
        QStringList gotFields;
        QList<QByteArray> got;
        while (const auto annotation = stream.next()) {
            gotFields << annotation->field;
            got << annotation->bytes.toByteArray();
            QCOMPARE(annotation->tooLong, annotation->bytes.isEmpty());
        }
        QCOMPARE(gotFields, fields);
        QCOMPARE(got, annotations);
        QVERIFY2(error.isEmpty() ? stream.errorString().isEmpty() : stream.errorString().contains(error),
            qPrintable(stream.errorString()));
        QVERIFY(!stream.next());
    }

    void testStreamLines_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QList<qint64>>("lines"); // where each annotation begins
        QTest::newRow("one-a-line") << QByteArray("[\n{\"a\":1},\n{\"b\":2}\n]") << QList<qint64> { 2, 3 };
        QTest::newRow("crlf-and-blank-lines")
            << QByteArray("[\r\n\r\n{\"a\":1},\r\n  {\"b\":\r\n2}, {\"c\":3}]") << QList<qint64> { 3, 4, 5 };
        QTest::newRow("single-annotation")
            << QByteArray("\n\n{\"type\":\"Annotation\"}\n") << QList<qint64> { 3 };
        // Longer than the cap and than the stream's buffer: its line breaks are counted as the
        // buffer lets its bytes go.
        constexpr qint64 breaks = 600'000;
        QTest::newRow("after-a-long-one") << "[\n{\"a\":[" + QByteArray("1,\n").repeated(breaks)
                + "1]},\n{\"b\":1}]" << QList<qint64> { 2, breaks + 3 };
    }

    void testStreamLines()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QList<qint64>, lines);
        QBuffer buffer(&bytes);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        W3cAnnotationStream stream(buffer, 1024);
        QList<qint64> got;
        while (const auto annotation = stream.next())
            got << annotation->line;
        QVERIFY2(stream.errorString().isEmpty(), qPrintable(stream.errorString()));
        QCOMPARE(got, lines);
    }

    void testLongAnnotationIsRefusedBeforeItsEnd()
    {
        // Refused as soon as it outgrows the cap: an import that stops there reads no further.
        // Passed over at the next call, and the annotation after it is read.
        constexpr qsizetype length = 16 * 1024 * 1024;
        QByteArray bytes = "[{\"a\":\"" + QByteArray(length, 'x') + "\"},{\"b\":1}]";
        QBuffer buffer(&bytes);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        W3cAnnotationStream stream(buffer, 1024);
        const auto refused = stream.next();
        QVERIFY(refused && refused->tooLong);
        QVERIFY2(buffer.pos() < length / 4, qPrintable(QString::number(buffer.pos())));
        const auto after = stream.next();
        QVERIFY(after && !after->tooLong);
        QCOMPARE(after->bytes.toByteArray(), "{\"b\":1}");
        QVERIFY(!stream.next());
        QVERIFY2(stream.errorString().isEmpty(), qPrintable(stream.errorString()));
    }

    void testCancelledExportLeavesNoFile()
    {
        QTemporaryDir dir;
        auto store = fixtureProject(dir);
        const auto format = FormatRegistry::create(u"w3c");
        const QString out = dir.filePath(u"out.jsonld"_s);
        QVERIFY(!format->write(*store, out, [](qint64, qint64) { return false; }));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestFormatsW3c)
#include "tst_formats_w3c.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// W3C Web Annotation: the golden export, and the structure a JSON-LD consumer relies on:
// every TextPositionSelector counts code points and agrees with its TextQuoteSelector, quotes
// link to the annotation of their speaker, statuses travel as "moderating" bodies.
#include "formatfixtures.h"

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

} // namespace

class TestFormatsW3c final : public QObject {
    Q_OBJECT

private:
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
        QCOMPARE(format->capabilities(), DatasetFormat::CanRead | DatasetFormat::CanWrite);
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

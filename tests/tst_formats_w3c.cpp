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
        QCOMPARE(format->capabilities(), DatasetFormat::Capabilities(DatasetFormat::CanWrite));
        QVERIFY(!FormatRegistry::shortNames(DatasetFormat::CanRead).contains(u"w3c"_s));
        QCOMPARE(FormatRegistry::forFileName(u"x.jsonld"_s, DatasetFormat::CanWrite)->shortName(), u"w3c"_s);
        QTemporaryDir dir;
        auto store = newProject(dir, u"p.byline"_s);
        QVERIFY(!format->read(*store, dir.filePath(u"x.jsonld"_s), nullptr, {}));
        QVERIFY(format->errorString().contains(u"cannot be read"_s));
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

// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input never crashes the extractor, and every span it returns lies inside the text.
#include "extraction/extractor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

bool inside(const Span &span, qsizetype length, bool nullable)
{
    return span.isNull() ? nullable : span.isValidIn(length);
}

void verifySpans(const QString &text, const AnnotationSet &set)
{
    const qsizetype length = text.size();
    QSet<RecordId> ids;
    for (const Entity &entity : set.entities) {
        ids.insert(entity.id);
        QVERIFY(!entity.mentions.isEmpty());
        for (const Mention &mention : entity.mentions)
            QVERIFY(inside(mention.span, length, false) && mention.span.length() > 0);
    }
    for (const Quote &quote : set.quotes) {
        QVERIFY(!quote.content.isEmpty());
        for (const Span &part : quote.content)
            QVERIFY(inside(part, length, false));
        QVERIFY(inside(quote.cue, length, true));
        QVERIFY(inside(quote.source, length, true));
        QVERIFY(quote.speakerId == 0 || ids.contains(quote.speakerId));
    }
    for (const Figure &figure : set.figures) {
        QVERIFY(inside(figure.span, length, false));
        QVERIFY(inside(figure.number, length, false));
    }
}

QString sample()
{
    QFile file(u":/byline/samples/kazakhstan-coup-putin.txt"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no sample article");
    return QString::fromUtf8(file.readAll());
}

} // namespace

class TestExtractRobustness final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testBadInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("white-space") << u"  \n\n\t \n"_s;
        QTest::newRow("only-quotation-marks")
            << u"\"\"\u201C\u201D\u201C\u00AB\u00BB\u201E\"\u201D\u201D\u201C"_s;
        QTest::newRow("quotation-marks-and-spaces") << u"\" \" \u201C \u201D \u201C\n\u201D \""_s;
        QTest::newRow("unpaired-opening") << u"He said: \"it will never close. And then \u201Cthis"_s;
        QTest::newRow("unpaired-closing") << u"It ended.\u201D He said so.\" \u00BB"_s;
        QTest::newRow("lone-high-surrogate") << QString(QChar(0xD800)) + u" said Anna Berg. \"Yes\""_s;
        QTest::newRow("lone-low-surrogate") << u"Anna Berg said \""_s + QChar(0xDC00) + u"\" 5%"_s;
        QTest::newRow("reversed-surrogates")
            << QString(QChar(0xDC00)) + QChar(0xD800) + u" Putin "_s + QChar(0xDBFF);
        QTest::newRow("emoji") << u"\U0001F600 Putin said \u201C\U0001F600 fine\u201D, 5 \U0001F600 people"_s;
        QTest::newRow("only-punctuation") << u".,;:!?-\u2014()[]%$\u00A3\u20AC"_s;
        QTest::newRow("only-cues") << u"said said told according to adding, said: said"_s;
        QTest::newRow("numbers-only") << u"1 2,000 3.5 4bn 5m 6% 2006 1,2,3 ,5 .5 5."_s;
        QTest::newRow("scale-without-number") << u"bn m million per cent p pence"_s;
        QTest::newRow("no-white-space") << QString(5000, u'a');
        QTest::newRow("long-sentence-of-cues") << u"Anna Berg said "_s.repeated(3000);
        QTest::newRow("nested-marks") << u"\"A \u201CB \u00ABC\u00BB D\u201D E\" said Anna Berg."_s;
        QTest::newRow("null-characters") << QString(10, QChar(0)) + u"Putin said it."_s;
    }

    void testBadInput()
    {
        QFETCH(QString, text);
        const AnnotationSet set = Extractor().extract(text);
        verifySpans(text, set);
    }

    void testHugeText()
    {
        // 20 MB of articles: linear time, spans inside the text
        const QString article = sample();
        QString text;
        text.reserve(20 * 1024 * 1024);
        while (text.size() < 20 * 1024 * 1024)
            text += article + u"\n\n"_s;
        QElapsedTimer timer;
        timer.start();
        const AnnotationSet set = Extractor().extract(text);
        qInfo() << "20 MB in" << timer.elapsed() << "ms:" << set.entities.size() << "entities,"
                << set.quotes.size() << "quotes," << set.figures.size() << "figures";
        QVERIFY(!set.quotes.isEmpty());
        verifySpans(text, set);
    }

    void testHugeQuote()
    {
        // one mark opening a 20 MB paragraph with no full stop
        QString text = u"\u201C"_s;
        text.reserve(20 * 1024 * 1024);
        while (text.size() < 20 * 1024 * 1024)
            text += u"the minister said the rise of 5% would stay "_s;
        const AnnotationSet set = Extractor().extract(text);
        verifySpans(text, set);
    }

    void testDeterministic()
    {
        const QString text = sample();
        const AnnotationSet one = Extractor().extract(text);
        const AnnotationSet two = Extractor().extract(text);
        QCOMPARE(one.entities, two.entities);
        QCOMPARE(one.quotes, two.quotes);
        QCOMPARE(one.figures, two.figures);
    }
};

QTEST_GUILESS_MAIN(TestExtractRobustness)
#include "tst_extract_robustness.moc"

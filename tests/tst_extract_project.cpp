// SPDX-License-Identifier: GPL-3.0-or-later
// Learning from the analyst: names, rejections and cues of the project lexicon.
#include "extraction/extractor.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QStringList mentions(const QString &text, const AnnotationSet &set)
{
    QStringList out;
    for (const Entity &entity : set.entities) {
        for (const Mention &mention : entity.mentions)
            out.append(entity.type + u':' + text.mid(mention.span.start, mention.span.length()));
    }
    out.sort();
    return out;
}

} // namespace

class TestExtractProject final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testKnownNameIsFound()
    {
        const QString text = u"Talks stalled, and Blinken flew home."_s;
        Extractor extractor;
        QVERIFY(!mentions(text, extractor.extract(text)).contains(u"PERSON:Blinken"_s));
        ProjectLexicon lexicon;
        lexicon.addName(u"Blinken"_s, u"PERSON"_s, u"Antony Blinken"_s);
        extractor.setProjectLexicon(lexicon);
        const AnnotationSet set = extractor.extract(text);
        QVERIFY(mentions(text, set).contains(u"PERSON:Blinken"_s));
        QCOMPARE(set.entities.first().name, u"Antony Blinken"_s);
        QCOMPARE(set.entities.first().provenance.rule, u"entity.project-lexicon"_s);
    }

    void testKnownNameOverridesType()
    {
        const QString text = u"Shares in Jordan Brands rose."_s;
        ProjectLexicon lexicon;
        lexicon.addName(u"Jordan Brands"_s, u"ORG"_s);
        Extractor extractor;
        extractor.setProjectLexicon(lexicon);
        QCOMPARE(mentions(text, extractor.extract(text)), QStringList { u"ORG:Jordan Brands"_s });
    }

    void testRejectedEntityIsNotSuggested()
    {
        const QString text = u"Analysts at Grey Matter said so."_s;
        Extractor extractor;
        QVERIFY(mentions(text, extractor.extract(text)).contains(u"PERSON:Grey Matter"_s));
        ProjectLexicon lexicon;
        lexicon.rejectEntity(u"Grey Matter"_s, u"PERSON"_s);
        extractor.setProjectLexicon(lexicon);
        QVERIFY(!mentions(text, extractor.extract(text)).contains(u"PERSON:Grey Matter"_s));
    }

    void testRejectedQuoteAndFigure()
    {
        const QString text = u"Anna Berg said the plan was sound. It cost 5 million people nothing."_s;
        Extractor extractor;
        const AnnotationSet before = extractor.extract(text);
        QCOMPARE(before.quotes.size(), 1);
        QCOMPARE(before.figures.size(), 1);
        ProjectLexicon lexicon;
        lexicon.rejectQuote(u"the plan was sound"_s);
        lexicon.rejectFigure(u"5 million people"_s);
        extractor.setProjectLexicon(lexicon);
        const AnnotationSet after = extractor.extract(text);
        QVERIFY(after.quotes.isEmpty());
        QVERIFY(after.figures.isEmpty());
    }

    void testConfirmedCue()
    {
        const QString text = u"\"We will be back,\" quipped Anna Berg."_s;
        Extractor extractor;
        QVERIFY(extractor.extract(text).quotes.isEmpty());
        ProjectLexicon lexicon;
        lexicon.addCue(u"quipped"_s);
        extractor.setProjectLexicon(lexicon);
        const AnnotationSet set = extractor.extract(text);
        QCOMPARE(set.quotes.size(), 1);
        QVERIFY(set.quotes.first().kind == QuoteKind::Direct);
    }
};

QTEST_GUILESS_MAIN(TestExtractProject)
#include "tst_extract_project.moc"

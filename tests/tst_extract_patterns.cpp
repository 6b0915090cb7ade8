// SPDX-License-Identifier: GPL-3.0-or-later
// The common ways news English attributes speech, one row per pattern family: where the
// cue stands, how the speaker is named (name, surname, appositive, title, pronoun, role),
// time and channel phrases, split and multi-paragraph quotes, mark styles, and text that
// looks like a quote but is none. Every span is also checked in code points, the offsets
// files and exports use, so a character outside the BMP before a quote cannot shift it.
#include "extraction/extractor.h"
#include "offsetmap.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

/// The quote's content parts joined by " | ", read through code point offsets.
QString contentInCodePoints(const QString &text, const Quote &quote)
{
    const OffsetMap map(text);
    const QList<uint> codePoints = text.toUcs4();
    QStringList parts;
    for (const Span &part : quote.content) {
        const qsizetype start = map.toCodePoint(part.start);
        const qsizetype end = map.toCodePoint(part.end);
        const QList<uint> slice = codePoints.mid(start, end - start);
        parts.append(QString::fromUcs4(reinterpret_cast<const char32_t *>(slice.constData()), slice.size()));
    }
    return parts.join(u" | "_s);
}

QString covered(const QString &text, const Span &span)
{
    return span.isNull() ? QString() : text.mid(span.start, span.length());
}

QString speakerOf(const AnnotationSet &set, const Quote &quote)
{
    for (const Entity &entity : set.entities) {
        if (entity.id == quote.speakerId)
            return entity.name;
    }
    return {};
}

} // namespace

class TestExtractPatterns final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testAttribution_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>(
            "content"); ///< parts joined by " | "; the quote with this content is checked
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("cue");
        QTest::addColumn<QString>("speaker"); ///< the speaker entity's name, empty for none

        // where the cue stands
        QTest::newRow("name-cue-after-quote")
            << u"\u201CThe border will stay open,\u201D Amina Diallo said."_s
            << u"The border will stay open,"_s << u"direct"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("cue-before-name")
            << u"\u201CThe border will stay open,\u201D said Amina Diallo."_s
            << u"The border will stay open,"_s << u"direct"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("cue-before-name-apposition-time")
            << u"\u201CWe will not retreat from Almaty,\u201D said Kassym-Jomart Tokayev, the president of Kazakhstan, on Tuesday."_s
            << u"We will not retreat from Almaty,"_s << u"direct"_s << u"said"_s
            << u"Kassym-Jomart Tokayev"_s;
        QTest::newRow("cue-before-name-apposition-time-own-paragraph")
            << u"Protests spread across the country.\n\n\u201CWe will not retreat from Almaty,\u201D said Kassym-Jomart Tokayev, the president of Kazakhstan, on Tuesday.\n\nThe army was deployed."_s
            << u"We will not retreat from Almaty,"_s << u"direct"_s << u"said"_s
            << u"Kassym-Jomart Tokayev"_s;
        QTest::newRow("cue-before-name-apposition")
            << u"\u201CThe water is safe,\u201D said Tomasz Nowak, the mayor of the town."_s
            << u"The water is safe,"_s << u"direct"_s << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("cue-before-name-time")
            << u"\u201CThe water is safe,\u201D said Tomasz Nowak on Friday."_s << u"The water is safe,"_s
            << u"direct"_s << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("cue-before-name-relative-clause")
            << u"\u201CThe water is safe,\u201D said Tomasz Nowak, who has run the utility since 2019."_s
            << u"The water is safe,"_s << u"direct"_s << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("cue-before-title-name")
            << u"\u201CThe water is safe,\u201D said Health Minister Tomasz Nowak."_s
            << u"The water is safe,"_s << u"direct"_s << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("name-cue-time-after-quote")
            << u"\u201CThe water is safe,\u201D Tomasz Nowak said on Friday."_s << u"The water is safe,"_s
            << u"direct"_s << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("name-cue-last-week")
            << u"\u201CThe water is safe,\u201D Tomasz Nowak said last week."_s << u"The water is safe,"_s
            << u"direct"_s << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("name-cue-before-colon")
            << u"Amina Diallo said on Monday: \u201CThe border will stay open.\u201D"_s
            << u"The border will stay open."_s << u"direct"_s << u"said"_s << u"Amina Diallo"_s;

        // surnames and pronouns
        QTest::newRow("surname-resolves-to-full-name")
            << u"Kassym-Jomart Tokayev returned to the capital.\n\n\u201CWe will not retreat from Almaty,\u201D Tokayev said on Tuesday."_s
            << u"We will not retreat from Almaty,"_s << u"direct"_s << u"said"_s
            << u"Kassym-Jomart Tokayev"_s;
        QTest::newRow("surname-alone")
            << u"\u201CWe will not retreat from Almaty,\u201D Tokayev said on Tuesday."_s
            << u"We will not retreat from Almaty,"_s << u"direct"_s << u"said"_s << u"Tokayev"_s;
        QTest::newRow("surname-alone-cue-before")
            << u"\u201CThe dam will hold,\u201D said Okonkwo."_s << u"The dam will hold,"_s << u"direct"_s
            << u"said"_s << u"Okonkwo"_s;
        QTest::newRow("surname-alone-reported")
            << u"On Friday, Okonkwo said the dam would hold."_s << u"the dam would hold"_s << u"indirect"_s
            << u"said"_s << u"Okonkwo"_s;
        QTest::newRow("surname-alone-inverted-cue-first")
            << u"The shop closed in May, said Hoa."_s << u"The shop closed in May"_s << u"indirect"_s
            << u"said"_s << u"Hoa"_s;
        QTest::newRow("surname-alone-according-to")
            << u"Sales fell in May, according to Hoa."_s << u"Sales fell in May"_s << u"indirect"_s
            << u"according to"_s << u"Hoa"_s;
        QTest::newRow("surname-alone-adverb-before-cue")
            << u"\u201CSales fell,\u201D Hoa later told parliament."_s << u"Sales fell,"_s << u"direct"_s
            << u"told"_s << u"Hoa"_s;
        QTest::newRow("short-form-of-organisation-speaks")
            << u"Tarsen Marine Logistics agreed to buy a rival.\n\n\u201CThe deal makes sense,\u201D Tarsen said in a statement."_s
            << u"The deal makes sense,"_s << u"direct"_s << u"said"_s << u"Tarsen Marine Logistics"_s;
        QTest::newRow("surname-with-honorific")
            << u"Chidi Okonkwo runs the dam.\n\n\u201CIt will hold,\u201D Mr Okonkwo said."_s
            << u"It will hold,"_s << u"direct"_s << u"said"_s << u"Chidi Okonkwo"_s;
        QTest::newRow("pronoun-last-person")
            << u"Chidi Okonkwo runs the dam.\n\n\u201CIt will hold,\u201D he said."_s << u"It will hold,"_s
            << u"direct"_s << u"said"_s << u"Chidi Okonkwo"_s;
        QTest::newRow("pronoun-reported")
            << u"Chidi Okonkwo runs the dam. He said the dam would hold through the rains."_s
            << u"the dam would hold through the rains"_s << u"indirect"_s << u"said"_s << u"Chidi Okonkwo"_s;
        QTest::newRow("pronoun-gender")
            << u"Maria Santos met Paulo Reis in the square. \u201CWe agreed on nothing,\u201D she said."_s
            << u"We agreed on nothing,"_s << u"direct"_s << u"said"_s << u"Maria Santos"_s;

        // appositions and titles
        QTest::newRow("role-comma-name-comma-said")
            << u"The finance minister, Aliya Serikbayeva, said prices would fall."_s << u"prices would fall"_s
            << u"indirect"_s << u"said"_s << u"Aliya Serikbayeva"_s;
        QTest::newRow("name-comma-role-comma-said")
            << u"Aliya Serikbayeva, the finance minister, said prices would fall."_s << u"prices would fall"_s
            << u"indirect"_s << u"said"_s << u"Aliya Serikbayeva"_s;
        QTest::newRow("title-name-said")
            << u"Finance Minister Aliya Serikbayeva said prices would fall."_s << u"prices would fall"_s
            << u"indirect"_s << u"said"_s << u"Aliya Serikbayeva"_s;
        QTest::newRow("quote-role-comma-name-told")
            << u"\u201CPrices will fall,\u201D the finance minister, Aliya Serikbayeva, told reporters on Monday."_s
            << u"Prices will fall,"_s << u"direct"_s << u"told"_s << u"Aliya Serikbayeva"_s;
        QTest::newRow("quote-name-comma-role-comma-said")
            << u"\u201CPrices will fall,\u201D Aliya Serikbayeva, the finance minister, said."_s
            << u"Prices will fall,"_s << u"direct"_s << u"said"_s << u"Aliya Serikbayeva"_s;
        QTest::newRow("role-noun-resolves")
            << u"Kassym-Jomart Tokayev, the president of Kazakhstan, flew home. Later the president said the unrest was over."_s
            << u"the unrest was over"_s << u"indirect"_s << u"said"_s << u"Kassym-Jomart Tokayev"_s;
        QTest::newRow("role-noun-nationality-resolves")
            << u"Kazakh President Kassym-Jomart Tokayev flew home.\n\n\u201CThe unrest is over,\u201D the Kazakh president said."_s
            << u"The unrest is over,"_s << u"direct"_s << u"said"_s << u"Kassym-Jomart Tokayev"_s;

        // time and channel phrases
        QTest::newRow("said-on-weekday-that")
            << u"Amina Diallo said on Monday that the border would stay open."_s
            << u"the border would stay open"_s << u"indirect"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("said-weekday-without-on")
            << u"Amina Diallo said Monday that the border would stay open."_s
            << u"the border would stay open"_s << u"indirect"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("time-before-cue")
            << u"Amina Diallo on Monday said the border would stay open."_s << u"the border would stay open"_s
            << u"indirect"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("inverted-last-week")
            << u"The border will stay open, Amina Diallo said last week."_s << u"The border will stay open"_s
            << u"indirect"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("said-in-a-statement")
            << u"Amina Diallo said in a statement that the border would stay open."_s
            << u"the border would stay open"_s << u"indirect"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("quote-said-in-a-statement")
            << u"\u201CThe border will stay open,\u201D Amina Diallo said in a statement."_s
            << u"The border will stay open,"_s << u"direct"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("told-reporters-that")
            << u"Amina Diallo told reporters that the border would stay open."_s
            << u"the border would stay open"_s << u"indirect"_s << u"told"_s << u"Amina Diallo"_s;
        QTest::newRow("told-reporters-colon")
            << u"Amina Diallo told reporters: \u201CThe border will stay open.\u201D"_s
            << u"The border will stay open."_s << u"direct"_s << u"told"_s << u"Amina Diallo"_s;
        QTest::newRow("quote-told-reporters")
            << u"\u201CThe border will stay open,\u201D Amina Diallo told reporters in Dakar."_s
            << u"The border will stay open,"_s << u"direct"_s << u"told"_s << u"Amina Diallo"_s;

        // other cues
        QTest::newRow("according-to-after")
            << u"The border will stay open, according to Amina Diallo."_s << u"The border will stay open"_s
            << u"indirect"_s << u"according to"_s << u"Amina Diallo"_s;
        QTest::newRow("according-to-before")
            << u"According to Amina Diallo, the border will stay open."_s << u"the border will stay open"_s
            << u"indirect"_s << u"According to"_s << u"Amina Diallo"_s;
        QTest::newRow("added-after-quote")
            << u"Amina Diallo spoke in Dakar. \u201CThe border will stay open,\u201D Diallo added."_s
            << u"The border will stay open,"_s << u"direct"_s << u"added"_s << u"Amina Diallo"_s;
        QTest::newRow("warned-that") << u"Amina Diallo warned that the border could close."_s
                                     << u"the border could close"_s << u"indirect"_s << u"warned"_s
                                     << u"Amina Diallo"_s;
        QTest::newRow("warned-without-that")
            << u"Amina Diallo warned the border could close."_s << u"the border could close"_s
            << u"indirect"_s << u"warned"_s << u"Amina Diallo"_s;
        QTest::newRow("insisted") << u"Amina Diallo insisted the border would stay open."_s
                                  << u"the border would stay open"_s << u"indirect"_s << u"insisted"_s
                                  << u"Amina Diallo"_s;

        // quote shapes
        QTest::newRow("split-quote")
            << u"\u201CThe border will stay open,\u201D Amina Diallo said. \u201CNobody will be turned away.\u201D"_s
            << u"The border will stay open, | Nobody will be turned away."_s << u"direct"_s << u"said"_s
            << u"Amina Diallo"_s;
        QTest::newRow("interrupted-quote")
            << u"\u201CThe border,\u201D Amina Diallo said, \u201Cwill stay open.\u201D"_s
            << u"The border, | will stay open."_s << u"direct"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("multi-paragraph-cue-first")
            << u"Amina Diallo said: \u201CThe border will stay open.\n\n\u201CNobody will be turned away.\u201D"_s
            << u"The border will stay open. | Nobody will be turned away."_s << u"direct"_s << u"said"_s
            << u"Amina Diallo"_s;
        QTest::newRow("multi-paragraph-after-split")
            << u"\u201CThe border will stay open,\u201D Amina Diallo said. \u201CNobody will be turned away.\n\n\u201CWe have food for all.\u201D"_s
            << u"The border will stay open, | Nobody will be turned away. | We have food for all."_s
            << u"direct"_s << u"said"_s << u"Amina Diallo"_s;
        QTest::newRow("multi-paragraph-straight-marks")
            << u"Tomasz Nowak said: \"The water is safe.\n\n\"Nobody has fallen ill.\""_s
            << u"The water is safe. | Nobody has fallen ill."_s << u"direct"_s << u"said"_s
            << u"Tomasz Nowak"_s;
        QTest::newRow("multi-paragraph-cue-in-last")
            << u"\u201CThe water is safe.\n\n\u201CNobody has fallen ill,\u201D said Tomasz Nowak."_s
            << u"The water is safe. | Nobody has fallen ill,"_s << u"direct"_s << u"said"_s
            << u"Tomasz Nowak"_s;
        QTest::newRow("straight-marks")
            << u"\"The water is safe,\" said Tomasz Nowak, the mayor, on Friday."_s << u"The water is safe,"_s
            << u"direct"_s << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("straight-marks-colon")
            << u"Tomasz Nowak said: \"The water is safe.\""_s << u"The water is safe."_s << u"direct"_s
            << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("nested-single-marks")
            << u"\u201CThey told us \u2018go home\u2019 and left,\u201D Tomasz Nowak said."_s
            << u"They told us \u2018go home\u2019 and left,"_s << u"direct"_s << u"said"_s
            << u"Tomasz Nowak"_s;
        QTest::newRow("mixed") << u"Tomasz Nowak said the water was \u201Cperfectly safe\u201D to drink."_s
                               << u"the water was \u201Cperfectly safe\u201D to drink"_s << u"mixed"_s
                               << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("emoji-before-quote")
            << u"Flood day \U0001F30A\U0001F30A\n\n\U0001F30A \u201CThe water is safe,\u201D said Tomasz Nowak on Friday. \U0001F44D"_s
            << u"The water is safe,"_s << u"direct"_s << u"said"_s << u"Tomasz Nowak"_s;
        QTest::newRow("emoji-before-reported")
            << u"\U0001F4E2 Tomasz Nowak said the water was safe."_s << u"the water was safe"_s
            << u"indirect"_s << u"said"_s << u"Tomasz Nowak"_s;
        // sources that name nobody, organisations, second-hand speech
        QTest::newRow("person-familiar-with")
            << u"Government lawyers will not appeal, a person familiar with the matter said."_s
            << u"Government lawyers will not appeal"_s << u"indirect"_s << u"said"_s << QString();
        QTest::newRow("sources-close-to") << u"Sources close to the talks said a deal was near."_s
                                          << u"a deal was near"_s << u"indirect"_s << u"said"_s << QString();
        QTest::newRow("organisation-with-short-name")
            << u"No deaths were reported, but the Tarsen Safety Board (TSB) said five people were hurt."_s
            << u"five people were hurt"_s << u"indirect"_s << u"said"_s << u"Tarsen Safety Board"_s;
        QTest::newRow("organisation-said-in-statement-adding")
            << u"The Tarsen Water Board met. The decision was unanimous, the board said in a statement, adding that \"more cuts\" were likely."_s
            << u"The decision was unanimous"_s << u"indirect"_s << u"said"_s << u"Tarsen Water Board"_s;
        QTest::newRow("quoted-as-saying")
            << u"Maria Santos was quoted by Reuters as saying the water was safe."_s
            << u"the water was safe"_s << u"indirect"_s << u"saying"_s << u"Maria Santos"_s;
        QTest::newRow("given-name-and-place-surname")
            << u"\u201CThe water is safe,\u201D said Ana Lima, a spokeswoman for the ministry."_s
            << u"The water is safe,"_s << u"direct"_s << u"said"_s << u"Ana Lima"_s;
        QTest::newRow("surname-age-told")
            << u"\u201CThe water is safe,\u201D Santos, 45, told reporters in Dakar on Monday."_s
            << u"The water is safe,"_s << u"direct"_s << u"told"_s << u"Santos"_s;
        QTest::newRow("adverb-before-cue")
            << u"\u201CThe water is safe,\u201D Maria Santos later said."_s << u"The water is safe,"_s
            << u"direct"_s << u"said"_s << u"Maria Santos"_s;
        QTest::newRow("inverted-weekday-split")
            << u"Maria Santos spoke. The water was safe, Santos said Monday, and nobody had fallen ill."_s
            << u"The water was safe | and nobody had fallen ill"_s << u"indirect"_s << u"said"_s
            << u"Maria Santos"_s;
        QTest::newRow("inverted-told-listener")
            << u"Maria Santos spoke. The road was closed, Santos told reporters on Monday."_s
            << u"The road was closed"_s << u"indirect"_s << u"told"_s << u"Maria Santos"_s;
        QTest::newRow("speaker-second-verb")
            << u"Prime Minister Maria Santos said the road was closed, but gave no date."_s
            << u"the road was closed"_s << u"indirect"_s << u"said"_s << u"Maria Santos"_s;
        QTest::newRow("reported-second-verb")
            << u"Maria Santos said the plan had failed, but was revived."_s
            << u"the plan had failed, but was revived"_s << u"indirect"_s << u"said"_s << u"Maria Santos"_s;
        QTest::newRow("pronoun-split-after-reported")
            << u"Maria Santos said the road was closed. \"We have no choice,\" she added. \"It is dangerous.\""_s
            << u"We have no choice, | It is dangerous."_s << u"direct"_s << u"added"_s << u"Maria Santos"_s;
        QTest::newRow("role-noun-after-apposition")
            << u"Aliya Serikbayeva, the finance minister, visited Almaty.\n\n\u201CPrices will fall,\u201D the minister told reporters."_s
            << u"Prices will fall,"_s << u"direct"_s << u"told"_s << u"Aliya Serikbayeva"_s;
        QTest::newRow("organisation-noun")
            << u"Tarsen Logistics cut 300 jobs.\n\n\u201CWe regret the decision,\u201D the company said in a statement."_s
            << u"We regret the decision,"_s << u"direct"_s << u"said"_s << u"Tarsen Logistics"_s;
        QTest::newRow("police-name-nobody")
            << u"\u201CThree people have been arrested,\u201D police said."_s
            << u"Three people have been arrested,"_s << u"direct"_s << u"said"_s << QString();
        QTest::newRow("colon-after-time-and-channel")
            << u"Maria Santos said in a statement on Monday: \u201CThe road is closed.\u201D"_s
            << u"The road is closed."_s << u"direct"_s << u"said"_s << u"Maria Santos"_s;
        QTest::newRow("colon-after-topic")
            << u"Maria Santos said of the decision: \u201CIt is a disgrace.\u201D"_s << u"It is a disgrace."_s
            << u"direct"_s << u"said"_s << u"Maria Santos"_s;
        QTest::newRow("quoted-words-open-inverted")
            << u"\u201CThe road is closed\u201D because of floods, Maria Santos said."_s
            << u"\u201CThe road is closed\u201D because of floods"_s << u"mixed"_s << u"said"_s
            << u"Maria Santos"_s;
        QTest::newRow("guillemets-cue-before-name")
            << u"\u00ABThe road is closed\u00BB, said Maria Santos, the mayor, on Monday."_s
            << u"The road is closed"_s << u"direct"_s << u"said"_s << u"Maria Santos"_s;
        QTest::newRow("three-paragraph-quote")
            << u"Maria Santos spoke on Monday.\n\n\u201CThe road is closed,\u201D she said. \u201CIt will reopen in May.\n\n\u201CNobody knows when.\u201D"_s
            << u"The road is closed, | It will reopen in May. | Nobody knows when."_s << u"direct"_s
            << u"said"_s << u"Maria Santos"_s;
        QTest::newRow("emoji-after-sentence")
            << u"Tomasz Nowak said the water was safe. \U0001F44D\U0001F44D"_s << u"the water was safe"_s
            << u"indirect"_s << u"said"_s << u"Tomasz Nowak"_s;
    }

    void testAttribution()
    {
        QFETCH(QString, text);
        QFETCH(QString, content);
        QFETCH(QString, kind);
        QFETCH(QString, cue);
        QFETCH(QString, speaker);
        const AnnotationSet set = Extractor().extract(text);
        QStringList found;
        const Quote *match = nullptr;
        for (const Quote &quote : set.quotes) {
            found.append(contentInCodePoints(text, quote));
            if (found.last() == content)
                match = &quote;
        }
        QVERIFY2(match, qPrintable(u"found: "_s + found.join(u" // "_s)));
        QCOMPARE(toString(match->kind), kind);
        QCOMPARE(covered(text, match->cue), cue);
        QCOMPARE(speakerOf(set, *match), speaker);
        // one quote per cue: no second quote made of the same cue
        for (const Quote &quote : set.quotes)
            QVERIFY(&quote == match || quote.cue != match->cue);
    }

    void testNames_data()
    {
        // names that speak, typed as people even where no list knows them
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("type");
        QTest::newRow("speaking-surname")
            << u"\u201CWe will stay,\u201D Tokayev said on Tuesday."_s << u"Tokayev"_s << u"PERSON"_s;
        QTest::newRow("given-name-and-place-surname")
            << u"The report was written by Ana Lima, a chemist."_s << u"Ana Lima"_s << u"PERSON"_s;
        QTest::newRow("place-comma-speaker")
            << u"The dam was full. In Dakar, Okonkwo said the dam would hold."_s << u"Okonkwo"_s
            << u"PERSON"_s;
    }

    void testNames()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        QFETCH(QString, type);
        const AnnotationSet set = Extractor().extract(text);
        QStringList found;
        for (const Entity &entity : set.entities) {
            found.append(entity.name + u' ' + entity.type);
            if (entity.name == name) {
                QCOMPARE(entity.type, type);
                return;
            }
        }
        QFAIL(qPrintable(u"not found among: "_s + found.join(u", "_s)));
    }

    void testNoQuote_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("scare-quote-one-word") << u"The \u201Creform\u201D was voted down in parliament."_s;
        QTest::newRow("scare-quote-two-words")
            << u"Officials defended the \u201Ctemporary measures\u201D on Monday."_s;
        QTest::newRow("nickname") << u"The festival, known locally as \u201Cthe Feast\u201D, drew crowds."_s;
        QTest::newRow("title-of-work")
            << u"Her novel \u201CThe Long Night\u201D sold a million copies in Poland."_s;
        QTest::newRow("titles-of-works-straight")
            << u"She starred in \"Dust\" and \"Blue River\" before moving to Lagos."_s;
        QTest::newRow("said-as-adjective") << u"The said property was sold in 2020."_s;
        QTest::newRow("statement-noun") << u"The statement was released on Monday."_s;
        QTest::newRow("no-comment") << u"Tarsen Logistics did not respond to a request for comment."_s;
        QTest::newRow("no-comment-contracted") << u"The ministry didn't reply to questions on Monday."_s;
        QTest::newRow("passive-by") << u"Her death was confirmed by Tarsen University, where she taught."_s;
        QTest::newRow("noun-after-participle")
            << u"The rains returned in May, raising hopes that the harvest could recover."_s;
    }

    void testNoQuote()
    {
        QFETCH(QString, text);
        const AnnotationSet set = Extractor().extract(text);
        QStringList found;
        for (const Quote &quote : set.quotes)
            found.append(contentInCodePoints(text, quote));
        QVERIFY2(set.quotes.isEmpty(), qPrintable(found.join(u" // "_s)));
    }
};

QTEST_GUILESS_MAIN(TestExtractPatterns)
#include "tst_extract_patterns.moc"

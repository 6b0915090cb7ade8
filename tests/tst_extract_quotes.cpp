// SPDX-License-Identifier: GPL-3.0-or-later
// Quote patterns of news writing: the extractor's content, kind, cue, source and speaker.
#include "extraction/extractor.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QString covered(const QString &text, const Span &span)
{
    return span.isNull() ? QString() : text.mid(span.start, span.length());
}

QString contentOf(const QString &text, const Quote &quote)
{
    QStringList parts;
    for (const Span &part : quote.content)
        parts.append(covered(text, part));
    return parts.join(u" | "_s);
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

class TestExtractQuotes final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testPatterns_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("count"); ///< quotes expected in the text
        QTest::addColumn<int>("index"); ///< the quote the other columns describe
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("content"); ///< parts joined by " | "
        QTest::addColumn<QString>("cue");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("speaker");

        QTest::newRow("said-that") << u"Maria Lopez said that the plan would fail."_s << 1 << 0
                                   << u"indirect"_s << u"the plan would fail"_s << u"said"_s
                                   << u"Maria Lopez"_s << u"Maria Lopez"_s;
        QTest::newRow("said-without-that")
            << u"John Smith said the talks had collapsed."_s << 1 << 0 << u"indirect"_s
            << u"the talks had collapsed"_s << u"said"_s << u"John Smith"_s << u"John Smith"_s;
        QTest::newRow("said-on-monday-that")
            << u"John Smith said on Monday that the talks had collapsed."_s << 1 << 0 << u"indirect"_s
            << u"the talks had collapsed"_s << u"said"_s << u"John Smith"_s << u"John Smith"_s;
        QTest::newRow("inverted-source-cue")
            << u"The talks had collapsed, John Smith said."_s << 1 << 0 << u"indirect"_s
            << u"The talks had collapsed"_s << u"said"_s << u"John Smith"_s << u"John Smith"_s;
        QTest::newRow("inverted-cue-source")
            << u"The talks had collapsed, said John Smith."_s << 1 << 0 << u"indirect"_s
            << u"The talks had collapsed"_s << u"said"_s << u"John Smith"_s << u"John Smith"_s;
        QTest::newRow("inverted-with-auxiliary")
            << u"Nine embassies will close, Foreign Secretary Jack Straw has announced."_s << 1 << 0
            << u"indirect"_s << u"Nine embassies will close"_s << u"announced"_s
            << u"Foreign Secretary Jack Straw"_s << u"Jack Straw"_s;
        QTest::newRow("interrupted-by-cue")
            << u"The court should be independent, he said, and should be fair. Later John Smith left."_s << 1
            << 0 << u"indirect"_s << u"The court should be independent | and should be fair"_s << u"said"_s
            << u"he"_s << QString();
        QTest::newRow("direct-after-straight")
            << u"\"We will win,\" John Smith said."_s << 1 << 0 << u"direct"_s << u"We will win,"_s
            << u"said"_s << u"John Smith"_s << u"John Smith"_s;
        QTest::newRow("direct-after-curly")
            << u"\u201CWe are ready,\u201D said Anna Berg."_s << 1 << 0 << u"direct"_s << u"We are ready,"_s
            << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("direct-guillemets")
            << u"\u00ABWe are ready\u00BB, said Anna Berg."_s << 1 << 0 << u"direct"_s << u"We are ready"_s
            << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("direct-question") << u"\"Why now?\" asked Anna Berg."_s << 1 << 0 << u"direct"_s
                                         << u"Why now?"_s << u"asked"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("direct-before-colon")
            << u"John Smith said: \"We will win.\""_s << 1 << 0 << u"direct"_s << u"We will win."_s
            << u"said"_s << u"John Smith"_s << u"John Smith"_s;
        QTest::newRow("direct-told-listener")
            << u"Charles Kennedy told BBC News: \"The party is split.\""_s << 1 << 0 << u"direct"_s
            << u"The party is split."_s << u"told"_s << u"Charles Kennedy"_s << u"Charles Kennedy"_s;
        QTest::newRow("direct-phrase-cue")
            << u"Anna Berg went on: \"Costs have risen.\""_s << 1 << 0 << u"direct"_s
            << u"Costs have risen."_s << u"went on"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("split-quote")
            << u"Anna Berg spoke. \u201CVery soon,\u201D she explained, \u201Cthe operation will end.\u201D"_s
            << 1 << 0 << u"direct"_s << u"Very soon, | the operation will end."_s << u"explained"_s
            << u"she"_s << u"Anna Berg"_s;
        QTest::newRow("malformed-closing-mark")
            << u"Anna Berg said: \u201CIt was an attempted coup. \u201C\n\nThe end."_s << 1 << 0
            << u"direct"_s << u"It was an attempted coup."_s << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("unpaired-opening-mark")
            << u"Anna Berg said: \"We will win"_s << 1 << 0 << u"direct"_s << u"We will win"_s << u"said"_s
            << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("multi-paragraph")
            << u"Anna Berg said: \u201CThe first part.\n\n\u201CThe second part.\u201D"_s << 1 << 0
            << u"direct"_s << u"The first part. | The second part."_s << u"said"_s << u"Anna Berg"_s
            << u"Anna Berg"_s;
        QTest::newRow("reopened-after-full-stop")
            << u"Anna Berg said: \"The first part. \"The second part.\""_s << 1 << 0 << u"direct"_s
            << u"The first part. | The second part."_s << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("continuation-without-cue")
            << u"\"First,\" Anna Berg said. \"Second.\""_s << 1 << 0 << u"direct"_s << u"First, | Second."_s
            << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("adding-colon")
            << u"Anna Berg said the plan was sound, adding: \"We are ready.\""_s << 2 << 1 << u"direct"_s
            << u"We are ready."_s << u"adding"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("stressing-that")
            << u"Anna Berg said the plan was sound, stressing that nothing had changed."_s << 2 << 1
            << u"indirect"_s << u"nothing had changed"_s << u"stressing"_s << u"Anna Berg"_s
            << u"Anna Berg"_s;
        QTest::newRow("according-to-first")
            << u"According to Anna Berg, the plan was sound."_s << 1 << 0 << u"indirect"_s
            << u"the plan was sound"_s << u"According to"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("according-to-last")
            << u"The plan was sound, according to Anna Berg."_s << 1 << 0 << u"indirect"_s
            << u"The plan was sound"_s << u"according to"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("mixed") << u"Anna Berg said the plan was \"very sound\" overall."_s << 1 << 0
                               << u"mixed"_s << u"the plan was \"very sound\" overall"_s << u"said"_s
                               << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("mixed-inverted")
            << u"The plan is \"one thing we agree on\", Anna Berg added."_s << 1 << 0 << u"mixed"_s
            << u"The plan is \"one thing we agree on\""_s << u"added"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("pronoun-previous-person")
            << u"Anna Berg arrived late. She said the plan was sound."_s << 1 << 0 << u"indirect"_s
            << u"the plan was sound"_s << u"said"_s << u"She"_s << u"Anna Berg"_s;
        QTest::newRow("pronoun-previous-speaker")
            << u"Anna Berg said the plan was sound. He Wei arrived. \"We are ready,\" she said."_s << 2 << 1
            << u"direct"_s << u"We are ready,"_s << u"said"_s << u"she"_s << u"Anna Berg"_s;
        QTest::newRow("description-role")
            << u"Foreign Minister Anna Berg met reporters. The minister said the plan was sound."_s << 1 << 0
            << u"indirect"_s << u"the plan was sound"_s << u"said"_s << u"The minister"_s << u"Anna Berg"_s;
        QTest::newRow("description-nationality")
            << u"Russian President Vladimir Putin met Kassym-Jomart Tokayev. The Kazakh president said the unrest was over."_s
            << 1 << 0 << u"indirect"_s << u"the unrest was over"_s << u"said"_s << u"The Kazakh president"_s
            << u"Kassym-Jomart Tokayev"_s;
        QTest::newRow("apposition")
            << u"Rod Eddington, BA's chief executive, said the results were respectable."_s << 1 << 0
            << u"indirect"_s << u"the results were respectable"_s << u"said"_s
            << u"Rod Eddington, BA's chief executive"_s << u"Rod Eddington"_s;
        QTest::newRow("organisation-spokesman")
            << u"A Reuters spokesman said the report was accurate."_s << 1 << 0 << u"indirect"_s
            << u"the report was accurate"_s << u"said"_s << u"A Reuters spokesman"_s << u"Reuters"_s;
        QTest::newRow("organisation-speaks")
            << u"British Airways said profits had fallen."_s << 1 << 0 << u"indirect"_s
            << u"profits had fallen"_s << u"said"_s << u"British Airways"_s << u"British Airways"_s;
        QTest::newRow("nobody-named") << u"Analysts said profits had fallen."_s << 1 << 0 << u"indirect"_s
                                      << u"profits had fallen"_s << u"said"_s << u"Analysts"_s << QString();
        QTest::newRow("told-that") << u"Anna Berg told reporters that costs had risen."_s << 1 << 0
                                   << u"indirect"_s << u"costs had risen"_s << u"told"_s << u"Anna Berg"_s
                                   << u"Anna Berg"_s;
        QTest::newRow("told-listener-pronoun")
            << u"Anna Berg told BBC Radio 4 it was impossible to continue."_s << 1 << 0 << u"indirect"_s
            << u"it was impossible to continue"_s << u"told"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("urged-object-infinitive")
            << u"Anna Berg urged ministers to act quickly."_s << 1 << 0 << u"indirect"_s
            << u"ministers to act quickly"_s << u"urged"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("pointed-out") << u"Anna Berg pointed out that costs had risen."_s << 1 << 0
                                     << u"indirect"_s << u"costs had risen"_s << u"pointed out"_s
                                     << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("nested-attribution")
            << u"The book claims Anna Berg said she would resign."_s << 2 << 1 << u"indirect"_s
            << u"she would resign"_s << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("spokesperson-for-organisation")
            << u"A spokeswoman for the Environment Agency said crews had worked all night."_s << 1 << 0
            << u"indirect"_s << u"crews had worked all night"_s << u"said"_s
            << u"A spokeswoman for the Environment Agency"_s << u"Environment Agency"_s;
        QTest::newRow("pronoun-after-spokesperson")
            << u"A spokesperson for the Rail Delivery Group said fares would rise. \"It is regrettable,\" she said."_s
            << 2 << 1 << u"direct"_s << u"It is regrettable,"_s << u"said"_s << u"she"_s
            << u"Rail Delivery Group"_s;
        QTest::newRow("relative-clause-apposition")
            << u"The Rail Delivery Group, which represents the operators, said the demands were unaffordable."_s
            << 1 << 0 << u"indirect"_s << u"the demands were unaffordable"_s << u"said"_s
            << u"The Rail Delivery Group, which represents the operators"_s << u"Rail Delivery Group"_s;
        QTest::newRow("pronoun-new-subject")
            << u"Anna Berg said costs rose. Local MP Brandon Lewis disagreed. \"It is wrong,\" he said."_s
            << 2 << 1 << u"direct"_s << u"It is wrong,"_s << u"said"_s << u"he"_s << u"Brandon Lewis"_s;
        QTest::newRow("organisation-noun-description")
            << u"The Federal Reserve kept rates on hold. The decision was unanimous, the central bank said."_s
            << 1 << 0 << u"indirect"_s << u"The decision was unanimous"_s << u"said"_s
            << u"the central bank"_s << u"Federal Reserve"_s;
        QTest::newRow("time-after-cue")
            << u"Anna Berg said on Sunday it had shot down the drones."_s << 1 << 0 << u"indirect"_s
            << u"it had shot down the drones"_s << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("channel-after-cue")
            << u"Anna Berg said in a statement the talks had failed."_s << 1 << 0 << u"indirect"_s
            << u"the talks had failed"_s << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("according-to-apposition")
            << u"According to the regional governor, Vitaly Kim, two people were injured."_s << 1 << 0
            << u"indirect"_s << u"two people were injured"_s << u"According to"_s
            << u"the regional governor, Vitaly Kim"_s << u"Vitaly Kim"_s;
        QTest::newRow("it-is-the-sentence-subject")
            << u"Ukraine fought on. The United Nations has counted 10,000 deaths, though it says the real figure is higher."_s
            << 1 << 0 << u"indirect"_s << u"the real figure is higher"_s << u"says"_s << u"it"_s
            << u"United Nations"_s;
        QTest::newRow("pronoun-gender")
            << u"Sarah Chen said costs rose. Mark Harper said fares would fall. \"It is a fair deal,\" she said."_s
            << 3 << 2 << u"direct"_s << u"It is a fair deal,"_s << u"said"_s << u"she"_s << u"Sarah Chen"_s;
        QTest::newRow("single-curly-marks")
            << u"\u2018We will win,\u2019 said Anna Berg."_s << 1 << 0 << u"direct"_s << u"We will win,"_s
            << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("single-straight-marks")
            << u"Anna Berg said the workers' union was 'very strong' now."_s << 1 << 0 << u"mixed"_s
            << u"the workers' union was 'very strong' now"_s << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("possessor-is-not-speaker")
            << u"Marsh's lawyer, Simon Fox, said his client was ashamed. David Marsh left."_s << 1 << 0
            << u"indirect"_s << u"his client was ashamed"_s << u"said"_s << u"Marsh's lawyer, Simon Fox"_s
            << u"Simon Fox"_s;
        QTest::newRow("noun-object-with-number")
            << u"David Marsh admitted 12 counts of fraud. Anna Berg said it was over."_s << 1 << 0
            << u"indirect"_s << u"it was over"_s << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
        QTest::newRow("saying-clause")
            << u"Keir Starmer accused him of delay, saying the country could not afford it."_s << 1 << 0
            << u"indirect"_s << u"the country could not afford it"_s << u"saying"_s << u"Keir Starmer"_s
            << u"Keir Starmer"_s;
        QTest::newRow("told-long-listener")
            << u"Rishi Sunak told MPs at Prime Minister's Questions that voters wanted delivery."_s << 1 << 0
            << u"indirect"_s << u"voters wanted delivery"_s << u"told"_s << u"Rishi Sunak"_s
            << u"Rishi Sunak"_s;
        QTest::newRow("apposition-after-closing-mark")
            << u"\"The public have had enough,\" the party's leader, Sir Ed Davey, told reporters."_s << 1
            << 0 << u"direct"_s << u"The public have had enough,"_s << u"told"_s
            << u"the party's leader, Sir Ed Davey"_s << u"Ed Davey"_s;
        QTest::newRow("direct-inside-reported")
            << u"Robert Peston's book claimed that Gordon Brown told Tony Blair: \"You cannot be trusted.\""_s
            << 2 << 1 << u"direct"_s << u"You cannot be trusted."_s << u"told"_s << u"Gordon Brown"_s
            << u"Gordon Brown"_s;
        QTest::newRow("time-phrase-after-cue")
            << u"It claims Tony Blair said in November 2003 he would stand down."_s << 2 << 1 << u"indirect"_s
            << u"he would stand down"_s << u"said"_s << u"Tony Blair"_s << u"Tony Blair"_s;
        QTest::newRow("weak-cue-with-that")
            << u"British Airways reported that passenger numbers rose 8.1% in January."_s << 1 << 0
            << u"indirect"_s << u"passenger numbers rose 8.1% in January"_s << u"reported"_s
            << u"British Airways"_s << u"British Airways"_s;
        QTest::newRow("noun-after-cue") << u"Jorma Ollila said demand for handsets had been strong."_s << 1
                                        << 0 << u"indirect"_s << u"demand for handsets had been strong"_s
                                        << u"said"_s << u"Jorma Ollila"_s << u"Jorma Ollila"_s;
        QTest::newRow("relative-clause-source")
            << u"Jamie Foxx dismissed critics who claimed his role was overrated."_s << 1 << 0
            << u"indirect"_s << u"his role was overrated"_s << u"claimed"_s << u"critics"_s << QString();
        QTest::newRow("age-description")
            << u"Jamie Foxx spoke in Los Angeles. The 37-year-old said: \"I let the work speak.\""_s << 1 << 0
            << u"direct"_s << u"I let the work speak."_s << u"said"_s << u"The 37-year-old"_s
            << u"Jamie Foxx"_s;
        QTest::newRow("person-in-apposition")
            << u"A spokeswoman for the Tarsen Corporation (TC), Ana Bello, said the fees were paid."_s << 1
            << 0 << u"indirect"_s << u"the fees were paid"_s << u"said"_s << u"Ana Bello"_s << u"Ana Bello"_s;
        QTest::newRow("subject-before-relative-clause")
            << u"Ivo Marek leads the union. The 54-year-old former signalman, who has led it since 2019, said the strike would spread."_s
            << 1 << 0 << u"indirect"_s << u"the strike would spread"_s << u"said"_s
            << u"The 54-year-old former signalman"_s << u"Ivo Marek"_s;
        QTest::newRow("definite-description")
            << u"Ivo Marek scored twice. The left-hander said he was tired."_s << 1 << 0 << u"indirect"_s
            << u"he was tired"_s << u"said"_s << u"The left-hander"_s << u"Ivo Marek"_s;
        QTest::newRow("she-by-pronoun-gender")
            << u"Tolu Ade, a trader, said she paid. Kunle Obi said the line was closed. \"It is unfair,\" she said."_s
            << 3 << 2 << u"direct"_s << u"It is unfair,"_s << u"said"_s << u"she"_s << u"Tolu Ade"_s;
        QTest::newRow("she-by-vietnamese-middle-name")
            << u"Trần Văn Minh and Lê Thị Lan met. \"We agree,\" she said."_s << 1 << 0 << u"direct"_s
            << u"We agree,"_s << u"said"_s << u"she"_s << u"Lê Thị Lan"_s;
        QTest::newRow("hyphenated-source-after-quote")
            << u"\"This is a merger,\" Hanul chairman Park Min-jae said."_s << 1 << 0 << u"direct"_s
            << u"This is a merger,"_s << u"said"_s << u"Hanul chairman Park Min-jae"_s << u"Park Min-jae"_s;
        QTest::newRow("told-listener-without-that")
            << u"John Smith told commissioners the utility had lost money."_s << 1 << 0 << u"indirect"_s
            << u"the utility had lost money"_s << u"told"_s << u"John Smith"_s << u"John Smith"_s;
        QTest::newRow("but-with-second-verb")
            << u"John Smith said approval was likely but could come with conditions."_s << 1 << 0
            << u"indirect"_s << u"approval was likely but could come with conditions"_s << u"said"_s
            << u"John Smith"_s << u"John Smith"_s;
        QTest::newRow("description-with-nationality")
            << u"Ana Gómez lost in three sets. The 29-year-old Spaniard said the crowd had helped."_s << 1
            << 0 << u"indirect"_s << u"the crowd had helped"_s << u"said"_s << u"The 29-year-old Spaniard"_s
            << u"Ana Gómez"_s;
        QTest::newRow("lawyer-for-organisation")
            << u"A lawyer for Tarsen Logistics said the company had done nothing wrong."_s << 1 << 0
            << u"indirect"_s << u"the company had done nothing wrong"_s << u"said"_s
            << u"A lawyer for Tarsen Logistics"_s << u"Tarsen Logistics"_s;
        QTest::newRow("accused-of") << u"Ana Bello accused political rivals of orchestrating a smear."_s << 1
                                    << 0 << u"indirect"_s << u"political rivals of orchestrating a smear"_s
                                    << u"accused"_s << u"Ana Bello"_s << u"Ana Bello"_s;
        QTest::newRow("called-on") << u"Ana Bello called on the government to raise prices."_s << 1 << 0
                                   << u"indirect"_s << u"the government to raise prices"_s << u"called on"_s
                                   << u"Ana Bello"_s << u"Ana Bello"_s;
        QTest::newRow("source-with-workplace")
            << u"Prof. Ivo Marek of Tarsen University in Egypt cautioned that the reef was at risk."_s << 1
            << 0 << u"indirect"_s << u"the reef was at risk"_s << u"cautioned"_s
            << u"Prof. Ivo Marek of Tarsen University in Egypt"_s << u"Ivo Marek"_s;
        QTest::newRow("double-surname")
            << u"Ana Gómez Ortega won. Gómez Ortega said the crowd had helped."_s << 1 << 0 << u"indirect"_s
            << u"the crowd had helped"_s << u"said"_s << u"Gómez Ortega"_s << u"Ana Gómez Ortega"_s;
        QTest::newRow("but-with-past-tense")
            << u"John Smith said the committee had considered a larger move but rejected it."_s << 1 << 0
            << u"indirect"_s << u"the committee had considered a larger move but rejected it"_s << u"said"_s
            << u"John Smith"_s << u"John Smith"_s;
        QTest::newRow("report-by-organisation")
            << u"Tarsen Logistics grew. A report by Tarsen Logistics last year said costs had risen."_s << 1
            << 0 << u"indirect"_s << u"costs had risen"_s << u"said"_s << u"A report by Tarsen Logistics"_s
            << u"Tarsen Logistics"_s;
        QTest::newRow("said-description-then-name")
            << u"\"Envelopes were still going around,\" said the group's coordinator, Nur Lestari."_s << 1
            << 0 << u"direct"_s << u"Envelopes were still going around,"_s << u"said"_s
            << u"the group's coordinator, Nur Lestari"_s << u"Nur Lestari"_s;
        QTest::newRow("according-to-hyphenated-source")
            << u"Costs rose 11 per cent, according to estimates by Seoul-based consultancy Tarsen Research."_s
            << 1 << 0 << u"indirect"_s << u"Costs rose 11 per cent"_s << u"according to"_s
            << u"estimates by Seoul-based consultancy Tarsen Research"_s << u"Tarsen Research"_s;
        QTest::newRow("organisation-named-next")
            << u"Kenya's anti-graft agency said it had opened an investigation. The Tarsen Ethics Commission gave no details."_s
            << 1 << 0 << u"indirect"_s << u"it had opened an investigation"_s << u"said"_s
            << u"Kenya's anti-graft agency"_s << u"Tarsen Ethics Commission"_s;
        QTest::newRow("officials-of-organisation")
            << u"The Tarsen Court of Appeal heard the case. A ruling was due in May, court officials said."_s
            << 1 << 0 << u"indirect"_s << u"A ruling was due in May"_s << u"said"_s << u"court officials"_s
            << u"Tarsen Court of Appeal"_s;
        QTest::newRow("apposition-after-clause-goes-on")
            << u"Ana Bello said revenue had reached 14 million rupees, a record for the ground."_s << 1 << 0
            << u"indirect"_s << u"revenue had reached 14 million rupees, a record for the ground"_s
            << u"said"_s << u"Ana Bello"_s << u"Ana Bello"_s;
        QTest::newRow("gloss-after-clause-ends")
            << u"Ana Bello said Tarsen would not allow regime change, a phrase often used by critics."_s << 1
            << 0 << u"indirect"_s << u"Tarsen would not allow regime change"_s << u"said"_s << u"Ana Bello"_s
            << u"Ana Bello"_s;
        QTest::newRow("clause-ends-at-while")
            << u"Anna Berg said that the plan failed, while John Smith stayed silent."_s << 1 << 0
            << u"indirect"_s << u"the plan failed"_s << u"said"_s << u"Anna Berg"_s << u"Anna Berg"_s;
    }

    void testPatterns()
    {
        QFETCH(QString, text);
        QFETCH(int, count);
        QFETCH(int, index);
        QFETCH(QString, kind);
        QFETCH(QString, content);
        QFETCH(QString, cue);
        QFETCH(QString, source);
        QFETCH(QString, speaker);
        const AnnotationSet set = Extractor().extract(text);
        QStringList found;
        for (const Quote &quote : set.quotes)
            found.append(contentOf(text, quote));
        QVERIFY2(set.quotes.size() == count, qPrintable(found.join(u" // "_s)));
        const Quote &quote = set.quotes.at(index);
        QCOMPARE(toString(quote.kind), kind);
        QCOMPARE(contentOf(text, quote), content);
        QCOMPARE(covered(text, quote.cue), cue);
        QCOMPARE(covered(text, quote.source), source);
        QCOMPARE(speakerOf(set, quote), speaker);
        QVERIFY(quote.provenance.status == AnnotationStatus::Auto);
        QVERIFY(quote.provenance.confidence.has_value());
        QVERIFY(!quote.provenance.rule.isEmpty());
    }

    void testNotQuotes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("noun-object") << u"The minister announced a freeze on fuel duty."_s;
        QTest::newRow("scare-quotes") << u"The so-called \"reform\" failed."_s;
        QTest::newRow("thinking-without-marks") << u"Anna Berg believes the plan will fail."_s;
        QTest::newRow("infinitive-say") << u"He declined to say whether he would stay."_s;
        QTest::newRow("absolute-participle") << u"Jobs grew, with employers adding 336,000 jobs in May."_s;
        QTest::newRow("reported-noun-object")
            << u"Nokia has reported better-than-expected profits for the quarter."_s;
        QTest::newRow("report-as-noun") << u"The report was published on Monday."_s;
        QTest::newRow("claims-as-noun") << u"He trusted her, despite claims to the contrary."_s;
        QTest::newRow("title-in-marks") << u"She read \"War and Peace\" twice."_s;
    }

    void testNotQuotes()
    {
        QFETCH(QString, text);
        const AnnotationSet set = Extractor().extract(text);
        QStringList found;
        for (const Quote &quote : set.quotes)
            found.append(contentOf(text, quote));
        QVERIFY2(set.quotes.isEmpty(), qPrintable(found.join(u" // "_s)));
    }
};

QTEST_GUILESS_MAIN(TestExtractQuotes)
#include "tst_extract_quotes.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Entity names and types, by the shortest-span rules of the annotation guidelines.
#include "extraction/extractor.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

/// The offset of the n-th occurrence (0-based) of `what` in `text`, or -1.
qsizetype occurrence(const QString &text, const QString &what, int n)
{
    qsizetype at = -1;
    for (int i = 0; i <= n; ++i) {
        at = text.indexOf(what, at + 1);
        if (at < 0)
            return -1;
    }
    return at;
}

const Entity *entityAt(const AnnotationSet &set, const Span &span)
{
    for (const Entity &entity : set.entities) {
        for (const Mention &mention : entity.mentions) {
            if (mention.span == span)
                return &entity;
        }
    }
    return nullptr;
}

bool overlapsAnyMention(const AnnotationSet &set, const Span &span)
{
    for (const Entity &entity : set.entities) {
        for (const Mention &mention : entity.mentions) {
            if (mention.span.overlaps(span))
                return true;
        }
    }
    return false;
}

} // namespace

class TestExtractEntities final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testMentions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mention");
        QTest::addColumn<int>("occurrence");
        QTest::addColumn<QString>("type"); ///< empty: no mention may overlap it

        QTest::newRow("title-stays-outside")
            << u"Russian President Vladimir Putin said so."_s << u"Vladimir Putin"_s << 0 << u"PERSON"_s;
        QTest::newRow("demonym-before-title")
            << u"Russian President Vladimir Putin said so."_s << u"Russian"_s << 0 << u"NORP"_s;
        QTest::newRow("title-not-entity")
            << u"Russian President Vladimir Putin said so."_s << u"President"_s << 0 << QString();
        QTest::newRow("surname-after-full-name")
            << u"Kassym-Jomart Tokayev arrived. Tokayev said little."_s << u"Tokayev"_s << 1 << u"PERSON"_s;
        QTest::newRow("surname-in-headline")
            << u"Putin warns of revolutions\n\nVladimir Putin spoke on Monday."_s << u"Putin"_s << 0
            << u"PERSON"_s;
        QTest::newRow("possessive-outside")
            << u"Kazakhstan\u2019s president spoke."_s << u"Kazakhstan"_s << 0 << u"GPE"_s;
        QTest::newRow("the-stays-outside")
            << u"It was planned by the West long ago."_s << u"West"_s << 0 << u"LOC"_s;
        QTest::newRow("the-bahamas") << u"The Bahamas and Madagascar are affected."_s << u"Bahamas"_s << 0
                                     << u"GPE"_s;
        QTest::newRow("demonym-adjective")
            << u"He met the Kazakh president."_s << u"Kazakh"_s << 0 << u"NORP"_s;
        QTest::newRow("demonym-before-hyphen")
            << u"The Russian-led force left."_s << u"Russian"_s << 0 << u"NORP"_s;
        QTest::newRow("plural-demonym")
            << u"Britons abroad were not affected."_s << u"Britons"_s << 0 << u"NORP"_s;
        QTest::newRow("country-short-form") << u"The UK will close embassies."_s << u"UK"_s << 0 << u"GPE"_s;
        QTest::newRow("country-before-hyphen")
            << u"It has 6,100 UK-based staff."_s << u"UK"_s << 0 << u"GPE"_s;
        QTest::newRow("iso-country") << u"Aid reached Madagascar and Swaziland."_s << u"Madagascar"_s << 0
                                     << u"GPE"_s;
        QTest::newRow("multiword-country")
            << u"Attacks in the United States rose."_s << u"United States"_s << 0 << u"GPE"_s;
        QTest::newRow("capital-city")
            << u"A new post opens in Nairobi next year."_s << u"Nairobi"_s << 0 << u"GPE"_s;
        QTest::newRow("region") << u"Unrest spread across Central Asia."_s << u"Central Asia"_s << 0
                                << u"LOC"_s;
        QTest::newRow("us-state") << u"Voters in Texas went to the polls."_s << u"Texas"_s << 0 << u"GPE"_s;
        QTest::newRow("organisation-word-at-end")
            << u"The Public and Commercial Services Union will ballot members."_s
            << u"Public and Commercial Services Union"_s << 0 << u"ORG"_s;
        QTest::newRow("organisation-word-with-of") << u"A spokesman for the Ministry of Defence declined."_s
                                                   << u"Ministry of Defence"_s << 0 << u"ORG"_s;
        QTest::newRow("department-for") << u"He launched the Department for Constitutional Affairs' plan."_s
                                        << u"Department for Constitutional Affairs"_s << 0 << u"ORG"_s;
        QTest::newRow("possessive-inside-name") << u"In 2000 the People's Fuel Lobby blocked roads."_s
                                                << u"People's Fuel Lobby"_s << 0 << u"ORG"_s;
        QTest::newRow("person-of-organisation")
            << u"Analyst Mike Powell of Dresdner Kleinwort Wasserstein disagreed."_s
            << u"Dresdner Kleinwort Wasserstein"_s << 0 << u"ORG"_s;
        QTest::newRow("name-particles") << u"Analyst Nick Van den Brul of BNP Paribas agreed."_s
                                        << u"Nick Van den Brul"_s << 0 << u"PERSON"_s;
        QTest::newRow("acronym-of-name")
            << u"British Airways made a profit. BA shares rose."_s << u"BA"_s << 0 << u"ORG"_s;
        QTest::newRow("acronym-defined-in-parentheses")
            << u"The Public and Commercial Services Union (PCS) struck."_s << u"PCS"_s << 0 << u"ORG"_s;
        QTest::newRow("acronym-of-country")
            << u"SA unveils budget\n\nSouth Africa cut taxes."_s << u"SA"_s << 0 << u"GPE"_s;
        QTest::newRow("party-short-form")
            << u"Labour staged a show of unity."_s << u"Labour"_s << 0 << u"ORG"_s;
        QTest::newRow("party-plural")
            << u"The Tories and the Lib Dems have questioned it."_s << u"Lib Dems"_s << 0 << u"ORG"_s;
        QTest::newRow("tory-adjective")
            << u"Tory leader Michael Howard spoke."_s << u"Tory"_s << 0 << u"NORP"_s;
        QTest::newRow("honorific-title")
            << u"Mr Howard asked a question."_s << u"Howard"_s << 0 << u"PERSON"_s;
        QTest::newRow("lord-title") << u"New plans from Lord Falconer were announced."_s << u"Falconer"_s << 0
                                    << u"PERSON"_s;
        QTest::newRow("given-name") << u"Foreign Secretary Jack Straw has announced it."_s << u"Jack Straw"_s
                                    << 0 << u"PERSON"_s;
        QTest::newRow("event-inquiry")
            << u"It could harm probes like the Hutton Inquiry."_s << u"Hutton Inquiry"_s << 0 << u"EVENT"_s;
        QTest::newRow("event-lexicon")
            << u"It was the worst crisis since World War II."_s << u"World War II"_s << 0 << u"EVENT"_s;
        QTest::newRow("number-in-name")
            << u"Environmental group Transport 2000 said so."_s << u"Transport 2000"_s << 0 << u"ORG"_s;
        QTest::newRow("broadcaster") << u"He told BBC Radio 4's Today programme."_s << u"BBC Radio 4"_s << 0
                                     << u"ORG"_s;
        QTest::newRow("dateline") << u"WASHINGTON - The Fed held rates."_s << u"WASHINGTON"_s << 0
                                  << u"GPE"_s;
        QTest::newRow("name-before-organisation-noun")
            << u"Drivers in the Aslef union voted."_s << u"Aslef"_s << 0 << u"ORG"_s;
        QTest::newRow("department-word-first")
            << u"The Environment Agency issued warnings."_s << u"Environment Agency"_s << 0 << u"ORG"_s;
        QTest::newRow("ampersand-inside") << u"The S&P 500 rose 1%."_s << u"S&P 500"_s << 0 << u"ORG"_s;
        QTest::newRow("named-storm") << u"Flights stopped as Storm Clara hit."_s << u"Storm Clara"_s << 0
                                     << u"EVENT"_s;
        QTest::newRow("compass-region")
            << u"Rain fell across East Anglia."_s << u"East Anglia"_s << 0 << u"LOC"_s;
        QTest::newRow("given-name-not-place")
            << u"Health Secretary Victoria Atkins spoke."_s << u"Victoria Atkins"_s << 0 << u"PERSON"_s;
        QTest::newRow("organisation-word-then-of")
            << u"The Royal College of Surgeons warned."_s << u"Royal College of Surgeons"_s << 0 << u"ORG"_s;
        QTest::newRow("newspaper-the-outside")
            << u"He told The Times it was over."_s << u"Times"_s << 0 << u"ORG"_s;
        QTest::newRow("role-word-outside")
            << u"Prosecutor Jane Ellis told the court."_s << u"Jane Ellis"_s << 0 << u"PERSON"_s;
        QTest::newRow("post-nominal-outside")
            << u"Judge Peter Blair KC said so."_s << u"Peter Blair"_s << 0 << u"PERSON"_s;
        QTest::newRow("person-of-college")
            << u"says Professor Juliet Schor of Boston College."_s << u"Juliet Schor"_s << 0 << u"PERSON"_s;
        QTest::newRow("college-after-person")
            << u"says Professor Juliet Schor of Boston College."_s << u"Boston College"_s << 0 << u"ORG"_s;
        QTest::newRow("law-not-entity") << u"The Freedom of Information Act comes into force."_s
                                        << u"Freedom of Information Act"_s << 0 << QString();
        QTest::newRow("product-not-entity")
            << u"It took delivery of six Airbus A321 aircraft."_s << u"A321"_s << 0 << QString();
        QTest::newRow("sentence-initial-verb")
            << u"Launching the plan, he spoke."_s << u"Launching"_s << 0 << QString();
        QTest::newRow("weekday-not-entity")
            << u"On Monday the talks resumed."_s << u"Monday"_s << 0 << QString();
        QTest::newRow("month-not-entity") << u"Prices rose in January."_s << u"January"_s << 0 << QString();
        QTest::newRow("quote-initial-word")
            << u"\"Giving evidence is hard,\" he said."_s << u"Giving"_s << 0 << QString();
        QTest::newRow("dateline") << u"KAUNAS, Lithuania \u2014 Shops closed early."_s << u"KAUNAS"_s << 0
                                  << u"GPE"_s;
        QTest::newRow("world-place") << u"Talks were held in Mombasa and Daegu."_s << u"Daegu"_s << 0
                                     << u"GPE"_s;
        QTest::newRow("place-noun-of")
            << u"Fishermen left the port of Tarvik at dawn."_s << u"Tarvik"_s << 0 << u"GPE"_s;
        QTest::newRow("place-and-plural-is-team")
            << u"The Madrid Comets beat the visitors."_s << u"Madrid Comets"_s << 0 << u"ORG"_s;
        QTest::newRow("name-after-the-is-no-person") << u"Voters backed the Rural Renewal Front on Sunday."_s
                                                     << u"Rural Renewal Front"_s << 0 << u"ORG"_s;
        QTest::newRow("company-head")
            << u"Shares in Norvik Logistics fell."_s << u"Norvik Logistics"_s << 0 << u"ORG"_s;
        QTest::newRow("sea-head") << u"Ships crossed the Tessan Sea."_s << u"Tessan Sea"_s << 0 << u"LOC"_s;
        QTest::newRow("county-head") << u"Roads in Marlow County were closed."_s << u"Marlow County"_s << 0
                                     << u"GPE"_s;
        QTest::newRow("event-head") << u"She won the Varna Open last year."_s << u"Varna Open"_s << 0
                                    << u"EVENT"_s;
        QTest::newRow("korean-given-name")
            << u"The chairman, Park Min-jae, resigned."_s << u"Park Min-jae"_s << 0 << u"PERSON"_s;
        QTest::newRow("seoul-based-is-no-name")
            << u"A Seoul-based firm bid."_s << u"Seoul"_s << 0 << u"GPE"_s;
        QTest::newRow("portfolio-before-title")
            << u"Rural Affairs Minister Ana Silva spoke."_s << u"Rural Affairs"_s << 0 << QString();
        QTest::newRow("organisation-before-role")
            << u"Talks with Vetrin chairman Ivo Marek stalled."_s << u"Vetrin"_s << 0 << u"ORG"_s;
        QTest::newRow("short-form-of-organisation")
            << u"Tarsen Marine Logistics cut jobs. Tarsen Marine said sales fell."_s << u"Tarsen Marine"_s
            << 1 << u"ORG"_s;
        QTest::newRow("demonym-of-place")
            << u"Sinaloan farmers came from Sinaloa."_s << u"Sinaloan"_s << 0 << u"NORP"_s;
        QTest::newRow("dateline-name-in-story")
            << u"KAUNAS, Lithuania \u2014 Shops closed early.\n\nPrices in Kaunas rose."_s << u"Kaunas"_s << 0
            << u"GPE"_s;
        QTest::newRow("feature-of-name")
            << u"Boats sailed the Gulf of Tessan."_s << u"Gulf of Tessan"_s << 0 << u"LOC"_s;
        QTest::newRow("organisation-of-words") << u"The National Union of Dock Workers struck."_s
                                               << u"National Union of Dock Workers"_s << 0 << u"ORG"_s;
        QTest::newRow("short-name-in-brackets")
            << u"The Monetary Policy Committee (Copal) met. Copal voted."_s << u"Copal"_s << 1 << u"ORG"_s;
        QTest::newRow("nickname-inside-name")
            << u"Coach Andres \"Jun\" Castillo smiled."_s << u"Andres \"Jun\" Castillo"_s << 0 << u"PERSON"_s;
        QTest::newRow("watch-group") << u"Monitors from Coastal Rights Watch left."_s
                                     << u"Coastal Rights Watch"_s << 0 << u"ORG"_s;
        QTest::newRow("to-after-motion-verb")
            << u"She was travelling to Tarvik when the bus broke down."_s << u"Tarvik"_s << 0 << u"GPE"_s;
        QTest::newRow("world-place-longer-than-demonym")
            << u"Farmers in Tamil Nadu protested."_s << u"Tamil Nadu"_s << 0 << u"GPE"_s;
        QTest::newRow("organisation-of-known-place")
            << u"Loans from the New Mexico Finance Authority arrived."_s << u"New Mexico Finance Authority"_s
            << 0 << u"ORG"_s;
        QTest::newRow("council-of") << u"Members of the Council of Europe met."_s << u"Council of Europe"_s
                                    << 0 << u"ORG"_s;
        QTest::newRow("dateline-with-or")
            << u"PORT OR HAVEN, N.M. \u2014 Rates rose."_s << u"PORT OR HAVEN"_s << 0 << u"GPE"_s;
        QTest::newRow("feature-head-first")
            << u"Dancers climbed the Cerro del Tarvo at dawn."_s << u"Cerro del Tarvo"_s << 0 << u"LOC"_s;
        QTest::newRow("city-of-province")
            << u"Crowds filled the streets of Tarlac City."_s << u"Tarlac City"_s << 0 << u"GPE"_s;
        QTest::newRow("sea-head-beats-world-place")
            << u"Corals of the Red Sea survive heat."_s << u"Red Sea"_s << 0 << u"LOC"_s;
        QTest::newRow("foreign-organisation-head-first")
            << u"Reporters at Gazeta Lubuska saw the files."_s << u"Gazeta Lubuska"_s << 0 << u"ORG"_s;
        QTest::newRow("foreign-company-head-last")
            << u"Shares in Tarsen Investimentos rose."_s << u"Tarsen Investimentos"_s << 0 << u"ORG"_s;
        QTest::newRow("initials-in-name") << u"Fans packed the R. K. Tarsen Stadium on Sunday."_s
                                          << u"R. K. Tarsen Stadium"_s << 0 << u"LOC"_s;
        QTest::newRow("town-head-first")
            << u"The ferry left for Port Tarvik at dawn."_s << u"Port Tarvik"_s << 0 << u"GPE"_s;
        QTest::newRow("page-furniture")
            << u"Read More About: World News"_s << u"World News"_s << 0 << QString();
    }

    void testMentions()
    {
        QFETCH(QString, text);
        QFETCH(QString, mention);
        QFETCH(int, occurrence);
        QFETCH(QString, type);
        const AnnotationSet set = Extractor().extract(text);
        const qsizetype at = ::occurrence(text, mention, occurrence);
        QVERIFY(at >= 0);
        const Span span { at, at + mention.size() };
        if (type.isEmpty()) {
            QVERIFY(!overlapsAnyMention(set, span));
            return;
        }
        const Entity *entity = entityAt(set, span);
        QVERIFY2(entity, qPrintable(mention));
        QCOMPARE(entity->type, type);
        QVERIFY(entity->provenance.status == AnnotationStatus::Auto);
        QVERIFY(entity->provenance.confidence.has_value());
        QVERIFY(!entity->provenance.rule.isEmpty());
    }

    void testOneEntityPerName_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::newRow("surname") << u"Vladimir Putin spoke. Later Putin left."_s << u"Vladimir Putin"_s
                                 << u"Putin"_s;
        QTest::newRow("acronym") << u"The Public and Commercial Services Union (PCS) struck."_s
                                 << u"Public and Commercial Services Union"_s << u"PCS"_s;
        QTest::newRow("title-then-full-name")
            << u"Mr Blair spoke. Tony Blair left."_s << u"Blair"_s << u"Tony Blair"_s;
    }

    void testOneEntityPerName()
    {
        QFETCH(QString, text);
        QFETCH(QString, first);
        QFETCH(QString, second);
        const AnnotationSet set = Extractor().extract(text);
        const qsizetype a = text.indexOf(first);
        const qsizetype b = text.indexOf(second, a + first.size());
        const Entity *one = entityAt(set, { a, a + first.size() });
        const Entity *two = entityAt(set, { b, b + second.size() });
        QVERIFY(one && two);
        QCOMPARE(one->id, two->id);
    }
};

QTEST_GUILESS_MAIN(TestExtractEntities)
#include "tst_extract_entities.moc"

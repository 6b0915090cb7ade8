// SPDX-License-Identifier: GPL-3.0-or-later
// Figures: numbers in digits and words, money, percentages, dates, durations, ranges.
#include "extraction/extractor.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QString covered(const QString &text, const Span &span)
{
    return span.isNull() ? QString() : text.mid(span.start, span.length());
}

} // namespace

class TestExtractFigures final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testFigures_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("number"); ///< the number span's text; the figure to check
        QTest::addColumn<QString>("span");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QVariant>("valueMax");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("qualifier");

        const QVariant none;
        QTest::newRow("count-with-separator")
            << u"The mission includes 2,030 soldiers and 250 tanks."_s << u"2,030"_s << u"2,030 soldiers"_s
            << u"count"_s << QVariant(2030.0) << none << u"soldiers"_s << QString();
        QTest::newRow("count-of-phrase")
            << u"It has 250 pieces of military equipment, he said."_s << u"250"_s
            << u"250 pieces of military equipment"_s << u"count"_s << QVariant(250.0) << none
            << u"pieces of military equipment"_s << QString();
        QTest::newRow("count-of-the-phrase")
            << u"He said 16 members of the security forces were killed."_s << u"16"_s
            << u"16 members of the security forces"_s << u"count"_s << QVariant(16.0) << none
            << u"members of the security forces"_s << QString();
        QTest::newRow("count-coordinated")
            << u"Nine embassies and high commissions will close."_s << u"Nine"_s
            << u"Nine embassies and high commissions"_s << u"count"_s << QVariant(9.0) << none
            << u"embassies and high commissions"_s << QString();
        QTest::newRow("number-word") << u"Police said sixteen people were hurt."_s << u"sixteen"_s
                                     << u"sixteen people"_s << u"count"_s << QVariant(16.0) << none
                                     << u"people"_s << QString();
        QTest::newRow("number-words-with-scale")
            << u"About two thousand people marched."_s << u"two thousand"_s << u"two thousand people"_s
            << u"count"_s << QVariant(2000.0) << none << u"people"_s << u"about"_s;
        QTest::newRow("hyphenated-number-word")
            << u"There were twenty-five candidates."_s << u"twenty-five"_s << u"twenty-five candidates"_s
            << u"count"_s << QVariant(25.0) << none << u"candidates"_s << QString();
        QTest::newRow("compound-number-words")
            << u"Some two hundred and fifty thousand people marched."_s << u"two hundred and fifty thousand"_s
            << u"two hundred and fifty thousand people"_s << u"count"_s << QVariant(250000.0) << none
            << u"people"_s << u"some"_s;
        QTest::newRow("a-million") << u"A million visitors came."_s << u"A million"_s
                                   << u"A million visitors"_s << u"count"_s << QVariant(1e6) << none
                                   << u"visitors"_s << QString();
        QTest::newRow("a-dozen") << u"A dozen protesters were held."_s << u"A dozen"_s
                                 << u"A dozen protesters"_s << u"count"_s << QVariant(12.0) << none
                                 << u"protesters"_s << QString();
        QTest::newRow("decimal-with-scale") << u"It could involve up to 1.4 million UK workers."_s
                                            << u"1.4 million"_s << u"1.4 million UK workers"_s << u"count"_s
                                            << QVariant(1400000.0) << none << u"UK workers"_s << u"up to"_s;
        QTest::newRow("part-of-whole") << u"It shot down 38 of 41 drones."_s << u"38"_s << u"38"_s
                                       << u"count"_s << QVariant(38.0) << none << u"drones"_s << QString();
        QTest::newRow("elided-noun") << u"Unison has 800,000 workers and the GMB 70,000."_s << u"70,000"_s
                                     << u"70,000"_s << u"count"_s << QVariant(70000.0) << none << u"workers"_s
                                     << QString();
        QTest::newRow("money-pounds-millions")
            << u"It would save \u00A36m a year."_s << u"6m"_s << u"\u00A36m"_s << u"money"_s << QVariant(6e6)
            << none << u"GBP"_s << QString();
        QTest::newRow("money-dollars-billions")
            << u"Tax cuts worth $1.2bn were offered."_s << u"1.2bn"_s << u"$1.2bn"_s << u"money"_s
            << QVariant(1.2e9) << none << u"USD"_s << QString();
        QTest::newRow("money-currency-name")
            << u"Tax cuts worth 6.8bn rand were offered."_s << u"6.8bn"_s << u"6.8bn rand"_s << u"money"_s
            << QVariant(6.8e9) << none << u"ZAR"_s << QString();
        QTest::newRow("money-hyphenated-name")
            << u"He unveiled the 418bn-rand budget."_s << u"418bn"_s << u"418bn-rand"_s << u"money"_s
            << QVariant(418e9) << none << u"ZAR"_s << QString();
        QTest::newRow("money-pence") << u"He added 1.28p per litre."_s << u"1.28"_s << u"1.28p"_s
                                     << u"money"_s << QVariant(0.0128) << none << u"GBP"_s << QString();
        QTest::newRow("money-pence-word")
            << u"Shares closed at 274.5 pence."_s << u"274.5"_s << u"274.5 pence"_s << u"money"_s
            << QVariant(2.745) << none << u"GBP"_s << QString();
        QTest::newRow("money-words-scale")
            << u"A fine of 500 million tenge was paid."_s << u"500 million"_s << u"500 million tenge"_s
            << u"money"_s << QVariant(5e8) << none << u"KZT"_s << QString();
        QTest::newRow("money-euro") << u"Tickets cost \u20AC20 each."_s << u"20"_s << u"\u20AC20"_s
                                    << u"money"_s << QVariant(20.0) << none << u"EUR"_s << QString();
        QTest::newRow("money-iso-code-before")
            << u"The bond raised USD 300 million."_s << u"300 million"_s << u"USD 300 million"_s << u"money"_s
            << QVariant(3e8) << none << u"USD"_s << QString();
        QTest::newRow("percent-sign") << u"Profits fell by 12% last year."_s << u"12"_s << u"12%"_s
                                      << u"percent"_s << QVariant(12.0) << none << u"%"_s << QString();
        QTest::newRow("per-cent-words") << u"Profits fell by 12 per cent."_s << u"12"_s << u"12 per cent"_s
                                        << u"percent"_s << QVariant(12.0) << none << u"%"_s << QString();
        QTest::newRow("percent-range-to")
            << u"A 3% to 3.5% improvement is expected."_s << u"3"_s << u"3% to 3.5%"_s << u"percent"_s
            << QVariant(3.0) << QVariant(3.5) << u"%"_s << QString();
        QTest::newRow("percent-range-between")
            << u"It will stay between 3% and 6% until 2008."_s << u"3"_s << u"3% and 6%"_s << u"percent"_s
            << QVariant(3.0) << QVariant(6.0) << u"%"_s << QString();
        QTest::newRow("from-to-is-a-change") << u"Tax was cut from 30% to 29%."_s << u"30"_s << u"30%"_s
                                             << u"percent"_s << QVariant(30.0) << none << u"%"_s << QString();
        QTest::newRow("qualifier-close-to")
            << u"Unemployment is close to 30%."_s << u"30"_s << u"30%"_s << u"percent"_s << QVariant(30.0)
            << none << u"%"_s << u"close to"_s;
        QTest::newRow("full-date") << u"It happened on 5 January 2022."_s << u"5 January 2022"_s
                                   << u"5 January 2022"_s << u"date"_s << QVariant(u"2022-01-05"_s) << none
                                   << QString() << QString();
        QTest::newRow("month-year") << u"He said it in November 2003."_s << u"November 2003"_s
                                    << u"November 2003"_s << u"date"_s << QVariant(u"2003-11"_s) << none
                                    << QString() << QString();
        QTest::newRow("day-month") << u"A strike is planned for 23 March."_s << u"23 March"_s << u"23 March"_s
                                   << u"date"_s << QVariant(u"--03-23"_s) << none << QString() << QString();
        QTest::newRow("american-date")
            << u"It ended on January 5, 2022, he said."_s << u"January 5, 2022"_s << u"January 5, 2022"_s
            << u"date"_s << QVariant(u"2022-01-05"_s) << none << QString() << QString();
        QTest::newRow("year") << u"The changes are due before the end of 2006."_s << u"2006"_s << u"2006"_s
                              << u"date"_s << QVariant(u"2006"_s) << none << QString() << QString();
        QTest::newRow("year-range") << u"Savings between 2005 and 2008 are planned."_s << u"2005"_s
                                    << u"2005 and 2008"_s << u"date"_s << QVariant(u"2005"_s)
                                    << QVariant(u"2008"_s) << QString() << QString();
        QTest::newRow("financial-year")
            << u"Growth in 2004-05 was slow."_s << u"2004"_s << u"2004-05"_s << u"date"_s
            << QVariant(u"2004"_s) << QVariant(u"2005"_s) << QString() << QString();
        QTest::newRow("year-qualified")
            << u"It will last until at least 2008."_s << u"2008"_s << u"2008"_s << u"date"_s
            << QVariant(u"2008"_s) << none << QString() << u"at least"_s;
        QTest::newRow("duration-words") << u"Talks lasted three days."_s << u"three"_s << u"three days"_s
                                        << u"duration"_s << QVariant(3.0) << none << u"days"_s << QString();
        QTest::newRow("duration-hyphenated")
            << u"It is part of a five-year plan."_s << u"five"_s << u"five-year"_s << u"duration"_s
            << QVariant(5.0) << none << u"year"_s << QString();
        QTest::newRow("age-hyphenated") << u"A 34-year-old man was arrested."_s << u"34"_s << u"34-year-old"_s
                                        << u"duration"_s << QVariant(34.0) << none << u"years"_s << QString();
        QTest::newRow("age-aged") << u"The victim, aged 21, died."_s << u"21"_s << u"21"_s << u"duration"_s
                                  << QVariant(21.0) << none << u"years"_s << QString();
        QTest::newRow("age-of") << u"They raised the pension age to 65."_s << u"65"_s << u"65"_s
                                << u"duration"_s << QVariant(65.0) << none << u"years"_s << QString();
        QTest::newRow("age-apposition") << u"Maria Lopez, 45, said she had waited."_s << u"45"_s << u"45"_s
                                        << u"duration"_s << QVariant(45.0) << none << u"years"_s << QString();
        QTest::newRow("measure") << u"The convoy drove 40 km north."_s << u"40"_s << u"40 km"_s
                                 << u"measure"_s << QVariant(40.0) << none << u"km"_s << QString();
        QTest::newRow("qualifier-more-than")
            << u"More than 160 people died."_s << u"160"_s << u"160 people"_s << u"count"_s << QVariant(160.0)
            << none << u"people"_s << u"more than"_s;
        QTest::newRow("qualifier-about")
            << u"It has about 6,100 UK-based staff."_s << u"6,100"_s << u"6,100 UK-based staff"_s
            << u"count"_s << QVariant(6100.0) << none << u"UK-based staff"_s << u"about"_s;
        QTest::newRow("multiple") << u"The chancellor was asked twice."_s << u"twice"_s << u"twice"_s
                                  << u"other"_s << QVariant(2.0) << none << u"times"_s << QString();
        QTest::newRow("multiple-in-words")
            << u"She paid three times the fare."_s << u"three"_s << u"three times"_s << u"other"_s
            << QVariant(3.0) << none << u"times"_s << QString();
        QTest::newRow("range-in-words")
            << u"The review will take six to nine months."_s << u"six"_s << u"six to nine months"_s
            << u"duration"_s << QVariant(6.0) << QVariant(9.0) << u"months"_s << QString();
        QTest::newRow("range-with-or")
            << u"He rested for two or three days."_s << u"two"_s << u"two or three days"_s << u"duration"_s
            << QVariant(2.0) << QVariant(3.0) << u"days"_s << QString();
        QTest::newRow("lakh") << u"The club spent 50 lakh rupees on seats."_s << u"50 lakh"_s
                              << u"50 lakh rupees"_s << u"money"_s << QVariant(5000000.0) << none << u"INR"_s
                              << QString();
    }

    void testFigures()
    {
        QFETCH(QString, text);
        QFETCH(QString, number);
        QFETCH(QString, span);
        QFETCH(QString, kind);
        QFETCH(QVariant, value);
        QFETCH(QVariant, valueMax);
        QFETCH(QString, unit);
        QFETCH(QString, qualifier);
        const AnnotationSet set = Extractor().extract(text);
        const Figure *figure = nullptr;
        QStringList found;
        for (const Figure &candidate : set.figures) {
            found.append(covered(text, candidate.number));
            if (covered(text, candidate.number) == number && !figure)
                figure = &candidate;
        }
        QVERIFY2(figure, qPrintable(found.join(u" // "_s)));
        QCOMPARE(covered(text, figure->span), span);
        QCOMPARE(figure->kind, kind);
        if (value.typeId() == QMetaType::QString)
            QCOMPARE(figure->value.toString(), value.toString());
        else
            QVERIFY2(qAbs(figure->value.toDouble() - value.toDouble()) < 1e-9 * qMax(1.0, value.toDouble()),
                qPrintable(figure->value.toString()));
        if (valueMax.isValid())
            QCOMPARE(figure->valueMax.toString(), valueMax.toString());
        else
            QVERIFY(!figure->valueMax.isValid());
        QCOMPARE(figure->unit, unit);
        QCOMPARE(figure->qualifier, qualifier);
        QVERIFY(figure->provenance.status == AnnotationStatus::Auto);
        QVERIFY(!figure->provenance.rule.isEmpty());
    }

    void testNotFigures_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("what");
        QTest::newRow("weekday") << u"On Monday the talks resumed."_s << u"Monday"_s;
        QTest::newRow("model-name") << u"Six Airbus A320 jets landed."_s << u"A320"_s;
        QTest::newRow("name-with-number") << u"COVID-19 cases rose."_s << u"19"_s;
        QTest::newRow("ordinal") << u"In the 20th century it was legal."_s << u"20"_s;
        QTest::newRow("decade") << u"Prices rose in the 1990s."_s << u"1990"_s;
        QTest::newRow("clock-time") << u"The meeting began at 10:30 on Friday."_s << u"10:30"_s;
        QTest::newRow("score") << u"City won 3-1 at home."_s << u"3-1"_s;
        QTest::newRow("organisation-name") << u"Environmental group Transport 2000 said so."_s << u"2000"_s;
        QTest::newRow("number-in-campaign-name") << u"He directs the 4 Day Week Campaign."_s << u"4"_s;
        QTest::newRow("page-reference") << u"See page 5 of the report."_s << u"5"_s;
        QTest::newRow("pronoun-one") << u"One of the top priorities is safety."_s << u"One"_s;
    }

    void testNotFigures()
    {
        QFETCH(QString, text);
        QFETCH(QString, what);
        const AnnotationSet set = Extractor().extract(text);
        const qsizetype at = text.indexOf(what);
        const Span span { at, at + what.size() };
        for (const Figure &figure : set.figures)
            QVERIFY2(!figure.number.overlaps(span), qPrintable(covered(text, figure.span)));
    }
};

QTEST_GUILESS_MAIN(TestExtractFigures)
#include "tst_extract_figures.moc"

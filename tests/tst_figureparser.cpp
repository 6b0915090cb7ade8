// SPDX-License-Identifier: GPL-3.0-or-later
#include "figureparser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QVariant number(double value)
{
    return QVariant(value);
}

QVariant iso(const QString &value)
{
    return QVariant(value);
}

/// Doubles compare with a relative tolerance: 1.2 * 10^9 need not be the literal 1200000000.
bool sameValue(const QVariant &actual, const QVariant &expected)
{
    if (!expected.isValid() || !actual.isValid())
        return actual.isValid() == expected.isValid();
    if (expected.typeId() == QMetaType::Double) {
        if (actual.typeId() != QMetaType::Double)
            return false;
        const double a = actual.toDouble();
        const double e = expected.toDouble();
        return e == 0 ? a == 0 : qFuzzyCompare(a, e);
    }
    return actual.typeId() == expected.typeId() && actual == expected;
}

} // namespace

class TestFigureParser final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testParse_data();
    void testParse();
    void testFailure_data();
    void testFailure();
    void testArticleCoordinates();
    void testGoldFigures_data();
    void testGoldFigures();
    void testNeverCrashes();
};

void TestFigureParser::testParse_data()
{
    QTest::addColumn<QString>("selection");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("numberText");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QVariant>("valueMax");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("qualifier");

    const QVariant none;
    auto row = [](const char *tag) -> QTestData & { return QTest::newRow(tag); };

    // digits, separators, decimals
    row("digits-separator") << u"2,030 soldiers"_s << u"count"_s << u"2,030"_s << number(2030) << none
                            << u"soldiers"_s << QString();
    row("digits-millions-separators") << u"1,250,000 refugees"_s << u"count"_s << u"1,250,000"_s
                                      << number(1250000) << none << u"refugees"_s << QString();
    row("digits-plain") << u"16 members of the security forces"_s << u"count"_s << u"16"_s << number(16)
                        << none << u"members of the security forces"_s << QString();
    row("noun-phrase-of") << u"250 pieces of military equipment"_s << u"count"_s << u"250"_s << number(250)
                          << none << u"pieces of military equipment"_s << QString();
    row("decimal-measure") << u"3.5 tonnes"_s << u"measure"_s << u"3.5"_s << number(3.5) << none
                           << u"tonnes"_s << QString();
    row("measure-km") << u"40 km"_s << u"measure"_s << u"40"_s << number(40) << none << u"km"_s << QString();
    row("bare-number") << u"2,030"_s << u"count"_s << u"2,030"_s << number(2030) << none << QString()
                       << QString();
    row("trailing-punctuation") << u"4,000 troops,"_s << u"count"_s << u"4,000"_s << number(4000) << none
                                << u"troops"_s << QString();
    row("negative-hyphen") << u"-5 degrees"_s << u"measure"_s << u"-5"_s << number(-5) << none << u"degrees"_s
                           << QString();
    row("negative-minus-sign") << u"−2.5 per cent"_s << u"percent"_s << u"−2.5"_s << number(-2.5) << none
                               << u"%"_s << QString();
    row("negative-word") << u"minus 10 degrees"_s << u"measure"_s << u"minus 10"_s << number(-10) << none
                         << u"degrees"_s << QString();

    // number words
    row("words-two-thousand") << u"two thousand troops"_s << u"count"_s << u"two thousand"_s << number(2000)
                              << none << u"troops"_s << QString();
    row("words-hyphenated") << u"twenty-five journalists"_s << u"count"_s << u"twenty-five"_s << number(25)
                            << none << u"journalists"_s << QString();
    row("words-hundred-and") << u"two hundred and fifty protesters"_s << u"count"_s
                             << u"two hundred and fifty"_s << number(250) << none << u"protesters"_s
                             << QString();
    row("words-a-dozen") << u"a dozen villages"_s << u"count"_s << u"a dozen"_s << number(12) << none
                         << u"villages"_s << QString();
    row("words-half") << u"half"_s << u"count"_s << u"half"_s << number(0.5) << none << QString()
                      << QString();
    row("words-half-a-million") << u"half a million people"_s << u"count"_s << u"half a million"_s
                                << number(500000) << none << u"people"_s << QString();
    row("words-three") << u"three days"_s << u"duration"_s << u"three"_s << number(3) << none << u"days"_s
                       << QString();

    // scales
    row("scale-glued-bn") << u"1.2bn barrels"_s << u"measure"_s << u"1.2bn"_s << number(1.2e9) << none
                          << u"barrels"_s << QString();
    row("scale-million-word") << u"1.4 million voters"_s << u"count"_s << u"1.4 million"_s << number(1.4e6)
                              << none << u"voters"_s << QString();
    row("scale-billion-word") << u"3 billion"_s << u"count"_s << u"3 billion"_s << number(3e9) << none
                              << QString() << QString();
    row("scale-k") << u"50k subscribers"_s << u"count"_s << u"50k"_s << number(50000) << none
                   << u"subscribers"_s << QString();

    // money
    row("money-dollar-bn") << u"$1.2bn"_s << u"money"_s << u"1.2bn"_s << number(1.2e9) << none << u"USD"_s
                           << QString();
    row("money-pound-m") << u"£6m"_s << u"money"_s << u"6m"_s << number(6e6) << none << u"GBP"_s << QString();
    row("money-euro-million") << u"€3.5 million"_s << u"money"_s << u"3.5 million"_s << number(3.5e6) << none
                              << u"EUR"_s << QString();
    row("money-yen") << u"¥500"_s << u"money"_s << u"500"_s << number(500) << none << u"JPY"_s << QString();
    row("money-us-dollar") << u"US$5 million"_s << u"money"_s << u"5 million"_s << number(5e6) << none
                           << u"USD"_s << QString();
    row("money-tenge-name") << u"500 million tenge"_s << u"money"_s << u"500 million"_s << number(5e8) << none
                            << u"KZT"_s << QString();
    row("money-rupees") << u"2,000 rupees"_s << u"money"_s << u"2,000"_s << number(2000) << none << u"INR"_s
                        << QString();
    row("money-pence-glued") << u"1.28p"_s << u"money"_s << u"1.28"_s << number(0.0128) << none << u"GBP"_s
                             << QString();
    row("money-pence-word") << u"50 pence"_s << u"money"_s << u"50"_s << number(0.5) << none << u"GBP"_s
                            << QString();
    row("money-code-before") << u"USD 300m"_s << u"money"_s << u"300m"_s << number(3e8) << none << u"USD"_s
                             << QString();
    row("money-code-after") << u"418bn ZAR"_s << u"money"_s << u"418bn"_s << number(4.18e11) << none
                            << u"ZAR"_s << QString();
    row("money-rand-words") << u"two million rand"_s << u"money"_s << u"two million"_s << number(2e6) << none
                            << u"ZAR"_s << QString();

    // percentages
    row("percent-sign") << u"15%"_s << u"percent"_s << u"15"_s << number(15) << none << u"%"_s << QString();
    row("percent-per-cent") << u"12 per cent"_s << u"percent"_s << u"12"_s << number(12) << none << u"%"_s
                            << QString();
    row("percent-percent") << u"3.5 percent"_s << u"percent"_s << u"3.5"_s << number(3.5) << none << u"%"_s
                           << QString();

    // ranges
    row("range-to-count") << u"10 to 15 people"_s << u"count"_s << u"10"_s << number(10) << number(15)
                          << u"people"_s << QString();
    row("range-hyphen-percent") << u"10-15%"_s << u"percent"_s << u"10"_s << number(10) << number(15)
                                << u"%"_s << QString();
    row("range-percent-both") << u"3% to 3.5%"_s << u"percent"_s << u"3"_s << number(3) << number(3.5)
                              << u"%"_s << QString();
    row("range-between-days") << u"between 10 and 15 days"_s << u"duration"_s << u"10"_s << number(10)
                              << number(15) << u"days"_s << QString();
    row("range-en-dash-money") << u"$1bn–$2bn"_s << u"money"_s << u"1bn"_s << number(1e9) << number(2e9)
                               << u"USD"_s << QString();
    row("range-shared-scale") << u"£5-6m"_s << u"money"_s << u"5"_s << number(5e6) << number(6e6) << u"GBP"_s
                              << QString();
    row("range-years") << u"between 2005 and 2008"_s << u"date"_s << u"2005"_s << iso(u"2005"_s)
                       << iso(u"2008"_s) << QString() << QString();

    // qualifiers
    row("qualifier-more-than") << u"more than 160 people"_s << u"count"_s << u"160"_s << number(160) << none
                               << u"people"_s << u"more than"_s;
    row("qualifier-about") << u"about 3,000"_s << u"count"_s << u"3,000"_s << number(3000) << none
                           << QString() << u"about"_s;
    row("qualifier-at-least") << u"at least 40 civilians"_s << u"count"_s << u"40"_s << number(40) << none
                              << u"civilians"_s << u"at least"_s;
    row("qualifier-capitalised") << u"Nearly 8,000 soldiers"_s << u"count"_s << u"8,000"_s << number(8000)
                                 << none << u"soldiers"_s << u"nearly"_s;
    row("qualifier-up-to-money") << u"up to £75m"_s << u"money"_s << u"75m"_s << number(7.5e7) << none
                                 << u"GBP"_s << u"up to"_s;
    row("qualifier-an-estimated") << u"an estimated 1,500 families"_s << u"count"_s << u"1,500"_s
                                  << number(1500) << none << u"families"_s << u"an estimated"_s;

    // dates and years
    row("date-day-month-year") << u"5 January 2022"_s << u"date"_s << u"5 January 2022"_s
                               << iso(u"2022-01-05"_s) << none << QString() << QString();
    row("date-month-day-year") << u"January 5, 2022"_s << u"date"_s << u"January 5, 2022"_s
                               << iso(u"2022-01-05"_s) << none << QString() << QString();
    row("date-month-year") << u"November 2003"_s << u"date"_s << u"November 2003"_s << iso(u"2003-11"_s)
                           << none << QString() << QString();
    row("date-day-month") << u"23 March"_s << u"date"_s << u"23 March"_s << iso(u"--03-23"_s) << none
                          << QString() << QString();
    row("date-ordinal-day") << u"31st December 2004"_s << u"date"_s << u"31st December 2004"_s
                            << iso(u"2004-12-31"_s) << none << QString() << QString();
    row("date-weekday-and-date") << u"Wednesday, 5 January"_s << u"date"_s << u"5 January"_s
                                 << iso(u"--01-05"_s) << none << QString() << QString();
    row("date-year") << u"2006"_s << u"date"_s << u"2006"_s << iso(u"2006"_s) << none << QString()
                     << QString();
    row("date-year-after-preposition")
        << u"in 2021"_s << u"date"_s << u"2021"_s << iso(u"2021"_s) << none << QString() << QString();
    row("date-year-prefixed") << u"mid-2006"_s << u"date"_s << u"2006"_s << iso(u"2006"_s) << none
                              << QString() << QString();
    row("date-year-prefixed-capitalised")
        << u"Mid-2006"_s << u"date"_s << u"2006"_s << iso(u"2006"_s) << none << QString() << QString();
    row("year-like-count") << u"2000 people"_s << u"count"_s << u"2000"_s << number(2000) << none
                           << u"people"_s << QString();

    // durations and ages
    row("duration-hyphenated") << u"a five-year plan"_s << u"duration"_s << u"five"_s << number(5) << none
                               << u"year"_s << QString();
    row("age-year-old") << u"a 34-year-old"_s << u"duration"_s << u"34"_s << number(34) << none << u"years"_s
                        << QString();
    row("age-aged") << u"aged 21"_s << u"duration"_s << u"21"_s << number(21) << none << u"years"_s
                    << QString();
    row("age-years-old") << u"70 years old"_s << u"duration"_s << u"70"_s << number(70) << none << u"years"_s
                         << QString();

    // multiples
    row("multiple-twice") << u"twice"_s << u"other"_s << u"twice"_s << number(2) << none << u"times"_s
                          << QString();
    row("multiple-tenfold") << u"tenfold"_s << u"other"_s << u"tenfold"_s << number(10) << none << u"times"_s
                            << QString();
    row("multiple-digits-fold") << u"a 10-fold increase"_s << u"other"_s << u"10"_s << number(10) << none
                                << u"times"_s << QString();
    row("multiple-times") << u"three times"_s << u"other"_s << u"three"_s << number(3) << none << u"times"_s
                          << QString();

    // vague amounts, as the evaluation set annotates them
    row("vague-millions-of") << u"millions of government e-mails"_s << u"count"_s << u"millions"_s
                             << number(1e6) << none << u"government e-mails"_s << u"millions of"_s;
    row("weekday-before-number") << u"on Monday, 300 people"_s << u"count"_s << u"300"_s << number(300)
                                 << none << u"people"_s << QString();
    row("measure-spaced-metres") << u"6 m"_s << u"measure"_s << u"6"_s << number(6) << none << u"m"_s
                                 << QString();

    row("words-and-a-half") << u"two and a half years"_s << u"duration"_s << u"two and a half"_s
                            << number(2.5) << none << u"years"_s << QString();
    row("decimal-leading-point") << u".5%"_s << u"percent"_s << u".5"_s << number(0.5) << none << u"%"_s
                                 << QString();
    row("qualifier-trailing") << u"160 people or more"_s << u"count"_s << u"160"_s << number(160) << none
                              << u"people"_s << u"or more"_s;
    row("count-hyphenated-adjective") << u"5,000-strong force"_s << u"count"_s << u"5,000"_s << number(5000)
                                      << none << u"strong force"_s << QString();
    row("measure-compound-unit") << u"30 km/h"_s << u"measure"_s << u"30"_s << number(30) << none << u"km/h"_s
                                 << QString();
    row("measure-percentage-points") << u"5 percentage points"_s << u"measure"_s << u"5"_s << number(5)
                                     << none << u"percentage points"_s << QString();
    row("range-measure") << u"3.5 to 4 km"_s << u"measure"_s << u"3.5"_s << number(3.5) << number(4)
                         << u"km"_s << QString();
    row("range-shared-scale-words") << u"2-3 million people"_s << u"count"_s << u"2"_s << number(2e6)
                                    << number(3e6) << u"people"_s << QString();
    row("range-between-money") << u"between $1bn and $2bn"_s << u"money"_s << u"1bn"_s << number(1e9)
                               << number(2e9) << u"USD"_s << QString();
    row("range-years-hyphen") << u"1990-1995"_s << u"date"_s << u"1990"_s << iso(u"1990"_s) << iso(u"1995"_s)
                              << QString() << QString();
    row("range-years-short") << u"2005-06"_s << u"date"_s << u"2005"_s << iso(u"2005"_s) << iso(u"2006"_s)
                             << QString() << QString();
    row("range-years-short-century") << u"1998-02"_s << u"date"_s << u"1998"_s << iso(u"1998"_s)
                                     << iso(u"2002"_s) << QString() << QString();
    row("money-hk-dollar") << u"HK$3"_s << u"money"_s << u"3"_s << number(3) << none << u"HKD"_s << QString();
    row("money-hyphenated-name") << u"418bn-rand"_s << u"money"_s << u"418bn"_s << number(4.18e11) << none
                                 << u"ZAR"_s << QString();
    row("duration-a-year") << u"a year"_s << u"duration"_s << u"a"_s << number(1) << none << u"year"_s
                           << QString();
    row("count-dropped-modifier") << u"six other public sector unions"_s << u"count"_s << u"six"_s
                                  << number(6) << none << u"public sector unions"_s << QString();

    // text outside the BMP inside the selection
    row("emoji-after") << u"2,030 soldiers 🪖"_s << u"count"_s << u"2,030"_s << number(2030) << none
                       << u"soldiers"_s << QString();
    row("emoji-before") << u"😀 300 drones"_s << u"count"_s << u"300"_s << number(300) << none << u"drones"_s
                        << QString();
}

void TestFigureParser::testParse()
{
    QFETCH(QString, selection);
    QFETCH(QString, kind);
    QFETCH(QString, numberText);
    QFETCH(QVariant, value);
    QFETCH(QVariant, valueMax);
    QFETCH(QString, unit);
    QFETCH(QString, qualifier);

    const ParsedFigure figure = FigureParser::parse(selection);
    QVERIFY2(figure.ok, qPrintable(figure.problem));
    QVERIFY(figure.problem.isEmpty());
    QCOMPARE(figure.kind, kind);
    QVERIFY(figure.number.isValidIn(selection.size()));
    QCOMPARE(textOf(selection, figure.number), numberText);
    QVERIFY2(sameValue(figure.value, value),
        qPrintable(u"value %1, expected %2"_s.arg(figure.value.toString(), value.toString())));
    QVERIFY2(sameValue(figure.valueMax, valueMax),
        qPrintable(u"valueMax %1, expected %2"_s.arg(figure.valueMax.toString(), valueMax.toString())));
    QCOMPARE(figure.unit, unit);
    QCOMPARE(figure.qualifier, qualifier);
    // the figure holds its number and never the qualifier
    QVERIFY(figure.span.start <= figure.number.start && figure.number.end <= figure.span.end);
    QVERIFY(qualifier.isEmpty()
        || !textOf(selection, { figure.span.start, figure.number.start })
            .contains(qualifier, Qt::CaseInsensitive));
}

void TestFigureParser::testFailure_data()
{
    QTest::addColumn<QString>("selection");
    QTest::addColumn<QString>("problem");

    QTest::newRow("empty") << QString() << u"The selection is empty"_s;
    QTest::newRow("white-space") << u"  \n\t "_s << u"The selection is empty"_s;
    QTest::newRow("only-words") << u"the security forces"_s << u"No number in the selection"_s;
    QTest::newRow("punctuation-only") << u"—, 😀 !"_s << u"No number in the selection"_s;
    QTest::newRow("weekday") << u"on Monday"_s << u"A weekday is not a figure"_s;
    QTest::newRow("month-alone") << u"in November"_s << u"A month alone is not a figure"_s;
    QTest::newRow("ordinal") << u"the 3rd"_s << u"An ordinal is not a figure"_s;
    QTest::newRow("clock-time") << u"10:30"_s << u"A clock time is not a figure"_s;
    QTest::newRow("clock-time-pm") << u"6pm"_s << u"A clock time is not a figure"_s;
    QTest::newRow("name-with-hyphen") << u"COVID-19"_s << u"A number inside a name is not a figure"_s;
    QTest::newRow("name-glued") << u"Airbus A321"_s << u"A number inside a name is not a figure"_s;
    QTest::newRow("change-from-to") << u"from 10% to 15%"_s
                                    << u"“From … to …” is a change: mark each figure on its own"_s;
    QTest::newRow("score") << u"3-1"_s
                           << u"The second number is below the first: a score or a change, not a range"_s;
    QTest::newRow("decade") << u"the 1990s"_s << u"A decade is not a figure"_s;
    QTest::newRow("impossible-date") << u"31 February 2022"_s << u"There is no such date"_s;
}

void TestFigureParser::testFailure()
{
    QFETCH(QString, selection);
    QFETCH(QString, problem);

    const ParsedFigure figure = FigureParser::parse(selection);
    QCOMPARE(figure.ok, false);
    QCOMPARE(figure.problem, problem);
}

void TestFigureParser::testArticleCoordinates()
{
    // offsets count UTF-16 units: the emoji before the selection is two of them
    const QString text = u"😀 Officials said 𝕏 more than 2,030 soldiers 🪖 had left."_s;
    const QString selected = u"more than 2,030 soldiers 🪖"_s;
    const qsizetype start = text.indexOf(selected);
    const ParsedFigure figure = FigureParser::parse(text, { start, start + selected.size() });
    QVERIFY2(figure.ok, qPrintable(figure.problem));
    QCOMPARE(textOf(text, figure.number), u"2,030"_s);
    QCOMPARE(textOf(text, figure.span), u"2,030 soldiers"_s);
    QCOMPARE(figure.qualifier, u"more than"_s);
    QCOMPARE(figure.unit, u"soldiers"_s);

    const Figure stored = figure.toFigure(7);
    QCOMPARE(stored.articleId, RecordId(7));
    QVERIFY(stored.span == figure.span);
    QVERIFY(stored.number == figure.number);
    QCOMPARE(stored.kind, u"count"_s);
    QCOMPARE(stored.value, QVariant(2030.0));
    QCOMPARE(stored.qualifier, u"more than"_s);
    QVERIFY(stored.provenance.status == AnnotationStatus::Manual);

    const ParsedFigure outside = FigureParser::parse(text, { 10, text.size() + 1 });
    QVERIFY(!outside.ok);
    QVERIFY(!outside.problem.isEmpty());
}

void TestFigureParser::testGoldFigures_data()
{
    QTest::addColumn<QString>("selection");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("numberText");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QVariant>("valueMax");
    QTest::addColumn<QString>("unit");

    // Every figure of the hand-annotated evaluation set, selected as its annotator did.
    const QDir dir(QStringLiteral(BYLINE_TEST_DATA) + u"/eval"_s);
    const QStringList files = dir.entryList({ u"*.gold.json"_s }, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
        for (const QJsonValue &entry : document.value(u"figures"_s).toArray()) {
            const QJsonObject figure = entry.toObject();
            const QString selection = figure.value(u"span"_s).toObject().value(u"text"_s).toString();
            const QString unit = figure.value(u"unit"_s).toString();
            const QString kind = figure.value(u"kind"_s).toString();
            // What the span alone cannot tell: an elided noun ("another 11"), an age whose
            // "aged" lies outside the span, "3% and 6%" whose "between" does
            if ((kind == u"count"_s && !selection.contains(unit))
                || (kind == u"duration"_s && !selection.contains(unit.chopped(1)))
                || (!figure.value(u"value_max"_s).isNull() && selection.contains(u" and "_s)))
                continue;
            const QJsonValue value = figure.value(u"value"_s);
            const QJsonValue valueMax = figure.value(u"value_max"_s);
            auto variant = [](const QJsonValue &json) {
                return json.isDouble() ? QVariant(json.toDouble())
                    : json.isString()  ? QVariant(json.toString())
                                       : QVariant();
            };
            const QByteArray tag
                = (name.section(u'.', 0, 0) + u'-' + figure.value(u"id"_s).toString()).toUtf8();
            QTest::newRow(tag.constData())
                << selection << kind << figure.value(u"number"_s).toObject().value(u"text"_s).toString()
                << variant(value) << variant(valueMax) << unit;
        }
    }
}

void TestFigureParser::testGoldFigures()
{
    QFETCH(QString, selection);
    QFETCH(QString, kind);
    QFETCH(QString, numberText);
    QFETCH(QVariant, value);
    QFETCH(QVariant, valueMax);
    QFETCH(QString, unit);

    const ParsedFigure figure = FigureParser::parse(selection);
    QVERIFY2(figure.ok, qPrintable(figure.problem));
    QCOMPARE(figure.kind, kind);
    QCOMPARE(textOf(selection, figure.number), numberText);
    QVERIFY2(sameValue(figure.value, value),
        qPrintable(u"value %1, expected %2"_s.arg(figure.value.toString(), value.toString())));
    QVERIFY2(sameValue(figure.valueMax, valueMax),
        qPrintable(u"valueMax %1, expected %2"_s.arg(figure.valueMax.toString(), valueMax.toString())));
    QCOMPARE(figure.unit, unit);
}

void TestFigureParser::testNeverCrashes()
{
    // every slice of awkward text parses to a figure or a problem, never out of its bounds
    const QString text = u"😀 Between -1,5 and £2.5bn–$3bn, 31st Feb, 10:30pm, twenty- 5 %, a-34-year- 𝕏"_s;
    for (qsizetype start = 0; start <= text.size(); ++start) {
        for (qsizetype end = start; end <= text.size(); ++end) {
            const QStringView slice = QStringView(text).mid(start, end - start);
            const ParsedFigure figure = FigureParser::parse(slice);
            if (figure.ok) {
                QVERIFY(figure.number.isValidIn(slice.size()));
                QVERIFY(figure.span.isValidIn(slice.size()));
            } else {
                QVERIFY(!figure.problem.isEmpty());
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestFigureParser)
#include "tst_figureparser.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The words and signs figures are written with, shared by FigureExtractor and FigureParser.
#include "extraction/numberwords.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestNumberWords : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testLookup_data();
    void testLookup();
    void testTablesAgree();
};

// One row per word: the table it belongs to and what it means there ("" for a set); "none" rows
// are words a table must not hold, so that a careless addition shows.
void TestNumberWords::testLookup_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char *tag, const QString &table, const QString &word, const QString &expected) {
        QTest::newRow(tag) << table << word << expected;
    };
    row("cardinal-zero", u"cardinal"_s, u"zero"_s, u"0"_s);
    row("cardinal-seven", u"cardinal"_s, u"seven"_s, u"7"_s);
    row("cardinal-nineteen", u"cardinal"_s, u"nineteen"_s, u"19"_s);
    row("cardinal-ninety", u"cardinal"_s, u"ninety"_s, u"90"_s);
    row("cardinal-not-a-scale", u"cardinal"_s, u"hundred"_s, u"none"_s);
    row("cardinal-lower-case-only", u"cardinal"_s, u"Seven"_s, u"none"_s);
    row("scale-hundred", u"scale"_s, u"hundred"_s, u"2"_s);
    row("scale-million", u"scale"_s, u"million"_s, u"6"_s);
    row("scale-bn", u"scale"_s, u"bn"_s, u"9"_s);
    row("scale-trn", u"scale"_s, u"trn"_s, u"12"_s);
    row("scale-lakh", u"scale"_s, u"lakh"_s, u"5"_s);
    row("scale-crores", u"scale"_s, u"crores"_s, u"7"_s);
    row("scale-m-glued", u"scale"_s, u"m"_s, u"6 glued"_s);
    row("scale-k-glued", u"scale"_s, u"k"_s, u"3 glued"_s);
    row("scale-not-dozen", u"scale"_s, u"dozen"_s, u"none"_s);
    row("month-may", u"month"_s, u"may"_s, u"5"_s);
    row("month-sept", u"month"_s, u"sept"_s, u"9"_s);
    row("month-december", u"month"_s, u"december"_s, u"12"_s);
    row("month-no-may-abbreviation", u"month"_s, u"ma"_s, u"none"_s);
    row("weekday-sunday", u"weekday"_s, u"sunday"_s, QString());
    row("symbol-pound", u"symbol"_s, u"£"_s, u"GBP"_s);
    row("symbol-tenge", u"symbol"_s, u"₸"_s, u"KZT"_s);
    row("symbol-hryvnia", u"symbol"_s, u"₴"_s, u"UAH"_s);
    row("dollar-prefix-hk", u"dollar"_s, u"HK"_s, u"HKD"_s);
    row("dollar-prefix-us", u"dollar"_s, u"US"_s, u"USD"_s);
    row("currency-pence", u"currency"_s, u"pence"_s, u"GBP -2"_s);
    row("currency-cents", u"currency"_s, u"cents"_s, u"USD -2"_s);
    row("currency-roubles", u"currency"_s, u"roubles"_s, u"RUB 0"_s);
    row("currency-tenge", u"currency"_s, u"tenge"_s, u"KZT 0"_s);
    row("currency-not-p", u"currency"_s, u"p"_s, u"none"_s);
    row("code-kzt", u"code"_s, u"KZT"_s, QString());
    row("code-upper-case-only", u"code"_s, u"usd"_s, u"none"_s);
    row("time-years", u"time"_s, u"years"_s, QString());
    row("time-fortnight", u"time"_s, u"fortnight"_s, QString());
    row("measure-tonnes", u"measure"_s, u"tonnes"_s, QString());
    row("measure-kmh", u"measure"_s, u"km/h"_s, QString());
    row("measure-not-m", u"measure"_s, u"m"_s, u"none"_s);
}

void TestNumberWords::testLookup()
{
    QFETCH(QString, table);
    QFETCH(QString, word);
    QFETCH(QString, expected);
    const auto inSet = [](bool found) { return found ? QString() : u"none"_s; };
    QString actual = u"none"_s;
    if (table == u"cardinal"_s) {
        if (NumberWords::cardinals().contains(word))
            actual = QString::number(NumberWords::cardinals().value(word));
    } else if (table == u"scale"_s) {
        if (const auto scale = NumberWords::scales().constFind(word); scale != NumberWords::scales().cend())
            actual = QString::number(scale->exponent) + (scale->glued ? u" glued"_s : QString());
    } else if (table == u"month"_s) {
        if (NumberWords::months().contains(word))
            actual = QString::number(NumberWords::months().value(word));
    } else if (table == u"weekday"_s) {
        actual = inSet(NumberWords::weekdays().contains(word));
    } else if (table == u"symbol"_s) {
        actual = NumberWords::currencySymbols().value(word, u"none"_s);
    } else if (table == u"dollar"_s) {
        actual = NumberWords::dollarPrefixes().value(word, u"none"_s);
    } else if (table == u"currency"_s) {
        if (const auto currency = NumberWords::currencyNames().constFind(word);
            currency != NumberWords::currencyNames().cend())
            actual = u"%1 %2"_s.arg(currency->code).arg(currency->exponent);
    } else if (table == u"code"_s) {
        actual = inSet(NumberWords::currencyCodes().contains(word));
    } else if (table == u"time"_s) {
        actual = inSet(NumberWords::timeUnits().contains(word));
    } else if (table == u"measure"_s) {
        actual = inSet(NumberWords::measureUnits().contains(word));
    } else {
        QFAIL(qPrintable(table));
    }
    QCOMPARE(actual, expected);
}

// What one table says, the others do not contradict.
void TestNumberWords::testTablesAgree()
{
    for (const QString &code : NumberWords::currencySymbols())
        QVERIFY2(NumberWords::currencyCodes().contains(code), qPrintable(code));
    for (const NumberWords::Currency &currency : NumberWords::currencyNames())
        QVERIFY2(NumberWords::currencyCodes().contains(currency.code), qPrintable(currency.code));
    for (const QString &unit : NumberWords::timeUnits())
        QVERIFY2(!NumberWords::measureUnits().contains(unit), qPrintable(unit));
    for (auto it = NumberWords::scales().cbegin(); it != NumberWords::scales().cend(); ++it) {
        QVERIFY2(!NumberWords::cardinals().contains(it.key()), qPrintable(it.key()));
        QVERIFY2(!NumberWords::currencyNames().contains(it.key()), qPrintable(it.key()));
        QVERIFY(it.value().exponent > 0);
        // Only a letter or two is ambiguous enough to need digits glued to it.
        QCOMPARE(it.value().glued, it.key().size() == 1);
    }
    for (const auto *table : { &NumberWords::cardinals(), &NumberWords::months() }) {
        for (auto it = table->cbegin(); it != table->cend(); ++it)
            QCOMPARE(it.key(), it.key().toLower());
    }
}

QTEST_APPLESS_MAIN(TestNumberWords)
#include "tst_numberwords.moc"

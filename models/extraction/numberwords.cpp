// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/numberwords.h"

using namespace Qt::StringLiterals;

namespace Byline::NumberWords {

const QHash<QString, int> &cardinals()
{
    static const QHash<QString, int> words {
        { u"zero"_s, 0 },
        { u"one"_s, 1 },
        { u"two"_s, 2 },
        { u"three"_s, 3 },
        { u"four"_s, 4 },
        { u"five"_s, 5 },
        { u"six"_s, 6 },
        { u"seven"_s, 7 },
        { u"eight"_s, 8 },
        { u"nine"_s, 9 },
        { u"ten"_s, 10 },
        { u"eleven"_s, 11 },
        { u"twelve"_s, 12 },
        { u"thirteen"_s, 13 },
        { u"fourteen"_s, 14 },
        { u"fifteen"_s, 15 },
        { u"sixteen"_s, 16 },
        { u"seventeen"_s, 17 },
        { u"eighteen"_s, 18 },
        { u"nineteen"_s, 19 },
        { u"twenty"_s, 20 },
        { u"thirty"_s, 30 },
        { u"forty"_s, 40 },
        { u"fifty"_s, 50 },
        { u"sixty"_s, 60 },
        { u"seventy"_s, 70 },
        { u"eighty"_s, 80 },
        { u"ninety"_s, 90 },
    };
    return words;
}

const QHash<QString, Scale> &scales()
{
    static const QHash<QString, Scale> words {
        { u"hundred"_s, { 2, false } },
        { u"thousand"_s, { 3, false } },
        { u"million"_s, { 6, false } },
        { u"billion"_s, { 9, false } },
        { u"trillion"_s, { 12, false } },
        { u"lakh"_s, { 5, false } }, // "50 lakh rupees"
        { u"lakhs"_s, { 5, false } },
        { u"crore"_s, { 7, false } }, // "1.4 crore"
        { u"crores"_s, { 7, false } },
        { u"bn"_s, { 9, false } },
        { u"mn"_s, { 6, false } },
        { u"tn"_s, { 12, false } },
        { u"trn"_s, { 12, false } },
        { u"m"_s, { 6, true } },
        { u"k"_s, { 3, true } },
        { u"b"_s, { 9, true } },
    };
    return words;
}

const QHash<QString, int> &months()
{
    static const QHash<QString, int> names {
        { u"january"_s, 1 },
        { u"february"_s, 2 },
        { u"march"_s, 3 },
        { u"april"_s, 4 },
        { u"may"_s, 5 },
        { u"june"_s, 6 },
        { u"july"_s, 7 },
        { u"august"_s, 8 },
        { u"september"_s, 9 },
        { u"october"_s, 10 },
        { u"november"_s, 11 },
        { u"december"_s, 12 },
        { u"jan"_s, 1 },
        { u"feb"_s, 2 },
        { u"mar"_s, 3 },
        { u"apr"_s, 4 },
        { u"jun"_s, 6 },
        { u"jul"_s, 7 },
        { u"aug"_s, 8 },
        { u"sep"_s, 9 },
        { u"sept"_s, 9 },
        { u"oct"_s, 10 },
        { u"nov"_s, 11 },
        { u"dec"_s, 12 },
    };
    return names;
}

const QSet<QString> &weekdays()
{
    static const QSet<QString> names { u"monday"_s, u"tuesday"_s, u"wednesday"_s, u"thursday"_s, u"friday"_s,
        u"saturday"_s, u"sunday"_s };
    return names;
}

const QHash<QString, QString> &currencySymbols()
{
    static const QHash<QString, QString> symbols { { u"£"_s, u"GBP"_s }, { u"$"_s, u"USD"_s },
        { u"€"_s, u"EUR"_s }, { u"¥"_s, u"JPY"_s }, { u"₽"_s, u"RUB"_s }, { u"₹"_s, u"INR"_s },
        { u"₸"_s, u"KZT"_s }, { u"₴"_s, u"UAH"_s } };
    return symbols;
}

const QHash<QString, QString> &dollarPrefixes()
{
    static const QHash<QString, QString> prefixes { { u"US"_s, u"USD"_s }, { u"A"_s, u"AUD"_s },
        { u"C"_s, u"CAD"_s }, { u"HK"_s, u"HKD"_s }, { u"NZ"_s, u"NZD"_s }, { u"S"_s, u"SGD"_s } };
    return prefixes;
}

const QHash<QString, Currency> &currencyNames()
{
    static const QHash<QString, Currency> names {
        { u"rand"_s, { u"ZAR"_s, 0 } },
        { u"pounds"_s, { u"GBP"_s, 0 } },
        { u"pound"_s, { u"GBP"_s, 0 } },
        { u"sterling"_s, { u"GBP"_s, 0 } },
        { u"pence"_s, { u"GBP"_s, -2 } },
        { u"penny"_s, { u"GBP"_s, -2 } },
        { u"dollars"_s, { u"USD"_s, 0 } },
        { u"dollar"_s, { u"USD"_s, 0 } },
        { u"cents"_s, { u"USD"_s, -2 } },
        { u"euros"_s, { u"EUR"_s, 0 } },
        { u"euro"_s, { u"EUR"_s, 0 } },
        { u"yen"_s, { u"JPY"_s, 0 } },
        { u"yuan"_s, { u"CNY"_s, 0 } },
        { u"renminbi"_s, { u"CNY"_s, 0 } },
        { u"roubles"_s, { u"RUB"_s, 0 } },
        { u"rubles"_s, { u"RUB"_s, 0 } },
        { u"rouble"_s, { u"RUB"_s, 0 } },
        { u"ruble"_s, { u"RUB"_s, 0 } },
        { u"rupees"_s, { u"INR"_s, 0 } },
        { u"rupee"_s, { u"INR"_s, 0 } },
        { u"tenge"_s, { u"KZT"_s, 0 } },
        { u"hryvnias"_s, { u"UAH"_s, 0 } },
        { u"hryvnia"_s, { u"UAH"_s, 0 } },
        { u"naira"_s, { u"NGN"_s, 0 } },
        { u"francs"_s, { u"CHF"_s, 0 } },
        { u"lira"_s, { u"TRY"_s, 0 } },
        { u"zloty"_s, { u"PLN"_s, 0 } },
        { u"krona"_s, { u"SEK"_s, 0 } },
    };
    return names;
}

const QSet<QString> &currencyCodes()
{
    static const QSet<QString> codes { u"USD"_s, u"GBP"_s, u"EUR"_s, u"JPY"_s, u"CNY"_s, u"RUB"_s, u"INR"_s,
        u"KZT"_s, u"UAH"_s, u"ZAR"_s, u"CHF"_s, u"AUD"_s, u"CAD"_s, u"TRY"_s, u"PLN"_s, u"SEK"_s, u"NGN"_s };
    return codes;
}

const QSet<QString> &timeUnits()
{
    static const QSet<QString> words { u"year"_s, u"years"_s, u"month"_s, u"months"_s, u"week"_s, u"weeks"_s,
        u"day"_s, u"days"_s, u"hour"_s, u"hours"_s, u"minute"_s, u"minutes"_s, u"second"_s, u"seconds"_s,
        u"decade"_s, u"decades"_s, u"century"_s, u"centuries"_s, u"fortnight"_s, u"fortnights"_s,
        u"quarters"_s };
    return words;
}

const QSet<QString> &measureUnits()
{
    static const QSet<QString> words { u"km"_s, u"kilometres"_s, u"kilometers"_s, u"kilometre"_s, u"miles"_s,
        u"mile"_s, u"metres"_s, u"meters"_s, u"metre"_s, u"m2"_s, u"feet"_s, u"ft"_s, u"kg"_s, u"kilograms"_s,
        u"tonnes"_s, u"tons"_s, u"tonne"_s, u"litres"_s, u"liters"_s, u"litre"_s, u"gallons"_s, u"barrels"_s,
        u"acres"_s, u"hectares"_s, u"mph"_s, u"kph"_s, u"km/h"_s, u"degrees"_s, u"cm"_s, u"mm"_s, u"inches"_s,
        u"mw"_s, u"gw"_s, u"kwh"_s, u"megawatts"_s, u"gigawatts"_s };
    return words;
}

} // namespace Byline::NumberWords

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QSet>
#include <QString>

namespace Byline::NumberWords {

// The English words and signs figures are written with, for the two readers of figures:
// FigureExtractor, which finds them in a whole article and is tuned for recall, and
// FigureParser, which reads the one an analyst selected. Each decides on its own how a word
// may stand (a lone "m" after a space, a month in lower case); the words are the same.
// Number words are a table rather than ICU's spellout RuleBasedNumberFormat: its lenient parse
// is locale-bound and knows neither "a dozen" nor "bn", which both readers need.
// Words are lower case unless said otherwise.

/// "zero" … "nineteen" and the tens up to "ninety".
const QHash<QString, int> &cardinals();

/// A power of ten after a number. A glued one counts only without a space ("6m", not "6 m").
struct Scale {
    int exponent = 0;
    bool glued = false;
};
/// "hundred" … "trillion", "bn", "mn", "tn", "trn", South Asian "lakh" and "crore", and the
/// glued "m", "k" and "b".
const QHash<QString, Scale> &scales();

/// Month names and their abbreviations ("sept" too), with their number.
const QHash<QString, int> &months();
const QSet<QString> &weekdays();

/// ISO 4217 codes of currency signs, as written: "£", "$", "€", "¥", "₽", "₹", "₸", "₴".
const QHash<QString, QString> &currencySymbols();
/// Letters glued before a dollar sign, as written: "US$", "A$", "HK$".
const QHash<QString, QString> &dollarPrefixes();
/// A currency named after a number; exponent to the main unit (-2 for pence and cents).
struct Currency {
    QString code;
    int exponent = 0;
};
const QHash<QString, Currency> &currencyNames();
/// The ISO 4217 codes read before or after a number ("USD 5m", "500m KZT"), upper case.
const QSet<QString> &currencyCodes();

/// Units of time that make a figure a duration ("three years").
const QSet<QString> &timeUnits();
/// Units of measure that make a figure a measure ("3.5 tonnes", "40 km/h").
const QSet<QString> &measureUnits();

} // namespace Byline::NumberWords

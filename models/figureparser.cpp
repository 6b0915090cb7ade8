// SPDX-License-Identifier: GPL-3.0-or-later
#include "figureparser.h"

#include "extraction/numberwords.h"

#include <QDate>
#include <QHash>
#include <QSet>

#include <cmath>
#include <optional>

namespace Byline {

using namespace Qt::StringLiterals;

// The number words, scales, currencies, months and units are NumberWords', shared with
// FigureExtractor; what is only the parser's (qualifiers it accepts, vague amounts) is here.

namespace {

using NumberWords::cardinals;
using NumberWords::currencyCodes;
using NumberWords::currencyNames;
using NumberWords::currencySymbols;
using NumberWords::dollarPrefixes;
using NumberWords::months;
using NumberWords::scales;
using NumberWords::timeUnits;
using NumberWords::weekdays;

/// The shared units, and "sq m": in a selection, "m" after a space is a metre, never a million.
const QSet<QString> &measureUnits()
{
    static const QSet<QString> words = NumberWords::measureUnits() + QSet<QString> { u"sq"_s, u"m"_s };
    return words;
}

const QList<QStringList> &trailingQualifiers()
{
    static const QList<QStringList> list { { u"or"_s, u"more"_s }, { u"or"_s, u"so"_s },
        { u"or"_s, u"fewer"_s }, { u"or"_s, u"less"_s }, { u"or"_s, u"over"_s }, { u"and"_s, u"over"_s },
        { u"and"_s, u"above"_s }, { u"plus"_s } };
    return list;
}

/// Words between a number and its noun that the unit leaves out.
const QSet<QString> &droppedModifiers()
{
    static const QSet<QString> words { u"other"_s, u"more"_s, u"further"_s, u"additional"_s, u"extra"_s };
    return words;
}

/// "millions of": vague amounts, by their order of magnitude.
const QHash<QString, double> &vagueAmounts()
{
    static const QHash<QString, double> words { { u"dozens"_s, 12 }, { u"hundreds"_s, 1e2 },
        { u"thousands"_s, 1e3 }, { u"millions"_s, 1e6 }, { u"billions"_s, 1e9 } };
    return words;
}

/// Multiples written as one word ("tenfold"): other, unit "times".
const QHash<QString, int> &multipleWords()
{
    static const QHash<QString, int> words { { u"twice"_s, 2 }, { u"double"_s, 2 }, { u"triple"_s, 3 },
        { u"treble"_s, 3 }, { u"quadruple"_s, 4 }, { u"twofold"_s, 2 }, { u"threefold"_s, 3 },
        { u"fourfold"_s, 4 }, { u"fivefold"_s, 5 }, { u"sixfold"_s, 6 }, { u"sevenfold"_s, 7 },
        { u"eightfold"_s, 8 }, { u"ninefold"_s, 9 }, { u"tenfold"_s, 10 }, { u"hundredfold"_s, 100 } };
    return words;
}

/// Longest first, so "more than" wins over a bare "more".
const QList<QStringList> &qualifiers()
{
    static const QList<QStringList> list {
        { u"as"_s, u"many"_s, u"as"_s },
        { u"as"_s, u"much"_s, u"as"_s },
        { u"as"_s, u"few"_s, u"as"_s },
        { u"in"_s, u"excess"_s, u"of"_s },
        { u"more"_s, u"than"_s },
        { u"less"_s, u"than"_s },
        { u"fewer"_s, u"than"_s },
        { u"up"_s, u"to"_s },
        { u"at"_s, u"least"_s },
        { u"at"_s, u"most"_s },
        { u"close"_s, u"to"_s },
        { u"just"_s, u"over"_s },
        { u"just"_s, u"under"_s },
        { u"well"_s, u"over"_s },
        { u"upwards"_s, u"of"_s },
        { u"an"_s, u"estimated"_s },
        { u"estimated"_s },
        { u"about"_s },
        { u"around"_s },
        { u"approximately"_s },
        { u"roughly"_s },
        { u"nearly"_s },
        { u"almost"_s },
        { u"over"_s },
        { u"under"_s },
        { u"some"_s },
        { u"only"_s },
        { u"just"_s },
        { u"circa"_s },
    };
    return list;
}

struct Token {
    enum Kind : quint8 { Word, Digits, Symbol };
    qsizetype start = 0;
    qsizetype end = 0;
    Kind kind = Word;
    bool glued = false; ///< no space between this token and the one before
};

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

/// "2,030" and "1.28" are one token; a comma only groups when three digits follow, so "1,5"
/// stays apart rather than reading as fifteen.
QList<Token> tokenise(QStringView text)
{
    QList<Token> tokens;
    const qsizetype n = text.size();
    qsizetype i = 0;
    bool glued = false;
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            glued = false;
            ++i;
            continue;
        }
        Token token;
        token.start = i;
        token.glued = glued && !tokens.isEmpty();
        // ".5%": a number may start at its decimal point
        const bool leadingPoint = c == u'.' && i + 1 < n && isAsciiDigit(text.at(i + 1))
            && (i == 0 || !isAsciiDigit(text.at(i - 1)));
        if (isAsciiDigit(c) || leadingPoint) {
            token.kind = Token::Digits;
            bool decimal = leadingPoint;
            i += leadingPoint ? 2 : 1;
            while (i < n) {
                if (isAsciiDigit(text.at(i))) {
                    ++i;
                } else if (text.at(i) == u'.' && !decimal && i + 1 < n && isAsciiDigit(text.at(i + 1))) {
                    decimal = true;
                    i += 2;
                } else if (text.at(i) == u',' && !decimal && i + 3 < n && isAsciiDigit(text.at(i + 1))
                    && isAsciiDigit(text.at(i + 2)) && isAsciiDigit(text.at(i + 3))
                    && (i + 4 >= n || !isAsciiDigit(text.at(i + 4)))) {
                    i += 4;
                } else {
                    break;
                }
            }
        } else if (c.isLetter()) {
            token.kind = Token::Word;
            while (i < n && text.at(i).isLetter())
                ++i;
        } else {
            token.kind = Token::Symbol;
            // an emoji outside the BMP is one symbol, never half of one
            i += c.isHighSurrogate() && i + 1 < n && text.at(i + 1).isLowSurrogate() ? 2 : 1;
        }
        token.end = i;
        tokens.append(token);
        glued = true;
    }
    return tokens;
}

/// A decimal number kept as mantissa and power of ten, so "1.28p" gives exactly 0.0128.
struct Decimal {
    double mantissa = 0;
    int exponent = 0;

    double value() const
    {
        return exponent >= 0 ? mantissa * std::pow(10.0, exponent) : mantissa / std::pow(10.0, -exponent);
    }
};

struct Number {
    qsizetype first = 0; ///< tokens, with sign and scale
    qsizetype last = 0;
    Decimal decimal;
    bool word = false;
    bool scaled = false;
    bool yearLike = false;
};

class Parser final {
public:
    explicit Parser(QStringView text)
        : m_text(text)
        , m_tokens(tokenise(text))
    {
    }

    ParsedFigure run();

private:
    qsizetype count() const { return m_tokens.size(); }
    QStringView word(qsizetype t) const
    {
        return t >= 0 && t < count() ? m_text.mid(m_tokens[t].start, m_tokens[t].end - m_tokens[t].start)
                                     : QStringView();
    }
    QString lower(qsizetype t) const { return word(t).toString().toLower(); }
    bool isKind(qsizetype t, Token::Kind kind) const
    {
        return t >= 0 && t < count() && m_tokens[t].kind == kind;
    }
    bool glued(qsizetype t) const { return t >= 0 && t < count() && m_tokens[t].glued; }
    bool isDash(qsizetype t) const
    {
        const QStringView w = word(t);
        return w == u"-" || w == u"–" || w == u"—";
    }
    Span span(qsizetype first, qsizetype last) const
    {
        return { m_tokens[first].start, m_tokens[last - 1].end };
    }

    static ParsedFigure failure(const QString &problem)
    {
        ParsedFigure figure;
        figure.problem = problem;
        return figure;
    }

    qsizetype qualifierAt(qsizetype t, QString *qualifier) const;
    std::optional<Number> numberAt(qsizetype t) const;
    std::optional<Number> wordNumberAt(qsizetype t) const;
    void applyScales(Number &number) const;
    std::optional<ParsedFigure> dateAt(qsizetype t) const;
    /// The first token of a number (or of its currency symbol) at or after `from`.
    qsizetype numberStart(qsizetype from) const;
    QString currencyBefore(qsizetype first, qsizetype *start) const;
    /// What a number's unit makes of it: percent, money by name, a multiple, an age, a
    /// duration, a measure; nothing for a counted noun.
    struct Unit {
        QString kind;
        QString text;
        qsizetype end = 0; ///< the token after the unit
        int exponent = 0; ///< to the main unit of a currency: -2 for pence
    };
    std::optional<Unit> unitAt(qsizetype p, bool wordNumber) const;
    /// After "%", "per cent" or "percent" at `t`, or `t`: a range repeats them ("10% to 15%").
    qsizetype percentEnd(qsizetype t) const;

    QStringView m_text;
    QList<Token> m_tokens;
};

qsizetype Parser::qualifierAt(qsizetype t, QString *qualifier) const
{
    for (const QStringList &words : qualifiers()) {
        bool equal = t + words.size() <= count();
        for (qsizetype k = 0; k < words.size() && equal; ++k)
            equal = lower(t + k) == words[k];
        if (equal) {
            *qualifier = words.join(u' ');
            return t + words.size();
        }
    }
    return t;
}

std::optional<Number> Parser::wordNumberAt(qsizetype t) const
{
    Number number;
    number.first = t;
    number.word = true;
    qsizetype k = t;
    // "half", "a half", "half a million"
    if (lower(k) == u"a"_s && lower(k + 1) == u"half"_s)
        ++k;
    if (lower(k) == u"half"_s) {
        number.decimal = { 5, -1 };
        number.last = k + 1;
        if (lower(k + 1) == u"a"_s && scales().contains(lower(k + 2))
            && !scales().value(lower(k + 2)).glued) {
            number.decimal.exponent += scales().value(lower(k + 2)).exponent;
            number.last = k + 3;
            number.scaled = true;
        }
        return number;
    }
    // "a year", "an hour": one of a unit of time
    if ((lower(k) == u"a"_s || lower(k) == u"an"_s) && timeUnits().contains(lower(k + 1))
        && !lower(k + 1).endsWith(u's')) {
        number.decimal = { 1, 0 };
        number.last = k + 1;
        return number;
    }
    double total = 0;
    double current = 0;
    bool any = false;
    while (k < count()) {
        const QString w = lower(k);
        if (cardinals().contains(w)) {
            if (any && current > 0 && current < 100 && (int(current) % 10 != 0 || cardinals().value(w) >= 10))
                break; // "five six" is two numbers
            current += cardinals().value(w);
            any = true;
            ++k;
            // "twenty-five"
            if (isDash(k) && glued(k) && glued(k + 1) && cardinals().value(lower(k + 1), 10) < 10
                && cardinals().contains(lower(k + 1))) {
                current += cardinals().value(lower(k + 1));
                k += 2;
            }
            continue;
        }
        if (w == u"a"_s && !any
            && (lower(k + 1) == u"dozen"_s || lower(k + 1) == u"hundred"_s || lower(k + 1) == u"thousand"_s
                || lower(k + 1) == u"million"_s || lower(k + 1) == u"billion"_s)) {
            current = 1;
            any = true;
            ++k;
            continue;
        }
        if (w == u"dozen"_s && any) {
            current = (current > 0 ? current : 1) * 12;
            ++k;
            continue;
        }
        if (w == u"hundred"_s && any) {
            current = (current > 0 ? current : 1) * 100;
            ++k;
            continue;
        }
        if ((w == u"thousand"_s || w == u"million"_s || w == u"billion"_s || w == u"trillion"_s) && any) {
            total += (current > 0 ? current : 1) * std::pow(10.0, scales().value(w).exponent);
            current = 0;
            ++k;
            continue;
        }
        // "two hundred and fifty"
        if (w == u"and"_s && any && cardinals().contains(lower(k + 1))) {
            ++k;
            continue;
        }
        break;
    }
    if (!any)
        return std::nullopt;
    number.decimal = { total + current, 0 };
    number.last = k;
    return number;
}

void Parser::applyScales(Number &number) const
{
    while (number.last < count()) {
        const qsizetype s = number.last;
        if (!isKind(s, Token::Word))
            break;
        const auto found = scales().constFind(lower(s));
        if (found == scales().cend())
            break;
        if (found->glued && !glued(s))
            break;
        // "5m/s", "6m-long": a unit of length, not millions
        if (found->glued && (word(s + 1) == u"/" || (isDash(s + 1) && glued(s + 1))))
            break;
        number.decimal.exponent += found->exponent;
        number.last = s + 1;
        number.scaled = true;
        number.yearLike = false;
    }
}

std::optional<Number> Parser::numberAt(qsizetype t) const
{
    if (t < 0 || t >= count())
        return std::nullopt;
    bool negative = false;
    qsizetype k = t;
    const QStringView first = word(k);
    // a sign glued to a word before it is a hyphen: "mid-2006"
    if ((first == u"-" || first == u"−") && isKind(k + 1, Token::Digits) && glued(k + 1) && !glued(k)) {
        negative = true;
        ++k;
    } else if (lower(k) == u"minus"_s
        && (isKind(k + 1, Token::Digits) || cardinals().contains(lower(k + 1)))) {
        negative = true;
        ++k;
    }
    Number number;
    if (isKind(k, Token::Digits)) {
        QString digits = word(k).toString();
        const bool grouped = digits.contains(u',');
        digits.remove(u',');
        const qsizetype point = digits.indexOf(u'.');
        number.decimal.exponent = point < 0 ? 0 : -int(digits.size() - point - 1);
        digits.remove(u'.');
        bool ok = false;
        number.decimal.mantissa = digits.toDouble(&ok);
        if (!ok)
            return std::nullopt;
        number.yearLike = !grouped && point < 0 && digits.size() == 4 && number.decimal.mantissa >= 1000
            && number.decimal.mantissa <= 2100;
        number.first = k;
        number.last = k + 1;
    } else if (auto words = wordNumberAt(k)) {
        number = *words;
    } else {
        return std::nullopt;
    }
    number.first = t;
    // "two and a half years"
    if (number.decimal.exponent == 0 && lower(number.last) == u"and"_s && lower(number.last + 1) == u"a"_s
        && lower(number.last + 2) == u"half"_s) {
        number.decimal = { number.decimal.mantissa * 10 + 5, -1 };
        number.last += 3;
        number.yearLike = false;
    }
    if (negative) {
        number.decimal.mantissa = -number.decimal.mantissa;
        number.yearLike = false;
    }
    applyScales(number);
    return number;
}

QString Parser::currencyBefore(qsizetype first, qsizetype *start) const
{
    const qsizetype k = first - 1;
    if (k < 0)
        return {};
    const QString symbol = word(k).toString();
    if (currencySymbols().contains(symbol) && glued(first)) {
        *start = k;
        if (symbol == u"$"_s && glued(k) && dollarPrefixes().contains(word(k - 1).toString())) {
            *start = k - 1;
            return dollarPrefixes().value(word(k - 1).toString());
        }
        return currencySymbols().value(symbol);
    }
    if (currencyCodes().contains(symbol)) {
        *start = k;
        return symbol;
    }
    return {};
}

qsizetype Parser::numberStart(qsizetype from) const
{
    for (qsizetype t = from; t < count(); ++t) {
        if (currencySymbols().contains(word(t).toString()) && numberAt(t + 1))
            return t;
        if (currencyCodes().contains(word(t).toString()) && numberAt(t + 1))
            return t;
        if (numberAt(t))
            return t;
    }
    return count();
}

std::optional<ParsedFigure> Parser::dateAt(qsizetype t) const
{
    auto dayAt = [&](qsizetype k, qsizetype *end) -> int {
        if (!isKind(k, Token::Digits) || word(k).size() > 2)
            return 0;
        *end = k + 1;
        const QString suffix = lower(k + 1);
        if (glued(k + 1)
            && (suffix == u"st"_s || suffix == u"nd"_s || suffix == u"rd"_s || suffix == u"th"_s))
            *end = k + 2;
        const int day = word(k).toInt();
        return day >= 1 && day <= 31 ? day : 0;
    };
    auto yearAt = [&](qsizetype k) -> int {
        if (!isKind(k, Token::Digits) || word(k).size() != 4)
            return 0;
        const int year = word(k).toInt();
        return year >= 1000 && year <= 2200 ? year : 0;
    };
    int day = 0;
    int month = 0;
    int year = 0;
    qsizetype end = t;
    qsizetype k = t;
    qsizetype afterFirstDay = k;
    if (int d = dayAt(k, &afterFirstDay)) {
        k = afterFirstDay;
        if (lower(k) == u"of"_s)
            ++k;
        if (!months().contains(lower(k)))
            return std::nullopt;
        day = d;
        month = months().value(lower(k));
        end = ++k;
        if (word(k) == u",")
            ++k;
        if ((year = yearAt(k)))
            end = k + 1;
    } else if (months().contains(lower(k))
        && (word(k).size() > 3 || word(k + 1) == u"." || isKind(k + 1, Token::Digits))) {
        month = months().value(lower(k));
        end = ++k;
        if (word(k) == u"." && glued(k))
            end = ++k;
        qsizetype afterDay = k;
        if (const int monthDay = dayAt(k, &afterDay)) {
            day = monthDay;
            end = k = afterDay;
            if (word(k) == u",")
                ++k;
        }
        if ((year = yearAt(k)))
            end = k + 1;
    } else {
        return std::nullopt;
    }
    // 2000 was a leap year, so "29 February" without a year passes
    if (day && !QDate(year ? year : 2000, month, day).isValid())
        return failure(FigureParser::tr("There is no such date"));
    ParsedFigure figure;
    figure.kind = u"date"_s;
    figure.number = span(t, end);
    figure.span = figure.number;
    if (year && day)
        figure.value = QDate(year, month, day).toString(Qt::ISODate);
    else if (year)
        figure.value = u"%1-%2"_s.arg(year, 4, 10, QChar(u'0')).arg(month, 2, 10, QChar(u'0'));
    else if (day)
        figure.value = u"--%1-%2"_s.arg(month, 2, 10, QChar(u'0')).arg(day, 2, 10, QChar(u'0'));
    else
        return std::nullopt; // a month alone
    figure.ok = true;
    return figure;
}

qsizetype Parser::percentEnd(qsizetype t) const
{
    if (word(t) == u"%")
        return t + 1;
    if (lower(t) == u"per"_s && lower(t + 1) == u"cent"_s)
        return t + 2;
    if (lower(t) == u"percent"_s)
        return t + 1;
    return t;
}

std::optional<Parser::Unit> Parser::unitAt(qsizetype p, bool wordNumber) const
{
    const QString after = lower(p);
    Unit unit;
    if (const qsizetype end = percentEnd(p); end != p) {
        unit.kind = u"percent"_s;
        unit.text = u"%"_s;
        unit.end = end;
    } else if (after == u"p"_s && glued(p) && !wordNumber) {
        unit.kind = u"money"_s;
        unit.text = u"GBP"_s;
        unit.exponent = -2;
        unit.end = p + 1;
    } else if (currencyNames().contains(after)
        || (isDash(p) && glued(p) && currencyNames().contains(lower(p + 1)))) {
        // "418bn-rand" as an adjective too
        const qsizetype k = isDash(p) ? p + 1 : p;
        unit.kind = u"money"_s;
        unit.text = currencyNames().value(lower(k)).code;
        unit.exponent = currencyNames().value(lower(k)).exponent;
        unit.end = k + 1;
    } else if (currencyCodes().contains(word(p).toString())) {
        unit.kind = u"money"_s;
        unit.text = word(p).toString();
        unit.end = p + 1;
    } else if ((isDash(p) && glued(p) && lower(p + 1) == u"fold"_s) || after == u"fold"_s
        || after == u"times"_s) {
        unit.kind = u"other"_s;
        unit.text = u"times"_s;
        unit.end = isDash(p) ? p + 2 : p + 1;
    } else if (isDash(p) && glued(p) && (lower(p + 1) == u"year"_s || lower(p + 1) == u"years"_s)
        && isDash(p + 2) && lower(p + 3) == u"old"_s) {
        // "a 34-year-old"
        unit.kind = u"duration"_s;
        unit.text = u"years"_s;
        unit.end = p + 4;
    } else if ((after == u"years"_s || after == u"year"_s) && lower(p + 1) == u"old"_s) {
        unit.kind = u"duration"_s;
        unit.text = u"years"_s;
        unit.end = p + 2;
    } else if (timeUnits().contains(after) || (isDash(p) && glued(p) && timeUnits().contains(lower(p + 1)))) {
        const qsizetype k = isDash(p) ? p + 1 : p;
        unit.kind = u"duration"_s;
        unit.text = word(k).toString();
        unit.end = k + 1;
    } else if (after == u"percentage"_s && (lower(p + 1) == u"points"_s || lower(p + 1) == u"point"_s)) {
        // a difference of percentages, not a share: a measure with its own unit
        unit.kind = u"measure"_s;
        unit.text = m_text.mid(m_tokens[p].start, m_tokens[p + 1].end - m_tokens[p].start).toString();
        unit.end = p + 2;
    } else if (measureUnits().contains(after)
        || (isDash(p) && glued(p) && measureUnits().contains(lower(p + 1)))) {
        const qsizetype k = isDash(p) ? p + 1 : p;
        unit.kind = u"measure"_s;
        unit.end = k + 1;
        // "km/h"
        if (word(k + 1) == u"/" && glued(k + 1) && isKind(k + 2, Token::Word) && glued(k + 2))
            unit.end = k + 3;
        unit.text = m_text.mid(m_tokens[k].start, m_tokens[unit.end - 1].end - m_tokens[k].start).toString();
    } else {
        return std::nullopt;
    }
    return unit;
}

ParsedFigure Parser::run()
{
    if (m_text.trimmed().isEmpty())
        return failure(FigureParser::tr("The selection is empty"));

    qsizetype t = 0;
    QString qualifier;
    // leading words that are not part of the figure: "a 34-year-old", "on 5 January"
    bool between = false;
    bool aged = false;
    for (;;) {
        const qsizetype after = qualifierAt(t, &qualifier);
        if (after != t) {
            t = after;
            continue;
        }
        const QString w = lower(t);
        if (w == u"between"_s) {
            between = true;
            ++t;
            continue;
        }
        if (w == u"aged"_s) {
            aged = true;
            ++t;
            continue;
        }
        break;
    }

    // dates with month names, before numbers: "5 January 2022" starts with a number
    for (qsizetype k = t; k < count(); ++k) {
        if (weekdays().contains(lower(k))) {
            qsizetype next = k + 1;
            if (word(next) == u",")
                ++next;
            if (auto date = dateAt(next)) {
                date->qualifier = qualifier;
                return *date;
            }
            continue;
        }
        if (auto date = dateAt(k)) {
            date->qualifier = qualifier;
            return *date;
        }
        if (isKind(k, Token::Digits) || cardinals().contains(lower(k)))
            break;
    }

    // multiples in one word: "twice", "tenfold"; vague amounts: "millions of"
    for (qsizetype k = t; k < count(); ++k) {
        const QString w = lower(k);
        if (vagueAmounts().contains(w) && lower(k + 1) == u"of"_s) {
            // the evaluation set's convention: the order of magnitude, "millions of" as qualifier
            ParsedFigure figure;
            figure.kind = u"count"_s;
            figure.number = span(k, k + 1);
            figure.value = vagueAmounts().value(w);
            qsizetype last = count();
            while (last > k + 2 && !isKind(last - 1, Token::Word) && !isKind(last - 1, Token::Digits))
                --last;
            figure.span = last > k + 2 ? span(k, last) : figure.number;
            if (last > k + 2)
                figure.unit
                    = m_text.mid(m_tokens[k + 2].start, m_tokens[last - 1].end - m_tokens[k + 2].start)
                          .toString();
            figure.qualifier = w + u" of"_s;
            figure.ok = true;
            return figure;
        }
        if (multipleWords().contains(w)) {
            ParsedFigure figure;
            figure.kind = u"other"_s;
            figure.number = figure.span = span(k, k + 1);
            figure.value = double(multipleWords().value(w));
            figure.unit = u"times"_s;
            figure.qualifier = qualifier;
            figure.ok = true;
            return figure;
        }
        if (isKind(k, Token::Digits) || cardinals().contains(w))
            break;
    }

    const qsizetype start = numberStart(t);
    if (start >= count()) {
        for (qsizetype k = t; k < count(); ++k) {
            if (weekdays().contains(lower(k)))
                return failure(FigureParser::tr("A weekday is not a figure"));
            if (months().contains(lower(k)) && word(k).size() > 3)
                return failure(FigureParser::tr("A month alone is not a figure"));
        }
        return failure(FigureParser::tr("No number in the selection"));
    }

    ParsedFigure figure;
    figure.qualifier = qualifier;
    // a currency symbol or code before the number: "£6m", "US$5", "USD 5m"
    const qsizetype first = numberAt(start) ? start : start + 1;
    qsizetype spanFirst = first;
    const QString currency = currencyBefore(first, &spanFirst);
    Number number = *numberAt(first);

    // what glues to the number and rules out a figure: "COVID-19", "Airbus A321", "3rd", "6pm"
    {
        const qsizetype before = isDash(first - 1) && glued(first) ? first - 1 : first;
        static const QSet<QString> timePrefixes { u"mid"_s, u"early"_s, u"late"_s, u"pre"_s, u"post"_s };
        if (before > 0 && glued(before) && isKind(before - 1, Token::Word) && word(before - 1).at(0).isUpper()
            && currency.isEmpty() && !timePrefixes.contains(lower(before - 1)))
            return failure(FigureParser::tr("A number inside a name is not a figure"));
    }
    const QString next = lower(number.last);
    if (glued(number.last) && !number.word && !number.scaled) {
        if (next == u"st"_s || next == u"nd"_s || next == u"rd"_s || next == u"th"_s)
            return failure(FigureParser::tr("An ordinal is not a figure"));
        if (next == u"am"_s || next == u"pm"_s)
            return failure(FigureParser::tr("A clock time is not a figure"));
        // the guidelines know years and dates; "the 1990s" is neither
        if (next == u"s"_s)
            return failure(FigureParser::tr("A decade is not a figure"));
    }
    if (word(number.last) == u":" && isKind(number.last + 1, Token::Digits) && glued(number.last + 1))
        return failure(FigureParser::tr("A clock time is not a figure"));

    Decimal lowerBound = number.decimal;
    std::optional<Decimal> upper;
    bool upperYearLike = false;
    qsizetype p = number.last;

    auto rangeAt = [&](qsizetype k) -> qsizetype {
        const QString joiner = lower(k);
        const bool joins = joiner == u"to"_s || (joiner == u"and"_s && between) || isDash(k);
        if (!joins)
            return -1;
        qsizetype u = k + 1;
        qsizetype ignored = u;
        if (!currencyBefore(u + 1, &ignored).isEmpty() && numberAt(u + 1))
            ++u;
        return numberAt(u) ? u : -1;
    };
    QString upperYear;
    if (qsizetype u = rangeAt(p); u >= 0 || (u = rangeAt(percentEnd(p))) >= 0) {
        // the extractor reads "from 10% to 15%" as a change, two figures; so do we
        if (lower(spanFirst - 1) == u"from"_s)
            return failure(FigureParser::tr("“From … to …” is a change: mark each figure on its own"));
        const Number second = *numberAt(u);
        upper = second.decimal;
        upperYearLike = second.yearLike;
        p = second.last;
        upperYear = word(second.first).toString();
        // "2005-06": the century of the first year
        if (number.yearLike && isKind(second.first, Token::Digits) && upperYear.size() == 2
            && second.last == second.first + 1 && !isKind(second.last, Token::Word)) {
            const int from = word(first).toInt();
            int to = from / 100 * 100 + upperYear.toInt();
            if (to < from)
                to += 100;
            upperYear = QString::number(to);
            upperYearLike = true;
            upper = Decimal { double(to), 0 };
        }
        // "2-3 million", "£5-6m": the scale written once applies to both bounds
        if (second.scaled && !number.scaled) {
            for (qsizetype k = second.first; k < second.last; ++k) {
                if (isKind(k, Token::Word) && scales().contains(lower(k)))
                    lowerBound.exponent += scales().value(lower(k)).exponent;
            }
        }
    }

    int currencyExponent = 0;
    qsizetype spanLast = p;
    if (!currency.isEmpty()) {
        figure.kind = u"money"_s;
        figure.unit = currency;
        if (currencyCodes().contains(word(p).toString()))
            spanLast = ++p;
    }
    if (!figure.kind.isEmpty()) {
        // the currency said it all
    } else if (const std::optional<Unit> unit = unitAt(p, number.word)) {
        figure.kind = unit->kind;
        figure.unit = unit->text;
        currencyExponent = unit->exponent;
        spanLast = unit->end;
    } else if (aged) {
        figure.kind = u"duration"_s;
        figure.unit = u"years"_s;
    } else {
        // the counted noun phrase: everything selected after the number, up to its last word
        qsizetype last = count();
        auto trimEnd = [&] {
            while (last > p && !isKind(last - 1, Token::Word) && !isKind(last - 1, Token::Digits))
                --last;
        };
        trimEnd();
        // "160 people or more": a qualifier after the noun
        for (const QStringList &words : trailingQualifiers()) {
            bool equal = last - words.size() > p;
            for (qsizetype k = 0; k < words.size() && equal; ++k)
                equal = lower(last - words.size() + k) == words[k];
            if (equal) {
                if (figure.qualifier.isEmpty())
                    figure.qualifier = words.join(u' ');
                last -= words.size();
                trimEnd();
                break;
            }
        }
        // "5,000-strong force"
        while (p < last && isKind(p, Token::Symbol))
            ++p;
        // "six other public sector unions" counts unions (guidelines, section 3)
        if (last > p + 1 && droppedModifiers().contains(lower(p)))
            ++p;
        if (last > p) {
            figure.kind = u"count"_s;
            figure.unit
                = m_text.mid(m_tokens[p].start, m_tokens[last - 1].end - m_tokens[p].start).toString();
            spanLast = last;
        } else if (number.yearLike && (!upper || upperYearLike)) {
            figure.kind = u"date"_s;
        } else {
            figure.kind = u"count"_s;
        }
    }
    if (upper && figure.kind != u"date"_s && lowerBound.value() > upper->value())
        return failure(
            FigureParser::tr("The second number is below the first: a score or a change, not a range"));

    if (figure.kind == u"date"_s) {
        figure.value = word(first).toString();
        if (upper)
            figure.valueMax = upperYear;
    } else {
        lowerBound.exponent += currencyExponent;
        figure.value = lowerBound.value();
        if (upper) {
            upper->exponent += currencyExponent;
            figure.valueMax = upper->value();
        }
    }
    figure.number = span(number.first, number.last);
    figure.span = span(spanFirst, std::max(spanLast, number.last));
    figure.ok = true;
    return figure;
}

} // namespace

Figure ParsedFigure::toFigure(RecordId articleId) const
{
    Figure figure;
    figure.articleId = articleId;
    figure.kind = kind;
    figure.span = span;
    figure.number = number;
    figure.value = value;
    figure.valueMax = valueMax;
    figure.unit = unit;
    figure.qualifier = qualifier;
    figure.provenance.status = AnnotationStatus::Manual;
    return figure;
}

ParsedFigure FigureParser::parse(QStringView selection)
{
    return Parser(selection).run();
}

ParsedFigure FigureParser::parse(const QString &text, const Span &selection)
{
    if (!selection.isValidIn(text.size())) {
        ParsedFigure figure;
        figure.problem = tr("The selection is outside the text");
        return figure;
    }
    ParsedFigure figure = parse(QStringView(text).mid(selection.start, selection.length()));
    auto shift = [&](Span &span) {
        if (!span.isNull())
            span = { span.start + selection.start, span.end + selection.start };
    };
    shift(figure.span);
    shift(figure.number);
    return figure;
}

} // namespace Byline

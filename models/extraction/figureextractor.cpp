// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/figureextractor.h"

#include "extraction/lexicon.h"
#include "extraction/numberwords.h"

#include <QHash>
#include <QSet>

#include <cmath>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

// The words and signs are NumberWords', shared with FigureParser; these views of them are how
// the extractor, looking for figures in running text, takes them.

/// Number words from one up, and "dozen": "zero" counts nothing worth suggesting.
const QHash<QString, double> &wordNumbers()
{
    static const QHash<QString, double> words = [] {
        QHash<QString, double> table { { u"dozen"_s, 12 } };
        for (auto it = NumberWords::cardinals().cbegin(); it != NumberWords::cardinals().cend(); ++it) {
            if (it.value() > 0)
                table.insert(it.key(), it.value());
        }
        return table;
    }();
    return words;
}

double scaleFactor(const QString &word)
{
    return std::pow(10.0, NumberWords::scales().value(word).exponent);
}

/// Capitalised, as a month is written in running text: "May", never the verb "may".
const QHash<QString, int> &months()
{
    static const QHash<QString, int> names = [] {
        QHash<QString, int> table;
        for (auto it = NumberWords::months().cbegin(); it != NumberWords::months().cend(); ++it)
            table.insert(it.key().left(1).toUpper() + it.key().mid(1), it.value());
        return table;
    }();
    return names;
}

/// A currency after a number, with the factor to its main unit: its name, its ISO 4217 code,
/// or "p" for pence.
const QHash<QString, std::pair<QString, double>> &currencyNames()
{
    static const QHash<QString, std::pair<QString, double>> names = [] {
        QHash<QString, std::pair<QString, double>> table { { u"p"_s, { u"GBP"_s, 0.01 } } };
        for (auto it = NumberWords::currencyNames().cbegin(); it != NumberWords::currencyNames().cend(); ++it)
            table.insert(it.key(), { it.value().code, std::pow(10.0, it.value().exponent) });
        for (const QString &code : NumberWords::currencyCodes())
            table.insert(code, { code, 1 });
        return table;
    }();
    return names;
}

using NumberWords::currencySymbols;
using NumberWords::measureUnits;
using NumberWords::timeUnits;

const QSet<QString> &nounStops()
{
    // words that end the counted noun phrase
    static const QSet<QString> words {
        u"in"_s,
        u"on"_s,
        u"at"_s,
        u"to"_s,
        u"from"_s,
        u"for"_s,
        u"by"_s,
        u"with"_s,
        u"as"_s,
        u"than"_s,
        u"into"_s,
        u"over"_s,
        u"under"_s,
        u"since"_s,
        u"after"_s,
        u"before"_s,
        u"per"_s,
        u"a"_s,
        u"an"_s,
        u"the"_s,
        u"this"_s,
        u"that"_s,
        u"which"_s,
        u"who"_s,
        u"were"_s,
        u"was"_s,
        u"is"_s,
        u"are"_s,
        u"have"_s,
        u"has"_s,
        u"had"_s,
        u"will"_s,
        u"would"_s,
        u"could"_s,
        u"can"_s,
        u"may"_s,
        u"might"_s,
        u"must"_s,
        u"should"_s,
        u"be"_s,
        u"been"_s,
        u"being"_s,
        u"did"_s,
        u"do"_s,
        u"does"_s,
        u"also"_s,
        u"still"_s,
        u"now"_s,
        u"then"_s,
        u"each"_s,
        u"every"_s,
        u"respectively"_s,
        u"including"_s,
        u"next"_s,
        u"last"_s,
        u"and"_s,
        u"or"_s,
        u"but"_s,
        u"of"_s,
        u"its"_s,
        u"their"_s,
        u"his"_s,
        u"her"_s,
        u"our"_s,
        u"ago"_s,
        u"earlier"_s,
        u"later"_s,
        u"more"_s,
        u"less"_s,
        u"between"_s,
        u"against"_s,
        u"during"_s,
        u"while"_s,
        u"if"_s,
        u"when"_s,
        u"where"_s,
        u"because"_s,
        u"there"_s,
        u"it"_s,
        u"they"_s,
        u"he"_s,
        u"she"_s,
        u"we"_s,
        u"not"_s,
        u"so"_s,
        u"up"_s,
        u"down"_s,
        u"out"_s,
        u"about"_s,
        u"around"_s,
        u"said"_s,
        u"says"_s,
        u"percent"_s,
        u"cent"_s,
        u"times"_s,
        u"all"_s,
    };
    return words;
}

const QSet<QString> &droppedModifiers()
{
    static const QSet<QString> words { u"other"_s, u"more"_s, u"further"_s, u"additional"_s, u"extra"_s };
    return words;
}

const QSet<QString> &referenceWords()
{
    // "page 5", "No 10", "Article 50": numbers that name rather than count
    static const QSet<QString> words { u"page"_s, u"pages"_s, u"section"_s, u"chapter"_s, u"article"_s,
        u"paragraph"_s, u"clause"_s, u"no"_s, u"number"_s, u"room"_s, u"flight"_s, u"route"_s, u"line"_s,
        u"platform"_s, u"level"_s, u"grade"_s, u"tier"_s, u"phase"_s, u"season"_s, u"version"_s };
    return words;
}

const QList<std::pair<QStringList, QString>> &qualifiers()
{
    static const QList<std::pair<QStringList, QString>> list {
        { { u"more"_s, u"than"_s }, u"more than"_s },
        { { u"less"_s, u"than"_s }, u"less than"_s },
        { { u"fewer"_s, u"than"_s }, u"fewer than"_s },
        { { u"up"_s, u"to"_s }, u"up to"_s },
        { { u"at"_s, u"least"_s }, u"at least"_s },
        { { u"at"_s, u"most"_s }, u"at most"_s },
        { { u"close"_s, u"to"_s }, u"close to"_s },
        { { u"as"_s, u"many"_s, u"as"_s }, u"as many as"_s },
        { { u"as"_s, u"much"_s, u"as"_s }, u"as much as"_s },
        { { u"just"_s, u"over"_s }, u"just over"_s },
        { { u"just"_s, u"under"_s }, u"just under"_s },
        { { u"an"_s, u"estimated"_s }, u"an estimated"_s },
        { { u"about"_s }, u"about"_s },
        { { u"around"_s }, u"around"_s },
        { { u"approximately"_s }, u"approximately"_s },
        { { u"roughly"_s }, u"roughly"_s },
        { { u"nearly"_s }, u"nearly"_s },
        { { u"almost"_s }, u"almost"_s },
        { { u"over"_s }, u"over"_s },
        { { u"under"_s }, u"under"_s },
        { { u"some"_s }, u"some"_s },
        { { u"only"_s }, u"only"_s },
    };
    return list;
}

struct Number {
    qsizetype first = 0; ///< tokens of the number, with its scale
    qsizetype last = 0;
    double value = 0;
    bool word = false;
    bool yearLike = false;
    bool integer = false;
};

class Finder final {
public:
    Finder(const TextAnalysis &text, const EntityAnalysis &entities)
        : m_text(text)
        , m_entities(entities)
    {
    }

    QList<Figure> run();

private:
    qsizetype count() const { return m_text.tokens().size(); }
    QString word(qsizetype t) const
    {
        return t >= 0 && t < count() ? m_text.tokenText(t).toString() : QString();
    }
    QString lower(qsizetype t) const { return word(t).toLower(); }
    bool isNumberToken(qsizetype t) const
    {
        return t >= 0 && t < count() && m_text.tokens()[t].kind == Token::Number;
    }
    Span span(qsizetype first, qsizetype last) const
    {
        return { m_text.tokens()[first].start, m_text.tokens()[last - 1].end };
    }
    std::optional<Number> numberAt(qsizetype t) const;
    bool personBefore(qsizetype t) const
    {
        const RecordId id = m_entities.entityAtToken.value(t - 1);
        const Entity *entity = m_entities.entity(id);
        return entity && entity->type == u"PERSON"_s;
    }
    std::optional<Figure> dateAt(qsizetype t, qsizetype *end) const;
    bool excluded(const Number &number) const;
    QString qualifierBefore(qsizetype first, qsizetype *start) const;
    qsizetype nounPhraseEnd(qsizetype from) const;
    void add(Figure figure, const QString &rule, double confidence);

    const TextAnalysis &m_text;
    const EntityAnalysis &m_entities;
    QList<Figure> m_figures;
    QString m_lastCountUnit;
    qsizetype m_lastCountSentence = -100;
    std::optional<Number> m_rangeLower; ///< "six" in "six to nine months": waits for its upper bound
};

std::optional<Number> Finder::numberAt(qsizetype t) const
{
    Number number;
    number.first = t;
    if (isNumberToken(t)) {
        QString digits = word(t);
        const bool grouped = digits.contains(u',');
        digits.remove(u',');
        bool ok = false;
        number.value = digits.toDouble(&ok);
        if (!ok)
            return std::nullopt;
        number.integer = !digits.contains(u'.');
        number.yearLike = number.integer && !grouped && digits.size() == 4 && number.value >= 1800
            && number.value <= 2100;
        number.last = t + 1;
    } else {
        // "two hundred and fifty thousand", "twenty-five", "a dozen", "a million"
        static const QHash<QString, double> bigScales { { u"thousand"_s, 1e3 }, { u"million"_s, 1e6 },
            { u"billion"_s, 1e9 }, { u"trillion"_s, 1e12 } };
        qsizetype k = t;
        double total = 0;
        double current = 0;
        bool any = false;
        bool afterScale = false;
        if (lower(k) == u"a"_s || lower(k) == u"an"_s) {
            const QString scale = lower(k + 1);
            if (scale != u"dozen"_s && scale != u"hundred"_s && !bigScales.contains(scale))
                return std::nullopt;
            current = 1;
            ++k;
        }
        for (;;) {
            const QString w = lower(k);
            if (wordNumbers().contains(w) && w != u"dozen"_s) {
                if (any && !afterScale)
                    break; // "two three" is not one number
                double value = wordNumbers().value(w);
                if (value >= 20 && word(k + 1) == u"-"_s && m_text.adjacent(k, k + 1)
                    && wordNumbers().value(lower(k + 2)) < 10 && wordNumbers().contains(lower(k + 2))) {
                    value += wordNumbers().value(lower(k + 2));
                    k += 2;
                }
                current += value;
                afterScale = false;
            } else if (w == u"dozen"_s) {
                current = std::max(current, 1.0) * 12;
                afterScale = true;
            } else if (w == u"hundred"_s && (any || current > 0)) {
                current = std::max(current, 1.0) * 100;
                afterScale = true;
            } else if (bigScales.contains(w) && (any || current > 0)) {
                total += std::max(current, 1.0) * bigScales.value(w);
                current = 0;
                afterScale = true;
            } else if (w == u"and"_s && afterScale && wordNumbers().contains(lower(k + 1))) {
                ++k;
                continue;
            } else {
                break;
            }
            any = true;
            ++k;
        }
        if (!any)
            return std::nullopt;
        number.value = total + current;
        number.word = true;
        number.integer = true;
        number.last = k;
    }
    // scales: "1.4 million", "6.8bn", "two thousand"
    for (;;) {
        const qsizetype s = number.last;
        const QString w = lower(s);
        if (!NumberWords::scales().contains(w))
            break;
        const bool glued = m_text.adjacent(s - 1, s);
        const bool spelled = w.size() > 2; // million, billion: not a lone "m" after a space
        if (!glued && !spelled)
            break;
        if (glued && w == u"m"_s && word(s + 1) == u"/"_s)
            break;
        number.value *= scaleFactor(w);
        // 66.1 million is 66100000, not 66099999.99999999
        if (std::abs(number.value - std::round(number.value)) < 1e-6)
            number.value = std::round(number.value);
        number.last = s + 1;
        number.yearLike = false;
        number.integer = std::floor(number.value) == number.value;
    }
    return number;
}

bool Finder::excluded(const Number &number) const
{
    const qsizetype t = number.first;
    // inside a name: "Transport 2000", "BBC Radio 4"
    for (qsizetype k = number.first; k < number.last; ++k) {
        if (m_entities.entityAtToken.value(k))
            return true;
    }
    const QString next = lower(number.last);
    if (m_text.adjacent(number.last - 1, number.last)
        && (next == u"th"_s || next == u"st"_s || next == u"nd"_s || next == u"rd"_s || next == u"s"_s
            || next == u"am"_s || next == u"pm"_s))
        return true; // ordinals, decades, clock times
    if (next == u":"_s && isNumberToken(number.last + 1))
        return true; // 10:30
    if (word(t - 1) == u":"_s && isNumberToken(t - 2))
        return true;
    if (t > 0 && word(t - 1) == u"-"_s && m_text.adjacent(t - 1, t) && m_text.isCapitalised(t - 2))
        return true; // COVID-19
    if (isNumberToken(t) && word(number.last) == u"-"_s && isNumberToken(number.last + 1)
        && m_text.adjacent(number.last - 1, number.last) && m_text.adjacent(number.last, number.last + 1)
        && word(t).size() <= 2 && word(number.last + 1).size() <= 2)
        return true; // sports scores, 3-1
    if (t > 0 && word(t - 1) == u"-"_s && isNumberToken(t - 2) && m_text.adjacent(t - 2, t - 1))
        return true;
    if (referenceWords().contains(lower(t - 1)) && !number.word)
        return true;
    // list numbering at the start of a paragraph
    const qsizetype paragraph = m_text.paragraphOf(t);
    if (paragraph >= 0 && m_text.paragraphs().at(paragraph).first == t && (next == u"."_s || next == u")"_s))
        return true;
    return false;
}

QString Finder::qualifierBefore(qsizetype first, qsizetype *start) const
{
    *start = first;
    for (const auto &[words, name] : qualifiers()) {
        const qsizetype n = words.size();
        if (first - n < 0)
            continue;
        bool equal = true;
        for (qsizetype k = 0; k < n && equal; ++k)
            equal = lower(first - n + k) == words[k];
        if (equal) {
            *start = first - n;
            return name;
        }
    }
    return {};
}

qsizetype Finder::nounPhraseEnd(qsizetype from) const
{
    qsizetype t = from;
    qsizetype words = 0;
    const qsizetype sentence = m_text.sentenceOf(from);
    auto nounWord = [&](qsizetype k) {
        if (k >= count() || m_text.sentenceOf(k) != sentence || m_text.tokens()[k].kind != Token::Word)
            return false;
        const QString w = lower(k);
        if (nounStops().contains(w) || months().contains(word(k)))
            return false;
        if (w.endsWith(u"ing"_s) && k > from)
            return false;
        if (w.size() > 3 && w.endsWith(u"ed"_s) && !w.endsWith(u"eed"_s))
            return false;
        return true;
    };
    // after a plural head only "of", "and", "or" go on: "a million visitors came"
    static const QSet<QString> irregularPlurals { u"people"_s, u"men"_s, u"women"_s, u"children"_s,
        u"staff"_s, u"police"_s, u"personnel"_s, u"aircraft"_s, u"sheep"_s, u"cattle"_s, u"fish"_s,
        u"equipment"_s };
    auto pluralHead = [&](qsizetype k) {
        const QString w = lower(k);
        if (irregularPlurals.contains(w))
            return true;
        return w.size() > 3 && w.endsWith(u's') && !w.endsWith(u"ss"_s) && !w.endsWith(u"us"_s)
            && !w.endsWith(u"is"_s) && !w.endsWith(u"as"_s) && !w.endsWith(u"ics"_s)
            && !m_text.isCapitalised(k);
    };
    // plural nouns that modify another noun: "three sports cars"
    static const QSet<QString> pluralModifiers { u"sports"_s, u"arms"_s, u"savings"_s, u"goods"_s,
        u"customs"_s, u"earnings"_s, u"sales"_s, u"communications"_s };
    bool headSeen = false;
    while (t < count() && words < 7) {
        if (!headSeen && nounWord(t)) {
            headSeen = pluralHead(t) && !pluralModifiers.contains(lower(t));
            ++t;
            ++words;
            // "UK-based", "long-haul"
            while (word(t) == u"-"_s && m_text.adjacent(t - 1, t) && t + 1 < count()
                && m_text.adjacent(t, t + 1) && m_text.tokens()[t + 1].kind == Token::Word) {
                t += 2;
            }
            continue;
        }
        if (words == 0)
            break;
        const QString w = lower(t);
        if (w == u"of"_s) {
            qsizetype k = t + 1;
            if (lower(k) == u"the"_s)
                ++k;
            if (nounWord(k)) {
                t = k;
                headSeen = false;
                continue;
            }
        }
        if ((w == u"and"_s || w == u"or"_s) && nounWord(t + 1) && !isNumberToken(t + 1)) {
            t += 1;
            headSeen = false;
            continue;
        }
        break;
    }
    // a phrase never ends with "and"/"of"
    while (t > from && (lower(t - 1) == u"and"_s || lower(t - 1) == u"or"_s || lower(t - 1) == u"of"_s))
        --t;
    return t;
}

std::optional<Figure> Finder::dateAt(qsizetype t, qsizetype *end) const
{
    auto iso = [](int year, int month, int day) {
        QString out;
        out = year > 0 ? QString::number(year) : u"-"_s;
        if (month > 0)
            out += u'-' + QString::number(month).rightJustified(2, u'0');
        if (day > 0)
            out += u'-' + QString::number(day).rightJustified(2, u'0');
        return out;
    };
    auto yearAt = [&](qsizetype k) -> int {
        if (!isNumberToken(k))
            return 0;
        const QString w = word(k);
        if (w.size() != 4 || w.contains(u',') || w.contains(u'.'))
            return 0;
        const int year = w.toInt();
        return year >= 1000 && year <= 2200 ? year : 0;
    };
    Figure figure;
    figure.kind = u"date"_s;
    if (isNumberToken(t) && months().contains(word(t + 1))) {
        const int day = word(t).toInt();
        if (day < 1 || day > 31 || word(t).size() > 2)
            return std::nullopt;
        const int month = months().value(word(t + 1));
        int year = yearAt(t + 2);
        *end = year ? t + 3 : t + 2;
        figure.value = year ? iso(year, month, day) : u"--"_s + iso(0, month, day).mid(2);
        if (!year)
            figure.value = u"--%1-%2"_s.arg(month, 2, 10, QChar(u'0')).arg(day, 2, 10, QChar(u'0'));
        return figure;
    }
    if (months().contains(word(t)) && word(t).size() > 3) {
        const int month = months().value(word(t));
        if (isNumberToken(t + 1) && word(t + 1).size() <= 2) {
            const int day = word(t + 1).toInt();
            if (day < 1 || day > 31)
                return std::nullopt;
            qsizetype k = t + 2;
            if (word(k) == u","_s)
                ++k;
            const int year = yearAt(k);
            *end = year ? k + 1 : t + 2;
            figure.value = year ? iso(year, month, day)
                                : u"--%1-%2"_s.arg(month, 2, 10, QChar(u'0')).arg(day, 2, 10, QChar(u'0'));
            return figure;
        }
        if (const int year = yearAt(t + 1)) {
            *end = t + 2;
            figure.value = iso(year, month, 0);
            return figure;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

void Finder::add(Figure figure, const QString &rule, double confidence)
{
    figure.id = m_figures.size() + 1;
    figure.provenance.status = AnnotationStatus::Auto;
    figure.provenance.confidence = confidence;
    figure.provenance.rule = rule;
    m_figures.append(figure);
}

QList<Figure> Finder::run()
{
    qsizetype t = 0;
    while (t < count()) {
        // dates with month names first: "31 December 2004", "November 2003", "23 March"
        qsizetype end = t;
        if (auto date = dateAt(t, &end); date && !m_entities.entityAtToken.value(t)) {
            qsizetype start = t;
            date->qualifier = qualifierBefore(t, &start);
            date->span = span(t, end);
            date->number = span(t, end);
            add(*date, u"figure.date"_s, 0.9);
            t = end;
            continue;
        }
        if (lower(t) == u"twice"_s) {
            Figure figure;
            figure.kind = u"other"_s;
            figure.span = figure.number = span(t, t + 1);
            figure.value = 2.0;
            figure.unit = u"times"_s;
            add(figure, u"figure.multiple"_s, 0.5);
            ++t;
            continue;
        }
        const std::optional<Number> found = numberAt(t);
        if (!found || excluded(*found)) {
            ++t;
            continue;
        }
        Number number = *found;
        // "three times the train fare": a multiple; "three times a day" is a frequency
        if (number.word && number.integer && lower(number.last) == u"times"_s
            && number.last == number.first + 1) {
            const QString next = lower(number.last + 1);
            if (next != u"a"_s && next != u"per"_s && next != u"each"_s && next != u"every"_s) {
                Figure figure;
                figure.kind = u"other"_s;
                figure.span = span(number.first, number.last + 1);
                figure.number = span(number.first, number.last);
                figure.value = number.value;
                figure.unit = u"times"_s;
                add(figure, u"figure.multiple"_s, 0.5);
                t = number.last + 1;
                continue;
            }
        }
        Figure figure;
        qsizetype spanFirst = number.first;
        qsizetype spanLast = number.last;
        double factor = 1;
        // currency before: £75m, $1.2bn, US$5
        if (number.first > 0 && !number.word && currencySymbols().contains(word(number.first - 1))
            && m_text.adjacent(number.first - 1, number.first)) {
            figure.kind = u"money"_s;
            figure.unit = currencySymbols().value(word(number.first - 1));
            spanFirst = number.first - 1;
            if (figure.unit == u"USD"_s && spanFirst > 0 && m_text.adjacent(spanFirst - 1, spanFirst)) {
                const QString prefix = word(spanFirst - 1);
                if (prefix == u"US"_s)
                    --spanFirst;
                else if (prefix == u"A"_s)
                    figure.unit = u"AUD"_s, --spanFirst;
                else if (prefix == u"C"_s)
                    figure.unit = u"CAD"_s, --spanFirst;
                else if (prefix == u"HK"_s)
                    figure.unit = u"HKD"_s, --spanFirst;
            }
        } else if (number.first > 0 && Lexicon::instance().isCurrencyCode(word(number.first - 1))) {
            figure.kind = u"money"_s;
            figure.unit = word(number.first - 1);
            spanFirst = number.first - 1;
        }
        // what follows: %, per cent, a currency name, a time unit, a unit of measure
        qsizetype next = number.last;
        if (word(next) == u"-"_s && m_text.adjacent(next - 1, next) && m_text.adjacent(next, next + 1))
            ++next; // "418bn-rand", "five-year"
        const QString after = lower(next);
        const bool hyphenated = next != number.last;
        if (figure.kind.isEmpty()
            && (word(number.last) == u"%"_s || after == u"percent"_s
                || (after == u"per"_s && lower(next + 1) == u"cent"_s))) {
            figure.kind = u"percent"_s;
            figure.unit = u"%"_s;
            spanLast
                = word(number.last) == u"%"_s ? number.last + 1 : (after == u"per"_s ? next + 2 : next + 1);
        } else if (figure.kind.isEmpty() && currencyNames().contains(word(next))
            && (word(next) != u"p"_s || m_text.adjacent(number.last - 1, next))) {
            const auto &[code, scale] = currencyNames().value(word(next));
            figure.kind = u"money"_s;
            figure.unit = code;
            factor = scale;
            spanLast = next + 1;
        } else if (figure.kind.isEmpty() && Lexicon::instance().isCurrencyCode(word(next))) {
            figure.kind = u"money"_s;
            figure.unit = word(next);
            spanLast = next + 1;
        } else if (figure.kind.isEmpty() && currencyNames().contains(after) && !hyphenated) {
            const auto &[code, scale] = currencyNames().value(after);
            figure.kind = u"money"_s;
            figure.unit = code;
            factor = scale;
            spanLast = next + 1;
        } else if (figure.kind.isEmpty() && timeUnits().contains(after) && m_text.isCapitalised(next)) {
            // "the 4 Day Week Campaign": a number inside a name
            t = next;
            continue;
        } else if (figure.kind.isEmpty() && timeUnits().contains(after)) {
            figure.kind = u"duration"_s;
            figure.unit = word(next);
            spanLast = next + 1;
            // "a 34-year-old": an age, in years
            if (hyphenated && word(next + 1) == u"-"_s && lower(next + 2) == u"old"_s) {
                figure.unit = u"years"_s;
                spanLast = next + 3;
            }
        } else if (figure.kind.isEmpty() && measureUnits().contains(after)) {
            figure.kind = u"measure"_s;
            figure.unit = word(next);
            spanLast = next + 1;
        } else if (figure.kind == u"money"_s) {
            // the symbol said it all
        } else if (!number.word
            && (lower(number.first - 1) == u"aged"_s || lower(number.first - 2) == u"age"_s
                || lower(number.first - 3) == u"age"_s
                || (word(number.first - 1) == u","_s && word(number.last) == u","_s && number.integer
                    && number.value < 120 && personBefore(number.first - 1)))) {
            // "Maria Lopez, 45, said": an age too
            // "aged 21", "the pension age to 65", "the age of 18"
            figure.kind = u"duration"_s;
            figure.unit = u"years"_s;
        } else if (number.yearLike) {
            // a year, unless a plural noun follows ("2000 people")
            const QString noun = lower(number.last);
            const bool counted = m_text.tokens().value(number.last).kind == Token::Word && noun.endsWith(u's')
                && !m_text.isCapitalised(number.last) && !nounStops().contains(noun);
            if (!counted) {
                figure.kind = u"date"_s;
                figure.value = word(number.first);
            }
        }
        if (figure.kind.isEmpty() || figure.kind == u"date"_s) {
            if (figure.kind.isEmpty()) {
                // a count: the noun phrase after it
                qsizetype nounFirst = number.last;
                while (droppedModifiers().contains(lower(nounFirst)) && nounFirst < number.last + 1)
                    ++nounFirst;
                const qsizetype nounLast = nounPhraseEnd(nounFirst);
                if (nounLast > nounFirst) {
                    figure.kind = u"count"_s;
                    figure.unit = m_text.text().mid(m_text.tokens()[nounFirst].start,
                        m_text.tokens()[nounLast - 1].end - m_text.tokens()[nounFirst].start);
                    spanLast = nounLast;
                    m_lastCountUnit = figure.unit;
                    m_lastCountSentence = m_text.sentenceOf(t);
                } else if (const auto whole
                    = lower(number.last) == u"of"_s ? numberAt(number.last + 1) : std::nullopt;
                    whole && nounPhraseEnd(whole->last) > whole->last) {
                    // "38 of 41 drones": the part counts what the whole counts
                    const qsizetype wholeEnd = nounPhraseEnd(whole->last);
                    figure.kind = u"count"_s;
                    figure.unit = m_text.text().mid(m_text.tokens()[whole->last].start,
                        m_text.tokens()[wholeEnd - 1].end - m_text.tokens()[whole->last].start);
                } else if (!number.word && m_text.sentenceOf(t) - m_lastCountSentence <= 4
                    && !m_lastCountUnit.isEmpty()) {
                    // "another 11", "Unison's 800,000 workers, the TGWU's 70,000": the noun is elided
                    figure.kind = u"count"_s;
                    figure.unit = m_lastCountUnit;
                } else {
                    // "six to nine months", "two or three days": the bare lower bound of a range
                    const QString join = lower(number.last);
                    const bool joined = join == u"to"_s || join == u"or"_s
                        || ((join == u"-"_s || join == u"\u2013"_s)
                            && m_text.adjacent(number.last - 1, number.last));
                    const std::optional<Number> upper = joined ? numberAt(number.last + 1) : std::nullopt;
                    m_rangeLower.reset();
                    if (upper && upper->word == number.word && upper->value > number.value)
                        m_rangeLower = number;
                    t = number.last;
                    continue;
                }
                if (number.word && number.value == 1 && figure.kind == u"count"_s) {
                    t = number.last;
                    continue; // "one of the", "one thing": rarely a figure
                }
            }
        }
        if (!figure.value.isValid())
            figure.value = number.value * factor;
        // a range: "3% to 3.5%", "between 2005 and 2008"; "from X to Y" is a change, two figures
        qsizetype qualifierStart = spanFirst;
        figure.qualifier = qualifierBefore(spanFirst, &qualifierStart);
        const bool between = lower(spanFirst - 1) == u"between"_s;
        const bool from = lower(spanFirst - 1) == u"from"_s;
        const qsizetype joiner = spanLast;
        const QString join = lower(joiner);
        if (((join == u"to"_s && !from) || (join == u"and"_s && between) || (join == u"-"_s && !from))
            && figure.kind != u"count"_s) {
            qsizetype k = joiner + 1;
            if (currencySymbols().contains(word(k)))
                ++k;
            if (const std::optional<Number> upper = numberAt(k); upper && !upper->word == !number.word) {
                qsizetype upperLast = upper->last;
                if (word(upperLast) == u"%"_s)
                    ++upperLast;
                else if (figure.kind == u"percent"_s && lower(upperLast) == u"per"_s)
                    upperLast += 2;
                else if (figure.kind == u"money"_s || figure.kind == u"duration"_s
                    || figure.kind == u"measure"_s) {
                    if (lower(upperLast) == figure.unit.toLower() || currencyNames().contains(word(upperLast))
                        || timeUnits().contains(lower(upperLast))
                        || measureUnits().contains(lower(upperLast)))
                        ++upperLast;
                }
                // "3% to 29%" needs the same kind on both sides; a bare number takes the first's unit
                const bool sameShape = figure.kind != u"percent"_s || word(upper->last) == u"%"_s
                    || lower(upper->last) == u"per"_s || lower(upper->last) == u"percent"_s;
                if (sameShape) {
                    if (figure.kind == u"date"_s) {
                        // "2004-05" is 2004 to 2005
                        QString year = word(upper->first);
                        if (year.size() == 2)
                            year = word(number.first).left(2) + year;
                        figure.valueMax = year;
                    } else
                        figure.valueMax = upper->value * factor;
                    spanLast = upperLast;
                }
            }
        }
        figure.span = span(spanFirst, spanLast);
        figure.number = span(number.first, number.last);
        if (m_rangeLower && m_rangeLower->last + 1 == number.first && !figure.valueMax.isValid()
            && number.value != 0 && figure.kind != u"date"_s && figure.kind != u"percent"_s) {
            // the upper bound takes the lower one: value from "six", value_max from "nine months"
            const double scale = figure.value.toDouble() / number.value;
            figure.valueMax = figure.value;
            figure.value = m_rangeLower->value * scale;
            figure.span = span(m_rangeLower->first, spanLast);
            figure.number = span(m_rangeLower->first, m_rangeLower->last);
        }
        m_rangeLower.reset();
        QString rule = u"figure."_s + figure.kind;
        const double confidence = figure.kind == u"count"_s && !number.word ? 0.7 : 0.85;
        add(figure, rule, confidence);
        t = std::max(spanLast, number.last);
    }
    return m_figures;
}

} // namespace

QList<Figure> FigureExtractor::extract(const TextAnalysis &text, const EntityAnalysis &entities)
{
    return Finder(text, entities).run();
}

} // namespace Byline

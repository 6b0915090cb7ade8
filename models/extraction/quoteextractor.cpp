// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/quoteextractor.h"

#include "extraction/lexicon.h"
#include "extraction/projectlexicon.h"

#include <QSet>

#include <algorithm>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

bool isQuoteMark(QChar c)
{
    return c == u'"' || c == u'\u201C' || c == u'\u201D' || c == u'\u00AB' || c == u'\u00BB' || c == u'\u201E'
        || c == u'\u201F';
}
bool isOpenerType(QChar c)
{
    return c == u'\u201C' || c == u'\u00AB' || c == u'\u201E' || c == u'\u201F';
}
bool isCloserType(QChar c)
{
    return c == u'\u201D' || c == u'\u00BB';
}

/// Text between one pair of quotation marks (or from an opening mark to the end of its
/// paragraph). Regions of one group continue each other: a paragraph that opens with a
/// mark after one left open, or a mark reopened after a full stop.
struct Region {
    qsizetype openToken = -1;
    qsizetype closeToken = -1; ///< -1 when the paragraph ended first
    qsizetype firstInner = 0; ///< token range of the content
    qsizetype lastInner = 0;
    qsizetype group = 0;
    bool used = false;
    bool usedDirect = false; ///< taken by a direct quote; a mixed quote may still contain it
};

struct QuoteState {
    qsizetype unit = -1;
    qsizetype firstToken = 0;
    qsizetype lastToken = 0;
    qsizetype sourceFirst = -1;
    qsizetype sourceLast = -1;
    bool nonHuman = false;
    bool spokesperson = false; ///< the source is a person speaking for the speaker ("a spokeswoman")
};

const QSet<QString> &skippableBeforeCue()
{
    static const QSet<QString> words { u"also"_s, u"again"_s, u"later"_s, u"then"_s, u"previously"_s,
        u"directly"_s, u"currently"_s, u"repeatedly"_s, u"has"_s, u"have"_s, u"had"_s, u"was"_s, u"is"_s,
        u"would"_s, u"will"_s, u"recently"_s, u"once"_s, u"further"_s, u"firmly"_s, u"publicly"_s,
        u"privately"_s, u"today"_s, u"yesterday"_s, u"immediately"_s, u"simply"_s, u"only"_s, u"just"_s,
        u"still"_s, u"earlier"_s, u"finally"_s, u"even"_s, u"reportedly"_s, u"has"_s, u"quickly"_s,
        u"angrily"_s, u"openly"_s, u"clearly"_s, u"subsequently"_s, u"controversially"_s };
    return words;
}

const QSet<QString> &sourceBoundaries()
{
    static const QSet<QString> words {
        u"that"_s,
        u"which"_s,
        u"who"_s,
        u"and"_s,
        u"but"_s,
        u"while"_s,
        u"when"_s,
        u"as"_s,
        u"because"_s,
        u"if"_s,
        u"although"_s,
        u"though"_s,
        u"whereas"_s,
        u"at"_s,
        u"in"_s,
        u"on"_s,
        u"during"_s,
        u"after"_s,
        u"before"_s,
        u"with"_s,
        u"from"_s,
        u"since"_s,
        u"into"_s,
        u"under"_s,
        u"over"_s,
        u"to"_s,
        u"about"_s,
        u"than"_s,
        u"through"_s,
        u"without"_s,
        u"within"_s,
        u"where"_s,
        u"so"_s,
        u"yet"_s,
        u"however"_s,
        u"meanwhile"_s,
        u"also"_s,
        u"not"_s,
    };
    return words;
}

constexpr qsizetype maxClauseTokens = 400;

const QSet<QString> &calendarWords()
{
    static const QSet<QString> words { u"monday"_s, u"tuesday"_s, u"wednesday"_s, u"thursday"_s, u"friday"_s,
        u"saturday"_s, u"sunday"_s, u"january"_s, u"february"_s, u"march"_s, u"april"_s, u"june"_s, u"july"_s,
        u"august"_s, u"september"_s, u"october"_s, u"november"_s, u"december"_s, u"week"_s, u"month"_s,
        u"year"_s, u"night"_s, u"morning"_s, u"evening"_s, u"afternoon"_s };
    return words;
}

const QSet<QString> &leadingNoise()
{
    static const QSet<QString> words { u"but"_s, u"and"_s, u"so"_s, u"yet"_s, u"however"_s, u"meanwhile"_s,
        u"later"_s, u"earlier"_s, u"now"_s, u"then"_s, u"also"_s, u"still"_s };
    return words;
}

const QSet<QString> &determiners()
{
    static const QSet<QString> words { u"the"_s, u"a"_s, u"an"_s, u"this"_s, u"that"_s, u"his"_s, u"her"_s,
        u"its"_s, u"their"_s, u"our"_s, u"my"_s, u"your"_s, u"these"_s, u"those"_s, u"such"_s, u"no"_s,
        u"any"_s };
    return words;
}

const QSet<QString> &finiteVerbs()
{
    // enough to tell reported speech ("said the move would save") from a noun object
    // ("announced a freeze"), which the guidelines leave optional
    static const QSet<QString> words {
        u"is"_s,
        u"are"_s,
        u"was"_s,
        u"were"_s,
        u"be"_s,
        u"been"_s,
        u"has"_s,
        u"have"_s,
        u"had"_s,
        u"will"_s,
        u"would"_s,
        u"could"_s,
        u"should"_s,
        u"can"_s,
        u"may"_s,
        u"might"_s,
        u"must"_s,
        u"does"_s,
        u"did"_s,
        u"do"_s,
        u"shall"_s,
        u"rose"_s,
        u"fell"_s,
        u"grew"_s,
        u"went"_s,
        u"came"_s,
        u"made"_s,
        u"took"_s,
        u"gave"_s,
        u"saw"_s,
        u"got"_s,
        u"left"_s,
        u"won"_s,
        u"lost"_s,
        u"paid"_s,
        u"met"_s,
        u"ran"_s,
        u"hit"_s,
        u"cut"_s,
        u"put"_s,
        u"kept"_s,
        u"brought"_s,
        u"bought"_s,
        u"thought"_s,
        u"knew"_s,
        u"became"_s,
        u"began"_s,
        u"held"_s,
        u"stood"_s,
        u"led"_s,
        u"sent"_s,
        u"spent"_s,
        u"built"_s,
        u"felt"_s,
        u"found"_s,
        u"meant"_s,
        u"isn't"_s,
        u"wasn't"_s,
        u"won't"_s,
        u"can't"_s,
        u"don't"_s,
        u"doesn't"_s,
        u"didn't"_s,
        u"wouldn't"_s,
        u"couldn't"_s,
        u"shouldn't"_s,
        u"aren't"_s,
        u"weren't"_s,
        u"hasn't"_s,
        u"haven't"_s,
    };
    return words;
}

const QSet<QString> &notVerbsInS()
{
    static const QSet<QString> words { u"his"_s, u"its"_s, u"this"_s, u"hers"_s, u"theirs"_s, u"ours"_s,
        u"yours"_s, u"whereas"_s, u"always"_s, u"perhaps"_s, u"news"_s, u"means"_s, u"series"_s, u"less"_s,
        u"unless"_s, u"across"_s, u"towards"_s, u"thus"_s, u"plus"_s, u"various"_s, u"serious"_s,
        u"previous"_s, u"us"_s, u"as"_s, u"was"_s, u"yes"_s, u"afterwards"_s, u"besides"_s, u"politics"_s,
        u"economics"_s };
    return words;
}

const QSet<QString> &clauseConjunctions()
{
    static const QSet<QString> words { u"while"_s, u"whereas"_s, u"although"_s, u"though"_s, u"because"_s,
        u"despite"_s, u"helped"_s, u"slightly"_s };
    return words;
}

const QSet<QString> &pronounsSubject()
{
    static const QSet<QString> words { u"it"_s, u"he"_s, u"she"_s, u"they"_s, u"we"_s, u"i"_s, u"there"_s,
        u"this"_s };
    return words;
}

const QSet<QString> &spokesWords()
{
    static const QSet<QString> words { u"spokesman"_s, u"spokeswoman"_s, u"spokesperson"_s, u"spokespeople"_s,
        u"representative"_s, u"source"_s, u"lawyer"_s, u"lawyers"_s, u"attorney"_s, u"attorneys"_s };
    return words;
}

const QSet<QString> &organisationNouns()
{
    static const QSet<QString> words { u"organisation"_s, u"organization"_s, u"company"_s, u"firm"_s,
        u"airline"_s, u"group"_s, u"union"_s, u"party"_s, u"body"_s, u"bank"_s, u"agency"_s, u"watchdog"_s,
        u"charity"_s, u"club"_s, u"carrier"_s, u"department"_s, u"ministry"_s, u"commission"_s, u"council"_s,
        u"committee"_s, u"league"_s, u"federation"_s, u"association"_s, u"authority"_s, u"regulator"_s,
        u"institute"_s, u"university"_s, u"alliance"_s, u"front"_s, u"coalition"_s, u"movement"_s, u"board"_s,
        u"lender"_s, u"insurer"_s, u"retailer"_s, u"manufacturer"_s, u"operator"_s, u"broadcaster"_s,
        u"newspaper"_s, u"team"_s, u"side"_s, u"corporation"_s, u"court"_s };
    return words;
}

const QSet<QString> &weakCues()
{
    // speech acts that take a noun object more often than a statement: a quote only
    // when quotation marks show the words
    static const QSet<QString> words {
        u"call"_s,
        u"calls"_s,
        u"called"_s,
        u"calling"_s,
        u"describe"_s,
        u"describes"_s,
        u"described"_s,
        u"describing"_s,
        u"continue"_s,
        u"continues"_s,
        u"continued"_s,
        u"continuing"_s,
        u"go"_s,
        u"goes"_s,
        u"went"_s,
        u"going"_s,
        u"ask"_s,
        u"asks"_s,
        u"asked"_s,
        u"asking"_s,
        u"demand"_s,
        u"demands"_s,
        u"demanded"_s,
        u"demanding"_s,
        u"threaten"_s,
        u"threatens"_s,
        u"threatened"_s,
        u"threatening"_s,
        u"propose"_s,
        u"proposes"_s,
        u"proposed"_s,
        u"proposing"_s,
        u"forecast"_s,
        u"forecasts"_s,
        u"forecasting"_s,
        u"estimate"_s,
        u"estimates"_s,
        u"estimated"_s,
        u"estimating"_s,
        u"mention"_s,
        u"mentions"_s,
        u"mentioned"_s,
        u"agree"_s,
        u"agrees"_s,
        u"agreed"_s,
        u"state"_s,
        u"states"_s,
        u"note"_s,
        u"notes"_s,
        u"report"_s,
        u"reports"_s,
        u"reported"_s,
        u"announce"_s,
        u"announces"_s,
        u"announced"_s,
        u"announcing"_s,
        u"accuse"_s,
        u"accuses"_s,
        u"accused"_s,
        u"accusing"_s,
        u"write"_s,
        u"writes"_s,
        u"wrote"_s,
        u"writing"_s,
        u"recall"_s,
        u"recalls"_s,
        u"recalled"_s,
        u"deny"_s,
        u"denies"_s,
        u"denied"_s,
        u"denying"_s,
    };
    return words;
}

class Finder final {
public:
    Finder(const TextAnalysis &text, const EntityAnalysis &entities, const ProjectLexicon *project)
        : m_text(text)
        , m_entities(entities)
        , m_lexicon(Lexicon::instance())
        , m_project(project)
    {
    }

    QList<Quote> run();

private:
    /// Lower-case token text, made once per article: the rules ask for it many times.
    const QString &lower(qsizetype t) const
    {
        static const QString empty;
        return t >= 0 && t < m_lower.size() ? m_lower[t] : empty;
    }
    QChar firstChar(qsizetype t) const { return m_text.text().at(m_text.tokens()[t].start); }
    bool isPunct(qsizetype t) const { return m_text.tokens()[t].kind == Token::Punct; }
    bool isNumberAt(qsizetype t) const
    {
        return t >= 0 && t < m_text.tokens().size() && m_text.tokens()[t].kind == Token::Number;
    }
    bool isMark(qsizetype t) const
    {
        return isPunct(t) && (isQuoteMark(firstChar(t)) || m_singleMarks.contains(t));
    }
    bool isSentenceEnd(qsizetype t) const
    {
        if (!isPunct(t))
            return false;
        const QChar c = firstChar(t);
        return c == u'.' || c == u'!' || c == u'?';
    }
    Span tokenSpan(qsizetype first, qsizetype last) const
    {
        if (first >= last)
            return {};
        return { m_text.tokens()[first].start, m_text.tokens()[last - 1].end };
    }
    Span regionSpan(const Region &region) const
    {
        if (region.firstInner >= region.lastInner)
            return {};
        return tokenSpan(region.firstInner, region.lastInner);
    }

    void findRegions();
    void findSingleQuoteRegions();
    void buildUnits();
    Lexicon::Cue cueAt(qsizetype t) const { return m_cueOfToken.value(t); }
    Lexicon::Cue computeCue(qsizetype t) const;
    qsizetype regionClosingAt(qsizetype t) const; ///< region whose closing mark is token t
    qsizetype regionOpeningAt(qsizetype t) const;
    void processUnit(qsizetype unit);
    bool tryDirectBefore(qsizetype unit, qsizetype cue, const Lexicon::Cue &match);
    bool tryDirectAfter(qsizetype unit, qsizetype cue, const Lexicon::Cue &match);
    bool tryReported(qsizetype unit, qsizetype cue, const Lexicon::Cue &match);
    bool tryAccording(qsizetype unit, qsizetype cue);
    void attachOrphans(qsizetype unit);
    std::pair<qsizetype, qsizetype> sourceBefore(qsizetype unit, qsizetype cue, bool *participial) const;
    std::pair<qsizetype, qsizetype> subjectOfUnit(qsizetype unit) const;
    qsizetype clauseEnd(qsizetype unit, qsizetype from) const;
    qsizetype timeOrChannelStart(qsizetype first, qsizetype last) const;
    bool looksLikeClause(qsizetype first, qsizetype last) const;
    QList<qsizetype> regionsWithin(qsizetype first, qsizetype last) const;
    RecordId resolveSpeaker(qsizetype first, qsizetype last, qsizetype cue, bool *nonHuman) const;
    qsizetype headOf(qsizetype first, qsizetype last) const;
    RecordId resolveDescription(const QStringList &roles, const QString &country, qsizetype cue) const;
    void addQuote(qsizetype unit, QuoteKind kind, QList<Span> content, qsizetype cue, qsizetype cueLength,
        std::pair<qsizetype, qsizetype> source, const QString &rule, double confidence,
        const QuoteState *inherit = nullptr);

    const TextAnalysis &m_text;
    const EntityAnalysis &m_entities;
    const Lexicon &m_lexicon;
    const ProjectLexicon *m_project = nullptr;
    QList<Region> m_regions;
    QList<qsizetype> m_regionOfToken; ///< region whose content or marks hold the token, or -1
    QSet<qsizetype> m_singleMarks; ///< single quotation marks that open or close a region
    QStringList m_lower;
    QList<Lexicon::Cue> m_cueOfToken;
    QList<std::pair<qsizetype, qsizetype>> m_units; ///< sentences, joined where a quote runs over
    QList<Quote> m_quotes;
    QList<QuoteState> m_states;
    QSet<qsizetype> m_usedCues;
    RecordId m_lastPerson = 0;
    RecordId m_lastNonHuman = 0;
};

void Finder::findRegions()
{
    const auto &tokens = m_text.tokens();
    const QString &text = m_text.text();
    const qsizetype count = tokens.size();
    m_regionOfToken.fill(-1, count);
    qsizetype open = -1;
    qsizetype groups = 0;
    auto paragraphEnd = [&](qsizetype t) { return m_text.paragraphs().at(m_text.paragraphOf(t)).second; };
    auto closeAt = [&](qsizetype region, qsizetype closeToken, qsizetype innerEnd) {
        Region &r = m_regions[region];
        r.closeToken = closeToken;
        r.lastInner = std::max(r.firstInner, innerEnd);
    };
    for (qsizetype t = 0; t < count; ++t) {
        if (!isMark(t))
            continue;
        const qsizetype position = tokens[t].start;
        const QChar c = text.at(position);
        const QChar before = position > 0 ? text.at(position - 1) : u'\n';
        const QChar after = position + 1 < text.size() ? text.at(position + 1) : u'\n';
        const bool openingContext = (before.isSpace() || before == u'(' || before == u'['
                                        || before == u'\u2014' || before == u'-' || isQuoteMark(before))
            && !after.isSpace();
        const bool closingContext
            = !before.isSpace() && (after.isSpace() || after.isPunct() || isQuoteMark(after));
        const bool paragraphStart = m_text.paragraphs().at(m_text.paragraphOf(t)).first == t;
        if (open >= 0 && m_text.paragraphOf(m_regions[open].openToken) != m_text.paragraphOf(t)) {
            // the paragraph ended inside the quote
            const qsizetype end = paragraphEnd(m_regions[open].openToken);
            closeAt(open, -1, end);
            const qsizetype group = m_regions[open].group;
            open = -1;
            if (paragraphStart && (openingContext || isOpenerType(c))) {
                m_regions.append({ t, -1, t + 1, t + 1, group, false });
                open = m_regions.size() - 1;
                continue;
            }
        }
        if (open < 0) {
            if ((isCloserType(c) || c == u'"') && closingContext && !openingContext)
                continue; // a stray closing mark
            m_regions.append({ t, -1, t + 1, t + 1, groups++, false });
            open = m_regions.size() - 1;
            continue;
        }
        const bool afterStop = t > 0 && isSentenceEnd(t - 1) && !closingContext;
        if (openingContext && !closingContext && afterStop) {
            // "... victims. "The needs ...": the quote goes on after a paragraph break
            // that the text lost; the same speaker continues
            closeAt(open, -1, t);
            const qsizetype group = m_regions[open].group;
            m_regions.append({ t, -1, t + 1, t + 1, group, false });
            open = m_regions.size() - 1;
            continue;
        }
        if (openingContext && !closingContext && !isCloserType(c)) {
            // an opening mark while one is open: the earlier one was never closed
            closeAt(open, -1, t);
            m_regions.append({ t, -1, t + 1, t + 1, groups++, false });
            open = m_regions.size() - 1;
            continue;
        }
        closeAt(open, t, t);
        open = -1;
    }
    if (open >= 0)
        closeAt(open, -1, paragraphEnd(m_regions[open].openToken));
    for (qsizetype r = 0; r < m_regions.size(); ++r) {
        Region &region = m_regions[r];
        // a region that ran to the end of its paragraph ends with its last word
        while (region.lastInner > region.firstInner && region.closeToken < 0 && isMark(region.lastInner - 1))
            --region.lastInner;
        const qsizetype last = region.closeToken >= 0 ? region.closeToken + 1 : region.lastInner;
        for (qsizetype t = region.openToken; t < last; ++t)
            m_regionOfToken[t] = r;
    }
    findSingleQuoteRegions();
}

void Finder::findSingleQuoteRegions()
{
    // Single marks are apostrophes far more often than quotation marks: a pair counts only
    // when it opens before a word and closes after one, within a paragraph, outside
    // double quotes, and the closing mark is no plural possessive ("workers' rights").
    const auto &tokens = m_text.tokens();
    const QString &text = m_text.text();
    auto isSingle = [&](qsizetype t) {
        if (!isPunct(t))
            return false;
        const QChar c = firstChar(t);
        return c == u'\'' || c == u'\u2018' || c == u'\u2019';
    };
    auto charAt = [&](qsizetype position) {
        return position >= 0 && position < text.size() ? text.at(position) : u' ';
    };
    for (qsizetype t = 0; t < tokens.size(); ++t) {
        if (!isSingle(t) || m_regionOfToken[t] >= 0 || firstChar(t) == u'\u2019')
            continue;
        const QChar before = charAt(tokens[t].start - 1);
        const QChar after = charAt(tokens[t].end);
        if (!(before.isSpace() || before == u'(' || tokens[t].start == 0) || !after.isLetterOrNumber())
            continue;
        const qsizetype paragraph = m_text.paragraphOf(t);
        for (qsizetype k = t + 1; k < tokens.size() && k < t + 120; ++k) {
            if (m_text.paragraphOf(k) != paragraph || m_regionOfToken[k] >= 0)
                break;
            if (!isSingle(k) || firstChar(k) == u'\u2018')
                continue;
            const QChar previous = charAt(tokens[k].start - 1);
            const QChar next = charAt(tokens[k].end);
            const qsizetype nextWord = tokens[k].end + 1;
            const bool possessive = previous == u's' && next.isSpace() && charAt(nextWord).isLower();
            if (previous.isSpace() || next.isLetterOrNumber() || possessive)
                continue;
            const qsizetype index = m_regions.size();
            m_regions.append(
                { t, k, t + 1, k, m_regions.isEmpty() ? 0 : m_regions.last().group + 1000000, false });
            m_singleMarks.insert(t);
            m_singleMarks.insert(k);
            for (qsizetype m = t; m <= k; ++m)
                m_regionOfToken[m] = index;
            t = k;
            break;
        }
    }
}

void Finder::buildUnits()
{
    const auto &sentences = m_text.sentences();
    qsizetype s = 0;
    while (s < sentences.size()) {
        qsizetype first = sentences[s].first;
        qsizetype last = sentences[s].second;
        ++s;
        // a quote that closes in a later sentence of the same paragraph keeps the unit open
        for (;;) {
            const qsizetype region = last > first ? m_regionOfToken.value(last - 1, -1) : -1;
            const bool openAcross = region >= 0 && m_regions[region].closeToken >= last
                && m_text.paragraphOf(m_regions[region].closeToken) == m_text.paragraphOf(last - 1);
            if (!openAcross || s >= sentences.size())
                break;
            last = sentences[s].second;
            ++s;
        }
        m_units.append({ first, last });
    }
}

qsizetype Finder::regionClosingAt(qsizetype t) const
{
    const qsizetype r = m_regionOfToken.value(t, -1);
    return r >= 0 && m_regions[r].closeToken == t ? r : -1;
}

qsizetype Finder::regionOpeningAt(qsizetype t) const
{
    const qsizetype r = m_regionOfToken.value(t, -1);
    return r >= 0 && m_regions[r].openToken == t ? r : -1;
}

Lexicon::Cue Finder::computeCue(qsizetype t) const
{
    // "said demand for handsets had been strong": a noun right after a cue
    if (t > 0 && m_cueOfToken.size() > t && m_cueOfToken[t - 1].cueClass != Lexicon::CueClass::None
        && m_cueOfToken[t - 1].length == 1)
        return {};
    Lexicon::Cue cue = m_lexicon.matchCue(m_text, t);
    if (cue.cueClass == Lexicon::CueClass::None && m_project && m_text.tokens()[t].kind == Token::Word) {
        const auto it = m_project->cues().constFind(lower(t));
        if (it != m_project->cues().cend()) {
            for (const QStringList &words : *it) {
                bool equal = t + words.size() <= m_text.tokens().size();
                for (qsizetype k = 1; k < words.size() && equal; ++k)
                    equal = lower(t + k) == words[k];
                if (equal && words.size() > cue.length)
                    cue = { Lexicon::CueClass::Say, words.size(), words.last().endsWith(u"ing"_s) };
            }
        }
    }
    if (cue.cueClass == Lexicon::CueClass::None || cue.cueClass == Lexicon::CueClass::Noun)
        return {};
    if (m_regionOfToken[t] >= 0)
        return {}; // words inside quotation marks are the speaker's, not an attribution
    if (t > 0) {
        const QString previous = lower(t - 1);
        // "the report", "to say", "a call": not a speech act of this sentence
        static const QSet<QString> nounContext { u"to"_s, u"despite"_s, u"of"_s, u"amid"_s, u"against"_s,
            u"about"_s, u"with"_s, u"without"_s, u"over"_s, u"after"_s, u"new"_s, u"further"_s, u"these"_s,
            u"those"_s, u"by"_s };
        if (determiners().contains(previous) || nounContext.contains(previous))
            return {};
        if (previous == u"-"_s && m_text.adjacent(t - 1, t))
            return {}; // so-called
        if (m_text.isCapitalised(t) && m_text.sentences().at(m_text.sentenceOf(t)).first != t)
            return {};
        // "did not respond to a request for comment", "would never say": nothing was said
        if (previous == u"not"_s || previous == u"never"_s || previous.endsWith(u"n't"_s)
            || previous.endsWith(u"n\u2019t"_s))
            return {};
        // "raising hopes that", "fuelling claims": a noun after a participle
        if (previous.endsWith(u"ing"_s) && lower(t).endsWith(u's')
            && m_text.tokens()[t - 1].kind == Token::Word
            && m_cueOfToken[t - 1].cueClass == Lexicon::CueClass::None)
            return {};
        // "was confirmed by the university": a passive names who acted, not what they said
        static const QSet<QString> beForms { u"is"_s, u"are"_s, u"was"_s, u"were"_s, u"been"_s, u"be"_s,
            u"being"_s };
        if (lower(t + cue.length) == u"by"_s
            && (beForms.contains(previous) || beForms.contains(lower(t - 2))))
            return {};
    }
    return cue;
}

QList<qsizetype> Finder::regionsWithin(qsizetype first, qsizetype last) const
{
    QList<qsizetype> out;
    for (qsizetype t = first; t < last; ++t) {
        const qsizetype r = m_regionOfToken[t];
        if (r >= 0 && m_regions[r].openToken == t
            && (m_regions[r].closeToken < 0 || m_regions[r].closeToken < last))
            out.append(r);
    }
    return out;
}

bool Finder::looksLikeClause(qsizetype first, qsizetype last) const
{
    if (first >= last)
        return false;
    if (lower(first) == u"to"_s || !regionsWithin(first, last).isEmpty())
        return true;
    for (qsizetype t = first; t < last; ++t) {
        if (m_text.tokens()[t].kind != Token::Word)
            continue;
        const QString w = lower(t);
        if (finiteVerbs().contains(w))
            return true;
        if (t == first || m_text.isCapitalised(t))
            continue;
        // past tense, but not inside a compound ("better-than-expected profits")
        if (w.size() > 4 && w.endsWith(u"ed"_s) && !(lower(t - 1) == u"-"_s && m_text.adjacent(t - 1, t)))
            return true;
        // "the freeze sends": an -s verb follows a noun, never a number ("12 counts")
        if (w.size() > 3 && w.endsWith(u's') && !w.endsWith(u"ss"_s) && !w.endsWith(u"us"_s)
            && !w.endsWith(u"is"_s) && !notVerbsInS().contains(w) && t > first
            && !determiners().contains(lower(t - 1)) && m_text.tokens()[t - 1].kind == Token::Word)
            return true;
    }
    return false;
}

std::pair<qsizetype, qsizetype> Finder::subjectOfUnit(qsizetype unit) const
{
    // "The RAC welcomed the news, calling it ...": the subject that opens the sentence
    qsizetype t = m_units[unit].first;
    const qsizetype end = std::min(m_units[unit].second, t + 24);
    while (t < end && (leadingNoise().contains(lower(t)) || isPunct(t)))
        ++t;
    const qsizetype first = t;
    while (t < end) {
        const bool name = !isPunct(t)
            && (m_text.isCapitalised(t) || determiners().contains(lower(t))
                || m_lexicon.isTitle(m_text.tokenText(t)) || m_text.tokenText(t).startsWith(u'\'')
                || m_text.tokenText(t).startsWith(u'\u2019'));
        // "A report by the United Nations Environment Programme": the noun after the
        // opening determiner, and who it is by or of
        const bool head = t == first + 1 && determiners().contains(lower(first)) && !isPunct(t)
            && m_text.tokens()[t].kind == Token::Word && cueAt(t).cueClass == Lexicon::CueClass::None
            && !finiteVerbs().contains(lower(t));
        const bool by = t > first + 1 && (lower(t) == u"by"_s || lower(t) == u"of"_s || lower(t) == u"for"_s)
            && (m_text.isCapitalised(t + 1) || determiners().contains(lower(t + 1)));
        if (!name && !head && !by)
            break;
        ++t;
    }
    return { first, t };
}

std::pair<qsizetype, qsizetype> Finder::sourceBefore(qsizetype unit, qsizetype cue, bool *participial) const
{
    const qsizetype begin = m_units[unit].first;
    qsizetype t = cue - 1;
    while (t >= begin && skippableBeforeCue().contains(lower(t)))
        --t;
    *participial = false;
    if (t < begin)
        return { cue, cue };
    auto isSourceToken = [&](qsizetype k) {
        if (m_regionOfToken[k] >= 0)
            return false;
        const QStringView w = m_text.tokenText(k);
        // "the National Competition Commission (NCC) said": a short name in brackets
        const bool bracketed = (w == u")"_s && k == t && k - 2 >= begin && lower(k - 2) == u"("_s)
            || (w == u"("_s && k + 2 == t && lower(t) == u")"_s);
        if (isPunct(k))
            return w == u"-"_s || w == u"'"_s || w == u"\u2019"_s || w == u"."_s || bracketed;
        if (m_text.tokens()[k].kind == Token::Number) // "Transport 2000", "the 37-year-old"
            return (k > begin && m_text.isCapitalised(k - 1))
                || (lower(k + 1) == u"-"_s && m_text.adjacent(k, k + 1));
        const QString l = w.toString().toLower();
        const bool compound = (lower(k + 1) == u"-"_s && m_text.adjacent(k, k + 1))
            || (k > begin && lower(k - 1) == u"-"_s && m_text.adjacent(k - 1, k));
        // "Prof. Youssef El-Masri of Alexandria University in Egypt cautioned": a name may be
        // followed by where the person works or lives
        const bool placeOfName = (l == u"in"_s || l == u"at"_s) && m_text.isCapitalised(k + 1)
            && m_entities.entityAtToken.value(k + 1) && k > begin && m_entities.entityAtToken.value(k - 1);
        // "a person familiar with the matter said", "sources close to the talks said"
        static const QSet<QString> anonymousSource { u"familiar"_s, u"close"_s, u"briefed"_s };
        const bool anonymous = (l == u"with"_s || l == u"to"_s || l == u"on"_s) && k > begin
            && anonymousSource.contains(lower(k - 1));
        if ((sourceBoundaries().contains(l) && !placeOfName && !anonymous)
            || (calendarWords().contains(l) && !compound))
            return false;
        if (cueAt(k).cueClass != Lexicon::CueClass::None)
            return false;
        return true;
    };
    qsizetype end = t + 1;
    if (m_text.tokenText(t) == u","_s) {
        if (m_text.tokenText(cue).endsWith(u"ing"_s)) {
            *participial = true;
            return { cue, cue };
        }
        // "Rod Eddington, BA's chief executive, said": the name before the apposition
        qsizetype k = t - 1;
        while (k >= begin && m_text.tokenText(k) != u","_s && (isSourceToken(k) || lower(k) == u"by"_s)
            && t - k < 10)
            --k;
        // "the Rail Delivery Group, which represents the operators, said"
        if (k >= begin && k + 1 < t && (lower(k) == u"which"_s || lower(k) == u"who"_s)) {
            while (k >= begin && m_text.tokenText(k) != u","_s && !isMark(k) && t - k < 16)
                --k;
        }
        if (k >= begin && m_text.tokenText(k) == u","_s) {
            qsizetype n = k - 1;
            while (n >= begin && isSourceToken(n) && k - n < 10)
                --n;
            qsizetype from = n + 1;
            while (from < k && (isPunct(from) || leadingNoise().contains(lower(from))))
                ++from;
            if (from < k)
                return { from, end - 1 };
        }
        // "A spokeswoman for the corporation (NRC), Folasade Bello, said": the person between the commas
        if (k >= begin && m_text.tokenText(k) == u","_s && k + 1 < t) {
            const RecordId id = m_entities.entityAtToken.value(k + 1);
            bool whole = id && m_entities.entity(id)->type == u"PERSON"_s
                && (k == begin || m_entities.entityAtToken.value(k) != id);
            for (qsizetype n = k + 1; n < t && whole; ++n)
                whole = m_entities.entityAtToken.value(n) == id;
            if (whole)
                return { k + 1, t };
        }
        // "The left-hander, the son of a bus conductor, said", "The 54-year-old, who has led the
        // union since 2019, said": the subject that opens the sentence, before its apposition
        const qsizetype sentenceStart = std::max(begin, m_text.sentences().at(m_text.sentenceOf(cue)).first);
        qsizetype c = sentenceStart;
        while (c < t && m_text.tokenText(c) != u","_s)
            ++c;
        qsizetype from = sentenceStart;
        while (from < c && (isPunct(from) || leadingNoise().contains(lower(from))))
            ++from;
        bool subject = from < c && c < t && c - from <= 8 && t - c <= 30;
        for (qsizetype n = from; n < c && subject; ++n)
            subject = isSourceToken(n);
        for (qsizetype n = c; n < t && subject; ++n)
            subject = m_regionOfToken[n] < 0 && cueAt(n).cueClass == Lexicon::CueClass::None;
        if (subject)
            return { from, c };
        return { cue, cue };
    }
    // "critics who claimed ...": the relative pronoun stands for the noun before it
    if ((lower(t) == u"who"_s || lower(t) == u"which"_s) && t > begin && isSourceToken(t - 1)) {
        // the noun and what stands before it: names, titles, determiners
        qsizetype n = t - 2;
        while (n >= begin && isSourceToken(n) && t - n <= 8
            && (m_text.isCapitalised(n) || determiners().contains(lower(n))
                || m_lexicon.isTitle(m_text.tokenText(n)) || isPunct(n)))
            --n;
        return { n + 1, t };
    }
    qsizetype k = t;
    while (k >= begin && isSourceToken(k) && end - k <= 10)
        --k;
    qsizetype first = k + 1;
    while (first < end && (leadingNoise().contains(lower(first)) || isPunct(first)))
        ++first;
    return { first, end };
}

/// Where a time or channel phrase ends a run of words after a name ("Tomasz Nowak on
/// Friday", "Ana Bello last week", "Ana Bello in a statement"), or `last` when none does.
qsizetype Finder::timeOrChannelStart(qsizetype first, qsizetype last) const
{
    static const QSet<QString> single { u"yesterday"_s, u"today"_s, u"tonight"_s, u"earlier"_s, u"later"_s };
    static const QSet<QString> openers { u"on"_s, u"in"_s, u"at"_s, u"last"_s, u"this"_s, u"late"_s,
        u"early"_s, u"during"_s };
    static const QSet<QString> channels { u"statement"_s, u"interview"_s, u"speech"_s, u"letter"_s, u"post"_s,
        u"tweet"_s, u"briefing"_s, u"email"_s, u"address"_s, u"conference"_s, u"video"_s };
    for (qsizetype t = first + 1; t < last; ++t) {
        const QString &w = lower(t);
        if (single.contains(w) || calendarWords().contains(w))
            return openers.contains(lower(t - 1)) && t - 1 > first ? t - 1 : t;
        if (!openers.contains(w))
            continue;
        for (qsizetype k = t + 1; k < last && k <= t + 4; ++k) {
            if (calendarWords().contains(lower(k)) || channels.contains(lower(k)) || isNumberAt(k))
                return t;
        }
    }
    return last;
}

qsizetype Finder::clauseEnd(qsizetype unit, qsizetype from) const
{
    qsizetype end = m_units[unit].second;
    while (end > from && (isSentenceEnd(end - 1) || (isMark(end - 1) && regionClosingAt(end - 1) < 0)))
        --end;
    // a clause longer than this is no sentence of news: stop scanning (keeps huge inputs linear)
    end = std::min(end, from + maxClauseTokens);
    for (qsizetype t = from; t < end; ++t) {
        const qsizetype region = m_regionOfToken[t];
        if (region >= 0) {
            // never stop inside quotation marks
            if (m_regions[region].closeToken >= 0)
                t = std::max(t, m_regions[region].closeToken);
            else
                t = std::max(t, m_regions[region].lastInner - 1);
            continue;
        }
        const QString w = lower(t);
        if (w == u";"_s)
            return t;
        // "approval was likely but could come with conditions": a second verb of the same subject
        static const QSet<QString> auxiliaries { u"could"_s, u"would"_s, u"will"_s, u"was"_s, u"were"_s,
            u"is"_s, u"are"_s, u"had"_s, u"has"_s, u"have"_s, u"did"_s, u"may"_s, u"might"_s, u"must"_s,
            u"should"_s, u"can"_s };
        if (w == u"but"_s && t + 1 < end && lower(t + 1) != u"that"_s && lower(t + 1) != u"also"_s
            && lower(t + 1) != u"to"_s && lower(t + 1) != u"not"_s && !auxiliaries.contains(lower(t + 1))
            && !(lower(t + 1).endsWith(u"ed"_s) && lower(t + 1).size() > 4 && !m_text.isCapitalised(t + 1))
            && t > from && m_text.tokenText(t - 1) != u","_s)
            return t;
        if ((w == u"and"_s || w == u"but"_s) && t + 1 < end
            && cueAt(t + 1).cueClass != Lexicon::CueClass::None)
            return t;
        if (w != u","_s || t + 1 >= end)
            continue;
        const QString next = lower(t + 1);
        const Lexicon::Cue nextCue = cueAt(t + 1);
        if (nextCue.cueClass != Lexicon::CueClass::None || clauseConjunctions().contains(next)
            || next == u"according"_s)
            return t;
        // ", a record for the ground" goes on; ", a phrase often used to describe ..." is the
        // writer's gloss of a word, not what was said
        if (next == u"a"_s || next == u"an"_s) {
            static const QSet<QString> gloss { u"used"_s, u"meaning"_s, u"referring"_s, u"known"_s,
                u"coined"_s, u"describing"_s };
            for (qsizetype k = t + 2; k < end && k <= t + 5; ++k) {
                if (gloss.contains(lower(k)))
                    return t;
            }
        }
        if ((next == u"and"_s || next == u"but"_s) && t + 2 < end
            && cueAt(t + 2).cueClass != Lexicon::CueClass::None)
            return t;
        // "said the road was closed, but gave no date": a second verb of the speaker, not of
        // the reported clause (whose subject would take "was", "had", "would")
        static const QSet<QString> auxiliaryVerbs { u"was"_s, u"were"_s, u"is"_s, u"are"_s, u"had"_s,
            u"has"_s, u"have"_s, u"would"_s, u"could"_s, u"will"_s, u"can"_s, u"may"_s, u"might"_s, u"must"_s,
            u"should"_s, u"did"_s, u"does"_s, u"do"_s, u"be"_s, u"been"_s };
        if ((next == u"and"_s || next == u"but"_s) && t + 2 < end && !m_text.isCapitalised(t + 2)
            && !auxiliaryVerbs.contains(lower(t + 2))
            && (finiteVerbs().contains(lower(t + 2))
                || (lower(t + 2).endsWith(u"ed"_s) && lower(t + 2).size() > 4)))
            return t;
        // ", Mr Thomas said." closes the reported clause
        for (qsizetype k = t + 1; k < end && k <= t + 9; ++k) {
            if (isPunct(k) && m_text.tokenText(k) != u"-"_s && m_text.tokenText(k) != u"'"_s)
                break;
            if (cueAt(k).cueClass == Lexicon::CueClass::Say || cueAt(k).cueClass == Lexicon::CueClass::Tell) {
                const qsizetype after = k + cueAt(k).length;
                if (after >= end || isPunct(after) || k == t + 1)
                    return t;
                break;
            }
        }
    }
    return end;
}

RecordId Finder::resolveDescription(const QStringList &roles, const QString &country, qsizetype cue) const
{
    static const QSet<QString> generic { u"former"_s, u"deputy"_s, u"acting"_s, u"shadow"_s, u"chief"_s,
        u"prime"_s, u"foreign"_s, u"home"_s };
    RecordId best = 0;
    int bestScore = 0;
    qsizetype bestDistance = 0;
    const qsizetype cuePosition = m_text.tokens()[cue].start;
    for (const Entity &entity : m_entities.entities) {
        if (entity.type != u"PERSON"_s)
            continue;
        const QString personCountry = m_entities.countries.value(entity.id);
        if (!country.isEmpty() && !personCountry.isEmpty() && personCountry != country)
            continue;
        int score = 1;
        const QStringList personRoles = m_entities.roles.value(entity.id);
        for (const QString &role : roles) {
            if (!generic.contains(role) && personRoles.contains(role))
                score += 4;
        }
        if (!country.isEmpty() && personCountry == country)
            score += 2;
        if (roles.isEmpty() && country.isEmpty())
            continue;
        if (score == 1 && country.isEmpty())
            continue; // neither role nor country ties the description to this person
        // the nearest mention before the cue, else the first after it
        // mentions are in text order: look at the two around the cue only
        qsizetype distance = std::numeric_limits<qsizetype>::max();
        const auto after = std::lower_bound(entity.mentions.cbegin(), entity.mentions.cend(), cuePosition,
            [](const Mention &m, qsizetype value) { return m.span.start < value; });
        if (after != entity.mentions.cend())
            distance = (after->span.start - cuePosition) * 4;
        if (after != entity.mentions.cbegin())
            distance = std::min(distance, cuePosition - std::prev(after)->span.start);
        if (entity.id == m_lastPerson)
            distance /= 2;
        if (score > bestScore || (score == bestScore && distance < bestDistance)) {
            best = entity.id;
            bestScore = score;
            bestDistance = distance;
        }
    }
    return best;
}

/// The head noun of a source: "the president of Kazakhstan" is a president, "a spokeswoman
/// for the agency" a spokeswoman, "the group, which represents them" a group.
qsizetype Finder::headOf(qsizetype first, qsizetype last) const
{
    for (qsizetype t = first + 1; t < last; ++t) {
        const QString w = lower(t);
        if (w == u"of"_s || w == u"for"_s || w == u","_s || w == u"by"_s || w == u"("_s)
            return t - 1;
    }
    return last - 1;
}

RecordId Finder::resolveSpeaker(qsizetype first, qsizetype last, qsizetype cue, bool *nonHuman) const
{
    *nonHuman = false;
    if (first >= last)
        return 0;
    RecordId person = 0;
    RecordId personAfterBy = 0;
    RecordId organisation = 0;
    RecordId place = 0;
    QString country;
    bool possessivePerson = false;
    const qsizetype lastToken = last - 1;
    for (qsizetype t = first; t < last; ++t) {
        const RecordId id = m_entities.entityAtToken.value(t);
        if (!id || (t > first && m_entities.entityAtToken.value(t - 1) == id))
            continue;
        const Entity *entity = m_entities.entity(id);
        if (entity->type == u"PERSON"_s) {
            if (t > first && lower(t - 1) == u"by"_s)
                personAfterBy = id;
            // "Marsh's lawyer, Simon Fox": the possessor is not the speaker
            if (!person || possessivePerson)
                person = id;
            qsizetype end = t;
            while (end < last && m_entities.entityAtToken.value(end) == id)
                ++end;
            possessivePerson = end < last && (lower(end) == u"'s"_s || lower(end) == u"\u2019s"_s);
        } else if (entity->type == u"ORG"_s) {
            if (!organisation)
                organisation = id;
        } else if (entity->type == u"GPE"_s || entity->type == u"NORP"_s) {
            if (!place)
                place = id;
            const QString c = m_lexicon.countryOf(entity->name);
            if (country.isEmpty())
                country = c.isEmpty() ? entity->name : c;
        }
    }
    // the head noun: "the president of Kazakhstan" is a president
    const qsizetype headToken = headOf(first, last);
    const QString head = lower(headToken);
    if (personAfterBy) {
        *nonHuman = true;
        return personAfterBy;
    }
    if (person) {
        *nonHuman = possessivePerson && !m_lexicon.isTitle(m_text.tokenText(lastToken));
        return person;
    }
    if (spokesWords().contains(head)) {
        if (organisation)
            return organisation;
        return m_lastNonHuman;
    }
    // "Amazon.com Inc", "Alphabet Inc, the parent company of Google", "the Aslef union":
    // an organisation speaks unless the head names a person's role ("a BBC correspondent")
    if (organisation
        && (m_entities.entityAtToken.value(headToken) == organisation || organisationNouns().contains(head)
            || (!m_lexicon.isTitle(m_text.tokenText(headToken)) && !isPunct(headToken)))) {
        *nonHuman = true;
        return organisation;
    }
    // "the 37-year-old said": an age stands for the person just named, like "he"
    bool ageDescription = head == u"old"_s && last - first >= 4 && lower(last - 3) == u"year"_s;
    // "the 49-year-old former cricketer", "the skipper", "The left-hander": a definite
    // description of one person stands for someone the article has named, like "he"
    // "the 29-year-old Spaniard": a nationality describes the person, it names no place
    // ("the Kazakh president" is a role of that country: resolveDescription's case)
    const bool placeNamed = place
        && (m_entities.entity(place)->type != u"NORP"_s || m_lexicon.isTitle(m_text.tokenText(headToken)));
    if (!ageDescription && lower(first) == u"the"_s && last - first >= 2 && last - first <= 9 && !organisation
        && !placeNamed && !organisationNouns().contains(head) && !spokesWords().contains(head)) {
        bool age = false;
        bool plain = true;
        for (qsizetype t = first + 1; t < last && plain; ++t) {
            age = age || (lower(t) == u"year"_s && t + 2 < last && lower(t + 2) == u"old"_s);
            plain = !isPunct(t) || lower(t) == u"-"_s;
            plain = plain && !(lower(t) == u"of"_s || lower(t) == u"for"_s || lower(t) == u"at"_s);
        }
        const bool plural = head.endsWith(u's') && !head.endsWith(u"ss"_s);
        const bool titledHead = m_lexicon.isTitle(m_text.tokenText(headToken));
        if (plain && !age && !plural && titledHead) {
            // "the retired teacher": the person named with that role, else the one just named
            QStringList roles;
            for (qsizetype t = first; t < last; ++t) {
                if (m_lexicon.isTitle(m_text.tokenText(t)))
                    roles.append(lower(t));
            }
            if (const RecordId described = resolveDescription(roles, {}, cue))
                return described;
        }
        // "The information commissioner says ..." before anyone is named: news names them next
        bool personBefore = false;
        for (qsizetype t = first - 1; t >= 0 && !personBefore; --t) {
            const RecordId id = m_entities.entityAtToken.value(t);
            personBefore = id && m_entities.entity(id)->type == u"PERSON"_s;
        }
        ageDescription = plain && (age || !plural) && (personBefore || !titledHead);
    }
    if (last - first == 1 || ageDescription) {
        if (head == u"he"_s || head == u"she"_s || ageDescription) {
            // a person who opens a sentence after the last quote is the one "he" means
            // ("Local MP Brandon Lewis criticised it. "...," he said.")
            // "she" is never a man named by his given name, nor "he" a woman
            const char wanted = head == u"she"_s ? 'f' : (head == u"he"_s ? 'm' : 0);
            auto fits = [&](RecordId id) {
                const Entity *entity = m_entities.entity(id);
                if (!entity || entity->type != u"PERSON"_s)
                    return false;
                const char gender = m_entities.genders.value(id);
                return gender == 0 || wanted == 0 || gender == wanted;
            };
            const qsizetype floor
                = std::max<qsizetype>(m_states.isEmpty() ? 0 : m_states.last().lastToken + 1, first - 400);
            for (qsizetype t = first - 1; t >= floor; --t) {
                const RecordId id = m_entities.entityAtToken.value(t);
                if (!id || m_regionOfToken[t] >= 0 || !fits(id))
                    continue;
                bool subject = true;
                const qsizetype sentenceStart = m_text.sentences().at(m_text.sentenceOf(t)).first;
                for (qsizetype k = sentenceStart; k < t && subject; ++k) {
                    const RecordId other = m_entities.entityAtToken.value(k);
                    subject = !(other && other != id && m_entities.entity(other)->type == u"PERSON"_s);
                }
                if (subject)
                    return id;
            }
            // "A spokeswoman for the group said ... "...," she said."
            if (!m_states.isEmpty() && m_states.last().spokesperson && m_quotes.last().speakerId)
                return m_quotes.last().speakerId;
            if (m_lastPerson && fits(m_lastPerson))
                return m_lastPerson;
            // the last speaker who fits, else the person named last who does
            for (qsizetype q = m_quotes.size() - 1; q >= 0 && q >= m_quotes.size() - 20; --q) {
                if (m_quotes[q].speakerId && !m_states[q].nonHuman && fits(m_quotes[q].speakerId))
                    return m_quotes[q].speakerId;
            }
            for (qsizetype t = first - 1; t >= 0 && t > first - 2000; --t) {
                const RecordId id = m_entities.entityAtToken.value(t);
                if (id && fits(id))
                    return id;
            }
            return 0;
        }
        if (head == u"it"_s) {
            *nonHuman = true;
            // "The United Nations has recorded ..., though it says ...": the subject of the sentence
            const qsizetype sentenceStart = m_text.sentences().at(m_text.sentenceOf(first)).first;
            for (qsizetype t = sentenceStart; t < first; ++t) {
                const RecordId id = m_entities.entityAtToken.value(t);
                if (id && m_regionOfToken[t] < 0) {
                    const QString &type = m_entities.entity(id)->type;
                    if (type == u"ORG"_s)
                        return id;
                    if (type == u"PERSON"_s)
                        break;
                }
            }
            return m_lastNonHuman;
        }
        if (place && m_entities.entityAtToken.value(lastToken) == place)
            return place;
        return 0;
    }
    // "Kenya's anti-graft agency": a place's organisation, like "the agency"
    const bool placePossessive = place && m_entities.entityAtToken.value(first) == place && first + 1 < last
        && (lower(first + 1) == u"'s"_s || lower(first + 1) == u"\u2019s"_s);
    // "court officials said", "party officials": the people of an organisation speak for it
    static const QSet<QString> members { u"officials"_s, u"sources"_s, u"executives"_s, u"leaders"_s };
    const bool membersOf = last - first == 2 && members.contains(lower(first + 1))
        && organisationNouns().contains(lower(first));
    if (membersOf
        || (organisationNouns().contains(head)
            && (determiners().contains(lower(first)) || placePossessive))) {
        const QString noun = membersOf ? lower(first) : head;
        // "the central bank", "the organisation": the organisation the article has named
        // most so far, one whose name has the noun first, the most recent on a tie
        *nonHuman = true;
        const qsizetype position = m_text.tokens()[first].start;
        RecordId best = 0;
        qsizetype bestScore = 0;
        qsizetype bestLast = -1;
        for (const Entity &entity : m_entities.entities) {
            if (entity.type != u"ORG"_s)
                continue;
            qsizetype before = 0;
            qsizetype latest = -1;
            for (const Mention &mention : entity.mentions) {
                if (mention.span.start >= position)
                    break;
                ++before;
                latest = mention.span.start;
            }
            if (!before)
                continue;
            const qsizetype score = before + (entity.name.contains(noun, Qt::CaseInsensitive) ? 100 : 0);
            if (score > bestScore || (score == bestScore && latest > bestLast)) {
                best = entity.id;
                bestScore = score;
                bestLast = latest;
            }
        }
        if (!best && !m_lastNonHuman) {
            // named only after the quote: "Kenya's anti-graft agency said ... The Ethics and
            // Anti-Corruption Commission (EACC) ...": the organisation of the next sentence
            const qsizetype sentence = m_text.sentenceOf(cue);
            for (qsizetype t = last; t < m_text.tokens().size() && m_text.sentenceOf(t) <= sentence + 1;
                ++t) {
                const RecordId id = m_entities.entityAtToken.value(t);
                if (id && m_entities.entity(id)->type == u"ORG"_s && m_regionOfToken[t] < 0)
                    return id;
            }
        }
        return best ? best : m_lastNonHuman;
    }
    QStringList roles;
    for (qsizetype t = first; t < last; ++t) {
        if (m_lexicon.isTitle(m_text.tokenText(t)))
            roles.append(lower(t));
    }
    if (roles.isEmpty() || !m_lexicon.isTitle(m_text.tokenText(headToken))) {
        // "Ministers", "analysts", "the government": a source that names nobody
        return 0;
    }
    if (const RecordId described = resolveDescription(roles, country, cue))
        return described;
    if (!country.isEmpty())
        return 0;
    // "The information commissioner says ...": news names the person in the next sentence
    const qsizetype sentence = m_text.sentenceOf(cue);
    for (qsizetype t = cue; t < m_text.tokens().size() && m_text.sentenceOf(t) <= sentence + 1; ++t) {
        const RecordId id = m_entities.entityAtToken.value(t);
        if (id && m_entities.entity(id)->type == u"PERSON"_s)
            return id;
    }
    return 0;
}

void Finder::addQuote(qsizetype unit, QuoteKind kind, QList<Span> content, qsizetype cue, qsizetype cueLength,
    std::pair<qsizetype, qsizetype> source, const QString &rule, double confidence, const QuoteState *inherit)
{
    content.removeIf([](const Span &span) { return span.isNull() || span.length() == 0; });
    if (content.isEmpty())
        return;
    Quote quote;
    quote.id = m_quotes.size() + 1;
    quote.kind = kind;
    quote.content = content;
    if (cue >= 0)
        quote.cue = tokenSpan(cue, cue + cueLength);
    QuoteState state;
    state.unit = unit;
    state.firstToken = m_text.tokenAt(content.first().start);
    state.lastToken = m_text.tokenAt(content.last().end - 1);
    bool nonHuman = false;
    if (inherit) {
        state.sourceFirst = inherit->sourceFirst;
        state.sourceLast = inherit->sourceLast;
        state.nonHuman = inherit->nonHuman;
        quote.speakerId = m_quotes[&*inherit - m_states.constData()].speakerId;
    } else if (source.first < source.second) {
        state.sourceFirst = source.first;
        state.sourceLast = source.second;
        quote.speakerId = resolveSpeaker(source.first, source.second, std::max<qsizetype>(cue, 0), &nonHuman);
        state.nonHuman = nonHuman;
        state.spokesperson = spokesWords().contains(lower(headOf(source.first, source.second)));
    }
    if (state.sourceFirst >= 0 && state.sourceFirst < state.sourceLast)
        quote.source = tokenSpan(state.sourceFirst, state.sourceLast);
    quote.provenance.status = AnnotationStatus::Auto;
    quote.provenance.confidence = quote.speakerId ? confidence : confidence * 0.8;
    quote.provenance.rule = rule;
    if (quote.speakerId) {
        const Entity *speaker = m_entities.entity(quote.speakerId);
        if (speaker && speaker->type == u"PERSON"_s && !state.nonHuman)
            m_lastPerson = quote.speakerId;
        else if (speaker)
            m_lastNonHuman = quote.speakerId;
    }
    m_quotes.append(quote);
    m_states.append(state);
}

bool Finder::tryDirectBefore(qsizetype unit, qsizetype cue, const Lexicon::Cue &match)
{
    // X said: "Y" / X told BBC News: "Y" / ..., adding: "Y"
    const qsizetype end = m_units[unit].second;
    qsizetype t = cue + match.length;
    qsizetype listener = 0;
    while (t < end && !isMark(t) && !isPunct(t) && listener < 6) {
        const QString w = lower(t);
        if (w == u"that"_s || pronounsSubject().contains(w) || cueAt(t).cueClass != Lexicon::CueClass::None)
            return false;
        ++t;
        ++listener;
    }
    // "said in a statement on Monday:", "said of the decision:": a phrase before the colon
    static const QSet<QString> phraseOpeners { u"in"_s, u"on"_s, u"at"_s, u"of"_s, u"during"_s, u"after"_s,
        u"to"_s, u"via"_s };
    if (listener > 3 && match.cueClass != Lexicon::CueClass::Tell
        && !phraseOpeners.contains(lower(cue + match.length)))
        return false;
    if (t < end && (m_text.tokenText(t) == u":"_s || (m_text.tokenText(t) == u","_s && listener == 0)))
        ++t;
    else if (listener > 0 || t >= end || !isMark(t))
        return false;
    if (t >= end)
        return false;
    const qsizetype region = regionOpeningAt(t);
    if (region < 0 || m_regions[region].usedDirect)
        return false;
    bool participial = false;
    auto source = sourceBefore(unit, cue, &participial);
    const QuoteState *inherit = nullptr;
    if (participial || source.first >= source.second) {
        // quotes are made in text order: only the last ones can share this unit
        for (qsizetype q = m_states.size() - 1; q >= 0 && m_states[q].unit >= unit; --q) {
            if (m_states[q].unit == unit) {
                inherit = &m_states[q];
                break;
            }
        }
        if (!inherit)
            source = subjectOfUnit(unit);
    }
    QList<Span> content;
    const qsizetype group = m_regions[region].group;
    for (qsizetype r = region; r < m_regions.size() && m_regions[r].group == group; ++r) {
        m_regions[r].used = m_regions[r].usedDirect = true;
        content.append(regionSpan(m_regions[r]));
    }
    addQuote(unit, QuoteKind::Direct, content, cue, match.length, source, u"quote.direct-cue-before"_s, 0.9,
        inherit);
    return true;
}

bool Finder::tryDirectAfter(qsizetype unit, qsizetype cue, const Lexicon::Cue &match)
{
    // "Y," X said. / "Y," said X. / "A," he explained, "B".
    const qsizetype begin = m_units[unit].first;
    const qsizetype end = m_units[unit].second;
    qsizetype t = cue - 1;
    qsizetype sourceFirst = cue;
    // the source may hold an apposition: "...," the party's leader, Sir Ed Davey, told reporters
    // hyphens and full stops inside words stay in it: "the 63-year-old", "Park Ji-hoon", "Prof. Lee"
    auto inWord = [&](qsizetype k) {
        const QStringView w = m_text.tokenText(k);
        return (w == u"-"_s && k + 1 < end && m_text.adjacent(k - 1, k) && m_text.adjacent(k, k + 1))
            || (w == u"."_s && k > begin && m_text.adjacent(k - 1, k) && m_text.isCapitalised(k - 1));
    };
    while (t >= begin && (!isPunct(t) || m_text.tokenText(t) == u","_s || inWord(t)) && m_regionOfToken[t] < 0
        && cue - t <= 14)
        --t;
    if (t + 1 < cue && m_text.tokenText(t + 1) == u","_s)
        ++t; // the comma after the closing mark belongs to no source
    const bool sourceFirstLayout = t < cue - 1;
    if (sourceFirstLayout)
        sourceFirst = t + 1;
    if (t >= begin && m_text.tokenText(t) == u","_s)
        --t;
    if (t < begin)
        return false;
    const qsizetype region = regionClosingAt(t);
    if (region < 0 || m_regions[region].usedDirect || match.participle)
        return false;
    {
        // the quotation must open its sentence: "Y is "Z", X said" is reported speech
        qsizetype open = region;
        while (open > 0 && m_regions[open - 1].group == m_regions[region].group)
            --open;
        qsizetype k = begin;
        while (k < m_regions[open].openToken && (leadingNoise().contains(lower(k)) || isPunct(k)))
            ++k;
        if (k < m_regions[open].openToken && m_regions[open].openToken >= begin)
            return false;
    }
    std::pair<qsizetype, qsizetype> source { sourceFirst, cue };
    qsizetype after = cue + match.length;
    while (after < end && skippableBeforeCue().contains(lower(after)))
        ++after;
    if (!sourceFirstLayout) {
        // said X. / said Kassym-Jomart Tokayev on Tuesday. / said Prof. Lee.
        auto inName = [&](qsizetype k) {
            if (!isPunct(k))
                return true;
            if (m_text.tokenText(k) == u"."_s)
                return inWord(k) && m_text.tokenText(k - 1).size() <= 4 && k + 1 < end
                    && m_text.isCapitalised(k + 1);
            return inWord(k);
        };
        qsizetype k = after;
        while (k < end && inName(k) && m_regionOfToken[k] < 0 && k - after < 8)
            ++k;
        if (k < end && !isSentenceEnd(k) && m_text.tokenText(k) != u","_s)
            return false;
        if (after < end
            && (lower(after) == u"that"_s || (pronounsSubject().contains(lower(after)) && k - after > 1)))
            return false;
        qsizetype sourceEnd = timeOrChannelStart(after, k);
        if (k + 1 < end && m_text.tokenText(k) == u","_s && sourceEnd == k) {
            // '"...," said the group's coordinator, Siti Putri.': the name in apposition is the source's
            const RecordId id = m_entities.entityAtToken.value(k + 1);
            qsizetype n = k + 1;
            while (n < end && id && m_entities.entityAtToken.value(n) == id)
                ++n;
            // '"...," said X, the president of Kazakhstan, on Tuesday.': a description of the
            // speaker between commas belongs to the source, what follows it does not
            qsizetype a = k + 1;
            while (a < end && inName(a) && m_regionOfToken[a] < 0 && a - k <= 12)
                ++a;
            const bool description = a < end && (m_text.tokenText(a) == u","_s || isSentenceEnd(a))
                && (determiners().contains(lower(k + 1)) || m_lexicon.isTitle(m_text.tokenText(k + 1)))
                && !looksLikeClause(k + 1, a);
            if (id && m_entities.entity(id)->type == u"PERSON"_s && (n >= end || isSentenceEnd(n)))
                sourceEnd = k = n;
            else if (description)
                sourceEnd = k = a;
        }
        source = { after, sourceEnd };
        after = k;
    } else {
        while (source.first < source.second && leadingNoise().contains(lower(source.first)))
            ++source.first;
        // "Maria Santos later said": the adverb before the cue is no part of the source
        while (source.second > source.first
            && (isPunct(source.second - 1) || skippableBeforeCue().contains(lower(source.second - 1))))
            --source.second;
    }
    if (source.first >= source.second)
        return false;
    // the quote must end like an interrupted sentence, or the source must be short
    const Region &closing = m_regions[region];
    const QChar lastInner = closing.lastInner > closing.firstInner ? firstChar(closing.lastInner - 1) : u' ';
    const bool interrupted = lastInner == u',' || lastInner == u'?' || lastInner == u'!'
        || lastInner == u'\u2014' || lastInner == u'-' || m_text.tokenText(t + 1) == u","_s;
    if (!interrupted && source.second - source.first > 4)
        return false;
    QList<Span> content;
    const qsizetype group = closing.group;
    qsizetype firstRegion = region;
    while (firstRegion > 0 && m_regions[firstRegion - 1].group == group
        && !m_regions[firstRegion - 1].usedDirect)
        --firstRegion;
    for (qsizetype r = firstRegion; r <= region; ++r) {
        m_regions[r].used = m_regions[r].usedDirect = true;
        content.append(regionSpan(m_regions[r]));
    }
    // "A," he explained, "B": the second part belongs to the same quote
    if (after < end && m_text.tokenText(after) == u","_s && after + 1 < end) {
        const qsizetype next = regionOpeningAt(after + 1);
        if (next >= 0 && !m_regions[next].usedDirect) {
            for (qsizetype r = next; r < m_regions.size() && m_regions[r].group == m_regions[next].group;
                ++r) {
                m_regions[r].used = m_regions[r].usedDirect = true;
                content.append(regionSpan(m_regions[r]));
            }
        }
    }
    addQuote(unit, QuoteKind::Direct, content, cue, match.length, source, u"quote.direct-cue-after"_s, 0.9);
    return true;
}

bool Finder::tryAccording(qsizetype unit, qsizetype cue)
{
    const qsizetype begin = m_units[unit].first;
    const qsizetype end = m_units[unit].second;
    qsizetype k = cue + 2;
    // "by Incheon-based consultancy X": a hyphen inside a word goes on
    while (k < end
        && (!isPunct(k)
            || (m_text.tokenText(k) == u"-"_s && m_text.adjacent(k - 1, k) && m_text.adjacent(k, k + 1))))
        ++k;
    // "according to a statement from the governor, Vitaly Kim, two people ...": the name
    // in apposition belongs to the source
    if (k + 2 < end && m_text.tokenText(k) == u","_s) {
        qsizetype n = k + 1;
        while (n < end && n < k + 6 && m_text.isCapitalised(n))
            ++n;
        if (n > k + 1 && n < end && m_text.tokenText(n) == u","_s && m_entities.entityAtToken.value(k + 1)
            && m_entities.entity(m_entities.entityAtToken.value(k + 1))->type == u"PERSON"_s)
            k = n;
    }
    const std::pair<qsizetype, qsizetype> source { cue + 2, k };
    qsizetype contentFirst = std::max(begin, cue - maxClauseTokens);
    qsizetype contentLast = cue;
    if (cue > begin && m_text.tokenText(cue - 1) == u","_s) {
        contentLast = cue - 1;
    } else if (k < end && m_text.tokenText(k) == u","_s) {
        contentFirst = k + 1;
        contentLast = clauseEnd(unit, contentFirst);
    } else {
        return false;
    }
    while (contentFirst < contentLast && leadingNoise().contains(lower(contentFirst)))
        ++contentFirst;
    if (!looksLikeClause(contentFirst, contentLast))
        return false;
    const QList<qsizetype> inside = regionsWithin(contentFirst, contentLast);
    for (qsizetype r : inside)
        m_regions[r].used = true;
    addQuote(unit, inside.isEmpty() ? QuoteKind::Indirect : QuoteKind::Mixed,
        { tokenSpan(contentFirst, contentLast) }, cue, 2, source, u"quote.according-to"_s, 0.75);
    return true;
}

bool Finder::tryReported(qsizetype unit, qsizetype cue, const Lexicon::Cue &match)
{
    const qsizetype begin = m_units[unit].first;
    const qsizetype end = m_units[unit].second;
    // "called" is weak, "called on X to" is not
    const bool weak = match.cueClass == Lexicon::CueClass::Think
        || (weakCues().contains(lower(cue)) && match.cueClass != Lexicon::CueClass::Urge);
    bool participial = false;
    auto source = sourceBefore(unit, cue, &participial);
    const qsizetype afterCue = cue + match.length;
    qsizetype tail = afterCue;
    while (tail < end && !isPunct(tail) && tail < afterCue + 64)
        ++tail;
    bool tailVerb = false;
    for (qsizetype k = afterCue; k < tail && !tailVerb; ++k)
        tailVerb = finiteVerbs().contains(lower(k));
    const bool shortTail = tail - afterCue <= 8 && !tailVerb
        && (tail >= end || isSentenceEnd(tail) || m_text.tokenText(tail) == u","_s);

    // inverted: "Y, X said." / "Y, said X." / "A, he said, and B."
    const bool sourceAfterComma = source.first < source.second && source.first > begin
        && m_text.tokenText(source.first - 1) == u","_s;
    const bool cueAfterComma = cue > begin && m_text.tokenText(cue - 1) == u","_s && !participial
        && match.cueClass == Lexicon::CueClass::Say && source.first >= source.second;
    static const QSet<QString> prepositions { u"in"_s, u"on"_s, u"at"_s, u"during"_s, u"after"_s, u"before"_s,
        u"with"_s, u"from"_s, u"since"_s, u"for"_s, u"last"_s, u"this"_s, u"today"_s, u"yesterday"_s,
        u"earlier"_s };
    bool finite = false;
    for (qsizetype k = afterCue + 1; k < tail && !finite; ++k)
        finite = finiteVerbs().contains(lower(k));
    // "..., Santos said Monday, and ...": a weekday after the cue, as American news writes it
    const bool prepositionalTail = afterCue < end
        && (prepositions.contains(lower(afterCue))
            || (calendarWords().contains(lower(afterCue)) && m_text.isCapitalised(afterCue)))
        && !finite;
    // "..., Santos told reporters on Monday.": a listener after the cue ends the sentence
    bool listenerTail = match.cueClass == Lexicon::CueClass::Tell && shortTail && tail > afterCue;
    for (qsizetype k = afterCue; k < tail && listenerTail; ++k)
        listenerTail = lower(k) != u"that"_s && !pronounsSubject().contains(lower(k));
    if ((sourceAfterComma && (afterCue >= end || isPunct(afterCue) || prepositionalTail || listenerTail))
        || (cueAfterComma && shortTail)) {
        std::pair<qsizetype, qsizetype> src = source;
        qsizetype comma = source.first - 1;
        // "A, he said on Monday, and B."
        qsizetype after = prepositionalTail || listenerTail ? tail : afterCue;
        if (cueAfterComma && !sourceAfterComma) {
            comma = cue - 1;
            src = { afterCue, tail };
            after = tail;
        }
        // the content starts after the last quote or cue before it in this unit
        qsizetype contentFirst = std::max(begin, comma - maxClauseTokens);
        for (qsizetype q = m_states.size() - 1; q >= 0 && m_states[q].unit >= unit; --q) {
            const QuoteState &state = m_states[q];
            if (state.unit == unit && state.lastToken < comma && state.sourceLast <= comma
                && state.sourceFirst >= begin && state.sourceFirst > contentFirst
                && state.sourceLast > state.sourceFirst && state.lastToken < state.sourceFirst)
                contentFirst = state.lastToken + 1;
        }
        while (contentFirst < comma && (leadingNoise().contains(lower(contentFirst)) || isPunct(contentFirst))
            && regionOpeningAt(contentFirst) < 0)
            ++contentFirst;
        QList<Span> content { tokenSpan(contentFirst, comma) };
        QList<qsizetype> inside = regionsWithin(contentFirst, comma);
        // "A, he said, and B." (not "A, he said, adding B": a quote of its own)
        if (after + 1 < end && m_text.tokenText(after) == u","_s
            && cueAt(after + 1).cueClass == Lexicon::CueClass::None) {
            const qsizetype second = clauseEnd(unit, after + 1);
            if (second > after + 1) {
                content.append(tokenSpan(after + 1, second));
                inside += regionsWithin(after + 1, second);
            }
        }
        if (!looksLikeClause(contentFirst, comma))
            return false;
        // a direct quote is tryDirectAfter's case; '"A" because of B, X said' is mixed
        if (inside.size() == 1 && m_regions[inside.first()].openToken == contentFirst && content.size() == 1
            && m_regions[inside.first()].closeToken >= comma - 1) {
            return false;
        }
        if (match.cueClass == Lexicon::CueClass::Think && inside.isEmpty())
            return false;
        for (qsizetype r : std::as_const(inside))
            m_regions[r].used = true;
        addQuote(unit, inside.isEmpty() ? QuoteKind::Indirect : QuoteKind::Mixed, content, cue, match.length,
            src, u"quote.reported-inverted"_s, 0.8);
        return true;
    }

    // "with employers adding 336,000 jobs": an absolute phrase, not a speech act
    if (source.first > begin && source.first < source.second && lower(source.first - 1) == u"with"_s)
        return false;
    // a participle reports speech only with "that", a colon or quoted words ("adding more
    // than 50,000 employees" is not speech)
    const bool bareParticiple = match.participle;

    // forward: "X said (that) Y", "X told Z (that) Y", "X urged Z to Y"
    qsizetype contentFirst = afterCue;
    // "said on Sunday it had ...", "said in a statement the ...": the time or channel is no content
    {
        static const QSet<QString> channels { u"statement"_s, u"interview"_s, u"speech"_s, u"letter"_s,
            u"post"_s, u"tweet"_s, u"briefing"_s, u"email"_s, u"address"_s, u"report"_s, u"video"_s };
        qsizetype k = afterCue;
        const QString w = lower(k);
        if ((w == u"yesterday"_s || w == u"today"_s || w == u"tonight"_s || w == u"earlier"_s
                || w == u"later"_s)
            && k + 1 < end)
            k += 1;
        else if ((w == u"last"_s || w == u"this"_s) && calendarWords().contains(lower(k + 1)))
            k += 2;
        else if (w == u"on"_s && (calendarWords().contains(lower(k + 1)) || isNumberAt(k + 1))) {
            k += 2;
            while (k < end && (calendarWords().contains(lower(k)) || isNumberAt(k)))
                ++k;
        } else if (w == u"in"_s && (calendarWords().contains(lower(k + 1)) || isNumberAt(k + 1))) {
            // "said in November 2003 he would"
            k += 2;
            while (k < end && (calendarWords().contains(lower(k)) || isNumberAt(k)))
                ++k;
        } else if (w == u"in"_s) {
            qsizetype n = k + 1;
            while (n < end && n < k + 6 && !isPunct(n) && !channels.contains(lower(n)))
                ++n;
            if (n < end && channels.contains(lower(n)))
                k = n + 1;
        }
        if (k > afterCue && k < end && !isPunct(k)
            && (pronounsSubject().contains(lower(k)) || determiners().contains(lower(k))
                || m_text.isCapitalised(k)))
            contentFirst = k;
    }
    // "told MPs at Prime Minister's Questions that ...": a listener can be long
    const qsizetype thatWindow = match.cueClass == Lexicon::CueClass::Tell ? 10 : 6;
    for (qsizetype k = contentFirst; k < end && k < contentFirst + thatWindow; ++k) {
        if (isPunct(k) || m_regionOfToken[k] >= 0)
            break;
        if (lower(k) == u"that"_s) {
            contentFirst = k + 1;
            break;
        }
    }
    if (contentFirst == afterCue && match.cueClass == Lexicon::CueClass::Tell) {
        // "told commissioners the utility had lost": the clause opens with a subject pronoun or,
        // after a listener in lower case, with a determiner
        static const QSet<QString> openers { u"the"_s, u"its"_s, u"their"_s, u"his"_s, u"her"_s };
        qsizetype k = afterCue + 1;
        while (k < end && k < afterCue + 9 && !isPunct(k) && !pronounsSubject().contains(lower(k))
            && !(openers.contains(m_text.tokenText(k).toString()) && !m_text.isCapitalised(afterCue)
                && !determiners().contains(lower(afterCue))))
            ++k;
        if (k >= end || k >= afterCue + 9 || isPunct(k))
            return false;
        contentFirst = k;
    }
    if (contentFirst < end && m_text.tokenText(contentFirst) == u":"_s)
        return false;
    const qsizetype contentLast = clauseEnd(unit, contentFirst);
    bool infinitive = false;
    for (qsizetype k = contentFirst; k < contentLast && k < contentFirst + 6 && !infinitive; ++k)
        infinitive = lower(k) == u"to"_s;
    // "accused political rivals of orchestrating a smear": the charge is the content
    bool charge = false;
    if (lower(cue).startsWith(u"accus"_s)) {
        // "of orchestrating a smear" states a charge; "accused him of delay" names one
        for (qsizetype k = contentFirst; k + 1 < contentLast && k < contentFirst + 8 && !charge; ++k)
            charge = lower(k) == u"of"_s && lower(k + 1).endsWith(u"ing"_s);
    }
    if (contentLast <= contentFirst
        || !(looksLikeClause(contentFirst, contentLast) || charge
            || (match.cueClass == Lexicon::CueClass::Urge && infinitive)))
        return false;
    QList<qsizetype> inside = regionsWithin(contentFirst, contentLast);
    // a weak cue ("announced", "reported") reports speech with "that" or quoted words
    const bool afterThat = contentFirst > afterCue && lower(contentFirst - 1) == u"that"_s;
    if (weak && inside.isEmpty() && !afterThat && !charge)
        return false;
    // a participle without a comma before it reports speech only with "that" or quoted words
    // "..., saying the country could not afford it" is speech; "adding 50,000 jobs" is not
    static const QSet<QString> ambiguousParticiples { u"adding"_s, u"calling"_s, u"continuing"_s,
        u"describing"_s, u"reporting"_s, u"announcing"_s, u"estimating"_s, u"forecasting"_s, u"demanding"_s,
        u"asking"_s, u"going"_s, u"stating"_s };
    // "was quoted by Reuters as saying": speech reported at second hand
    const bool asSaying = cue > begin && lower(cue - 1) == u"as"_s && lower(cue) == u"saying"_s;
    const bool pureSpeech = (participial && !ambiguousParticiples.contains(lower(cue))) || asSaying;
    if (bareParticiple && !pureSpeech && inside.isEmpty()
        && (contentFirst == afterCue || lower(contentFirst - 1) != u"that"_s))
        return false;
    QList<Span> content { tokenSpan(contentFirst, contentLast) };
    const QuoteState *inherit = nullptr;
    if (participial || source.first >= source.second) {
        // quotes are made in text order: only the last ones can share this unit
        for (qsizetype q = m_states.size() - 1; q >= 0 && m_states[q].unit >= unit; --q) {
            if (m_states[q].unit == unit) {
                inherit = &m_states[q];
                break;
            }
        }
        if (!inherit) {
            source = subjectOfUnit(unit);
            if (source.first >= source.second || source.second > cue)
                return false;
        }
    } else if (source.first > begin && m_text.tokenText(source.first - 1) == u","_s) {
        // "But this financial year, because of "volatility", he said the duty ...": an
        // opening phrase with quoted words belongs to what is reported
        const QList<qsizetype> front
            = regionsWithin(std::max(begin, source.first - maxClauseTokens), source.first - 1);
        if (!front.isEmpty()) {
            qsizetype frontFirst = begin;
            while (frontFirst < source.first && leadingNoise().contains(lower(frontFirst)))
                ++frontFirst;
            content.prepend(tokenSpan(frontFirst, source.first - 1));
            inside += front;
        }
    }
    for (qsizetype r : std::as_const(inside))
        m_regions[r].used = true;
    // said that "X": the whole content stands inside quotation marks
    QuoteKind kind = inside.isEmpty() ? QuoteKind::Indirect : QuoteKind::Mixed;
    if (inside.size() == 1 && content.size() == 1 && m_regions[inside.first()].openToken == contentFirst
        && m_regions[inside.first()].closeToken == contentLast - 1) {
        kind = QuoteKind::Direct;
        content = { regionSpan(m_regions[inside.first()]) };
    }
    addQuote(unit, kind, content, cue, match.length, source, u"quote.reported"_s, 0.75, inherit);
    return true;
}

void Finder::attachOrphans(qsizetype unit)
{
    // a quotation with no cue of its own that opens a sentence continues the last quote
    const qsizetype begin = m_units[unit].first;
    const qsizetype end = m_units[unit].second;
    for (qsizetype t = begin; t < end; ++t) {
        const qsizetype region = regionOpeningAt(t);
        if (region < 0 || m_regions[region].used)
            continue;
        const bool opensSentence = t == begin || isSentenceEnd(t - 1);
        if (!opensSentence || m_quotes.isEmpty())
            continue;
        const QuoteState &previous = m_states.last();
        const qsizetype paragraphGap = m_text.paragraphOf(t) - m_text.paragraphOf(previous.lastToken);
        if (paragraphGap > 1 || previous.lastToken > t)
            continue;
        Quote &quote = m_quotes.last();
        const qsizetype group = m_regions[region].group;
        for (qsizetype r = region; r < m_regions.size() && m_regions[r].group == group; ++r) {
            m_regions[r].used = m_regions[r].usedDirect = true;
            const Span span = regionSpan(m_regions[r]);
            if (!span.isNull())
                quote.content.append(span);
            m_states.last().lastToken = std::max(m_states.last().lastToken, m_regions[r].lastInner - 1);
        }
        if (quote.kind == QuoteKind::Indirect)
            quote.kind = QuoteKind::Mixed;
    }
}

void Finder::processUnit(qsizetype unit)
{
    const auto [begin, end] = m_units[unit];
    for (qsizetype t = begin; t < end; ++t) {
        if (m_usedCues.contains(t))
            continue;
        const Lexicon::Cue match = cueAt(t);
        if (match.cueClass == Lexicon::CueClass::None)
            continue;
        bool found = false;
        if (match.cueClass == Lexicon::CueClass::According)
            found = tryAccording(unit, t);
        else
            found = tryDirectAfter(unit, t, match) || tryDirectBefore(unit, t, match)
                || tryReported(unit, t, match);
        if (found) {
            for (qsizetype k = t; k < t + match.length; ++k)
                m_usedCues.insert(k);
            t += match.length - 1;
        }
    }
    attachOrphans(unit);
}

QList<Quote> Finder::run()
{
    if (m_text.tokens().isEmpty())
        return {};
    const qsizetype count = m_text.tokens().size();
    m_lower.reserve(count);
    for (qsizetype t = 0; t < count; ++t)
        m_lower.append(m_text.tokenText(t).toString().toLower());
    findRegions();
    m_cueOfToken.resize(count);
    for (qsizetype t = 0; t < count; ++t)
        m_cueOfToken[t] = computeCue(t);
    buildUnits();
    for (qsizetype unit = 0; unit < m_units.size(); ++unit)
        processUnit(unit);
    for (Quote &quote : m_quotes)
        std::sort(quote.content.begin(), quote.content.end(),
            [](const Span &a, const Span &b) { return a.start < b.start; });
    return m_quotes;
}

} // namespace

QList<Quote> QuoteExtractor::extract(
    const TextAnalysis &text, const EntityAnalysis &entities, const ProjectLexicon *project)
{
    return Finder(text, entities, project).run();
}

} // namespace Byline

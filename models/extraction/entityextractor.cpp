// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/entityextractor.h"

#include "extraction/lexicon.h"
#include "extraction/projectlexicon.h"

#include <QSet>

#include <algorithm>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

struct Candidate {
    qsizetype first = 0; ///< token range [first, last)
    qsizetype last = 0;
    QString type;
    QString canonical;
    QString country;
    double confidence = 0.5;
    QString rule;
    bool pending = false; ///< a lone unknown word: kept only if the article names it elsewhere
    bool speaks
        = false; ///< a pending word that is the subject of a speech verb: a person if nothing else claims it
};

const QSet<QString> &connectors()
{
    static const QSet<QString> words { u"of"_s, u"and"_s, u"for"_s, u"the"_s, u"&"_s };
    return words;
}

const QSet<QString> &particles()
{
    static const QSet<QString> words { u"de"_s, u"van"_s, u"den"_s, u"von"_s, u"der"_s, u"da"_s, u"du"_s,
        u"la"_s, u"le"_s, u"al"_s, u"bin"_s, u"el"_s, u"di"_s, u"dos"_s, u"del"_s, u"do"_s, u"das"_s,
        u"des"_s, u"della"_s, u"dei"_s, u"y"_s };
    return words;
}

const QSet<QString> &organisationHeads()
{
    static const QSet<QString> words { u"union"_s, u"party"_s, u"group"_s, u"company"_s, u"firm"_s, u"bank"_s,
        u"agency"_s, u"airline"_s, u"newspaper"_s, u"charity"_s };
    return words;
}

const QSet<QString> &personTitles()
{
    // titles of people, which never stand inside an organisation's name
    static const QSet<QString> words { u"professor"_s, u"prof"_s, u"judge"_s, u"mr"_s, u"mrs"_s, u"ms"_s,
        u"miss"_s, u"dr"_s, u"sir"_s, u"dame"_s, u"lady"_s, u"president"_s, u"minister"_s, u"secretary"_s,
        u"chancellor"_s, u"leader"_s, u"spokesman"_s, u"spokeswoman"_s, u"chairman"_s, u"mp"_s, u"premier"_s,
        u"governor"_s, u"mayor"_s };
    return words;
}

const QSet<QString> &auxiliaries()
{
    static const QSet<QString> words { u"is"_s, u"are"_s, u"was"_s, u"were"_s, u"has"_s, u"have"_s, u"had"_s,
        u"will"_s, u"would"_s, u"could"_s, u"can"_s, u"should"_s, u"may"_s, u"must"_s };
    return words;
}

const QSet<QString> &compassWords()
{
    static const QSet<QString> words { u"North"_s, u"South"_s, u"East"_s, u"West"_s, u"Central"_s,
        u"Northern"_s, u"Southern"_s, u"Eastern"_s, u"Western"_s, u"Upper"_s, u"Lower"_s, u"Greater"_s };
    return words;
}

const QSet<QString> &eventHeads()
{
    static const QSet<QString> words { u"Storm"_s, u"Hurricane"_s, u"Typhoon"_s, u"Cyclone"_s,
        u"Operation"_s };
    return words;
}

/// A person's gender from the titles and roles seen with them ("Mrs", "spokeswoman"), else
/// from their given names.
char genderOf(const QString &name, const QStringList &roles)
{
    static const QSet<QString> women { u"mrs"_s, u"ms"_s, u"miss"_s, u"madam"_s, u"dame"_s, u"lady"_s,
        u"baroness"_s, u"sister"_s, u"queen"_s, u"princess"_s };
    static const QSet<QString> men { u"mr"_s, u"sir"_s, u"lord"_s, u"baron"_s, u"father"_s, u"king"_s,
        u"prince"_s };
    for (const QString &role : roles) {
        if (women.contains(role) || role.endsWith(u"woman"_s))
            return 'f';
        if (men.contains(role) || (role.endsWith(u"man"_s) && role != u"woman"_s))
            return 'm';
    }
    return Lexicon::instance().genderOfName(name);
}

/// "TRUTH OR CONSEQUENCES" -> "Truth or Consequences"
QString titleCase(const QString &capitals)
{
    static const QSet<QString> small { u"of"_s, u"or"_s, u"and"_s, u"the"_s, u"de"_s, u"del"_s, u"do"_s,
        u"da"_s, u"la"_s, u"el"_s };
    QStringList words = capitals.toLower().split(u' ');
    for (qsizetype i = 0; i < words.size(); ++i) {
        if ((i == 0 || !small.contains(words[i])) && !words[i].isEmpty())
            words[i][0] = words[i][0].toUpper();
    }
    return words.join(u' ');
}

bool isApostropheToken(QStringView token)
{
    return token == u"'"_s || token == u"\u2019"_s || token == u"'s"_s || token == u"\u2019s"_s
        || token == u"'S"_s;
}

bool isAcronym(QStringView word)
{
    if (word.size() < 2 || word.size() > 6)
        return false;
    qsizetype letters = 0;
    for (QChar c : word) {
        if (c.isLower())
            return false;
        letters += c.isLetter();
    }
    return letters >= 2;
}

bool hasDigitAndLetter(QStringView word)
{
    bool digit = false;
    bool letter = false;
    for (QChar c : word) {
        digit = digit || c.isDigit();
        letter = letter || c.isLetter();
    }
    return digit && letter;
}

class Builder final {
public:
    Builder(const TextAnalysis &text, const ProjectLexicon *project)
        : m_text(text)
        , m_lexicon(Lexicon::instance())
        , m_project(project)
    {
    }

    EntityAnalysis run();

private:
    QString word(qsizetype i) const { return m_text.tokenText(i).toString(); }
    /// The analysts' names whose first word is token i's; null when there are none.
    const QList<ProjectLexicon::NameWords> *projectNamesFrom(qsizetype i) const;
    bool isSentenceInitial(qsizetype i) const;
    bool isNonName(qsizetype i) const;
    bool isSpeaker(qsizetype i) const;
    bool isCapitalisedWord(qsizetype i) const;
    QString spanText(qsizetype first, qsizetype last) const;
    bool afterThe(qsizetype first) const; ///< "the" right before, lower case, inside the sentence
    bool isKoreanStyleGivenName(qsizetype hyphen) const;
    bool isTeamName(qsizetype begin, qsizetype end) const;
    bool afterMotionTo(qsizetype begin) const;
    qsizetype worldPlaceEnd(qsizetype k, qsizetype end) const;
    int roleAfter(qsizetype end) const;
    QString placeNounBefore(qsizetype begin) const;
    qsizetype datelineEnd(qsizetype first, qsizetype last) const;
    qsizetype orgPatternEnd(qsizetype k, qsizetype runEnd) const;
    qsizetype scanRun(qsizetype begin, qsizetype end); ///< returns where the scan ended
    void flushChunk(qsizetype begin, qsizetype end);
    void classify(qsizetype begin, qsizetype end);
    void add(Candidate candidate) { m_candidates.append(std::move(candidate)); }
    QStringList rolesBefore(qsizetype first, QString *country) const;
    QStringList rolesAfter(qsizetype last) const;

    const TextAnalysis &m_text;
    const Lexicon &m_lexicon;
    const ProjectLexicon *m_project = nullptr;
    QList<Candidate> m_candidates;
};

const QList<ProjectLexicon::NameWords> *Builder::projectNamesFrom(qsizetype i) const
{
    if (!m_project)
        return nullptr;
    const auto found = m_project->namesByFirstWord().constFind(word(i));
    return found == m_project->namesByFirstWord().cend() ? nullptr : &*found;
}

bool Builder::isSentenceInitial(qsizetype i) const
{
    const qsizetype sentence = m_text.sentenceOf(i);
    if (sentence < 0)
        return true;
    if (m_text.sentences().at(sentence).first == i)
        return true;
    if (i == 0)
        return true;
    // after an opening quotation mark, a colon or a dash a new sentence may start
    const QStringView previous = m_text.tokenText(i - 1);
    return m_text.tokens().at(i - 1).kind == Token::Punct
        && (previous == u"\""_s || previous == u"\u201C"_s || previous == u"\u201D"_s || previous == u":"_s
            || previous == u"\u2018"_s || previous == u"("_s || previous == u"\u2014"_s
            || previous == u"\u00AB"_s);
}

bool Builder::isNonName(qsizetype i) const
{
    const QStringView text = m_text.tokenText(i);
    if (m_lexicon.isNonName(text))
        return true;
    // a capitalised -ing or -ly word opening a sentence is a verb or an adverb
    return isSentenceInitial(i) && (text.endsWith(u"ing"_s) || text.endsWith(u"ly"_s));
}

/// Whether the word at i is the subject of a speech verb: right before the verb inside a
/// sentence ('"...," Tokayev said', "On Friday, Okonkwo said"), or right after a verb that
/// follows a quotation and before the sentence ends ('"...," said Okonkwo.'). A capitalised
/// word opening a sentence ("Police said") may be a common noun, so it does not count.
bool Builder::isSpeaker(qsizetype i) const
{
    const qsizetype count = m_text.tokens().size();
    auto isSpeech = [&](qsizetype t) {
        if (t < 0 || t >= count)
            return false;
        const Lexicon::CueClass cue = m_lexicon.matchCue(m_text, t).cueClass;
        return cue == Lexicon::CueClass::Say || cue == Lexicon::CueClass::Tell;
    };
    auto isClosingMark = [&](qsizetype t) {
        if (t <= 0 || m_text.tokens()[t].kind != Token::Punct)
            return false;
        const QStringView w = m_text.tokenText(t);
        return (w == u"\u201D"_s || w == u"\""_s || w == u"\u00BB"_s) && m_text.adjacent(t - 1, t);
    };
    const bool quoteBefore = isClosingMark(i - 1);
    // "Santos, 45, told": an age between the name and the verb; "Santos later said"
    const bool age = i + 3 < count && word(i + 1) == u","_s && m_text.tokens()[i + 2].kind == Token::Number
        && word(i + 3) == u","_s;
    static const QSet<QString> adverbs { u"also"_s, u"later"_s, u"then"_s, u"has"_s, u"had"_s, u"again"_s,
        u"earlier"_s, u"previously"_s };
    qsizetype verb = age ? i + 4 : i + 1;
    while (verb < count && verb < i + 6 && adverbs.contains(word(verb)))
        ++verb;
    if (isSpeech(verb) && (quoteBefore || !isSentenceInitial(i)))
        return true;
    // the sentence ends, or a description or a time follows: "said Okonkwo, the mayor, on Friday"
    static const QSet<QString> after { u"."_s, u","_s, u"on"_s, u"in"_s, u"at"_s, u"last"_s, u"yesterday"_s,
        u"today"_s };
    const bool endsHere = i + 1 >= count || after.contains(word(i + 1));
    // '"...," said Okonkwo.', "The dam will hold, said Okonkwo.", "..., according to Okonkwo."
    const bool said = isSpeech(i - 1) && m_lexicon.matchCue(m_text, i - 1).cueClass == Lexicon::CueClass::Say
        && (isClosingMark(i - 2) || (i >= 2 && word(i - 2) == u","_s));
    const bool accordingTo
        = i >= 2 && word(i - 1) == u"to"_s && word(i - 2).compare(u"according"_s, Qt::CaseInsensitive) == 0;
    return endsHere && (said || accordingTo);
}

bool Builder::isCapitalisedWord(qsizetype i) const
{
    return i >= 0 && i < m_text.tokens().size() && m_text.isCapitalised(i);
}

/// Where an organisation name starting at k ends ("Public and Commercial Services Union",
/// "Ministry of Defence"), or k when none starts there.
qsizetype Builder::orgPatternEnd(qsizetype k, qsizetype runEnd) const
{
    // "The", "World": sentence words never open an organisation name; "Foreign" may
    if (!isCapitalisedWord(k))
        return k;
    const Lexicon::OrgWord *head = m_lexicon.orgWord(m_text.tokenText(k));
    // "New Mexico Finance Authority", "Council of Europe": a known name or a head before "of"
    // may open an organisation although its first word is a common word
    const bool headBeforeOf = head && head->atStart && k + 2 < runEnd
        && (word(k + 1) == u"of"_s || word(k + 1) == u"for"_s) && isCapitalisedWord(k + 2)
        && !isSentenceInitial(k);
    if (isNonName(k) && !m_lexicon.isTitle(m_text.tokenText(k)) && !headBeforeOf
        && !(m_lexicon.matchName(m_text, k).entry && m_lexicon.matchName(m_text, k).length >= 2))
        return k;
    if (head && head->atStart && k + 2 < runEnd + 1 && k + 1 < runEnd) {
        const QStringView next = m_text.tokenText(k + 1);
        if (next == u"of"_s || next == u"for"_s) {
            qsizetype e = k + 2;
            while (e < runEnd && !isApostropheToken(m_text.tokenText(e)))
                ++e;
            while (e > k + 2 && !isCapitalisedWord(e - 1) && m_text.tokens()[e - 1].kind != Token::Number)
                --e;
            if (e > k + 2)
                return e;
        }
    }
    for (qsizetype e = runEnd; e >= k + 2; --e) {
        const Lexicon::OrgWord *tail = m_lexicon.orgWord(m_text.tokenText(e - 1));
        if (!tail || !tail->atEnd)
            continue;
        bool clean = true;
        bool named = false; // "World News" is page furniture: some word must be a name
        bool organisationSeen = false; // "Juliet Schor of Boston College": a person of an organisation
        for (qsizetype t = k; t < e && clean; ++t) {
            // portfolio words make departments ("Environment Agency"), people's titles do not
            const QStringView w = m_text.tokenText(t);
            clean = w != u"the"_s && !personTitles().contains(w.toString().toLower());
            if ((w == u"of"_s || w == u"for"_s) && !organisationSeen)
                clean = false;
            organisationSeen = organisationSeen || m_lexicon.orgWord(w);
            named = named || (t < e - 1 && isCapitalisedWord(t) && !isNonName(t));
        }
        if (clean && named) {
            // "Royal College of Surgeons", "Bank of England": the name goes on after of/for
            if (e + 1 < runEnd && (word(e) == u"of"_s || word(e) == u"for"_s) && isCapitalisedWord(e + 1)) {
                qsizetype f = e + 1;
                while (f < runEnd && !isApostropheToken(word(f))
                    && (isCapitalisedWord(f) || word(f) == u"and"_s))
                    ++f;
                while (f > e + 1 && !isCapitalisedWord(f - 1))
                    --f;
                return f;
            }
            // "National Union of Rail Workers": after "of", capitalised words go on to the end of the run
            bool afterOf = false;
            for (qsizetype t = k; t < e; ++t)
                afterOf = afterOf || word(t) == u"of"_s || word(t) == u"for"_s;
            qsizetype f = e;
            while (afterOf && f < runEnd && f < e + 2 && isCapitalisedWord(f) && !isNonName(f)
                && !m_lexicon.matchName(m_text, f).entry)
                ++f;
            return f == runEnd ? f : e;
        }
    }
    return k;
}

QStringList Builder::rolesBefore(qsizetype first, QString *country) const
{
    // "Russian President Vladimir Putin", "BBC correspondent Stephen Cape", "finance minister"
    QStringList roles;
    qsizetype t = first - 1;
    for (int steps = 0; t >= 0 && steps < 6; ++steps, --t) {
        if (m_text.tokens()[t].kind != Token::Word)
            break;
        if (m_text.sentenceOf(t) != m_text.sentenceOf(first))
            break;
        const QStringView w = m_text.tokenText(t);
        if (m_lexicon.isTitle(w)) {
            roles.prepend(w.toString().toLower());
            continue;
        }
        const Lexicon::Match match = m_lexicon.matchName(m_text, t);
        if (match.entry && t + match.length <= first) {
            if (country && country->isEmpty())
                *country = m_lexicon.countryOf(match.entry->canonical);
            continue;
        }
        if (isCapitalisedWord(t) && !m_lexicon.isNonName(w))
            continue;
        break;
    }
    return roles;
}

QStringList Builder::rolesAfter(qsizetype last) const
{
    // "Rod Eddington, BA's chief executive, said"
    QStringList roles;
    if (last >= m_text.tokens().size() || m_text.tokenText(last) != u","_s)
        return roles;
    for (qsizetype t = last + 1; t < m_text.tokens().size() && t < last + 7; ++t) {
        const QStringView w = m_text.tokenText(t);
        if (m_text.tokens()[t].kind == Token::Punct)
            break;
        if (m_lexicon.isTitle(w))
            roles.append(w.toString().toLower());
    }
    return roles;
}

void Builder::classify(qsizetype begin, qsizetype end)
{
    while (begin < end
        && (isNonName(begin) || connectors().contains(word(begin)) || isApostropheToken(word(begin))
            || m_text.tokens()[begin].kind == Token::Punct))
        ++begin;
    while (end > begin
        && (isNonName(end - 1) || connectors().contains(word(end - 1)) || isApostropheToken(word(end - 1))
            || m_text.tokens()[end - 1].kind == Token::Punct))
        --end;
    if (begin >= end)
        return;
    for (qsizetype t = begin; t < end; ++t) {
        if (hasDigitAndLetter(m_text.tokenText(t)))
            return; // model names: "Airbus A321"
    }
    const qsizetype n = end - begin;
    if (n == 1 && m_text.tokens()[begin].kind == Token::Number)
        return;
    // "Mr Smith", "Mr. Smith"
    const qsizetype before = begin > 1 && m_text.tokenText(begin - 1) == u"."_s ? begin - 2 : begin - 1;
    const bool titled = before >= 0 && m_lexicon.isTitle(m_text.tokenText(before));
    Candidate c { begin, end, {}, {}, {}, 0.5, {}, false };
    if (n == 1) {
        const QStringView w = m_text.tokenText(begin);
        if (isAcronym(w)) {
            c.type = u"ORG"_s;
            c.confidence = 0.6;
            c.rule = u"entity.acronym"_s;
        } else if (titled) {
            c.type = u"PERSON"_s;
            c.confidence = 0.8;
            c.rule = u"entity.title-name"_s;
        } else if (m_lexicon.orgWord(w) || m_text.tokens()[begin].kind == Token::Number) {
            return;
        } else if (const QString kind = placeNounBefore(begin); !kind.isEmpty()) {
            c.type = kind; // "the port of Gdynia"
            c.confidence = 0.6;
            c.rule = u"entity.place-noun-of"_s;
        } else if (w.endsWith(u"an"_s) && w.size() > 5 && m_lexicon.isWorldPlace(w.chopped(1).toString())) {
            c.type = u"NORP"_s; // "Oaxacan" from "Oaxaca": people of a place
            c.confidence = 0.5;
            c.rule = u"entity.demonym-of-place"_s;
        } else if (m_lexicon.isWorldPlace(w.toString())
            && (end >= m_text.tokens().size() || !isCapitalisedWord(end))) {
            // "Kisumu", "Busan": a city or province of some country, unless the name goes on
            c.type = u"GPE"_s;
            c.confidence = 0.55;
            c.rule = u"entity.world-place"_s;
        } else if (!isSentenceInitial(begin) && end < m_text.tokens().size()
            && organisationHeads().contains(word(end))) {
            // "the Aslef union", "the Wagner group"
            c.type = u"ORG"_s;
            c.confidence = 0.6;
            c.rule = u"entity.name-before-organisation-noun"_s;
        } else if (!isSentenceInitial(begin) && end < m_text.tokens().size()
            && (word(end) == u"region"_s || word(end) == u"province"_s || word(end) == u"district"_s
                || word(end) == u"county"_s || word(end) == u"oblast"_s)) {
            // "the Krasnodar region"
            c.type = u"GPE"_s;
            c.confidence = 0.6;
            c.rule = u"entity.name-before-region-noun"_s;
        } else if (!isSentenceInitial(begin) && begin > 0
            && (word(begin - 1) == u"in"_s || word(begin - 1) == u"near"_s || word(begin - 1) == u"from"_s
                || afterMotionTo(begin))
            && (end >= m_text.tokens().size()
                || (!isApostropheToken(word(end)) && !auxiliaries().contains(word(end).toLower())))) {
            // "injured in Mykolaiv": a lone unknown name after "in" is most often a place
            c.type = u"GPE"_s;
            c.confidence = 0.4;
            c.rule = u"entity.place-after-preposition"_s;
        } else if (const int role = roleAfter(end); role > 0 || (role < 0 && !isSentenceInitial(begin))) {
            // "Aviation analyst Nick Van den Brul": a sentence may open with a common noun
            if (role > 0)
                return; // "Finance Minister": a portfolio, no name
            c.type = u"ORG"_s; // "Daehan chairman Park Ji-hoon": the organisation of a role
            c.rule = u"entity.organisation-before-role"_s;
        } else if (afterThe(begin)) {
            // "the Guelaguetza", "the House": a person's name takes no article
            c.type = u"ORG"_s;
            c.pending = true;
            c.rule = u"entity.name-after-the"_s;
        } else {
            c.type = u"PERSON"_s;
            c.pending = true;
            c.rule = u"entity.known-name"_s;
        }
        add(c);
        return;
    }
    const Lexicon::OrgWord *tail = m_lexicon.orgWord(m_text.tokenText(end - 1));
    if (tail) {
        if (tail->type == u"LAW"_s)
            return;
        c.type = tail->type;
        c.confidence = 0.75;
        c.rule = u"entity.organisation-word"_s;
        add(c);
        return;
    }
    bool allCommon = true;
    bool acronym = false;
    bool number = false;
    for (qsizetype t = begin; t < end; ++t) {
        const QStringView w = m_text.tokenText(t);
        allCommon = allCommon
            && (m_lexicon.isNonName(w) || m_lexicon.isTitle(w) || connectors().contains(w.toString()));
        acronym = acronym || isAcronym(w);
        number = number || m_text.tokens()[t].kind == Token::Number;
    }
    if (allCommon)
        return;
    const bool afterPersonOf = begin >= 2 && m_text.tokenText(begin - 1) == u"of"_s && !m_candidates.isEmpty()
        && m_candidates.last().last == begin - 1 && m_candidates.last().type == u"PERSON"_s;
    // "Mount Kenya", "Lake Chad", "Cerro del Fortín": natural features named by their head first
    static const QSet<QString> featureHeads { u"Mount"_s, u"Mt"_s, u"Lake"_s, u"Cerro"_s, u"Monte"_s,
        u"Río"_s, u"Lago"_s, u"Laguna"_s, u"Isla"_s, u"Islas"_s, u"Gunung"_s, u"Pulau"_s, u"Jabal"_s,
        u"Jebel"_s, u"Wadi"_s, u"Playa"_s, u"Cape"_s, u"Point"_s };
    // "Banco Central do Brasil", "Gazeta Pomorska", "Grupo Modelo": organisation heads of other
    // languages stand first
    static const QSet<QString> foreignOrganisationHeads { u"Banco"_s, u"Banque"_s, u"Grupo"_s, u"Groupe"_s,
        u"Compañía"_s, u"Companhia"_s, u"Instituto"_s, u"Institut"_s, u"Universidad"_s, u"Universidade"_s,
        u"Università"_s, u"Universität"_s, u"Gazeta"_s, u"Empresa"_s, u"Sociedad"_s, u"Société"_s,
        u"Fundación"_s, u"Fundação"_s, u"Fondation"_s, u"Stiftung"_s, u"Asociación"_s, u"Associação"_s,
        u"Federación"_s, u"Federação"_s, u"Ministerio"_s, u"Ministério"_s, u"Ministère"_s, u"Partido"_s,
        u"Parti"_s, u"Frente"_s, u"Unión"_s, u"União"_s, u"Comisión"_s, u"Comissão"_s, u"Consejo"_s,
        u"Conselho"_s, u"Conseil"_s, u"Tribunal"_s, u"Corte"_s, u"Agencia"_s, u"Agência"_s, u"Agence"_s,
        u"Editora"_s, u"Editorial"_s, u"Radio"_s, u"Rádio"_s, u"Televisión"_s, u"Televisão"_s };
    // "Port Harcourt", "Puerto Escondido", "São Tomé": towns named head first
    static const QSet<QString> townHeads { u"Port"_s, u"Fort"_s, u"Puerto"_s, u"Porto"_s, u"Ciudad"_s,
        u"Bandar"_s, u"Kota"_s, u"São"_s, u"San"_s, u"Santa"_s, u"Santo"_s };
    if (!titled && townHeads.contains(word(begin)) && !isSentenceInitial(begin)) {
        c.type = u"GPE"_s;
        c.confidence = 0.5;
        c.rule = u"entity.town-name"_s;
    } else if (!titled && foreignOrganisationHeads.contains(word(begin))) {
        c.type = u"ORG"_s;
        c.confidence = 0.55;
        c.rule = u"entity.organisation-head-first"_s;
    } else if (!titled && featureHeads.contains(word(begin)) && !isSentenceInitial(begin)) {
        c.type = u"LOC"_s;
        c.confidence = 0.55;
        c.rule = u"entity.feature-name"_s;
    } else if (!titled && isTeamName(begin, end)) {
        c.type = u"ORG"_s; // "Cebu Sharks"
        c.confidence = 0.55;
        c.rule = u"entity.place-team"_s;
    } else if (const QString kind = placeNounBefore(begin); !titled && !kind.isEmpty()) {
        c.type = kind; // "the city of Rahim Yar Khan"
        c.confidence = 0.55;
        c.rule = u"entity.place-noun-of"_s;
    } else if (!titled && m_lexicon.isWorldPlace(spanText(begin, end))) {
        c.type = u"GPE"_s; // "Port Harcourt", "Rahim Yar Khan"
        c.confidence = 0.6;
        c.rule = u"entity.world-place"_s;
    } else if (m_lexicon.isFirstName(m_text.tokenText(begin)) || titled) {
        c.type = u"PERSON"_s;
        c.confidence = 0.8;
        c.rule = titled ? u"entity.title-name"_s : u"entity.given-name"_s;
    } else if (acronym || number || afterPersonOf) {
        c.type = u"ORG"_s;
        c.confidence = 0.55;
        c.rule = afterPersonOf ? u"entity.person-of-organisation"_s : u"entity.acronym-name"_s;
    } else if (begin > 0 && !isSentenceInitial(begin)
        && (word(begin - 1) == u"in"_s || word(begin - 1) == u"near"_s)
        && (end >= m_text.tokens().size() || !isApostropheToken(word(end)))) {
        c.type = u"GPE"_s; // "in Great Yarmouth"
        c.confidence = 0.4;
        c.rule = u"entity.place-after-preposition"_s;
    } else if (compassWords().contains(m_text.tokenText(begin).toString())) {
        c.type = u"LOC"_s; // "East Anglia", "Northern Territory"
        c.confidence = 0.5;
        c.rule = u"entity.region-name"_s;
    } else if (eventHeads().contains(m_text.tokenText(begin).toString())) {
        c.type = u"EVENT"_s; // "Storm Clara", "Hurricane Katrina"
        c.confidence = 0.6;
        c.rule = u"entity.event-name"_s;
    } else if (const int role = roleAfter(end); role != 0) {
        if (role > 0)
            return; // "Federal Food Security Minister Sadia Qureshi": a portfolio, no name
        c.type = u"ORG"_s; // "Hanbit Securities analyst Kim": the organisation of a role
        c.confidence = 0.5;
        c.rule = u"entity.organisation-before-role"_s;
    } else if (afterThe(begin)) {
        c.type = u"ORG"_s; // "the Cebu Sharks", "the National Awakening Front": no person takes "the"
        c.confidence = 0.5;
        c.rule = u"entity.name-after-the"_s;
    } else {
        c.type = u"PERSON"_s;
        c.confidence = 0.5;
        c.rule = u"entity.capitalised-name"_s;
    }
    add(c);
}

QString Builder::spanText(qsizetype first, qsizetype last) const
{
    const auto &tokens = m_text.tokens();
    return m_text.text().mid(tokens[first].start, tokens[last - 1].end - tokens[first].start);
}

/// "Ji-hoon", "Soo-yeon", "Jong-un": two syllables joined by a hyphen, the second in lower case,
/// after a capitalised word that follows a capitalised family name; "Seoul-based" is no name.
bool Builder::isKoreanStyleGivenName(qsizetype hyphen) const
{
    static const QSet<QString> suffixes { u"based"_s, u"backed"_s, u"led"_s, u"owned"_s, u"run"_s, u"born"_s,
        u"style"_s, u"era"_s, u"year"_s, u"old"_s, u"linked"_s, u"funded"_s, u"made"_s, u"wide"_s, u"level"_s,
        u"bound"_s, u"area"_s, u"type"_s, u"like"_s, u"free"_s, u"only"_s, u"held"_s };
    if (hyphen < 2 || hyphen + 1 >= m_text.tokens().size() || !m_text.adjacent(hyphen - 1, hyphen)
        || !m_text.adjacent(hyphen, hyphen + 1))
        return false;
    const QStringView before = m_text.tokenText(hyphen - 1);
    const QStringView after = m_text.tokenText(hyphen + 1);
    if (!isCapitalisedWord(hyphen - 1) || before.size() > 4 || after.size() < 2 || after.size() > 5
        || m_text.tokens()[hyphen + 1].kind != Token::Word || !after.at(0).isLower()
        || suffixes.contains(after.toString()))
        return false;
    // the family name before it: "Park", "Kim", "Lee"
    return isCapitalisedWord(hyphen - 2) && m_text.tokenText(hyphen - 2).size() <= 5
        && !isSentenceInitial(hyphen - 1);
}

/// A role word right after an unexplained name that a person's name follows: 1 for a
/// capitalised title ("Food Security Minister Sadia Qureshi": the name is a portfolio),
/// -1 for a lower-case role ("Daehan chairman Park Ji-hoon": an organisation), else 0.
int Builder::roleAfter(qsizetype end) const
{
    qsizetype t = end;
    const bool capitalised = isCapitalisedWord(t);
    while (t < m_text.tokens().size() && m_text.tokens()[t].kind == Token::Word && m_lexicon.isTitle(word(t))
        && t < end + 3)
        ++t;
    if (t == end || !isCapitalisedWord(t) || m_lexicon.isTitle(word(t)))
        return 0;
    static const QSet<QString> personal { u"mr"_s, u"mrs"_s, u"ms"_s, u"miss"_s, u"dr"_s, u"sir"_s, u"lady"_s,
        u"lord"_s, u"dame"_s };
    if (personal.contains(word(end).toLower()))
        return 0;
    return capitalised ? 1 : -1;
}

/// "travelling to Abeokuta", "flew to Gdansk": "to" after a verb of motion leads to a place.
bool Builder::afterMotionTo(qsizetype begin) const
{
    static const QSet<QString> motion { u"travel"_s, u"travels"_s, u"travelled"_s, u"traveled"_s,
        u"travelling"_s, u"traveling"_s, u"go"_s, u"goes"_s, u"went"_s, u"going"_s, u"fly"_s, u"flew"_s,
        u"flying"_s, u"flown"_s, u"move"_s, u"moved"_s, u"moving"_s, u"return"_s, u"returned"_s,
        u"returning"_s, u"head"_s, u"headed"_s, u"heading"_s, u"drive"_s, u"drove"_s, u"driving"_s, u"sail"_s,
        u"sailed"_s, u"fled"_s, u"flee"_s, u"fleeing"_s, u"relocated"_s, u"commute"_s, u"commuting"_s,
        u"bound"_s, u"trip"_s, u"journey"_s, u"road"_s, u"route"_s, u"flight"_s, u"flights"_s, u"trains"_s,
        u"train"_s };
    return begin >= 2 && word(begin - 1) == u"to"_s && motion.contains(word(begin - 2).toLower());
}

/// Where a name of worldplaces.tsv that is longer than one word ends at k ("Tamil Nadu",
/// "Rahim Yar Khan"), or k.
qsizetype Builder::worldPlaceEnd(qsizetype k, qsizetype end) const
{
    for (qsizetype e = std::min(end, k + 4); e >= k + 2; --e) {
        bool capitalised = true;
        for (qsizetype t = k; t < e && capitalised; ++t)
            capitalised = isCapitalisedWord(t);
        if (capitalised && (e == end || !isCapitalisedWord(e)) && m_lexicon.isWorldPlace(spanText(k, e)))
            return e;
    }
    return k;
}

/// "Chennai Lions", "Cebu Sharks": a place and a plural name is a team or a club.
bool Builder::isTeamName(qsizetype begin, qsizetype end) const
{
    if (end - begin < 2 || end - begin > 3)
        return false;
    const QString last = word(end - 1);
    if (!last.endsWith(u's') || last.endsWith(u"ss"_s) || last.size() < 4 || !isCapitalisedWord(end - 1)
        || isNonName(end - 1) || m_lexicon.orgWord(last) || m_lexicon.isTitle(last)
        || m_lexicon.matchName(m_text, end - 1).entry || m_lexicon.isWorldPlace(last))
        return false;
    const Lexicon::Match place = m_lexicon.matchName(m_text, begin);
    const bool known = place.entry && place.entry->type == u"GPE"_s && begin + place.length == end - 1;
    return known || (end - begin == 2 && m_lexicon.isWorldPlace(word(begin)));
}

/// "the port of Gdynia", "the town of Lipa": the kind of place a noun before "of" names, or empty.
QString Builder::placeNounBefore(qsizetype begin) const
{
    static const QSet<QString> settlements { u"city"_s, u"town"_s, u"village"_s, u"port"_s, u"capital"_s,
        u"province"_s, u"state"_s, u"district"_s, u"county"_s, u"municipality"_s, u"suburb"_s,
        u"neighbourhood"_s, u"neighborhood"_s, u"region"_s, u"governorate"_s, u"prefecture"_s };
    static const QSet<QString> features { u"island"_s, u"islands"_s, u"gulf"_s, u"bay"_s, u"coast"_s,
        u"peninsula"_s, u"mountains"_s, u"valley"_s, u"lake"_s, u"river"_s, u"sea"_s };
    if (begin < 2 || word(begin - 1) != u"of"_s)
        return {};
    const QString noun = word(begin - 2).toLower();
    if (settlements.contains(noun) && !isCapitalisedWord(begin - 2))
        return u"GPE"_s;
    if (features.contains(noun) && !isCapitalisedWord(begin - 2))
        return u"LOC"_s;
    return {};
}

/// Where a dateline at the start of a paragraph ends: capitals up to a comma or a dash.
qsizetype Builder::datelineEnd(qsizetype first, qsizetype last) const
{
    qsizetype letters = 0;
    qsizetype t = first;
    for (; t < last && m_text.tokens()[t].kind == Token::Word; ++t) {
        for (QChar c : m_text.tokenText(t)) {
            if (c.isLower())
                return first;
            letters += c.isLetter();
        }
    }
    if (t == first || t >= last || letters < 4 || t - first > 4)
        return first;
    const QStringView stop = m_text.tokenText(t);
    if (stop != u","_s && stop != u"\u2014"_s && stop != u"\u2013"_s && stop != u"-"_s)
        return first;
    // "BBC NEWS -": page furniture is not a place
    for (qsizetype k = first; k < t; ++k) {
        const QString capitalised
            = m_text.tokenText(k).left(1).toString() + m_text.tokenText(k).mid(1).toString().toLower();
        if (m_lexicon.orgWord(capitalised) || (m_lexicon.isNonName(capitalised) && k == first))
            return first;
    }
    return t;
}

bool Builder::afterThe(qsizetype first) const
{
    return first > 0 && !isSentenceInitial(first) && m_text.tokenText(first - 1) == u"the"_s;
}

void Builder::flushChunk(qsizetype begin, qsizetype end)
{
    // split an unknown run at "of", "and", possessives: "Mike Powell of Dresdner", "Brown's Britain"
    qsizetype start = begin;
    for (qsizetype t = begin; t < end; ++t) {
        const QString w = word(t);
        if (w == u"of"_s || w == u"and"_s || w == u"for"_s || isApostropheToken(w)) {
            classify(start, t);
            start = t + 1;
        }
    }
    classify(start, end);
}

qsizetype Builder::scanRun(qsizetype begin, qsizetype runEnd)
{
    qsizetype end = runEnd;
    qsizetype chunk = -1;
    qsizetype k = begin;
    while (k < end) {
        // the analysts' own names come first
        if (const QList<ProjectLexicon::NameWords> *known = projectNamesFrom(k)) {
            qsizetype bestLength = 0;
            const ProjectLexicon::Name *best = nullptr;
            for (const auto &[words, name] : *known) {
                const qsizetype length = words.size();
                if (length <= bestLength || k + length > end)
                    continue;
                bool equal = true;
                for (qsizetype i = 1; i < length && equal; ++i)
                    equal = m_text.tokenText(k + i) == words[i];
                if (equal) {
                    bestLength = length;
                    best = &m_project->names().at(name);
                }
            }
            if (best) {
                if (chunk >= 0)
                    flushChunk(chunk, k);
                chunk = -1;
                add({ k, k + bestLength, best->type, best->canonical, {}, 0.95, u"entity.project-lexicon"_s,
                    false });
                k += bestLength;
                continue;
            }
        }
        const Lexicon::Match match = m_lexicon.matchName(m_text, k);
        // a gazetteer name may reach past the capitalised run: "No 10"
        qsizetype lexiconEnd = match.entry ? k + match.length : k;
        // "Victoria Atkins", "Georgia Smith": a given name before a surname is no place
        if (match.entry && match.length == 1 && match.entry->type != u"ORG"_s
            && m_lexicon.isFirstName(word(k)) && k + 1 < end && isCapitalisedWord(k + 1)
            && !m_lexicon.matchName(m_text, k + 1).entry && !m_lexicon.orgWord(word(k + 1))
            && !isNonName(k + 1))
            lexiconEnd = k;
        // "Ana Lima", "Jack London": a one-word place after a lone given name is a surname
        const bool surname = chunk >= 0 && chunk == k - 1 && m_lexicon.isFirstName(word(k - 1))
            && (k + 1 >= end || !isCapitalisedWord(k + 1));
        if (surname && match.entry && match.length == 1 && match.entry->type != u"ORG"_s)
            lexiconEnd = k;
        end = std::max(end, lexiconEnd);
        const qsizetype patternEnd = orgPatternEnd(k, end);
        // "Tamil Nadu": a longer place name of worldplaces.tsv wins over "Tamil"
        if (const qsizetype placeEnd = worldPlaceEnd(k, end); placeEnd > lexiconEnd
            && placeEnd > orgPatternEnd(k, end) && !m_lexicon.isFirstName(word(k))
            && !(surname && placeEnd == k + 1)) {
            if (chunk >= 0)
                flushChunk(chunk, k);
            chunk = -1;
            add({ k, placeEnd, u"GPE"_s, {}, {}, 0.6, u"entity.world-place"_s, false });
            k = placeEnd;
            continue;
        }
        if (lexiconEnd > k && lexiconEnd < end && isTeamName(k, lexiconEnd + 1)) {
            const qsizetype teamEnd = lexiconEnd + 1;
            if (teamEnd == end || (!isCapitalisedWord(teamEnd) && !isApostropheToken(word(teamEnd)))) {
                if (chunk >= 0)
                    flushChunk(chunk, k);
                chunk = -1;
                add({ k, teamEnd, u"ORG"_s, {}, {}, 0.6, u"entity.place-team"_s, false });
                k = teamEnd;
                continue;
            }
        }
        if (lexiconEnd > k || patternEnd > k) {
            if (chunk >= 0)
                flushChunk(chunk, k);
            chunk = -1;
            if (lexiconEnd >= patternEnd) {
                const Lexicon::Entry &entry = *match.entry;
                add({ k, lexiconEnd, entry.type, entry.canonical, entry.country, 0.9, u"entity.gazetteer"_s,
                    false });
                k = lexiconEnd;
            } else {
                const Lexicon::OrgWord *head = m_lexicon.orgWord(m_text.tokenText(patternEnd - 1));
                // "Gulf of Aqaba", "Ministry of Transportation": the word before "of" tells the type
                if (!head || !head->atEnd)
                    head = m_lexicon.orgWord(m_text.tokenText(k));
                QString type = head ? head->type : u"ORG"_s;
                // "Batangas City", "Pasay City": a city named after its province or district
                if (word(patternEnd - 1) == u"City"_s && patternEnd - k >= 2
                    && m_lexicon.isWorldPlace(spanText(k, patternEnd - 1)))
                    type = u"GPE"_s;
                if (type != u"LAW"_s)
                    add({ k, patternEnd, type, {}, {}, 0.75, u"entity.organisation-word"_s, false });
                k = patternEnd;
            }
            continue;
        }
        const QStringView w = m_text.tokenText(k);
        // "Transport 2000": a title word before a number is a name
        const bool beforeNumber = k + 1 < end && m_text.tokens()[k + 1].kind == Token::Number;
        if (m_lexicon.isTitle(w) && !beforeNumber) {
            if (chunk >= 0)
                flushChunk(chunk, k);
            chunk = -1;
            ++k;
            continue;
        }
        if (chunk < 0 && (isNonName(k) || connectors().contains(w.toString()) || isApostropheToken(w))) {
            ++k;
            continue;
        }
        if (chunk < 0)
            chunk = k;
        ++k;
    }
    if (chunk >= 0)
        flushChunk(chunk, end);
    return end;
}

EntityAnalysis Builder::run()
{
    const qsizetype count = m_text.tokens().size();
    // "LAGOS, Nigeria —", "TRUTH OR CONSEQUENCES, N.M. —": a dateline names the place of the story
    QHash<qsizetype, qsizetype> datelines;
    for (const auto &[first, last] : m_text.paragraphs()) {
        const qsizetype end = datelineEnd(first, last);
        if (end > first) {
            datelines.insert(first, end);
            add({ first, end, u"GPE"_s, {}, {}, 0.7, u"entity.dateline"_s, false });
        }
    }
    qsizetype i = 0;
    while (i < count) {
        if (const qsizetype dateline = datelines.value(i, -1); dateline > i) {
            i = dateline;
            continue;
        }
        if (!isCapitalisedWord(i)) {
            ++i;
            continue;
        }
        qsizetype j = i + 1;
        while (j < count) {
            const QString w = word(j);
            const bool sameSentence = m_text.sentenceOf(j) == m_text.sentenceOf(i);
            if (!sameSentence)
                break;
            if (isCapitalisedWord(j)) {
                ++j;
                continue;
            }
            if ((connectors().contains(w) || particles().contains(w)) && isCapitalisedWord(j + 1)) {
                ++j;
                continue;
            }
            if ((w == u"-"_s || isApostropheToken(w)) && m_text.adjacent(j - 1, j) && isCapitalisedWord(j + 1)
                && (w != u"-"_s || m_text.adjacent(j, j + 1))) {
                ++j;
                continue;
            }
            // 'Ramon "Bong" Villanueva': a nickname in quotation marks between given name and surname
            if ((w == u"\""_s || w == u"\u201C"_s) && m_lexicon.isFirstName(word(j - 1))
                && isCapitalisedWord(j + 1) && (word(j + 2) == u"\""_s || word(j + 2) == u"\u201D"_s)
                && isCapitalisedWord(j + 3) && m_text.adjacent(j, j + 1) && m_text.adjacent(j + 1, j + 2)) {
                j += 4;
                continue;
            }
            // "M. A. Chidambaram Stadium", "J. K. Rowling": initials with full stops
            if (w == u"."_s && m_text.tokenText(j - 1).size() == 1 && isCapitalisedWord(j - 1)
                && m_text.adjacent(j - 1, j) && isCapitalisedWord(j + 1)
                && m_text.sentenceOf(j + 1) == m_text.sentenceOf(i)) {
                ++j;
                continue;
            }
            if (w == u"-"_s && isKoreanStyleGivenName(j)) {
                j += 2; // "Park Ji-hoon", "Lee Soo-yeon": a hyphenated given name in lower case after the
                        // hyphen
                continue;
            }
            // "Transport 2000", "Radio 4": a number that ends a name; not a score ("Ibáñez 6-4")
            if (m_text.tokens()[j].kind == Token::Number && m_text.tokenText(j).size() <= 4
                && (j + 1 >= count || (word(j + 1) != u"-"_s && word(j + 1) != u"\u2013"_s))
                && !m_lexicon.isNonName(m_text.tokenText(j - 1)) && isCapitalisedWord(j - 1)
                && !isSentenceInitial(j - 1) && !m_lexicon.matchName(m_text, j - 1).entry
                && !isAcronym(m_text.tokenText(j - 1))) {
                // "Transport 2000", "Radio 4": a number that ends a name
                ++j;
                break;
            }
            break;
        }
        i = std::max(j, scanRun(i, j));
    }

    // '"...," Tokayev said', '"...," said Okonkwo.': a lone name that speaks is a person even
    // where the article never gives the full name, unless it is the short form of another
    // name of the article ("Daehan said" after "Daehan Marine Logistics"): decided last
    for (Candidate &c : m_candidates)
        c.speaks = c.pending && c.type == u"PERSON"_s && c.last - c.first == 1 && isSpeaker(c.first);

    // Document level: one entity per name, surnames and acronyms joined to their full names.
    EntityAnalysis analysis;
    analysis.entityAtToken.fill(0, count);
    struct Group {
        QString key;
        QString type;
        QString name;
        QList<std::pair<qsizetype, qsizetype>> mentions;
        double confidence = 0;
        QString rule;
        QStringList roles;
        QString country;
    };
    QList<Group> groups;
    QHash<QString, qsizetype> groupByKey;
    QHash<QString, qsizetype> personByWord; // surname or given name -> person group
    auto text = [&](qsizetype first, qsizetype last) {
        const auto &tokens = m_text.tokens();
        return m_text.text().mid(tokens[first].start, tokens[last - 1].end - tokens[first].start);
    };
    auto addTo = [&](const QString &key, const Candidate &c) {
        qsizetype index = groupByKey.value(key, -1);
        if (index < 0) {
            index = groups.size();
            groupByKey.insert(key, index);
            groups.append({ key, c.type, c.canonical.isEmpty() ? text(c.first, c.last) : c.canonical, {}, 0,
                c.rule, {}, {} });
        }
        Group &group = groups[index];
        group.mentions.append({ c.first, c.last });
        group.confidence = std::max(group.confidence, c.confidence);
        if (group.type == u"PERSON"_s) {
            QString country;
            for (const QString &role : rolesBefore(c.first, &country) + rolesAfter(c.last)) {
                if (!group.roles.contains(role))
                    group.roles.append(role);
            }
            if (group.country.isEmpty())
                group.country = country;
        }
        return index;
    };
    // "Daehan Marine" after "Daehan Marine Logistics": an unexplained name that starts a longer
    // organisation, place or event name of the article is a short form of it
    {
        QHash<QString, const Candidate *> longNames;
        for (const Candidate &c : std::as_const(m_candidates)) {
            if (c.pending || c.type == u"PERSON"_s || c.type == u"NORP"_s || c.last - c.first < 2)
                continue;
            for (qsizetype e = c.first + 1; e < c.last; ++e)
                longNames.insert(text(c.first, e), &c);
        }
        for (Candidate &c : m_candidates) {
            const bool unexplained
                = c.type == u"PERSON"_s && (c.rule == u"entity.capitalised-name"_s || c.pending);
            // "Sao Mai" in "director of Sao Mai" after "Sao Mai Home Appliances"
            const bool guessedOrganisation = c.type == u"ORG"_s && c.canonical.isEmpty()
                && c.rule != u"entity.organisation-word"_s && c.rule != u"entity.gazetteer"_s;
            if (!unexplained && !guessedOrganisation)
                continue;
            const Candidate *full = longNames.value(text(c.first, c.last));
            if (!full || (guessedOrganisation && full->type != u"ORG"_s))
                continue;
            c.type = full->type;
            c.canonical = full->canonical.isEmpty() ? text(full->first, full->last) : full->canonical;
            c.rule = u"entity.short-form"_s;
            c.pending = false;
        }
    }
    // full names first, so that surnames find them
    for (const Candidate &c : std::as_const(m_candidates)) {
        if (c.pending || c.type != u"PERSON"_s || c.last - c.first < 2)
            continue;
        qsizetype index = -1;
        // "Tony Blair" and "Blair" first: a later "Tony Blair" joins by its surname
        const QString surname = word(c.last - 1);
        // "Orhan Karaca" is not "Emre Karaca": a surname joins only a name with the same given name
        const auto sameGivenName = [&](const Group &group) {
            const QString given = group.name.section(u' ', 0, 0);
            return !group.name.contains(u' ') || given == word(c.first);
        };
        // "Ferrer Ibáñez" after "Lucía Ferrer Ibáñez": a double surname names the same person
        qsizetype fuller = -1;
        for (qsizetype g = 0; g < groups.size() && fuller < 0; ++g) {
            if (groups[g].type == u"PERSON"_s && groups[g].name.endsWith(u' ' + text(c.first, c.last)))
                fuller = g;
        }
        if (fuller >= 0)
            index = addTo(groups[fuller].key, c);
        else if (personByWord.contains(surname) && groups[personByWord[surname]].name.endsWith(surname)
            && sameGivenName(groups[personByWord[surname]]))
            index = addTo(groups[personByWord[surname]].key, c);
        else
            index = addTo(text(c.first, c.last), c);
        if (!personByWord.contains(surname))
            personByWord.insert(surname, index);
        if (!personByWord.contains(word(c.first)))
            personByWord.insert(word(c.first), index);
        Group &group = groups[index];
        if (text(c.first, c.last).size() > group.name.size())
            group.name = text(c.first, c.last);
    }
    for (const Candidate &c : std::as_const(m_candidates)) {
        if (c.type == u"PERSON"_s && c.last - c.first >= 2 && !c.pending)
            continue;
        const QString name = text(c.first, c.last);
        if (c.type == u"PERSON"_s && personByWord.contains(name)) {
            addTo(groups[personByWord[name]].key, c);
            continue;
        }
        if (c.pending || c.rule == u"entity.place-after-preposition"_s)
            continue;
        if (c.type == u"PERSON"_s) {
            const qsizetype index = addTo(name, c);
            personByWord.insert(name, index);
            continue;
        }
        const QString key = c.canonical.isEmpty() ? name : c.canonical;
        addTo(c.type + u'|' + key, c);
    }
    // pending lone words: a name the article uses elsewhere ("Putin" after "Vladimir Putin")
    QHash<QString, qsizetype> groupByMention;
    for (qsizetype g = 0; g < groups.size(); ++g) {
        for (const auto &[first, last] : groups[g].mentions)
            groupByMention.insert(text(first, last), g);
    }
    // and the first word of an organisation's name ("Alphabet" after "Alphabet Inc")
    for (qsizetype g = 0; g < groups.size(); ++g) {
        if (groups[g].type == u"ORG"_s && !groups[g].mentions.isEmpty()) {
            const auto &[first, last] = groups[g].mentions.first();
            if (last - first >= 2 && !groupByMention.contains(word(first))
                && !m_lexicon.isNonName(word(first)) && !m_lexicon.orgWord(word(first)))
                groupByMention.insert(word(first), g);
            // and the plural name of a team ("the Sharks" after "Cebu Sharks")
            if (last - first >= 2 && isTeamName(first, last) && !groupByMention.contains(word(last - 1)))
                groupByMention.insert(word(last - 1), g);
        }
    }
    // "the Monetary Policy Committee (Copom)": a name in brackets after an organisation is its short name
    QHash<qsizetype, qsizetype> organisationEndingAt;
    for (qsizetype g = 0; g < groups.size(); ++g) {
        if (groups[g].type == u"ORG"_s) {
            for (const auto &[first, last] : groups[g].mentions)
                organisationEndingAt.insert(last, g);
        }
    }
    for (const Candidate &c : std::as_const(m_candidates)) {
        const bool weakPlace = c.rule == u"entity.place-after-preposition"_s;
        if (!c.pending && !weakPlace)
            continue;
        const QString name = text(c.first, c.last);
        qsizetype g = personByWord.contains(name) ? personByWord[name] : groupByMention.value(name, -1);
        if (g < 0 && c.first >= 2 && word(c.first - 1) == u"("_s && c.last < count && word(c.last) == u")"_s
            && organisationEndingAt.contains(c.first - 1)) {
            g = organisationEndingAt.value(c.first - 1);
            groupByMention.insert(name, g);
        }
        if (g >= 0) {
            groups[g].mentions.append({ c.first, c.last });
        } else if (weakPlace) {
            addTo(c.type + u'|' + name, c); // "injured in Mykolaiv": a place unless named otherwise
        } else if (c.speaks) {
            Candidate speaker = c;
            speaker.rule = u"entity.speaker-name"_s;
            const qsizetype index = addTo(name, speaker);
            personByWord.insert(name, index);
        }
    }
    // acronyms: "BA" for British Airways, "SA" for South Africa, "PCS" for the Public and
    // Commercial Services Union
    for (qsizetype g = 0; g < groups.size(); ++g) {
        Group &acronym = groups[g];
        if (acronym.mentions.isEmpty() || acronym.type != u"ORG"_s)
            continue;
        const QString letters = text(acronym.mentions.first().first, acronym.mentions.first().second);
        if (!isAcronym(letters))
            continue;
        for (qsizetype h = 0; h < groups.size(); ++h) {
            if (h == g || groups[h].mentions.isEmpty() || groups[h].type == u"PERSON"_s
                || groups[h].type == u"NORP"_s)
                continue;
            QString initials;
            QString initialsWithoutLast;
            const auto &[first, last] = groups[h].mentions.first();
            if (last - first < 2)
                continue;
            for (qsizetype t = first; t < last; ++t) {
                if (isCapitalisedWord(t)) {
                    initialsWithoutLast = initials;
                    initials += m_text.tokenText(t).at(0);
                }
            }
            if (initials == letters || initialsWithoutLast == letters) {
                groups[h].mentions += acronym.mentions;
                acronym.mentions.clear();
                break;
            }
        }
    }
    // every other occurrence of a found name is a mention too (sentence starts, headlines)
    QList<bool> covered(count, false);
    QHash<QString, QList<qsizetype>> positions;
    for (const Group &group : std::as_const(groups)) {
        for (const auto &[first, last] : group.mentions)
            std::fill(covered.begin() + first, covered.begin() + last, true);
    }
    for (qsizetype g = 0; g < groups.size(); ++g) {
        QSet<QString> forms;
        for (const auto &[first, last] : groups[g].mentions) {
            forms.insert(text(first, last));
            // "LAGOS" in a dateline and "Lagos" in the story
            if (groups[g].rule == u"entity.dateline"_s)
                forms.insert(titleCase(text(first, last)));
            // a person's surname alone ("Tokayev pointed out") names them too
            if (groups[g].type == u"PERSON"_s && last - first >= 2 && isCapitalisedWord(last - 1))
                forms.insert(word(last - 1));
        }
        if (positions.isEmpty()) {
            // where each capitalised word occurs: the sweep looks names up instead of scanning
            for (qsizetype t = 0; t < count; ++t) {
                if (m_text.tokens()[t].kind != Token::Punct
                    && m_text.text().at(m_text.tokens()[t].start).isUpper())
                    positions[word(t)].append(t);
            }
        }
        for (const QString &form : std::as_const(forms)) {
            const TextAnalysis pattern(form);
            const qsizetype length = pattern.tokens().size();
            if (length == 0)
                continue;
            for (qsizetype t : positions.value(pattern.tokenText(0).toString())) {
                if (covered[t] || t + length > count)
                    continue;
                bool equal = true;
                for (qsizetype k = 1; k < length && equal; ++k)
                    equal = !covered[t + k] && m_text.tokenText(t + k) == pattern.tokenText(k);
                // not inside a longer capitalised name
                if (!equal
                    || (t + length < count && isCapitalisedWord(t + length) && groups[g].type != u"NORP"_s
                        && m_text.sentenceOf(t + length) == m_text.sentenceOf(t)
                        && !m_lexicon.isNonName(m_text.tokenText(t + length))))
                    continue;
                groups[g].mentions.append({ t, t + length });
                std::fill(covered.begin() + t, covered.begin() + t + length, true);
            }
        }
    }

    if (m_project) {
        // a suggestion the analysts rejected is not made again for the same text
        for (Group &group : groups) {
            group.mentions.removeIf([&](const std::pair<qsizetype, qsizetype> &m) {
                return m_project->isRejectedEntity(text(m.first, m.second), group.type);
            });
        }
    }
    QList<qsizetype> order;
    for (qsizetype g = 0; g < groups.size(); ++g) {
        if (!groups[g].mentions.isEmpty()) {
            std::sort(groups[g].mentions.begin(), groups[g].mentions.end());
            groups[g].mentions.erase(
                std::unique(groups[g].mentions.begin(), groups[g].mentions.end()), groups[g].mentions.end());
            order.append(g);
        }
    }
    std::sort(order.begin(), order.end(),
        [&](qsizetype a, qsizetype b) { return groups[a].mentions.first() < groups[b].mentions.first(); });
    const auto &tokens = m_text.tokens();
    for (qsizetype g : std::as_const(order)) {
        const Group &group = groups[g];
        Entity entity;
        entity.id = analysis.entities.size() + 1;
        entity.name = group.name;
        entity.type = group.type;
        entity.provenance.status = AnnotationStatus::Auto;
        entity.provenance.confidence = group.confidence;
        entity.provenance.rule = group.rule;
        for (const auto &[first, last] : group.mentions) {
            Mention mention;
            mention.id = entity.mentions.size() + 1;
            mention.entityId = entity.id;
            mention.span = { tokens[first].start, tokens[last - 1].end };
            mention.provenance = entity.provenance;
            entity.mentions.append(mention);
            for (qsizetype t = first; t < last; ++t)
                analysis.entityAtToken[t] = entity.id;
        }
        if (!group.roles.isEmpty())
            analysis.roles.insert(entity.id, group.roles);
        if (group.type == u"PERSON"_s) {
            if (const char gender = genderOf(group.name, group.roles))
                analysis.genders.insert(entity.id, gender);
        }
        if (!group.country.isEmpty())
            analysis.countries.insert(entity.id, group.country);
        analysis.entities.append(entity);
    }
    // a person whose gender no title or given name tells: the pronoun that follows their name
    // ("Kehinde Oladipo, a trader, said she had paid"), before any other person is named
    for (const Entity &entity : std::as_const(analysis.entities)) {
        if (entity.type != u"PERSON"_s || analysis.genders.contains(entity.id))
            continue;
        int votes = 0;
        for (const Mention &mention : entity.mentions) {
            const qsizetype last = m_text.tokenAt(mention.span.end - 1);
            if (last < 0)
                continue;
            const qsizetype sentence = m_text.sentenceOf(last);
            for (qsizetype t = last + 1; t < count && t <= last + 40 && m_text.sentenceOf(t) <= sentence + 1;
                ++t) {
                const RecordId other = analysis.entityAtToken[t];
                if (other && other != entity.id && analysis.entities[other - 1].type == u"PERSON"_s)
                    break;
                const QString w = word(t).toLower();
                if (w == u"he"_s || w == u"his"_s || w == u"him"_s || w == u"himself"_s) {
                    --votes;
                    break;
                }
                if (w == u"she"_s || w == u"her"_s || w == u"hers"_s || w == u"herself"_s) {
                    ++votes;
                    break;
                }
            }
        }
        if (votes)
            analysis.genders.insert(entity.id, votes > 0 ? 'f' : 'm');
    }
    return analysis;
}

} // namespace

const Entity *EntityAnalysis::entity(RecordId id) const
{
    if (id <= 0 || id > entities.size())
        return nullptr;
    return &entities[id - 1];
}

EntityAnalysis EntityExtractor::extract(const TextAnalysis &text, const ProjectLexicon *project)
{
    return Builder(text, project).run();
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/lexicon.h"

#include <QFile>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

QStringList dataLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("Byline: missing resource %s", qPrintable(path));
    QStringList lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QString text = QString::fromUtf8(line).trimmed();
        if (!text.isEmpty() && !text.startsWith(u'#'))
            lines.append(text);
    }
    return lines;
}

} // namespace

const Lexicon &Lexicon::instance()
{
    static const Lexicon lexicon;
    return lexicon;
}

Lexicon::Lexicon()
{
    const QString base = u":/byline/extraction/"_s;
    for (const char *file :
        { "countries.tsv", "subdivisions.tsv", "places.tsv", "demonyms.tsv", "organisations.tsv" })
        loadNames(base + QLatin1StringView(file));
    loadCues(base + u"cues.tsv"_s);
    for (const QString &line : dataLines(base + u"titles.txt"_s))
        m_titles.insert(line.toLower());
    for (const QString &line : dataLines(base + u"firstnames.txt"_s)) {
        for (const QString &word : line.split(u' ', Qt::SkipEmptyParts))
            m_firstNames.insert(word);
    }
    for (const QString &line : dataLines(base + u"femalenames.txt"_s)) {
        for (const QString &word : line.split(u' ', Qt::SkipEmptyParts)) {
            m_femaleNames.insert(word);
            m_firstNames.insert(word);
        }
    }
    for (const QString &line : dataLines(base + u"worldplaces.tsv"_s))
        m_worldPlaces.insert(line.section(u'\t', 0, 0));
    for (const QString &line : dataLines(base + u"unisexnames.txt"_s)) {
        for (const QString &word : line.split(u' ', Qt::SkipEmptyParts)) {
            m_unisexNames.insert(word);
            m_firstNames.insert(word);
        }
    }
    for (const QString &line : dataLines(base + u"nonnames.txt"_s)) {
        for (const QString &word : line.split(u' ', Qt::SkipEmptyParts))
            m_nonNames.insert(word);
    }
    for (const QString &line : dataLines(base + u"currencies.tsv"_s)) {
        const QString code = line.section(u'\t', 0, 0);
        m_currencyCodes.insert(code);
        m_nonNames.insert(code);
    }
    for (const QString &line : dataLines(base + u"orgwords.tsv"_s)) {
        const QStringList fields = line.split(u'\t');
        if (fields.size() < 3)
            continue;
        const QString &position = fields[2];
        m_orgWords.insert(fields[0], { fields[1], position != u"start"_s, position != u"end"_s });
    }
}

QStringList Lexicon::splitWords(const QString &phrase)
{
    const TextAnalysis analysis(phrase);
    QStringList words;
    for (qsizetype i = 0; i < analysis.tokens().size(); ++i)
        words.append(analysis.tokenText(i).toString());
    return words;
}

void Lexicon::loadNames(const QString &path)
{
    for (const QString &line : dataLines(path)) {
        const QStringList fields = line.split(u'\t');
        if (fields.size() < 2)
            continue;
        Entry entry;
        QString name = fields[0];
        if (name.startsWith(u"the "_s)) {
            entry.needsThe = true;
            name = name.mid(4);
        }
        entry.words = splitWords(name);
        if (entry.words.isEmpty())
            continue;
        entry.type = fields[1];
        entry.canonical = fields.value(2, name);
        entry.country = fields.value(3);
        if (entry.type == u"GPE"_s)
            m_countryOf.insert(entry.canonical, entry.canonical);
        if (!entry.country.isEmpty())
            m_countryOf.insert(entry.canonical, entry.country);
        m_names[entry.words.first()].append(entry);
    }
}

void Lexicon::loadCues(const QString &path)
{
    static const QHash<QString, CueClass> classes {
        { u"say"_s, CueClass::Say },
        { u"tell"_s, CueClass::Tell },
        { u"urge"_s, CueClass::Urge },
        { u"think"_s, CueClass::Think },
        { u"according"_s, CueClass::According },
        { u"noun"_s, CueClass::Noun },
    };
    for (const QString &line : dataLines(path)) {
        const QStringList fields = line.split(u'\t');
        if (fields.size() < 2)
            continue;
        const CueClass cueClass = classes.value(fields[0], CueClass::None);
        for (const QString &form : fields[1].split(u'|', Qt::SkipEmptyParts)) {
            const QStringList words = form.split(u' ', Qt::SkipEmptyParts);
            auto &list = m_cues[words.first()];
            const bool known = std::any_of(
                list.cbegin(), list.cend(), [&](const auto &cue) { return cue.first == words; });
            if (!known)
                list.append({ words, cueClass });
        }
    }
}

Lexicon::Match Lexicon::matchName(const TextAnalysis &text, qsizetype index) const
{
    Match best;
    QString first = text.tokenText(index).toString();
    auto it = m_names.constFind(first);
    if (it == m_names.cend() && first.size() > 2 && first == first.toUpper()) {
        // datelines: "WASHINGTON -", "SAN FRANCISCO (Reuters) -"
        first = first.at(0) + first.mid(1).toLower();
        it = m_names.constFind(first);
        if (it == m_names.cend())
            return best;
        for (const Entry &entry : *it) {
            const qsizetype length = entry.words.size();
            if (length <= best.length || entry.needsThe || index + length > text.tokens().size())
                continue;
            bool equal = true;
            for (qsizetype k = 1; k < length && equal; ++k) {
                const QStringView word = text.tokenText(index + k);
                equal = word == word.toString().toUpper()
                    && word.compare(entry.words[k], Qt::CaseInsensitive) == 0;
            }
            if (equal)
                best = { &entry, length };
        }
        return best;
    }
    if (it == m_names.cend())
        return best;
    const qsizetype count = text.tokens().size();
    for (const Entry &entry : *it) {
        const qsizetype length = entry.words.size();
        if (length <= best.length || index + length > count)
            continue;
        bool equal = true;
        for (qsizetype k = 1; k < length && equal; ++k)
            equal = text.tokenText(index + k) == entry.words[k];
        if (!equal)
            continue;
        if (entry.needsThe) {
            if (index == 0 || text.tokenText(index - 1).compare(u"the"_s, Qt::CaseInsensitive) != 0)
                continue;
        }
        best = { &entry, length };
    }
    return best;
}

Lexicon::Cue Lexicon::matchCue(const TextAnalysis &text, qsizetype index) const
{
    Cue best;
    if (text.tokens().at(index).kind != Token::Word)
        return best;
    const QString first = text.tokenText(index).toString().toLower();
    const auto it = m_cues.constFind(first);
    if (it == m_cues.cend())
        return best;
    const qsizetype count = text.tokens().size();
    for (const auto &[words, cueClass] : *it) {
        const qsizetype length = words.size();
        if (length <= best.length || index + length > count)
            continue;
        bool equal = true;
        for (qsizetype k = 1; k < length && equal; ++k)
            equal = text.tokenText(index + k).compare(words[k], Qt::CaseInsensitive) == 0;
        if (equal)
            best = { cueClass, length, first.endsWith(u"ing"_s) };
    }
    return best;
}

char Lexicon::genderOf(QStringView firstName) const
{
    // names both women and men carry in the news (unisexnames.txt)
    const QString name = firstName.toString();
    if (m_unisexNames.contains(name))
        return 0;
    if (m_femaleNames.contains(name))
        return 'f';
    return m_firstNames.contains(name) ? 'm' : 0;
}

const Lexicon::OrgWord *Lexicon::orgWord(QStringView word) const
{
    const auto it = m_orgWords.constFind(word.toString());
    return it == m_orgWords.cend() ? nullptr : &*it;
}

char Lexicon::genderOfName(QStringView name) const
{
    const QList<QStringView> words = name.split(u' ', Qt::SkipEmptyParts);
    // the surname (last word) tells nothing, unless it is the only word
    const qsizetype given = words.size() > 1 ? words.size() - 1 : words.size();
    for (qsizetype i = 0; i < given; ++i) {
        if (words[i] == u"Thị"_s || words[i] == u"bint"_s)
            return 'f';
        if (words[i] == u"Văn"_s || words[i] == u"bin"_s || words[i] == u"ibn"_s)
            return 'm';
    }
    for (qsizetype i = 0; i < given; ++i) {
        if (const char gender = genderOf(words[i]))
            return gender;
    }
    return 0;
}

} // namespace Byline

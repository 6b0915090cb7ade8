// SPDX-License-Identifier: GPL-3.0-or-later
#include "suggester.h"

#include "projectlexiconbuilder.h"
#include "readbeside.h"
#include "store.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString descriptionKey(QStringView text)
{
    return text.toString().simplified().toLower();
}

// A description names nobody by itself: it starts with an article or a possessive
// determiner ("the president", "its chief executive"), never with a name.
bool isDescription(const QString &key)
{
    for (const auto determiner :
        { "the "_L1, "a "_L1, "an "_L1, "its "_L1, "his "_L1, "her "_L1, "their "_L1 }) {
        if (key.startsWith(determiner))
            return true;
    }
    return false;
}

} // namespace

Suggester Suggester::forProject(const Store &store)
{
    // Quotes an analyst made, accepted or corrected, whose source is a description: read beside
    // the lexicon.
    using Descriptions = QList<std::pair<QString, QString>>;
    ReadBeside<Descriptions> descriptions(store, [](const Store &reader) {
        Descriptions found;
        QSqlQuery query(reader.database());
        query.setForwardOnly(true);
        if (query.exec(
                u"SELECT DISTINCT substr(a.text, q.source_start + 1, q.source_end - q.source_start),"
                " e.name FROM quotes q JOIN articles a ON a.id = q.article_id"
                " JOIN entities e ON e.id = q.speaker_id"
                " WHERE q.source_start IS NOT NULL AND q.status IN ('accepted', 'edited', 'manual')"_s)) {
            while (query.next())
                found.append({ query.value(0).toString(), query.value(1).toString() });
        }
        return found;
    });
    Suggester suggester;
    suggester.m_extractor.setProjectLexicon(projectLexicon(store));
    for (const auto &[description, speaker] : descriptions.get())
        suggester.addSpeakerDescription(description, speaker);
    return suggester;
}

void Suggester::addSpeakerDescription(const QString &description, const QString &speakerName)
{
    const QString key = descriptionKey(description);
    if (isDescription(key))
        m_speakerByDescription.insert(key, speakerName);
}

AnnotationSet Suggester::suggest(const QString &text) const
{
    AnnotationSet suggestions = m_extractor.extract(text);
    if (m_speakerByDescription.isEmpty())
        return suggestions;
    for (Quote &quote : suggestions.quotes) {
        const auto confirmed = m_speakerByDescription.constFind(descriptionKey(textOf(text, quote.source)));
        if (quote.source.isNull() || confirmed == m_speakerByDescription.cend())
            continue;
        // Only when this article names that speaker: a description alone creates nobody.
        for (const Entity &entity : std::as_const(suggestions.entities)) {
            if (entity.name.compare(*confirmed, Qt::CaseInsensitive) == 0) {
                quote.speakerId = entity.id;
                quote.provenance.rule = u"speaker.confirmed-description"_s;
                break;
            }
        }
    }
    return suggestions;
}

} // namespace Byline

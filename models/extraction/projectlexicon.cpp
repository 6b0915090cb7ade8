// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/projectlexicon.h"

#include "extraction/textanalysis.h"

namespace Byline {

void ProjectLexicon::addName(const QString &text, const QString &type, const QString &canonical)
{
    const QString name = text.simplified();
    if (name.isEmpty() || type.isEmpty())
        return;
    const TextAnalysis analysis(name);
    if (analysis.tokens().isEmpty())
        return;
    QStringList words;
    for (qsizetype i = 0; i < analysis.tokens().size(); ++i)
        words.append(analysis.tokenText(i).toString());
    m_namesByFirstWord[words.first()].append({ words, m_names.size() });
    m_names.append({ name, type, canonical.isEmpty() ? name : canonical });
}

void ProjectLexicon::rejectEntity(const QString &text, const QString &type)
{
    m_rejectedEntities.insert(type + u'\x1f' + text.simplified());
}

void ProjectLexicon::rejectQuote(const QString &content)
{
    m_rejectedQuotes.insert(content.simplified());
}

void ProjectLexicon::rejectFigure(const QString &span)
{
    m_rejectedFigures.insert(span.simplified());
}

void ProjectLexicon::addCue(const QString &form)
{
    const QStringList words = form.toLower().split(u' ', Qt::SkipEmptyParts);
    if (!words.isEmpty())
        m_cues[words.first()].append(words);
}

bool ProjectLexicon::isEmpty() const
{
    return m_names.isEmpty() && m_rejectedEntities.isEmpty() && m_rejectedQuotes.isEmpty()
        && m_rejectedFigures.isEmpty() && m_cues.isEmpty();
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Byline {

/// What a project's analysts taught the extractors: names they accepted or added (found
/// again, with their type, in the next article), suggestions they rejected (not made again
/// for the same text) and speech cues they confirmed. The application fills it from the
/// project store, weighing rejections against confirmations (projectLexicon()); the
/// extractors only read it.
class ProjectLexicon final {
public:
    struct Name {
        QString text;
        QString type;
        QString canonical; ///< the entity name the mention belongs to
    };

    void addName(const QString &text, const QString &type, const QString &canonical = {});
    void rejectEntity(const QString &text, const QString &type);
    void rejectQuote(const QString &content);
    void rejectFigure(const QString &span);
    void addCue(const QString &form);

    /// A name as the words the extractors' tokens are compared with.
    struct NameWords {
        QStringList words;
        qsizetype name; ///< in names()
    };

    bool isEmpty() const;
    const QList<Name> &names() const { return m_names; }
    /// The names by their first word, each as its words, in the order they were added: made once
    /// here, since a corpus's lexicon holds tens of thousands of names and every article looks
    /// its capitalised words up in it.
    const QHash<QString, QList<NameWords>> &namesByFirstWord() const { return m_namesByFirstWord; }
    bool isRejectedEntity(const QString &text, const QString &type) const
    {
        return m_rejectedEntities.contains(type + u'\x1f' + text);
    }
    bool isRejectedQuote(const QString &content) const
    {
        return m_rejectedQuotes.contains(content.simplified());
    }
    bool isRejectedFigure(const QString &span) const { return m_rejectedFigures.contains(span.simplified()); }
    /// Analyst cues by their first word (lower case), each as its words.
    const QHash<QString, QList<QStringList>> &cues() const { return m_cues; }

private:
    QList<Name> m_names;
    QHash<QString, QList<NameWords>> m_namesByFirstWord;
    QSet<QString> m_rejectedEntities;
    QSet<QString> m_rejectedQuotes;
    QSet<QString> m_rejectedFigures;
    QHash<QString, QList<QStringList>> m_cues;
};

} // namespace Byline

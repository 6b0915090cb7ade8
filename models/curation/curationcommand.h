// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QUndoCommand>

namespace Byline {

class Document;

/// One curation step (accept a version, accept every agreed unit, reject, merge), as one undo step
/// written in one store transaction: curated records it replaces go, their new versions come.
///
/// New curated mentions go to a curated entity of the same name and type, made in the same step
/// where there is none yet; a quote's speaker likewise. A curated entity left without mentions and
/// without quotes that name it goes with its last mention. Ids are kept from the first redo on, so
/// that redo brings back the same records. A write that fails rolls the whole step back, reads the
/// article again and leaves the command obsolete.
class CurationCommand final : public QUndoCommand {
public:
    CurationCommand(Document *document, RecordId articleId, const QString &text);

    // What the step does, said before it is pushed.
    void removeEntity(const Entity &entity);
    void removeMention(const Mention &mention);
    void removeQuote(const Quote &quote);
    void removeFigure(const Figure &figure);
    /// A new curated entity (with its mentions); returns its index for addQuote()'s speaker.
    int addEntity(const Entity &entity);
    /// A mention of a curated entity that the step makes (addEntity()).
    void addMentionToNew(int newEntity, const Mention &mention);
    /// A mention of a curated entity that already exists.
    void addMention(const Mention &mention);
    /// A quote whose speaker is quote.speakerId, or with newSpeaker >= 0 an entity the step makes.
    void addQuote(const Quote &quote, int newSpeaker = -1);
    void addFigure(const Figure &figure);

    bool isEmpty() const;
    /// The new entities planned so far, for finding one to add to.
    const QList<Entity> &newEntities() const { return m_newEntities; }

    void redo() override;
    void undo() override;

private:
    bool apply();
    bool revert();
    void finish(bool ok);

    Document *m_document;
    RecordId m_articleId;
    QList<Entity> m_removedEntities; ///< with their mentions, to bring them back
    QList<Mention> m_removedMentions;
    QList<Quote> m_removedQuotes;
    QList<Figure> m_removedFigures;
    QList<Entity> m_newEntities;
    QList<Mention> m_newMentions;
    QList<Quote> m_newQuotes;
    QList<int> m_newQuoteSpeakers; ///< per new quote: index into m_newEntities, or -1
    QList<Figure> m_newFigures;
};

} // namespace Byline

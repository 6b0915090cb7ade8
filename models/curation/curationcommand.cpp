// SPDX-License-Identifier: GPL-3.0-or-later
#include "curation/curationcommand.h"

#include "document.h"

namespace Byline {

CurationCommand::CurationCommand(Document *document, RecordId articleId, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_articleId(articleId)
{
}

void CurationCommand::removeEntity(const Entity &entity)
{
    m_removedEntities.append(entity);
}

void CurationCommand::removeMention(const Mention &mention)
{
    m_removedMentions.append(mention);
}

void CurationCommand::removeQuote(const Quote &quote)
{
    m_removedQuotes.append(quote);
}

void CurationCommand::removeFigure(const Figure &figure)
{
    m_removedFigures.append(figure);
}

int CurationCommand::addEntity(const Entity &entity)
{
    m_newEntities.append(entity);
    return int(m_newEntities.size() - 1);
}

void CurationCommand::addMentionToNew(int newEntity, const Mention &mention)
{
    m_newEntities[newEntity].mentions.append(mention);
}

void CurationCommand::addMention(const Mention &mention)
{
    m_newMentions.append(mention);
}

void CurationCommand::addQuote(const Quote &quote, int newSpeaker)
{
    m_newQuotes.append(quote);
    m_newQuoteSpeakers.append(newSpeaker);
}

void CurationCommand::addFigure(const Figure &figure)
{
    m_newFigures.append(figure);
}

bool CurationCommand::isEmpty() const
{
    return m_removedEntities.isEmpty() && m_removedMentions.isEmpty() && m_removedQuotes.isEmpty()
        && m_removedFigures.isEmpty() && m_newEntities.isEmpty() && m_newMentions.isEmpty()
        && m_newQuotes.isEmpty() && m_newFigures.isEmpty();
}

// Quotes go before the entities that may speak them; entities come back before their quotes.
bool CurationCommand::apply()
{
    Document &document = *m_document;
    for (const Quote &quote : std::as_const(m_removedQuotes)) {
        if (!document.remove(quote))
            return false;
    }
    for (const Figure &figure : std::as_const(m_removedFigures)) {
        if (!document.remove(figure))
            return false;
    }
    for (const Mention &mention : std::as_const(m_removedMentions)) {
        if (!document.remove(mention))
            return false;
    }
    for (const Entity &entity : std::as_const(m_removedEntities)) {
        if (!document.remove(entity))
            return false;
    }
    for (Entity &entity : m_newEntities) {
        if (!document.insert(entity))
            return false;
    }
    for (Mention &mention : m_newMentions) {
        if (!document.insert(mention))
            return false;
    }
    for (qsizetype i = 0; i < m_newQuotes.size(); ++i) {
        if (m_newQuoteSpeakers[i] >= 0)
            m_newQuotes[i].speakerId = m_newEntities[m_newQuoteSpeakers[i]].id;
        if (!document.insert(m_newQuotes[i]))
            return false;
    }
    for (Figure &figure : m_newFigures) {
        if (!document.insert(figure))
            return false;
    }
    return true;
}

bool CurationCommand::revert()
{
    Document &document = *m_document;
    for (const Quote &quote : std::as_const(m_newQuotes)) {
        if (!document.remove(quote))
            return false;
    }
    for (const Figure &figure : std::as_const(m_newFigures)) {
        if (!document.remove(figure))
            return false;
    }
    for (const Mention &mention : std::as_const(m_newMentions)) {
        if (!document.remove(mention))
            return false;
    }
    for (const Entity &entity : std::as_const(m_newEntities)) {
        if (!document.remove(entity))
            return false;
    }
    for (Entity &entity : m_removedEntities) {
        if (!document.insert(entity))
            return false;
    }
    for (Mention &mention : m_removedMentions) {
        if (!document.insert(mention))
            return false;
    }
    for (Quote &quote : m_removedQuotes) {
        if (!document.insert(quote))
            return false;
    }
    for (Figure &figure : m_removedFigures) {
        if (!document.insert(figure))
            return false;
    }
    return true;
}

void CurationCommand::redo()
{
    if (!m_document->showArticle(m_articleId)) {
        setObsolete(true);
        return;
    }
    bool ok = false;
    {
        Store::Transaction transaction(m_document->store());
        ok = transaction.isOpen() && apply() && transaction.commit();
    }
    finish(ok);
}

void CurationCommand::undo()
{
    if (!m_document->showArticle(m_articleId)) {
        setObsolete(true);
        return;
    }
    bool ok = false;
    {
        Store::Transaction transaction(m_document->store());
        ok = transaction.isOpen() && revert() && transaction.commit();
    }
    finish(ok);
}

// A failed step was rolled back in the store (when its transaction went) but partly applied to the
// document's copy: read the article again so that both agree.
void CurationCommand::finish(bool ok)
{
    if (ok)
        return;
    setObsolete(true);
    m_document->reloadAnnotations();
}

} // namespace Byline

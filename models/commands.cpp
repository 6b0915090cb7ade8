// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "document.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUndoStack>

#include <utility>

namespace Byline {

template<typename Record>
InsertCommand<Record>::InsertCommand(
    Document *document, Record record, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_record(std::move(record))
{
}

template<typename Record> void InsertCommand<Record>::redo()
{
    // The first redo assigns the id; later ones reuse it, so commands further up the
    // stack that refer to this record stay valid.
    if (!m_document->insert(m_record))
        setObsolete(true);
}

template<typename Record> void InsertCommand<Record>::undo()
{
    if (!m_document->remove(m_record))
        setObsolete(true);
}

template<typename Record>
RemoveCommand<Record>::RemoveCommand(
    Document *document, Record record, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_record(std::move(record))
{
}

template<typename Record> void RemoveCommand<Record>::redo()
{
    if (!m_document->remove(m_record))
        setObsolete(true);
}

template<typename Record> void RemoveCommand<Record>::undo()
{
    if (!m_document->insert(m_record))
        setObsolete(true);
}

template<typename Record>
ChangeCommand<Record>::ChangeCommand(
    Document *document, Record before, Record after, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_topLevel(parent == nullptr)
{
}

template<typename Record> void ChangeCommand<Record>::redo()
{
    if (m_document->update(m_after))
        return;
    // Another client changed the record first. A step of its own stays on the stack as one to
    // redo, so that what the analyst typed is not lost: Redo writes it over the current state.
    // The stack is stepped back once push() or redo() has returned.
    if (!m_topLevel || !m_document->lastWriteConflicted()) {
        setObsolete(true);
        return;
    }
    m_refused = true;
    QUndoStack *stack = m_document->undoStack();
    QTimer::singleShot(0, stack, [stack, this] {
        if (stack->index() > 0 && stack->command(stack->index() - 1) == this)
            stack->undo();
    });
}

template<typename Record> void ChangeCommand<Record>::undo()
{
    // A refused change wrote nothing: the document already shows what is stored.
    if (std::exchange(m_refused, false))
        return;
    if (!m_document->update(m_before))
        setObsolete(true);
}

ArticleStatusCommand::ArticleStatusCommand(
    Document *document, RecordId articleId, ArticleStatus before, ArticleStatus after)
    : QUndoCommand(QCoreApplication::translate("Byline::Commands", "Mark article %1").arg(toString(after)))
    , m_document(document)
    , m_articleId(articleId)
    , m_before(before)
    , m_after(after)
{
}

// Marking an article done opens the next one; undoing it goes back to the article, as
// undoing an annotation shows its article.
void ArticleStatusCommand::redo()
{
    if (!m_document->showArticle(m_articleId) || !m_document->setArticleStatus(m_articleId, m_after))
        setObsolete(true);
}

void ArticleStatusCommand::undo()
{
    if (!m_document->showArticle(m_articleId) || !m_document->setArticleStatus(m_articleId, m_before))
        setObsolete(true);
}

void AllOrNothingCommand::redo()
{
    for (int i = 0; i < childCount(); ++i) {
        if (!run(i, &QUndoCommand::redo)) {
            for (int done = i - 1; done >= 0; --done)
                run(done, &QUndoCommand::undo);
            setObsolete(true);
            return;
        }
    }
}

void AllOrNothingCommand::undo()
{
    for (int i = childCount() - 1; i >= 0; --i) {
        if (!run(i, &QUndoCommand::undo)) {
            for (int done = i + 1; done < childCount(); ++done)
                run(done, &QUndoCommand::redo);
            setObsolete(true);
            return;
        }
    }
}

bool AllOrNothingCommand::run(int index, void (QUndoCommand::*step)())
{
    auto *command = const_cast<QUndoCommand *>(child(index));
    (command->*step)();
    return !command->isObsolete();
}

std::unique_ptr<QUndoCommand> makeRemoveEntityCommand(Document *document, const Entity &entity)
{
    auto command = std::make_unique<AllOrNothingCommand>(
        QCoreApplication::translate("Byline::Commands", "Delete entity %1").arg(entity.name));
    // Children run in order on redo and backwards on undo: speakers are cleared before the
    // entity goes and set again after it is back.
    for (const Quote &quote : document->annotations().quotes) {
        if (quote.speakerId != entity.id)
            continue;
        Quote cleared = quote;
        cleared.speakerId = 0;
        new ChangeCommand<Quote>(document, quote, cleared, QString(), command.get());
    }
    new RemoveCommand<Entity>(document, entity, QString(), command.get());
    return command;
}

template class InsertCommand<Entity>;
template class InsertCommand<Mention>;
template class InsertCommand<Quote>;
template class InsertCommand<Figure>;
template class RemoveCommand<Entity>;
template class RemoveCommand<Mention>;
template class RemoveCommand<Quote>;
template class RemoveCommand<Figure>;
template class ChangeCommand<Entity>;
template class ChangeCommand<Mention>;
template class ChangeCommand<Quote>;
template class ChangeCommand<Figure>;

} // namespace Byline

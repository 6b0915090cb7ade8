// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QUndoCommand>

#include <memory>

namespace Byline {

class Document;

/// Every change an analyst makes is one of these, pushed on the document's undo stack.
/// A command remembers the article it changed; undoing it later shows that article again.
/// A write that fails (a full disk) marks the command obsolete, so the stack never holds a
/// step that did not happen; the document reports the error.

/// Adds a record (an entity with its mentions, a mention, a quote, a figure).
template<typename Record> class InsertCommand final : public QUndoCommand {
public:
    InsertCommand(Document *document, Record record, const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    /// The record as stored: its id is known after the first redo().
    const Record &record() const { return m_record; }

private:
    Document *m_document;
    Record m_record;
};

/// Removes a record; undo brings it back with the same id.
template<typename Record> class RemoveCommand final : public QUndoCommand {
public:
    RemoveCommand(Document *document, Record record, const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    Record m_record;
};

/// Replaces a record's values (spans, kind, speaker, name, status ...) with new ones. When another
/// client changed the record first, the change is refused and stays on the stack to redo.
template<typename Record> class ChangeCommand final : public QUndoCommand {
public:
    ChangeCommand(
        Document *document, Record before, Record after, const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    Record m_before;
    Record m_after;
    bool m_topLevel;
    bool m_refused = false; ///< redo() was refused for a conflict; the stack steps back over it
};

/// Moves an article through todo, in progress, done.
class ArticleStatusCommand final : public QUndoCommand {
public:
    ArticleStatusCommand(Document *document, RecordId articleId, ArticleStatus before, ArticleStatus after);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    RecordId m_articleId;
    ArticleStatus m_before;
    ArticleStatus m_after;
};

/// A step made of several commands (its children). QUndoCommand runs children without
/// looking at them, so a failed child would leave a half-done step on the stack; this one
/// runs all of them or none, and is obsolete when one of them failed.
class AllOrNothingCommand final : public QUndoCommand {
public:
    using QUndoCommand::QUndoCommand;
    void redo() override;
    void undo() override;

private:
    bool run(int index, void (QUndoCommand::*step)());
};

/// Removing an entity also clears it as the speaker of its quotes; one undo step restores both.
std::unique_ptr<QUndoCommand> makeRemoveEntityCommand(Document *document, const Entity &entity);

extern template class InsertCommand<Entity>;
extern template class InsertCommand<Mention>;
extern template class InsertCommand<Quote>;
extern template class InsertCommand<Figure>;
extern template class RemoveCommand<Entity>;
extern template class RemoveCommand<Mention>;
extern template class RemoveCommand<Quote>;
extern template class RemoveCommand<Figure>;
extern template class ChangeCommand<Entity>;
extern template class ChangeCommand<Mention>;
extern template class ChangeCommand<Quote>;
extern template class ChangeCommand<Figure>;

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QHash>
#include <QUndoCommand>

namespace Byline {

class Document;

/// "Tag all occurrences" over the corpus, as one undo step.
///
/// Entities belong to their article, so the mentions in the entity's own article join it, and
/// those in every other article join the entity of the same name and type there (case and white
/// space ignored), or a new one made for them. The other articles are written through the store
/// alone, in the same transaction as the entity's own article, rather than opened one after the
/// other as single commands would: a name can occur in hundreds of articles. Undo and redo show
/// the entity's article, where the analyst asked for the step, and either do all of it or nothing.
class TagAcrossArticlesCommand final : public QUndoCommand {
public:
    /// spans holds, per article, the places to tag; entity is in the current article.
    TagAcrossArticlesCommand(Document *document, const Entity &entity,
        const QHash<RecordId, QList<Span>> &spans, const QString &text);

    void redo() override;
    void undo() override;

    /// Articles other than the entity's own that the step writes to.
    qsizetype otherArticleCount() const { return m_others.size(); }

private:
    /// The mentions for one other article: they join entity when it exists there (id set
    /// before the first redo), or come with it as a new entity.
    struct OtherArticle {
        Entity entity;
        bool newEntity = false;
    };

    /// Writes (tag) or removes (untag) every mention in one transaction; false when it rolled back.
    bool tag();
    bool untag();
    void run(bool (TagAcrossArticlesCommand::*step)());

    Document *m_document;
    RecordId m_articleId;
    QList<Mention> m_ownMentions;
    QList<OtherArticle> m_others;
    QString m_failure; ///< what the store said when a step failed outside the document
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "tagacrossarticlescommand.h"

#include "document.h"

#include <algorithm>

namespace Byline {

namespace {

QString nameKey(const QString &name)
{
    return name.simplified().toCaseFolded();
}

} // namespace

TagAcrossArticlesCommand::TagAcrossArticlesCommand(
    Document *document, const Entity &entity, const QHash<RecordId, QList<Span>> &spans, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_articleId(entity.articleId)
{
    const Provenance provenance = document->manualProvenance();
    QList<RecordId> articles = spans.keys();
    std::sort(articles.begin(), articles.end());
    for (const RecordId articleId : std::as_const(articles)) {
        const QList<Span> places = spans.value(articleId);
        if (places.isEmpty())
            continue;
        if (articleId == m_articleId) {
            for (const Span &span : places)
                m_ownMentions.append({ .articleId = articleId,
                    .entityId = entity.id,
                    .span = span,
                    .provenance = provenance });
            continue;
        }
        OtherArticle other;
        other.entity = Entity {
            .articleId = articleId, .name = entity.name, .type = entity.type, .provenance = provenance
        };
        other.newEntity = true;
        for (const Entity &candidate : document->store().annotations(articleId).entities) {
            if (candidate.type == entity.type && nameKey(candidate.name) == nameKey(entity.name)) {
                other.entity.id = candidate.id;
                other.newEntity = false;
                break;
            }
        }
        for (const Span &span : places)
            other.entity.mentions.append({ .articleId = articleId,
                .entityId = other.entity.id,
                .span = span,
                .provenance = provenance });
        m_others.append(other);
    }
}

bool TagAcrossArticlesCommand::tag()
{
    Store &store = m_document->store();
    Store::Transaction transaction(store);
    const auto storeFailed = [this] {
        m_failure = m_document->store().errorString();
        return false;
    };
    if (!transaction.isOpen())
        return storeFailed();
    // The first redo assigns the ids; later ones keep them, as InsertCommand does.
    for (OtherArticle &other : m_others) {
        if (other.newEntity) {
            if (!store.insertEntity(other.entity))
                return storeFailed();
            continue;
        }
        for (Mention &mention : other.entity.mentions) {
            if (!store.insertMention(mention))
                return storeFailed();
        }
    }
    // Through the document, which keeps its memory copy and the views in step; it reports its
    // own failures.
    for (Mention &mention : m_ownMentions) {
        if (!m_document->insert(mention))
            return false;
    }
    return transaction.commit() || storeFailed();
}

bool TagAcrossArticlesCommand::untag()
{
    Store &store = m_document->store();
    Store::Transaction transaction(store);
    const auto storeFailed = [this] {
        m_failure = m_document->store().errorString();
        return false;
    };
    if (!transaction.isOpen())
        return storeFailed();
    for (auto mention = m_ownMentions.crbegin(); mention != m_ownMentions.crend(); ++mention) {
        if (!m_document->remove(*mention))
            return false;
    }
    for (const OtherArticle &other : std::as_const(m_others)) {
        // A new entity takes its mentions with it (the database cascades).
        if (other.newEntity) {
            if (!store.removeEntity(other.entity.id))
                return storeFailed();
            continue;
        }
        for (const Mention &mention : other.entity.mentions) {
            if (!store.removeMention(mention.id))
                return storeFailed();
        }
    }
    return transaction.commit() || storeFailed();
}

void TagAcrossArticlesCommand::run(bool (TagAcrossArticlesCommand::*step)())
{
    m_failure.clear();
    if (!m_document->showArticle(m_articleId) || !(this->*step)()) {
        // The transaction rolled back; the memory copy of the entity's article may still hold
        // what the step did there before it failed.
        m_document->reloadAnnotations();
        if (!m_failure.isEmpty())
            Q_EMIT m_document->errorOccurred(m_failure);
        setObsolete(true);
        return;
    }
    for (const OtherArticle &other : std::as_const(m_others))
        Q_EMIT m_document->articleChanged(other.entity.articleId);
}

void TagAcrossArticlesCommand::redo()
{
    run(&TagAcrossArticlesCommand::tag);
}

void TagAcrossArticlesCommand::undo()
{
    run(&TagAcrossArticlesCommand::untag);
}

} // namespace Byline

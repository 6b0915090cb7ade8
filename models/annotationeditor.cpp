// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationeditor.h"

#include "annotationsnapshot.h"
#include "commands.h"
#include "document.h"
#include "figureparser.h"
#include "tagacrossarticlescommand.h"

#include <QUndoStack>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString nameKey(QStringView name)
{
    return name.toString().simplified().toCaseFolded();
}

bool isReviewed(AnnotationStatus status)
{
    return status != AnnotationStatus::Auto;
}

} // namespace

AnnotationEditor::AnnotationEditor(Document *document)
    : m_document(document)
{
}

bool AnnotationEditor::fail(const QString &message) const
{
    m_error = message;
    return false;
}

Span AnnotationEditor::snapped(Span selection, Snapping snapping) const
{
    return snapSpan(m_document->currentArticle().text, selection, snapping);
}

const Quote *AnnotationEditor::quote(RecordId quoteId) const
{
    const qsizetype row = m_document->quoteRow(quoteId);
    return row < 0 ? nullptr : &m_document->annotations().quotes[row];
}

const Figure *AnnotationEditor::figure(RecordId figureId) const
{
    const qsizetype row = m_document->figureRow(figureId);
    return row < 0 ? nullptr : &m_document->annotations().figures[row];
}

const Mention *AnnotationEditor::mention(RecordId mentionId) const
{
    for (const Entity &entity : m_document->annotations().entities) {
        for (const Mention &candidate : entity.mentions) {
            if (candidate.id == mentionId)
                return &candidate;
        }
    }
    return nullptr;
}

Provenance AnnotationEditor::editedProvenance(const Provenance &before, const QJsonObject &snapshot) const
{
    Provenance after = before;
    after.modified = QDateTime::currentDateTimeUtc();
    // An edit of the curated layer stays in it: the curator edits the decision, not their own version.
    if (before.annotator != curatedLayerAnnotator)
        after.annotator = m_document->annotator();
    if (before.status == AnnotationStatus::Auto || before.status == AnnotationStatus::Accepted) {
        after.status = AnnotationStatus::Edited;
        // The first edit keeps the suggestion as the extractor made it; later ones keep it too.
        if (after.previous.isEmpty())
            after.previous = snapshot;
    }
    return after;
}

// Entities

RecordId AnnotationEditor::tagEntity(Span selection, const QString &type, Snapping snapping)
{
    const QString &text = m_document->currentArticle().text;
    const Span span = snapped(selection, snapping);
    if (span.isNull())
        return fail(tr("Select a name to tag.")), 0;
    if (!m_document->entityType(type))
        return fail(tr("There is no entity type %1.").arg(type)), 0;
    for (const Entity &entity : m_document->annotations().entities) {
        for (const Mention &existing : entity.mentions) {
            if (existing.span == span && existing.provenance.status != AnnotationStatus::Rejected)
                return fail(tr("“%1” is already tagged as %2.").arg(textOf(text, span), entity.type)), 0;
        }
    }

    const QString name = textOf(text, span).simplified();
    Mention mention { .articleId = m_document->currentArticle().id,
        .span = span,
        .provenance = m_document->manualProvenance() };
    // Join the entity of this name, or one that already has this name as a mention.
    for (const Entity &entity : m_document->annotations().entities) {
        if (entity.type != type)
            continue;
        const bool sameName = nameKey(entity.name) == nameKey(name)
            || std::any_of(entity.mentions.cbegin(), entity.mentions.cend(),
                [&](const Mention &other) { return nameKey(textOf(text, other.span)) == nameKey(name); });
        if (!sameName)
            continue;
        // The id, not the reference: the push changes the list the reference points into.
        const RecordId entityId = entity.id;
        mention.entityId = entityId;
        m_document->undoStack()->push(
            new InsertCommand<Mention>(m_document, mention, tr("Tag %1").arg(name)));
        const RecordId mentionId = lastInsertedMention(entityId, span);
        return mentionId ? mentionId : (fail(m_document->errorString()), 0);
    }
    Entity entity { .articleId = m_document->currentArticle().id,
        .name = name,
        .type = type,
        .provenance = m_document->manualProvenance() };
    entity.mentions.append(mention);
    m_document->undoStack()->push(
        new InsertCommand<Entity>(m_document, entity, tr("Tag %1 as %2").arg(name, type)));
    const Entity *stored = nullptr;
    for (const Entity &candidate : m_document->annotations().entities) {
        if (candidate.name == name && candidate.type == type)
            stored = &candidate;
    }
    const RecordId mentionId = stored ? lastInsertedMention(stored->id, span) : 0;
    return mentionId ? mentionId : (fail(m_document->errorString()), 0);
}

RecordId AnnotationEditor::lastInsertedMention(RecordId entityId, Span span) const
{
    const qsizetype row = m_document->entityRow(entityId);
    if (row < 0)
        return 0;
    for (const Mention &candidate : m_document->annotations().entities[row].mentions) {
        if (candidate.span == span)
            return candidate.id;
    }
    return 0;
}

QStringList AnnotationEditor::occurrenceNames(RecordId entityId) const
{
    const Entity *entity = m_document->entity(entityId);
    if (!entity)
        return {};
    QStringList names { entity->name };
    for (const Mention &mention : entity->mentions) {
        if (mention.provenance.status != AnnotationStatus::Rejected)
            names << textOf(m_document->currentArticle().text, mention.span);
    }
    return NameMatcher(names).names();
}

QList<Span> AnnotationEditor::untaggedOccurrences(RecordId entityId) const
{
    QList<Span> taken;
    for (const Entity &other : m_document->annotations().entities) {
        for (const Mention &mention : other.mentions)
            taken << mention.span;
    }
    return NameMatcher(occurrenceNames(entityId)).find(m_document->currentArticle().text, taken);
}

bool AnnotationEditor::tagOccurrences(RecordId entityId, const QList<Span> &spans)
{
    const Entity *entity = m_document->entity(entityId);
    if (!entity)
        return fail(tr("The entity is no longer in the article."));
    if (spans.isEmpty())
        return fail(tr("There is nothing to tag."));
    auto *command = new AllOrNothingCommand(
        tr("Tag %n occurrence(s) of %1", nullptr, int(spans.size())).arg(entity->name));
    for (const Span &span : spans) {
        new InsertCommand<Mention>(m_document,
            Mention { .articleId = entity->articleId,
                .entityId = entityId,
                .span = span,
                .provenance = m_document->manualProvenance() },
            QString(), command);
    }
    m_document->undoStack()->push(command);
    return true;
}

bool AnnotationEditor::tagOccurrencesAcrossArticles(RecordId entityId, const QList<Occurrence> &occurrences)
{
    const Entity *entity = m_document->entity(entityId);
    if (!entity)
        return fail(tr("The entity is no longer in the article."));
    QHash<RecordId, QList<Span>> spans;
    for (const Occurrence &occurrence : occurrences)
        spans[occurrence.articleId].append(occurrence.span);
    if (spans.isEmpty())
        return fail(tr("There is nothing to tag."));
    // Within the article, mention by mention, as the views follow them one at a time.
    if (spans.size() == 1 && spans.contains(entity->articleId))
        return tagOccurrences(entityId, spans.value(entity->articleId));
    m_document->undoStack()->push(new TagAcrossArticlesCommand(m_document, *entity, spans,
        tr("Tag %n occurrence(s) of %1 in %2 articles", nullptr, int(occurrences.size()))
            .arg(entity->name)
            .arg(spans.size())));
    return true;
}

bool AnnotationEditor::renameEntity(RecordId entityId, const QString &name)
{
    const Entity *entity = m_document->entity(entityId);
    if (!entity)
        return fail(tr("The entity is no longer in the article."));
    if (name.simplified().isEmpty())
        return fail(tr("An entity needs a name."));
    Entity after = *entity;
    after.name = name.simplified();
    after.provenance = editedProvenance(
        entity->provenance, QJsonObject { { u"name"_s, entity->name }, { u"type"_s, entity->type } });
    m_document->undoStack()->push(new ChangeCommand<Entity>(
        m_document, *entity, after, tr("Rename %1 to %2").arg(entity->name, after.name)));
    return true;
}

bool AnnotationEditor::setEntityType(RecordId entityId, const QString &type)
{
    const Entity *entity = m_document->entity(entityId);
    if (!entity)
        return fail(tr("The entity is no longer in the article."));
    if (!m_document->entityType(type))
        return fail(tr("There is no entity type %1.").arg(type));
    Entity after = *entity;
    after.type = type;
    after.provenance = editedProvenance(
        entity->provenance, QJsonObject { { u"name"_s, entity->name }, { u"type"_s, entity->type } });
    m_document->undoStack()->push(
        new ChangeCommand<Entity>(m_document, *entity, after, tr("Make %1 %2").arg(entity->name, type)));
    return true;
}

bool AnnotationEditor::removeMention(RecordId mentionId)
{
    const Mention *target = mention(mentionId);
    if (!target)
        return fail(tr("The mention is no longer in the article."));
    const Entity *owner = m_document->entity(target->entityId);
    // The last mention of an entity that speaks nowhere takes the entity with it.
    const bool speaks
        = std::any_of(m_document->annotations().quotes.cbegin(), m_document->annotations().quotes.cend(),
            [owner](const Quote &quote) { return quote.speakerId == owner->id; });
    if (owner->mentions.size() == 1 && !speaks)
        return removeEntity(owner->id);
    m_document->undoStack()->push(new RemoveCommand<Mention>(m_document, *target,
        tr("Delete mention %1").arg(textOf(m_document->currentArticle().text, target->span))));
    return true;
}

bool AnnotationEditor::setMentionSpan(RecordId mentionId, Span selection, Snapping snapping)
{
    const Mention *target = mention(mentionId);
    if (!target)
        return fail(tr("The mention is no longer in the article."));
    const QString &text = m_document->currentArticle().text;
    const Span span = snapped(selection, snapping);
    if (span.isNull())
        return fail(tr("Select a name to tag."));
    if (span == target->span)
        return true;
    for (const Entity &entity : m_document->annotations().entities) {
        for (const Mention &existing : entity.mentions) {
            if (existing.span == span && existing.provenance.status != AnnotationStatus::Rejected)
                return fail(tr("“%1” is already tagged as %2.").arg(textOf(text, span), entity.type));
        }
    }
    Mention after = *target;
    after.span = span;
    after.provenance = editedProvenance(target->provenance, snapshot(*target, text));
    m_document->undoStack()->push(
        new ChangeCommand<Mention>(m_document, *target, after, tr("Re-select %1").arg(textOf(text, span))));
    return true;
}

bool AnnotationEditor::removeEntity(RecordId entityId)
{
    const Entity *entity = m_document->entity(entityId);
    if (!entity)
        return fail(tr("The entity is no longer in the article."));
    m_document->undoStack()->push(makeRemoveEntityCommand(m_document, *entity).release());
    return true;
}

bool AnnotationEditor::mergeEntities(RecordId targetId, RecordId sourceId)
{
    const Entity *target = m_document->entity(targetId);
    const Entity *source = m_document->entity(sourceId);
    if (!target || !source)
        return fail(tr("The entity is no longer in the article."));
    if (targetId == sourceId)
        return fail(tr("An entity cannot be merged with itself."));
    auto *command = new AllOrNothingCommand(tr("Merge %1 into %2").arg(source->name, target->name));
    // Children run in order: mentions and quotes move over, then the empty entity goes.
    for (const Mention &moved : source->mentions) {
        Mention after = moved;
        after.entityId = targetId;
        new ChangeCommand<Mention>(m_document, moved, after, QString(), command);
    }
    for (const Quote &spoken : m_document->annotations().quotes) {
        if (spoken.speakerId != sourceId)
            continue;
        Quote after = spoken;
        after.speakerId = targetId;
        new ChangeCommand<Quote>(m_document, spoken, after, QString(), command);
    }
    Entity emptied = *source;
    emptied.mentions.clear();
    new RemoveCommand<Entity>(m_document, emptied, QString(), command);
    m_document->undoStack()->push(command);
    return true;
}

RecordId AnnotationEditor::splitMention(RecordId mentionId)
{
    const Mention *target = mention(mentionId);
    if (!target)
        return fail(tr("The mention is no longer in the article.")), 0;
    const Entity *owner = m_document->entity(target->entityId);
    if (owner->mentions.size() < 2)
        return fail(tr("%1 has only this mention.").arg(owner->name)), 0;
    const QString &text = m_document->currentArticle().text;
    const QString name = textOf(text, target->span).simplified();
    // The mention leaves its entity and comes back as the first mention of a new one.
    Entity split { .articleId = owner->articleId,
        .name = name,
        .type = owner->type,
        .provenance = m_document->manualProvenance() };
    Mention moved = *target;
    moved.id = 0;
    moved.entityId = 0;
    moved.provenance = editedProvenance(target->provenance, snapshot(*target, text));
    split.mentions.append(moved);
    auto *command = new AllOrNothingCommand(tr("Split %1 off %2").arg(name, owner->name));
    new RemoveCommand<Mention>(m_document, *target, QString(), command);
    auto *insert = new InsertCommand<Entity>(m_document, split, QString(), command);
    m_document->undoStack()->push(command);
    const RecordId created = m_document->entity(insert->record().id) ? insert->record().id : 0;
    if (created == 0)
        return fail(m_document->errorString()), 0;
    return created;
}

// Quotes

namespace {

// The kind a content selection suggests: marks around it make it direct, marks inside mixed.
QuoteKind guessKind(QStringView text, Span span, Span *content)
{
    qsizetype start = span.start;
    qsizetype end = span.end;
    // Marks just outside the words (“Very soon,”) or selected with them.
    qsizetype before = start;
    while (before > 0 && text[before - 1].isSpace())
        --before;
    const bool openBefore = before > 0 && isQuotationMark(text[before - 1]);
    const bool openInside = start < end && isQuotationMark(text[start]);
    // Punctuation up to the closing mark is inside it, also when a space stands before a
    // malformed mark ("It was an attempted coup. “"); a line end is never crossed.
    qsizetype after = end;
    qsizetype punctuationEnd = end;
    while (after < text.size() && !isQuotationMark(text[after])
        && (text[after].isPunct() || text[after] == u' ')) {
        if (text[after].isPunct())
            punctuationEnd = after + 1;
        ++after;
    }
    const bool closeAfter = after < text.size() && isQuotationMark(text[after]);
    const bool closeInside = end > start && isQuotationMark(text[end - 1]);
    if ((openBefore || openInside) && (closeAfter || closeInside)) {
        if (openInside)
            ++start;
        if (closeInside)
            --end;
        else
            end = punctuationEnd; // punctuation inside the marks belongs to the quote
        *content = { start, end };
        return QuoteKind::Direct;
    }
    *content = span;
    for (qsizetype i = span.start; i < span.end; ++i) {
        if (isQuotationMark(text[i]) && text[i] != u'’')
            return QuoteKind::Mixed;
    }
    return QuoteKind::Indirect;
}

} // namespace

RecordId AnnotationEditor::createQuote(Span selection, Snapping snapping)
{
    const QString &text = m_document->currentArticle().text;
    Span span = snapping == Snapping::Raw ? selection : snapped(selection, Snapping::Words);
    if (snapping != Snapping::Raw && !selection.isNull()) {
        // Keep quotation marks the analyst selected: they decide the kind.
        if (selection.start < span.start && isQuotationMark(text[selection.start]))
            span.start = selection.start;
        if (selection.end > span.end && isQuotationMark(text[selection.end - 1]))
            span.end = selection.end;
    }
    if (span.isNull())
        return fail(tr("Select what was said.")), 0;
    Span content;
    const QuoteKind kind = guessKind(text, span, &content);
    if (content.length() <= 0)
        return fail(tr("Select what was said.")), 0;
    Quote quote { .articleId = m_document->currentArticle().id,
        .kind = kind,
        .content = { content },
        .provenance = m_document->manualProvenance() };
    auto *command = new InsertCommand<Quote>(m_document, quote, tr("New %1 quote").arg(toString(kind)));
    m_document->undoStack()->push(command);
    const auto &quotes = m_document->annotations().quotes;
    return quotes.isEmpty() ? 0 : quotes.last().id;
}

bool AnnotationEditor::changeQuote(const Quote &before, Quote after, const QString &text)
{
    const Entity *speaker = m_document->entity(before.speakerId);
    after.provenance = editedProvenance(before.provenance,
        snapshot(before, m_document->currentArticle().text, speaker ? speaker->name : QString()));
    m_document->undoStack()->push(new ChangeCommand<Quote>(m_document, before, after, text));
    return true;
}

bool AnnotationEditor::addQuotePart(RecordId quoteId, Span selection, Snapping snapping)
{
    const Quote *target = quote(quoteId);
    if (!target)
        return fail(tr("Choose a quote first."));
    Span span = snapped(selection, snapping);
    if (span.isNull())
        return fail(tr("Select what was said."));
    Span content;
    guessKind(m_document->currentArticle().text, span, &content);
    for (const Span &part : target->content) {
        if (part.overlaps(content))
            return fail(tr("The selection overlaps the quote's content."));
    }
    Quote after = *target;
    after.content.append(content);
    std::sort(after.content.begin(), after.content.end(),
        [](const Span &a, const Span &b) { return a.start < b.start; });
    return changeQuote(*target, after, tr("Add a part to the quote"));
}

bool AnnotationEditor::setQuoteSource(RecordId quoteId, Span selection, Snapping snapping)
{
    const Quote *target = quote(quoteId);
    if (!target)
        return fail(tr("Choose a quote first."));
    const Span span = snapped(selection, snapping);
    if (span.isNull())
        return fail(tr("Select who speaks."));
    Quote after = *target;
    after.source = span;
    return changeQuote(*target, after, tr("Set the quote's source"));
}

bool AnnotationEditor::setQuoteCue(RecordId quoteId, Span selection, Snapping snapping)
{
    const Quote *target = quote(quoteId);
    if (!target)
        return fail(tr("Choose a quote first."));
    const Span span = snapped(selection, snapping);
    if (span.isNull())
        return fail(tr("Select the cue (said, told, according to...)."));
    Quote after = *target;
    after.cue = span;
    return changeQuote(*target, after, tr("Set the quote's cue"));
}

bool AnnotationEditor::setSpeaker(RecordId quoteId, RecordId entityId)
{
    const Quote *target = quote(quoteId);
    if (!target)
        return fail(tr("Choose a quote first."));
    if (entityId != 0 && !m_document->entity(entityId))
        return fail(tr("The entity is no longer in the article."));
    Quote after = *target;
    after.speakerId = entityId;
    const Entity *speaker = m_document->entity(entityId);
    return changeQuote(*target, after, speaker ? tr("Speaker %1").arg(speaker->name) : tr("No speaker"));
}

RecordId AnnotationEditor::speakerFromSource(RecordId quoteId, const QString &type)
{
    const Quote *target = quote(quoteId);
    if (!target || target->source.isNull())
        return fail(tr("Set the quote's source first.")), 0;
    const Span source = target->source;
    // A name tagged inside the source already speaks: "Russian President Vladimir Putin"
    // holds the Putin mention (and a NORP "Russian", which is why the type decides first).
    const Mention *named = nullptr;
    const Entity *namedEntity = nullptr;
    for (const Entity &entity : m_document->annotations().entities) {
        for (const Mention &candidate : entity.mentions) {
            if (candidate.provenance.status == AnnotationStatus::Rejected || !candidate.span.overlaps(source))
                continue;
            const auto rank = [&type](const Entity &owner, const Mention &mention) {
                return std::pair(owner.type == type, mention.span.length());
            };
            if (!named || rank(entity, candidate) > rank(*namedEntity, *named)) {
                named = &candidate;
                namedEntity = &entity;
            }
        }
    }
    if (namedEntity)
        return setSpeaker(quoteId, namedEntity->id) ? namedEntity->id : 0;
    // Checked before the macro starts, so that a failure leaves no empty step behind.
    if (!m_document->entityType(type))
        return fail(tr("There is no entity type %1.").arg(type)), 0;
    if (snapped(source, Snapping::EntityName).isNull())
        return fail(tr("The source names nobody to tag.")), 0;
    m_document->undoStack()->beginMacro(tr("Speaker from source"));
    const RecordId mentionId = tagEntity(source, type);
    const Mention *tagged = mention(mentionId);
    const RecordId entityId = tagged ? tagged->entityId : 0;
    const bool ok = entityId != 0 && setSpeaker(quoteId, entityId);
    m_document->undoStack()->endMacro();
    return ok ? entityId : 0;
}

bool AnnotationEditor::setQuoteKind(RecordId quoteId, QuoteKind kind)
{
    const Quote *target = quote(quoteId);
    if (!target)
        return fail(tr("Choose a quote first."));
    if (target->kind == kind)
        return true;
    Quote after = *target;
    after.kind = kind;
    return changeQuote(*target, after, tr("Make the quote %1").arg(toString(kind)));
}

bool AnnotationEditor::setQuotePart(RecordId quoteId, int part, Span span)
{
    const Quote *target = quote(quoteId);
    if (!target || part < 0 || part >= target->content.size())
        return fail(tr("Choose a quote first."));
    if (!span.isValidIn(m_document->currentArticle().text.size()) || span.length() == 0)
        return fail(tr("A quote's part cannot be empty."));
    Quote after = *target;
    after.content[part] = span;
    return changeQuote(*target, after, tr("Change the quote's extent"));
}

bool AnnotationEditor::splitQuotePart(RecordId quoteId, int part, qsizetype position)
{
    const Quote *target = quote(quoteId);
    if (!target || part < 0 || part >= target->content.size())
        return fail(tr("Choose a quote first."));
    const Span whole = target->content[part];
    if (position <= whole.start || position >= whole.end)
        return fail(tr("Put the cursor inside the part to split it."));
    const QString &text = m_document->currentArticle().text;
    Span first = snapSpan(text, { whole.start, position }, Snapping::Raw);
    Span second { position, whole.end };
    while (first.end > first.start && text[first.end - 1].isSpace())
        --first.end;
    while (second.start < second.end && text[second.start].isSpace())
        ++second.start;
    if (first.length() == 0 || second.length() == 0)
        return fail(tr("Put the cursor inside the part to split it."));
    Quote after = *target;
    after.content[part] = first;
    after.content.insert(part + 1, second);
    return changeQuote(*target, after, tr("Split the quote's part"));
}

bool AnnotationEditor::joinQuoteParts(RecordId quoteId, int part)
{
    const Quote *target = quote(quoteId);
    if (!target || part < 0 || part + 1 >= target->content.size())
        return fail(tr("There is no next part to join."));
    Quote after = *target;
    after.content[part].end = after.content[part + 1].end;
    after.content.removeAt(part + 1);
    return changeQuote(*target, after, tr("Join the quote's parts"));
}

bool AnnotationEditor::removeQuote(RecordId quoteId)
{
    const Quote *target = quote(quoteId);
    if (!target)
        return fail(tr("The quote is no longer in the article."));
    m_document->undoStack()->push(new RemoveCommand<Quote>(m_document, *target, tr("Delete quote")));
    return true;
}

QList<RecordId> AnnotationEditor::speakerCandidates(qsizetype position) const
{
    // Distance from the position to the nearest mention before it; mentions after count
    // as farther than any before, as a speaker is usually named first.
    QList<std::pair<qsizetype, RecordId>> ranked;
    for (const Entity &entity : m_document->annotations().entities) {
        if (entity.type != u"PERSON"_s && entity.type != u"ORG"_s && entity.type != u"GPE"_s)
            continue;
        qsizetype best = std::numeric_limits<qsizetype>::max();
        bool named = false;
        for (const Mention &candidate : entity.mentions) {
            // A rejected mention is not a name in the text: it neither ranks nor offers its entity.
            if (candidate.provenance.status == AnnotationStatus::Rejected)
                continue;
            named = true;
            const qsizetype distance = candidate.span.end <= position
                ? position - candidate.span.end
                : m_document->currentArticle().text.size() + candidate.span.start - position;
            best = std::min(best, distance);
        }
        if (named)
            ranked.append({ best, entity.id });
    }
    std::stable_sort(
        ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<RecordId> ids;
    for (const auto &[distance, id] : ranked)
        ids << id;
    return ids;
}

// Figures

RecordId AnnotationEditor::createFigure(Span selection, Snapping snapping)
{
    const QString &text = m_document->currentArticle().text;
    const Span span = snapped(selection, snapping);
    if (span.isNull())
        return fail(tr("Select a number with what it counts.")), 0;
    const ParsedFigure parsed = FigureParser::parse(text, span);
    if (!parsed.ok)
        return fail(parsed.problem), 0;
    Figure figure { .articleId = m_document->currentArticle().id,
        .kind = parsed.kind,
        .span = parsed.span,
        .number = parsed.number,
        .value = parsed.value,
        .valueMax = parsed.valueMax,
        .unit = parsed.unit,
        .qualifier = parsed.qualifier,
        .provenance = m_document->manualProvenance() };
    m_document->undoStack()->push(
        new InsertCommand<Figure>(m_document, figure, tr("New figure %1").arg(textOf(text, span))));
    const auto &figures = m_document->annotations().figures;
    return figures.isEmpty() ? 0 : figures.last().id;
}

bool AnnotationEditor::changeFigure(const Figure &changed)
{
    const Figure *target = figure(changed.id);
    if (!target)
        return fail(tr("The figure is no longer in the article."));
    const qsizetype length = m_document->currentArticle().text.size();
    if (!changed.span.isValidIn(length) || !changed.number.isValidIn(length))
        return fail(tr("The figure must lie inside the article."));
    Figure after = changed;
    after.provenance
        = editedProvenance(target->provenance, snapshot(*target, m_document->currentArticle().text));
    m_document->undoStack()->push(new ChangeCommand<Figure>(m_document, *target, after, tr("Change figure")));
    return true;
}

bool AnnotationEditor::setFigureSpan(RecordId figureId, Span selection, Snapping snapping)
{
    const Figure *target = figure(figureId);
    if (!target)
        return fail(tr("The figure is no longer in the article."));
    const Span span = snapped(selection, snapping);
    if (span.isNull())
        return fail(tr("Select a number with what it counts."));
    const ParsedFigure parsed = FigureParser::parse(m_document->currentArticle().text, span);
    if (!parsed.ok)
        return fail(parsed.problem);
    Figure after = *target;
    after.kind = parsed.kind;
    after.span = parsed.span;
    after.number = parsed.number;
    after.value = parsed.value;
    after.valueMax = parsed.valueMax;
    after.unit = parsed.unit;
    after.qualifier = parsed.qualifier;
    return changeFigure(after);
}

bool AnnotationEditor::removeFigure(RecordId figureId)
{
    const Figure *target = figure(figureId);
    if (!target)
        return fail(tr("The figure is no longer in the article."));
    m_document->undoStack()->push(new RemoveCommand<Figure>(m_document, *target, tr("Delete figure")));
    return true;
}

// Review

namespace {

template<typename Record>
Record reviewed(const Record &record, AnnotationStatus status, const QString &annotator)
{
    Record after = record;
    after.provenance.status = status;
    if (record.provenance.annotator != curatedLayerAnnotator)
        after.provenance.annotator = annotator;
    after.provenance.modified = QDateTime::currentDateTimeUtc();
    return after;
}

} // namespace

namespace {

// Accepting what the analyst made or edited would hide the edit from what is learned:
// only suggestions, and rejected ones taken back, change.
bool acceptable(AnnotationStatus status)
{
    return status == AnnotationStatus::Auto || status == AnnotationStatus::Rejected;
}

} // namespace

bool AnnotationEditor::accept(AnnotationRef annotation)
{
    const QString who = m_document->annotator();
    switch (annotation.layer) {
    case Layer::Entities:
        if (const Mention *target = mention(annotation.id)) {
            if (!acceptable(target->provenance.status))
                return true;
            m_document->undoStack()->push(new ChangeCommand<Mention>(m_document, *target,
                reviewed(*target, AnnotationStatus::Accepted, who), tr("Accept mention")));
            return true;
        }
        break;
    case Layer::Quotes:
        if (const Quote *target = quote(annotation.id)) {
            if (!acceptable(target->provenance.status))
                return true;
            m_document->undoStack()->push(new ChangeCommand<Quote>(
                m_document, *target, reviewed(*target, AnnotationStatus::Accepted, who), tr("Accept quote")));
            return true;
        }
        break;
    case Layer::Figures:
        if (const Figure *target = figure(annotation.id)) {
            if (!acceptable(target->provenance.status))
                return true;
            m_document->undoStack()->push(new ChangeCommand<Figure>(m_document, *target,
                reviewed(*target, AnnotationStatus::Accepted, who), tr("Accept figure")));
            return true;
        }
        break;
    }
    return fail(tr("Choose a suggestion to accept."));
}

bool AnnotationEditor::reject(AnnotationRef annotation)
{
    // Rejected suggestions stay in the project, so that they are not suggested again.
    const QString who = m_document->annotator();
    switch (annotation.layer) {
    case Layer::Entities:
        if (const Mention *target = mention(annotation.id)) {
            m_document->undoStack()->push(new ChangeCommand<Mention>(m_document, *target,
                reviewed(*target, AnnotationStatus::Rejected, who), tr("Reject mention")));
            return true;
        }
        break;
    case Layer::Quotes:
        if (const Quote *target = quote(annotation.id)) {
            m_document->undoStack()->push(new ChangeCommand<Quote>(
                m_document, *target, reviewed(*target, AnnotationStatus::Rejected, who), tr("Reject quote")));
            return true;
        }
        break;
    case Layer::Figures:
        if (const Figure *target = figure(annotation.id)) {
            m_document->undoStack()->push(new ChangeCommand<Figure>(m_document, *target,
                reviewed(*target, AnnotationStatus::Rejected, who), tr("Reject figure")));
            return true;
        }
        break;
    }
    return fail(tr("Choose a suggestion to reject."));
}

Span AnnotationEditor::spanOf(AnnotationRef annotation) const
{
    switch (annotation.layer) {
    case Layer::Entities:
        if (const Mention *target = mention(annotation.id))
            return target->span;
        break;
    case Layer::Quotes:
        if (const Quote *target = quote(annotation.id); target && !target->content.isEmpty())
            return target->content.first();
        break;
    case Layer::Figures:
        if (const Figure *target = figure(annotation.id))
            return target->span;
        break;
    }
    return {};
}

namespace {

struct Pending {
    qsizetype position;
    AnnotationRef annotation;
};

QList<Pending> pendingSuggestions(const AnnotationSet &annotations)
{
    QList<Pending> pending;
    for (const Entity &entity : annotations.entities) {
        for (const Mention &mention : entity.mentions) {
            if (!isReviewed(mention.provenance.status))
                pending.append({ mention.span.start, { Layer::Entities, mention.id } });
        }
    }
    for (const Quote &quote : annotations.quotes) {
        if (!isReviewed(quote.provenance.status) && !quote.content.isEmpty())
            pending.append({ quote.content.first().start, { Layer::Quotes, quote.id } });
    }
    for (const Figure &figure : annotations.figures) {
        if (!isReviewed(figure.provenance.status))
            pending.append({ figure.span.start, { Layer::Figures, figure.id } });
    }
    // In reading order; at one position, quotes before entities before figures (the order of
    // the panels), then by id so that the order is stable.
    std::sort(pending.begin(), pending.end(), [](const Pending &a, const Pending &b) {
        return std::tie(a.position, a.annotation.layer, a.annotation.id)
            < std::tie(b.position, b.annotation.layer, b.annotation.id);
    });
    return pending;
}

} // namespace

AnnotationRef AnnotationEditor::nextUnreviewed(qsizetype position, bool forward) const
{
    const QList<Pending> pending = pendingSuggestions(m_document->annotations());
    if (forward) {
        for (const Pending &candidate : pending) {
            if (candidate.position > position)
                return candidate.annotation;
        }
        return pending.isEmpty() ? AnnotationRef() : pending.first().annotation; // wrap around
    }
    for (auto it = pending.crbegin(); it != pending.crend(); ++it) {
        if (it->position < position)
            return it->annotation;
    }
    return pending.isEmpty() ? AnnotationRef() : pending.last().annotation;
}

AnnotationRef AnnotationEditor::nextUnreviewed(AnnotationRef current, bool forward) const
{
    const Span span = spanOf(current);
    if (span.isNull())
        return nextUnreviewed(forward ? -1 : std::numeric_limits<qsizetype>::max(), forward);
    // By position alone, a quote and a mention starting at one place would skip each other.
    const auto key = [](qsizetype position, AnnotationRef annotation) {
        return std::tuple(position, annotation.layer, annotation.id);
    };
    const auto here = key(span.start, current);
    const QList<Pending> pending = pendingSuggestions(m_document->annotations());
    if (forward) {
        for (const Pending &candidate : pending) {
            if (key(candidate.position, candidate.annotation) > here)
                return candidate.annotation;
        }
        return pending.isEmpty() ? AnnotationRef() : pending.first().annotation;
    }
    for (auto it = pending.crbegin(); it != pending.crend(); ++it) {
        if (key(it->position, it->annotation) < here)
            return it->annotation;
    }
    return pending.isEmpty() ? AnnotationRef() : pending.last().annotation;
}

int AnnotationEditor::unreviewedCount() const
{
    return int(pendingSuggestions(m_document->annotations()).size());
}

bool AnnotationEditor::setArticleStatus(ArticleStatus status)
{
    if (!m_document->hasArticle())
        return fail(tr("Open an article first."));
    const ArticleStatus before = m_document->currentArticle().status;
    if (before == status)
        return true;
    m_document->undoStack()->push(
        new ArticleStatusCommand(m_document, m_document->currentArticle().id, before, status));
    return true;
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "curation/curationactions.h"

#include "curation/curationcommand.h"
#include "curation/curationstore.h"
#include "document.h"

#include <QUndoStack>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

Provenance curatedProvenance(AnnotationStatus status, const QString &rule)
{
    Provenance provenance;
    provenance.status = status;
    provenance.annotator = curatedLayerAnnotator;
    provenance.rule = rule;
    return provenance;
}

bool isCurated(const Provenance &provenance)
{
    return provenance.annotator == curatedLayerAnnotator;
}

/// Marks an article's curation done or not: the store's curation_state, beside the annotations.
/// The first redo finds it written already (CurationActions::setDone() writes it to report a
/// refusal); later ones write it again.
class CurationDoneCommand final : public QUndoCommand {
public:
    CurationDoneCommand(Document *document, RecordId articleId, bool done, const QString &text)
        : QUndoCommand(text)
        , m_document(document)
        , m_articleId(articleId)
        , m_done(done)
    {
    }
    void redo() override
    {
        if (!std::exchange(m_written, false))
            set(m_done);
    }
    void undo() override { set(!m_done); }

private:
    void set(bool done)
    {
        CurationStore curation(m_document->store());
        if (!curation.setDone(m_articleId, done, m_document->annotator())) {
            setObsolete(true);
            Q_EMIT m_document->errorOccurred(curation.errorString());
            return;
        }
        Q_EMIT m_document->articleChanged(m_articleId);
    }

    Document *m_document;
    RecordId m_articleId;
    bool m_done;
    bool m_written = true;
};

} // namespace

CurationActions::CurationActions(Document *document)
    : m_document(document)
{
}

bool CurationActions::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool CurationActions::push(CurationCommand *command)
{
    m_removing.clear();
    if (m_document->isReadOnly()) {
        delete command;
        return fail(tr("The project is open read-only."));
    }
    m_document->undoStack()->push(command);
    // An obsolete step was refused and is already gone from the stack.
    if (m_document->undoStack()->command(m_document->undoStack()->index() - 1) != command)
        return fail(m_document->errorString());
    return true;
}

void CurationActions::removeDecision(CurationCommand &command, const CurationUnit &unit)
{
    if (!unit.curated)
        return;
    const CurationVersion &curated = *unit.curated;
    const AnnotationSet &annotations = m_document->annotations();
    // A curated entity goes with its last mention, unless a curated quote still names it.
    const auto speaks = [&](RecordId entityId, RecordId exceptQuote) {
        return std::any_of(annotations.quotes.cbegin(), annotations.quotes.cend(),
            [&](const Quote &quote) { return quote.speakerId == entityId && quote.id != exceptQuote; });
    };
    switch (unit.layer) {
    case Layer::Entities: {
        const Entity *entity = m_document->entity(curated.mention.entityId);
        if (entity && isCurated(entity->provenance) && entity->mentions.size() == 1
            && !speaks(entity->id, 0)) {
            command.removeEntity(*entity);
            m_removing.append(entity->id);
        } else {
            command.removeMention(curated.mention);
        }
        break;
    }
    case Layer::Quotes: {
        command.removeQuote(curated.quote);
        const Entity *speaker = m_document->entity(curated.quote.speakerId);
        if (speaker && isCurated(speaker->provenance) && speaker->mentions.isEmpty()
            && !speaks(speaker->id, curated.quote.id)) {
            command.removeEntity(*speaker);
            m_removing.append(speaker->id);
        }
        break;
    }
    case Layer::Figures:
        command.removeFigure(curated.figure);
        break;
    }
}

std::pair<RecordId, int> CurationActions::curatedEntity(
    CurationCommand &command, const Entity &like, const Provenance &provenance)
{
    const auto sameEntity = [&like](const Entity &entity) {
        return entity.type == like.type && entity.name.compare(like.name, Qt::CaseInsensitive) == 0;
    };
    for (const Entity &entity : m_document->annotations().entities) {
        if (isCurated(entity.provenance) && sameEntity(entity) && !m_removing.contains(entity.id))
            return { entity.id, -1 };
    }
    const QList<Entity> &planned = command.newEntities();
    for (qsizetype i = 0; i < planned.size(); ++i) {
        if (sameEntity(planned[i]))
            return { 0, int(i) };
    }
    Entity entity;
    entity.articleId = m_document->currentArticle().id;
    entity.name = like.name;
    entity.type = like.type;
    entity.extra = like.extra;
    entity.provenance = provenance;
    return { 0, command.addEntity(entity) };
}

void CurationActions::addCurated(
    CurationCommand &command, const CurationVersion &version, const Provenance &provenance)
{
    switch (version.layer) {
    case Layer::Entities: {
        Mention mention = version.mention;
        mention.id = 0;
        mention.provenance = provenance;
        mention.version = {};
        const auto [existing, planned] = curatedEntity(command, version.entity, provenance);
        if (planned >= 0) {
            command.addMentionToNew(planned, mention);
        } else {
            mention.entityId = existing;
            command.addMention(mention);
        }
        break;
    }
    case Layer::Quotes: {
        Quote quote = version.quote;
        quote.id = 0;
        quote.provenance = provenance;
        quote.version = {};
        quote.speakerId = 0;
        int newSpeaker = -1;
        if (version.entity.id != 0) {
            const auto [existing, planned] = curatedEntity(command, version.entity, provenance);
            quote.speakerId = existing;
            newSpeaker = planned;
        }
        command.addQuote(quote, newSpeaker);
        break;
    }
    case Layer::Figures: {
        Figure figure = version.figure;
        figure.id = 0;
        figure.provenance = provenance;
        figure.version = {};
        command.addFigure(figure);
        break;
    }
    }
}

bool CurationActions::accept(const CurationUnits &units, int unit, int annotator)
{
    if (unit < 0 || unit >= units.units().size())
        return fail(tr("Choose an annotation to curate."));
    const CurationUnit &chosen = units.units()[unit];
    if (annotator < 0 || annotator >= chosen.versions.size())
        return fail(tr("There is no annotator %1.").arg(annotator + 1));
    const QString name = units.annotators()[annotator];
    if (!chosen.versions[annotator])
        return fail(tr("%1 did not mark this; reject it to leave it out.").arg(name));
    auto *command = new CurationCommand(
        m_document, m_document->currentArticle().id, tr("Accept %1's version").arg(name));
    removeDecision(*command, chosen);
    addCurated(*command, *chosen.versions[annotator],
        curatedProvenance(AnnotationStatus::Accepted, u"curation: "_s + name));
    return push(command);
}

bool CurationActions::acceptAllAgreed(const CurationUnits &units)
{
    auto *command = new CurationCommand(
        m_document, m_document->currentArticle().id, tr("Accept every agreed annotation"));
    const QString rule = u"curation: "_s + units.annotators().join(u", "_s);
    for (const CurationUnit &unit : units.units()) {
        if (unit.agreed && unit.decision() == CurationUnit::Decision::Open)
            addCurated(*command, *unit.versions.first(), curatedProvenance(AnnotationStatus::Accepted, rule));
    }
    if (command->isEmpty()) {
        delete command;
        return fail(tr("No agreed annotation is waiting for a decision."));
    }
    return push(command);
}

bool CurationActions::reject(const CurationUnits &units, int unit)
{
    if (unit < 0 || unit >= units.units().size())
        return fail(tr("Choose an annotation to curate."));
    const CurationUnit &chosen = units.units()[unit];
    if (chosen.decision() == CurationUnit::Decision::Rejected)
        return true;
    // The most common version, else the first one: what the rejection stands for in the text.
    std::optional<CurationVersion> version;
    if (chosen.majorityAnnotator >= 0)
        version = chosen.versions[chosen.majorityAnnotator];
    for (qsizetype i = 0; i < chosen.versions.size() && !version; ++i)
        version = chosen.versions[i];
    if (!version)
        version = chosen.curated;
    if (!version)
        return fail(tr("Choose an annotation to curate."));
    auto *command = new CurationCommand(m_document, m_document->currentArticle().id, tr("Reject annotation"));
    removeDecision(*command, chosen);
    addCurated(*command, *version, curatedProvenance(AnnotationStatus::Rejected, u"curation: rejected"_s));
    return push(command);
}

bool CurationActions::merge(const CurationUnits &units, int unit, int spanFrom, int labelFrom)
{
    if (unit < 0 || unit >= units.units().size())
        return fail(tr("Choose an annotation to curate."));
    const CurationUnit &chosen = units.units()[unit];
    for (const int annotator : { spanFrom, labelFrom }) {
        if (annotator < 0 || annotator >= chosen.versions.size() || !chosen.versions[annotator])
            return fail(tr("Both annotators must have marked it to merge their versions."));
    }
    const CurationVersion &where = *chosen.versions[spanFrom];
    const CurationVersion &what = *chosen.versions[labelFrom];
    CurationVersion merged = where;
    switch (chosen.layer) {
    case Layer::Entities:
        merged.entity = what.entity;
        break;
    case Layer::Quotes:
        merged.entity = what.entity;
        merged.quote.kind = what.quote.kind;
        break;
    case Layer::Figures:
        merged.figure.kind = what.figure.kind;
        merged.figure.value = what.figure.value;
        merged.figure.valueMax = what.figure.valueMax;
        merged.figure.unit = what.figure.unit;
        merged.figure.qualifier = what.figure.qualifier;
        break;
    }
    const QString rule = u"curation: %1 (span), %2 (label)"_s.arg(
        units.annotators()[spanFrom], units.annotators()[labelFrom]);
    auto *command = new CurationCommand(m_document, m_document->currentArticle().id,
        tr("Merge %1's and %2's versions").arg(units.annotators()[spanFrom], units.annotators()[labelFrom]));
    removeDecision(*command, chosen);
    addCurated(*command, merged, curatedProvenance(AnnotationStatus::Accepted, rule));
    return push(command);
}

bool CurationActions::setDone(bool done)
{
    if (!m_document->hasArticle())
        return fail(tr("Open an article first."));
    if (m_document->isReadOnly())
        return fail(tr("The project is open read-only."));
    const RecordId articleId = m_document->currentArticle().id;
    CurationStore curation(m_document->store());
    if (curation.isDone(articleId) == done)
        return true;
    if (!curation.setDone(articleId, done, m_document->annotator()))
        return fail(curation.errorString());
    m_document->undoStack()->push(new CurationDoneCommand(
        m_document, articleId, done, done ? tr("Mark curation done") : tr("Mark curation not done")));
    Q_EMIT m_document->articleChanged(articleId);
    return true;
}

} // namespace Byline

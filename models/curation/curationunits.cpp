// SPDX-License-Identifier: GPL-3.0-or-later
#include "curation/curationunits.h"

#include "agreement/annotatorversions.h"
#include "agreement/figurematch.h"
#include "extraction/quotecontent.h"

#include <QHash>

#include <algorithm>
#include <functional>

namespace Byline {

namespace {

/// A version with what aligning it needs: a quote's content characters.
struct Item {
    CurationVersion version;
    QuoteContent::Chars chars;
};

/// Units while they are built: one slot per annotator, the curated layer's last.
using Slots = QList<std::optional<Item>>;

double spanJaccard(const Span &a, const Span &b)
{
    const qsizetype shared = std::min(a.end, b.end) - std::max(a.start, b.start);
    const qsizetype whole = std::max(a.end, b.end) - std::min(a.start, b.start);
    return shared > 0 && whole > 0 ? double(shared) / double(whole) : 0.0;
}

bool sameSpeaker(const Entity &a, const Entity &b)
{
    if (a.id == 0 || b.id == 0)
        return a.id == b.id;
    return a.id == b.id || a.name.compare(b.name, Qt::CaseInsensitive) == 0;
}

bool sameCue(const Span &a, const Span &b)
{
    return a.isNull() ? b.isNull() : a.overlaps(b);
}

bool same(const Item &a, const Item &b)
{
    switch (a.version.layer) {
    case Layer::Entities:
        return a.version.mention.span == b.version.mention.span
            && a.version.entity.type == b.version.entity.type;
    case Layer::Quotes:
        return a.chars == b.chars && a.version.quote.kind == b.version.quote.kind
            && sameCue(a.version.quote.cue, b.version.quote.cue)
            && sameSpeaker(a.version.entity, b.version.entity);
    case Layer::Figures: {
        const Figure &x = a.version.figure;
        const Figure &y = b.version.figure;
        return FigureMatch::number(x) == FigureMatch::number(y) && x.kind == y.kind
            && FigureMatch::sameValue(x.value, y.value) && FigureMatch::sameValue(x.valueMax, y.valueMax)
            && x.unit.compare(y.unit, Qt::CaseInsensitive) == 0;
    }
    }
    return false;
}

/// How well two versions match, 0 for not at all: an exact span outscores any overlap, and of
/// two overlaps the one that shares more, then the one that also says the same, wins.
double matchScore(const Item &a, const Item &b)
{
    switch (a.version.layer) {
    case Layer::Entities: {
        const Span &x = a.version.mention.span;
        const Span &y = b.version.mention.span;
        if (!x.overlaps(y))
            return 0.0;
        return spanJaccard(x, y) + (x == y ? 1.0 : 0.0)
            + (a.version.entity.type == b.version.entity.type ? 0.5 : 0.0);
    }
    case Layer::Quotes: {
        const double shared = QuoteContent::jaccard(a.chars, b.chars);
        return shared > 0 ? shared + (same(a, b) ? 0.5 : 0.0) : 0.0;
    }
    case Layer::Figures: {
        if (!FigureMatch::same(a.version.figure, b.version.figure))
            return 0.0;
        const Span x = FigureMatch::number(a.version.figure);
        const Span y = FigureMatch::number(b.version.figure);
        return spanJaccard(x, y) + (x == y ? 1.0 : 0.0) + (same(a, b) ? 0.5 : 0.0);
    }
    }
    return 0.0;
}

/// The versions of one layer of an annotation set, the speaker of each quote looked up among the
/// article's entities.
QList<Item> itemsOf(const AnnotationSet &set, Layer layer, const QHash<RecordId, Entity> &entities,
    const QuoteContent &content, const std::function<bool(const Provenance &)> &keep)
{
    QList<Item> items;
    switch (layer) {
    case Layer::Entities:
        for (const Entity &entity : set.entities) {
            Entity bare = entity;
            bare.mentions.clear();
            for (const Mention &mention : entity.mentions) {
                Provenance provenance = mention.provenance;
                if (provenance.annotator.isEmpty())
                    provenance.annotator = entity.provenance.annotator;
                if (!keep(provenance))
                    continue;
                CurationVersion version;
                version.layer = layer;
                version.entity = bare;
                version.mention = mention;
                version.mention.provenance = provenance;
                items.append({ version, {} });
            }
        }
        break;
    case Layer::Quotes:
        for (const Quote &quote : set.quotes) {
            if (!keep(quote.provenance))
                continue;
            CurationVersion version;
            version.layer = layer;
            version.quote = quote;
            version.entity = entities.value(quote.speakerId);
            version.entity.mentions.clear();
            items.append({ version, content.of(quote.content) });
        }
        break;
    case Layer::Figures:
        for (const Figure &figure : set.figures) {
            if (!keep(figure.provenance))
                continue;
            CurationVersion version;
            version.layer = layer;
            version.figure = figure;
            items.append({ version, {} });
        }
        break;
    }
    return items;
}

/// Matches one annotator's versions (slot `column`) one to one against the units, best first;
/// what matches nothing starts a unit.
void alignInto(QList<Slots> &units, const QList<Item> &items, qsizetype column, qsizetype columns)
{
    struct Candidate {
        double score;
        qsizetype item;
        qsizetype unit;
    };
    QList<Candidate> candidates;
    for (qsizetype item = 0; item < items.size(); ++item) {
        for (qsizetype unit = 0; unit < units.size(); ++unit) {
            double best = 0.0;
            for (const std::optional<Item> &member : std::as_const(units[unit])) {
                if (member)
                    best = std::max(best, matchScore(items[item], *member));
            }
            if (best > 0.0)
                candidates.append({ best, item, unit });
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
        [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    QList<bool> placed(items.size(), false);
    for (const Candidate &candidate : std::as_const(candidates)) {
        if (placed[candidate.item] || units[candidate.unit][column])
            continue;
        units[candidate.unit][column] = items[candidate.item];
        placed[candidate.item] = true;
    }
    for (qsizetype item = 0; item < items.size(); ++item) {
        if (placed[item])
            continue;
        Slots unit(columns);
        unit[column] = items[item];
        units.append(unit);
    }
}

Span unite(const Span &a, const Span &b)
{
    if (a.isNull())
        return b;
    if (b.isNull())
        return a;
    return { std::min(a.start, b.start), std::max(a.end, b.end) };
}

CurationUnit finish(Layer layer, const Slots &members)
{
    const qsizetype annotators = members.size() - 1;
    CurationUnit unit;
    unit.layer = layer;
    for (const std::optional<Item> &item : members) {
        if (item)
            unit.span = unite(unit.span, item->version.span());
    }
    for (qsizetype i = 0; i < annotators; ++i)
        unit.versions.append(members[i] ? std::optional(members[i]->version) : std::nullopt);
    if (members.last())
        unit.curated = members.last()->version;

    // Group the annotators by what they said; absence is a version of its own.
    QList<qsizetype> group(annotators, -1);
    QList<qsizetype> sizes;
    for (qsizetype i = 0; i < annotators; ++i) {
        for (qsizetype j = 0; j < i && group[i] < 0; ++j) {
            const bool bothAbsent = !members[i] && !members[j];
            if (bothAbsent || (members[i] && members[j] && same(*members[i], *members[j])))
                group[i] = group[j];
        }
        if (group[i] < 0) {
            group[i] = sizes.size();
            sizes.append(0);
        }
        ++sizes[group[i]];
    }
    unit.agreed = annotators > 0 && sizes.size() == 1 && members.first().has_value();
    const qsizetype largest = sizes.isEmpty() ? 0 : *std::max_element(sizes.cbegin(), sizes.cend());
    const bool unique = std::count(sizes.cbegin(), sizes.cend(), largest) == 1;
    for (qsizetype i = 0; i < annotators; ++i) {
        const bool inMajority = unique && sizes[group[i]] == largest;
        unit.differsFromMajority.append(!unit.agreed && !inMajority);
        if (inMajority && members[i] && unit.majorityAnnotator < 0)
            unit.majorityAnnotator = int(i);
    }
    return unit;
}

} // namespace

const Provenance &CurationVersion::provenance() const
{
    switch (layer) {
    case Layer::Entities:
        return mention.provenance;
    case Layer::Quotes:
        return quote.provenance;
    case Layer::Figures:
        break;
    }
    return figure.provenance;
}

RecordId CurationVersion::recordId() const
{
    switch (layer) {
    case Layer::Entities:
        return mention.id;
    case Layer::Quotes:
        return quote.id;
    case Layer::Figures:
        break;
    }
    return figure.id;
}

Span CurationVersion::span() const
{
    switch (layer) {
    case Layer::Entities:
        return mention.span;
    case Layer::Quotes: {
        Span span;
        for (const Span &part : quote.content)
            span = unite(span, part);
        return span;
    }
    case Layer::Figures:
        break;
    }
    return figure.span;
}

CurationUnit::Decision CurationUnit::decision() const
{
    if (!curated)
        return Decision::Open;
    return curated->provenance().status == AnnotationStatus::Rejected ? Decision::Rejected
                                                                      : Decision::Accepted;
}

int CurationUnits::openCount() const
{
    return int(std::count_if(m_units.cbegin(), m_units.cend(),
        [](const CurationUnit &unit) { return unit.decision() == CurationUnit::Decision::Open; }));
}

CurationUnits CurationUnits::align(const Article &article, const AnnotationSet &annotations)
{
    CurationUnits result;
    const QMap<QString, AnnotationSet> versions = AnnotatorVersions::split(annotations);
    result.m_annotators = versions.keys();
    QHash<RecordId, Entity> entities;
    for (const Entity &entity : annotations.entities)
        entities.insert(entity.id, entity);
    const QuoteContent content(article.text);
    const auto anything = [](const Provenance &) { return true; };
    const auto curated = [](const Provenance &provenance) {
        return provenance.annotator == curatedLayerAnnotator && provenance.status != AnnotationStatus::Auto;
    };
    const qsizetype columns = result.m_annotators.size() + 1;
    for (const Layer layer : { Layer::Entities, Layer::Quotes, Layer::Figures }) {
        QList<Slots> units;
        qsizetype column = 0;
        for (const AnnotationSet &version : versions)
            alignInto(units, itemsOf(version, layer, entities, content, anything), column++, columns);
        alignInto(units, itemsOf(annotations, layer, entities, content, curated), column, columns);
        QList<CurationUnit> finished;
        for (const Slots &unit : std::as_const(units))
            finished.append(finish(layer, unit));
        std::stable_sort(finished.begin(), finished.end(), [](const CurationUnit &a, const CurationUnit &b) {
            return std::pair(a.span.start, a.span.end) < std::pair(b.span.start, b.span.end);
        });
        result.m_units.append(finished);
    }
    return result;
}

} // namespace Byline

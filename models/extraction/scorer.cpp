// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/scorer.h"

#include "extraction/quotecontent.h"
#include "offsetmap.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

// score.py works on Python strings, that is on code points: so does this port, so that a
// text with characters outside the BMP gives the same numbers.
using CharSet = QuoteContent::Chars;

struct PointSpan {
    qsizetype start = 0;
    qsizetype end = 0;
    auto operator<=>(const PointSpan &) const = default;
};

struct ScoredEntity {
    RecordId id = 0;
    QString name;
    QString type;
    bool optional = false;
    QList<PointSpan> mentions;
    QStringList mentionTexts;
};

struct ScoredQuote {
    bool optional = false;
    QuoteKind kind = QuoteKind::Direct;
    QList<PointSpan> content;
    std::optional<PointSpan> cue;
    RecordId speaker = 0;
};

struct ScoredFigure {
    bool optional = false;
    PointSpan number;
    QVariant value;
    QString unit;
};

struct ScoredDocument {
    std::u32string text;
    QList<ScoredEntity> entities;
    QList<ScoredQuote> quotes;
    QList<ScoredFigure> figures;
};

ScoredDocument convert(const DatasetDocument &document, qsizetype shift = 0)
{
    const QString &text = document.article.text;
    const OffsetMap map(text);
    ScoredDocument out;
    const QList<uint> ucs4 = text.toUcs4();
    out.text.assign(ucs4.cbegin(), ucs4.cend());
    auto point = [&](const Span &span) {
        return PointSpan { map.toCodePoint(span.start) + shift, map.toCodePoint(span.end) + shift };
    };
    for (const Entity &entity : document.annotations.entities) {
        ScoredEntity e { entity.id, entity.name, entity.type, document.optionalEntities.contains(entity.id),
            {}, {} };
        for (const Mention &mention : entity.mentions) {
            e.mentions.append(point(mention.span));
            e.mentionTexts.append(text.mid(mention.span.start, mention.span.length()));
        }
        out.entities.append(e);
    }
    for (const Quote &quote : document.annotations.quotes) {
        ScoredQuote q { document.optionalQuotes.contains(quote.id), quote.kind, {}, std::nullopt,
            quote.speakerId };
        for (const Span &part : quote.content) {
            if (!part.isNull())
                q.content.append(point(part));
        }
        if (!quote.cue.isNull())
            q.cue = point(quote.cue);
        out.quotes.append(q);
    }
    for (const Figure &figure : document.annotations.figures) {
        const Span &number = figure.number.isNull() ? figure.span : figure.number;
        out.figures.append(
            { document.optionalFigures.contains(figure.id), point(number), figure.value, figure.unit });
    }
    return out;
}

qsizetype overlap(PointSpan a, PointSpan b)
{
    return std::max<qsizetype>(0, std::min(a.end, b.end) - std::max(a.start, b.start));
}

CharSet contentChars(const std::u32string &text, const ScoredQuote &quote)
{
    QList<std::pair<qsizetype, qsizetype>> spans;
    for (const PointSpan &span : quote.content)
        spans.append({ span.start, span.end });
    return QuoteContent::of(text, spans);
}

/// Python's str() of a JSON value, enough for comparing dates with numbers.
QString pythonString(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString)
        return value.toString();
    const double number = value.toDouble();
    if (std::isfinite(number) && number == std::floor(number) && std::abs(number) < 1e16)
        return QString::number(qint64(number));
    return QString::number(number, 'g', 17);
}

bool sameValue(const QVariant &predicted, const QVariant &gold)
{
    // Dates are ISO 8601 strings; every other value is a number.
    const bool predictedString = predicted.typeId() == QMetaType::QString;
    const bool goldString = gold.typeId() == QMetaType::QString;
    if (predictedString || goldString)
        return pythonString(predicted).trimmed() == pythonString(gold).trimmed();
    if (!predicted.isValid() || predicted.isNull() || !gold.isValid() || gold.isNull())
        return false;
    const double a = predicted.toDouble();
    const double b = gold.toDouble();
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

struct SpeakerNames {
    QSet<QString> names;
    std::set<PointSpan> spans;
};

SpeakerNames speakerNames(const ScoredDocument &document, RecordId id)
{
    SpeakerNames out;
    if (id == 0)
        return out;
    for (const ScoredEntity &entity : document.entities) {
        if (entity.id != id)
            continue;
        out.names.insert(entity.name.toLower());
        for (const QString &text : entity.mentionTexts)
            out.names.insert(text.toLower());
        out.spans.insert(entity.mentions.cbegin(), entity.mentions.cend());
        break;
    }
    return out;
}

void scoreDocument(const ScoredDocument &g, const ScoredDocument &p, ScoreResult &c)
{
    // entities: exact (start, end, type); optional gold mentions leave both sides
    using Key = std::tuple<qsizetype, qsizetype, QString>;
    std::set<Key> gm;
    std::set<Key> pm;
    std::set<PointSpan> optionalSpans;
    for (const ScoredEntity &e : g.entities) {
        for (const PointSpan &m : e.mentions) {
            if (e.optional)
                optionalSpans.insert(m);
            else
                gm.insert({ m.start, m.end, e.type });
        }
    }
    for (const ScoredEntity &e : p.entities) {
        if (e.optional)
            continue;
        for (const PointSpan &m : e.mentions) {
            if (!optionalSpans.contains(m))
                pm.insert({ m.start, m.end, e.type });
        }
    }
    for (const Key &key : gm) {
        PrfCounts &type = c.mentionsByType[std::get<2>(key)];
        ++type.gold;
        if (pm.contains(key)) {
            ++type.truePositives;
            ++c.mentions.truePositives;
        }
        const bool found = std::any_of(pm.cbegin(), pm.cend(), [&](const Key &other) {
            return std::get<2>(other) == std::get<2>(key)
                && overlap({ std::get<0>(other), std::get<1>(other) }, { std::get<0>(key), std::get<1>(key) })
                > 0;
        });
        c.lenientGoldFound += found;
    }
    for (const Key &key : pm) {
        ++c.mentionsByType[std::get<2>(key)].predicted;
        const bool matched = std::any_of(gm.cbegin(), gm.cend(), [&](const Key &other) {
            return std::get<2>(other) == std::get<2>(key)
                && overlap({ std::get<0>(other), std::get<1>(other) }, { std::get<0>(key), std::get<1>(key) })
                > 0;
        });
        c.lenientMentions.truePositives += matched;
    }
    c.mentions.predicted += qsizetype(pm.size());
    c.mentions.gold += qsizetype(gm.size());
    c.lenientMentions.predicted += qsizetype(pm.size());
    c.lenientMentions.gold += qsizetype(gm.size());

    // quotes: scored on content characters, so that how quotes are cut into parts
    // (a split quote as one quote or two) does not change the score
    QList<const ScoredQuote *> gq;
    QList<CharSet> gchars;
    QList<CharSet> ochars;
    CharSet goldChars;
    CharSet optionalChars;
    for (const ScoredQuote &q : g.quotes) {
        CharSet chars = contentChars(g.text, q);
        if (q.optional) {
            optionalChars = QuoteContent::unite(optionalChars, chars);
            ochars.append(std::move(chars));
        } else {
            goldChars = QuoteContent::unite(goldChars, chars);
            gq.append(&q);
            gchars.append(std::move(chars));
        }
    }
    QList<std::pair<const ScoredQuote *, CharSet>> pq;
    for (const ScoredQuote &q : p.quotes) {
        CharSet cq = contentChars(g.text, q);
        // a prediction whose closest gold quote is optional is neither rewarded nor penalised
        double bestOptional = 0.0;
        for (const CharSet &oc : std::as_const(ochars))
            bestOptional = std::max(bestOptional, QuoteContent::jaccard(cq, oc));
        double bestRequired = 0.0;
        for (const CharSet &gc : std::as_const(gchars))
            bestRequired = std::max(bestRequired, QuoteContent::jaccard(cq, gc));
        if (!cq.empty() && bestOptional > bestRequired
            && QuoteContent::common(cq, optionalChars) * 2 >= qsizetype(cq.size()))
            continue;
        pq.append({ &q, std::move(cq) });
    }
    auto right = [&](const CharSet &cq) {
        // mostly gold content, and a real piece of the gold quote it overlaps most:
        // half of it, or a paragraph-sized part (60 characters) of a long one
        if (cq.empty() || QuoteContent::common(cq, goldChars) * 2 < qsizetype(cq.size()))
            return false;
        qsizetype best = 0;
        double bestScore = -1.0;
        for (qsizetype i = 0; i < gchars.size(); ++i) {
            const double score = QuoteContent::jaccard(cq, gchars[i]);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        const qsizetype common = QuoteContent::common(cq, gchars[best]);
        return common * 2 >= qsizetype(gchars[best].size()) || common >= 60;
    };
    QList<qsizetype> good;
    CharSet predChars;
    CharSet goodChars;
    for (qsizetype i = 0; i < pq.size(); ++i) {
        predChars = QuoteContent::unite(predChars, pq[i].second);
        if (right(pq[i].second)) {
            good.append(i);
            goodChars = QuoteContent::unite(goodChars, pq[i].second);
        }
    }
    c.quoteChars.truePositives += QuoteContent::common(goldChars, predChars);
    c.quoteChars.predicted += qsizetype(predChars.size());
    c.quoteChars.gold += qsizetype(goldChars.size());
    // a gold quote is found when right predictions cover at least half of it
    for (qsizetype i = 0; i < gq.size(); ++i) {
        const CharSet &cq = gchars[i];
        if (cq.empty() || QuoteContent::common(cq, goodChars) * 2 < qsizetype(cq.size()))
            continue;
        ++c.quotesFound;
        const ScoredQuote *r = nullptr;
        double bestScore = -1.0;
        for (qsizetype index : std::as_const(good)) {
            const double score = QuoteContent::jaccard(pq[index].second, cq);
            if (score > bestScore) {
                bestScore = score;
                r = pq[index].first;
            }
        }
        const ScoredQuote *q = gq[i];
        c.kindOk += q->kind == r->kind;
        c.cueOk += (!q->cue && !r->cue) || (q->cue && r->cue && overlap(*q->cue, *r->cue) > 0);
        bool ok = false;
        if (q->speaker == 0) {
            ok = r->speaker == 0;
        } else {
            const SpeakerNames gold = speakerNames(g, q->speaker);
            const SpeakerNames predicted = speakerNames(p, r->speaker);
            ok = std::any_of(gold.spans.cbegin(), gold.spans.cend(), [&](const PointSpan &span) {
                return predicted.spans.contains(span);
            }) || gold.names.intersects(predicted.names);
        }
        c.speakerOk += ok;
    }
    c.quotesRight += good.size();
    c.quotesPredicted += pq.size();
    c.quotesGold += gq.size();

    // figures: an overlapping number span with an equal value
    QList<const ScoredFigure *> gf;
    QList<const ScoredFigure *> of;
    for (const ScoredFigure &f : g.figures)
        (f.optional ? of : gf).append(&f);
    QList<const ScoredFigure *> pf;
    for (const ScoredFigure &f : p.figures) {
        if (std::none_of(of.cbegin(), of.cend(),
                [&](const ScoredFigure *o) { return overlap(f.number, o->number) > 0; }))
            pf.append(&f);
    }
    QList<bool> used(pf.size(), false);
    for (const ScoredFigure *f : std::as_const(gf)) {
        for (qsizetype i = 0; i < pf.size(); ++i) {
            if (used[i])
                continue;
            if (overlap(f->number, pf[i]->number) > 0 && sameValue(pf[i]->value, f->value)) {
                used[i] = true;
                ++c.figures.truePositives;
                c.unitOk += pf[i]->unit.toLower() == f->unit.toLower();
                break;
            }
        }
    }
    c.figures.predicted += pf.size();
    c.figures.gold += gf.size();
}

double ratio(qsizetype a, qsizetype b)
{
    return b ? double(a) / double(b) : 0.0;
}

QString fixed(double value)
{
    return QString::number(value, 'f', 3);
}

QJsonObject prfJson(const PrfCounts &counts)
{
    return { { "p"_L1, counts.precision() }, { "r"_L1, counts.recall() }, { "f1"_L1, counts.f1() },
        { "gold"_L1, counts.gold }, { "predicted"_L1, counts.predicted }, { "tp"_L1, counts.truePositives } };
}

} // namespace

double ScoreResult::lenientEntityPrecision() const
{
    return ratio(lenientMentions.truePositives, lenientMentions.predicted);
}
double ScoreResult::lenientEntityRecall() const
{
    return ratio(lenientGoldFound, lenientMentions.gold);
}
double ScoreResult::lenientEntityF1() const
{
    const double p = lenientEntityPrecision();
    const double r = lenientEntityRecall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
double ScoreResult::quotePrecision() const
{
    return ratio(quotesRight, quotesPredicted);
}
double ScoreResult::quoteRecall() const
{
    return ratio(quotesFound, quotesGold);
}
double ScoreResult::quoteF1() const
{
    const double p = quotePrecision();
    const double r = quoteRecall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
double ScoreResult::speakerAccuracy() const
{
    return ratio(speakerOk, quotesFound);
}
double ScoreResult::kindAccuracy() const
{
    return ratio(kindOk, quotesFound);
}
double ScoreResult::cueAccuracy() const
{
    return ratio(cueOk, quotesFound);
}
double ScoreResult::unitAccuracy() const
{
    return ratio(unitOk, figures.truePositives);
}

QString ScoreResult::summaryLine() const
{
    return u"quotes_f1=%1 speaker_acc=%2 figures_f1=%3 entities_f1=%4"_s.arg(
        fixed(quoteF1()), fixed(speakerAccuracy()), fixed(figureF1()), fixed(entityF1()));
}

QString ScoreResult::toText() const
{
    QString out;
    out += u"entities P %1 R %2 F1 %3 (gold %4)\n"_s
               .arg(fixed(mentions.precision()), fixed(mentions.recall()), fixed(mentions.f1()))
               .arg(mentions.gold);
    out += u"quotes   P %1 R %2 F1 %3 (gold %4) speaker %5 kind %6 cue %7 | content chars P %8 R %9 F1 %10\n"_s
               .arg(fixed(quotePrecision()), fixed(quoteRecall()), fixed(quoteF1()))
               .arg(quotesGold)
               .arg(fixed(speakerAccuracy()), fixed(kindAccuracy()), fixed(cueAccuracy()),
                   fixed(quoteChars.precision()), fixed(quoteChars.recall()), fixed(quoteChars.f1()));
    out += u"figures  P %1 R %2 F1 %3 (gold %4) unit %5\n"_s
               .arg(fixed(figures.precision()), fixed(figures.recall()), fixed(figures.f1()))
               .arg(figures.gold)
               .arg(fixed(unitAccuracy()));
    out += summaryLine() + u'\n';
    out += u"\nentity type      P     R     F1    gold  predicted\n"_s;
    for (auto it = mentionsByType.cbegin(); it != mentionsByType.cend(); ++it) {
        out += u"%1 %2 %3 %4 %5 %6\n"_s.arg(it.key(), -12)
                   .arg(fixed(it->precision()), fixed(it->recall()), fixed(it->f1()))
                   .arg(it->gold, 5)
                   .arg(it->predicted, 9);
    }
    out += u"lenient (overlap) P %1 R %2 F1 %3\n"_s.arg(
        fixed(lenientEntityPrecision()), fixed(lenientEntityRecall()), fixed(lenientEntityF1()));
    return out;
}

QJsonObject ScoreResult::toJson() const
{
    QJsonObject byType;
    for (auto it = mentionsByType.cbegin(); it != mentionsByType.cend(); ++it)
        byType.insert(it.key(), prfJson(*it));
    QJsonObject entities = prfJson(mentions);
    entities.insert("by_type"_L1, byType);
    entities.insert("lenient"_L1,
        QJsonObject { { "p"_L1, lenientEntityPrecision() }, { "r"_L1, lenientEntityRecall() },
            { "f1"_L1, lenientEntityF1() } });
    QJsonObject figuresJson = prfJson(figures);
    figuresJson.insert("unit_acc"_L1, unitAccuracy());
    return { { "articles"_L1, articles }, { "missing"_L1, missing }, { "entities"_L1, entities },
        { "quotes"_L1,
            QJsonObject { { "p"_L1, quotePrecision() }, { "r"_L1, quoteRecall() }, { "f1"_L1, quoteF1() },
                { "gold"_L1, quotesGold }, { "predicted"_L1, quotesPredicted },
                { "speaker_acc"_L1, speakerAccuracy() }, { "kind_acc"_L1, kindAccuracy() },
                { "cue_acc"_L1, cueAccuracy() }, { "char_p"_L1, quoteChars.precision() },
                { "char_r"_L1, quoteChars.recall() }, { "char_f1"_L1, quoteChars.f1() } } },
        { "figures"_L1, figuresJson } };
}

ScoreResult Scorer::score(const QList<DatasetDocument> &gold, const QList<DatasetDocument> &predicted)
{
    ScoreResult result;
    result.articles = int(gold.size());
    // Articles pair by id, else by identical text, else by text trimmed at the edges (an
    // importer that trimmed white space): its offsets are shifted back.
    QHash<QString, const DatasetDocument *> byId;
    QHash<QString, const DatasetDocument *> byText;
    QHash<QString, const DatasetDocument *> byCore;
    for (const DatasetDocument &document : predicted) {
        byId.insert(document.article.key, &document);
        byText.insert(document.article.text, &document);
        byCore.insert(document.article.text.trimmed(), &document);
    }
    for (const DatasetDocument &g : gold) {
        const ScoredDocument goldDocument = convert(g);
        const DatasetDocument *p = byId.value(g.article.key);
        if (!p)
            p = byText.value(g.article.text);
        ScoredDocument predictedDocument;
        const QString core = g.article.text.trimmed();
        if (p) {
            predictedDocument = convert(*p);
        } else if (const DatasetDocument *trimmed = byCore.value(core)) {
            const qsizetype shift = OffsetMap(g.article.text).toCodePoint(g.article.text.indexOf(core));
            predictedDocument = convert(*trimmed, shift);
        } else {
            ++result.missing;
        }
        scoreDocument(goldDocument, predictedDocument, result);
    }
    return result;
}

} // namespace Byline

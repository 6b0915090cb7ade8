// SPDX-License-Identifier: GPL-3.0-or-later
#include "agreement/agreement.h"

#include "agreement/annotatorversions.h"
#include "agreement/figurematch.h"
#include "extraction/textanalysis.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

struct MeasureLayer {
    const char *layer;
    const char *key;
};

// Layer and key of each measure in JSON, in the order of Measure.
constexpr std::array<MeasureLayer, measureCount> jsonNames { {
    { "entities", "exact_f1" },
    { "entities", "overlap_f1" },
    { "entities", "kappa" },
    { "entities", "alpha" },
    { "quotes", "f1" },
    { "quotes", "char_f1" },
    { "quotes", "speaker" },
    { "quotes", "kind" },
    { "figures", "f1" },
    { "figures", "value" },
} };

std::optional<double> ratio(qsizetype part, qsizetype whole)
{
    if (whole == 0)
        return std::nullopt;
    return double(part) / double(whole);
}

std::optional<double> f1(std::optional<double> precision, std::optional<double> recall)
{
    if (!precision || !recall)
        return std::nullopt;
    return *precision + *recall > 0 ? 2 * *precision * *recall / (*precision + *recall) : 0.0;
}

/// F1 of two annotators who both found nothing is undefined, not perfect: there was nothing
/// to agree on.
std::optional<double> f1(const PrfCounts &counts)
{
    if (counts.gold == 0 && counts.predicted == 0)
        return std::nullopt;
    return counts.f1();
}

/// Figures pair when their numbers overlap, each at most once, in text order.
void compareFigures(const QList<Figure> &first, const QList<Figure> &second, PairAgreement &pair)
{
    QList<bool> used(second.size(), false);
    for (const Figure &figure : first) {
        for (qsizetype i = 0; i < second.size(); ++i) {
            if (used[i] || !FigureMatch::same(figure, second[i]))
                continue;
            used[i] = true;
            ++pair.figuresMatched;
            pair.figureValuesEqual += FigureMatch::sameValue(figure.value, second[i].value)
                && FigureMatch::sameValue(figure.valueMax, second[i].valueMax);
            break;
        }
    }
    pair.figuresFirst += first.size();
    pair.figuresSecond += second.size();
}

void addScore(const ScoreResult &score, PairAgreement &pair)
{
    pair.exactMentions.truePositives += score.mentions.truePositives;
    pair.exactMentions.gold += score.mentions.gold;
    pair.exactMentions.predicted += score.mentions.predicted;
    pair.overlapMentions.truePositives += score.lenientMentions.truePositives;
    pair.overlapMentions.gold += score.lenientMentions.gold;
    pair.overlapMentions.predicted += score.lenientMentions.predicted;
    pair.overlapFound += score.lenientGoldFound;
    pair.quotesRight += score.quotesRight;
    pair.quotesFound += score.quotesFound;
    pair.quotesFirst += score.quotesGold;
    pair.quotesSecond += score.quotesPredicted;
    pair.quoteChars.truePositives += score.quoteChars.truePositives;
    pair.quoteChars.gold += score.quoteChars.gold;
    pair.quoteChars.predicted += score.quoteChars.predicted;
    pair.speakerOk += score.speakerOk;
    pair.kindOk += score.kindOk;
}

QJsonValue jsonValue(std::optional<double> value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QString formatted(std::optional<double> value)
{
    return value ? QString::number(*value, 'f', 3) : u"-"_s;
}

} // namespace

const std::array<MeasureInfo, measureCount> &measures()
{
    static const std::array<MeasureInfo, measureCount> all { {
        { Measure::EntityExactF1, jsonNames[0].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Entities\nexact F1") },
        { Measure::EntityOverlapF1, jsonNames[1].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Entities\noverlap F1") },
        { Measure::EntityKappa, jsonNames[2].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Tokens\nkappa") },
        { Measure::EntityAlpha, jsonNames[3].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Tokens\nalpha") },
        { Measure::QuoteF1, jsonNames[4].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Quotes\nF1") },
        { Measure::QuoteCharF1, jsonNames[5].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Quotes\ncharacters F1") },
        { Measure::SpeakerAgreement, jsonNames[6].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Quotes\nspeaker") },
        { Measure::KindAgreement, jsonNames[7].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Quotes\nkind") },
        { Measure::FigureF1, jsonNames[8].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Figures\nF1") },
        { Measure::FigureValueAgreement, jsonNames[9].key,
            QT_TRANSLATE_NOOP("Byline::AgreementCalculator", "Figures\nvalue") },
    } };
    return all;
}

QString measureTitle(Measure measure)
{
    return AgreementCalculator::tr(measures()[int(measure)].title);
}

void PairAgreement::merge(const PairAgreement &other)
{
    articles += other.articles;
    auto add = [](PrfCounts &to, const PrfCounts &from) {
        to.truePositives += from.truePositives;
        to.gold += from.gold;
        to.predicted += from.predicted;
    };
    add(exactMentions, other.exactMentions);
    add(overlapMentions, other.overlapMentions);
    overlapFound += other.overlapFound;
    tokenKappa.merge(other.tokenKappa);
    tokenAlpha.merge(other.tokenAlpha);
    quotesRight += other.quotesRight;
    quotesFound += other.quotesFound;
    quotesFirst += other.quotesFirst;
    quotesSecond += other.quotesSecond;
    add(quoteChars, other.quoteChars);
    speakerOk += other.speakerOk;
    kindOk += other.kindOk;
    figuresFirst += other.figuresFirst;
    figuresSecond += other.figuresSecond;
    figuresMatched += other.figuresMatched;
    figureValuesEqual += other.figureValuesEqual;
}

std::optional<double> PairAgreement::value(Measure measure) const
{
    switch (measure) {
    case Measure::EntityExactF1:
        return f1(exactMentions);
    case Measure::EntityOverlapF1:
        if (overlapMentions.gold == 0 && overlapMentions.predicted == 0)
            return std::nullopt;
        return f1(ratio(overlapMentions.truePositives, overlapMentions.predicted).value_or(0.0),
            ratio(overlapFound, overlapMentions.gold).value_or(0.0));
    case Measure::EntityKappa:
        return tokenKappa.value();
    case Measure::EntityAlpha:
        return tokenAlpha.value();
    case Measure::QuoteF1:
        if (quotesFirst == 0 && quotesSecond == 0)
            return std::nullopt;
        return f1(
            ratio(quotesRight, quotesSecond).value_or(0.0), ratio(quotesFound, quotesFirst).value_or(0.0));
    case Measure::QuoteCharF1:
        return f1(quoteChars);
    case Measure::SpeakerAgreement:
        return ratio(speakerOk, quotesFound);
    case Measure::KindAgreement:
        return ratio(kindOk, quotesFound);
    case Measure::FigureF1:
        if (figuresFirst + figuresSecond == 0)
            return std::nullopt;
        return 2.0 * double(figuresMatched) / double(figuresFirst + figuresSecond);
    case Measure::FigureValueAgreement:
        return ratio(figureValuesEqual, figuresMatched);
    }
    return std::nullopt;
}

void AgreementReport::add(const Article &article, const ArticleAgreement &agreement)
{
    ++articlesRead;
    for (const QString &annotator : agreement.annotators) {
        const auto at = std::lower_bound(annotators.begin(), annotators.end(), annotator);
        if (at == annotators.end() || *at != annotator)
            annotators.insert(at, annotator);
    }
    if (agreement.pairs.isEmpty())
        return;
    ++articlesCompared;
    alpha.merge(agreement.alpha);
    for (auto it = agreement.pairs.cbegin(); it != agreement.pairs.cend(); ++it) {
        pairs[it.key()].merge(*it);
        ArticleRow row { article.id, article.key, it.key(), {} };
        for (const MeasureInfo &info : measures()) {
            const auto value = it->value(info.measure);
            row.values[int(info.measure)] = value ? float(*value) : std::numeric_limits<float>::quiet_NaN();
        }
        articleRows.append(row);
    }
}

QJsonObject AgreementReport::toJson() const
{
    QJsonArray pairArray;
    for (auto it = pairs.cbegin(); it != pairs.cend(); ++it) {
        QJsonObject layers;
        for (const MeasureInfo &info : measures()) {
            const QString layer = QLatin1StringView(jsonNames[int(info.measure)].layer);
            QJsonObject values = layers.value(layer).toObject();
            values.insert(QLatin1StringView(info.key), jsonValue(it->value(info.measure)));
            layers.insert(layer, values);
        }
        layers.insert("annotators"_L1, QJsonArray { it.key().first, it.key().second });
        layers.insert("articles"_L1, it->articles);
        pairArray.append(layers);
    }
    return { { "articles_read"_L1, articlesRead }, { "articles_compared"_L1, articlesCompared },
        { "annotators"_L1, QJsonArray::fromStringList(annotators) }, { "pairs"_L1, pairArray },
        { "all"_L1, QJsonObject { { "alpha"_L1, jsonValue(alphaAll()) } } } };
}

QString AgreementReport::toText() const
{
    QStringList names;
    for (auto it = pairs.cbegin(); it != pairs.cend(); ++it)
        names << it.key().first + u" / "_s + it.key().second;
    const QString all = AgreementCalculator::tr("all annotators");
    names << all;
    qsizetype nameWidth = AgreementCalculator::tr("pair").size();
    for (const QString &name : std::as_const(names))
        nameWidth = std::max(nameWidth, name.size());

    // a line naming the layers above their first column, then the column keys
    QString out(nameWidth + 10, u' ');
    QString header = AgreementCalculator::tr("pair").leftJustified(nameWidth) + u' '
        + AgreementCalculator::tr("articles").rightJustified(9);
    QList<qsizetype> widths;
    for (qsizetype i = 0; i < measureCount; ++i) {
        const MeasureInfo &info = measures()[i];
        const QLatin1StringView layer(jsonNames[i].layer);
        const bool firstOfLayer = i == 0 || layer != QLatin1StringView(jsonNames[i - 1].layer);
        const qsizetype width = std::max<qsizetype>(qstrlen(info.key), 7) + 1;
        widths << width;
        out += (firstOfLayer ? u' ' + QString(layer) : QString()).leftJustified(width);
        header += QString(QLatin1StringView(info.key)).rightJustified(width);
    }
    while (out.endsWith(u' '))
        out.chop(1);
    out += u'\n' + header + u'\n';
    qsizetype row = 0;
    for (auto it = pairs.cbegin(); it != pairs.cend(); ++it, ++row) {
        out += names[row].leftJustified(nameWidth) + u' ' + QString::number(it->articles).rightJustified(9);
        for (const MeasureInfo &info : measures())
            out += formatted(it->value(info.measure)).rightJustified(widths[int(info.measure)]);
        out += u'\n';
    }
    out += all.leftJustified(nameWidth) + u' ' + QString::number(articlesCompared).rightJustified(9);
    for (const MeasureInfo &info : measures()) {
        const auto value = info.measure == Measure::EntityAlpha ? alphaAll() : std::nullopt;
        out += formatted(value).rightJustified(widths[int(info.measure)]);
    }
    out += u'\n';
    return out;
}

int AgreementCalculator::labelId(const QString &type)
{
    const auto found = m_labels.constFind(type);
    if (found != m_labels.cend())
        return *found;
    const int id = int(m_labels.size()) + 1; // 0 is "outside any mention"
    m_labels.insert(type, id);
    return id;
}

QList<int> AgreementCalculator::tokenLabels(
    const QList<std::pair<qsizetype, qsizetype>> &tokens, const AnnotationSet &version)
{
    QList<int> labels(tokens.size(), 0);
    QList<qsizetype> coveredBy(tokens.size(), 0); // length of the mention that labelled it
    for (const Entity &entity : version.entities) {
        if (entity.mentions.isEmpty())
            continue;
        const int label = labelId(entity.type);
        for (const Mention &mention : entity.mentions) {
            // tokens are in text order: find the first that ends after the mention starts
            auto first = std::lower_bound(tokens.cbegin(), tokens.cend(), mention.span.start,
                [](const std::pair<qsizetype, qsizetype> &token, qsizetype start) {
                    return token.second <= start;
                });
            for (auto it = first; it != tokens.cend() && it->first < mention.span.end; ++it) {
                const qsizetype index = it - tokens.cbegin();
                if (mention.span.length() > coveredBy[index]) {
                    coveredBy[index] = mention.span.length();
                    labels[index] = label;
                }
            }
        }
    }
    return labels;
}

ArticleAgreement AgreementCalculator::compute(const Article &article, const AnnotationSet &annotations)
{
    return compute(article, AnnotatorVersions::split(annotations));
}

ArticleAgreement AgreementCalculator::compute(
    const Article &article, const QMap<QString, AnnotationSet> &versions)
{
    ArticleAgreement result;
    result.annotators = versions.keys();
    if (versions.size() < 2)
        return result;

    QList<std::pair<qsizetype, qsizetype>> tokens;
    const TextAnalysis analysis(article.text);
    for (const Token &token : analysis.tokens())
        tokens.append({ token.start, token.end });
    QList<QList<int>> labels;
    QList<DatasetDocument> documents;
    for (const AnnotationSet &version : versions) {
        labels.append(tokenLabels(tokens, version));
        DatasetDocument document;
        document.article = article;
        document.annotations = version;
        documents.append(document);
    }

    QList<int> unit(labels.size());
    for (qsizetype token = 0; token < tokens.size(); ++token) {
        for (qsizetype coder = 0; coder < labels.size(); ++coder)
            unit[coder] = labels[coder][token];
        result.alpha.addUnit(unit);
    }

    for (qsizetype a = 0; a < documents.size(); ++a) {
        for (qsizetype b = a + 1; b < documents.size(); ++b) {
            PairAgreement pair;
            pair.articles = 1;
            addScore(Scorer::score({ documents[a] }, { documents[b] }), pair);
            for (qsizetype token = 0; token < tokens.size(); ++token) {
                const int values[] = { labels[a][token], labels[b][token] };
                pair.tokenKappa.add(values[0], values[1]);
                pair.tokenAlpha.addUnit(values);
            }
            compareFigures(documents[a].annotations.figures, documents[b].annotations.figures, pair);
            result.pairs.insert({ result.annotators[a], result.annotators[b] }, pair);
        }
    }
    return result;
}

} // namespace Byline

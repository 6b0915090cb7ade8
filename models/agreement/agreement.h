// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agreement/reliability.h"
#include "annotations.h"
#include "extraction/scorer.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <array>
#include <optional>

namespace Byline {

/// The numbers agreement is reported in, one column each.
enum class Measure {
    EntityExactF1, ///< mentions with the same span and type
    EntityOverlapF1, ///< overlapping spans of the same type
    EntityKappa, ///< Cohen's kappa on the entity type of each token
    EntityAlpha, ///< Krippendorff's alpha (nominal) on the same token labels
    QuoteF1, ///< quotes matched by the dataset format's content-character rules
    QuoteCharF1, ///< content characters both marked as quoted
    SpeakerAgreement, ///< same speaker, among matched quotes
    KindAgreement, ///< same kind (direct, indirect, mixed), among matched quotes
    FigureF1, ///< figures whose number spans overlap
    FigureValueAgreement, ///< same value (and upper bound), among matched figures
};
constexpr int measureCount = int(Measure::FigureValueAgreement) + 1;

struct MeasureInfo {
    Measure measure;
    const char *key; ///< JSON name
    const char *title; ///< table heading, marked for translation
};
/// Every measure, in column order.
const std::array<MeasureInfo, measureCount> &measures();
QString measureTitle(Measure measure);

/// Two annotators, in name order; the first is the reference of the asymmetric
/// quote matching of the dataset format (its F1 differs little the other way round).
using AnnotatorPair = std::pair<QString, QString>;

/// What two annotators agree on, summed over the articles both annotated.
struct PairAgreement {
    int articles = 0;
    PrfCounts exactMentions;
    PrfCounts overlapMentions; ///< tp counts the second annotator's mentions that overlap one
    qsizetype overlapFound = 0; ///< the first annotator's mentions that overlap one of the second's
    CohensKappa tokenKappa;
    KrippendorffAlpha tokenAlpha;
    qsizetype quotesRight = 0;
    qsizetype quotesFound = 0;
    qsizetype quotesFirst = 0;
    qsizetype quotesSecond = 0;
    PrfCounts quoteChars;
    qsizetype speakerOk = 0;
    qsizetype kindOk = 0;
    qsizetype figuresFirst = 0;
    qsizetype figuresSecond = 0;
    qsizetype figuresMatched = 0;
    qsizetype figureValuesEqual = 0;

    void merge(const PairAgreement &other);
    /// nullopt where the measure is undefined (nothing to compare, or kappa's 0/0).
    std::optional<double> value(Measure measure) const;
};

/// Agreement of one article: each pair of its annotators, and alpha over all of them.
struct ArticleAgreement {
    QStringList annotators;
    QMap<AnnotatorPair, PairAgreement> pairs;
    KrippendorffAlpha alpha; ///< every annotator of the project; those absent here are missing
};

/// Agreement over a corpus, added to article by article so that a corpus is never held
/// at once. Keeps a few numbers per article and pair for drilling down.
struct AgreementReport {
    struct ArticleRow {
        RecordId articleId = 0;
        QString key;
        AnnotatorPair pair;
        std::array<float, measureCount> values; ///< NaN where undefined
    };

    int articlesRead = 0;
    int articlesCompared = 0; ///< with two or more annotators
    QStringList annotators; ///< sorted
    QMap<AnnotatorPair, PairAgreement> pairs;
    KrippendorffAlpha alpha;
    QList<ArticleRow> articleRows;

    void add(const Article &article, const ArticleAgreement &agreement);
    std::optional<double> alphaAll() const { return alpha.value(); }
    QJsonObject toJson() const;
    /// Annotator pairs down, measures across, as `byline agreement` prints it.
    QString toText() const;
};

/// Computes the agreement of one article's annotator versions. Token labels are the entity
/// type of each token or "O": per-token types rather than IOB tags, because a B/I tag counts
/// a boundary disagreement again on every token and mixes it into the type agreement that
/// kappa is meant to show; exact-span F1 already measures boundaries. Where mentions nest
/// the longest one labels the token. Holds the label numbering so that articles merge.
class AgreementCalculator final {
    Q_DECLARE_TR_FUNCTIONS(Byline::AgreementCalculator)
public:
    ArticleAgreement compute(const Article &article, const QMap<QString, AnnotationSet> &versions);
    /// Splits the annotations into versions, then computes.
    ArticleAgreement compute(const Article &article, const AnnotationSet &annotations);

private:
    QList<int> tokenLabels(
        const QList<std::pair<qsizetype, qsizetype>> &tokens, const AnnotationSet &version);
    int labelId(const QString &type);

    QHash<QString, int> m_labels;
};

} // namespace Byline

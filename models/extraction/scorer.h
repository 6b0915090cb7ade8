// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/datasetdocument.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace Byline {

struct PrfCounts {
    qsizetype truePositives = 0;
    qsizetype predicted = 0;
    qsizetype gold = 0;
    double precision() const { return predicted ? double(truePositives) / double(predicted) : 0.0; }
    double recall() const { return gold ? double(truePositives) / double(gold) : 0.0; }
    double f1() const
    {
        const double p = precision();
        const double r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
};

/// The numbers of one evaluation, as shared/eval/score.py computes them.
struct ScoreResult {
    int articles = 0;
    int missing = 0; ///< gold articles with no prediction
    PrfCounts mentions; ///< exact span and type
    PrfCounts lenientMentions; ///< overlapping span, same type (tp = matched predictions)
    qsizetype lenientGoldFound = 0; ///< gold mentions overlapped by a prediction of their type
    QMap<QString, PrfCounts> mentionsByType;
    qsizetype quotesRight = 0;
    qsizetype quotesFound = 0;
    qsizetype quotesPredicted = 0;
    qsizetype quotesGold = 0;
    PrfCounts quoteChars;
    qsizetype speakerOk = 0;
    qsizetype kindOk = 0;
    qsizetype cueOk = 0;
    PrfCounts figures;
    qsizetype unitOk = 0;

    double entityF1() const { return mentions.f1(); }
    double lenientEntityPrecision() const;
    double lenientEntityRecall() const;
    double lenientEntityF1() const;
    double quotePrecision() const;
    double quoteRecall() const;
    double quoteF1() const;
    double speakerAccuracy() const;
    double kindAccuracy() const;
    double cueAccuracy() const;
    double figureF1() const { return figures.f1(); }
    double unitAccuracy() const;

    /// The four lines score.py prints, then a per-type entity table.
    QString toText() const;
    QJsonObject toJson() const;
    /// score.py's last line: quotes_f1=... speaker_acc=... figures_f1=... entities_f1=...
    QString summaryLine() const;
};

/// Scores predicted against gold articles by the rules of the dataset format: a C++ port
/// of shared/eval/score.py that gives the same numbers.
class Scorer final {
public:
    static ScoreResult score(const QList<DatasetDocument> &gold, const QList<DatasetDocument> &predicted);
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agreement/agreement.h"

#include <QAbstractTableModel>

namespace Byline {

/// Annotator pairs down, the agreement measures across, then a last row with alpha over
/// all annotators. Cells carry the value for sorting (SortRole) and a heat-map background.
class AgreementTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PairColumn, ArticlesColumn, FirstMeasureColumn };
    /// The row's annotators as a QStringList of two, empty on the all-annotators row.
    static constexpr int PairRole = Qt::UserRole + 100;

    explicit AgreementTableModel(QObject *parent = nullptr);

    void setReport(const AgreementReport &report);
    const AgreementReport &report() const { return m_report; }
    static Measure measureOf(int column) { return Measure(column - FirstMeasureColumn); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<double> value(int row, Measure measure) const;

    AgreementReport m_report;
    QList<AnnotatorPair> m_pairs;
};

/// The articles of one annotator pair, with the pair's measures in each: the drill-down
/// from a row of AgreementTableModel to the articles that pull its numbers down.
class ArticleAgreementModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ArticleColumn, FirstMeasureColumn };

    explicit ArticleAgreementModel(QObject *parent = nullptr);

    void setReport(const AgreementReport &report);
    void setPair(const AnnotatorPair &pair);
    AnnotatorPair pair() const { return m_pair; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void collectRows();

    QList<AgreementReport::ArticleRow> m_allRows;
    AnnotatorPair m_pair;
    QList<qsizetype> m_rows; ///< indexes into m_allRows of the pair's articles
};

} // namespace Byline

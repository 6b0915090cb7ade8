// SPDX-License-Identifier: GPL-3.0-or-later
#include "agreement/agreementtablemodel.h"

#include "agreement/agreementheat.h"
#include "modelroles.h"

#include <cmath>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

QString shown(std::optional<double> value)
{
    return value ? QString::number(*value, 'f', 2) : u"–"_s;
}

/// The roles every measure cell answers the same way in both models.
QVariant measureData(std::optional<double> value, Measure measure, int role)
{
    switch (role) {
    case Qt::DisplayRole:
        return shown(value);
    case Qt::ToolTipRole:
        return value
            ? u"%1: %2"_s.arg(measureTitle(measure).replace(u'\n', u' '), QString::number(*value, 'f', 3))
            : AgreementCalculator::tr("%1: nothing to compare")
                  .arg(measureTitle(measure).replace(u'\n', u' '));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        return value ? QVariant(agreementHeat(value)) : QVariant();
    case Qt::ForegroundRole:
        // the heat colours are pale in any colour scheme: dark text stays readable on them
        return value ? QVariant(QColor(Qt::black)) : QVariant();
    case SortRole:
        // undefined sorts below every value, as the worst is what the analyst looks for
        return value ? *value : -2.0;
    default:
        return {};
    }
}

QVariant measureHeader(int measureIndex, int role)
{
    if (measureIndex < 0 || measureIndex >= measureCount)
        return {};
    if (role == Qt::DisplayRole)
        return measureTitle(Measure(measureIndex));
    return {};
}

std::optional<double> fromFloat(float value)
{
    return std::isnan(value) ? std::nullopt : std::optional<double>(value);
}

} // namespace

AgreementTableModel::AgreementTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void AgreementTableModel::setReport(const AgreementReport &report)
{
    beginResetModel();
    m_report = report;
    m_report.articleRows.clear(); // ArticleAgreementModel keeps those
    m_pairs = report.pairs.keys();
    endResetModel();
}

int AgreementTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_pairs.isEmpty() ? 0 : int(m_pairs.size()) + 1;
}

int AgreementTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstMeasureColumn + measureCount;
}

std::optional<double> AgreementTableModel::value(int row, Measure measure) const
{
    if (row < m_pairs.size())
        return m_report.pairs.value(m_pairs[row]).value(measure);
    return measure == Measure::EntityAlpha ? m_report.alphaAll() : std::nullopt;
}

QVariant AgreementTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    const bool allRow = row == m_pairs.size();
    if (role == PairRole)
        return allRow ? QStringList() : QStringList { m_pairs[row].first, m_pairs[row].second };
    switch (index.column()) {
    case PairColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return allRow ? AgreementCalculator::tr("all annotators")
                          : m_pairs[row].first + u" / "_s + m_pairs[row].second;
        return {};
    case ArticlesColumn: {
        const int articles = allRow ? m_report.articlesCompared : m_report.pairs.value(m_pairs[row]).articles;
        if (role == Qt::DisplayRole || role == SortRole)
            return articles;
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    default: {
        const Measure measure = measureOf(index.column());
        return measureData(value(row, measure), measure, role);
    }
    }
}

QVariant AgreementTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole && section == PairColumn)
        return AgreementCalculator::tr("Annotators");
    if (role == Qt::DisplayRole && section == ArticlesColumn)
        return AgreementCalculator::tr("Articles");
    return measureHeader(section - FirstMeasureColumn, role);
}

ArticleAgreementModel::ArticleAgreementModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ArticleAgreementModel::setReport(const AgreementReport &report)
{
    beginResetModel();
    m_allRows = report.articleRows;
    collectRows();
    endResetModel();
}

void ArticleAgreementModel::setPair(const AnnotatorPair &pair)
{
    beginResetModel();
    m_pair = pair;
    collectRows();
    endResetModel();
}

void ArticleAgreementModel::collectRows()
{
    m_rows.clear();
    for (qsizetype i = 0; i < m_allRows.size(); ++i) {
        if (m_allRows[i].pair == m_pair)
            m_rows.append(i);
    }
}

int ArticleAgreementModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ArticleAgreementModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstMeasureColumn + measureCount;
}

QVariant ArticleAgreementModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const AgreementReport::ArticleRow &row = m_allRows[m_rows[index.row()]];
    if (role == IdRole)
        return row.articleId;
    if (index.column() == ArticleColumn)
        return role == Qt::DisplayRole || role == SortRole ? QVariant(row.key) : QVariant();
    const int measure = index.column() - FirstMeasureColumn;
    return measureData(fromFloat(row.values[measure]), Measure(measure), role);
}

QVariant ArticleAgreementModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole && section == ArticleColumn)
        return AgreementCalculator::tr("Article");
    return measureHeader(section - FirstMeasureColumn, role);
}

} // namespace Byline

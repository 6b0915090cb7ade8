// SPDX-License-Identifier: GPL-3.0-or-later
#include "figuremodel.h"

#include "modelroles.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString formatValue(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString || !value.isValid())
        return value.toString();
    return QLocale().toString(value.toDouble(), 'g', 15);
}

} // namespace

FigureModel::FigureModel(Document *document, QObject *parent)
    : RecordTableModel(document, ColumnCount, parent)
{
    followRows(&Document::figureAboutToBeInserted, &Document::figureInserted,
        &Document::figureAboutToBeRemoved, &Document::figureRemoved, &Document::figureChanged);
}

int FigureModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_document->annotations().figures.size());
}

QVariant FigureModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Figure &figure = m_document->annotations().figures[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (Column(index.column())) {
        case Value:
            if (role == SortRole)
                return figure.value;
            return figure.valueMax.isValid()
                ? formatValue(figure.value) + u"–"_s + formatValue(figure.valueMax)
                : formatValue(figure.value);
        case Unit:
            return figure.unit;
        case Kind:
            return figure.kind;
        case Qualifier:
            return figure.qualifier;
        case Status:
            return role == SortRole ? QVariant(int(figure.provenance.status))
                                    : QVariant(toString(figure.provenance.status));
        case Text:
            return role == SortRole ? QVariant(qlonglong(figure.span.start))
                                    : QVariant(textOf(m_document->currentArticle().text, figure.span));
        case ColumnCount:
            break;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Value)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case IdRole:
        return figure.id;
    case SpanRole:
        return QVariant::fromValue(figure.span);
    case StatusRole:
        return int(figure.provenance.status);
    }
    return {};
}

QVariant FigureModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Value:
        return tr("Value");
    case Unit:
        return tr("Unit");
    case Kind:
        return tr("Kind");
    case Qualifier:
        return tr("Qualifier");
    case Status:
        return tr("Status");
    case Text:
        return tr("Text");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Byline

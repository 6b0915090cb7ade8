// SPDX-License-Identifier: GPL-3.0-or-later
#include "figuremodel.h"

#include "annotationeditor.h"
#include "annotationstatusstyle.h"
#include "figurevalue.h"
#include "modelroles.h"

#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Byline {

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
            return FigureValue::format(figure.value, figure.valueMax);
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
    case Qt::EditRole:
        switch (Column(index.column())) {
        case Value:
            return FigureValue::format(figure.value, figure.valueMax);
        case Unit:
            return figure.unit;
        case Kind:
            return figure.kind;
        case Qualifier:
            return figure.qualifier;
        case Status:
            return toString(figure.provenance.status);
        case Text:
        case ColumnCount:
            break;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == Status)
            return statusColour(figure.provenance.status);
        break;
    case Qt::FontRole:
        if (figure.provenance.status == AnnotationStatus::Rejected) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        break;
    case Qt::ToolTipRole:
    case PreviousRole:
        return describePrevious(figure.provenance.previous);
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

Qt::ItemFlags FigureModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = RecordTableModel::flags(index);
    if (index.isValid() && index.column() != Text && !m_document->isReadOnly())
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool FigureModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Figure &figure = m_document->annotations().figures[index.row()];
    const QString text = value.toString().trimmed();
    AnnotationEditor editor(m_document);
    const auto refuse = [this](const QString &message) {
        Q_EMIT editRefused(message);
        return false;
    };
    if (index.column() == Status) {
        const auto status = annotationStatusFromString(text);
        if (status == figure.provenance.status)
            return true;
        if (status != AnnotationStatus::Accepted && status != AnnotationStatus::Rejected)
            return refuse(
                tr("A figure can be accepted or rejected here; its other statuses follow from edits."));
        const AnnotationRef ref { Layer::Figures, figure.id };
        if (status == AnnotationStatus::Accepted ? editor.accept(ref) : editor.reject(ref))
            return true;
        return refuse(editor.errorString());
    }

    Figure after = figure;
    switch (Column(index.column())) {
    case Value: {
        const auto parsed = FigureValue::parse(figure.kind, text);
        if (!parsed)
            return refuse(figure.kind == u"date"_s
                    ? tr("A date is written as in ISO 8601: 2006, 2003-11, 2022-01-05 or --03-23.")
                    : tr("%1 is not a number.").arg(text));
        after.value = parsed->value;
        after.valueMax = parsed->valueMax;
        break;
    }
    case Unit:
        after.unit = text;
        break;
    case Qualifier:
        after.qualifier = text;
        break;
    case Kind: {
        if (!m_document->schema().figureKinds.contains(text))
            return refuse(tr("%1 is not one of the project's figure kinds.").arg(text));
        after.kind = text;
        // A date keeps its value as text, other kinds as a number: read it again for the new kind.
        const auto parsed = FigureValue::parse(
            text, FigureValue::format(figure.value, figure.valueMax).remove(QLocale().groupSeparator()));
        if (!parsed)
            return refuse(tr("The value %1 is no %2: change the value first.")
                    .arg(FigureValue::format(figure.value, figure.valueMax), text));
        after.value = parsed->value;
        after.valueMax = parsed->valueMax;
        break;
    }
    case Status:
    case Text:
    case ColumnCount:
        return false;
    }
    if (after == figure)
        return true;
    return editor.changeFigure(after) || refuse(editor.errorString());
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

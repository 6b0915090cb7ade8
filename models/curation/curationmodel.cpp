// SPDX-License-Identifier: GPL-3.0-or-later
#include "curation/curationmodel.h"

#include "document.h"

#include <QFont>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

constexpr qsizetype shownCharacters = 60;

QString shortened(const QString &text)
{
    const QString simple = text.simplified();
    return simple.size() <= shownCharacters ? simple : simple.left(shownCharacters - 1) + u'…';
}

QString layerName(Layer layer)
{
    switch (layer) {
    case Layer::Entities:
        return CurationModel::tr("Entity");
    case Layer::Quotes:
        return CurationModel::tr("Quote");
    case Layer::Figures:
        break;
    }
    return CurationModel::tr("Figure");
}

QString valueText(const QVariant &value)
{
    return value.typeId() == QMetaType::QString ? value.toString()
                                                : QString::number(value.toDouble(), 'g', 12);
}

} // namespace

CurationModel::CurationModel(Document *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &Document::annotationsReset, this, &CurationModel::refresh);
    connect(document, &Document::currentArticleChanged, this, &CurationModel::refresh);
    // Every edit is a step on the stack: align once it is complete, not after each of its records.
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &CurationModel::refresh);
    refresh();
}

void CurationModel::refresh()
{
    beginResetModel();
    m_units = m_document->hasArticle()
        ? CurationUnits::align(m_document->currentArticle(), m_document->annotations())
        : CurationUnits();
    m_disagreementIndex.clear();
    int disagreements = 0;
    for (const CurationUnit &unit : m_units.units())
        m_disagreementIndex.append(unit.agreed ? -1 : disagreements++);
    endResetModel();
}

int CurationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_units.units().size());
}

int CurationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : curatedColumn() + 1;
}

QColor CurationModel::unitColour(int row) const
{
    const int index = m_disagreementIndex.value(row, -1);
    if (index < 0)
        return {};
    // Golden-angle steps keep neighbouring disagreements apart in hue, light enough to read on.
    return QColor::fromHsv(int(index * 137.508) % 360, 70, 255);
}

int CurationModel::nextDisagreement(int row, int step) const
{
    for (int candidate = row + step; candidate >= 0 && candidate < rowCount(); candidate += step) {
        if (m_disagreementIndex[candidate] >= 0)
            return candidate;
    }
    return -1;
}

QString CurationModel::describe(const CurationVersion &version) const
{
    const QString &text = m_document->currentArticle().text;
    switch (version.layer) {
    case Layer::Entities:
        return tr("“%1” %2 (%3)")
            .arg(shortened(textOf(text, version.mention.span)), version.entity.type, version.entity.name);
    case Layer::Quotes: {
        QStringList parts;
        for (const Span &part : version.quote.content)
            parts << textOf(text, part);
        const QString speaker = version.entity.id != 0 ? version.entity.name : tr("no speaker");
        return tr("%1 — %2, %3").arg(shortened(parts.join(u" … "_s)), speaker, toString(version.quote.kind));
    }
    case Layer::Figures:
        break;
    }
    const Figure &figure = version.figure;
    QString value = valueText(figure.value);
    if (figure.valueMax.isValid() && !figure.valueMax.isNull())
        value += u"–"_s + valueText(figure.valueMax);
    return tr("“%1” %2 = %3 %4")
        .arg(shortened(textOf(text, figure.span)), figure.kind, value, figure.unit)
        .trimmed();
}

QString CurationModel::whatAndWhere(const CurationUnit &unit) const
{
    return tr("%1: %2").arg(
        layerName(unit.layer), shortened(textOf(m_document->currentArticle().text, unit.span)));
}

QVariant CurationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CurationUnit &unit = m_units.units()[index.row()];
    const int column = index.column();
    const int annotator = column - 1;
    const bool isAnnotator = column > 0 && column < curatedColumn();
    const std::optional<CurationVersion> *version = isAnnotator ? &unit.versions[annotator]
        : column == curatedColumn()                             ? &unit.curated
                                                                : nullptr;
    const bool differs = isAnnotator && unit.differsFromMajority[annotator];
    switch (role) {
    case Qt::DisplayRole:
        if (!version)
            return whatAndWhere(unit);
        if (!*version)
            return column == curatedColumn() ? QString() : u"—"_s;
        if (unit.decision() == CurationUnit::Decision::Rejected && column == curatedColumn())
            return tr("✗ rejected");
        return QString((column == curatedColumn() ? u"✓ "_s : QString()) + describe(**version));
    case Qt::ToolTipRole:
        if (version && *version)
            return tr("%1\n%2 (%3)")
                .arg(describe(**version), (*version)->provenance().annotator,
                    (*version)->provenance().rule.isEmpty() ? toString((*version)->provenance().status)
                                                            : (*version)->provenance().rule);
        if (isAnnotator)
            return tr("%1 did not mark this.").arg(m_units.annotators()[annotator]);
        return unit.agreed ? tr("The annotators agree.") : tr("The annotators disagree.");
    case Qt::BackgroundRole:
        if (column == 0 || differs)
            return unitColour(index.row()).isValid() ? QVariant(unitColour(index.row())) : QVariant();
        return {};
    case Qt::ForegroundRole:
        // The background is a light colour whatever the palette: keep the text dark on it.
        if ((column == 0 || differs) && unitColour(index.row()).isValid())
            return QColor(Qt::black);
        return {};
    case Qt::FontRole:
        if (differs) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case SpanRole:
        return QVariant::fromValue(version && *version ? (*version)->span() : unit.span);
    case IdRole:
        return version && *version ? QVariant::fromValue((*version)->recordId()) : QVariant();
    case AgreedRole:
        return unit.agreed;
    case DecisionRole:
        return int(unit.decision());
    case DiffersRole:
        return differs;
    case UnitColourRole:
        return unitColour(index.row());
    }
    return {};
}

QVariant CurationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return {};
    if (section == 0)
        return tr("Annotation");
    if (section == curatedColumn())
        return tr("Curated");
    // The key that accepts the version, where there is one.
    const QString &name = m_units.annotators()[section - 1];
    return section <= 9 ? tr("%1 %2").arg(section).arg(name) : name;
}

} // namespace Byline

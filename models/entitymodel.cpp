// SPDX-License-Identifier: GPL-3.0-or-later
#include "entitymodel.h"

#include <algorithm>

#include "annotationeditor.h"
#include "annotationstatusstyle.h"
#include "document.h"
#include "modelroles.h"

#include <QFont>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

const QString entityMimeType = u"application/x-byline-entity-id"_s;

} // namespace

EntityModel::EntityModel(Document *document, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
{
    connect(document, &Document::annotationsAboutToBeReset, this, &EntityModel::beginResetModel);
    connect(document, &Document::annotationsReset, this, &EntityModel::endResetModel);
    connect(document, &Document::entityAboutToBeInserted, this,
        [this](int row) { beginInsertRows(QModelIndex(), row, row); });
    connect(document, &Document::entityInserted, this, &EntityModel::endInsertRows);
    connect(document, &Document::entityAboutToBeRemoved, this,
        [this](int row) { beginRemoveRows(QModelIndex(), row, row); });
    connect(document, &Document::entityRemoved, this, &EntityModel::endRemoveRows);
    // A type's colour is drawn beside every entity of the type.
    connect(document, &Document::schemaChanged, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, Name), index(rowCount() - 1, Type));
    });
    connect(document, &Document::entityChanged, this,
        [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
    connect(document, &Document::mentionAboutToBeInserted, this,
        [this](int entityRow, int row) { beginInsertRows(index(entityRow, 0), row, row); });
    // An entity's row shows its mention count (rejecting one changes it) and takes its span from
    // its first mention.
    const auto entityRowChanged = [this](int entityRow) {
        Q_EMIT dataChanged(index(entityRow, 0), index(entityRow, ColumnCount - 1));
    };
    connect(document, &Document::mentionInserted, this, [this, entityRowChanged](int entityRow) {
        endInsertRows();
        entityRowChanged(entityRow);
    });
    connect(document, &Document::mentionAboutToBeRemoved, this,
        [this](int entityRow, int row) { beginRemoveRows(index(entityRow, 0), row, row); });
    connect(document, &Document::mentionRemoved, this, [this, entityRowChanged](int entityRow) {
        endRemoveRows();
        entityRowChanged(entityRow);
    });
    connect(document, &Document::mentionChanged, this, [this, entityRowChanged](int entityRow, int row) {
        const QModelIndex entityIndex = index(entityRow, 0);
        Q_EMIT dataChanged(index(row, 0, entityIndex), index(row, ColumnCount - 1, entityIndex));
        entityRowChanged(entityRow);
    });
}

QModelIndex EntityModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(m_document->annotations().entities[parent.row()].id));
}

QModelIndex EntityModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const qsizetype row = m_document->entityRow(RecordId(child.internalId()));
    return row < 0 ? QModelIndex() : createIndex(int(row), 0, quintptr(0));
}

int EntityModel::rowCount(const QModelIndex &parent) const
{
    const auto &entities = m_document->annotations().entities;
    if (!parent.isValid())
        return int(entities.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(entities[parent.row()].mentions.size());
}

int EntityModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool EntityModel::isMention(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() != 0;
}

QVariant EntityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (isMention(index))
        return mentionData(
            int(m_document->entityRow(RecordId(index.internalId()))), index.row(), index.column(), role);
    return entityData(index.row(), index.column(), role);
}

QVariant EntityModel::entityData(int row, int column, int role) const
{
    const Entity &entity = m_document->annotations().entities[row];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (Column(column)) {
        case Name:
            return entity.name;
        case Type:
            return entity.type;
        case Mentions:
            return mentionCount(entity);
        case Status:
            return role == SortRole ? QVariant(int(entity.provenance.status))
                                    : QVariant(toString(entity.provenance.status));
        case ColumnCount:
            break;
        }
        break;
    case Qt::EditRole:
        if (column == Name)
            return entity.name;
        if (column == Type)
            return entity.type;
        break;
    case Qt::DecorationRole:
        if (column == Name) {
            if (const auto type = m_document->entityType(entity.type))
                return type->colour;
        }
        if (column == Status)
            return statusColour(entity.provenance.status);
        break;
    case Qt::FontRole:
        if (entity.provenance.status == AnnotationStatus::Rejected) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        break;
    case Qt::ToolTipRole:
    case PreviousRole:
        return describePrevious(entity.provenance.previous);
    case IdRole:
        return entity.id;
    case SpanRole:
        return entity.mentions.isEmpty() ? QVariant() : QVariant::fromValue(entity.mentions.first().span);
    case StatusRole:
        return int(entity.provenance.status);
    }
    return {};
}

// A rejected mention is not one the analyst counts; a rejected entity shows what was rejected.
int EntityModel::mentionCount(const Entity &entity)
{
    if (entity.provenance.status == AnnotationStatus::Rejected)
        return int(entity.mentions.size());
    return int(std::count_if(entity.mentions.cbegin(), entity.mentions.cend(),
        [](const Mention &mention) { return mention.provenance.status != AnnotationStatus::Rejected; }));
}

QVariant EntityModel::mentionData(int entityRow, int row, int column, int role) const
{
    if (entityRow < 0)
        return {};
    const Mention &mention = m_document->annotations().entities[entityRow].mentions[row];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (Column(column)) {
        case Name:
            return textOf(m_document->currentArticle().text, mention.span);
        case Mentions:
            return role == SortRole ? QVariant(qlonglong(mention.span.start))
                                    : QVariant(tr("at %1").arg(mention.span.start));
        case Status:
            return role == SortRole ? QVariant(int(mention.provenance.status))
                                    : QVariant(toString(mention.provenance.status));
        case Type:
        case ColumnCount:
            break;
        }
        break;
    case Qt::DecorationRole:
        if (column == Status)
            return statusColour(mention.provenance.status);
        break;
    case Qt::FontRole:
        if (mention.provenance.status == AnnotationStatus::Rejected) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        break;
    case Qt::ToolTipRole:
    case PreviousRole:
        return describePrevious(mention.provenance.previous);
    case IdRole:
        return mention.id;
    case SpanRole:
        return QVariant::fromValue(mention.span);
    case StatusRole:
        return int(mention.provenance.status);
    }
    return {};
}

Qt::ItemFlags EntityModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    if (!index.isValid() || isMention(index))
        return flags;
    flags |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    if ((index.column() == Name || index.column() == Type) && !m_document->isReadOnly())
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool EntityModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || isMention(index))
        return false;
    const Entity &entity = m_document->annotations().entities[index.row()];
    const QString text = value.toString().simplified();
    AnnotationEditor editor(m_document);
    bool done = true;
    if (index.column() == Name && text != entity.name)
        done = editor.renameEntity(entity.id, text);
    else if (index.column() == Type && text != entity.type)
        done = editor.setEntityType(entity.id, text);
    if (!done)
        Q_EMIT editRefused(editor.errorString());
    return done;
}

Qt::DropActions EntityModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

QStringList EntityModel::mimeTypes() const
{
    return { entityMimeType };
}

QMimeData *EntityModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && !isMention(index)) {
            auto *data = new QMimeData;
            data->setData(entityMimeType, QByteArray::number(index.data(IdRole).toLongLong()));
            return data;
        }
    }
    return nullptr;
}

RecordId EntityModel::draggedEntity(const QMimeData *data) const
{
    return data && data->hasFormat(entityMimeType) ? data->data(entityMimeType).toLongLong() : 0;
}

bool EntityModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction, int row, int, const QModelIndex &parent) const
{
    // Only onto another entity's row: between rows there is nothing to merge with.
    const RecordId source = draggedEntity(data);
    return row < 0 && parent.isValid() && !isMention(parent) && source != 0
        && source != parent.data(IdRole).toLongLong() && !m_document->isReadOnly();
}

bool EntityModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    AnnotationEditor editor(m_document);
    if (editor.mergeEntities(parent.data(IdRole).toLongLong(), draggedEntity(data)))
        return true;
    Q_EMIT editRefused(editor.errorString());
    return false;
}

QVariant EntityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Type:
        return tr("Type");
    case Mentions:
        return tr("Mentions");
    case Status:
        return tr("Status");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Byline

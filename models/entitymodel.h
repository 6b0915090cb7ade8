// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QAbstractItemModel>

namespace Byline {

class Document;

/// The entities of the current article, each with its mentions as children.
///
/// A mention's index carries its entity's id (ids are stable, rows are not), so
/// persistent indexes survive entities coming and going.
class EntityModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, Type, Mentions, Status, ColumnCount };

    explicit EntityModel(Document *document, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Renames an entity (Name) or changes its type (Type) through the annotation editor.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // Dragging an entity onto another merges it into that one.
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;

    bool isMention(const QModelIndex &index) const;

Q_SIGNALS:
    /// An edit through the model could not be made (an empty name, a type not in the schema).
    void editRefused(const QString &message);

private:
    RecordId draggedEntity(const QMimeData *data) const;
    QVariant entityData(int row, int column, int role) const;
    static int mentionCount(const Entity &entity);
    QVariant mentionData(int entityRow, int row, int column, int role) const;

    Document *m_document;
};

} // namespace Byline

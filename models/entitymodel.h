// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

    bool isMention(const QModelIndex &index) const;

private:
    QVariant entityData(int row, int column, int role) const;
    QVariant mentionData(int entityRow, int row, int column, int role) const;

    Document *m_document;
};

} // namespace Byline

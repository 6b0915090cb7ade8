// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordtablemodel.h"

namespace Byline {

RecordTableModel::RecordTableModel(Document *document, int columnCount, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_columnCount(columnCount)
{
    connect(document, &Document::annotationsAboutToBeReset, this, &RecordTableModel::beginResetModel);
    connect(document, &Document::annotationsReset, this, &RecordTableModel::endResetModel);
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columnCount;
}

void RecordTableModel::followRows(RowSignal aboutToBeInserted, RowSignal inserted, RowSignal aboutToBeRemoved,
    RowSignal removed, RowSignal changed)
{
    connect(
        m_document, aboutToBeInserted, this, [this](int row) { beginInsertRows(QModelIndex(), row, row); });
    connect(m_document, inserted, this, [this] { endInsertRows(); });
    connect(
        m_document, aboutToBeRemoved, this, [this](int row) { beginRemoveRows(QModelIndex(), row, row); });
    connect(m_document, removed, this, [this] { endRemoveRows(); });
    connect(m_document, changed, this,
        [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, m_columnCount - 1)); });
}

} // namespace Byline

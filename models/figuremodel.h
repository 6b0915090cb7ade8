// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordtablemodel.h"

namespace Byline {

/// The figures of the current article: numbers with what they count.
class FigureModel final : public RecordTableModel {
    Q_OBJECT
public:
    enum Column { Value, Unit, Kind, Qualifier, Status, Text, ColumnCount };

    explicit FigureModel(Document *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Value is parsed (FigureValue); Kind must be one of the schema's figure kinds; Status
    /// takes "accepted" or "rejected" (a review), the other statuses follow from edits.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
};

} // namespace Byline

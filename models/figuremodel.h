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
};

} // namespace Byline

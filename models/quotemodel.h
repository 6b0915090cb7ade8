// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordtablemodel.h"

namespace Byline {

/// The quotes of the current article: who said what, through which cue.
class QuoteModel final : public RecordTableModel {
    Q_OBJECT
public:
    enum Column { Speaker, Cue, Kind, Status, Content, ColumnCount };

    explicit QuoteModel(Document *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString speakerName(const Quote &quote) const;
    QString contentText(const Quote &quote) const;
};

} // namespace Byline

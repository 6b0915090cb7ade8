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
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Speaker takes an entity's name (or its id as a number, or "" for none); Kind a kind's name.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    /// The article's entity a typed speaker name stands for: the same name (case and white space
    /// ignored), else the only entity whose name contains it. 0 when none or several match.
    RecordId entityNamed(const QString &name) const;

private:
    QString speakerName(const Quote &quote) const;
    QString contentText(const Quote &quote) const;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "document.h"

#include <QAbstractTableModel>

namespace Byline {

/// Base of the flat per-article tables (quotes, figures): follows one list of the
/// document row by row and resets when another article is shown.
class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;

Q_SIGNALS:
    /// An edit through the model could not be made; message says why.
    void editRefused(const QString &message);

protected:
    using RowSignal = void (Document::*)(int);

    RecordTableModel(Document *document, int columnCount, QObject *parent);
    void followRows(RowSignal aboutToBeInserted, RowSignal inserted, RowSignal aboutToBeRemoved,
        RowSignal removed, RowSignal changed);

    Document *m_document;

private:
    int m_columnCount;
};

} // namespace Byline

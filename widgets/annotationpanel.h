// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QWidget>

class QAbstractItemModel;
class QSortFilterProxyModel;
class QTreeView;

namespace Byline {

/// A dockable list of one annotation layer (entities, quotes or figures), sortable by
/// every column. Choosing a row announces its span; a position in the text selects the
/// row that covers it.
class AnnotationPanel final : public QWidget {
    Q_OBJECT
public:
    enum class Shape { Table, Tree };

    AnnotationPanel(QAbstractItemModel *model, Shape shape, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    /// Selects the narrowest row (or child row) whose span covers position, or clears the
    /// selection. Emits nothing: the caller already knows the position.
    bool selectRowAt(qsizetype position);
    /// The span of the current row, null when nothing is selected.
    Span currentSpan() const;

Q_SIGNALS:
    void spanActivated(Byline::Span span);

private:
    void fitColumns();
    void onCurrentChanged(const QModelIndex &current);

    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    bool m_selectingProgrammatically = false;
};

} // namespace Byline

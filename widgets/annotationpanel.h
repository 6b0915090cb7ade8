// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QAbstractItemModel>
#include <QWidget>

class QLabel;
class QMenu;
class QTreeView;

namespace Byline {

class AnnotationFilterProxyModel;

/// A dockable list of one annotation layer (entities, quotes or figures), sortable by
/// every column. Choosing a row announces its span; a position in the text selects the
/// row that covers it. A line under the list tells what the current row's suggestion was
/// before the analyst edited it. Rejected suggestions are left out unless asked for, then
/// struck out. Layers with edits of their own derive from it. When the list is read again
/// (another client changed the article), the current record stays current.
class AnnotationPanel : public QWidget {
    Q_OBJECT
public:
    enum class Shape { Table, Tree };

    /// The panel sorts through proxy when given (it takes ownership), else a plain one.
    AnnotationPanel(QAbstractItemModel *model, Shape shape, QWidget *parent = nullptr,
        AnnotationFilterProxyModel *proxy = nullptr);

    QTreeView *view() const { return m_view; }
    AnnotationFilterProxyModel *proxy() const { return m_proxy; }
    /// Lists rejected suggestions too (struck out by the model), as View > Show Rejected
    /// Suggestions asks.
    void setShowRejected(bool show);
    /// The detail line: what the current row was before an edit, or why an edit was refused.
    QLabel *detailLabel() const { return m_detail; }
    /// Selects the narrowest row (or child row) whose span covers position, or clears the
    /// selection. Emits nothing: the caller already knows the position.
    bool selectRowAt(qsizetype position);
    /// Makes the record with this id current (a mention: under its entity, parentId), as a
    /// click would, so that the article view shows it; false when the list does not hold it.
    bool selectRecord(RecordId id, RecordId parentId = 0);
    /// The span of the current row, null when nothing is selected.
    Span currentSpan() const;

Q_SIGNALS:
    void spanActivated(Byline::Span span);

protected:
    /// Puts a widget (a filter bar) above the list.
    void setHeaderWidget(QWidget *widget);
    /// Adds the layer's actions to the context menu of the rows under the mouse.
    virtual void fillContextMenu(QMenu *) { }
    /// Source-model indexes (column 0) of the selected rows.
    QModelIndexList selectedSourceRows() const;
    void showRefusal(const QString &message);

private:
    void fitColumns();
    void onCurrentChanged(const QModelIndex &current);
    void showDetail();
    void rememberCurrent();
    void restoreCurrent();
    QModelIndex findRecord(RecordId id, RecordId parentId) const;

    AnnotationFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLabel *m_detail;
    bool m_selectingProgrammatically = false;
    /// The current record and scroll position while the model is reset (another client's change).
    RecordId m_currentBeforeReset = 0;
    RecordId m_currentParentBeforeReset = 0;
    int m_scrollBeforeReset = 0;
};

} // namespace Byline

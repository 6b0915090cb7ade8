// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationpanel.h"

#include "annotationfilterproxymodel.h"
#include "modelroles.h"

#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace Byline {

AnnotationPanel::AnnotationPanel(
    QAbstractItemModel *model, Shape shape, QWidget *parent, AnnotationFilterProxyModel *proxy)
    : QWidget(parent)
    , m_proxy(proxy ? proxy : new AnnotationFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_detail(new QLabel(this))
{
    m_proxy->setParent(this);
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // model order (creation) until a header is clicked
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Typing over a cell (F2, a double click) edits it; the model turns that into an undo step.
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_view->setRootIsDecorated(shape == Shape::Tree);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setContentsMargins(4, 2, 4, 2);
    m_detail->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_view);
    layout->addWidget(m_detail);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &AnnotationPanel::onCurrentChanged);
    connect(model, &QAbstractItemModel::modelReset, this, &AnnotationPanel::fitColumns);
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, &AnnotationPanel::rememberCurrent);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &AnnotationPanel::restoreCurrent);
    connect(model, &QAbstractItemModel::dataChanged, this, &AnnotationPanel::showDetail);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        QMenu menu(this);
        fillContextMenu(&menu);
        if (!menu.isEmpty())
            menu.exec(m_view->viewport()->mapToGlobal(position));
    });
}

void AnnotationPanel::setShowRejected(bool show)
{
    m_proxy->setShowRejected(show);
}

void AnnotationPanel::setHeaderWidget(QWidget *widget)
{
    static_cast<QVBoxLayout *>(layout())->insertWidget(0, widget);
}

QModelIndexList AnnotationPanel::selectedSourceRows() const
{
    QModelIndexList rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(index);
    return rows;
}

void AnnotationPanel::showRefusal(const QString &message)
{
    if (message.isEmpty())
        return;
    m_detail->setText(message);
    m_detail->setVisible(true);
}

void AnnotationPanel::showDetail()
{
    const QModelIndex current = m_view->currentIndex();
    const QString previous
        = current.isValid() ? current.siblingAtColumn(0).data(PreviousRole).toString() : QString();
    m_detail->setText(previous);
    m_detail->setVisible(!previous.isEmpty());
}

void AnnotationPanel::fitColumns()
{
    // Wide enough for what this article holds, never so wide that the last column (the
    // quote's content, the figure's text) disappears off the panel.
    constexpr int widest = 200;
    for (int column = 0; column + 1 < m_proxy->columnCount(); ++column) {
        m_view->resizeColumnToContents(column);
        m_view->setColumnWidth(column, std::min(m_view->columnWidth(column), widest));
    }
}

void AnnotationPanel::rememberCurrent()
{
    const QModelIndex current = m_view->currentIndex().siblingAtColumn(0);
    m_currentBeforeReset = current.isValid() ? current.data(IdRole).value<RecordId>() : 0;
    m_currentParentBeforeReset
        = current.parent().isValid() ? current.parent().data(IdRole).value<RecordId>() : 0;
    m_scrollBeforeReset = m_view->verticalScrollBar()->value();
}

// Found by record id, not row: the rows before it may have come or gone. A child row (a mention)
// is looked for under its parent, as ids are only unique within a table. Selected quietly, so
// that the article view does not jump to it.
void AnnotationPanel::restoreCurrent()
{
    const RecordId id = std::exchange(m_currentBeforeReset, 0);
    const RecordId parentId = std::exchange(m_currentParentBeforeReset, 0);
    if (id == 0)
        return;
    const QModelIndex found = findRecord(id, parentId);
    if (!found.isValid())
        return;
    m_selectingProgrammatically = true;
    m_view->setCurrentIndex(found);
    m_selectingProgrammatically = false;
    m_view->verticalScrollBar()->setValue(m_scrollBeforeReset);
}

QModelIndex AnnotationPanel::findRecord(RecordId id, RecordId parentId) const
{
    const auto find = [this](const QModelIndex &parent, RecordId wanted) {
        const QModelIndexList found = m_proxy->match(
            m_proxy->index(0, 0, parent), IdRole, QVariant::fromValue(wanted), 1, Qt::MatchExactly);
        return found.isEmpty() ? QModelIndex() : found.first();
    };
    const QModelIndex parent = parentId == 0 ? QModelIndex() : find(QModelIndex(), parentId);
    return parentId != 0 && !parent.isValid() ? QModelIndex() : find(parent, id);
}

bool AnnotationPanel::selectRecord(RecordId id, RecordId parentId)
{
    const QModelIndex found = findRecord(id, parentId);
    if (!found.isValid())
        return false;
    m_view->setCurrentIndex(found);
    m_view->scrollTo(found);
    return true;
}

void AnnotationPanel::onCurrentChanged(const QModelIndex &current)
{
    showDetail();
    if (m_selectingProgrammatically || !current.isValid())
        return;
    const Span span = current.siblingAtColumn(0).data(SpanRole).value<Span>();
    if (!span.isNull())
        Q_EMIT spanActivated(span);
}

Span AnnotationPanel::currentSpan() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(SpanRole).value<Span>() : Span();
}

bool AnnotationPanel::selectRowAt(qsizetype position)
{
    QModelIndex best;
    qsizetype bestLength = -1;
    const auto consider = [&](const QModelIndex &index) {
        const Span span = index.data(SpanRole).value<Span>();
        if (span.contains(position) && (bestLength < 0 || span.length() < bestLength)) {
            best = index;
            bestLength = span.length();
        }
    };
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        const int children = m_proxy->rowCount(index);
        if (children == 0)
            consider(index);
        for (int child = 0; child < children; ++child)
            consider(m_proxy->index(child, 0, index));
    }

    m_selectingProgrammatically = true;
    if (best.isValid()) {
        m_view->setCurrentIndex(best);
        m_view->scrollTo(best);
    } else {
        m_view->selectionModel()->clear();
    }
    m_selectingProgrammatically = false;
    return best.isValid();
}

} // namespace Byline

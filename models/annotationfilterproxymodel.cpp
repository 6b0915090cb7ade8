// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationfilterproxymodel.h"

#include "annotations.h"
#include "modelroles.h"

namespace Byline {

AnnotationFilterProxyModel::AnnotationFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A review changes a row's status, which can take it out of the list or bring it back;
    // a mention rejected or restored can do the same to its entity.
    setDynamicSortFilter(true);
    setRecursiveFilteringEnabled(true);
}

void AnnotationFilterProxyModel::setShowRejected(bool show)
{
    if (show == m_showRejected)
        return;
    m_showRejected = show;
    invalidateRowsFilter();
}

bool AnnotationFilterProxyModel::acceptsStatus(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_showRejected)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(StatusRole).toInt() == int(AnnotationStatus::Rejected))
        return false;
    // A parent with children is shown through them (recursive filtering): when each of them is
    // rejected, nothing of it is left to show.
    return sourceModel()->rowCount(index) == 0;
}

bool AnnotationFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return acceptsStatus(sourceRow, sourceParent);
}

} // namespace Byline

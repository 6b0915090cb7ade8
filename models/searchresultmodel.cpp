// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchresultmodel.h"

#include "modelroles.h"

#include <QScopedValueRollback>

using namespace Qt::StringLiterals;

namespace Byline {

SearchResultModel::SearchResultModel(const Store &store, QObject *parent)
    : QAbstractListModel(parent)
    , m_search(store)
{
}

// The first page is read inside the reset, and nothing is fetched while the reset is announced:
// rows inserted then would reach views that have not yet seen the reset.
bool SearchResultModel::setQuery(const QString &text)
{
    const QScopedValueRollback fetching(m_fetching, true);
    beginResetModel();
    m_query = text;
    const bool valid = m_search.setQuery(text);
    m_hits = m_search.fetch();
    endResetModel();
    return valid;
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchHit &hit = m_hits[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return hit.snippet;
    case Qt::ToolTipRole:
        return hit.title.isEmpty() ? hit.key : hit.title;
    case IdRole:
        return hit.articleId;
    case SpanRole:
        return QVariant::fromValue(hit.span);
    case SortRole:
        return index.row();
    }
    return {};
}

bool SearchResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_search.atEnd();
}

void SearchResultModel::fetchMore(const QModelIndex &parent)
{
    if (m_fetching || !canFetchMore(parent))
        return;
    const QScopedValueRollback fetching(m_fetching, true);
    const QList<SearchHit> page = m_search.fetch();
    if (page.isEmpty())
        return;
    const int first = int(m_hits.size());
    beginInsertRows(QModelIndex(), first, first + int(page.size()) - 1);
    m_hits.append(page);
    endInsertRows();
}

} // namespace Byline

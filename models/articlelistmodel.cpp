// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlelistmodel.h"

#include "document.h"
#include "modelroles.h"

#include <QScopedValueRollback>

namespace Byline {

ArticleListModel::ArticleListModel(Document *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_total(document->store().articleCount(ArticleFilter()))
{
    connect(document, &Document::articlesAdded, this, &ArticleListModel::updateTotal);
    connect(document, &Document::articleChanged, this, &ArticleListModel::refreshArticle);
    connect(document, &Document::changedElsewhereWhileOffline, this, &ArticleListModel::refreshLoadedRows);
}

int ArticleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ArticleListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArticleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArticleSummary &article = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (Column(index.column())) {
        case Title:
            return article.title.isEmpty() ? article.key : article.title;
        case Status:
            return role == SortRole ? QVariant(int(article.status)) : QVariant(toString(article.status));
        case Entities:
            return article.entityCount;
        case Quotes:
            return article.quoteCount;
        case Figures:
            return article.figureCount;
        case Source:
            return article.source;
        case Published:
            return article.published;
        case Key:
            return article.key;
        case Curation:
            if (role == SortRole)
                return article.curationDone ? 2 : article.curated ? 1 : 0;
            return article.curationDone ? tr("done")
                : article.curated       ? tr("in progress")
                                        : tr("not started");
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        return tr("%1\n%2").arg(article.title, article.source);
    case IdRole:
        return article.id;
    case StatusRole:
        return int(article.status);
    }
    return {};
}

QVariant ArticleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Title:
        return tr("Title");
    case Status:
        return tr("Status");
    case Entities:
        return tr("Entities");
    case Quotes:
        return tr("Quotes");
    case Figures:
        return tr("Figures");
    case Source:
        return tr("Source");
    case Published:
        return tr("Published");
    case Key:
        return tr("Id");
    case Curation:
        return tr("Curation");
    case ColumnCount:
        break;
    }
    return {};
}

bool ArticleListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void ArticleListModel::fetchMore(const QModelIndex &parent)
{
    // A slot connected to rowsAboutToBeInserted may ask for more while the page is being
    // inserted; the rows are not there yet, so a second fetch would add the same page again.
    if (m_fetching || !canFetchMore(parent))
        return;
    const QScopedValueRollback fetching(m_fetching, true);
    const QList<ArticleSummary> page = m_pageEnd
        ? pages().articlePageAfter(*m_pageEnd, pageSize, m_sort, m_filter)
        : pages().articleSummaries(0, pageSize, m_sort, m_filter);
    if (page.isEmpty()) {
        m_total = int(m_rows.size()); // articles went away behind our back
        return;
    }
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(page.size()) - 1);
    for (const ArticleSummary &summary : page) {
        m_rowOfId.insert(summary.id, int(m_rows.size()));
        m_rows.append(summary);
    }
    m_pageEnd = page.last();
    endInsertRows();
}

RecordId ArticleListModel::articleId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : 0;
}

int ArticleListModel::rowOf(RecordId articleId)
{
    // An article the filter hides would otherwise fetch every page looking for it.
    if (!m_rowOfId.contains(articleId) && !m_filter.isEmpty()
        && !m_document->store().articleMatches(articleId, m_filter))
        return -1;
    while (!m_rowOfId.contains(articleId) && canFetchMore(QModelIndex()))
        fetchMore(QModelIndex());
    return m_rowOfId.value(articleId, -1);
}

void ArticleListModel::refreshArticle(RecordId articleId)
{
    const int row = m_rowOfId.value(articleId, -1);
    if (row < 0)
        return;
    // A changed count or status may move the row or drop it from the filter; it stays where it is
    // until the next sort or filter, as a row should not jump away from under the analyst's pointer.
    if (auto summary = m_document->store().articleSummary(articleId)) {
        m_rows[row] = *summary;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

// Any loaded row may have changed while the client was offline: each is read again where it is,
// as refreshArticle() does for one (rows do not jump until the next sort or filter), and a row
// whose article is gone is dropped. Articles added meanwhile have the highest ids and come with
// the next page in id order; in any other order they may fall among the loaded rows, and a long
// list would take many statements on the window's thread: the list starts over at its first page.
void ArticleListModel::refreshLoadedRows()
{
    constexpr qsizetype mostRowsReadAgain = 4 * pageSize;
    if (m_sort != ArticleSort() || m_rows.size() > mostRowsReadAgain) {
        requery();
        return;
    }
    QList<RecordId> ids;
    ids.reserve(m_rows.size());
    for (const ArticleSummary &row : std::as_const(m_rows))
        ids << row.id;
    const auto current = m_document->store().articleSummaries(ids);
    if (!current)
        return; // lost again: the next time back online reads them
    const bool wasComplete = m_rows.size() >= m_total;
    {
        // Views asking for more while rows are removed would insert in the middle of it.
        const QScopedValueRollback fetching(m_fetching, true);
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            if (current->contains(m_rows[row].id))
                continue;
            beginRemoveRows({}, row, row);
            m_rowOfId.remove(m_rows[row].id);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        for (int row = 0; row < m_rows.size(); ++row) {
            m_rows[row] = current->value(m_rows[row].id);
            m_rowOfId.insert(m_rows[row].id, row);
        }
        m_total = std::max(pages().articleCount(m_filter), int(m_rows.size()));
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    }
    if (wasComplete && m_rows.size() < pageSize)
        fetchMore(QModelIndex());
}

void ArticleListModel::updateTotal()
{
    // New articles have the highest ids: in id order they come after the loaded pages, in any
    // other order they may fall among them, and the pages start over.
    if (m_sort != ArticleSort()) {
        requery();
        return;
    }
    const bool wasComplete = m_rows.size() == m_total;
    m_total = pages().articleCount(m_filter);
    // A view asks for more only while it scrolls; a list shown in full would never grow.
    if (wasComplete && m_rows.size() < pageSize)
        fetchMore(QModelIndex());
}

namespace {

std::optional<ArticleSortColumn> sortColumn(int column)
{
    switch (column) {
    case -1:
        return ArticleSortColumn::Id;
    case ArticleListModel::Title:
        return ArticleSortColumn::Title;
    case ArticleListModel::Status:
        return ArticleSortColumn::Status;
    case ArticleListModel::Entities:
        return ArticleSortColumn::Entities;
    case ArticleListModel::Quotes:
        return ArticleSortColumn::Quotes;
    case ArticleListModel::Figures:
        return ArticleSortColumn::Figures;
    case ArticleListModel::Source:
        return ArticleSortColumn::Source;
    case ArticleListModel::Published:
        return ArticleSortColumn::Published;
    case ArticleListModel::Key:
        return ArticleSortColumn::Key;
    }
    return std::nullopt;
}

} // namespace

void ArticleListModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<ArticleSortColumn> byColumn = sortColumn(column);
    if (!byColumn)
        return;
    const ArticleSort sort { *byColumn, order };
    if (sort == m_sort)
        return;
    m_sort = sort;
    requery();
}

void ArticleListModel::setFilter(const ArticleFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    requery();
}

void ArticleListModel::setPageSource(const ArticlePageSource *source)
{
    m_pageSource = source;
}

const ArticlePageSource &ArticleListModel::pages() const
{
    return m_pageSource ? *m_pageSource : m_document->store();
}

// The first page is read inside the reset, and nothing is fetched while the reset is announced:
// rows inserted then would reach views that have not yet seen the reset.
void ArticleListModel::requery()
{
    const QScopedValueRollback fetching(m_fetching, true);
    beginResetModel();
    m_rowOfId.clear();
    m_rows = pages().articleSummaries(0, pageSize, m_sort, m_filter);
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowOfId.insert(m_rows[row].id, row);
    m_pageEnd = m_rows.isEmpty() ? std::nullopt : std::optional(m_rows.last());
    m_total = std::max(pages().articleCount(m_filter), int(m_rows.size()));
    endResetModel();
}

} // namespace Byline

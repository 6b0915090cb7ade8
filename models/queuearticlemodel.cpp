// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuearticlemodel.h"

#include "modelroles.h"

#include <QScopedValueRollback>

namespace Byline {

QueueArticleModel::QueueArticleModel(const QueuePageSource &source, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
{
}

int QueueArticleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueArticleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueArticleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueuedArticle &article = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Title)
            return article.title.isEmpty() ? article.key : article.title;
        return article.done ? tr("done") : QString();
    case Qt::ToolTipRole:
        return article.key;
    case Qt::TextAlignmentRole:
        if (index.column() == Done)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case IdRole:
        return article.articleId;
    }
    return {};
}

QVariant QueueArticleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Title:
        return tr("Article");
    case Done:
        return tr("Done");
    case ColumnCount:
        break;
    }
    return {};
}

bool QueueArticleModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && m_rows.size() < m_progress.assigned;
}

void QueueArticleModel::fetchMore(const QModelIndex &parent)
{
    // A slot connected to rowsAboutToBeInserted may ask for more while the page is being
    // inserted; the rows are not there yet, so a second fetch would add the same page again.
    if (m_fetching || !canFetchMore(parent))
        return;
    const QScopedValueRollback fetching(m_fetching, true);
    const QList<QueuedArticle> page = m_source.queuePage(m_annotator, m_rows.last().articleId, pageSize);
    const bool failed = sourceFailed();
    m_atEnd = page.size() < pageSize || failed;
    if (failed) {
        Q_EMIT this->failed(m_error);
        return;
    }
    if (page.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(page.size()) - 1);
    m_rows.append(page);
    endInsertRows();
}

void QueueArticleModel::setAnnotator(const QString &annotator)
{
    m_annotator = annotator;
    requery();
}

// The first page is read inside the reset, and nothing is fetched while the reset is announced:
// rows inserted then would reach views that have not yet seen the reset.
void QueueArticleModel::requery()
{
    const QScopedValueRollback fetching(m_fetching, true);
    beginResetModel();
    m_rows.clear();
    m_error.clear();
    m_progress = { m_annotator };
    bool failed = false;
    if (!m_annotator.isEmpty()) {
        m_progress = m_source.progressOf(m_annotator);
        failed = sourceFailed();
        if (!failed && m_progress.assigned > 0) {
            m_rows = m_source.queuePage(m_annotator, 0, pageSize);
            failed = sourceFailed();
        }
    }
    m_atEnd = m_rows.size() < pageSize || failed;
    endResetModel();
    if (failed)
        Q_EMIT this->failed(m_error);
}

bool QueueArticleModel::sourceFailed()
{
    m_error = m_source.errorString();
    return !m_error.isEmpty();
}

RecordId QueueArticleModel::articleId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].articleId : 0;
}

} // namespace Byline

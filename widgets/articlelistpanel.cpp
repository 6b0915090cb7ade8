// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlelistpanel.h"

#include "articlelistmodel.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace Byline {

ArticleListPanel::ArticleListPanel(ArticleListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTableView(this))
{
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setSectionResizeMode(ArticleListModel::Title, QHeaderView::Stretch);
    for (int column = ArticleListModel::Status; column < ArticleListModel::ColumnCount; ++column) {
        m_view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
        // The list is narrow: title, status and counts first, the rest on demand.
        if (column >= ArticleListModel::Source)
            m_view->hideColumn(column);
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (!m_selectingProgrammatically && current.isValid())
                Q_EMIT articleActivated(m_model->articleId(current.row()));
        });
}

void ArticleListPanel::setCurrentArticle(RecordId articleId)
{
    const int row = m_model->rowOf(articleId);
    if (row < 0)
        return;
    m_selectingProgrammatically = true;
    m_view->setCurrentIndex(m_model->index(row, ArticleListModel::Title));
    m_view->scrollTo(m_model->index(row, ArticleListModel::Title));
    m_selectingProgrammatically = false;
}

} // namespace Byline

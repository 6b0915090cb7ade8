// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlelistpanel.h"

#include "articlelistmodel.h"

#include <QHeaderView>
#include <QMenu>
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
        // The dock is narrow: title, status and quotes first; the header's menu shows the rest.
        if (column != ArticleListModel::Status && column != ArticleListModel::Quotes)
            m_view->hideColumn(column);
    }
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
        &ArticleListPanel::showColumnMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (!m_selectingProgrammatically && current.isValid())
                Q_EMIT articleActivated(m_model->articleId(current.row()));
        });
}

void ArticleListPanel::showColumnMenu(const QPoint &position)
{
    QMenu menu(this);
    for (int column = ArticleListModel::Status; column < ArticleListModel::ColumnCount; ++column) {
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_view->isColumnHidden(column));
        connect(action, &QAction::toggled, this,
            [this, column](bool shown) { m_view->setColumnHidden(column, !shown); });
    }
    menu.exec(m_view->horizontalHeader()->mapToGlobal(position));
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

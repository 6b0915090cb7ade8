// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlelistpanel.h"

#include "articlelistmodel.h"
#include "articlequeue.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

ArticleListPanel::ArticleListPanel(ArticleListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filterEdit(new QLineEdit(this))
    , m_statusBox(new QComboBox(this))
    , m_queueBox(new QCheckBox(tr("My queue"), this))
    , m_queueProgress(new QLabel(this))
    , m_view(new QTableView(this))
    , m_filterTimer(new QTimer(this))
{
    m_filterEdit->setObjectName(u"articleFilter"_s);
    m_filterEdit->setPlaceholderText(tr("Filter by title, source or id"));
    m_filterEdit->setClearButtonEnabled(true);
    m_statusBox->setObjectName(u"articleStatusFilter"_s);
    m_statusBox->addItem(tr("All"));
    for (const ArticleStatus status : { ArticleStatus::Todo, ArticleStatus::InProgress, ArticleStatus::Done })
        m_statusBox->addItem(toString(status), int(status));
    // Each keystroke would ask the store again; a short pause lets a word be typed first.
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(150);
    connect(m_filterTimer, &QTimer::timeout, this, &ArticleListPanel::applyFilter);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_statusBox, &QComboBox::currentIndexChanged, this, &ArticleListPanel::applyFilter);
    m_queueBox->setObjectName(u"myQueue"_s);
    m_queueBox->setToolTip(tr("Show only the articles assigned to you"));
    m_queueProgress->setObjectName(u"queueProgress"_s);
    m_queueBox->hide();
    m_queueProgress->hide();
    connect(m_queueBox, &QCheckBox::toggled, this, &ArticleListPanel::applyFilter);

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
    // The model sorts in the store. No indicator at first keeps the id order the import gave;
    // a third click on a header goes back to it.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->horizontalHeader()->setSortIndicatorClearable(true);
    m_view->setSortingEnabled(true);
    // The curation state has no index to sort by: the model keeps its order, and so does the arrow.
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
        [this](int section, Qt::SortOrder order) {
            QHeaderView *header = m_view->horizontalHeader();
            if (section != ArticleListModel::Curation) {
                m_sortSection = section;
                m_sortOrder = order;
                return;
            }
            const QSignalBlocker blocker(header);
            header->setSortIndicator(m_sortSection, m_sortOrder);
        });
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
        &ArticleListPanel::showColumnMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *queueRow = new QHBoxLayout;
    queueRow->addWidget(m_queueBox);
    queueRow->addWidget(m_queueProgress, 1);
    layout->addLayout(queueRow);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_statusBox);
    layout->addLayout(filterRow);
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

void ArticleListPanel::applyFilter()
{
    m_filterTimer->stop();
    ArticleFilter filter = m_model->filter();
    filter.text = m_filterEdit->text().trimmed();
    const QVariant status = m_statusBox->currentData();
    filter.status = status.isValid() ? std::optional(ArticleStatus(status.toInt())) : std::nullopt;
    filter.queueOf = m_queue && m_queueBox->isChecked() ? m_queue->annotator() : QString();
    m_model->setFilter(filter);
}

void ArticleListPanel::setQueue(ArticleQueue *queue)
{
    m_queue = queue;
    connect(queue, &ArticleQueue::changed, this, &ArticleListPanel::showQueue);
    connect(queue, &ArticleQueue::articlesChanged, this, &ArticleListPanel::rereadQueue);
    showQueue();
}

void ArticleListPanel::showQueue()
{
    const bool hasQueue = m_queue->hasQueue();
    m_queueBox->setVisible(hasQueue);
    m_queueProgress->setVisible(hasQueue);
    m_queueProgress->setText(m_queue->progressText());
    // Someone with a queue works through it: the list shows it when it first appears (and when
    // the project opens). When the last assignment goes, it must not stay filtered to nothing.
    if (hasQueue != m_hadQueue)
        m_queueBox->setChecked(hasQueue);
    m_hadQueue = hasQueue;
}

// Articles joined or left the queue shown: the list reads it again, and the article open stays
// the current row (if it is still in the queue), where the analyst left it.
void ArticleListPanel::rereadQueue()
{
    if (!m_queueBox->isChecked())
        return;
    const RecordId current = m_model->articleId(m_view->currentIndex().row());
    m_model->requery();
    // The queue is the analyst's share of the corpus: fetching down to their article is cheap.
    if (current > 0 && m_model->rowOf(current) >= 0)
        setCurrentArticle(current);
}

void ArticleListPanel::setCurrentArticle(RecordId articleId)
{
    // Only the rows fetched so far are looked at: fetching every page down to an article far into
    // a large corpus (opened from a search hit, say) made each switch as slow as scrolling there.
    int row = -1;
    for (int i = 0; i < m_model->rowCount() && row < 0; ++i) {
        if (m_model->articleId(i) == articleId)
            row = i;
    }
    if (row < 0)
        return;
    m_selectingProgrammatically = true;
    m_view->setCurrentIndex(m_model->index(row, ArticleListModel::Title));
    m_view->scrollTo(m_model->index(row, ArticleListModel::Title));
    m_selectingProgrammatically = false;
}

} // namespace Byline

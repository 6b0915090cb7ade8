// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchpanel.h"

#include "modelroles.h"
#include "searchbacklog.h"
#include "searchindexer.h"
#include "searchresultmodel.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QShortcut>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

SearchPanel::SearchPanel(SearchResultModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_queryEdit(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_indexing(new QLabel(this))
    , m_view(new QListView(this))
{
    m_queryEdit->setObjectName(u"searchQuery"_s);
    m_queryEdit->setPlaceholderText(tr("Search: coup, \"attempted coup\", speaker:Tokayev, type:ORG CSTO"));
    m_queryEdit->setClearButtonEnabled(true);
    m_message->setWordWrap(true);
    m_message->hide();
    m_indexing->setObjectName(u"searchIndexing"_s);
    m_indexing->setWordWrap(true);
    m_indexing->hide();
    m_view->setModel(model);
    m_view->setUniformItemSizes(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_queryEdit);
    layout->addWidget(m_indexing);
    layout->addWidget(m_message);
    layout->addWidget(m_view);

    // A search runs on Return, not on every key: each one reads the index.
    connect(m_queryEdit, &QLineEdit::returnPressed, this, &SearchPanel::search);
    auto *stop = new QShortcut(QKeySequence(Qt::Key_Escape), this, model, &SearchResultModel::cancel);
    stop->setContext(Qt::WidgetWithChildrenShortcut);
    connect(model, &SearchResultModel::batchArrived, this, &SearchPanel::showStatus);
    connect(model, &SearchResultModel::searchingChanged, this, &SearchPanel::showStatus);
    connect(model, &SearchResultModel::hitCountChanged, this, &SearchPanel::showStatus);
    connect(model, &SearchResultModel::failed, this, &SearchPanel::showStatus);
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT hitActivated(index.data(IdRole).value<RecordId>(), index.data(SpanRole).value<Span>());
    });
}

void SearchPanel::followIndex(const Store &store, SearchIndexer *indexer)
{
    m_store = &store;
    if (!indexer)
        return;
    const auto showProgress = [this](qint64 done, qint64 total) {
        m_indexing->setText(tr("Indexing what was imported for search (%1 %): hits in it may be missing.")
                .arg(total > 0 ? 100 * done / total : 0));
        m_indexing->show();
    };
    connect(indexer, &SearchIndexer::started, this, [showProgress] { showProgress(0, 0); });
    connect(indexer, &SearchIndexer::progressed, this, showProgress);
    connect(indexer, &SearchIndexer::finished, this, [this](const SearchIndexingResult &result) {
        if (!result.complete) {
            if (result.error.isEmpty())
                showIncomplete();
            else
                m_indexing->setText(tr("The search index could not be completed: %1").arg(result.error));
            return;
        }
        m_indexing->hide();
        // The hits shown were found in an incomplete index.
        if (!m_model->query().isEmpty())
            m_model->setQuery(m_model->query());
    });
    if (indexer->isRunning())
        showProgress(0, 0);
}

void SearchPanel::showIncomplete()
{
    m_indexing->setText(
        tr("The search index is not complete: hits in what was imported last may be missing."));
    m_indexing->show();
}

void SearchPanel::search()
{
    // Read-only, or after an indexing that failed: nothing completes the index now.
    if (m_store && m_indexing->isHidden() && SearchBacklog::remaining(*m_store) > 0)
        showIncomplete();
    m_model->setQuery(m_queryEdit->text());
    showStatus();
}

void SearchPanel::showStatus()
{
    const int shown = m_model->rowCount();
    const int count = m_model->hitCount();
    QString status;
    if (!m_model->errorString().isEmpty())
        status = m_model->errorString();
    else if (m_model->isCancelled())
        status = tr("Search stopped: %n hit(s) shown.", nullptr, shown);
    else if (m_model->isSearching() && shown == 0)
        status = tr("Searching…");
    else if (count >= 0)
        status = tr("%n hit(s)", nullptr, count);
    else if (shown > 0)
        status = tr("%n hit(s) so far, counting…", nullptr, shown);
    m_message->setText(status);
    m_message->setVisible(!status.isEmpty());
}

} // namespace Byline

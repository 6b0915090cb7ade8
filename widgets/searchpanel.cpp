// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchpanel.h"

#include "modelroles.h"
#include "searchresultmodel.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

SearchPanel::SearchPanel(SearchResultModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_queryEdit(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_view(new QListView(this))
{
    m_queryEdit->setObjectName(u"searchQuery"_s);
    m_queryEdit->setPlaceholderText(tr("Search: coup, \"attempted coup\", speaker:Tokayev, type:ORG CSTO"));
    m_queryEdit->setClearButtonEnabled(true);
    m_message->setWordWrap(true);
    m_message->hide();
    m_view->setModel(model);
    m_view->setUniformItemSizes(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_queryEdit);
    layout->addWidget(m_message);
    layout->addWidget(m_view);

    // A search runs on Return, not on every key: each one reads the index.
    connect(m_queryEdit, &QLineEdit::returnPressed, this, &SearchPanel::search);
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT hitActivated(index.data(IdRole).value<RecordId>(), index.data(SpanRole).value<Span>());
    });
}

void SearchPanel::search()
{
    const bool valid = m_model->setQuery(m_queryEdit->text());
    m_message->setText(valid ? QString() : m_model->errorString());
    m_message->setVisible(!valid);
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QWidget>

class QTableView;

namespace Byline {

class ArticleListModel;

/// The articles of the project; choosing one opens it.
class ArticleListPanel final : public QWidget {
    Q_OBJECT
public:
    explicit ArticleListPanel(ArticleListModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    /// Marks the shown article without announcing it again.
    void setCurrentArticle(RecordId articleId);

Q_SIGNALS:
    void articleActivated(Byline::RecordId articleId);

private:
    void showColumnMenu(const QPoint &position);

    ArticleListModel *m_model;
    QTableView *m_view;
    bool m_selectingProgrammatically = false;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;
class QTimer;

namespace Byline {

class ArticleListModel;

/// The articles of the project; choosing one opens it. A click on a column header sorts by it,
/// the line above filters by title, source or id and the combo box by status.
class ArticleListPanel final : public QWidget {
    Q_OBJECT
public:
    explicit ArticleListPanel(ArticleListModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QComboBox *statusBox() const { return m_statusBox; }
    /// Marks the shown article without announcing it again.
    void setCurrentArticle(RecordId articleId);

Q_SIGNALS:
    void articleActivated(Byline::RecordId articleId);

private:
    void showColumnMenu(const QPoint &position);
    void applyFilter();

    ArticleListModel *m_model;
    QLineEdit *m_filterEdit;
    QComboBox *m_statusBox;
    QTableView *m_view;
    QTimer *m_filterTimer;
    bool m_selectingProgrammatically = false;
};

} // namespace Byline

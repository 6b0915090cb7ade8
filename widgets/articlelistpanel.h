// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace Byline {

class ArticleListModel;
class ArticleQueue;

/// The articles of the project; choosing one opens it. A click on a column header sorts by it,
/// the line above filters by title, source or id and the combo box by status. An analyst with
/// assigned articles sees "My queue" (on at first) and their progress above the list.
class ArticleListPanel final : public QWidget {
    Q_OBJECT
public:
    explicit ArticleListPanel(ArticleListModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QComboBox *statusBox() const { return m_statusBox; }
    QCheckBox *queueBox() const { return m_queueBox; }
    QLabel *queueProgressLabel() const { return m_queueProgress; }
    /// Shows the analyst's queue; the queue filter starts on when they have one.
    void setQueue(ArticleQueue *queue);
    /// Marks the shown article without announcing it again.
    void setCurrentArticle(RecordId articleId);

Q_SIGNALS:
    void articleActivated(Byline::RecordId articleId);

private:
    void showColumnMenu(const QPoint &position);
    void applyFilter();
    void showQueue();
    void rereadQueue();

    ArticleListModel *m_model;
    QLineEdit *m_filterEdit;
    QComboBox *m_statusBox;
    QCheckBox *m_queueBox;
    QLabel *m_queueProgress;
    ArticleQueue *m_queue = nullptr;
    bool m_hadQueue = false;
    int m_sortSection = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QTableView *m_view;
    QTimer *m_filterTimer;
    bool m_selectingProgrammatically = false;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "assigner.h"
#include "assignments.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;
class QTableView;
class QTableWidget;

namespace Byline {

class Document;
class QueueArticleModel;

/// Tools > Manage Assignments: the admin sees every annotator's queue (assigned, done), picks one,
/// and unassigns their articles or moves them to others, the whole queue or the articles selected
/// in it. Done work stays unless the admin ticks that it goes too, and is never moved: it is the
/// annotator's. The chosen queue is read a page at a time as its list scrolls (QueueArticleModel)
/// and its size counted by the database: moving or unassigning the whole queue needs none of its
/// rows read. Each change previews the queues' sizes before and after, and is confirmed before
/// it is written (an admin operation on the team's queues, not an edit of the document, so it is
/// not on the undo stack); the dialog then shows the queues as they are and stays open.
class AssignmentsDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AssignmentsDialog(Document *document, QWidget *parent = nullptr);
    /// Shows a dialog that closes itself when closed; the caller connects.
    static AssignmentsDialog *showFor(Document *document, QWidget *parent);

    QTableWidget *queueTable() const { return m_queues; }
    QTableView *articleTable() const { return m_articles; }
    QLabel *queueSizeLabel() const { return m_queueSize; }
    QRadioButton *selectedArticlesButton() const { return m_selectedArticles; }
    QCheckBox *includeDoneBox() const { return m_includeDone; }
    QRadioButton *unassignButton() const { return m_unassign; }
    QRadioButton *moveButton() const { return m_move; }
    QListWidget *targetList() const { return m_targets; }
    QTableWidget *previewTable() const { return m_preview; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *applyButton() const { return m_apply; }
    ReassignmentPlan plan() const { return m_plan; }

Q_SIGNALS:
    /// Assignments were removed or moved; queues and lists should count again.
    void reassigned();

private:
    bool reload();
    QString chosenAnnotator() const;
    void showQueue();
    ReassignmentRequest request() const;
    void preview();
    void apply();

    Document *m_document;
    Assignments m_assignments;
    AssignmentState m_state;
    ReassignmentPlan m_plan;
    QStringList m_candidates;
    QStringList m_queueOwners; ///< everyone with a queue, as the queue table lists them
    QTableWidget *m_queues;
    QueueArticleModel *m_articleModel;
    QTableView *m_articles;
    QLabel *m_queueSize;
    QRadioButton *m_wholeQueue;
    QRadioButton *m_selectedArticles;
    QCheckBox *m_includeDone;
    QRadioButton *m_unassign;
    QRadioButton *m_move;
    QListWidget *m_targets;
    QTableWidget *m_preview;
    QLabel *m_message;
    QPushButton *m_apply;
};

} // namespace Byline

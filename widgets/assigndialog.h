// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "assigner.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Byline {

class Document;

/// Tools > Assign Articles: the admin picks annotators and how many of them each article gets,
/// sees what every annotator's queue would hold, and assigns after a confirmation. The plan is
/// worked out in memory from the project's assignments as they were when the dialog opened, so
/// that every change of the choice previews at once; assigning writes it in batches with its
/// progress shown. Someone who is not an admin sees why they cannot assign, and nothing to do.
class AssignDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AssignDialog(Document *document, QWidget *parent = nullptr);
    /// Shows a dialog that closes itself when closed; the caller connects.
    static AssignDialog *showFor(Document *document, QWidget *parent);

    QListWidget *annotatorList() const { return m_annotators; }
    QLineEdit *newAnnotatorEdit() const { return m_newAnnotator; }
    QSpinBox *perArticleBox() const { return m_perArticle; }
    QCheckBox *onlyUnassignedBox() const { return m_onlyUnassigned; }
    QTableWidget *previewTable() const { return m_preview; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *assignButton() const;
    AssignmentPlan plan() const { return m_plan; }

Q_SIGNALS:
    /// Assignments were added; queues and lists should count again.
    void assigned();

private:
    void addAnnotator(const QString &name, bool checked);
    void addTypedAnnotator();
    AssignmentRequest request() const;
    void preview();
    void assign();

    Document *m_document;
    AssignmentState m_state;
    AssignmentPlan m_plan;
    QListWidget *m_annotators;
    QLineEdit *m_newAnnotator;
    QSpinBox *m_perArticle;
    QCheckBox *m_onlyUnassigned;
    QTableWidget *m_preview;
    QLabel *m_message;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
};

} // namespace Byline

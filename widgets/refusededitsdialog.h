// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editqueue.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Byline {

/// The edits made offline that the server refused when they were sent: someone else changed or
/// removed the record meanwhile. One row each: the record in the analyst's words, what the
/// analyst's edit was, and whose newer version the server kept. What the analyst wrote is not
/// lost but kept in the queue file, which the dialog names, with buttons to copy its location and
/// to open its folder. Not modal: the analyst looks at it beside the article and closes it (Esc)
/// when done; a later refusal adds its rows to the one already open.
class RefusedEditsDialog final : public QDialog {
    Q_OBJECT
public:
    enum Column { RecordColumn, EditColumn, KeptColumn };

    RefusedEditsDialog(const QString &queueFile, QWidget *parent = nullptr);

    /// The dialog of the parent window, made and shown the first time, with the edits added.
    static RefusedEditsDialog *showFor(
        const QList<RefusedEdit> &edits, const QString &queueFile, QWidget *parent);

    void addEdits(const QList<RefusedEdit> &edits);
    QTreeWidget *list() const { return m_list; }
    QString queueFile() const { return m_queueFile; }

private:
    void updateSummary();

    QString m_queueFile;
    QLabel *m_summary;
    QTreeWidget *m_list;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "assignments.h"

#include <QAbstractTableModel>

namespace Byline {

/// One annotator's queue as an admin picks articles from it (widgets/assignmentsdialog.h): read a
/// page at a time in article id order as the view scrolls, its size counted by the database. A
/// queue of tens of thousands of articles costs the pages the admin has scrolled through.
class QueueArticleModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Title, Done, ColumnCount };
    static constexpr int pageSize = 200;

    /// source must outlive the model.
    explicit QueueArticleModel(const QueuePageSource &source, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    /// Display: the title, or the key of an article without one, and whether it is done.
    /// IdRole: the article's id.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString annotator() const { return m_annotator; }
    /// Shows the annotator's queue from its first page; an empty name shows none.
    void setAnnotator(const QString &annotator);
    /// Reads the queue again from its first page: its articles changed.
    void requery();
    /// The whole queue's size and how much of it is done, as counted when it was last read.
    QueueProgress progress() const { return m_progress; }
    RecordId articleId(int row) const;
    /// Why the queue could not be read the last time; empty when it was.
    QString errorString() const { return m_error; }

Q_SIGNALS:
    /// A page or the count could not be read (a server that went away): the list stops there.
    void failed(const QString &message);

private:
    bool sourceFailed();

    const QueuePageSource &m_source;
    QString m_annotator;
    QList<QueuedArticle> m_rows;
    QueueProgress m_progress;
    // Whether the last page came back short: the queue ends there, whatever the count said (an
    // admin elsewhere may have taken articles out of it since).
    bool m_atEnd = true;
    bool m_fetching = false;
    QString m_error;
};

} // namespace Byline

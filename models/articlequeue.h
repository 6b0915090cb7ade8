// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "assignments.h"

#include <QObject>

namespace Byline {

class Document;

/// The analyst's own queue of assigned articles and how far they are with it, for the article
/// list: counted again (one query off the assignments' (annotator, done_at) index, however large
/// the queue) when an article's status changes here or elsewhere, when an admin elsewhere changes
/// the queue (ChangeFeed::assignmentsChanged()), or when refresh() is called after assigning here.
class ArticleQueue final : public QObject {
    Q_OBJECT
public:
    explicit ArticleQueue(Document *document, QObject *parent = nullptr);

    /// The annotator whose queue this is: the document's.
    QString annotator() const;
    bool hasQueue() const { return m_progress.assigned > 0; }
    QueueProgress progress() const { return m_progress; }
    /// "12 of 40 done".
    QString progressText() const;

    /// Counts again after assignments changed here.
    void refresh();

Q_SIGNALS:
    /// The progress changed.
    void changed();
    /// Articles may have joined or left the queue: a list of it should read it again.
    void articlesChanged();

private:
    void scheduleRefresh(bool articlesMayHaveChanged);
    void recount(bool articlesMayHaveChanged);

    Document *m_document;
    QueueProgress m_progress;
    bool m_refreshScheduled = false;
    bool m_articlesMayHaveChanged = false;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "assignments.h"

#include <QObject>

namespace Byline {

class Document;

/// The analyst's own queue of assigned articles and how far they are with it, for the article
/// list: counted again (off the assignments' index, a few rows however large the corpus) when an
/// article's status changes here or elsewhere, or when refresh() is called after assigning.
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

    void refresh();

Q_SIGNALS:
    void changed();

private:
    void scheduleRefresh();

    Document *m_document;
    QueueProgress m_progress;
    bool m_refreshScheduled = false;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlequeue.h"

#include "document.h"

#include <QTimer>

namespace Byline {

ArticleQueue::ArticleQueue(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &Document::articleChanged, this, &ArticleQueue::scheduleRefresh);
    connect(document, &Document::articlesAdded, this, &ArticleQueue::scheduleRefresh);
    m_progress = Assignments(document->store()).progressOf(annotator());
}

QString ArticleQueue::annotator() const
{
    return m_document->annotator();
}

QString ArticleQueue::progressText() const
{
    return tr("%1 of %2 done").arg(m_progress.done).arg(m_progress.assigned);
}

// Every edit announces its article; a burst of them (a review run) is counted once.
void ArticleQueue::scheduleRefresh()
{
    if (m_refreshScheduled)
        return;
    m_refreshScheduled = true;
    QTimer::singleShot(0, this, &ArticleQueue::refresh);
}

void ArticleQueue::refresh()
{
    m_refreshScheduled = false;
    const QueueProgress progress = Assignments(m_document->store()).progressOf(annotator());
    if (progress == m_progress)
        return;
    m_progress = progress;
    Q_EMIT changed();
}

} // namespace Byline

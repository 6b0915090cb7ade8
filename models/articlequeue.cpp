// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlequeue.h"

#include "changefeed.h"
#include "document.h"

#include <QTimer>

namespace Byline {

ArticleQueue::ArticleQueue(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &Document::articleChanged, this, [this] { scheduleRefresh(false); });
    connect(document, &Document::articlesAdded, this, [this] { scheduleRefresh(false); });
    // Assignments announced while the client was offline went unheard.
    connect(document, &Document::changedElsewhereWhileOffline, this, [this] { scheduleRefresh(true); });
    connect(
        document->changeFeed(), &ChangeFeed::assignmentsChanged, this, [this](const QStringList &annotators) {
            if (annotators.isEmpty() || annotators.contains(annotator()))
                scheduleRefresh(true);
        });
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
void ArticleQueue::scheduleRefresh(bool articlesMayHaveChanged)
{
    m_articlesMayHaveChanged = m_articlesMayHaveChanged || articlesMayHaveChanged;
    if (m_refreshScheduled)
        return;
    m_refreshScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_refreshScheduled = false;
        recount(std::exchange(m_articlesMayHaveChanged, false));
    });
}

void ArticleQueue::refresh()
{
    recount(true);
}

void ArticleQueue::recount(bool articlesMayHaveChanged)
{
    const QueueProgress progress = Assignments(m_document->store()).progressOf(annotator());
    if (progress != m_progress) {
        m_progress = progress;
        Q_EMIT changed();
    }
    if (articlesMayHaveChanged)
        Q_EMIT articlesChanged();
}

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewstatuslabel.h"

#include "document.h"

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

int unreviewed(const AnnotationCounts &counts)
{
    int total = 0;
    for (const Layer layer : { Layer::Entities, Layer::Quotes, Layer::Figures })
        total += counts.count(layer, AnnotationStatus::Auto);
    return total;
}

} // namespace

ReviewStatusLabel::ReviewStatusLabel(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(u"reviewStatus"_s);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ReviewStatusLabel::refresh);
}

void ReviewStatusLabel::scheduleRefresh()
{
    m_refreshTimer.start();
}

void ReviewStatusLabel::setDocument(Document *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    if (document) {
        // Every review step changes a record of the current article; other articles change
        // only through extraction and import, which announce articleChanged.
        for (auto changed :
            { &Document::mentionChanged, &Document::mentionInserted, &Document::mentionRemoved })
            connect(document, changed, this, &ReviewStatusLabel::scheduleRefresh);
        for (auto changed : { &Document::quoteChanged, &Document::quoteInserted, &Document::quoteRemoved,
                 &Document::figureChanged, &Document::figureInserted, &Document::figureRemoved,
                 &Document::entityInserted, &Document::entityRemoved })
            connect(document, changed, this, &ReviewStatusLabel::scheduleRefresh);
        connect(document, &Document::annotationsReset, this, &ReviewStatusLabel::scheduleRefresh);
        connect(document, &Document::currentArticleChanged, this, &ReviewStatusLabel::scheduleRefresh);
        connect(document, &Document::articleChanged, this, &ReviewStatusLabel::scheduleRefresh);
    }
    refresh();
}

void ReviewStatusLabel::refresh()
{
    if (!m_document) {
        clear();
        return;
    }
    const int corpus = unreviewed(m_document->store().annotationCounts());
    if (!m_document->hasArticle()) {
        setText(tr("To review: %n in the corpus", nullptr, corpus));
        return;
    }
    const int article = unreviewed(m_document->store().annotationCounts(m_document->currentArticle().id));
    setText(tr("To review: %1 in this article · %2 in the corpus").arg(article).arg(corpus));
}

} // namespace Byline

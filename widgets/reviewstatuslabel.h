// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>
#include <QTimer>

namespace Byline {

class Document;

/// The status bar's count of what is left to review: suggestions nobody accepted, edited
/// or rejected yet, in the current article and in the whole corpus.
class ReviewStatusLabel final : public QLabel {
    Q_OBJECT
public:
    explicit ReviewStatusLabel(QWidget *parent = nullptr);

    void setDocument(Document *document);
    void refresh();

private:
    /// Counting the corpus is a query: many changes at once (tag all occurrences, a
    /// suggestion run) count once, when they are done.
    void scheduleRefresh();

    Document *m_document = nullptr;
    QTimer m_refreshTimer;
};

} // namespace Byline

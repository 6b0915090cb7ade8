// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

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
    Document *m_document = nullptr;
};

} // namespace Byline

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotationpanel.h"

#include <functional>

class QComboBox;

namespace Byline {

class Document;
class QuoteFilterProxyModel;
class QuoteModel;

/// The Quotes panel: a filter bar (speaker, kind, status) over the quotes, the speaker typed
/// with a completer over the article's entities, the kind picked from the schema, and a
/// context menu to make the speaker from the source, split a content part at the text
/// cursor or join two parts. Every edit is one undo step.
class QuotePanel final : public AnnotationPanel {
    Q_OBJECT
public:
    QuotePanel(QuoteModel *model, Document *document, QWidget *parent = nullptr);

    /// Where "Split Part at Cursor" cuts: the article view's cursor, told by the main window.
    void setTextCursorPosition(std::function<qsizetype()> position)
    {
        m_cursorPosition = std::move(position);
    }

    QComboBox *speakerFilter() const { return m_speakerFilter; }
    QComboBox *kindFilter() const { return m_kindFilter; }
    QComboBox *statusFilter() const { return m_statusFilter; }

    bool speakerFromSource(const QString &type);
    bool splitCurrentPartAtCursor();
    bool joinCurrentParts(int part);
    bool deleteSelected();

protected:
    void fillContextMenu(QMenu *menu) override;

private:
    RecordId currentQuote() const;
    void refillSpeakerFilter();
    void applyFilter();

    QuoteModel *m_model;
    Document *m_document;
    QuoteFilterProxyModel *m_filterProxy;
    QComboBox *m_speakerFilter;
    QComboBox *m_kindFilter;
    QComboBox *m_statusFilter;
    std::function<qsizetype()> m_cursorPosition;
};

} // namespace Byline

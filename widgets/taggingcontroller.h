// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotationeditor.h"

#include <QList>
#include <QObject>

#include <memory>

class QAction;
class QMenu;

namespace Byline {

class ArticleView;
class Document;

/// Keyboard-first annotation on the article view: keys tag entities (1–9, Alt for the raw
/// selection), build quotes (Q, Shift+Q, S, C, K for the speaker, T for the kind), mark figures (F), move a
/// quote part's ends by a word, and review suggestions (N, P, A, R, E, Ctrl+Enter). The same actions are in
/// the view's context menu. Shortcuts belong to the view alone, so that typing in a panel's line edit never
/// tags anything. Failures are reported through statusMessage(), never thrown.
class TaggingController final : public QObject {
    Q_OBJECT
public:
    explicit TaggingController(ArticleView *view, QObject *parent = nullptr);
    ~TaggingController() override;

    /// Works on this document from now on; null when no project is open.
    void setDocument(Document *document);
    AnnotationEditor *editor() const { return m_editor.get(); }

    /// The quote that Shift+Q, S, C, K and the part moves act on, 0 for none.
    RecordId currentQuote() const { return m_currentQuote; }
    int currentPart() const { return m_currentPart; }
    void setCurrentQuote(RecordId quoteId, int part = 0);
    /// The suggestion review mode stands on; A, R and E act on it.
    AnnotationRef currentReview() const { return m_review; }

    /// Actions for the menus: entity keys, quote and figure keys, review keys.
    QList<QAction *> entityActions() const { return m_entityActions; }
    QList<QAction *> annotateActions() const { return m_annotateActions; }
    QList<QAction *> reviewActions() const { return m_reviewActions; }

    // What the keys do, callable without them.
    bool tagSelection(const QString &type, bool raw);
    bool createQuote();
    bool addQuotePart();
    bool setSource();
    bool setCue();
    bool createFigure();
    /// Moves an edge of the current quote part by one word: forward > 0 to the right.
    bool moveQuotePartEdge(bool end, int direction);
    bool setSpeaker(RecordId entityId);
    /// Direct, indirect, mixed, and round again.
    bool cycleQuoteKind();
    /// Shows the list of speakers, nearest mention first, at the current quote.
    void chooseSpeaker();
    void tagAllOccurrences();
    bool goToUnreviewed(bool forward);
    bool acceptCurrent();
    bool rejectCurrent();
    /// E: selects the suggestion to correct; E again, with a new selection, moves it there.
    void editCurrent();
    bool markArticleDone();

protected:
    /// Dragging an end of the current quote part with the mouse.
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void statusMessage(const QString &message);
    /// Review mode moved to (or E chose) an annotation at this position: panels follow.
    void annotationFocused(qsizetype position);
    /// The article is done; the window opens the next one.
    void articleDone(Byline::RecordId articleId);

private:
    void createActions();
    void rebuildEntityActions();
    bool canEdit();
    bool report(bool ok);
    Span selection() const;
    /// The annotation under the text cursor, for context menu and E.
    AnnotationRef annotationAt(qsizetype position) const;
    RecordId entityAt(qsizetype position) const;
    void showContextMenu(const QPoint &point);
    void onTextClicked(qsizetype position);
    void focus(AnnotationRef annotation);
    /// The current quote part, null when there is none.
    Span currentPartSpan() const;
    /// Which edge of the current part lies under a viewport point: 0 none, 1 start, 2 end.
    int edgeAt(QPoint viewportPoint) const;

    ArticleView *m_view;
    Document *m_document = nullptr;
    std::unique_ptr<AnnotationEditor> m_editor;
    RecordId m_currentQuote = 0;
    int m_currentPart = 0;
    AnnotationRef m_review;
    AnnotationRef m_editing; ///< chosen with E, waiting for its new extent
    int m_draggedEdge = 0; ///< 1 start, 2 end, while the mouse drags it
    QList<QAction *> m_entityActions;
    QList<QAction *> m_annotateActions;
    QList<QAction *> m_reviewActions;
    QAction *m_tagAllAction = nullptr;
    QAction *m_speakerAction = nullptr;
};

} // namespace Byline

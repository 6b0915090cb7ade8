// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "spanhighlight.h"

#include <QList>
#include <QPlainTextEdit>

namespace Byline {

class ArticleHighlighter;

/// The article text, read-only but selectable, with annotations painted over it.
/// Every position in its API is a UTF-16 offset into the text given to setArticleText().
class ArticleView final : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ArticleView(QWidget *parent = nullptr);
    ~ArticleView() override;

    /// Shows @p text and drops the highlights, which belonged to the previous text.
    void setArticleText(const QString &text);
    const QString &articleText() const { return m_text; }

    /// Replaces the highlights; those whose span does not fit in the text are dropped.
    void setHighlights(QList<SpanHighlight> highlights);
    const QList<SpanHighlight> &highlights() const { return m_highlights; }
    /// Every highlight whose span covers @p position, in text order.
    QList<SpanHighlight> highlightsAt(qsizetype position) const;

    /// Selects @p span, scrolls it to the middle of the view and marks it as current
    /// until the user selects something else.
    void selectSpan(Span span);
    Span currentSpan() const { return m_currentSpan; }

    /// The position of the character under @p viewportPoint, or -1 where there is none.
    qsizetype positionAt(QPoint viewportPoint) const;

    ArticleHighlighter *highlighter() const { return m_highlighter; }

Q_SIGNALS:
    /// A plain left click (not a drag, not a double click) on the character at @p position.
    /// Clicks beside the text (margins, past the end of a line) emit nothing.
    void spanClicked(qsizetype position);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    Span visibleRange() const;
    /// Indices into m_highlights of the highlights overlapping @p range, in text order.
    QList<qsizetype> highlightsOverlapping(Span range) const;
    /// One rectangle per visual line that @p span covers, in viewport coordinates,
    /// limited to the blocks of @p visible.
    template<typename Function> void forEachLineRect(Span span, Span visible, Function &&function) const;
    void paintDecorations(
        QPainter &painter, Span visible, const QList<qsizetype> &indices, bool backgrounds) const;
    void paintCurrentSpan(QPainter &painter, Span visible) const;
    void adaptToPalette();
    void showToolTip(QPoint viewportPoint, QPoint globalPoint);

    ArticleHighlighter *m_highlighter = nullptr;
    QString m_text;
    QList<SpanHighlight> m_highlights; ///< sorted by span start
    QList<qsizetype> m_maxEndUpTo; ///< m_maxEndUpTo[i]: the largest span end among m_highlights[0..i]
    Span m_currentSpan;
    QPoint m_pressPoint;
    bool m_pressIsClick = false;
    bool m_adaptingPalette = false;
};

} // namespace Byline

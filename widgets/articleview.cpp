// SPDX-License-Identifier: GPL-3.0-or-later
#include "articleview.h"

#include "articlehighlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScopedValueRollback>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// Lines and frames are thin, so a type colour picked for one palette can vanish on the
// other (dark blue on a dark base, yellow on white); keep them at a readable lightness.
QColor strokeColour(QColor colour, bool dark)
{
    float hue = 0, saturation = 0, lightness = 0, alpha = 1;
    colour.getHslF(&hue, &saturation, &lightness, &alpha);
    if (dark && lightness < 0.62f)
        colour.setHslF(hue, saturation, 0.62f, alpha);
    else if (!dark && lightness > 0.5f)
        colour.setHslF(hue, saturation, 0.5f, alpha);
    return colour;
}

// Room around the column, so the eye finds line starts and frames at the edge are not cut.
qreal readingMargin(const QFont &font)
{
    return std::round(QFontMetricsF(font).height() * 1.5);
}

} // namespace

ArticleView::ArticleView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new ArticleHighlighter(document()))
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setUndoRedoEnabled(false);

    // Articles are read for hours: a size above the UI font, with room around the column.
    QFont readingFont = font();
    readingFont.setPointSizeF(readingFont.pointSizeF() * 1.15);
    setFont(readingFont);
    document()->setDocumentMargin(readingMargin(readingFont));
    adaptToPalette();

    connect(this, &QPlainTextEdit::selectionChanged, this, [this] {
        if (m_currentSpan.isNull())
            return;
        const QTextCursor cursor = textCursor();
        if (Span { cursor.selectionStart(), cursor.selectionEnd() } != m_currentSpan) {
            m_currentSpan = {};
            viewport()->update();
        }
    });
}

ArticleView::~ArticleView() = default;

void ArticleView::setArticleText(const QString &text)
{
    m_currentSpan = {};
    m_highlights.clear();
    m_maxEndUpTo.clear();
    m_text = text;
    // setPlainText() turns each '\n' into a block separator of length one, so document
    // positions equal UTF-16 offsets into text, but it also merges "\r\n" into one
    // separator, which would shift every later position. A '\r' before '\n' becomes an
    // invisible space instead, and a lone '\r' a line break: the length stays the same.
    QString shown = text;
    for (qsizetype i = shown.indexOf(u'\r'); i >= 0 && i < shown.size(); i = shown.indexOf(u'\r', i + 1))
        shown[i] = (i + 1 < shown.size() && shown.at(i + 1) == u'\n') ? u' ' : u'\n';
    setPlainText(shown);
}

void ArticleView::setHighlights(QList<SpanHighlight> highlights)
{
    const qsizetype length = m_text.size();
    highlights.removeIf([length](const SpanHighlight &h) { return !h.span.isValidIn(length); });
    std::stable_sort(highlights.begin(), highlights.end(),
        [](const SpanHighlight &a, const SpanHighlight &b) { return a.span.start < b.span.start; });
    m_highlights = std::move(highlights);

    m_maxEndUpTo.resize(m_highlights.size());
    qsizetype maxEnd = -1;
    for (qsizetype i = 0; i < m_highlights.size(); ++i) {
        maxEnd = std::max(maxEnd, m_highlights.at(i).span.end);
        m_maxEndUpTo[i] = maxEnd;
    }
    viewport()->update();
}

QList<qsizetype> ArticleView::highlightsOverlapping(Span range) const
{
    // Highlights are sorted by start, and m_maxEndUpTo grows monotonically, so both ends
    // of the candidate range are binary searches even when long spans start far above.
    const auto first = std::upper_bound(m_maxEndUpTo.cbegin(), m_maxEndUpTo.cend(), range.start);
    const auto last = std::lower_bound(m_highlights.cbegin(), m_highlights.cend(), range.end,
        [](const SpanHighlight &h, qsizetype position) { return h.span.start < position; });
    QList<qsizetype> indices;
    for (qsizetype i = first - m_maxEndUpTo.cbegin(); i < last - m_highlights.cbegin(); ++i) {
        if (m_highlights.at(i).span.end > range.start)
            indices.append(i);
    }
    return indices;
}

QList<SpanHighlight> ArticleView::highlightsAt(qsizetype position) const
{
    QList<SpanHighlight> result;
    for (const qsizetype i : highlightsOverlapping({ position, position + 1 }))
        result.append(m_highlights.at(i));
    return result;
}

void ArticleView::selectSpan(Span span)
{
    const qsizetype length = m_text.size();
    if (!span.isValidIn(length))
        return;
    // The cursor sits at the start, so that ensureCursorVisible() and centerCursor() bring the
    // beginning of a long span into view rather than its end.
    QTextCursor cursor(document());
    cursor.setPosition(int(span.end));
    cursor.setPosition(int(span.start), QTextCursor::KeepAnchor);
    setTextCursor(cursor);
    centerCursor();
    m_currentSpan = span;
    viewport()->update();
}

qsizetype ArticleView::positionAt(QPoint viewportPoint) const
{
    const QTextCursor cursor = cursorForPosition(viewportPoint);
    const QTextBlock block = cursor.block();
    const QTextLayout *layout = block.layout();
    if (!layout || block.length() <= 1)
        return -1;
    const QPointF origin
        = blockBoundingGeometry(block).translated(contentOffset()).topLeft() + layout->position();
    const QPointF point = QPointF(viewportPoint) - origin;
    int relative = cursor.position() - block.position();
    const QTextLine line = layout->lineForTextPosition(relative);
    if (!line.isValid())
        return -1;
    // cursorForPosition() answers the nearest gap between characters. The character under
    // the mouse is left of that gap when the mouse is; a pixel of slack absorbs rounding.
    if (point.x() < line.cursorToX(relative) - 1.0 && relative > line.textStart())
        --relative;
    if (relative >= block.length() - 1 || relative >= line.textStart() + line.textLength())
        return -1;
    const qreal left = std::min(line.cursorToX(relative), line.cursorToX(relative + 1));
    const qreal right = std::max(line.cursorToX(relative), line.cursorToX(relative + 1));
    if (point.x() < left - 1.0 || point.x() > right + 1.0 || point.y() < line.y()
        || point.y() > line.y() + line.height())
        return -1;
    return block.position() + relative;
}

Span ArticleView::visibleRange() const
{
    QTextBlock block = firstVisibleBlock();
    if (!block.isValid())
        return { 0, 0 };
    const qsizetype start = block.position();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    const qreal bottom = viewport()->height();
    qsizetype end = start;
    while (block.isValid() && top <= bottom) {
        end = block.position() + block.length();
        top += blockBoundingRect(block).height();
        block = block.next();
    }
    return { start, end };
}

template<typename Function>
void ArticleView::forEachLineRect(Span span, Span visible, Function &&function) const
{
    const qsizetype from = std::max(span.start, visible.start);
    const qsizetype to = std::min(span.end, visible.end);
    if (from >= to)
        return;
    const QPointF offset = contentOffset();
    for (QTextBlock block = document()->findBlock(int(from)); block.isValid() && block.position() < to;
        block = block.next()) {
        const QTextLayout *layout = block.layout();
        if (!block.isVisible() || !layout)
            continue;
        const QPointF origin = blockBoundingGeometry(block).translated(offset).topLeft() + layout->position();
        const int blockStart = block.position();
        // The paragraph separator has no glyph: a span running through it paints nothing there.
        const int start = int(std::max<qsizetype>(from, blockStart)) - blockStart;
        const int end = int(std::min<qsizetype>(to, blockStart + block.length() - 1)) - blockStart;
        for (int i = 0; i < layout->lineCount() && start < end; ++i) {
            const QTextLine line = layout->lineAt(i);
            const int lineStart = line.textStart();
            const int lineEnd = lineStart + line.textLength();
            if (lineEnd <= start || lineStart >= end)
                continue;
            const int segmentStart = std::max(start, lineStart);
            int segmentEnd = std::min(end, lineEnd);
            // A wrapped line keeps its trailing space, which would stretch the decoration to
            // the right edge of the text.
            if (segmentEnd == lineEnd && i + 1 < layout->lineCount()) {
                const QString text = block.text();
                while (segmentEnd > segmentStart && text.at(segmentEnd - 1).isSpace())
                    --segmentEnd;
            }
            if (segmentEnd <= segmentStart)
                continue;
            const qreal x1 = line.cursorToX(segmentStart);
            const qreal x2 = line.cursorToX(segmentEnd);
            const QRectF rect(
                origin.x() + std::min(x1, x2), origin.y() + line.y(), std::abs(x2 - x1), line.height());
            function(rect, line);
        }
    }
}

void ArticleView::paintDecorations(
    QPainter &painter, Span visible, const QList<qsizetype> &indices, bool backgrounds) const
{
    const bool dark = isDark(palette());
    for (const qsizetype i : indices) {
        const SpanHighlight &h = m_highlights.at(i);
        if ((h.style == SpanHighlight::EntityBackground) != backgrounds)
            continue;
        forEachLineRect(h.span, visible, [&](const QRectF &rect, const QTextLine &line) {
            const qreal baseline = rect.top() + line.ascent();
            switch (h.style) {
            case SpanHighlight::EntityBackground: {
                // Translucent, so nested entities and the selection still show through.
                QColor fill = h.colour;
                fill.setAlphaF(dark ? 0.42f : 0.30f);
                painter.setPen(Qt::NoPen);
                painter.setBrush(fill);
                painter.drawRoundedRect(rect.adjusted(0, 1, 0, -1), 2, 2);
                break;
            }
            case SpanHighlight::QuoteUnderline:
            case SpanHighlight::SourceUnderline: {
                // Quote and source lines sit at different depths of the descent, so a source
                // inside a quote keeps both lines visible and neither touches the next line.
                const bool quote = h.style == SpanHighlight::QuoteUnderline;
                const qreal depth = quote ? 1.5 : 4.0;
                QPen pen(strokeColour(h.colour, dark), quote ? 2.0 : 1.5, quote ? Qt::SolidLine : Qt::DotLine,
                    Qt::FlatCap);
                painter.setPen(pen);
                painter.setBrush(Qt::NoBrush);
                painter.drawLine(
                    QPointF(rect.left(), baseline + depth), QPointF(rect.right(), baseline + depth));
                break;
            }
            case SpanHighlight::FigureFrame:
            case SpanHighlight::CueFrame: {
                const bool figure = h.style == SpanHighlight::FigureFrame;
                QPen pen(
                    strokeColour(h.colour, dark), figure ? 1.6 : 1.2, figure ? Qt::SolidLine : Qt::DashLine);
                painter.setPen(pen);
                painter.setBrush(Qt::NoBrush);
                painter.drawRoundedRect(rect.adjusted(-1, 0.8, 1, -0.8), 3, 3);
                break;
            }
            }
        });
    }
}

void ArticleView::paintCurrentSpan(QPainter &painter, Span visible) const
{
    if (m_currentSpan.isNull())
        return;
    QPen pen(palette().color(QPalette::Highlight), 2.0);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    forEachLineRect(m_currentSpan, visible, [&](const QRectF &rect, const QTextLine &) {
        painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3);
    });
}

void ArticleView::paintEvent(QPaintEvent *event)
{
    const Span visible = visibleRange();
    QList<qsizetype> indices = highlightsOverlapping(visible);
    std::stable_sort(indices.begin(), indices.end(),
        [this](qsizetype a, qsizetype b) { return m_highlights.at(a).layer < m_highlights.at(b).layer; });
    {
        // Backgrounds go under the text so that glyphs keep their full contrast.
        QPainter painter(viewport());
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setClipRegion(event->region());
        paintDecorations(painter, visible, indices, true);
    }
    QPlainTextEdit::paintEvent(event);
    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setClipRegion(event->region());
    paintDecorations(painter, visible, indices, false);
    paintCurrentSpan(painter, visible);
}

void ArticleView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
        adaptToPalette();
        break;
    case QEvent::FontChange:
        document()->setDocumentMargin(readingMargin(font()));
        break;
    default:
        break;
    }
}

void ArticleView::adaptToPalette()
{
    if (m_adaptingPalette)
        return;
    const QScopedValueRollback guard(m_adaptingPalette, true);
    // An analyst who picks a row in a panel moves the focus there, and still needs to see
    // the span in the text: the selection keeps its active colours without focus.
    QPalette adapted = palette();
    for (const auto role : { QPalette::Highlight, QPalette::HighlightedText })
        adapted.setColor(QPalette::Inactive, role, adapted.color(QPalette::Active, role));
    if (adapted != palette())
        setPalette(adapted);
    m_highlighter->adaptToPalette(adapted);
    viewport()->update();
}

bool ArticleView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        showToolTip(help->pos(), help->globalPos());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

void ArticleView::showToolTip(QPoint viewportPoint, QPoint globalPoint)
{
    const qsizetype position = positionAt(viewportPoint);
    QStringList lines;
    if (position >= 0) {
        for (const SpanHighlight &h : highlightsAt(position)) {
            if (!h.tooltip.isEmpty() && !lines.contains(h.tooltip))
                lines.append(h.tooltip);
        }
    }
    if (lines.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    // Always rich text, escaped, so that a name like "AT&T" or "<b>" shows as written
    // whether there is one line or several.
    for (QString &line : lines)
        line = line.toHtmlEscaped();
    QToolTip::showText(globalPoint, u"<qt>"_s + lines.join(u"<br>"_s) + u"</qt>"_s, viewport());
}

void ArticleView::mousePressEvent(QMouseEvent *event)
{
    m_pressIsClick = event->button() == Qt::LeftButton && event->modifiers() == Qt::NoModifier;
    m_pressPoint = event->position().toPoint();
    QPlainTextEdit::mousePressEvent(event);
}

void ArticleView::mouseReleaseEvent(QMouseEvent *event)
{
    QPlainTextEdit::mouseReleaseEvent(event);
    const bool click = m_pressIsClick && event->button() == Qt::LeftButton
        && (event->position().toPoint() - m_pressPoint).manhattanLength() < QApplication::startDragDistance();
    m_pressIsClick = false;
    if (!click)
        return;
    if (const qsizetype position = positionAt(m_pressPoint); position >= 0)
        Q_EMIT spanClicked(position);
}

void ArticleView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // A double click selects a word; its second release is not a click on a span.
    m_pressIsClick = false;
    QPlainTextEdit::mouseDoubleClickEvent(event);
}

} // namespace Byline

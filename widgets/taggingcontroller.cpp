// SPDX-License-Identifier: GPL-3.0-or-later
#include "taggingcontroller.h"

#include "articleview.h"
#include "document.h"
#include "occurrencesdialog.h"

#include <QAction>
#include <QMenu>
#include <QMouseEvent>
#include <QTextCursor>
#include <QTimer>

#include <limits>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

bool isWordAt(QStringView text, qsizetype at)
{
    return at >= 0 && at < text.size() && (text[at].isLetterOrNumber() || text[at].isMark());
}

// One word to the right or left of position, stopping where words start (moving a start)
// or end (moving an end), as Ctrl+arrow moves a cursor.
qsizetype wordStep(QStringView text, qsizetype position, int direction, bool toWordEnd)
{
    qsizetype at = position;
    if (direction > 0) {
        if (toWordEnd) {
            while (at < text.size() && !isWordAt(text, at))
                ++at;
            while (at < text.size()
                && (isWordAt(text, at) || (isWordAt(text, at + 1) && isWordAt(text, at - 1))))
                ++at;
        } else {
            while (at < text.size() && isWordAt(text, at))
                ++at;
            while (at < text.size() && !isWordAt(text, at))
                ++at;
        }
    } else {
        if (toWordEnd) {
            while (at > 0 && isWordAt(text, at - 1))
                --at;
            while (at > 0 && !isWordAt(text, at - 1))
                --at;
        } else {
            while (at > 0 && !isWordAt(text, at - 1))
                --at;
            while (at > 0 && (isWordAt(text, at - 1) || (isWordAt(text, at - 2) && isWordAt(text, at))))
                --at;
        }
    }
    return at;
}

} // namespace

TaggingController::TaggingController(ArticleView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
{
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TaggingController::showContextMenu);
    connect(m_view, &ArticleView::spanClicked, this, &TaggingController::onTextClicked);
    m_view->viewport()->installEventFilter(this);
    createActions();
}

TaggingController::~TaggingController() = default;

void TaggingController::setDocument(Document *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    m_editor = document ? std::make_unique<AnnotationEditor>(document) : nullptr;
    m_currentQuote = 0;
    m_currentPart = 0;
    m_review = {};
    m_editing = {};
    if (document) {
        connect(document, &Document::currentArticleChanged, this, [this] {
            m_editing = {};
            m_currentQuote = 0;
            m_currentPart = 0;
            m_review = {};
        });
    }
    rebuildEntityActions();
}

void TaggingController::createActions()
{
    // Only while the text has the focus: a key typed into a panel's line edit stays text.
    const auto add
        = [this](QList<QAction *> &list, const QString &text, const QKeySequence &key, auto function) {
              auto *action = new QAction(text, this);
              action->setShortcut(key);
              action->setShortcutContext(Qt::WidgetShortcut);
              connect(action, &QAction::triggered, this, function);
              m_view->addAction(action);
              list.append(action);
              return action;
          };
    add(m_annotateActions, tr("New &Quote from Selection"), Qt::Key_Q, [this] { createQuote(); });
    add(m_annotateActions, tr("Add &Part to Quote"), Qt::SHIFT | Qt::Key_Q, [this] { addQuotePart(); });
    add(m_annotateActions, tr("Set Quote &Source"), Qt::Key_S, [this] { setSource(); });
    add(m_annotateActions, tr("Set Quote &Cue"), Qt::Key_C, [this] { setCue(); });
    m_speakerAction = add(m_annotateActions, tr("Choose &Speaker…"), Qt::Key_K, [this] { chooseSpeaker(); });
    add(m_annotateActions, tr("Switch Quote &Kind"), Qt::Key_T, [this] { cycleQuoteKind(); });
    add(m_annotateActions, tr("Move Part End Left"), Qt::ALT | Qt::SHIFT | Qt::Key_Left,
        [this] { moveQuotePartEdge(true, -1); });
    add(m_annotateActions, tr("Move Part End Right"), Qt::ALT | Qt::SHIFT | Qt::Key_Right,
        [this] { moveQuotePartEdge(true, 1); });
    add(m_annotateActions, tr("Move Part Start Left"), Qt::ALT | Qt::CTRL | Qt::Key_Left,
        [this] { moveQuotePartEdge(false, -1); });
    add(m_annotateActions, tr("Move Part Start Right"), Qt::ALT | Qt::CTRL | Qt::Key_Right,
        [this] { moveQuotePartEdge(false, 1); });
    add(m_annotateActions, tr("New &Figure from Selection"), Qt::Key_F, [this] { createFigure(); });
    m_tagAllAction = add(
        m_annotateActions, tr("Tag All &Occurrences…"), QKeySequence(), [this] { tagAllOccurrences(); });

    add(m_reviewActions, tr("&Next Suggestion"), Qt::Key_N, [this] { goToUnreviewed(true); });
    add(m_reviewActions, tr("&Previous Suggestion"), Qt::Key_P, [this] { goToUnreviewed(false); });
    add(m_reviewActions, tr("&Accept"), Qt::Key_A, [this] { acceptCurrent(); });
    add(m_reviewActions, tr("&Reject"), Qt::Key_R, [this] { rejectCurrent(); });
    add(m_reviewActions, tr("&Edit"), Qt::Key_E, [this] { editCurrent(); });
    QAction *done = add(m_reviewActions, tr("Article &Done, Open Next"), Qt::CTRL | Qt::Key_Return,
        [this] { markArticleDone(); });
    done->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
}

void TaggingController::rebuildEntityActions()
{
    qDeleteAll(m_entityActions);
    m_entityActions.clear();
    if (!m_document)
        return;
    for (const EntityType &type : m_document->entityTypes()) {
        if (type.shortcut.isEmpty())
            continue;
        const QKeySequence key(type.shortcut);
        const QString name = type.name;
        auto *action = new QAction(tr("Tag as %1").arg(name), this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetShortcut);
        action->setData(name);
        connect(action, &QAction::triggered, this, [this, name] { tagSelection(name, false); });
        m_view->addAction(action);
        m_entityActions.append(action);
        // Alt with the key keeps the selection exactly as made.
        auto *raw = new QAction(tr("Tag as %1, Exactly as Selected").arg(name), action);
        raw->setShortcut(QKeySequence(QKeyCombination(Qt::AltModifier, key[0].key())));
        raw->setShortcutContext(Qt::WidgetShortcut);
        connect(raw, &QAction::triggered, this, [this, name] { tagSelection(name, true); });
        m_view->addAction(raw);
    }
}

bool TaggingController::canEdit()
{
    if (!m_editor)
        return false;
    // Every edit would fail to save and say so in a message box: say it once, quietly.
    if (m_document->isReadOnly()) {
        Q_EMIT statusMessage(tr("The project is open read-only."));
        return false;
    }
    return true;
}

bool TaggingController::report(bool ok)
{
    if (!ok && m_editor)
        Q_EMIT statusMessage(m_editor->errorString());
    return ok;
}

Span TaggingController::selection() const
{
    const QTextCursor cursor = m_view->textCursor();
    if (!cursor.hasSelection())
        return {};
    return { cursor.selectionStart(), cursor.selectionEnd() };
}

void TaggingController::setCurrentQuote(RecordId quoteId, int part)
{
    m_currentQuote = quoteId;
    m_currentPart = part;
}

bool TaggingController::tagSelection(const QString &type, bool raw)
{
    if (!canEdit())
        return false;
    const RecordId mentionId
        = m_editor->tagEntity(selection(), type, raw ? Snapping::Raw : Snapping::EntityName);
    if (mentionId)
        Q_EMIT statusMessage(tr("Tagged as %1").arg(type));
    return report(mentionId != 0);
}

bool TaggingController::createQuote()
{
    if (!canEdit())
        return false;
    const RecordId quoteId = m_editor->createQuote(selection());
    if (quoteId) {
        setCurrentQuote(quoteId, 0);
        Q_EMIT statusMessage(tr("New quote: select its source and press S, its cue and press C."));
    }
    return report(quoteId != 0);
}

bool TaggingController::addQuotePart()
{
    if (!canEdit())
        return false;
    const Span selected = selection();
    const bool ok = m_editor->addQuotePart(m_currentQuote, selected);
    if (ok) {
        const qsizetype row = m_document->quoteRow(m_currentQuote);
        const QList<Span> &parts = m_document->annotations().quotes[row].content;
        for (int i = 0; i < parts.size(); ++i) {
            if (parts[i].overlaps(selected))
                m_currentPart = i;
        }
    }
    return report(ok);
}

bool TaggingController::setSource()
{
    return m_editor && report(m_editor->setQuoteSource(m_currentQuote, selection()));
}

bool TaggingController::setCue()
{
    return m_editor && report(m_editor->setQuoteCue(m_currentQuote, selection()));
}

bool TaggingController::createFigure()
{
    if (!canEdit())
        return false;
    const RecordId figureId = m_editor->createFigure(selection());
    if (figureId) {
        const Figure &figure = m_document->annotations().figures[m_document->figureRow(figureId)];
        Q_EMIT statusMessage(tr("Figure: %1 %2 (%3)").arg(figure.value.toString(), figure.unit, figure.kind));
    }
    return report(figureId != 0);
}

bool TaggingController::moveQuotePartEdge(bool end, int direction)
{
    if (!canEdit())
        return false;
    const qsizetype row = m_document->quoteRow(m_currentQuote);
    if (row < 0 || m_currentPart >= m_document->annotations().quotes[row].content.size())
        return report(m_editor->setQuotePart(m_currentQuote, m_currentPart, {}));
    Span part = m_document->annotations().quotes[row].content[m_currentPart];
    const QString &text = m_document->currentArticle().text;
    if (end)
        part.end = wordStep(text, part.end, direction, true);
    else
        part.start = wordStep(text, part.start, direction, false);
    if (part.end <= part.start)
        return report(m_editor->setQuotePart(m_currentQuote, m_currentPart, { part.start, part.start }));
    const bool ok = m_editor->setQuotePart(m_currentQuote, m_currentPart, part);
    if (ok)
        m_view->selectSpan(part);
    return report(ok);
}

bool TaggingController::setSpeaker(RecordId entityId)
{
    if (!canEdit())
        return false;
    const bool ok = m_editor->setSpeaker(m_currentQuote, entityId);
    if (ok) {
        const Entity *speaker = m_document->entity(entityId);
        Q_EMIT statusMessage(speaker ? tr("Speaker: %1").arg(speaker->name) : tr("No speaker"));
    }
    return report(ok);
}

bool TaggingController::cycleQuoteKind()
{
    if (!canEdit())
        return false;
    const qsizetype row = m_document->quoteRow(m_currentQuote);
    if (row < 0)
        return report(m_editor->setQuoteKind(m_currentQuote, QuoteKind::Direct));
    const QuoteKind kind = m_document->annotations().quotes[row].kind;
    const QuoteKind next = kind == QuoteKind::Direct ? QuoteKind::Indirect
        : kind == QuoteKind::Indirect                ? QuoteKind::Mixed
                                                     : QuoteKind::Direct;
    const bool ok = m_editor->setQuoteKind(m_currentQuote, next);
    if (ok)
        Q_EMIT statusMessage(tr("The quote is %1 now.").arg(toString(next)));
    return report(ok);
}

void TaggingController::chooseSpeaker()
{
    if (!canEdit())
        return;
    const qsizetype row = m_document->quoteRow(m_currentQuote);
    if (row < 0) {
        Q_EMIT statusMessage(tr("Choose a quote first: click into it or press Q."));
        return;
    }
    const Quote &quote = m_document->annotations().quotes[row];
    const qsizetype position = quote.source.isNull() ? quote.content.first().start : quote.source.start;
    QMenu menu(m_view);
    menu.setObjectName(u"speakerMenu"_s);
    const QList<RecordId> candidates = m_editor->speakerCandidates(position + 1);
    int index = 0;
    for (const RecordId id : candidates) {
        const Entity *entity = m_document->entity(id);
        // The first nine are one key away.
        const QString label = ++index <= 9 ? u"&%1  %2 (%3)"_s.arg(index).arg(entity->name, entity->type)
                                           : u"%1 (%2)"_s.arg(entity->name, entity->type);
        QAction *action = menu.addAction(label);
        action->setData(id);
        action->setCheckable(true);
        action->setChecked(id == quote.speakerId);
    }
    if (candidates.isEmpty())
        menu.addAction(tr("No people, organisations or places tagged yet"))->setEnabled(false);
    menu.addSeparator();
    menu.addAction(tr("No Speaker"))->setData(RecordId(0));
    QTextCursor cursor(m_view->document());
    cursor.setPosition(int(position));
    const QPoint where = m_view->viewport()->mapToGlobal(m_view->cursorRect(cursor).bottomLeft());
    // The nearest candidate is chosen already: K, Return re-assigns in two keys.
    if (!candidates.isEmpty()) {
        QAction *nearest = menu.actions().first();
        QTimer::singleShot(0, &menu, [&menu, nearest] { menu.setActiveAction(nearest); });
    }
    if (QAction *chosen = menu.exec(where); chosen && chosen->data().isValid())
        setSpeaker(chosen->data().value<RecordId>());
}

RecordId TaggingController::entityAt(qsizetype position) const
{
    for (const Entity &entity : m_document->annotations().entities) {
        for (const Mention &mention : entity.mentions) {
            if (mention.span.contains(position) && mention.provenance.status != AnnotationStatus::Rejected)
                return entity.id;
        }
    }
    return 0;
}

void TaggingController::tagAllOccurrences()
{
    if (!canEdit())
        return;
    const Span selected = selection();
    const qsizetype position = selected.isNull() ? m_view->textCursor().position() : selected.start;
    const RecordId entityId = entityAt(position);
    if (entityId == 0) {
        Q_EMIT statusMessage(tr("Put the cursor on a tagged name first."));
        return;
    }
    const QList<Span> spans = m_editor->untaggedOccurrences(entityId);
    // By name, not by pointer: a background suggestion run may reload the annotations
    // while the dialog is open.
    const QString name = m_document->entity(entityId)->name;
    if (spans.isEmpty() && m_document->store().articleCount() <= 1) {
        Q_EMIT statusMessage(tr("Every occurrence of %1 is tagged.").arg(name));
        return;
    }
    OccurrencesDialog dialog(m_document->store(), m_document->currentArticle(), spans, name,
        m_editor->occurrenceNames(entityId), m_view);
    dialog.setWindowTitle(tr("Tag All Occurrences of %1").arg(name));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QList<Occurrence> chosen = dialog.checkedOccurrences();
    if (report(m_editor->tagOccurrencesAcrossArticles(entityId, chosen)))
        Q_EMIT statusMessage(tr("Tagged %n more occurrence(s) of %1", nullptr, int(chosen.size())).arg(name));
}

void TaggingController::focus(AnnotationRef annotation)
{
    m_review = annotation;
    if (annotation.isNull())
        return;
    const Span span = m_editor->spanOf(annotation);
    if (annotation.layer == Layer::Quotes)
        setCurrentQuote(annotation.id, 0);
    m_view->selectSpan(span);
    Q_EMIT annotationFocused(span.start);
}

bool TaggingController::goToUnreviewed(bool forward)
{
    if (!m_editor)
        return false;
    AnnotationRef next;
    if (!m_review.isNull() && !m_editor->spanOf(m_review).isNull()) {
        next = m_editor->nextUnreviewed(m_review, forward);
    } else {
        const qsizetype position = m_view->textCursor().selectionStart();
        next = m_editor->nextUnreviewed(forward ? position - 1 : position, forward);
    }
    if (next.isNull()) {
        m_review = {};
        Q_EMIT statusMessage(tr("Nothing left to review in this article."));
        return false;
    }
    focus(next);
    return true;
}

AnnotationRef TaggingController::annotationAt(qsizetype position) const
{
    // The narrowest annotation there: a mention inside a quote is what the cursor points at.
    AnnotationRef best;
    qsizetype bestLength = std::numeric_limits<qsizetype>::max();
    const auto consider = [&](Layer layer, RecordId id, Span span) {
        if (span.contains(position) && span.length() < bestLength) {
            best = { layer, id };
            bestLength = span.length();
        }
    };
    const AnnotationSet &set = m_document->annotations();
    for (const Entity &entity : set.entities) {
        for (const Mention &mention : entity.mentions)
            consider(Layer::Entities, mention.id, mention.span);
    }
    for (const Quote &quote : set.quotes) {
        for (const Span &part : quote.content)
            consider(Layer::Quotes, quote.id, part);
    }
    for (const Figure &figure : set.figures)
        consider(Layer::Figures, figure.id, figure.span);
    return best;
}

bool TaggingController::acceptCurrent()
{
    if (!canEdit())
        return false;
    const AnnotationRef target
        = m_review.isNull() ? annotationAt(m_view->textCursor().selectionStart()) : m_review;
    if (!report(m_editor->accept(target)))
        return false;
    m_review = target;
    goToUnreviewed(true);
    return true;
}

bool TaggingController::rejectCurrent()
{
    if (!canEdit())
        return false;
    const AnnotationRef target
        = m_review.isNull() ? annotationAt(m_view->textCursor().selectionStart()) : m_review;
    if (!report(m_editor->reject(target)))
        return false;
    m_review = target;
    goToUnreviewed(true);
    return true;
}

void TaggingController::editCurrent()
{
    if (!canEdit())
        return;
    // The second E, with a new selection, puts the annotation there.
    const Span selected = selection();
    if (!m_editing.isNull() && !selected.isNull() && selected != m_editor->spanOf(m_editing)) {
        const AnnotationRef target = m_editing;
        bool ok = false;
        switch (target.layer) {
        case Layer::Entities:
            ok = m_editor->setMentionSpan(target.id, selected);
            break;
        case Layer::Quotes:
            ok = m_editor->setQuotePart(target.id, m_currentQuote == target.id ? m_currentPart : 0,
                snapSpan(m_document->currentArticle().text, selected, Snapping::Words));
            break;
        case Layer::Figures:
            ok = m_editor->setFigureSpan(target.id, selected);
            break;
        }
        if (report(ok)) {
            m_editing = {};
            Q_EMIT statusMessage(tr("Changed; the suggestion is kept as it was in its history."));
        }
        return;
    }
    const AnnotationRef target
        = m_review.isNull() ? annotationAt(m_view->textCursor().selectionStart()) : m_review;
    if (target.isNull()) {
        Q_EMIT statusMessage(tr("Choose a suggestion first (N, P or a click)."));
        return;
    }
    focus(target);
    m_editing = target;
    Q_EMIT statusMessage(target.layer == Layer::Quotes
            ? tr("Select the part's new extent and press E, or move its ends (Alt+Shift+←/→, Alt+Ctrl+←/→, "
                 "or drag them); K sets the speaker, T the kind.")
            : tr("Select the new extent and press E again."));
}

bool TaggingController::markArticleDone()
{
    if (!canEdit())
        return false;
    const RecordId articleId = m_document->currentArticle().id;
    if (!report(m_editor->setArticleStatus(ArticleStatus::Done)))
        return false;
    Q_EMIT articleDone(articleId);
    return true;
}

void TaggingController::onTextClicked(qsizetype position)
{
    if (!m_document)
        return;
    // A click elsewhere leaves review mode's place: A, R and E act on what was clicked.
    if (!m_review.isNull() && !m_editor->spanOf(m_review).contains(position))
        m_review = {};
    for (const Quote &quote : m_document->annotations().quotes) {
        for (int i = 0; i < quote.content.size(); ++i) {
            if (quote.content[i].contains(position)
                && quote.provenance.status != AnnotationStatus::Rejected) {
                setCurrentQuote(quote.id, i);
                return;
            }
        }
    }
}

Span TaggingController::currentPartSpan() const
{
    if (!m_document)
        return {};
    const qsizetype row = m_document->quoteRow(m_currentQuote);
    if (row < 0 || m_currentPart >= m_document->annotations().quotes[row].content.size())
        return {};
    return m_document->annotations().quotes[row].content[m_currentPart];
}

int TaggingController::edgeAt(QPoint viewportPoint) const
{
    const Span part = currentPartSpan();
    if (part.isNull())
        return 0;
    // A few pixels either side of the edge's caret position, on its line.
    constexpr int reach = 4;
    const auto near = [&](qsizetype position) {
        QTextCursor cursor(m_view->document());
        cursor.setPosition(int(position));
        const QRect caret = m_view->cursorRect(cursor);
        return std::abs(viewportPoint.x() - caret.x()) <= reach && viewportPoint.y() >= caret.top()
            && viewportPoint.y() <= caret.bottom();
    };
    return near(part.end) ? 2 : near(part.start) ? 1 : 0;
}

bool TaggingController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport() || !m_editor)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton || mouse->modifiers() != Qt::NoModifier)
            break;
        m_draggedEdge = edgeAt(mouse->position().toPoint());
        if (m_draggedEdge == 0)
            break;
        m_view->viewport()->setCursor(Qt::SizeHorCursor);
        return true;
    }
    case QEvent::MouseMove: {
        if (m_draggedEdge == 0)
            break;
        // The part as it would become, shown as the selection while dragging.
        const Span part = currentPartSpan();
        const int position
            = m_view->cursorForPosition(static_cast<QMouseEvent *>(event)->position().toPoint()).position();
        QTextCursor cursor(m_view->document());
        cursor.setPosition(int(m_draggedEdge == 2 ? part.start : part.end));
        cursor.setPosition(position, QTextCursor::KeepAnchor);
        m_view->setTextCursor(cursor);
        return true;
    }
    case QEvent::MouseButtonRelease: {
        if (m_draggedEdge == 0)
            break;
        Span part = currentPartSpan();
        const qsizetype position
            = m_view->cursorForPosition(static_cast<QMouseEvent *>(event)->position().toPoint()).position();
        (m_draggedEdge == 2 ? part.end : part.start) = position;
        m_draggedEdge = 0;
        m_view->viewport()->setCursor(Qt::IBeamCursor);
        if (part.start >= part.end)
            part.end = part.start; // refused by the editor, with its reason
        report(m_editor->setQuotePart(m_currentQuote, m_currentPart, part));
        return true;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void TaggingController::showContextMenu(const QPoint &point)
{
    // A right click without a selection points at a place, as for "Tag all occurrences".
    if (!m_view->textCursor().hasSelection())
        m_view->setTextCursor(m_view->cursorForPosition(point));
    QMenu menu(m_view);
    if (!m_document) {
        menu.addAction(tr("Open a project first"))->setEnabled(false);
    } else {
        QMenu *tagMenu = menu.addMenu(tr("&Tag as"));
        tagMenu->addActions(m_entityActions);
        menu.addActions(m_annotateActions);
        menu.addSeparator();
        menu.addActions(m_reviewActions);
    }
    menu.exec(m_view->viewport()->mapToGlobal(point));
}

} // namespace Byline

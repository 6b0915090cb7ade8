// SPDX-License-Identifier: GPL-3.0-or-later
// Keyboard-first annotation in the main window, on the bundled sample article, typed and
// clicked as an analyst would; every result is checked against the gold file, and every
// step is undone back to the start and redone.
#include "articleview.h"
#include "document.h"
#include "extraction/extractor.h"
#include "legendwidget.h"
#include "mainwindow.h"
#include "occurrencesdialog.h"
#include "reviewstatuslabel.h"
#include "store.h"
#include "suggestionwriter.h"
#include "taggingcontroller.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The sample has no character outside the BMP: the gold file's code points are UTF-16 units.
Span goldSpan(const QJsonValue &value)
{
    if (!value.isObject())
        return {};
    return { value[u"start"_s].toInteger(), value[u"end"_s].toInteger() };
}

struct State {
    AnnotationSet set;
    ArticleStatus status = ArticleStatus::Todo;
};

} // namespace

class TestGuiTagging : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void tagEntitiesWithKeys();
    void buildSplitQuote();
    void markThreeFigures();
    void tagAllOccurrencesFromContextMenu();
    void tagAllOccurrencesInCorpus();
    void reviewAndRejectSuggestion();
    void correctSuggestedQuote();
    void dragQuotePartEnds();
    void editSuggestionByReselecting();
    void keysStayTextInLineEdits();
    void doneOpensNextArticle();
    void errorsGoToTheStatusBar();
    void screenshots();

private:
    Document *document() const { return m_window->document(); }
    ArticleView *view() const { return m_window->articleView(); }
    State state() const { return { document()->annotations(), document()->currentArticle().status }; }
    void verifyState(const State &expected);
    void verifyUndoRedo(const State &before, const State &after, int steps);
    /// Clicks at start, then extends the selection with Shift+Right, as with the keyboard.
    void selectWithKeyboard(Span span);
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    /// Presses key, which opens a popup menu, and takes the entry it offers with Return.
    void pressAndChooseFirst(int key);
    QPoint pointAt(qsizetype position);
    const Entity *entityNamed(const QString &name) const;
    RecordId seedEntity(const QString &name, const QString &type, const QList<Span> &mentions,
        AnnotationStatus status = AnnotationStatus::Manual);
    void annotateFromGold();

    QString m_text;
    QJsonObject m_gold;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_projectPath;
    RecordId m_articleId = 0;
    RecordId m_secondId = 0;
    std::unique_ptr<MainWindow> m_window;
};

void TestGuiTagging::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_text = QString::fromUtf8(
        readFile(QStringLiteral(BYLINE_TEST_DATA "/../../resources/samples/kazakhstan-coup-putin.txt")));
    m_gold = QJsonDocument::fromJson(
        readFile(QStringLiteral(BYLINE_TEST_DATA "/eval/kazakhstan-coup-putin.gold.json")))
                 .object();
    QVERIFY(!m_text.isEmpty());
    QCOMPARE(m_gold[u"text"_s].toString(), m_text);
}

void TestGuiTagging::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_projectPath = m_dir->filePath(u"tagging.byline"_s);
    {
        StoreError error;
        auto store = Store::open(m_projectPath, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Article article { .key = u"kazakhstan-coup-putin"_s,
            .title = m_gold[u"title"_s].toString(),
            .published = u"2022-01-10"_s,
            .text = m_text };
        QVERIFY(store->addArticle(article));
        m_articleId = article.id;
        Article second {
            .key = u"second"_s, .title = u"Second"_s, .text = u"Another article, by Reuters."_s
        };
        QVERIFY(store->addArticle(second));
        m_secondId = second.id;
    }
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openProject(m_projectPath));
    document()->setAnnotator(u"analyst"_s);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(document()->currentArticle().id, m_articleId);
    view()->setFocus();
    QTRY_VERIFY(view()->hasFocus());
}

void TestGuiTagging::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void TestGuiTagging::verifyState(const State &expected)
{
    const State now = state();
    QCOMPARE(now.set.entities, expected.set.entities);
    QCOMPARE(now.set.quotes, expected.set.quotes);
    QCOMPARE(now.set.figures, expected.set.figures);
    QVERIFY(now.status == expected.status);
    const AnnotationSet stored = document()->store().annotations(m_articleId);
    QCOMPARE(stored.entities, expected.set.entities);
    QCOMPARE(stored.quotes, expected.set.quotes);
    QCOMPARE(stored.figures, expected.set.figures);
}

void TestGuiTagging::verifyUndoRedo(const State &before, const State &after, int steps)
{
    // With the keys, as the analyst would: Ctrl+Z and Ctrl+Shift+Z.
    QCOMPARE(document()->undoStack()->index(), document()->undoStack()->count());
    const int top = document()->undoStack()->index();
    for (int i = 0; i < steps; ++i)
        press(Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(document()->undoStack()->index(), top - steps);
    verifyState(before);
    if (QTest::currentTestFailed())
        return;
    for (int i = 0; i < steps; ++i)
        press(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(document()->undoStack()->index(), top);
    verifyState(after);
}

QPoint TestGuiTagging::pointAt(qsizetype position)
{
    // Scrolled into view first, as the analyst scrolls before selecting.
    QTextCursor cursor(view()->document());
    cursor.setPosition(int(position));
    view()->setTextCursor(cursor);
    view()->ensureCursorVisible();
    return view()->cursorRect(cursor).center();
}

void TestGuiTagging::selectWithKeyboard(Span span)
{
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointAt(span.start));
    QCOMPARE(view()->textCursor().position(), span.start);
    for (qsizetype i = span.start; i < span.end; ++i)
        QTest::keyClick(view(), Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(view()->textCursor().selectionStart(), span.start);
    QCOMPARE(view()->textCursor().selectionEnd(), span.end);
}

void TestGuiTagging::press(int key, Qt::KeyboardModifiers modifiers)
{
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : view();
    QTest::keyClick(target, Qt::Key(key), modifiers);
}

void TestGuiTagging::pressAndChooseFirst(int key)
{
    // The menu runs its own event loop: a timer looks for it there, and closes it whatever
    // happens, so that a failure cannot hang the test.
    bool chosen = false;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&chosen, &poll] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu || !menu->isVisible())
            return;
        poll.stop();
        QTest::keyClick(menu, Qt::Key_Return); // the nearest is chosen already
        chosen = !menu->isVisible();
        if (menu->isVisible())
            menu->close();
    });
    poll.start();
    press(key);
    poll.stop();
    QVERIFY(chosen);
    // Keys reach shortcuts again only once the window is active after the popup; the
    // offscreen platform has no window manager to give activation back, so the test does.
    QTRY_VERIFY(!QApplication::activePopupWidget());
    if (QApplication::activeWindow() != m_window.get()) {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    QTRY_VERIFY(view()->hasFocus());
}

const Entity *TestGuiTagging::entityNamed(const QString &name) const
{
    for (const Entity &entity : document()->annotations().entities) {
        if (entity.name == name)
            return &entity;
    }
    return nullptr;
}

RecordId TestGuiTagging::seedEntity(
    const QString &name, const QString &type, const QList<Span> &mentions, AnnotationStatus status)
{
    Provenance provenance = document()->manualProvenance();
    provenance.status = status;
    Entity entity { .articleId = m_articleId, .name = name, .type = type, .provenance = provenance };
    for (const Span &span : mentions)
        entity.mentions.append({ .articleId = m_articleId, .span = span, .provenance = provenance });
    if (!document()->store().insertEntity(entity))
        return 0;
    document()->reloadAnnotations();
    return entity.id;
}

void TestGuiTagging::tagEntitiesWithKeys()
{
    const State start = state();
    // Keyboard: "Kassym-Jomart Tokayev", key 1 (PERSON).
    selectWithKeyboard({ 1052, 1073 });
    press(Qt::Key_1);
    // Keyboard, sloppy: "Kazakhstan’s " with the possessive and a space, key 3 (GPE).
    selectWithKeyboard({ 1250, 1263 });
    press(Qt::Key_3);
    // Mouse: a double click on "Kremlin", key 2 (ORG).
    QTest::mouseDClick(view()->viewport(), Qt::LeftButton, {}, pointAt(563));
    QCOMPARE(view()->textCursor().selectedText(), u"Kremlin"_s);
    press(Qt::Key_2);
    // "Russian" in "Russian-led", key 5 (NORP); Alt keeps "the" (wrong, but asked for).
    QTest::mouseDClick(view()->viewport(), Qt::LeftButton, {}, pointAt(2204));
    QCOMPARE(view()->textCursor().selectedText(), u"Russian"_s);
    press(Qt::Key_5);
    selectWithKeyboard({ 590, 598 }); // "the West"
    press(Qt::Key_4, Qt::AltModifier);

    QCOMPARE(document()->undoStack()->count(), 5);
    const auto mentionText = [this](const QString &name) {
        const Entity *entity = entityNamed(name);
        return entity ? textOf(m_text, entity->mentions.first().span) : QString();
    };
    QCOMPARE(entityNamed(u"Kassym-Jomart Tokayev"_s)->type, u"PERSON"_s);
    QCOMPARE(mentionText(u"Kazakhstan"_s), u"Kazakhstan"_s);
    QCOMPARE(entityNamed(u"Kazakhstan"_s)->type, u"GPE"_s);
    QCOMPARE(entityNamed(u"Kremlin"_s)->type, u"ORG"_s);
    QCOMPARE(entityNamed(u"Russian"_s)->mentions.first().span, (Span { 2202, 2209 }));
    QCOMPARE(entityNamed(u"the West"_s)->mentions.first().span, (Span { 590, 598 }));
    // The highlights show them at once.
    QCOMPARE(view()->highlightsAt(1055).size(), 1);
    verifyUndoRedo(start, state(), 5);
}

// “Very soon,” he explained, “the large-scale ...”: gold quote Q21.
void TestGuiTagging::buildSplitQuote()
{
    const State start = state();
    selectWithKeyboard({ 1052, 1073 });
    press(Qt::Key_1);
    selectWithKeyboard({ 2316, 2328 }); // “Very soon,” with its marks
    press(Qt::Key_Q);
    selectWithKeyboard({ 2343, 2439 }); // “the large-scale ... mission” with its marks
    press(Qt::Key_Q, Qt::ShiftModifier);
    selectWithKeyboard({ 2329, 2331 }); // he
    press(Qt::Key_S);
    selectWithKeyboard({ 2332, 2341 }); // explained
    press(Qt::Key_C);
    pressAndChooseFirst(Qt::Key_K); // Tokayev, the only person tagged
    QCOMPARE(document()->undoStack()->count(), 6);

    QJsonObject gold;
    for (const QJsonValue quote : m_gold[u"quotes"_s].toArray()) {
        if (quote[u"id"_s].toString() == u"Q21"_s)
            gold = quote.toObject();
    }
    QCOMPARE(document()->annotations().quotes.size(), 1);
    const Quote &quote = document()->annotations().quotes.first();
    QCOMPARE(toString(quote.kind), gold[u"kind"_s].toString());
    QCOMPARE(quote.content.size(), 2);
    QCOMPARE(quote.content[0], goldSpan(gold[u"content"_s][0]));
    QCOMPARE(quote.content[1], goldSpan(gold[u"content"_s][1]));
    QCOMPARE(quote.source, goldSpan(gold[u"source"_s]));
    QCOMPARE(quote.cue, goldSpan(gold[u"cue"_s]));
    QCOMPARE(document()->entity(quote.speakerId)->name, u"Kassym-Jomart Tokayev"_s);
    QCOMPARE(toString(quote.provenance.status), toString(AnnotationStatus::Manual));
    verifyUndoRedo(start, state(), 6);
}

void TestGuiTagging::markThreeFigures()
{
    const State start = state();
    const QJsonArray figures = m_gold[u"figures"_s].toArray();
    QCOMPARE(figures.size(), 3);
    for (const QJsonValue figure : figures) {
        selectWithKeyboard(goldSpan(figure[u"span"_s]));
        press(Qt::Key_F);
    }
    const QList<Figure> &marked = document()->annotations().figures;
    QCOMPARE(marked.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QJsonValue gold = figures[i];
        QCOMPARE(marked[i].span, goldSpan(gold[u"span"_s]));
        QCOMPARE(marked[i].number, goldSpan(gold[u"number"_s]));
        QCOMPARE(marked[i].kind, gold[u"kind"_s].toString());
        QCOMPARE(marked[i].value.toDouble(), gold[u"value"_s].toDouble());
        QCOMPARE(marked[i].unit, gold[u"unit"_s].toString());
    }
    verifyUndoRedo(start, state(), 3);
}

// Right click on a tagged name, "Tag All Occurrences…", leave one out in the preview.
void TestGuiTagging::tagAllOccurrencesFromContextMenu()
{
    selectWithKeyboard({ 11, 21 });
    press(Qt::Key_3);
    const State tagged = state();
    const QPoint point = pointAt(15);
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, point);

    int listed = 0;
    bool chosen = false;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            if (chosen)
                return;
            for (QAction *action : menu->actions()) {
                if (action->text().startsWith(u"Tag All"_s)) {
                    menu->setActiveAction(action);
                    chosen = true;
                    // Queued: the dialog it opens runs its loop there, where this timer fires again.
                    QMetaObject::invokeMethod(
                        menu, [menu] { QTest::keyClick(menu, Qt::Key_Return); }, Qt::QueuedConnection);
                    return;
                }
            }
            menu->close(); // not there: the test fails below rather than hang
        } else if (auto *dialog = qobject_cast<OccurrencesDialog *>(QApplication::activeModalWidget())) {
            poll.stop();
            QTreeWidget *list = dialog->list();
            listed = list->topLevelItemCount();
            // The analyst leaves out the first one with the keyboard, and confirms.
            list->setFocus();
            list->setCurrentItem(list->topLevelItem(0));
            QTest::keyClick(list, Qt::Key_Space);
            QTest::keyClick(list, Qt::Key_Return);
            if (dialog->isVisible())
                dialog->reject();
        }
    });
    poll.start();
    QContextMenuEvent rightClick(QContextMenuEvent::Mouse, point, view()->viewport()->mapToGlobal(point));
    QApplication::sendEvent(view()->viewport(), &rightClick);
    poll.stop();
    QCOMPARE(listed, 9);
    const Entity *kazakhstan = entityNamed(u"Kazakhstan"_s);
    QVERIFY(kazakhstan);
    QCOMPARE(kazakhstan->mentions.size(), 9);
    for (const Mention &mention : kazakhstan->mentions)
        QCOMPARE(textOf(m_text, mention.span), u"Kazakhstan"_s);
    // The one left out is the headline's, the first after the one tagged.
    QVERIFY(std::none_of(kazakhstan->mentions.cbegin(), kazakhstan->mentions.cend(),
        [](const Mention &mention) { return mention.span.start == 86; }));
    if (QApplication::activeWindow() != m_window.get()) {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    view()->setFocus();
    verifyUndoRedo(tagged, state(), 1);
}

// Annotate > Tag All Occurrences…, the whole corpus chosen: the other articles' places are found,
// one is left out, and the rest are tagged in one step that undo takes back everywhere.
void TestGuiTagging::tagAllOccurrencesInCorpus()
{
    Store &store = document()->store();
    Article joins { .key = u"joins"_s,
        .title = u"Protests spread"_s,
        .text
        = u"Protests in Kazakhstan spread. Kazakhstani officials met; 😀 Kazakhstan closed its borders."_s };
    Article starts { .key = u"starts"_s,
        .title = u"Oil"_s,
        .text = u"KAZAKHSTAN and Kazakhstan’s oil; Kazakhstan exports."_s };
    QVERIFY(store.addArticle(joins));
    QVERIFY(store.addArticle(starts));
    Entity existing { .articleId = joins.id, .name = u"Kazakhstan"_s, .type = u"GPE"_s };
    existing.mentions = { { .articleId = joins.id, .span = { 12, 22 } } };
    QVERIFY(store.insertEntity(existing));
    document()->notifyArticlesAdded();
    const AnnotationSet joinsBefore = store.annotations(joins.id);
    const AnnotationSet startsBefore = store.annotations(starts.id);

    selectWithKeyboard({ 11, 21 });
    press(Qt::Key_3);
    const State tagged = state();
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointAt(15));

    int inArticle = -1;
    int inCorpus = -1;
    QStringList corpusContexts;
    bool allShown = true;
    QString tagText;
    bool searching = false;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<OccurrencesDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        QTreeWidget *list = dialog->list();
        if (!searching) {
            inArticle = list->topLevelItemCount();
            QTest::mouseClick(dialog->corpusButton(), Qt::LeftButton);
            searching = true;
            return;
        }
        if (dialog->isSearching())
            return;
        poll.stop();
        inCorpus = list->topLevelItemCount() - inArticle;
        for (int row = inArticle; row < list->topLevelItemCount(); ++row) {
            allShown &= !list->topLevelItem(row)->isHidden();
            corpusContexts << list->topLevelItem(row)->text(0) + u": "_s + list->topLevelItem(row)->text(1);
        }
        if (const QString folder = qEnvironmentVariable("BYLINE_SCREENSHOT_DIR"); !folder.isEmpty())
            dialog->grab().save(QDir(folder).filePath(u"occurrences-dialog.png"_s));
        // "Kazakhstan’s oil" is left out, with the keyboard; the button tags the rest.
        list->setFocus();
        list->setCurrentItem(list->topLevelItem(list->topLevelItemCount() - 2));
        QTest::keyClick(list, Qt::Key_Space);
        auto *tag = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        tagText = tag->text();
        QTest::mouseClick(tag, Qt::LeftButton);
        if (dialog->isVisible())
            dialog->reject();
    });
    poll.start();
    m_window->tagging()->tagAllOccurrences();
    poll.stop();
    QCOMPARE(inArticle, 9);
    QCOMPARE(inCorpus, 3);
    QVERIFY(allShown);
    QCOMPARE(tagText, u"&Tag 11"_s);
    QCOMPARE(corpusContexts,
        (QStringList {
            u"Protests spread: …Kazakhstan spread. Kazakhstani officials met; 😀 Kazakhstan closed its borders."_s,
            u"Oil: KAZAKHSTAN and Kazakhstan’s oil; Kazakhstan exports."_s,
            u"Oil: KAZAKHSTAN and Kazakhstan’s oil; Kazakhstan exports."_s }));
    QCOMPARE(document()->undoStack()->count(), 2);
    QCOMPARE(document()->currentArticle().id, m_articleId);
    QCOMPARE(entityNamed(u"Kazakhstan"_s)->mentions.size(), 10);
    const AnnotationSet joinsAfter = store.annotations(joins.id);
    QCOMPARE(joinsAfter.entities.size(), 1);
    QCOMPARE(joinsAfter.entities[0].id, existing.id);
    QCOMPARE(joinsAfter.entities[0].mentions.size(), 2);
    QCOMPARE(textOf(joins.text, joinsAfter.entities[0].mentions[1].span), u"Kazakhstan"_s);
    QCOMPARE(joinsAfter.entities[0].mentions[1].span.start, joins.text.lastIndexOf(u"Kazakhstan"_s));
    const AnnotationSet startsAfter = store.annotations(starts.id);
    QCOMPARE(startsAfter.entities.size(), 1);
    QCOMPARE(startsAfter.entities[0].name, u"Kazakhstan"_s);
    QCOMPARE(startsAfter.entities[0].type, u"GPE"_s);
    QCOMPARE(startsAfter.entities[0].mentions.size(), 1);
    QCOMPARE(startsAfter.entities[0].mentions[0].span.start, starts.text.lastIndexOf(u"Kazakhstan"_s));

    if (QApplication::activeWindow() != m_window.get()) {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    view()->setFocus();
    verifyUndoRedo(tagged, state(), 1);
    press(Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(store.annotations(joins.id).entities, joinsBefore.entities);
    QCOMPARE(store.annotations(starts.id).entities, startsBefore.entities);
    verifyState(tagged);
}

void TestGuiTagging::reviewAndRejectSuggestion()
{
    SuggestionWriter writer(document()->store());
    QVERIFY2(writer.write(m_articleId, Extractor().extract(m_text)), qPrintable(writer.errorString()));
    document()->reloadAnnotations();
    Q_EMIT document()->articleChanged(m_articleId);
    AnnotationEditor *editor = m_window->tagging()->editor();
    const int suggestions = editor->unreviewedCount();
    QVERIFY(suggestions > 3);
    QTRY_VERIFY(m_window->reviewStatus()->text().contains(u"%1 in this article"_s.arg(suggestions)));
    const State start = state();

    // N: the first suggestion in reading order is selected in the text and in its panel.
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointAt(0));
    press(Qt::Key_N);
    const AnnotationRef first = m_window->tagging()->currentReview();
    QVERIFY(!first.isNull());
    const Span firstSpan = editor->spanOf(first);
    QCOMPARE(view()->textCursor().selectionStart(), firstSpan.start);
    QCOMPARE(view()->textCursor().selectionEnd(), firstSpan.end);
    QCOMPARE(view()->highlightsAt(firstSpan.start).isEmpty(), false);
    // N, P: there and back.
    press(Qt::Key_N);
    QVERIFY(m_window->tagging()->currentReview() != first);
    press(Qt::Key_P);
    QCOMPARE(m_window->tagging()->currentReview(), first);

    // R rejects it and moves on; it is hidden but kept.
    const int highlightsBefore = int(view()->highlights().size());
    press(Qt::Key_R);
    QCOMPARE(editor->unreviewedCount(), suggestions - 1);
    QVERIFY(m_window->tagging()->currentReview() != first);
    QVERIFY(view()->highlights().size() < highlightsBefore);
    QTRY_VERIFY(m_window->reviewStatus()->text().contains(u"%1 in this article"_s.arg(suggestions - 1)));
    QVERIFY(m_window->reviewStatus()->text().contains(u"%1 in the corpus"_s.arg(suggestions - 1)));
    const AnnotationSet stored = document()->store().annotations(m_articleId);
    bool rejectedKept = false;
    for (const Entity &entity : stored.entities) {
        for (const Mention &mention : entity.mentions)
            rejectedKept |= first.layer == Layer::Entities && mention.id == first.id
                && mention.provenance.status == AnnotationStatus::Rejected;
    }
    for (const Quote &quote : stored.quotes)
        rejectedKept |= first.layer == Layer::Quotes && quote.id == first.id
            && quote.provenance.status == AnnotationStatus::Rejected;
    for (const Figure &figure : stored.figures)
        rejectedKept |= first.layer == Layer::Figures && figure.id == first.id
            && figure.provenance.status == AnnotationStatus::Rejected;
    QVERIFY(rejectedKept);

    // View > Show Rejected Suggestions brings it back, in grey.
    m_window->showRejectedAction()->trigger();
    QCOMPARE(int(view()->highlights().size()), highlightsBefore);
    bool grey = false;
    for (const SpanHighlight &highlight : view()->highlightsAt(firstSpan.start))
        grey |= highlight.id == first.id && highlight.colour == QColor(Qt::gray);
    QVERIFY(grey);
    m_window->showRejectedAction()->trigger();

    // A accepts the next one.
    const AnnotationRef second = m_window->tagging()->currentReview();
    press(Qt::Key_A);
    QCOMPARE(editor->unreviewedCount(), suggestions - 2);
    QVERIFY(m_window->tagging()->currentReview() != second);
    verifyUndoRedo(start, state(), 2);
}

// A suggestion with a wrong end, a wrong speaker and a wrong kind, corrected to gold Q17.
void TestGuiTagging::correctSuggestedQuote()
{
    const RecordId putin = seedEntity(u"Vladimir Putin"_s, u"PERSON"_s, { { 191, 205 } });
    const RecordId tokayev
        = seedEntity(u"Kassym-Jomart Tokayev"_s, u"PERSON"_s, { { 1052, 1073 }, { 1710, 1717 } });
    Provenance suggested;
    suggested.status = AnnotationStatus::Auto;
    suggested.annotator = u"byline-extract"_s;
    suggested.created = QDateTime(QDate(2026, 1, 10), QTime(9, 0), QTimeZone::UTC);
    suggested.modified = suggested.created;
    suggested.rule = u"reported-speech"_s;
    Quote wrong { .articleId = m_articleId,
        .kind = QuoteKind::Indirect,
        .content = { { 1834, 1899 } }, // the full stop taken in
        .cue = { 1823, 1828 },
        .source = { 1820, 1822 },
        .speakerId = putin,
        .provenance = suggested };
    QVERIFY(document()->store().insertQuote(wrong));
    document()->reloadAnnotations();
    const State start = state();

    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointAt(0));
    press(Qt::Key_N); // the only suggestion
    QCOMPARE(m_window->tagging()->currentReview(), (AnnotationRef { Layer::Quotes, wrong.id }));
    QCOMPARE(m_window->tagging()->currentQuote(), wrong.id);
    press(Qt::Key_Left, Qt::AltModifier | Qt::ShiftModifier); // the end back by a word
    QCOMPARE(document()->undoStack()->count(), 1);
    pressAndChooseFirst(Qt::Key_K); // Tokayev is mentioned nearest before "He"
    QCOMPARE(document()->undoStack()->count(), 2);
    press(Qt::Key_T); // indirect → mixed
    QCOMPARE(document()->undoStack()->count(), 3);

    QJsonObject gold;
    for (const QJsonValue quote : m_gold[u"quotes"_s].toArray()) {
        if (quote[u"id"_s].toString() == u"Q17"_s)
            gold = quote.toObject();
    }
    const Quote &quote = document()->annotations().quotes.first();
    QCOMPARE(toString(quote.kind), gold[u"kind"_s].toString());
    QCOMPARE(quote.content, (QList<Span> { goldSpan(gold[u"content"_s][0]) }));
    QCOMPARE(quote.cue, goldSpan(gold[u"cue"_s]));
    QCOMPARE(quote.source, goldSpan(gold[u"source"_s]));
    QCOMPARE(quote.speakerId, tokayev);
    // Stored as edited, with the suggestion as it was.
    const Quote stored = document()->store().annotations(m_articleId).quotes.first();
    QCOMPARE(toString(stored.provenance.status), toString(AnnotationStatus::Edited));
    QCOMPARE(stored.provenance.annotator, u"analyst"_s);
    QCOMPARE(stored.provenance.rule, u"reported-speech"_s);
    const QJsonObject previous = stored.provenance.previous;
    QCOMPARE(previous[u"kind"_s].toString(), u"indirect"_s);
    QCOMPARE(previous[u"speaker"_s].toString(), u"Vladimir Putin"_s);
    QCOMPARE(previous[u"content"_s][0][u"end"_s].toInt(), 1899);
    QCOMPARE(previous[u"content"_s][0][u"text"_s].toString(), textOf(m_text, { 1834, 1899 }));
    verifyUndoRedo(start, state(), 3);
}

// The end of a suggested quote dragged back over its full stop, its start over “that ”.
void TestGuiTagging::dragQuotePartEnds()
{
    Provenance suggested;
    suggested.status = AnnotationStatus::Auto;
    suggested.created = QDateTime(QDate(2026, 1, 10), QTime(9, 0), QTimeZone::UTC);
    suggested.modified = suggested.created;
    Quote wrong { .articleId = m_articleId,
        .kind = QuoteKind::Mixed,
        .content = { { 1830, 1899 } }, // "that the large-scale ... over."
        .provenance = suggested };
    QVERIFY(document()->store().insertQuote(wrong));
    document()->reloadAnnotations();
    const State start = state();

    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointAt(1850) + QPoint(2, 0));
    QCOMPARE(m_window->tagging()->currentQuote(), wrong.id);
    const auto drag = [this](qsizetype from, qsizetype to) {
        const QPoint a = pointAt(from);
        const QPoint b = pointAt(to);
        QTest::mousePress(view()->viewport(), Qt::LeftButton, {}, a);
        QTest::mouseMove(view()->viewport(), (a + b) / 2);
        QTest::mouseMove(view()->viewport(), b);
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, b);
    };
    drag(1899, 1898);
    drag(1830, 1834);
    QCOMPARE(document()->undoStack()->count(), 2);
    const Quote &quote = document()->annotations().quotes.first();
    QCOMPARE(quote.content, (QList<Span> { { 1834, 1898 } }));
    QCOMPARE(toString(quote.provenance.status), toString(AnnotationStatus::Edited));
    QCOMPARE(quote.provenance.previous[u"content"_s][0][u"start"_s].toInt(), 1830);
    verifyUndoRedo(start, state(), 2);
}

// E on a suggested mention with titles in it, a new selection, E again.
void TestGuiTagging::editSuggestionByReselecting()
{
    const RecordId putin
        = seedEntity(u"Vladimir Putin"_s, u"PERSON"_s, { { 173, 205 } }, AnnotationStatus::Auto);
    const State start = state();
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointAt(0));
    press(Qt::Key_N);
    press(Qt::Key_E);
    QCOMPARE(view()->textCursor().selectedText(), u"Russian President Vladimir Putin"_s);
    selectWithKeyboard({ 191, 205 });
    press(Qt::Key_E);
    const Mention &mention = document()->entity(putin)->mentions.first();
    QCOMPARE(mention.span, (Span { 191, 205 }));
    QCOMPARE(toString(mention.provenance.status), toString(AnnotationStatus::Edited));
    QCOMPARE(document()->undoStack()->count(), 1);
    verifyUndoRedo(start, state(), 1);
}

void TestGuiTagging::keysStayTextInLineEdits()
{
    // A line edit in a panel, as the panels' filters and editors are.
    auto *lineEdit = new QLineEdit(m_window->findChild<QDockWidget *>(u"entitiesDock"_s));
    lineEdit->show();
    selectWithKeyboard({ 1052, 1073 });
    lineEdit->setFocus();
    QTRY_VERIFY(lineEdit->hasFocus());
    QTest::keyClicks(lineEdit, u"1QFSCNAR"_s);
    QCOMPARE(lineEdit->text(), u"1QFSCNAR"_s);
    QCOMPARE(document()->undoStack()->count(), 0);
    QVERIFY(document()->annotations().entities.isEmpty());
}

void TestGuiTagging::doneOpensNextArticle()
{
    press(Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(document()->currentArticle().id, m_secondId);
    QCOMPARE(toString(document()->store().article(m_articleId)->status), toString(ArticleStatus::Done));
    QCOMPARE(view()->toPlainText(), u"Another article, by Reuters."_s);
    // Undo takes "done" back and goes back to the article, as every undo shows its article.
    press(Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(toString(document()->store().article(m_articleId)->status), toString(ArticleStatus::Todo));
    QCOMPARE(document()->currentArticle().id, m_articleId);
    QCOMPARE(view()->toPlainText(), m_text);
    QVERIFY(view()->hasFocus());
    press(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(toString(document()->store().article(m_articleId)->status), toString(ArticleStatus::Done));
    QCOMPARE(document()->currentArticle().id, m_articleId);
}

void TestGuiTagging::errorsGoToTheStatusBar()
{
    // Nothing selected, no quote made: each key says why in the status bar.
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointAt(10));
    for (const int key : { int(Qt::Key_1), int(Qt::Key_Q), int(Qt::Key_S), int(Qt::Key_F) }) {
        m_window->statusBar()->clearMessage();
        press(key);
        QVERIFY2(
            !m_window->statusBar()->currentMessage().isEmpty(), qPrintable(QKeySequence(key).toString()));
    }
    press(Qt::Key_Q, Qt::ShiftModifier);
    QVERIFY(!m_window->statusBar()->currentMessage().isEmpty());
    press(Qt::Key_Right, Qt::AltModifier | Qt::ShiftModifier);
    QVERIFY(!m_window->statusBar()->currentMessage().isEmpty());
    QCOMPARE(document()->undoStack()->count(), 0);
}

void TestGuiTagging::annotateFromGold()
{
    // The gold annotations, with the statuses a half-reviewed article has.
    Store &store = document()->store();
    QHash<QString, RecordId> entityIds;
    int index = 0;
    for (const QJsonValue value : m_gold[u"entities"_s].toArray()) {
        Provenance provenance = document()->manualProvenance();
        provenance.status = index++ % 3 == 2 ? AnnotationStatus::Auto : AnnotationStatus::Accepted;
        Entity entity { .articleId = m_articleId,
            .name = value[u"name"_s].toString(),
            .type = value[u"type"_s].toString(),
            .provenance = provenance };
        for (const QJsonValue mention : value[u"mentions"_s].toArray())
            entity.mentions.append(
                { .articleId = m_articleId, .span = goldSpan(mention), .provenance = provenance });
        QVERIFY(store.insertEntity(entity));
        entityIds.insert(value[u"id"_s].toString(), entity.id);
    }
    for (const QJsonValue value : m_gold[u"quotes"_s].toArray()) {
        Quote quote { .articleId = m_articleId,
            .kind = *quoteKindFromString(value[u"kind"_s].toString()),
            .cue = goldSpan(value[u"cue"_s]),
            .source = goldSpan(value[u"source"_s]),
            .speakerId = entityIds.value(value[u"speaker"_s].toString()),
            .provenance = document()->manualProvenance() };
        for (const QJsonValue part : value[u"content"_s].toArray())
            quote.content.append(goldSpan(part));
        QVERIFY(store.insertQuote(quote));
    }
    for (const QJsonValue value : m_gold[u"figures"_s].toArray()) {
        Figure figure { .articleId = m_articleId,
            .kind = value[u"kind"_s].toString(),
            .span = goldSpan(value[u"span"_s]),
            .number = goldSpan(value[u"number"_s]),
            .value = value[u"value"_s].toDouble(),
            .unit = value[u"unit"_s].toString(),
            .provenance = document()->manualProvenance() };
        QVERIFY(store.insertFigure(figure));
    }
    document()->reloadAnnotations();
    Q_EMIT document()->articleChanged(m_articleId);
}

// The README's pictures: the sample fully annotated, light and dark. Written where
// BYLINE_SCREENSHOT_DIR points, for a person to look at; without it only rendered.
void TestGuiTagging::screenshots()
{
    annotateFromGold();
    if (QTest::currentTestFailed())
        return;
    const QString folder = qEnvironmentVariable("BYLINE_SCREENSHOT_DIR");
    const QPalette original = QApplication::palette();
    QStyle *fusion = QStyleFactory::create(u"Fusion"_s);
    QVERIFY(fusion);
    QApplication::setStyle(fusion);
    m_window->resize(1400, 860);
    // The quote being read, and its panel row, as an analyst would have it.
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, pointAt(2320));
    // From the first paragraph of the body; the status bar without the temporary path.
    view()->verticalScrollBar()->setValue(view()->document()->findBlock(173).blockNumber());
    m_window->statusBar()->clearMessage();

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x35, 0x38));
    dark.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Button, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(0x33, 0x35, 0x38));
    dark.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8f, 0x94));
    for (const auto &[name, palette] :
        { std::pair { u"light"_s, fusion->standardPalette() }, std::pair { u"dark"_s, dark } }) {
        QApplication::setPalette(palette);
        QCoreApplication::processEvents();
        const QImage image = m_window->grab().toImage();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size() / image.devicePixelRatio(), m_window->size());
        if (!folder.isEmpty())
            QVERIFY(image.save(QDir(folder).filePath(u"screenshot-%1.png"_s.arg(name))));
    }
    QApplication::setPalette(original);
}

QTEST_MAIN(TestGuiTagging)
#include "tst_gui_tagging.moc"

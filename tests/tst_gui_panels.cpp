// SPDX-License-Identifier: GPL-3.0-or-later
// The annotation panels as an analyst edits them: keys, clicks and context menus, with the
// project checked after each step and undo taking it back.
#include "annotationfilterproxymodel.h"
#include "annotationpanel.h"
#include "articleview.h"
#include "document.h"
#include "entitypanel.h"
#include "figuremodel.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "quotemodel.h"
#include "quotepanel.h"
#include "schemadialog.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QDir>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

#include <functional>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString articleText
    = u"Russian President Vladimir Putin said on Monday that the troops of the CSTO would leave Kazakhstan. "
      "“Very soon,” he explained, “the large-scale mission will end.” Kassym-Jomart Tokayev told parliament "
      "that 2,030 soldiers had arrived. Putin added that the mission was a success."_s;

Span spanOf(const QString &needle, int occurrence = 0)
{
    qsizetype start = -1;
    for (int i = 0; i <= occurrence; ++i)
        start = articleText.indexOf(needle, start + 1);
    Q_ASSERT(start >= 0);
    return { start, start + needle.size() };
}

} // namespace

class TestGuiPanels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void renameEntityWithF2();
    void changeEntityType();
    void mergeThroughContextMenuAndUndo();
    void mergeByDroppingOneEntityOnAnother();
    void splitMentionOff();
    void deleteMentionWithKey();
    void filterQuotes();
    void rejectedHiddenUntilShown();
    void speakerThroughCompleter();
    void switchQuoteKindShowsEarlierState();
    void speakerFromSourceAndSplitPart();
    void deleteQuotesInOneStep();
    void editFigureValue();
    void schemaDialogSavesAndLoads();
    void schemaFromTheMenu();
    void screenshot();

private:
    AnnotationSet stored() const;
    QModelIndex findRow(AnnotationPanel *panel, const QString &text, int column = 0) const;
    void click(AnnotationPanel *panel, const QModelIndex &index, Qt::KeyboardModifiers modifiers = {});
    QWidget *startEditing(AnnotationPanel *panel, const QModelIndex &index);
    void chooseFromContextMenu(AnnotationPanel *panel, const QModelIndex &index, const QString &actionPrefix);
    void undo();
    void choose(QComboBox *combo, const QString &text);

    QTemporaryDir m_dir;
    QString m_projectPath;
    std::unique_ptr<MainWindow> m_window;
    RecordId m_articleId = 0;
};

void TestGuiPanels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestGuiPanels::init()
{
    // A fresh project for every test: each one checks the store from a known start.
    static int count = 0;
    m_projectPath = m_dir.filePath(u"panels-%1.byline"_s.arg(++count));
    {
        StoreError error;
        auto store = Store::open(m_projectPath, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Article article { .key = u"csto"_s, .title = u"CSTO troops"_s, .text = articleText };
        QVERIFY(store->addArticle(article));
        m_articleId = article.id;
        Entity putin { .articleId = article.id, .name = u"Vladimir Putin"_s, .type = u"PERSON"_s };
        putin.mentions = { { .span = spanOf(u"Vladimir Putin"_s) }, { .span = spanOf(u"Putin"_s, 1) } };
        QVERIFY(store->insertEntity(putin));
        Entity tokayev { .articleId = article.id, .name = u"Kassym-Jomart Tokayev"_s, .type = u"PERSON"_s };
        tokayev.mentions = { { .span = spanOf(u"Kassym-Jomart Tokayev"_s) } };
        QVERIFY(store->insertEntity(tokayev));
        Entity kazakhstan { .articleId = article.id, .name = u"Kazakhstan"_s, .type = u"LOC"_s };
        kazakhstan.mentions = { { .span = spanOf(u"Kazakhstan"_s) } };
        QVERIFY(store->insertEntity(kazakhstan));

        // A suggestion with a wrong kind, one with no speaker, and the analyst's own.
        Quote split { .articleId = article.id,
            .kind = QuoteKind::Indirect,
            .content = { spanOf(u"Very soon,"_s), spanOf(u"the large-scale mission will end."_s) },
            .cue = spanOf(u"explained"_s),
            .source = spanOf(u"he"_s, 1),
            .speakerId = putin.id };
        split.provenance.status = AnnotationStatus::Auto;
        QVERIFY(store->insertQuote(split));
        Quote told { .articleId = article.id,
            .kind = QuoteKind::Indirect,
            .content = { spanOf(u"2,030 soldiers had arrived"_s) },
            .cue = spanOf(u"told"_s),
            .source = spanOf(u"Kassym-Jomart Tokayev"_s) };
        told.provenance.status = AnnotationStatus::Auto;
        QVERIFY(store->insertQuote(told));
        Quote added { .articleId = article.id,
            .kind = QuoteKind::Indirect,
            .content = { spanOf(u"the mission was a success"_s) },
            .cue = spanOf(u"added"_s),
            .source = spanOf(u"Putin"_s, 1),
            .speakerId = putin.id };
        QVERIFY(store->insertQuote(added));
        Figure figure { .articleId = article.id,
            .kind = u"count"_s,
            .span = spanOf(u"2,030 soldiers"_s),
            .number = spanOf(u"2,030"_s),
            .value = 2030.0,
            .unit = u"soldiers"_s };
        figure.provenance.status = AnnotationStatus::Auto;
        QVERIFY(store->insertFigure(figure));
    }
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openProject(m_projectPath));
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QCOMPARE(m_window->document()->currentArticle().id, m_articleId);
}

void TestGuiPanels::cleanup()
{
    m_window.reset();
}

AnnotationSet TestGuiPanels::stored() const
{
    return m_window->document()->store().annotations(m_articleId);
}

QModelIndex TestGuiPanels::findRow(AnnotationPanel *panel, const QString &text, int column) const
{
    const QAbstractItemModel *model = panel->view()->model();
    const QModelIndexList matches = model->match(
        model->index(0, column), Qt::DisplayRole, text, 1, Qt::MatchExactly | Qt::MatchRecursive);
    return matches.value(0);
}

void TestGuiPanels::click(AnnotationPanel *panel, const QModelIndex &index, Qt::KeyboardModifiers modifiers)
{
    QTreeView *view = panel->view();
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, view->visualRect(index).center());
}

QWidget *TestGuiPanels::startEditing(AnnotationPanel *panel, const QModelIndex &index)
{
    click(panel, index);
    QTest::keyClick(panel->view(), Qt::Key_F2);
    QWidget *editor = panel->view()->indexWidget(index);
    return editor ? editor : QApplication::focusWidget();
}

void TestGuiPanels::chooseFromContextMenu(
    AnnotationPanel *panel, const QModelIndex &index, const QString &actionPath)
{
    QTreeView *view = panel->view();
    // "Kind/direct": a submenu, then its entry. Each menu runs its own event loop, so each
    // entry is picked with the keyboard once its menu is up.
    QStringList steps = actionPath.split(u'/');
    bool chosen = false;
    std::function<void()> pick = [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        const QString step = steps.takeFirst();
        for (QAction *action : menu->actions()) {
            if (action->text().startsWith(step) && action->isEnabled()) {
                menu->setActiveAction(action);
                if (!steps.isEmpty())
                    QTimer::singleShot(0, this, pick);
                else
                    chosen = true;
                QTest::keyClick(menu, Qt::Key_Return);
                return;
            }
        }
        while (auto *open = qobject_cast<QMenu *>(QApplication::activePopupWidget()))
            open->close();
    };
    QTimer::singleShot(0, this, pick);
    const QPoint position = view->visualRect(index).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, position, view->viewport()->mapToGlobal(position));
    QApplication::sendEvent(view->viewport(), &event);
    QVERIFY2(chosen, qPrintable(actionPath));
}

void TestGuiPanels::undo()
{
    // The offscreen platform leaves no window active after a popup (menu, completer) closed,
    // where a desktop gives activation back: do what the desktop does.
    if (!QApplication::activeWindow()) {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    QWidget *focus = QApplication::focusWidget();
    QTest::keyClick(focus ? focus : m_window.get(), Qt::Key_Z, Qt::ControlModifier);
}

void TestGuiPanels::choose(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    combo->setCurrentIndex(index);
}

void TestGuiPanels::renameEntityWithF2()
{
    AnnotationPanel *panel = m_window->entityPanel();
    const QModelIndex row = findRow(panel, u"Kazakhstan"_s);
    QVERIFY(row.isValid());
    auto *editor = qobject_cast<QLineEdit *>(startEditing(panel, row));
    QVERIFY(editor);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, u"Republic of Kazakhstan"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(stored().entities[2].name, u"Republic of Kazakhstan"_s);
    QVERIFY(findRow(panel, u"Republic of Kazakhstan"_s).isValid());
    undo();
    QCOMPARE(stored().entities[2].name, u"Kazakhstan"_s);
}

void TestGuiPanels::changeEntityType()
{
    AnnotationPanel *panel = m_window->entityPanel();
    const QModelIndex type = findRow(panel, u"Kazakhstan"_s).siblingAtColumn(1);
    QCOMPARE(type.data().toString(), u"LOC"_s);
    auto *combo = qobject_cast<QComboBox *>(startEditing(panel, type));
    QVERIFY(combo);
    QTest::keyClicks(combo, u"G"_s); // typing the first letter picks GPE
    QCOMPARE(stored().entities[2].type, u"GPE"_s);
    QCOMPARE(findRow(panel, u"Kazakhstan"_s).siblingAtColumn(1).data().toString(), u"GPE"_s);
    QCOMPARE(m_window->document()->undoStack()->count(), 1);

    // The context menu has the types too.
    chooseFromContextMenu(panel, findRow(panel, u"Kazakhstan"_s), u"Type/EVENT"_s);
    QCOMPARE(stored().entities[2].type, u"EVENT"_s);
    undo();
    QCOMPARE(stored().entities[2].type, u"GPE"_s);

    undo();
    QCOMPARE(stored().entities[2].type, u"LOC"_s);
}

void TestGuiPanels::mergeThroughContextMenuAndUndo()
{
    AnnotationPanel *panel = m_window->entityPanel();
    click(panel, findRow(panel, u"Kassym-Jomart Tokayev"_s));
    click(panel, findRow(panel, u"Vladimir Putin"_s), Qt::ControlModifier);
    QCOMPARE(panel->view()->selectionModel()->selectedRows().size(), 2);
    chooseFromContextMenu(panel, findRow(panel, u"Vladimir Putin"_s), u"Merge into"_s);

    AnnotationSet after = stored();
    QCOMPARE(after.entities.size(), 2);
    QCOMPARE(after.entities[0].name, u"Vladimir Putin"_s);
    QCOMPARE(after.entities[0].mentions.size(), 3);
    QCOMPARE(panel->view()->model()->rowCount(), 2);
    QCOMPARE(panel->view()->model()->rowCount(findRow(panel, u"Vladimir Putin"_s)), 3);

    undo();
    after = stored();
    QCOMPARE(after.entities.size(), 3);
    QCOMPARE(after.entities[1].name, u"Kassym-Jomart Tokayev"_s);
    QCOMPARE(after.entities[0].mentions.size(), 2);
    QVERIFY(findRow(panel, u"Kassym-Jomart Tokayev"_s).isValid());
}

void TestGuiPanels::mergeByDroppingOneEntityOnAnother()
{
    // The events a drag delivers to the list where the mouse lets go, carrying what the
    // list itself puts into a drag (QDrag's own loop does not run under the offscreen platform).
    AnnotationPanel *panel = m_window->entityPanel();
    QTreeView *view = panel->view();
    const QModelIndex tokayev = findRow(panel, u"Kassym-Jomart Tokayev"_s);
    QVERIFY(view->model()->flags(tokayev) & Qt::ItemIsDragEnabled);
    std::unique_ptr<QMimeData> data(view->model()->mimeData({ tokayev }));
    QVERIFY(data);
    const QPoint target = view->visualRect(findRow(panel, u"Kazakhstan"_s)).center();
    const Qt::DropActions actions = Qt::CopyAction | Qt::MoveAction;
    QDragEnterEvent enter(target, actions, data.get(), Qt::LeftButton, {});
    QApplication::sendEvent(view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(target, actions, data.get(), Qt::LeftButton, {});
    QApplication::sendEvent(view->viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(target, actions, data.get(), Qt::LeftButton, {});
    QApplication::sendEvent(view->viewport(), &drop);

    QCOMPARE(stored().entities.size(), 2);
    QCOMPARE(stored().entities[1].name, u"Kazakhstan"_s);
    QCOMPARE(stored().entities[1].mentions.size(), 2);
    undo();
    QCOMPARE(stored().entities.size(), 3);
    QCOMPARE(stored().entities[1].name, u"Kassym-Jomart Tokayev"_s);
}

void TestGuiPanels::splitMentionOff()
{
    AnnotationPanel *panel = m_window->entityPanel();
    const QModelIndex putin = findRow(panel, u"Vladimir Putin"_s);
    panel->view()->expand(putin);
    const QModelIndex mention = panel->view()->model()->index(1, 0, putin);
    QCOMPARE(mention.data().toString(), u"Putin"_s);
    click(panel, mention);
    chooseFromContextMenu(panel, mention, u"Split Off"_s);

    const AnnotationSet after = stored();
    QCOMPARE(after.entities.size(), 4);
    QCOMPARE(after.entities[0].mentions.size(), 1);
    QCOMPARE(after.entities[3].name, u"Putin"_s);
    QCOMPARE(after.entities[3].type, u"PERSON"_s);
    QCOMPARE(after.entities[3].mentions[0].span, spanOf(u"Putin"_s, 1));
    undo();
    QCOMPARE(stored().entities.size(), 3);
    QCOMPARE(stored().entities[0].mentions.size(), 2);
}

void TestGuiPanels::deleteMentionWithKey()
{
    AnnotationPanel *panel = m_window->entityPanel();
    const QModelIndex putin = findRow(panel, u"Vladimir Putin"_s);
    panel->view()->expand(putin);
    click(panel, panel->view()->model()->index(1, 0, putin));
    QTest::keyClick(panel->view(), Qt::Key_Delete);
    QCOMPARE(stored().entities[0].mentions.size(), 1);
    click(panel, findRow(panel, u"Kazakhstan"_s));
    QTest::keyClick(panel->view(), Qt::Key_Delete);
    QCOMPARE(stored().entities.size(), 2);
    undo();
    undo();
    QCOMPARE(stored().entities.size(), 3);
    QCOMPARE(stored().entities[0].mentions.size(), 2);
}

void TestGuiPanels::filterQuotes()
{
    auto *panel = qobject_cast<QuotePanel *>(m_window->quotePanel());
    QVERIFY(panel);
    const QAbstractItemModel *rows = panel->view()->model();
    QCOMPARE(rows->rowCount(), 3);

    choose(panel->speakerFilter(), u"Vladimir Putin"_s);
    QCOMPARE(rows->rowCount(), 2);
    choose(panel->statusFilter(), u"manual"_s);
    QCOMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->index(0, QuoteModel::Content).data().toString(), u"the mission was a success"_s);
    choose(panel->statusFilter(), u"All"_s);
    choose(panel->speakerFilter(), u"(none)"_s);
    QCOMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->index(0, QuoteModel::Speaker).data().toString(), u"Kassym-Jomart Tokayev"_s); // its source
    choose(panel->speakerFilter(), u"All"_s);
    QCOMPARE(rows->rowCount(), 3);
    choose(panel->kindFilter(), u"direct"_s);
    QCOMPARE(rows->rowCount(), 0);
    choose(panel->kindFilter(), u"indirect"_s);
    QCOMPARE(rows->rowCount(), 3);
    // A quote whose kind changes leaves the filtered list at once.
    click(panel, rows->index(0, QuoteModel::Kind));
    auto *combo = qobject_cast<QComboBox *>(startEditing(panel, rows->index(0, QuoteModel::Kind)));
    QVERIFY(combo);
    QTest::keyClicks(combo, u"m"_s);
    QTRY_COMPARE(rows->rowCount(), 2);
    undo();
    QCOMPARE(rows->rowCount(), 3);
}

// R in the text rejects a suggestion: it leaves its panel (an entity whose every mention is
// rejected goes with them), stays in the project, and comes back struck out when asked for.
void TestGuiPanels::rejectedHiddenUntilShown()
{
    AnnotationPanel *entities = m_window->entityPanel();
    auto *quotes = qobject_cast<QuotePanel *>(m_window->quotePanel());
    AnnotationPanel *figures = m_window->figurePanel();
    for (AnnotationPanel *panel : { entities, static_cast<AnnotationPanel *>(quotes), figures })
        new QAbstractItemModelTester(
            panel->view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, panel);
    QVERIFY(!m_window->showRejectedAction()->isChecked());
    QVERIFY(!entities->proxy()->showsRejected());
    QCOMPARE(entities->view()->model()->rowCount(), 3);
    QCOMPARE(quotes->view()->model()->rowCount(), 3);
    QCOMPARE(figures->view()->model()->rowCount(), 1);

    ArticleView *text = m_window->articleView();
    // A click on the annotation, then R, as the analyst rejects what review mode did not offer.
    const auto rejectAt = [&](qsizetype position) {
        QTextCursor cursor(text->document());
        cursor.setPosition(int(position));
        text->setTextCursor(cursor);
        text->ensureCursorVisible();
        QTest::mouseClick(text->viewport(), Qt::LeftButton, {}, text->cursorRect(cursor).center());
        QCOMPARE(text->textCursor().position(), position);
        QTest::keyClick(text, Qt::Key_R);
    };
    rejectAt(spanOf(u"2,030"_s).start + 1); // the figure, the narrowest annotation there
    QCOMPARE(figures->view()->model()->rowCount(), 0);
    rejectAt(spanOf(u"Very soon"_s).start + 1);
    QCOMPARE(quotes->view()->model()->rowCount(), 2);
    QVERIFY(
        !findRow(quotes, u"Very soon, … the large-scale mission will end."_s, QuoteModel::Content).isValid());
    rejectAt(spanOf(u"Kazakhstan"_s).start + 1);
    QCOMPARE(entities->view()->model()->rowCount(), 2);
    QVERIFY(!findRow(entities, u"Kazakhstan"_s).isValid());
    rejectAt(spanOf(u"Putin"_s, 1).start + 1); // one of two mentions: the entity stays
    QCOMPARE(entities->view()->model()->rowCount(), 2);
    QCOMPARE(entities->view()->model()->rowCount(findRow(entities, u"Vladimir Putin"_s)), 1);
    QCOMPARE(m_window->document()->undoStack()->count(), 4);
    // Kept in the project.
    QVERIFY(stored().figures[0].provenance.status == AnnotationStatus::Rejected);
    QVERIFY(stored().entities[2].mentions[0].provenance.status == AnnotationStatus::Rejected);

    // Asked for by status, the rejected quote is there without the View menu.
    choose(quotes->statusFilter(), u"rejected"_s);
    QCOMPARE(quotes->view()->model()->rowCount(), 1);
    choose(quotes->statusFilter(), u"All"_s);

    m_window->showRejectedAction()->trigger();
    QCOMPARE(entities->view()->model()->rowCount(), 3);
    QCOMPARE(entities->view()->model()->rowCount(findRow(entities, u"Vladimir Putin"_s)), 2);
    QCOMPARE(quotes->view()->model()->rowCount(), 3);
    QCOMPARE(figures->view()->model()->rowCount(), 1);
    const QModelIndex kazakhstan = findRow(entities, u"Kazakhstan"_s);
    QVERIFY(kazakhstan.isValid());
    QVERIFY(entities->view()->model()->index(0, 0, kazakhstan).data(Qt::FontRole).value<QFont>().strikeOut());
    QVERIFY(figures->view()->model()->index(0, 0).data(Qt::FontRole).value<QFont>().strikeOut());
    m_window->showRejectedAction()->trigger();
    QCOMPARE(entities->view()->model()->rowCount(), 2);
    QCOMPARE(figures->view()->model()->rowCount(), 0);

    // Undoing the rejection brings the entity back.
    text->setFocus();
    QTest::keyClick(text, Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(text, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(entities->view()->model()->rowCount(), 3);
    QCOMPARE(entities->view()->model()->rowCount(findRow(entities, u"Kazakhstan"_s)), 1);
    QCOMPARE(entities->view()->model()->rowCount(findRow(entities, u"Vladimir Putin"_s)), 2);
}

void TestGuiPanels::speakerThroughCompleter()
{
    AnnotationPanel *panel = m_window->quotePanel();
    const QModelIndex speaker = findRow(panel, u"2,030 soldiers had arrived"_s, QuoteModel::Content)
                                    .siblingAtColumn(QuoteModel::Speaker);
    QVERIFY(speaker.isValid());
    auto *editor = qobject_cast<QLineEdit *>(startEditing(panel, speaker));
    QVERIFY(editor);
    QVERIFY(editor->completer());
    QTest::keyClicks(editor, u"toka"_s);
    QAbstractItemView *popup = editor->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(editor->completer()->completionCount(), 1);
    QTest::keyClick(popup, Qt::Key_Down);
    QTest::keyClick(popup, Qt::Key_Return);
    // The completion filled in the name; Enter in the editor commits it.
    if (panel->view()->indexWidget(speaker)) {
        QCOMPARE(editor->text(), u"Kassym-Jomart Tokayev"_s);
        QTest::keyClick(editor, Qt::Key_Return);
    }
    const RecordId tokayev = stored().entities[1].id;
    QTRY_COMPARE(stored().quotes[1].speakerId, tokayev);
    QVERIFY(stored().quotes[1].provenance.status == AnnotationStatus::Edited);
    undo();
    QCOMPARE(stored().quotes[1].speakerId, RecordId(0));
    QVERIFY(stored().quotes[1].provenance.status == AnnotationStatus::Auto);
}

void TestGuiPanels::switchQuoteKindShowsEarlierState()
{
    AnnotationPanel *panel = m_window->quotePanel();
    const QModelIndex row = findRow(panel, u"explained"_s, QuoteModel::Cue);
    QVERIFY(row.isValid());
    auto *combo = qobject_cast<QComboBox *>(startEditing(panel, row.siblingAtColumn(QuoteModel::Kind)));
    QVERIFY(combo);
    QTest::keyClicks(combo, u"d"_s);
    QVERIFY(stored().quotes[0].kind == QuoteKind::Direct);
    QVERIFY(stored().quotes[0].provenance.status == AnnotationStatus::Edited);
    QCOMPARE(stored().quotes[0].provenance.previous.value(u"kind"_s).toString(), u"indirect"_s);
    const QModelIndex status
        = findRow(panel, u"explained"_s, QuoteModel::Cue).siblingAtColumn(QuoteModel::Status);
    QCOMPARE(status.data().toString(), u"edited"_s);
    QVERIFY(status.data(Qt::DecorationRole).canConvert<QColor>());
    // The detail line under the list tells what the suggestion was.
    click(panel, status);
    QVERIFY(panel->detailLabel()->isVisible());
    QVERIFY2(
        panel->detailLabel()->text().contains(u"kind indirect"_s), qPrintable(panel->detailLabel()->text()));
    QVERIFY(status.data(Qt::ToolTipRole).toString().contains(u"Before the edit"_s));

    // Joining the two content parts from the context menu, then undoing both steps.
    chooseFromContextMenu(panel, status, u"Join Parts 1 and 2"_s);
    QCOMPARE(stored().quotes[0].content.size(), 1);
    undo();
    undo();
    QVERIFY(stored().quotes[0].kind == QuoteKind::Indirect);
    QCOMPARE(stored().quotes[0].content.size(), 2);
    QVERIFY(stored().quotes[0].provenance.status == AnnotationStatus::Auto);
}

void TestGuiPanels::speakerFromSourceAndSplitPart()
{
    AnnotationPanel *panel = m_window->quotePanel();
    const QModelIndex told = findRow(panel, u"told"_s, QuoteModel::Cue);
    click(panel, told);
    // The source is a name nobody tagged yet: one step tags it and makes it the speaker.
    chooseFromContextMenu(panel, told, u"Speaker from Source as/PERSON"_s);
    const RecordId tokayev = stored().entities[1].id;
    QCOMPARE(stored().quotes[1].speakerId, tokayev);
    undo();
    QCOMPARE(stored().quotes[1].speakerId, RecordId(0));

    // Split the last quote's content where the analyst put the text cursor.
    const QModelIndex added = findRow(panel, u"added"_s, QuoteModel::Cue);
    click(panel, added);
    QTextCursor cursor = m_window->articleView()->textCursor();
    cursor.setPosition(int(spanOf(u"was a success"_s).start));
    m_window->articleView()->setTextCursor(cursor);
    chooseFromContextMenu(panel, added, u"Split Part at Text Cursor"_s);
    const Quote split = stored().quotes[2];
    QCOMPARE(split.content.size(), 2);
    QCOMPARE(textOf(articleText, split.content[0]), u"the mission"_s);
    QCOMPARE(textOf(articleText, split.content[1]), u"was a success"_s);
    undo();
    QCOMPARE(stored().quotes[2].content.size(), 1);
}

void TestGuiPanels::deleteQuotesInOneStep()
{
    AnnotationPanel *panel = m_window->quotePanel();
    click(panel, findRow(panel, u"told"_s, QuoteModel::Cue));
    click(panel, findRow(panel, u"added"_s, QuoteModel::Cue), Qt::ControlModifier);
    QTest::keyClick(panel->view(), Qt::Key_Delete);
    QCOMPARE(stored().quotes.size(), 1);
    QCOMPARE(panel->view()->model()->rowCount(), 1);
    undo();
    QCOMPARE(stored().quotes.size(), 3);
}

void TestGuiPanels::editFigureValue()
{
    AnnotationPanel *panel = m_window->figurePanel();
    const QModelIndex value
        = findRow(panel, u"soldiers"_s, FigureModel::Unit).siblingAtColumn(FigureModel::Value);
    QVERIFY(value.isValid());
    auto *editor = qobject_cast<QLineEdit *>(startEditing(panel, value));
    QVERIFY(editor);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, u"2031"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(stored().figures[0].value.toDouble(), 2031.0);
    QVERIFY(stored().figures[0].provenance.status == AnnotationStatus::Edited);

    // Not a number: refused, said so, nothing stored.
    editor = qobject_cast<QLineEdit *>(startEditing(panel, value));
    QVERIFY(editor);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, u"lots"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(panel->detailLabel()->text().contains(u"not a number"_s));
    QCOMPARE(stored().figures[0].value.toDouble(), 2031.0);

    auto *qualifier
        = qobject_cast<QLineEdit *>(startEditing(panel, value.siblingAtColumn(FigureModel::Qualifier)));
    QVERIFY(qualifier);
    QTest::keyClicks(qualifier, u"about"_s);
    QTest::keyClick(qualifier, Qt::Key_Return);
    QTRY_COMPARE(stored().figures[0].qualifier, u"about"_s);
    undo();
    undo();
    QCOMPARE(stored().figures[0].value.toDouble(), 2030.0);
    QCOMPARE(stored().figures[0].qualifier, QString());
    QVERIFY(stored().figures[0].provenance.status == AnnotationStatus::Auto);
}

void TestGuiPanels::schemaDialogSavesAndLoads()
{
    Document *document = m_window->document();
    SchemaDialog dialog(document->schema());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Add a figure kind by clicking Add and typing its name.
    QListWidget *figureKinds = dialog.figureKindList();
    const int before = figureKinds->count();
    QPushButton *add = nullptr;
    for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
        if (button->text() == u"Add"_s
            && button->parentWidget()->parentWidget() == figureKinds->parentWidget())
            add = button;
    }
    QVERIFY(add);
    QTest::mouseClick(add, Qt::LeftButton);
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(qobject_cast<QLineEdit *>(editor));
    QTest::keyClicks(editor, u"rank"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(figureKinds->count(), before + 1);
    QTRY_VERIFY(dialog.schema().figureKinds.contains(u"rank"_s));

    const QString path = m_dir.filePath(u"schema.json"_s);
    QString error;
    QVERIFY2(dialog.saveFile(path, &error), qPrintable(error));
    SchemaDialog other(AnnotationSchema::defaults());
    QVERIFY2(other.loadFile(path, &error), qPrintable(error));
    QCOMPARE(other.schema(), dialog.schema());

    QVERIFY(document->setSchema(dialog.schema()));
    QVERIFY(document->store().schema().figureKinds.contains(u"rank"_s));
    // The figure panel offers the new kind.
    AnnotationPanel *panel = m_window->figurePanel();
    auto *combo = qobject_cast<QComboBox *>(startEditing(
        panel, findRow(panel, u"soldiers"_s, FigureModel::Unit).siblingAtColumn(FigureModel::Kind)));
    QVERIFY(combo);
    QVERIFY(combo->findText(u"rank"_s) >= 0);
    QTest::keyClick(combo, Qt::Key_Escape);
}

void TestGuiPanels::schemaFromTheMenu()
{
    QAction *action = nullptr;
    for (QAction *candidate : m_window->findChildren<QAction *>()) {
        if (candidate->text() == u"Annotation S&chema…"_s)
            action = candidate;
    }
    QVERIFY(action);
    bool edited = false;
    // The dialog is modal: change it once it is up, then press OK.
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<SchemaDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        QTableWidget *types = dialog->entityTypeTable();
        types->item(5, 0)->setText(u"WORK"_s);
        types->item(5, 2)->setText(u"7"_s);
        for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
            if (button->text() == u"OK"_s || button->text() == u"&OK"_s) {
                edited = true;
                QTest::mouseClick(button, Qt::LeftButton);
            }
        }
    });
    action->trigger();
    QVERIFY(edited);
    const AnnotationSchema schema = m_window->document()->store().schema();
    QCOMPARE(schema.entityTypes[5].name, u"WORK"_s);
    QCOMPARE(schema.entityTypes[5].shortcut, u"7"_s);
    QVERIFY(m_window->document()->entityType(u"WORK"_s));
    // The Type column offers it at once.
    AnnotationPanel *panel = m_window->entityPanel();
    auto *combo
        = qobject_cast<QComboBox *>(startEditing(panel, findRow(panel, u"Kazakhstan"_s).siblingAtColumn(1)));
    QVERIFY(combo);
    QVERIFY(combo->findText(u"WORK"_s) >= 0);
    QVERIFY(combo->findText(u"EVENT"_s) < 0);
    QTest::keyClick(combo, Qt::Key_Escape);
}

void TestGuiPanels::screenshot()
{
    // For looking at by eye: BYLINE_PANELS_SCREENSHOT=/path/to.png.
    const QString path = qEnvironmentVariable("BYLINE_PANELS_SCREENSHOT");
    if (path.isEmpty())
        QSKIP("BYLINE_PANELS_SCREENSHOT not set");
    AnnotationPanel *quotes = m_window->quotePanel();
    startEditing(quotes, findRow(quotes, u"explained"_s, QuoteModel::Cue).siblingAtColumn(QuoteModel::Kind));
    QTest::keyClicks(QApplication::focusWidget(), u"d"_s);
    click(quotes, findRow(quotes, u"explained"_s, QuoteModel::Cue));
    m_window->entityPanel()->view()->expandAll();
    QVERIFY(m_window->grab().save(path));
    SchemaDialog dialog(m_window->document()->schema(), m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.grab().save(QString(path).replace(u".png"_s, u"-schema.png"_s)));
}

QTEST_MAIN(TestGuiPanels)
#include "tst_gui_panels.moc"

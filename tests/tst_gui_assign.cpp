// SPDX-License-Identifier: GPL-3.0-or-later
// Tools > Assign Articles and the analyst's queue in the article list, driven as a person would:
// the admin assigns through the dialog, the list then shows the queue and its progress, and
// marking an article done (and undoing it) moves the progress.
#include "articlelistmodel.h"
#include "articlelistpanel.h"
#include "articlequeue.h"
#include "articleview.h"
#include "assigndialog.h"
#include "assignments.h"
#include "assignmentsdialog.h"
#include "document.h"
#include "mainwindow.h"
#include "modalanswers.h"
#include "modelroles.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Byline;
using Byline::Test::clickAndAnswer;
using namespace Qt::StringLiterals;

namespace {

constexpr int articleCount = 6;

QAction *menuAction(QWidget *window, const QString &text)
{
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

QStringList rowTexts(const QTableView *table, int row)
{
    QStringList texts;
    for (int column = 0; column < table->model()->columnCount(); ++column)
        texts << table->model()->index(row, column).data().toString();
    return texts;
}

void clickRow(QTableView *table, int row, Qt::KeyboardModifiers modifiers = {})
{
    const QRect cell = table->visualRect(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, cell.center());
}

} // namespace

class TestGuiAssign : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void assignThenWorkThroughTheQueue();
    void notEnoughAnnotatorsIsExplained();
    void moveAndUnassignByMouseAndKeyboard();
    void dialogsCloseWithTheProject();

private:
    AssignDialog *openDialog();
    QTableView *articleList() const { return m_window->articleList()->view(); }

    QTemporaryDir m_dir;
    QString m_projectPath;
    std::unique_ptr<MainWindow> m_window;
};

void TestGuiAssign::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // A project file's analyst is the login name.
    qputenv("USER", "anna");
}

void TestGuiAssign::init()
{
    static int count = 0;
    m_projectPath = m_dir.filePath(u"assign-%1.byline"_s.arg(++count));
    {
        StoreError error;
        auto store = Store::open(m_projectPath, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        for (int i = 0; i < articleCount; ++i) {
            Article article;
            article.key = u"article-%1"_s.arg(i);
            article.title = u"Article 😀 %1"_s.arg(i);
            article.text = u"Tokayev 🚀 spoke in Astana, article %1."_s.arg(i);
            QVERIFY(store->addArticle(article));
        }
    }
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openProject(m_projectPath));
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QCOMPARE(m_window->document()->annotator(), u"anna"_s);
}

void TestGuiAssign::cleanup()
{
    m_window.reset();
}

AssignDialog *TestGuiAssign::openDialog()
{
    QAction *assign = menuAction(m_window.get(), u"Assign &Articles…"_s);
    if (!assign)
        return nullptr;
    assign->trigger();
    return m_window->findChild<AssignDialog *>();
}

void TestGuiAssign::assignThenWorkThroughTheQueue()
{
    QAbstractItemModelTester tester(
        articleList()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    ArticleListPanel *panel = m_window->articleList();
    // No queue yet: nothing about one shows.
    QVERIFY(!panel->queueBox()->isVisible());
    QCOMPARE(articleList()->model()->rowCount(), articleCount);

    AssignDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // The project's one user is offered; Ben is added by name.
    QCOMPARE(dialog->annotatorList()->count(), 1);
    QCOMPARE(dialog->annotatorList()->item(0)->text(), u"anna"_s);
    QTest::keyClicks(dialog->newAnnotatorEdit(), u"ben"_s);
    QTest::keyClick(dialog->newAnnotatorEdit(), Qt::Key_Return);
    QCOMPARE(dialog->annotatorList()->count(), 2);
    dialog->perArticleBox()->selectAll();
    QTest::keyClicks(dialog->perArticleBox(), u"1"_s);
    QCOMPARE(dialog->perArticleBox()->value(), 1);

    // The preview: each gets half, from nothing.
    QTableWidget *preview = dialog->previewTable();
    QCOMPARE(preview->rowCount(), 2);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(preview->item(row, 1)->text(), u"0"_s);
        QCOMPARE(preview->item(row, 2)->text(), QString::number(articleCount / 2));
    }
    // Two each is preview only: nothing is stored until the confirmation.
    dialog->perArticleBox()->selectAll();
    QTest::keyClicks(dialog->perArticleBox(), u"2"_s);
    QCOMPARE(preview->item(0, 2)->text(), QString::number(articleCount));
    QCOMPARE(Assignments(m_window->document()->store()).progress().size(), 0);
    dialog->perArticleBox()->selectAll();
    QTest::keyClicks(dialog->perArticleBox(), u"1"_s);

    bool confirmed = false;
    QTimer::singleShot(0, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        confirmed = box->text().contains(u"anna, ben"_s);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    });
    QTest::mouseClick(dialog->assignButton(), Qt::LeftButton);
    QVERIFY(confirmed);
    QTRY_VERIFY(!m_window->findChild<AssignDialog *>());

    // Anna's list: her queue, on at once, with its progress.
    QVERIFY(panel->queueBox()->isVisible());
    QVERIFY(panel->queueBox()->isChecked());
    QCOMPARE(panel->queueProgressLabel()->text(), u"0 of 3 done"_s);
    QCOMPARE(articleList()->model()->rowCount(), articleCount / 2);

    // She opens the first and marks it done: the progress moves; undo moves it back.
    const QModelIndex first = articleList()->model()->index(0, ArticleListModel::Title);
    QTest::mouseClick(
        articleList()->viewport(), Qt::LeftButton, {}, articleList()->visualRect(first).center());
    const RecordId firstId = first.data(IdRole).toLongLong();
    QTRY_COMPARE(m_window->document()->currentArticle().id, firstId);
    QAction *done = menuAction(m_window.get(), u"Article &Done, Open Next"_s);
    QVERIFY(done);
    done->trigger();
    QTRY_COMPARE(panel->queueProgressLabel()->text(), u"1 of 3 done"_s);
    // The offscreen platform leaves no window active after the message box: do what a desktop does.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QWidget *focus = QApplication::focusWidget();
    QTest::keyClick(focus ? focus : m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    QTRY_COMPARE(panel->queueProgressLabel()->text(), u"0 of 3 done"_s);

    // Unticked, the list shows every article again.
    QTest::mouseClick(panel->queueBox(), Qt::LeftButton);
    QCOMPARE(articleList()->model()->rowCount(), articleCount);
}

void TestGuiAssign::notEnoughAnnotatorsIsExplained()
{
    AssignDialog *dialog = openDialog();
    QVERIFY(dialog);
    // One annotator cannot give each article two distinct ones: said, and each gets what there is.
    QCOMPARE(dialog->perArticleBox()->value(), 2);
    QVERIFY2(dialog->messageLabel()->text().contains(u"only 1 are chosen"_s),
        qPrintable(dialog->messageLabel()->text()));
    QCOMPARE(dialog->plan().added.size(), articleCount);
    // No one chosen: nothing to assign.
    dialog->annotatorList()->item(0)->setCheckState(Qt::Unchecked);
    QVERIFY(!dialog->assignButton()->isEnabled());
    dialog->close();
}

// Anna leaves: the admin moves her open articles to Ben, checking the preview and saying no once,
// then unassigns two articles picked from Ben's queue. Anna's list keeps the article she has open.
void TestGuiAssign::moveAndUnassignByMouseAndKeyboard()
{
    Document *document = m_window->document();
    Assignments assignments(document->store());
    QVERIFY(assignments.apply(BalancedAssigner::plan(*assignments.state(), { { u"anna"_s, u"ben"_s }, 1 })));
    const QList<QueuedArticle> annas = assignments.queue(u"anna"_s);
    QCOMPARE(annas.size(), articleCount / 2);
    QVERIFY(assignments.setDone(annas.first().articleId, u"anna"_s, true));
    m_window->findChild<ArticleQueue *>()->refresh();
    ArticleListPanel *panel = m_window->articleList();
    QAbstractItemModelTester tester(
        articleList()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(panel->queueProgressLabel()->text(), u"1 of 3 done"_s);
    // Anna has her done article open.
    QTest::mouseClick(articleList()->viewport(), Qt::LeftButton, {},
        articleList()->visualRect(articleList()->model()->index(0, ArticleListModel::Title)).center());
    QTRY_COMPARE(document->currentArticle().id, annas.first().articleId);

    QAction *manage = menuAction(m_window.get(), u"Manage Assign&ments…"_s);
    QVERIFY(manage);
    manage->trigger();
    auto *dialog = m_window->findChild<AssignmentsDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTableWidget *queues = dialog->queueTable();
    QCOMPARE(queues->rowCount(), 2);
    QCOMPARE(rowTexts(queues, 0), (QStringList { u"anna"_s, u"3"_s, u"1"_s, u"2"_s }));
    QCOMPARE(rowTexts(queues, 1), (QStringList { u"ben"_s, u"3"_s, u"0"_s, u"3"_s }));
    QTableView *articles = dialog->articleTable();
    QAbstractItemModelTester articlesTester(
        articles->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    clickRow(queues, 0);
    QCOMPARE(articles->model()->rowCount(), 3);
    QCOMPARE(rowTexts(articles, 0), (QStringList { u"Article 😀 0"_s, u"done"_s }));
    QCOMPARE(dialog->queueSizeLabel()->text(), u"anna's queue: 3 article(s), 1 done."_s);

    // Ticking Ben with the keyboard chooses the move; the preview shows both queues.
    QListWidget *targets = dialog->targetList();
    QCOMPARE(targets->count(), 1);
    targets->setFocus();
    targets->setCurrentRow(0);
    QTest::keyClick(targets, Qt::Key_Space);
    QCOMPARE(targets->item(0)->checkState(), Qt::Checked);
    QVERIFY(dialog->moveButton()->isChecked());
    QVERIFY(!dialog->includeDoneBox()->isEnabled());
    QTableWidget *preview = dialog->previewTable();
    QCOMPARE(rowTexts(preview, 0), (QStringList { u"anna"_s, u"3"_s, u"-2"_s, u"1"_s }));
    QCOMPARE(rowTexts(preview, 1), (QStringList { u"ben"_s, u"3"_s, u"+2"_s, u"5"_s }));
    QVERIFY2(dialog->messageLabel()->text().contains(u"done article(s) stay with anna"_s),
        qPrintable(dialog->messageLabel()->text()));

    // No: nothing changes.
    QString asked = clickAndAnswer(dialog->applyButton(), QMessageBox::No);
    QVERIFY2(asked.contains(u"from anna to ben"_s), qPrintable(asked));
    QCOMPARE(assignments.progressOf(u"ben"_s).assigned, 3);

    // Yes: Ben has her open articles, she keeps the one she did, and her list the article open.
    asked = clickAndAnswer(dialog->applyButton(), QMessageBox::Yes);
    QVERIFY(!asked.isEmpty());
    QCOMPARE(assignments.progressOf(u"anna"_s), (QueueProgress { u"anna"_s, 1, 1 }));
    QCOMPARE(assignments.progressOf(u"ben"_s), (QueueProgress { u"ben"_s, 5, 0 }));
    QCOMPARE(rowTexts(queues, 0), (QStringList { u"anna"_s, u"1"_s, u"1"_s, u"0"_s }));
    QCOMPARE(rowTexts(queues, 1), (QStringList { u"ben"_s, u"5"_s, u"0"_s, u"5"_s }));
    QCOMPARE(panel->queueProgressLabel()->text(), u"1 of 1 done"_s);
    QCOMPARE(articleList()->model()->rowCount(), 1);
    QCOMPARE(articleList()->currentIndex().data(IdRole).toLongLong(), annas.first().articleId);
    QCOMPARE(document->currentArticle().id, annas.first().articleId);

    // Ben's queue: two of his articles picked with the mouse leave it.
    clickRow(queues, 1);
    QCOMPARE(articles->model()->rowCount(), 5);
    QCOMPARE(dialog->queueSizeLabel()->text(), u"ben's queue: 5 article(s), 0 done."_s);
    QVERIFY(!dialog->selectedArticlesButton()->isEnabled());
    clickRow(articles, 1);
    clickRow(articles, 3, Qt::ControlModifier);
    QVERIFY(dialog->selectedArticlesButton()->isChecked());
    // On the button's circle: the row is wider than its label, which takes the click.
    QTest::mouseClick(
        dialog->unassignButton(), Qt::LeftButton, {}, QPoint(8, dialog->unassignButton()->height() / 2));
    QVERIFY(dialog->unassignButton()->isChecked());
    QCOMPARE(dialog->plan().removed.size(), 2);
    QCOMPARE(rowTexts(preview, 0), (QStringList { u"ben"_s, u"5"_s, u"-2"_s, u"3"_s }));
    const RecordId second = articles->model()->index(1, 0).data(IdRole).toLongLong();
    asked = clickAndAnswer(dialog->applyButton(), QMessageBox::Yes);
    QVERIFY2(asked.contains(u"Unassign 2 article(s) from ben"_s), qPrintable(asked));
    QCOMPARE(assignments.progressOf(u"ben"_s).assigned, 3);
    for (const QueuedArticle &article : assignments.queue(u"ben"_s))
        QVERIFY(article.articleId != second);
    QCOMPARE(rowTexts(queues, 1), (QStringList { u"ben"_s, u"3"_s, u"0"_s, u"3"_s }));
    // The dialog shows Ben's queue as it is now, and the choice of articles starts over.
    QCOMPARE(articles->model()->rowCount(), 3);
    QCOMPARE(dialog->queueSizeLabel()->text(), u"ben's queue: 3 article(s), 0 done."_s);
    for (int row = 0; row < 3; ++row)
        QVERIFY(articles->model()->index(row, 0).data(IdRole).toLongLong() != second);
    QVERIFY(!articles->selectionModel()->hasSelection());
    QVERIFY(!dialog->selectedArticlesButton()->isChecked());
    dialog->close();
}

// The assignment dialogs act on the open project: opening another takes them away, and the
// project's connection closes with nothing of the dialogs still holding it.
void TestGuiAssign::dialogsCloseWithTheProject()
{
    QPointer<AssignDialog> assign = openDialog();
    QVERIFY(assign);
    QAction *manage = menuAction(m_window.get(), u"Manage Assign&ments…"_s);
    QVERIFY(manage);
    manage->trigger();
    QPointer<AssignmentsDialog> assignments = m_window->findChild<AssignmentsDialog *>();
    QVERIFY(assignments);
    const QString other = m_dir.filePath(u"other.byline"_s);
    {
        StoreError error;
        QVERIFY2(Store::open(other, Store::Mode::ReadWrite, &error), qPrintable(error.message));
    }
    QVERIFY(m_window->openProject(other));
    QVERIFY(!assign);
    QVERIFY(!assignments);
}

QTEST_MAIN(TestGuiAssign)
#include "tst_gui_assign.moc"

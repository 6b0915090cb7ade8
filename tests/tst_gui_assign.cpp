// SPDX-License-Identifier: GPL-3.0-or-later
// Tools > Assign Articles and the analyst's queue in the article list, driven as a person would:
// the admin assigns through the dialog, the list then shows the queue and its progress, and
// marking an article done (and undoing it) moves the progress.
#include "articlelistmodel.h"
#include "articlelistpanel.h"
#include "articleview.h"
#include "assigndialog.h"
#include "assignments.h"
#include "document.h"
#include "mainwindow.h"
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
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Byline;
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

} // namespace

class TestGuiAssign : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void assignThenWorkThroughTheQueue();
    void notEnoughAnnotatorsIsExplained();

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

QTEST_MAIN(TestGuiAssign)
#include "tst_gui_assign.moc"

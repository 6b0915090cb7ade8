// SPDX-License-Identifier: GPL-3.0-or-later
// An annotator of a team project on a server: their list opens on their queue, the Curation
// column shows, and Tools > Assign Articles says why they cannot assign. An admin picks articles
// from a queue longer than a page in Tools > Manage Assignments and moves them.
#include "articlelistmodel.h"
#include "articlelistpanel.h"
#include "assigndialog.h"
#include "assignments.h"
#include "assignmentsdialog.h"
#include "document.h"
#include "mainwindow.h"
#include "modalanswers.h"
#include "modelroles.h"
#include "postgresserver.h"
#include "queuearticlemodel.h"
#include "store.h"
#include "teamroles.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace Byline;
using Byline::Test::clickAndAnswer;
using namespace Qt::StringLiterals;

namespace {

QList<RecordId> queueIds(Assignments &assignments, const QString &annotator)
{
    QList<RecordId> ids;
    for (const QueuedArticle &article : assignments.queue(annotator))
        ids << article.articleId;
    return ids;
}

} // namespace

class TestGuiPostgresAssign : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void annotatorWorksThroughTheirQueue();
    void adminsMovesReachTheOpenList();
    void adminPicksFromALongQueue();

private:
    std::unique_ptr<Test::PostgresServer> m_server;
};

void TestGuiPostgresAssign::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (const QString reason = Test::PostgresServer::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_server = std::make_unique<Test::PostgresServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestGuiPostgresAssign::annotatorWorksThroughTheirQueue()
{
    const QString database = u"queue"_s;
    QVERIFY(!m_server->createDatabase(database).isEmpty());
    {
        StoreError error;
        auto owner = Store::open(m_server->url(database), Store::Mode::ReadWrite, &error);
        QVERIFY2(owner, qPrintable(error.message));
        for (int i = 0; i < 5; ++i) {
            Article article { .key = u"talks-%1"_s.arg(i),
                .title = u"Talks 😀 %1"_s.arg(i),
                .text = u"Tokayev 🚀 met Putin, day %1."_s.arg(i) };
            QVERIFY(owner->addArticle(article));
        }
        TeamRoles roles(*owner);
        QVERIFY(roles.addMember({ u"anna"_s, TeamRole::Annotator, u"Anna"_s }, u"secret"_s));
        QVERIFY(roles.addMember({ u"ben"_s, TeamRole::Annotator, u"Ben"_s }, u"secret"_s));
        Assignments assignments(*owner);
        QVERIFY(
            assignments.apply(BalancedAssigner::plan(*assignments.state(), { { u"anna"_s, u"ben"_s }, 1 })));
    }

    MainWindow window;
    QVERIFY(window.openProject(m_server->url(database, u"anna"_s)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ArticleListPanel *panel = window.articleList();
    QAbstractItemModelTester tester(
        panel->view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(panel->queueBox()->isVisible());
    QVERIFY(panel->queueBox()->isChecked());
    QCOMPARE(panel->queueProgressLabel()->text(), u"0 of 3 done"_s);
    QCOMPARE(panel->view()->model()->rowCount(), 3);
    QVERIFY(!panel->view()->isColumnHidden(ArticleListModel::Curation));
    QCOMPARE(
        panel->view()->model()->index(0, ArticleListModel::Curation).data().toString(), u"not started"_s);

    // A click on its header leaves the order as it was: nothing sorts by it.
    QHeaderView *header = panel->view()->horizontalHeader();
    const QList<RecordId> before { panel->view()->model()->index(0, 0).data(IdRole).toLongLong(),
        panel->view()->model()->index(2, 0).data(IdRole).toLongLong() };
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
        QPoint(header->sectionViewportPosition(ArticleListModel::Curation) + 4, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), -1);
    QCOMPARE(panel->view()->model()->index(0, 0).data(IdRole).toLongLong(), before[0]);
    QCOMPARE(panel->view()->model()->index(2, 0).data(IdRole).toLongLong(), before[1]);

    QAction *assign = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == u"Assign &Articles…"_s)
            assign = action;
    }
    QVERIFY(assign);
    assign->trigger();
    auto *dialog = window.findChild<AssignDialog *>();
    QVERIFY(dialog);
    QVERIFY2(dialog->messageLabel()->text().contains(u"Only the project's admins can assign articles"_s),
        qPrintable(dialog->messageLabel()->text()));
    QVERIFY(dialog->messageLabel()->text().contains(u"anna"_s));
    QVERIFY(!dialog->assignButton()->isEnabled());
    QVERIFY(!dialog->annotatorList()->isEnabled());
    dialog->close();
}

// Cleo works in her queue while the admin, elsewhere, moves Dirk's open articles to her: within a
// second her progress and list show them, and the article she has open stays the current row.
void TestGuiPostgresAssign::adminsMovesReachTheOpenList()
{
    const QString database = u"live"_s;
    QVERIFY(!m_server->createDatabase(database).isEmpty());
    StoreError error;
    auto owner = Store::open(m_server->url(database), Store::Mode::ReadWrite, &error);
    QVERIFY2(owner, qPrintable(error.message));
    for (int i = 0; i < 6; ++i) {
        Article article { .key = u"talks-%1"_s.arg(i),
            .title = u"Talks 😀 %1"_s.arg(i),
            .text = u"Tokayev 🚀 met Putin, day %1."_s.arg(i) };
        QVERIFY(owner->addArticle(article));
    }
    TeamRoles roles(*owner);
    QVERIFY(roles.addMember({ u"cleo"_s, TeamRole::Annotator, u"Cleo"_s }, u"secret"_s));
    QVERIFY(roles.addMember({ u"dirk"_s, TeamRole::Annotator, u"Dirk"_s }, u"secret"_s));
    Assignments admin(*owner);
    QVERIFY(admin.apply(BalancedAssigner::plan(*admin.state(), { { u"cleo"_s, u"dirk"_s }, 1 })));

    MainWindow window;
    QVERIFY(window.openProject(m_server->url(database, u"cleo"_s)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ArticleListPanel *panel = window.articleList();
    QTableView *list = panel->view();
    QAbstractItemModelTester tester(list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(panel->queueProgressLabel()->text(), u"0 of 3 done"_s);
    const QModelIndex second = list->model()->index(1, ArticleListModel::Title);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(second).center());
    const RecordId open = second.data(IdRole).toLongLong();
    QTRY_COMPARE(window.document()->currentArticle().id, open);

    QVERIFY(admin.reassign(BalancedAssigner::reassign(*admin.state(), { u"dirk"_s, { u"cleo"_s } })));
    QTRY_COMPARE_WITH_TIMEOUT(panel->queueProgressLabel()->text(), u"0 of 6 done"_s, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 6, 1000);
    QCOMPARE(list->currentIndex().data(IdRole).toLongLong(), open);
    QCOMPARE(window.document()->currentArticle().id, open);
    QVERIFY(list->selectionModel()->isRowSelected(list->currentIndex().row()));
}

// Eve's queue is longer than a page. The admin sees its size at once and the first page of it;
// scrolling to its end with the keyboard reads the next page, and articles picked across the two
// pages move to Fred. Then the rest of her open queue moves without the list reading any more.
void TestGuiPostgresAssign::adminPicksFromALongQueue()
{
    constexpr int pageSize = QueueArticleModel::pageSize;
    constexpr int queueSize = 2 * pageSize + 50;
    const QString database = u"long"_s;
    QVERIFY(!m_server->createDatabase(database).isEmpty());
    StoreError error;
    auto owner = Store::open(m_server->url(database), Store::Mode::ReadWrite, &error);
    QVERIFY2(owner, qPrintable(error.message));
    AssignmentPlan plan;
    {
        Store::Transaction transaction(*owner);
        for (int i = 0; i < queueSize; ++i) {
            Article article { .key = u"talks-%1"_s.arg(i),
                .title = u"Talks 😀 %1"_s.arg(i),
                .text = u"Tokayev 🚀 met Putin, day %1."_s.arg(i) };
            QVERIFY(owner->addArticle(article));
            plan.added << Assignment { article.id, u"eve"_s };
        }
        QVERIFY(transaction.commit());
    }
    TeamRoles roles(*owner);
    QVERIFY(roles.addMember({ u"eve"_s, TeamRole::Annotator, u"Eve"_s }, u"secret"_s));
    QVERIFY(roles.addMember({ u"fred"_s, TeamRole::Annotator, u"Fred"_s }, u"secret"_s));
    QVERIFY(roles.addMember({ u"ada"_s, TeamRole::Admin, u"Ada"_s }, u"secret"_s));
    Assignments assignments(*owner);
    QVERIFY2(assignments.apply(plan), qPrintable(assignments.errorString()));
    QVERIFY(assignments.setDone(plan.added.first().articleId, u"eve"_s, true));

    MainWindow window;
    QVERIFY(window.openProject(m_server->url(database, u"ada"_s)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *manage = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == u"Manage Assign&ments…"_s)
            manage = action;
    }
    QVERIFY(manage);
    manage->trigger();
    auto *dialog = window.findChild<AssignmentsDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // No QAbstractItemModelTester here: it fetches more itself, and the pages read are the point.
    // (tst_gui_assign and tst_queuemodel test the model with it.)
    QTableView *articles = dialog->articleTable();
    QCOMPARE(dialog->queueTable()->rowCount(), 1);
    QCOMPARE(dialog->queueTable()->item(0, 0)->text(), u"eve"_s);
    QCOMPARE(dialog->queueSizeLabel()->text(), u"eve's queue: 450 article(s), 1 done."_s);
    QCOMPARE(articles->model()->rowCount(), pageSize);
    QCOMPARE(articles->model()->index(0, 1).data().toString(), u"done"_s);

    // Ctrl+End goes to the last row read and scrolls there: the next page comes in, one page.
    articles->setFocus();
    QTest::keyClick(articles, Qt::Key_End, Qt::ControlModifier);
    QTRY_COMPARE(articles->model()->rowCount(), 2 * pageSize);
    QCOMPARE(articles->currentIndex().row(), pageSize - 1);
    // Shift+Down twice takes in the first two of the new page.
    QTest::keyClick(articles, Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(articles, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(articles->selectionModel()->selectedRows().size(), 3);
    QVERIFY(dialog->selectedArticlesButton()->isChecked());
    QList<RecordId> picked;
    for (int row = pageSize - 1; row <= pageSize + 1; ++row)
        picked << articles->model()->index(row, 0).data(IdRole).toLongLong();
    QCOMPARE(picked,
        (QList<RecordId> { plan.added[pageSize - 1].articleId, plan.added[pageSize].articleId,
            plan.added[pageSize + 1].articleId }));

    // Fred ticked with the keyboard (the server's other members are offered too): the move, previewed.
    QListWidget *targets = dialog->targetList();
    const auto tickFred = [targets] {
        const QList<QListWidgetItem *> fred = targets->findItems(u"fred"_s, Qt::MatchExactly);
        QCOMPARE(fred.size(), 1);
        targets->setFocus();
        targets->setCurrentItem(fred.first());
        QTest::keyClick(targets, Qt::Key_Space);
        QCOMPARE(fred.first()->checkState(), Qt::Checked);
    };
    QVERIFY(targets->findItems(u"eve"_s, Qt::MatchExactly).isEmpty());
    tickFred();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(dialog->moveButton()->isChecked());
    QTableWidget *preview = dialog->previewTable();
    QCOMPARE(preview->item(0, 3)->text(), u"447"_s);
    QCOMPARE(preview->item(1, 3)->text(), u"3"_s);
    QString asked = clickAndAnswer(dialog->applyButton(), QMessageBox::Yes);
    QVERIFY2(asked.contains(u"Move 3 article(s) from eve to fred"_s), qPrintable(asked));
    QCOMPARE(queueIds(assignments, u"fred"_s), picked);
    QCOMPARE(assignments.progressOf(u"eve"_s).assigned, queueSize - 3);
    // The dialog shows her queue as it is now, from its first page.
    QCOMPARE(dialog->queueSizeLabel()->text(), u"eve's queue: 447 article(s), 1 done."_s);
    QCOMPARE(articles->model()->rowCount(), pageSize);
    QVERIFY(!articles->selectionModel()->hasSelection());
    QCOMPARE(dialog->queueTable()->rowCount(), 2);

    // The whole queue, of which the list holds a page: every open article moves, the done one stays.
    QVERIFY(!dialog->selectedArticlesButton()->isChecked());
    tickFred();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(dialog->plan().added.size(), queueSize - 4);
    asked = clickAndAnswer(dialog->applyButton(), QMessageBox::Yes);
    QVERIFY2(asked.contains(u"Move 446 article(s) from eve to fred"_s), qPrintable(asked));
    QCOMPARE(assignments.progressOf(u"fred"_s).assigned, queueSize - 1);
    QCOMPARE(queueIds(assignments, u"eve"_s), QList<RecordId> { plan.added.first().articleId });
    QCOMPARE(dialog->queueSizeLabel()->text(), u"eve's queue: 1 article(s), 1 done."_s);
    QCOMPARE(articles->model()->rowCount(), 1);
    dialog->close();
}

QTEST_MAIN(TestGuiPostgresAssign)
#include "tst_gui_postgres_assign.moc"

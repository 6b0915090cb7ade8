// SPDX-License-Identifier: GPL-3.0-or-later
// An annotator of a team project on a server: their list opens on their queue, the Curation
// column shows, and Tools > Assign Articles says why they cannot assign.
#include "articlelistmodel.h"
#include "articlelistpanel.h"
#include "assigndialog.h"
#include "assignments.h"
#include "document.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "postgresserver.h"
#include "store.h"
#include "teamroles.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestGuiPostgresAssign : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void annotatorWorksThroughTheirQueue();
    void adminsMovesReachTheOpenList();

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

QTEST_MAIN(TestGuiPostgresAssign)
#include "tst_gui_postgres_assign.moc"
